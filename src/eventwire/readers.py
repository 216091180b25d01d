"""Readers: turn files, directories and stdin into :class:`~eventwire.model.Article` records.

Formats
-------

``.txt``  The plain-text layout of the seed article::

              <headline>
              Published: 19 Dec. 2024, 10:00
              <caption text> [SCREEN CAPTURE]

              <body paragraph>

              <body paragraph>

              Yonhap
              tags Korea North Korea Russia Moscow

          Paragraphs are separated by blank lines (a line of only spaces, tabs or
          NBSP counts as blank) and the lines inside one paragraph are joined with a
          space. A file with no blank lines at all is read one paragraph per line.
          A ``Published:`` / ``Posted:`` / ``Updated:`` / ``Date:`` line among the first
          three lines gives the publication time; with such a line the first line is
          always the headline. Without one, the first line is the headline only when
          it is short (at most :data:`MAX_HEADLINE_WORDS` words), does not end like a
          sentence (``.`` ``,`` ``;`` ``:``) and is not the first half of a hard-wrapped
          paragraph (the next line starts with a lower-case letter).
          A paragraph ending in a bracketed credit (``[AP]``, ``[SCREEN CAPTURE]``) is a
          :class:`~eventwire.model.Caption`, kept as metadata and left out of ``text``.
          At the end, a ``tags ...`` line gives the tags, a short credit line (1-3
          words, no sentence punctuation, ``(Yonhap)`` allowed) gives ``wire``, and an
          end marker such as ``(END)`` is dropped.

          Tags: when the rest of the tags line holds commas, semicolons or ``|`` it is
          split on them; else, when it holds runs of two or more spaces (or tabs), it is
          split on those. Otherwise the line is ambiguous ("Korea North Korea Russia
          Moscow"), so ``tags`` keeps the raw remainder as its first entry, followed by
          a best-effort split that keeps common multi-word names together ("North
          Korea", "United Arab Emirates"). Consumers that want only clean tags can skip
          the first entry when there is more than one.

``.jsonl`` One JSON object a line: ``{"id"?, "url"?, "title"?, "published"?, "source"?,
``.ndjson`` "text", "language"?}``. The file is streamed line by line, never loaded whole.
          ``text`` is split into paragraphs on line breaks (blank or single). ``title``
          becomes the headline; without a title no headline is invented. When the text
          starts with the title, that first line is not repeated. A missing ``id``
          becomes ``<file stem>-<line number>``.

``.json`` Read as JSON Lines when its first line is a complete object; otherwise as one
          JSON document holding a record or a list of records (``<stem>-<index>`` ids).

``.html`` ``.htm``  Extracted with trafilatura: title, date, site name, tags and the body
          paragraphs. ``<figcaption>`` texts become captions. A page that is not UTF-8 is
          decoded with the charset it declares (or a guess).

directory  Read recursively in sorted path order. Files of the types above are read;
          hidden files and folders and files of other types are skipped quietly.

``-``     stdin. The content is sniffed: JSON object lines are JSON Lines, content that
          starts with ``<`` is HTML, anything else is the plain-text layout. A plain-text
          or HTML article from stdin gets the id ``stdin-<first 12 hex of its sha1>``;
          JSON Lines records without an id get ``stdin-<line number>``.

A file with no extension is sniffed like stdin (its id is its name).

Publication time
----------------

``published`` given to the readers always overrides the time found in the input (a
``Published:`` line, a record's ``published``, an HTML date); the input's own value is
then not even checked. Times are kept as the article states them: naive when no zone is
given, timezone-aware when one is ("10:00 KST"), never converted, so that the local
calendar date of the dateline is preserved for resolving "on Monday".

Language
--------

eventwire codes English only. A record's ``language`` is trusted; otherwise a cheap
function-word test guesses it. An article that is clearly not English becomes a
:class:`~eventwire.model.Reject`. ``force_language`` skips the test and sets the
language of every article.

Errors
------

Nothing raises out of :func:`read_inputs` or :func:`read_path`: every problem becomes a
``Reject(source, stage="read", error=<exception class name>, message=<one line>)`` and the
other inputs go on. The ``parse_*`` functions and :func:`build_article` raise
:class:`~eventwire.errors.InputError` subclasses with the same messages. The message
templates are the module-level ``MSG_*`` constants.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from .errors import InputError, UnreadableArticle, UnsupportedFormat
from .model import Article, Caption, Reject, Span

__all__ = [
    "MAX_ARTICLE_CHARS",
    "build_article",
    "normalise_block",
    "parse_html",
    "parse_jsonl_record",
    "parse_text_article",
    "read_inputs",
    "read_path",
]

# --------------------------------------------------------------------------- limits

#: Longest single article read, in characters. Longer ones are rejected, not cut.
MAX_ARTICLE_CHARS = 1_000_000
#: Longest HTML page read, in characters (pages carry markup and scripts around the text).
MAX_HTML_CHARS = 10_000_000
#: Longest single JSON line, in bytes. JSON escapes (\uXXXX) take up to 6 bytes a
#: character, so a record at MAX_ARTICLE_CHARS fits.
MAX_JSON_LINE_BYTES = 8 * MAX_ARTICLE_CHARS
#: Largest .json file read as one JSON document (JSON Lines files have no limit).
MAX_JSON_DOCUMENT_BYTES = 64 * MAX_ARTICLE_CHARS
#: A first line with more words than this is body text, not a headline.
MAX_HEADLINE_WORDS = 20

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
READABLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES

# ------------------------------------------------------------------ reject messages
# One line each: the input, what is wrong, and the fix. Tests assert them verbatim.

MSG_MISSING = "{source}: no such file. Check the path."
MSG_CANNOT_READ = "{source}: cannot read the file ({reason}). Check that it exists and is readable."
MSG_EMPTY = "{source}: the file is empty. Give a file with the article's text."
MSG_NO_TEXT = "{source}: the article has no text. Give the article's text."
MSG_BINARY = "{source}: this is a binary file, not text. Give a .txt, .jsonl or .html article."
MSG_NOT_UTF8 = (
    "{source}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset}). Save the file as UTF-8."
)
MSG_UNSUPPORTED = (
    "{source}: unsupported file type '{suffix}'. "
    "eventwire reads .txt, .jsonl, .html and directories of them."
)
MSG_EMPTY_DIRECTORY = (
    "{source}: the directory has no .txt, .jsonl, .json or .html files. "
    "Give a directory of articles."
)
MSG_TOO_LONG = (
    "{source}: the article has {chars:,} characters, over the {limit:,} limit. "
    "Split it into smaller articles."
)
MSG_HTML_TOO_LONG = (
    "{source}: the page has {chars:,} characters, over the {limit:,} limit for HTML. "
    "Save the article's page alone."
)
MSG_STDIN_TOO_LONG = (
    "{source}: the input has {size:,} bytes, too many for one article (limit {limit:,} "
    "characters). Split it into smaller articles or give JSON Lines."
)
MSG_HTML_NO_TEXT = (
    "{source}: no article text found in the HTML. Give the page of a single article."
)
MSG_BAD_JSON = "{source}: not valid JSON ({reason} at column {column}). Fix or remove that line."
MSG_BAD_JSON_DOCUMENT = (
    "{source}: not valid JSON ({reason} at line {line}, column {column}). "
    "Fix the file or save it as JSON Lines, one record a line."
)
MSG_JSON_DOCUMENT_TOO_BIG = (
    "{source}: the JSON document has {size:,} bytes, over the {limit:,} limit. "
    "Save it as JSON Lines, one record a line."
)
MSG_JSON_LINE_TOO_LONG = (
    "{source}: the line has {size:,} bytes, over the {limit:,} limit. "
    "Split the article into smaller ones."
)
MSG_NOT_OBJECT = (
    '{source}: the line is a JSON {kind}, not an object. Each JSON line needs {{"text": ...}}.'
)
MSG_NO_TEXT_FIELD = (
    '{source}: the record has no "text" field. Each JSON line needs {{"text": ...}}.'
)
MSG_TEXT_NOT_STRING = (
    '{source}: the record\'s "text" is a JSON {kind}, not a string. '
    'Each JSON line needs {{"text": "..."}}.'
)
MSG_FIELD_NOT_STRING = (
    '{source}: the record\'s "{field}" is a JSON {kind}, not a string. '
    "Give it as a string or leave it out."
)
MSG_BAD_PUBLISHED = (
    '{source}: the "published" value {value!r} is not a date. '
    'Give an ISO date such as "2024-12-19T10:00" or leave it out.'
)
MSG_BAD_PUBLISHED_LINE = (
    "{source}: the {label!r} line has {value!r}, which is not a date. "
    "Write it like 'Published: 19 Dec. 2024, 10:00' or remove the line."
)
MSG_NOT_ENGLISH = (
    "{source}: the article looks like {name} ('{code}'), not English; eventwire codes "
    "English news only. Translate it first or force the language to read it anyway."
)
MSG_NOT_ENGLISH_DECLARED = (
    "{source}: the record's language is {value!r}, not English; eventwire codes English "
    "news only. Translate it first or force the language to read it anyway."
)
MSG_NOT_ENGLISH_UNKNOWN = (
    "{source}: the article does not look like English (almost no English function "
    "words); eventwire codes English news only. Translate it first or force the "
    "language to read it anyway."
)
MSG_UNEXPECTED = (
    "{source}: could not read the article ({error}: {detail}). "
    "This is a bug in eventwire; please report it with the input."
)

_READ = "read"

# ------------------------------------------------------------------ normalisation

# Invisible characters that only get in the way of offsets: zero-width space, word
# joiner, BOM / zero-width no-break space, soft hyphen.
_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# Control characters other than whitespace become a space.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def normalise_block(block: str) -> str:
    """One paragraph as it goes into ``Article.text``.

    NFC normalisation; every run of whitespace (spaces, tabs, NBSP, line breaks, other
    Unicode spaces) becomes one space; ends stripped. Quotes and dashes are kept.
    """
    block = unicodedata.normalize("NFC", block)
    block = _INVISIBLE_RE.sub("", block)
    block = _CONTROL_RE.sub(" ", block)
    return " ".join(block.split())


def build_article(
    *,
    id: str,
    headline: str | None,
    paragraphs: Iterable[str],
    published: datetime | None,
    url: str | None = None,
    source: str | None = None,
    wire: str | None = None,
    captions: Iterable[Caption] = (),
    tags: Iterable[str] = (),
    language: str | None = None,
    origin: str | None = None,
) -> Article:
    """Build an :class:`Article` from its parts, normalising the text.

    ``text`` is the headline (when it is not blank) and then the non-blank paragraphs,
    each normalised with :func:`normalise_block`, joined by a blank line.
    ``paragraphs`` holds their spans, the headline first. Raises
    :class:`UnreadableArticle` when nothing is left.
    """
    blocks: list[str] = []
    clean_headline = normalise_block(headline) if headline else ""
    if clean_headline:
        blocks.append(clean_headline)
    blocks.extend(b for b in (normalise_block(p) for p in paragraphs) if b)
    if not blocks:
        where = origin or id
        raise UnreadableArticle(MSG_NO_TEXT.format(source=where), source=where)
    spans = []
    start = 0
    for block in blocks:
        spans.append(Span(start, start + len(block)))
        start += len(block) + 2
    if published is None:
        # "Dec. 31, 2000 -- ..." or "1995-04-30 04:00:00 PDT CITY -- ...": the dateline dates
        # the story when nothing else does, so "on Monday" can still be resolved.
        from .dateline import split_dateline

        for block in blocks[:3]:
            line = split_dateline(block)
            if line is not None and line.date is not None:
                published = line.date
                break
    return Article(
        id=id,
        text="\n\n".join(blocks),
        paragraphs=tuple(spans),
        headline=clean_headline or None,
        published=published,
        url=url or None,
        source=source or None,
        wire=wire or None,
        captions=tuple(captions),
        tags=tuple(tags),
        language=language or None,
        origin=origin,
    )


# ------------------------------------------------------------------ dates

_DATEPARSER_SETTINGS = {
    # Only absolute dates: "yesterday" must not become today's date minus one.
    "PARSERS": ["custom-formats", "absolute-time"],
    # A publication time needs at least its month and year.
    "REQUIRE_PARTS": ["month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}


def _parse_datetime(value: str) -> datetime | None:
    """An ISO or free-form absolute date/time, as stated (zone kept, never converted)."""
    value = normalise_block(value)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    import dateparser  # slow to import: only when a non-ISO date shows up

    try:
        return dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, TypeError, OverflowError):
        return None


# ------------------------------------------------------------------ plain-text layout

_DATE_LINE_RE = re.compile(
    r"^\s*(?P<label>published|posted|updated|date)\s*:\s*(?P<value>\S.*?)\s*$", re.IGNORECASE
)
_TAGS_LINE_RE = re.compile(r"^\s*tags?\s*[:\-]?\s+(?P<rest>\S.*?)\s*$", re.IGNORECASE)
_CAPTION_RE = re.compile(r"^(?P<text>.*\S)\s*\[(?P<credit>[^\[\]]{1,60})\]\s*$", re.DOTALL)
_SENTENCE_PUNCT = set('.,;:!?"“”')
_END_MARKERS = frozenset({"end", "ends", "-30-", "###", "-0-"})
_WIRE_STRIP = " \t()-–—"

# Capitalised words that start a multi-word name in a tags line: "North Korea",
# "United Arab Emirates", "Kim Jong Un". Best effort only (see the module docstring).
_TAG_JOINERS = frozenset(
    {
        "north", "south", "east", "west", "new", "united", "arab", "saudi", "sri", "hong",
        "el", "costa", "sierra", "burkina", "puerto", "papua", "san", "los", "las", "abu",
        "cape", "czech", "ivory", "middle", "central", "latin", "european", "african",
        "white", "kim", "jong", "xi", "bosnia", "trinidad", "democratic", "republic",
        "sao", "são", "st", "st.", "saint", "dominican", "marshall", "solomon",
        "equatorial",
    }
)  # fmt: skip
# Lower-case words that glue two capitalised ones ("Bosnia and Herzegovina").
_TAG_LINKS = frozenset({"and", "of"})


def _split_tags(rest: str) -> tuple[str, ...]:
    rest = rest.replace("\xa0", " ")
    if re.search(r"[,;|]", rest):
        parts = re.split(r"[,;|]", rest)
    elif re.search(r"\s{2,}|\t", rest.strip()):
        parts = re.split(r"\s{2,}|\t", rest)
    else:
        raw = normalise_block(rest)
        split = _best_effort_tags(raw.split())
        return (raw,) if split == [raw] else (raw, *split)
    return tuple(t for t in (normalise_block(p) for p in parts) if t)


def _best_effort_tags(words: list[str]) -> list[str]:
    tags: list[str] = []
    i = 0
    while i < len(words):
        current = [words[i]]
        i += 1
        while i < len(words):
            last, nxt = current[-1], words[i]
            joiner = last[:1].isupper() and last.lower() in _TAG_JOINERS
            if nxt[:1].isupper() and joiner:
                current.append(nxt)
                i += 1
            elif (
                nxt in _TAG_LINKS
                and last[:1].isupper()
                and i + 1 < len(words)
                and words[i + 1][:1].isupper()
                and joiner
            ):
                current += [nxt, words[i + 1]]
                i += 2
            else:
                break
        tags.append(" ".join(current))
    return tags


def _is_blank(line: str) -> bool:
    return not line.strip()  # str.strip() also strips NBSP and other Unicode spaces


def _wire_credit(line: str) -> str | None:
    """The agency named by a short credit line ("Yonhap", "(AFP)"), or None."""
    candidate = normalise_block(line).strip(_WIRE_STRIP)
    words = candidate.split()
    if not 1 <= len(words) <= 3 or len(candidate) > 40:
        return None
    if any(ch in _SENTENCE_PUNCT for ch in candidate) or "[" in candidate:
        return None
    if not words[0][:1].isupper():
        return None
    return candidate


def _is_end_marker(line: str) -> bool:
    return normalise_block(line).strip(_WIRE_STRIP).lower() in _END_MARKERS


def _looks_like_headline(line: str, next_line: str | None, line_mode: bool) -> bool:
    clean = normalise_block(line)
    if not clean or len(clean.split()) > MAX_HEADLINE_WORDS or _caption(clean):
        return False
    if clean[-1] in ".,;:":
        return False
    if next_line is not None and not line_mode and not _is_blank(next_line):
        # Same block: a headline only if the next line does not continue a sentence.
        if next_line.strip()[:1].islower():
            return False
    return True


def _caption(block: str) -> Caption | None:
    match = _CAPTION_RE.match(block)
    if not match:
        return None
    credit = normalise_block(match["credit"])
    # Credits are names: "AP", "YONHAP", "SCREEN CAPTURE", "Reuters"; not "[sic]".
    if not credit or not (credit[0].isupper() or credit[0].isdigit()):
        return None
    text = normalise_block(match["text"])
    return Caption(text=text, credit=credit) if text else None


def parse_text_article(
    text: str,
    *,
    article_id: str,
    published: datetime | None = None,
    origin: str | None = None,
) -> Article:
    """Read the plain-text layout of the seed (see the module docstring).

    ``published`` overrides the ``Published:`` line. Raises :class:`UnreadableArticle`
    for an article with no text, one over :data:`MAX_ARTICLE_CHARS` or a ``Published:``
    line that is not a date.
    """
    where = origin or article_id
    _check_length(text, where)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if not _is_blank(line)]
    if not filled:
        raise UnreadableArticle(MSG_NO_TEXT.format(source=where), source=where)
    removed: set[int] = set()

    # Header: an optional date line among the first three lines, and the headline.
    # A "Published:" line is always header; "Posted:", "Updated:" and "Date:" lines only
    # when they hold a date (so "Update: the ministry said ..." stays body text).
    date_line: tuple[str, str] | None = None
    for i in filled[:3]:
        match = _DATE_LINE_RE.match(lines[i])
        if not match:
            continue
        is_published = match["label"].lower() == "published"
        if not is_published and _parse_datetime(match["value"]) is None:
            continue
        removed.add(i)
        if date_line is None or is_published:
            date_line = (match["label"], match["value"])
    headline: str | None = None
    first = filled[0]
    body_after_first = [i for i in filled[1:] if i not in removed]
    if first not in removed and body_after_first:
        line_mode = all(
            not _is_blank(lines[i]) for i in range(first, filled[-1] + 1)
        )  # no blank line anywhere: one paragraph a line
        nxt = lines[first + 1] if first + 1 < len(lines) else None
        if date_line is not None or _looks_like_headline(lines[first], nxt, line_mode):
            headline = lines[first]
            removed.add(first)

    # Footer: end markers, the tags line and the wire credit, from the end up.
    tags: tuple[str, ...] = ()
    wire: str | None = None
    for i in reversed(filled):
        if i in removed:
            continue
        remaining = [j for j in filled if j not in removed]
        if len(remaining) <= 1:
            break  # never take the last body line away
        if _is_end_marker(lines[i]):
            removed.add(i)
            continue
        tags_match = _TAGS_LINE_RE.match(lines[i])
        if tags_match and not tags and wire is None:
            tags = _split_tags(tags_match["rest"])
            removed.add(i)
            continue
        credit = _wire_credit(lines[i]) if wire is None else None
        if credit:
            wire = credit
            removed.add(i)
            continue
        break

    # Body: blocks separated by blank lines (or one a line when there are none).
    kept = [i for i in filled if i not in removed]
    line_mode = bool(kept) and all(
        not _is_blank(lines[i]) and i not in removed for i in range(kept[0], kept[-1] + 1)
    )
    blocks: list[str] = []
    current: list[str] = []
    for i in range(len(lines)):
        if i in removed or _is_blank(lines[i]) or line_mode:
            if current:
                blocks.append(" ".join(current))
                current = []
            if line_mode and i not in removed and not _is_blank(lines[i]):
                blocks.append(lines[i])
            continue
        current.append(lines[i])
    if current:
        blocks.append(" ".join(current))

    captions: list[Caption] = []
    paragraphs: list[str] = []
    for block in blocks:
        caption = _caption(block)
        if caption is not None:
            captions.append(caption)
        else:
            paragraphs.append(block)

    when = published
    if when is None and date_line is not None:
        label, value = date_line
        when = _parse_datetime(value)
        if when is None:
            raise UnreadableArticle(
                MSG_BAD_PUBLISHED_LINE.format(source=where, label=f"{label}:", value=value),
                source=where,
            )
    return build_article(
        id=article_id,
        headline=headline,
        paragraphs=paragraphs,
        published=when,
        wire=wire,
        captions=captions,
        tags=tags,
        origin=origin,
    )


# ------------------------------------------------------------------ JSON Lines

_JSON_KINDS = {
    list: "list",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
    dict: "object",
}


def _json_kind(value: Any) -> str:
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _optional_str(record: dict[str, Any], field: str, where: str) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    raise UnreadableArticle(
        MSG_FIELD_NOT_STRING.format(source=where, field=field, kind=_json_kind(value)),
        source=where,
    )


def _record_id(record: dict[str, Any]) -> str | None:
    value = record.get("id")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int)):
        return str(value).strip() or None
    return None


def parse_jsonl_record(
    record: dict[str, Any],
    *,
    default_id: str,
    published: datetime | None = None,
    origin: str | None = None,
) -> Article:
    """Read one JSON Lines record ``{id?, url?, title?, published?, source?, text, language?}``.

    ``published`` overrides the record's own ``published``. Raises
    :class:`UnreadableArticle` for a record without a usable ``text``, with a
    ``published`` that is not a date, or over :data:`MAX_ARTICLE_CHARS`.
    """
    where = origin or default_id
    if "text" not in record:
        raise UnreadableArticle(MSG_NO_TEXT_FIELD.format(source=where), source=where)
    text = record["text"]
    if not isinstance(text, str):
        raise UnreadableArticle(
            MSG_TEXT_NOT_STRING.format(source=where, kind=_json_kind(text)), source=where
        )
    _check_length(text, where)
    title = _optional_str(record, "title", where)
    url = _optional_str(record, "url", where)
    source = _optional_str(record, "source", where)
    language = _optional_str(record, "language", where)

    when = published
    if when is None and record.get("published") not in (None, ""):
        value = record["published"]
        when = _parse_datetime(value) if isinstance(value, str) else None
        if when is None:
            raise UnreadableArticle(
                MSG_BAD_PUBLISHED.format(source=where, value=value), source=where
            )

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs = [line for line in lines if not _is_blank(line)]
    if title and paragraphs and normalise_block(paragraphs[0]) == normalise_block(title):
        paragraphs = paragraphs[1:]  # the text repeats its title: say it once
    return build_article(
        id=_record_id(record) or default_id,
        headline=title,
        paragraphs=paragraphs,
        published=when,
        url=url,
        source=source,
        language=language,
        origin=origin,
    )


# ------------------------------------------------------------------ HTML


def parse_html(
    html: str,
    *,
    article_id: str,
    published: datetime | None = None,
    origin: str | None = None,
    url: str | None = None,
) -> Article:
    """Extract an article from an HTML page with trafilatura.

    Title, date, site name (as ``source``), tags and body paragraphs come from
    trafilatura; ``<figcaption>`` texts become captions. ``published`` overrides the
    page's date. Raises :class:`UnreadableArticle` when no article text is found.
    """
    import trafilatura
    from trafilatura.utils import load_html

    where = origin or article_id
    tree = load_html(html)
    if tree is None:
        raise UnreadableArticle(MSG_HTML_NO_TEXT.format(source=where), source=where)
    captions = []
    caption_texts: set[str] = set()
    for node in tree.iter("figcaption"):
        text = normalise_block(node.text_content())
        caption = _caption(text) or Caption(text=text)
        if caption.text:
            captions.append(caption)
            caption_texts.update({text, caption.text})
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise UnreadableArticle(MSG_HTML_NO_TEXT.format(source=where), source=where)
    _check_length(body, where)
    title = doc.title or None
    paragraphs = [line for line in body.split("\n") if not _is_blank(line)]
    paragraphs = [p for p in paragraphs if normalise_block(p) not in caption_texts]
    if title and paragraphs and normalise_block(paragraphs[0]) == normalise_block(title):
        paragraphs = paragraphs[1:]
    # A bare date printed under the title ("March 4, 2025") is not body text.
    if len(paragraphs) > 1 and _is_bare_date(paragraphs[0]):
        paragraphs = paragraphs[1:]
    when = published
    if when is None and doc.date:
        when = _parse_datetime(doc.date)  # a page's odd date is no reason to reject it
    tags = tuple(t for t in (normalise_block(t) for t in (doc.tags or [])) if t)
    return build_article(
        id=article_id,
        headline=title,
        paragraphs=paragraphs,
        published=when,
        url=url or doc.url,
        source=doc.sitename,
        captions=captions,
        tags=tags,
        origin=origin,
    )


def _is_bare_date(paragraph: str) -> bool:
    clean = normalise_block(paragraph)
    if len(clean.split()) > 8 or not re.search(r"\d{4}", clean):
        return False
    clean = re.sub(r"^(published|posted|updated)\s*:?\s*", "", clean, flags=re.IGNORECASE)
    return _parse_datetime(clean) is not None


# ------------------------------------------------------------------ language

# Small function-word lists: enough to tell English from the languages news most often
# comes in. A score is the share of a text's words found in a list. Calibration: the 163
# English articles of the shared bench score 0.24-0.6 on the English list; hand-written
# German, French and Spanish paragraphs score 0.02-0.04 on it and 0.4-0.5 on their own.
_FUNCTION_WORDS = {
    "en": "the of and to a in is that for on with as was by it at from said be has have are "
    "were he his its an not this which but or they had will their who been after more would "
    "she her we you also than about into over there",
    "de": "der die und das ist nicht mit den von zu sich auf ein eine dem des für im auch es "
    "wird wurde sind bei nach aus hat sie er wie einer noch am über oder aber werden zum zur",
    "fr": "le la les de des et est un une du en que qui dans pour pas sur au aux avec par il "
    "elle ce ont sont été son sa ses mais plus ou cette leur",
    "es": "el la los las de del y en que es un una por con para se su sus al lo como más "
    "pero fue ha han este esta ya entre",
    "pt": "o os a as de do da dos das e em no na que é um uma para com por se não mais foi "
    "ao pelo pela seu sua",
    "it": "il lo la gli le di del della e è che un una per con non in nel sono ha anche come "
    "più ma dei delle alla al",
    "nl": "de het een en van is dat op te in met voor niet zijn aan er ook door naar bij als "
    "wordt werd nog maar",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke oleh adalah "
    "telah sebagai",
    "tr": "ve bir bu da de için ile olarak daha çok gibi olan sonra kadar ancak",
}
_FUNCTION_SETS = {code: frozenset(words.split()) for code, words in _FUNCTION_WORDS.items()}
_LANGUAGE_NAMES = {
    "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
    "nl": "Dutch", "id": "Indonesian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian",
    "ko": "Korean", "ja": "Japanese", "zh": "Chinese", "ar": "Arabic", "he": "Hebrew",
    "el": "Greek", "th": "Thai", "hi": "Hindi", "fa": "Persian",
}  # fmt: skip
#: At or above this English share the text is English.
_ENGLISH_SHARE = 0.15
#: Below this English share a long text is clearly not English, whatever it is.
_NOT_ENGLISH_SHARE = 0.05
#: Fewest words (or non-Latin letters) before the test says anything.
_MIN_WORDS = 20
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _script_language(text: str) -> str | None:
    """The language of a text mostly written in a non-Latin script, or None."""
    sample = text[:5000]
    if len(_NON_ASCII_RE.findall(sample)) < len(sample) / 4:
        return None  # mostly ASCII: Latin script (the common case, checked fast)
    counts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        o = ord(ch)
        if o < 0x250:
            key = "latin"
        elif 0x370 <= o < 0x400:
            key = "el"
        elif 0x400 <= o < 0x530:
            key = "uk" if ch in "іїєґІЇЄҐ" else "cyrillic"
        elif 0x590 <= o < 0x600:
            key = "he"
        elif 0x600 <= o < 0x700 or 0xFB50 <= o < 0xFF00:
            key = "fa" if ch in "پچژگ" else "arabic"
        elif 0x900 <= o < 0x980:
            key = "hi"
        elif 0xE00 <= o < 0xE80:
            key = "th"
        elif 0x3040 <= o < 0x3100:
            key = "kana"
        elif 0xAC00 <= o < 0xD7B0 or 0x1100 <= o < 0x1200:
            key = "ko"
        elif 0x4E00 <= o < 0xA000 or 0x3400 <= o < 0x4DC0:
            key = "han"
        else:
            key = "other"
        counts[key] = counts.get(key, 0) + 1
    if letters < _MIN_WORDS or counts.get("latin", 0) >= letters / 2:
        return None
    if counts.get("kana"):
        return "ja"
    if counts.get("uk"):
        return "uk"
    if counts.get("fa"):
        return "fa"
    best = max((k for k in counts if k != "latin"), key=counts.__getitem__)
    return {"cyrillic": "ru", "arabic": "ar", "han": "zh"}.get(best, best)


def _guess_language(text: str) -> tuple[str | None, bool]:
    """``(code, clearly_not_english)``: code is None when the test cannot tell."""
    script = _script_language(text)
    if script is not None:
        return (script if script != "other" else None), True
    words = [w.lower() for w in _WORD_RE.findall(text[:20000])][:2000]
    if len(words) < _MIN_WORDS:
        return None, False
    shares = {
        code: sum(w in vocab for w in words) / len(words) for code, vocab in _FUNCTION_SETS.items()
    }
    english = shares.pop("en")
    if english >= _ENGLISH_SHARE:
        return "en", False
    other, share = max(shares.items(), key=lambda item: item[1])
    if share >= 0.2 and share > 2 * english:
        return other, True
    if english < _NOT_ENGLISH_SHARE and len(words) >= 50:
        return None, True
    return None, False


def _is_english_code(value: str) -> bool:
    primary = re.split(r"[-_]", value.strip().lower())[0]
    return primary in {"en", "eng", "english"}


def _check_language(article: Article, where: str, force_language: str | None) -> Article:
    if force_language:
        return replace(article, language=force_language)
    if article.language:
        if _is_english_code(article.language):
            return article
        raise UnreadableArticle(
            MSG_NOT_ENGLISH_DECLARED.format(source=where, value=article.language), source=where
        )
    code, foreign = _guess_language(article.text)
    if foreign:
        if code:
            message = MSG_NOT_ENGLISH.format(
                source=where, name=_LANGUAGE_NAMES.get(code, code), code=code
            )
        else:
            message = MSG_NOT_ENGLISH_UNKNOWN.format(source=where)
        raise UnreadableArticle(message, source=where)
    return replace(article, language=code) if code else article


# ------------------------------------------------------------------ bytes -> text


def _check_length(text: str, where: str) -> None:
    if len(text) > MAX_ARTICLE_CHARS:
        raise UnreadableArticle(
            MSG_TOO_LONG.format(source=where, chars=len(text), limit=MAX_ARTICLE_CHARS),
            source=where,
        )


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    decoded = sample.decode("utf-8", errors="replace")
    odd = sum(
        1 for ch in decoded if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f\v")
    )
    return odd > 0.3 * len(decoded)


def _decode(data: bytes, where: str, *, base_offset: int = 0) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableArticle(
            MSG_NOT_UTF8.format(
                source=where, byte=data[exc.start], offset=base_offset + exc.start
            ),
            source=where,
        ) from None


def _load_text(path: Path, where: str, *, limit: int, message: str = MSG_TOO_LONG) -> str:
    """A whole (small) text file, checked: not empty, not binary, UTF-8, under ``limit``."""
    with path.open("rb") as fh:
        sample = fh.read(8192)
        if not sample:
            raise UnreadableArticle(MSG_EMPTY.format(source=where), source=where)
        utf16 = sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if _looks_binary(sample) and not utf16:  # UTF-16 gets the "save as UTF-8" message
            raise UnsupportedFormat(MSG_BINARY.format(source=where), source=where)
        # UTF-8 takes at most 4 bytes a character: a larger file is surely too long,
        # so count its characters in chunks instead of loading it.
        rest = fh.read(max(4 * limit + 4 - len(sample), 0))
        data = sample + rest
        if len(data) >= 4 * limit + 4:
            chars = _count_chars(fh, data, where)
            raise UnreadableArticle(
                message.format(source=where, chars=chars, limit=limit), source=where
            )
    text = _decode(data, where)
    if text.startswith("\ufeff"):
        text = text[1:]
    if _is_blank(text):
        raise UnreadableArticle(MSG_EMPTY.format(source=where), source=where)
    if len(text) > limit:
        raise UnreadableArticle(
            message.format(source=where, chars=len(text), limit=limit), source=where
        )
    return text


def _count_chars(fh: BinaryIO, head: bytes, where: str) -> int:
    decoder = codecs.getincrementaldecoder("utf-8")()
    chars = 0
    offset = 0
    chunk = head
    while chunk:
        try:
            chars += len(decoder.decode(chunk))
        except UnicodeDecodeError as exc:
            byte = chunk[exc.start] if 0 <= exc.start < len(chunk) else 0
            raise UnreadableArticle(
                MSG_NOT_UTF8.format(source=where, byte=byte, offset=offset + exc.start),
                source=where,
            ) from None
        offset += len(chunk)
        chunk = fh.read(1 << 20)
    return chars


def _bounded_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """``(line, size)`` for each line; ``line`` is None for a line over ``limit`` bytes."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the long line without keeping it
                more = fh.readline(1 << 20)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield None, size
        else:
            yield line, len(line)


# ------------------------------------------------------------------ readers


def _reject(exc: Exception, where: str, article_id: str | None = None) -> Reject:
    if isinstance(exc, FileNotFoundError):
        exc = InputError(MSG_MISSING.format(source=where))
    elif isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        exc = InputError(MSG_CANNOT_READ.format(source=where, reason=reason))
    if isinstance(exc, InputError):
        message = str(exc)
    else:
        detail = " ".join(str(exc).split()) or "no detail"
        message = MSG_UNEXPECTED.format(source=where, error=type(exc).__name__, detail=detail)
    return Reject(
        source=where, stage=_READ, error=type(exc).__name__, message=message,
        article_id=article_id,
    )  # fmt: skip


def _finish(
    make: Callable[[], Article],
    where: str,
    force_language: str | None,
    article_id: str | None = None,
) -> Article | Reject:
    """Run one parse (a thunk) and the language check; any failure becomes a Reject."""
    try:
        return _check_language(make(), where, force_language)
    except Exception as exc:  # noqa: BLE001 - bad input never raises out of the readers
        return _reject(exc, where, article_id)


def _jsonl_records(
    lines: Iterable[tuple[bytes | None, int]],
    *,
    name: str,
    stem: str,
    published: datetime | None,
    force_language: str | None,
) -> Iterator[Article | Reject]:
    seen_any = False
    for lineno, (raw, size) in enumerate(lines, start=1):
        where = f"{name}:{lineno}"
        default_id = f"{stem}-{lineno}"
        if raw is None:
            seen_any = True
            yield _reject(
                UnreadableArticle(
                    MSG_JSON_LINE_TOO_LONG.format(
                        source=where, size=size, limit=MAX_JSON_LINE_BYTES
                    )
                ),
                where,
            )
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = _decode(raw, where)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UnreadableArticle(
                    MSG_BAD_JSON.format(source=where, reason=exc.msg, column=exc.colno)
                ) from None
            if not isinstance(record, dict):
                raise UnreadableArticle(
                    MSG_NOT_OBJECT.format(source=where, kind=_json_kind(record))
                )
        except Exception as exc:  # noqa: BLE001
            yield _reject(exc, where)
            continue
        yield _finish(
            lambda: parse_jsonl_record(
                record, default_id=default_id, published=published, origin=where
            ),
            where,
            force_language,
            _record_id(record) or default_id,
        )
    if not seen_any:
        yield _reject(UnreadableArticle(MSG_EMPTY.format(source=name)), name)


def _read_jsonl_file(
    path: Path, where: str, published: datetime | None, force_language: str | None
) -> Iterator[Article | Reject]:
    with path.open("rb") as fh:
        sample = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
        if _looks_binary(sample):
            yield _reject(UnsupportedFormat(MSG_BINARY.format(source=where)), where)
            return
        yield from _jsonl_records(
            _bounded_lines(fh, MAX_JSON_LINE_BYTES),
            name=where,
            stem=path.stem,
            published=published,
            force_language=force_language,
        )


def _read_json_file(
    path: Path, where: str, published: datetime | None, force_language: str | None
) -> Iterator[Article | Reject]:
    # JSON Lines when the first non-blank line is a complete object on its own.
    # An empty file or an over-long first line is left to the JSON Lines reader to report.
    is_lines = True
    with path.open("rb") as fh:
        for raw, _size in _bounded_lines(fh, MAX_JSON_LINE_BYTES):
            if raw is not None and not raw.strip():
                continue
            if raw is not None:
                try:
                    is_lines = isinstance(json.loads(raw.decode("utf-8")), dict)
                except (UnicodeDecodeError, json.JSONDecodeError):
                    is_lines = False
            break
    if is_lines:
        yield from _read_jsonl_file(path, where, published, force_language)
        return
    try:
        size = path.stat().st_size
        if size > MAX_JSON_DOCUMENT_BYTES:
            raise UnreadableArticle(
                MSG_JSON_DOCUMENT_TOO_BIG.format(
                    source=where, size=size, limit=MAX_JSON_DOCUMENT_BYTES
                )
            )
        text = _load_text(path, where, limit=MAX_JSON_DOCUMENT_BYTES)
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UnreadableArticle(
                MSG_BAD_JSON_DOCUMENT.format(
                    source=where, reason=exc.msg, line=exc.lineno, column=exc.colno
                )
            ) from None
    except Exception as exc:  # noqa: BLE001
        yield _reject(exc, where)
        return
    yield from _json_document_records(document, where, path.stem, published, force_language)


def _json_document_records(
    document: Any,
    where: str,
    stem: str,
    published: datetime | None,
    force_language: str | None,
) -> Iterator[Article | Reject]:
    """The records of one JSON document: a record, or a list of records."""
    records = document if isinstance(document, list) else [document]
    for index, record in enumerate(records, start=1):
        item = f"{where}[{index}]" if isinstance(document, list) else where
        default_id = f"{stem}-{index}" if isinstance(document, list) else stem
        if not isinstance(record, dict):
            yield _reject(
                UnreadableArticle(MSG_NOT_OBJECT.format(source=item, kind=_json_kind(record))),
                item,
            )
            continue
        yield _finish(
            lambda: parse_jsonl_record(
                record, default_id=default_id, published=published, origin=item
            ),
            item,
            force_language,
            _record_id(record) or default_id,
        )


def _decode_html(path: Path, where: str) -> str:
    """An HTML file as text: UTF-8, or the charset the page declares."""
    try:
        return _load_text(path, where, limit=MAX_HTML_CHARS, message=MSG_HTML_TOO_LONG)
    except UnreadableArticle as exc:
        if not str(exc).startswith(f"{where}: not valid UTF-8"):
            raise
    from trafilatura.utils import decode_file

    text = decode_file(path.read_bytes())
    if len(text) > MAX_HTML_CHARS:
        raise UnreadableArticle(
            MSG_HTML_TOO_LONG.format(source=where, chars=len(text), limit=MAX_HTML_CHARS)
        )
    return text


def _sniff(text: str) -> str:
    """``jsonl``, ``json``, ``html`` or ``txt`` from the content itself."""
    head = text.lstrip("\ufeff \t\r\n\xa0")
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    if head.startswith("<"):
        return "html"
    return "txt"


def _read_file(
    path: Path,
    where: str,
    published: datetime | None,
    force_language: str | None,
) -> Iterator[Article | Reject]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, where, published, force_language)
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json_file(path, where, published, force_language)
        return
    article_id = path.stem
    if suffix in HTML_SUFFIXES:
        yield _finish(
            lambda: parse_html(
                _decode_html(path, where), article_id=article_id, published=published,
                origin=where,
            ),
            where, force_language, article_id,
        )  # fmt: skip
        return
    if suffix in TEXT_SUFFIXES:
        yield _finish(
            lambda: parse_text_article(
                _load_text(path, where, limit=MAX_ARTICLE_CHARS), article_id=article_id,
                published=published, origin=where,
            ),
            where, force_language, article_id,
        )  # fmt: skip
        return
    # No extension: look at the content, as for stdin.
    try:
        text = _load_text(path, where, limit=MAX_HTML_CHARS)
    except Exception as exc:  # noqa: BLE001
        yield _reject(exc, where, article_id)
        return
    kind = _sniff(text)
    if kind == "jsonl":
        lines = ((line.encode("utf-8"), 0) for line in text.splitlines())
        yield from _jsonl_records(
            lines, name=where, stem=path.stem, published=published, force_language=force_language
        )
    elif kind == "json":
        yield from _parse_json_text(text, where, path.stem, published, force_language)
    else:
        yield _finish(
            lambda: _parse_sniffed(text, kind, article_id, published, where),
            where, force_language, article_id,
        )  # fmt: skip


def _parse_json_text(
    text: str, where: str, stem: str, published: datetime | None, force_language: str | None
) -> Iterator[Article | Reject]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _reject(
            UnreadableArticle(
                MSG_BAD_JSON_DOCUMENT.format(
                    source=where, reason=exc.msg, line=exc.lineno, column=exc.colno
                )
            ),
            where,
        )
        return
    yield from _json_document_records(document, where, stem, published, force_language)


def _parse_sniffed(
    text: str, kind: str, article_id: str, published: datetime | None, where: str
) -> Article:
    if kind == "html":
        return parse_html(text, article_id=article_id, published=published, origin=where)
    return parse_text_article(text, article_id=article_id, published=published, origin=where)


def _directory_files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in READABLE_SUFFIXES:
                found.append(Path(folder, name))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def read_path(
    path: str | Path,
    *,
    published: datetime | None = None,
    force_language: str | None = None,
) -> Iterator[Article | Reject]:
    """Read one file or a directory of files. Never raises for bad input.

    A file of an unknown type is a :class:`Reject`; inside a directory such files are
    skipped quietly.
    """
    path = Path(path)
    where = str(path)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield _reject(exc, where)
        return
    if not exists:
        yield _reject(InputError(MSG_MISSING.format(source=where)), where)
        return
    if is_dir:
        files = _directory_files(path)
        if not files:
            yield _reject(UnsupportedFormat(MSG_EMPTY_DIRECTORY.format(source=where)), where)
        for file in files:
            yield from _read_guarded(file, str(file), published, force_language)
        return
    suffix = path.suffix.lower()
    if suffix and suffix not in READABLE_SUFFIXES:
        yield _reject(
            UnsupportedFormat(MSG_UNSUPPORTED.format(source=where, suffix=suffix)),
            where,
            path.stem,
        )
        return
    yield from _read_guarded(path, where, published, force_language)


def _read_guarded(
    path: Path, where: str, published: datetime | None, force_language: str | None
) -> Iterator[Article | Reject]:
    """:func:`_read_file`, with I/O errors (also mid-stream) turned into a Reject."""
    try:
        yield from _read_file(path, where, published, force_language)
    except Exception as exc:  # noqa: BLE001
        yield _reject(exc, where)


# ------------------------------------------------------------------ stdin


class _EncodedLines:
    """``readline(size)`` of a text stream, as UTF-8 bytes (for :func:`_bounded_lines`)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def readline(self, size: int = -1) -> bytes:
        return self._stream.readline(size).encode("utf-8", "surrogateescape")


def _is_binary_stream(stream: Any) -> bool:
    try:
        return isinstance(stream.read(0), bytes)
    except Exception:  # noqa: BLE001
        return False


def _read_stdin(
    stream: TextIO | BinaryIO, published: datetime | None, force_language: str | None
) -> Iterator[Article | Reject]:
    where = "-"
    raw = getattr(stream, "buffer", stream)
    if not _is_binary_stream(raw):
        raw = _EncodedLines(raw)
    lines = _bounded_lines(raw, MAX_JSON_LINE_BYTES)  # type: ignore[arg-type]
    head: list[tuple[bytes | None, int]] = []
    first: bytes | None = b""
    for line, size in lines:
        head.append((line, size))
        if line is None or line.strip():
            first = line
            break
    else:
        yield _reject(UnreadableArticle(MSG_EMPTY.format(source=where)), where)
        return
    first = (first or b"").lstrip(b"\xef\xbb\xbf \t")
    if first.startswith(b"{"):
        yield from _jsonl_records(
            chain(head, lines), name=where, stem="stdin", published=published,
            force_language=force_language,
        )  # fmt: skip
        return
    # One article (plain text or HTML) or one JSON document: read it whole, bounded.
    kind = {b"<": "html", b"[": "json"}.get(first[:1], "txt")
    limit = {"html": MAX_HTML_CHARS, "json": MAX_JSON_DOCUMENT_BYTES}.get(kind, MAX_ARTICLE_CHARS)
    # UTF-8 takes at most 4 bytes a character; the JSON document limit is in bytes.
    byte_limit = limit if kind == "json" else 4 * limit + 4
    data = bytearray()
    total = 0
    for line, size in chain(head, lines):
        total += size
        if line is not None and total <= byte_limit:
            data += line
    if total > byte_limit:
        yield _reject(
            UnreadableArticle(MSG_STDIN_TOO_LONG.format(source=where, size=total, limit=limit)),
            where,
        )
        return
    try:
        if _looks_binary(bytes(data[:8192])):
            raise UnsupportedFormat(MSG_BINARY.format(source=where))
        text = _decode(bytes(data), where).lstrip("\ufeff")
        if kind == "html" and len(text) > MAX_HTML_CHARS:
            raise UnreadableArticle(
                MSG_HTML_TOO_LONG.format(source=where, chars=len(text), limit=MAX_HTML_CHARS)
            )
    except Exception as exc:  # noqa: BLE001
        yield _reject(exc, where)
        return
    if kind == "json":
        yield from _parse_json_text(text, where, "stdin", published, force_language)
        return
    article_id = "stdin-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    yield _finish(
        lambda: _parse_sniffed(text, kind, article_id, published, where),
        where, force_language, article_id,
    )  # fmt: skip


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    published: datetime | None = None,
    stdin: TextIO | BinaryIO | None = None,
    force_language: str | None = None,
) -> Iterator[Article | Reject]:
    """Read every input (files, directories, ``-`` for stdin) in order, lazily.

    Yields an :class:`Article` per article and a :class:`Reject` per problem; bad input
    never raises. ``published`` overrides every article's publication time.
    ``force_language`` skips the English check and sets ``language`` on every article.
    """
    for item in inputs:
        if str(item) == "-":
            try:
                stream = stdin if stdin is not None else sys.stdin
                yield from _read_stdin(stream, published, force_language)
            except Exception as exc:  # noqa: BLE001 - e.g. stdin closed or undecodable
                if isinstance(exc, UnicodeDecodeError):
                    exc = UnreadableArticle(
                        MSG_NOT_UTF8.format(
                            source="-", byte=exc.object[exc.start], offset=exc.start
                        )
                    )
                yield _reject(exc, "-")
        else:
            yield from read_path(item, published=published, force_language=force_language)
