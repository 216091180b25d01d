"""Tests of eventwire.readers: every input format and every bad-input case.

All articles here are fictional and written for these tests.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from eventwire import readers
from eventwire.errors import UnreadableArticle
from eventwire.model import Article, Caption, Reject
from eventwire.readers import (
    MAX_ARTICLE_CHARS,
    build_article,
    normalise_block,
    parse_html,
    parse_jsonl_record,
    parse_text_article,
    read_inputs,
    read_path,
)

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\xa0"

# A fictional article in the seed's plain-text layout, with the seed's odd whitespace:
# a leading space on the headline, NBSP-only lines, a blank line inside the body.
LAYOUT = (
    " Ruritania accuses Borduria of shelling a border town\n"
    "Published: 14 Jan. 2025, 08:45\n"
    "Smoke rises over the town of Szohod on Monday. [AP]\n"
    "\n"
    "Ruritania on Tuesday accused Borduria of shelling the border town of Szohod, "
    "saying at least three civilians were killed.\n"
    f"{NBSP}\n"
    "The Ruritanian defence ministry said  Bordurian artillery\tfired more than 40 shells "
    "at the town on Monday night.\n"
    f"{NBSP}\n"
    "\n"
    "Borduria\u2019s foreign ministry denied the claim and called it \u201cslander.\u201d\n"
    "\n"
    "Newswire\n"
    "tags Ruritania Borduria border\n"
    "\n"
)
LAYOUT_BODY = [
    "Ruritania on Tuesday accused Borduria of shelling the border town of Szohod, "
    "saying at least three civilians were killed.",
    "The Ruritanian defence ministry said Bordurian artillery fired more than 40 shells "
    "at the town on Monday night.",
    "Borduria\u2019s foreign ministry denied the claim and called it \u201cslander.\u201d",
]

ENGLISH_BODY = (
    "The government of Ruritania said on Monday that it would send a delegation to the "
    "capital of Borduria to discuss the dispute over the river, which has been a source "
    "of tension between the two countries for more than a decade."
)
GERMAN_BODY = (
    "Die Regierung von Ruritanien hat am Montag mitgeteilt, dass sie eine Delegation in "
    "die Hauptstadt von Bordurien schicken wird. Der Streit über den Fluss ist seit mehr "
    "als zehn Jahren eine Quelle von Spannungen zwischen den beiden Ländern, und die "
    "Gespräche sollen noch in dieser Woche beginnen."
)
FRENCH_BODY = (
    "Le gouvernement de la Ruritanie a annoncé lundi qu'il enverrait une délégation dans la "
    "capitale de la Bordurie. Le différend sur le fleuve est une source de tensions entre "
    "les deux pays depuis plus de dix ans, et les discussions doivent commencer cette semaine."
)
SPANISH_BODY = (
    "El gobierno de Ruritania anunció el lunes que enviará una delegación a la capital de "
    "Borduria. La disputa sobre el río es una fuente de tensión entre los dos países desde "
    "hace más de una década, y las conversaciones deben comenzar esta semana en la capital."
)
KOREAN_BODY = (
    "루리타니아 정부는 월요일 보르두리아의 수도에 대표단을 보내 "
    "강을 둘러싼 분쟁을 논의할 것이라고 "
    "밝혔다. 이 분쟁은 10년 넘게 두 나라 사이의 긴장의 원인이 되어 왔다."
)

HTML_PAGE = """<!doctype html>
<html lang="en"><head>
<title>Borduria closes border crossings | The Example Gazette</title>
<meta property="og:title" content="Borduria closes border crossings with Ruritania">
<meta property="og:site_name" content="The Example Gazette">
<meta property="article:published_time" content="2025-01-15T07:30:00+01:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Borduria closes border crossings with Ruritania</h1>
<figure><img src="gate.jpg" alt="">
<figcaption>A closed gate at the Szohod crossing. [REUTERS]</figcaption></figure>
<p>Borduria closed all of its border crossings with Ruritania on Wednesday, a day after
Ruritania accused Bordurian forces of shelling the town of Szohod.</p>
<p>The Bordurian interior ministry said the crossings would stay closed until further notice
and ordered extra police units to the border region.</p>
<p>Ruritania's foreign minister called the decision "a provocation" and said Ruritania would
ask the United Nations to send observers.</p>
</article>
<footer>Copyright 2025 The Example Gazette. All rights reserved.</footer>
</body></html>
"""


def _write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _one(results: list[Article | Reject]) -> Article | Reject:
    assert len(results) == 1, results
    return results[0]


def _article(results: list[Article | Reject]) -> Article:
    item = _one(results)
    assert isinstance(item, Article), item
    return item


def _rejected(results: list[Article | Reject]) -> Reject:
    item = _one(results)
    assert isinstance(item, Reject), item
    assert item.stage == "read"
    return item


def _blocks(article: Article) -> list[str]:
    return [span.slice(article.text) for span in article.paragraphs]


# ------------------------------------------------------------------ normalisation


def test_normalise_block_collapses_whitespace_and_keeps_quotes() -> None:
    assert normalise_block(f"  a\t\tb{NBSP}{NBSP}c \n d  ") == "a b c d"
    assert normalise_block("Caf\u0065\u0301") == "Caf\u00e9"  # NFC
    assert normalise_block("\u201cquoted\u201d \u2018x\u2019") == "\u201cquoted\u201d \u2018x\u2019"
    assert normalise_block(f"{NBSP} \t") == ""


def test_build_article_spans_each_block() -> None:
    article = build_article(
        id="a", headline=" Head  line ", paragraphs=["One.", "  ", f"Two{NBSP} words."],
        published=None,
    )  # fmt: skip
    assert article.text == "Head line\n\nOne.\n\nTwo words."
    assert _blocks(article) == ["Head line", "One.", "Two words."]
    assert article.headline == "Head line"
    assert [s.slice(article.text) for s in article.body_paragraphs] == ["One.", "Two words."]


def test_build_article_without_text_raises() -> None:
    with pytest.raises(UnreadableArticle, match="the article has no text"):
        build_article(id="a", headline=" ", paragraphs=["", NBSP], published=None)


# ------------------------------------------------------------------ plain-text layout


def test_text_layout() -> None:
    article = parse_text_article(LAYOUT, article_id="ruritania", origin="ruritania.txt")
    assert article.id == "ruritania"
    assert article.origin == "ruritania.txt"
    assert article.headline == "Ruritania accuses Borduria of shelling a border town"
    assert article.published == datetime(2025, 1, 14, 8, 45)
    assert article.captions == (Caption("Smoke rises over the town of Szohod on Monday.", "AP"),)
    assert article.wire == "Newswire"
    assert article.tags == ("Ruritania Borduria border", "Ruritania", "Borduria", "border")
    assert _blocks(article) == [article.headline, *LAYOUT_BODY]
    assert article.text == "\n\n".join([article.headline, *LAYOUT_BODY])
    assert "Smoke" not in article.text and "Newswire" not in article.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 19 Dec. 2024, 10:00", datetime(2024, 12, 19, 10, 0)),
        ("Published: 2024-12-19", datetime(2024, 12, 19)),
        ("Published: 2024-12-19T10:00", datetime(2024, 12, 19, 10, 0)),
        (
            "Published: December 19, 2024 10:00 KST",
            datetime(2024, 12, 19, 10, 0, tzinfo=timezone(timedelta(hours=9))),
        ),
        ("Posted: 19 December 2024", datetime(2024, 12, 19)),
    ],
)
def test_published_line_variants(line: str, expected: datetime) -> None:
    article = parse_text_article(
        f"A headline\n{line}\n\n{ENGLISH_BODY}\n", article_id="a"
    )
    assert article.published == expected
    assert article.headline == "A headline"
    assert line not in article.text


def test_published_argument_overrides_the_line() -> None:
    when = datetime(2025, 2, 1, 12, 0)
    article = parse_text_article(LAYOUT, article_id="a", published=when)
    assert article.published == when


def test_bad_published_line_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path / "late.txt", f"A headline\nPublished: soon\n\n{ENGLISH_BODY}\n")
    reject = _rejected(list(read_inputs([path])))
    assert reject.error == "UnreadableArticle"
    assert reject.message == (
        f"{path}: the 'Published:' line has 'soon', which is not a date. "
        "Write it like 'Published: 19 Dec. 2024, 10:00' or remove the line."
    )
    # With --published the line is not even looked at.
    when = datetime(2025, 1, 1)
    assert _article(list(read_inputs([path], published=when))).published == when


def test_update_line_that_is_not_a_date_stays_body() -> None:
    text = f"Update: the ministry has since withdrawn its statement\n\n{ENGLISH_BODY}"
    article = parse_text_article(text, article_id="a")
    assert article.published is None
    assert article.headline == "Update: the ministry has since withdrawn its statement"


def test_short_first_line_without_period_is_headline() -> None:
    article = parse_text_article(f"Ruritania sends delegation\n\n{ENGLISH_BODY}", article_id="a")
    assert article.headline == "Ruritania sends delegation"
    assert article.published is None
    assert _blocks(article) == ["Ruritania sends delegation", ENGLISH_BODY]


@pytest.mark.parametrize(
    "first",
    [
        "Ruritania sent a delegation.",  # ends with a period
        " ".join(["word"] * 21),  # over 20 words
    ],
)
def test_first_line_that_is_not_a_headline(first: str) -> None:
    article = parse_text_article(f"{first}\n\n{ENGLISH_BODY}", article_id="a")
    assert article.headline is None
    assert _blocks(article) == [first, ENGLISH_BODY]


def test_single_newlines_make_one_paragraph_a_line() -> None:
    text = "Ruritania sends delegation\nFirst line of the body.\nSecond line of the body.\n"
    article = parse_text_article(text, article_id="a")
    assert article.headline == "Ruritania sends delegation"
    assert _blocks(article)[1:] == ["First line of the body.", "Second line of the body."]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The government of Ruritania said on Monday that it\n"
        "would send a delegation to Borduria.\n"
        "\n"
        "Talks are expected\n"
        "to begin on Friday.\n"
    )
    article = parse_text_article(text, article_id="a")
    assert article.headline is None  # the first line continues on the next one
    assert _blocks(article) == [
        "The government of Ruritania said on Monday that it would send a delegation to Borduria.",
        "Talks are expected to begin on Friday.",
    ]


@pytest.mark.parametrize(
    ("footer", "wire"),
    [
        ("(Yonhap)", "Yonhap"),
        ("AFP", "AFP"),
        ("Reuters", "Reuters"),
        ("Example News Agency", "Example News Agency"),
    ],
)
def test_wire_line_at_the_end(footer: str, wire: str) -> None:
    article = parse_text_article(f"Headline here\n\n{ENGLISH_BODY}\n\n{footer}\n", article_id="a")
    assert article.wire == wire
    assert article.tags == ()
    assert footer not in article.text


def test_sentence_at_the_end_is_not_a_wire() -> None:
    text = f"Headline here\n\n{ENGLISH_BODY}\n\nTalks resume Friday.\n"
    article = parse_text_article(text, article_id="a")
    assert article.wire is None
    assert _blocks(article)[-1] == "Talks resume Friday."


def test_end_marker_is_dropped() -> None:
    text = f"Headline here\n\n{ENGLISH_BODY}\n\nYonhap\n(END)\n"
    article = parse_text_article(text, article_id="a")
    assert article.wire == "Yonhap"
    assert "END" not in article.text


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("tags Korea, North Korea, Russia", ("Korea", "North Korea", "Russia")),
        ("Tags: Korea;  North Korea", ("Korea", "North Korea")),
        ("tags Korea  North Korea  Russia", ("Korea", "North Korea", "Russia")),
        ("tags diplomacy", ("diplomacy",)),
        (
            "tags South Korea United Arab Emirates Bosnia and Herzegovina trade",
            (
                "South Korea United Arab Emirates Bosnia and Herzegovina trade",
                "South Korea",
                "United Arab Emirates",
                "Bosnia and Herzegovina",
                "trade",
            ),
        ),
    ],
)
def test_tags_line(line: str, tags: tuple[str, ...]) -> None:
    article = parse_text_article(f"Headline here\n\n{ENGLISH_BODY}\n\n{line}\n", article_id="a")
    assert article.tags == tags
    assert line not in article.text


def test_bracket_inside_body_is_not_a_caption() -> None:
    body = "He said the talks had [sic]"
    article = parse_text_article(f"Headline here\n\n{ENGLISH_BODY}\n\n{body}\n", article_id="a")
    assert article.captions == ()
    assert _blocks(article)[-1] == body


def test_one_line_article_is_body_not_headline() -> None:
    article = parse_text_article("Ruritania sends delegation", article_id="a")
    assert article.headline is None
    assert article.text == "Ruritania sends delegation"


def test_crlf_and_bom() -> None:
    text = "\ufeffHeadline here\r\n\r\n" + ENGLISH_BODY + "\r\n"
    article = parse_text_article(text, article_id="a")
    assert article.headline == "Headline here"
    assert _blocks(article) == ["Headline here", ENGLISH_BODY]


def test_text_file_id_and_origin(tmp_path: Path) -> None:
    path = _write(tmp_path / "ruritania.txt", LAYOUT)
    article = _article(list(read_inputs([path])))
    assert article.id == "ruritania"
    assert article.origin == str(path)
    assert article.language == "en"


# ------------------------------------------------------------------ JSON Lines


def _jsonl(path: Path, *records: dict | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return _write(path, "\n".join(lines) + "\n")


def test_jsonl_records(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "feed.jsonl",
        {
            "id": "r1",
            "url": "https://example.org/r1",
            "title": "Ruritania sends delegation",
            "published": "2025-01-13T09:00:00",
            "source": "Example Wire",
            "text": f"Ruritania sends delegation\n{ENGLISH_BODY}\n\nTalks begin on Friday.",
            "language": "en",
        },
        "",
        {"text": f"{ENGLISH_BODY}\nSecond paragraph here."},
        {"id": 7, "text": ENGLISH_BODY, "published": "January 14, 2025"},
    )
    first, second, third = list(read_inputs([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert isinstance(third, Article)
    assert first.id == "r1"
    assert first.headline == "Ruritania sends delegation"
    assert _blocks(first) == ["Ruritania sends delegation", ENGLISH_BODY, "Talks begin on Friday."]
    assert first.published == datetime(2025, 1, 13, 9, 0)
    assert (first.url, first.source, first.language) == (
        "https://example.org/r1", "Example Wire", "en",
    )  # fmt: skip
    assert first.origin == f"{path}:1"
    # No title: no headline is invented; no id: "<stem>-<line>" (line 3: line 2 is blank).
    assert second.id == "feed-3"
    assert second.headline is None
    assert _blocks(second) == [ENGLISH_BODY, "Second paragraph here."]
    assert second.language == "en"  # detected
    assert third.id == "7"
    assert third.published == datetime(2025, 1, 14)


def test_jsonl_published_argument_supplies_and_overrides(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "feed.jsonl",
        {"text": ENGLISH_BODY},
        {"text": ENGLISH_BODY, "published": "2020-01-01"},
        {"text": ENGLISH_BODY, "published": "not a date"},
    )
    when = datetime(2025, 3, 3, 9, 30)
    results = list(read_inputs([path], published=when))
    assert [r.published for r in results] == [when, when, when]  # type: ignore[union-attr]


def test_jsonl_bad_published_is_rejected(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "feed.jsonl",
        {"id": "x1", "text": ENGLISH_BODY, "published": "next week-ish"},
        {"id": "x2", "text": ENGLISH_BODY, "published": 20250101},
        {"id": "x3", "text": ENGLISH_BODY},
    )
    first, second, third = list(read_inputs([path]))
    assert first == Reject(
        source=f"{path}:1",
        stage="read",
        error="UnreadableArticle",
        message=(
            f"{path}:1: the \"published\" value 'next week-ish' is not a date. "
            'Give an ISO date such as "2024-12-19T10:00" or leave it out.'
        ),
        article_id="x1",
    )
    assert isinstance(second, Reject) and second.message == (
        f"{path}:2: the \"published\" value 20250101 is not a date. "
        'Give an ISO date such as "2024-12-19T10:00" or leave it out.'
    )
    assert isinstance(third, Article) and third.id == "x3"


def test_jsonl_invalid_json_line(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "feed.jsonl",
        {"text": ENGLISH_BODY},
        {"text": ENGLISH_BODY},
        '{"id": "broken" "text": "x"}',
        {"text": ENGLISH_BODY},
    )
    results = list(read_inputs([path]))
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Reject", "Article"]
    reject = results[2]
    assert reject.source == f"{path}:3"  # type: ignore[union-attr]
    assert reject.error == "UnreadableArticle"  # type: ignore[union-attr]
    assert reject.message == (  # type: ignore[union-attr]
        f"{path}:3: not valid JSON (Expecting ',' delimiter at column 17). "
        "Fix or remove that line."
    )
    assert results[3].id == "feed-4"  # type: ignore[union-attr]


def test_jsonl_record_without_text(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", {"id": "a1", "title": "No body"})
    reject = _rejected(list(read_inputs([path])))
    assert reject.article_id == "a1"
    assert reject.message == (
        f'{path}:1: the record has no "text" field. Each JSON line needs {{"text": ...}}.'
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '["a list"]',
            'the line is a JSON list, not an object. Each JSON line needs {"text": ...}.',
        ),
        (
            '{"text": 42}',
            'the record\'s "text" is a JSON number, not a string. '
            'Each JSON line needs {"text": "..."}.',
        ),
        (
            '{"text": "x", "title": ["a"]}',
            'the record\'s "title" is a JSON list, not a string. '
            "Give it as a string or leave it out.",
        ),
        ('{"text": "   "}', "the article has no text. Give the article's text."),
    ],
)
def test_jsonl_odd_records(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path / "feed.jsonl", line + "\n")
    assert _rejected(list(read_inputs([path]))).message == f"{path}:1: {message}"


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    good = json.dumps({"text": ENGLISH_BODY}).encode()
    path = _write(tmp_path / "feed.jsonl", good + b'\n{"text": "caf\xe9"}\n' + good + b"\n")
    results = list(read_inputs([path]))
    assert [type(r).__name__ for r in results] == ["Article", "Reject", "Article"]
    assert results[1].message == (  # type: ignore[union-attr]
        f"{path}:2: not valid UTF-8 (byte 0xe9 at offset 13). Save the file as UTF-8."
    )


def test_jsonl_over_long_line_is_skipped_not_loaded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_JSON_LINE_BYTES", 200)
    long_line = json.dumps({"text": "x " * 500})
    path = _jsonl(tmp_path / "feed.jsonl", long_line, {"text": "A short record."})
    first, second = list(read_inputs([path]))
    assert isinstance(first, Reject)
    assert first.message == (
        f"{path}:1: the line has {len(long_line) + 1:,} bytes, over the 200 limit. "
        "Split the article into smaller ones."
    )
    assert isinstance(second, Article) and second.id == "feed-2"


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", *({"text": ENGLISH_BODY} for _ in range(3)))
    stream = read_inputs([path])
    assert isinstance(next(stream), Article)  # lazily: one record at a time
    assert len(list(stream)) == 2


def test_parse_jsonl_record_directly() -> None:
    article = parse_jsonl_record({"text": "Line one.\n\nLine two."}, default_id="d-1")
    assert article.id == "d-1"
    assert _blocks(article) == ["Line one.", "Line two."]
    with pytest.raises(UnreadableArticle, match='no "text" field'):
        parse_jsonl_record({}, default_id="d-2")


def test_json_document_with_a_list_of_records(tmp_path: Path) -> None:
    records = [{"id": "a", "text": ENGLISH_BODY}, {"text": ENGLISH_BODY}]
    path = _write(tmp_path / "batch.json", json.dumps(records, indent=2))
    results = list(read_inputs([path]))
    assert [r.id for r in results] == ["a", "batch-2"]  # type: ignore[union-attr]


def test_json_file_with_one_record_a_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "batch.json", {"text": ENGLISH_BODY}, {"text": ENGLISH_BODY})
    assert [r.id for r in read_inputs([path])] == ["batch-1", "batch-2"]  # type: ignore[union-attr]


# ------------------------------------------------------------------ HTML


def test_html_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "closure.html", HTML_PAGE)
    article = _article(list(read_inputs([path])))
    assert article.id == "closure"
    assert article.headline == "Borduria closes border crossings with Ruritania"
    assert article.published == datetime(2025, 1, 15, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    assert article.source == "The Example Gazette"
    assert article.captions == (Caption("A closed gate at the Szohod crossing.", "REUTERS"),)
    blocks = _blocks(article)
    assert blocks[0] == article.headline
    assert blocks[1].startswith("Borduria closed all of its border crossings")
    assert len(blocks) == 4
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert "closed gate" not in article.text


def test_htm_extension_and_published_override(tmp_path: Path) -> None:
    path = _write(tmp_path / "closure.htm", HTML_PAGE)
    when = datetime(2025, 1, 16)
    article = _article(list(read_inputs([path], published=when)))
    assert article.published == when


def test_parse_html_directly() -> None:
    article = parse_html(HTML_PAGE, article_id="p", url="https://example.org/p")
    assert article.url == "https://example.org/p"
    assert article.headline == "Borduria closes border crossings with Ruritania"


def test_html_without_article_text(tmp_path: Path) -> None:
    page = "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>"
    path = _write(tmp_path / "menu.html", page)
    reject = _rejected(list(read_inputs([path])))
    assert reject.message == (
        f"{path}: no article text found in the HTML. Give the page of a single article."
    )


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = HTML_PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "a provocation", "a provocation \u2013 an insult"
    )
    path = _write(tmp_path / "legacy.html", page.encode("cp1252"))
    article = _article(list(read_inputs([path])))
    assert "provocation \u2013 an insult" in article.text


# ------------------------------------------------------------------ directories


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", f"B headline\n\n{ENGLISH_BODY}")
    _write(tmp_path / "a.txt", f"A headline\n\n{ENGLISH_BODY}")
    (tmp_path / "sub").mkdir()
    _jsonl(tmp_path / "sub" / "feed.jsonl", {"id": "s1", "text": ENGLISH_BODY})
    _write(tmp_path / "sub" / "page.html", HTML_PAGE)
    _write(tmp_path / "notes.md", "# notes")  # other types: skipped quietly
    _write(tmp_path / "sheet.xlsx", b"PK\x03\x04")
    _write(tmp_path / ".hidden.txt", f"Hidden\n\n{ENGLISH_BODY}")
    (tmp_path / ".git").mkdir()
    _write(tmp_path / ".git" / "x.txt", f"Hidden\n\n{ENGLISH_BODY}")
    results = list(read_path(tmp_path))
    assert [r.id for r in results] == ["a", "b", "s1", "page"]  # type: ignore[union-attr]
    assert all(isinstance(r, Article) for r in results)


def test_empty_directory_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "empty" / "notes.md", "# nothing to read")
    reject = _rejected(list(read_inputs([tmp_path / "empty"])))
    assert reject.error == "UnsupportedFormat"
    assert reject.message == (
        f"{tmp_path / 'empty'}: the directory has no .txt, .jsonl, .json or .html files. "
        "Give a directory of articles."
    )


# ------------------------------------------------------------------ stdin


def test_stdin_plain_text() -> None:
    text = f"Ruritania sends delegation\n\n{ENGLISH_BODY}\n"
    article = _article(list(read_inputs(["-"], stdin=io.StringIO(text))))
    assert article.id == "stdin-" + hashlib.sha1(text.encode()).hexdigest()[:12]
    assert article.headline == "Ruritania sends delegation"
    assert article.origin == "-"


def test_stdin_jsonl_binary() -> None:
    data = "\n".join(json.dumps({"text": ENGLISH_BODY}) for _ in range(2)).encode()
    results = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [r.id for r in results] == ["stdin-1", "stdin-2"]  # type: ignore[union-attr]
    assert results[0].origin == "-:1"  # type: ignore[union-attr]


def test_stdin_html() -> None:
    article = _article(list(read_inputs(["-"], stdin=io.StringIO(HTML_PAGE))))
    assert article.headline == "Borduria closes border crossings with Ruritania"
    assert article.id.startswith("stdin-")


def test_stdin_empty_and_binary() -> None:
    empty = _rejected(list(read_inputs(["-"], stdin=io.StringIO("  \n"))))
    assert empty.message == "-: the file is empty. Give a file with the article's text."
    binary = _rejected(list(read_inputs(["-"], stdin=io.BytesIO(b"\x00\x01\x02 data"))))
    assert binary.message == (
        "-: this is a binary file, not text. Give a .txt, .jsonl or .html article."
    )


def test_extensionless_file_is_sniffed(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed", {"text": ENGLISH_BODY})
    assert [r.id for r in read_inputs([path])] == ["feed-1"]  # type: ignore[union-attr]


# ------------------------------------------------------------------ bad input


def test_missing_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    reject = _rejected(list(read_inputs(["missing.txt"])))
    assert reject == Reject(
        source="missing.txt",
        stage="read",
        error="InputError",
        message="missing.txt: no such file. Check the path.",
    )


def test_empty_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "empty.txt", "")
    _write(tmp_path / "blank.txt", f"  \n{NBSP}\n\n")
    empty, blank = list(read_inputs(["empty.txt", "blank.txt"]))
    assert isinstance(empty, Reject) and isinstance(blank, Reject)
    assert empty.message == "empty.txt: the file is empty. Give a file with the article's text."
    assert blank.message == "blank.txt: the file is empty. Give a file with the article's text."
    assert empty.error == "UnreadableArticle"
    assert empty.article_id == "empty"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 10])
def test_binary_file(tmp_path: Path, monkeypatch, data: bytes) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "x.txt", data)
    reject = _rejected(list(read_inputs(["x.txt"])))
    assert reject.error == "UnsupportedFormat"
    assert reject.message == (
        "x.txt: this is a binary file, not text. Give a .txt, .jsonl or .html article."
    )


def test_binary_file_without_extension(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "x", b"\x7fELF\x02\x01\x01\x00\x00\x00")
    assert _rejected(list(read_inputs(["x"]))).message == (
        "x: this is a binary file, not text. Give a .txt, .jsonl or .html article."
    )


def test_invalid_utf8(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "bad.txt", b"Headline ok\n\xff rest of the text")
    reject = _rejected(list(read_inputs(["bad.txt"])))
    assert reject.error == "UnreadableArticle"
    assert reject.message == (
        "bad.txt: not valid UTF-8 (byte 0xff at offset 12). Save the file as UTF-8."
    )


def test_utf16_file_is_not_called_binary(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "wide.txt", f"Headline\n\n{ENGLISH_BODY}".encode("utf-16"))
    assert _rejected(list(read_inputs(["wide.txt"]))).message == (
        "wide.txt: not valid UTF-8 (byte 0xff at offset 0). Save the file as UTF-8."
    )


def test_caption_first_line_is_not_a_headline() -> None:
    article = parse_text_article(f"Smoke over Szohod. [AP]\n\n{ENGLISH_BODY}", article_id="a")
    assert article.headline is None
    assert article.captions == (Caption("Smoke over Szohod.", "AP"),)
    assert article.text == ENGLISH_BODY


def test_json_file_with_over_long_first_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_JSON_LINE_BYTES", 50)
    path = _jsonl(tmp_path / "batch.json", {"text": "x " * 100}, {"text": "A short one."})
    first, second = list(read_inputs([path]))
    assert isinstance(first, Reject) and "over the 50 limit" in first.message
    assert isinstance(second, Article) and second.id == "batch-2"


def test_bad_file_inside_a_directory_does_not_stop_it(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", b"\xff\xfe\x00\x00 binary junk")
    _write(tmp_path / "b.txt", f"Headline\n\n{ENGLISH_BODY}")
    first, second, third = list(read_inputs([tmp_path, Path("-")], stdin=io.StringIO("Hi.")))
    assert isinstance(first, Reject) and first.source == str(tmp_path / "a.txt")
    assert isinstance(second, Article) and second.id == "b"
    assert isinstance(third, Article) and third.id.startswith("stdin-")


def test_unsupported_file_type(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "data.xlsx", b"PK\x03\x04")
    reject = _rejected(list(read_inputs(["data.xlsx"])))
    assert reject.error == "UnsupportedFormat"
    assert reject.message == (
        "data.xlsx: unsupported file type '.xlsx'. "
        "eventwire reads .txt, .jsonl, .html and directories of them."
    )


def test_huge_text_article(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert MAX_ARTICLE_CHARS == 1_000_000
    _write(tmp_path / "huge.txt", "Headline\n\n" + "x" * (1_234_567 - 10))
    reject = _rejected(list(read_inputs(["huge.txt"])))
    assert reject.message == (
        "huge.txt: the article has 1,234,567 characters, over the 1,000,000 limit. "
        "Split it into smaller articles."
    )


def test_huge_text_article_is_counted_without_loading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(readers, "MAX_ARTICLE_CHARS", 100)
    _write(tmp_path / "huge.txt", "é" * 1000)  # 2,000 bytes, over 4 x 100 + 4
    assert _rejected(list(read_inputs(["huge.txt"]))).message == (
        "huge.txt: the article has 1,000 characters, over the 100 limit. "
        "Split it into smaller articles."
    )


def test_huge_jsonl_record(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", {"text": "y" * 1_000_001}, {"text": ENGLISH_BODY})
    first, second = list(read_inputs([path]))
    assert isinstance(first, Reject) and first.message == (
        f"{path}:1: the article has 1,000,001 characters, over the 1,000,000 limit. "
        "Split it into smaller articles."
    )
    assert isinstance(second, Article)


def test_bad_inputs_do_not_stop_the_others(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "good.txt", f"Headline\n\n{ENGLISH_BODY}")
    _write(tmp_path / "empty.txt", "")
    results = list(read_inputs(["missing.txt", "empty.txt", "data.xlsx", "good.txt"]))
    assert [type(r).__name__ for r in results] == ["Reject", "Reject", "Reject", "Article"]
    assert all(r.message.count("\n") == 0 for r in results if isinstance(r, Reject))


def test_unexpected_errors_become_rejects(tmp_path: Path, monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr(readers, "parse_text_article", boom)
    path = _write(tmp_path / "a.txt", ENGLISH_BODY)
    reject = _rejected(list(read_inputs([path])))
    assert reject.error == "RuntimeError"
    assert reject.message == (
        f"{path}: could not read the article (RuntimeError: something broke). "
        "This is a bug in eventwire; please report it with the input."
    )


# ------------------------------------------------------------------ language


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        (GERMAN_BODY, "German", "de"),
        (FRENCH_BODY, "French", "fr"),
        (SPANISH_BODY, "Spanish", "es"),
        (KOREAN_BODY, "Korean", "ko"),
    ],
)
def test_non_english_article_is_rejected(tmp_path: Path, body: str, name: str, code: str) -> None:
    path = _write(tmp_path / "foreign.txt", body)
    reject = _rejected(list(read_inputs([path])))
    assert reject.error == "UnreadableArticle"
    assert reject.article_id == "foreign"
    assert reject.message == (
        f"{path}: the article looks like {name} ('{code}'), not English; eventwire codes "
        "English news only. Translate it first or force the language to read it anyway."
    )
    forced = _article(list(read_inputs([path], force_language=code)))
    assert forced.language == code


def test_declared_language_is_trusted(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "feed.jsonl",
        {"text": ENGLISH_BODY, "language": "de"},
        {"text": GERMAN_BODY, "language": "en-GB"},
    )
    first, second = list(read_inputs([path]))
    assert isinstance(first, Reject) and first.message == (
        f"{path}:1: the record's language is 'de', not English; eventwire codes English "
        "news only. Translate it first or force the language to read it anyway."
    )
    assert isinstance(second, Article) and second.language == "en-GB"


def test_short_text_is_not_judged() -> None:
    results = list(read_inputs(["-"], stdin=io.StringIO("Guten Tag aus Berlin")))
    assert _article(results).language is None


# ------------------------------------------------------------------ examples and shared data


def test_examples_read_cleanly() -> None:
    results = list(read_inputs([ROOT / "examples"]))
    assert all(isinstance(r, Article) for r in results), results
    by_id = {r.id: r for r in results}  # type: ignore[union-attr]
    assert sorted(by_id) == ["border-clash", "protest-lima-1", "protest-lima-2", "summit"]
    clash = by_id["border-clash"]
    assert clash.published == datetime(2025, 3, 3, 9, 30)
    assert clash.captions[0].credit == "FILE PHOTO"
    assert clash.wire == "Newswire"
    assert "at least 12 soldiers were killed" in clash.text.lower()
    assert by_id["summit"].wire == "Newswire"
    assert "dozens" in by_id["protest-lima-1"].text


@pytest.mark.shared
def test_seed_article(shared_dir: Path) -> None:
    article = _article(list(read_inputs([shared_dir / "corpus" / "seed.txt"])))
    assert article.id == "seed"
    assert article.headline == (
        "North Korea criticizes U.S. and South Korea for condemning its military ties with Russia"
    )
    assert article.published == datetime(2024, 12, 19, 10, 0)
    assert len(article.captions) == 1
    caption = article.captions[0]
    assert caption.credit == "SCREEN CAPTURE"
    assert caption.text.startswith("A screen capture on Monday shows a photo")
    assert article.wire == "Yonhap"
    assert article.tags[0] == "Korea North Korea Russia Moscow"
    assert "North Korea" in article.tags
    assert article.language == "en"
    assert len(article.paragraphs) == 9
    assert len(article.body_paragraphs) == 8
    blocks = _blocks(article)
    assert article.text == "\n\n".join(blocks)
    for block in blocks:
        assert block and block == block.strip() and "\n" not in block and NBSP not in block
        assert caption.text not in block and "SCREEN CAPTURE" not in block
        assert block not in ("Yonhap",) and not block.startswith("tags")
    assert blocks[1].startswith("North Korea on Thursday denounced")
    assert blocks[-1].startswith("Ukraine's intelligence authorities")


@pytest.mark.shared
def test_bench_sample_reads_without_rejects(shared_dir: Path) -> None:
    path = shared_dir / "bench" / "news-sample.jsonl"
    results = list(read_inputs([path]))
    rejects = [r for r in results if isinstance(r, Reject)]
    assert rejects == []
    assert len(results) == 163
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r.id for r in results] == ids  # type: ignore[union-attr]
    articles = [r for r in results if isinstance(r, Article)]
    assert all(a.headline is None and a.language == "en" for a in articles)
