"""CAMEO codes with their PLOVER type, mode and Goldstein value (``resources/cameo.tsv``)."""

from __future__ import annotations

import pytest

from eventwire.contract import QUAD_CLASS, quad_class
from eventwire.ontology import PLOVER_TYPES, CameoCode, _table, cameo, goldstein, plover_of

# Older PLOVER names in the 2021 crosswalk and the current ones (DESIGN.md, "Ontology facts").
OLD_PLOVER_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                    "FIGHT": "ASSAULT"}  # fmt: skip


def test_ontology_cameo_111_is_accuse():
    entry = cameo("111")
    assert isinstance(entry, CameoCode)
    assert (entry.code, entry.plover, entry.mode) == ("111", "ACCUSE", "disapprove")
    assert entry.goldstein == -2.0
    assert entry.description == "Criticize or denounce"


@pytest.mark.parametrize(
    ("code", "plover", "value"),
    [
        ("111", "ACCUSE", -2.0),
        ("112", "ACCUSE", -2.0),
        ("036", "AGREE", 4.0),
        ("040", "CONSULT", 1.0),
        ("070", "AID", 7.0),
        ("130", "THREATEN", -4.4),
        ("173", "COERCE", -5.0),
        ("190", "ASSAULT", -10.0),
    ],
    ids=["criticize", "accuse", "intent-to-meet", "consult", "provide-aid", "threaten",
         "arrest", "conventional-force"],
)  # fmt: skip
def test_ontology_goldstein_from_table(code, plover, value):
    assert goldstein(code) == value
    assert plover_of(code)[0] == plover


def test_ontology_sub_code_falls_back_to_parent():
    assert cameo("1119").code == "111"
    assert cameo("1119").plover == "ACCUSE"


@pytest.mark.parametrize("code", ["99", "999", "", "xyz"], ids=["99", "999", "empty", "letters"])
def test_ontology_unknown_code_raises_helpful_key_error(code):
    with pytest.raises(KeyError) as info:
        cameo(code)
    assert info.value.args[0] == f"Unknown CAMEO code {code!r}: codes run from '01' to '204'."


def test_ontology_unknown_code_via_goldstein():
    with pytest.raises(KeyError, match="Unknown CAMEO code '250'"):
        goldstein("250")


def test_ontology_table_types_are_plover_types():
    for entry in _table().values():
        assert entry.plover is None or entry.plover in PLOVER_TYPES, entry
        assert -10.0 <= entry.goldstein <= 10.0


def test_ontology_every_plover_type_has_a_quad_class():
    assert set(QUAD_CLASS) == set(PLOVER_TYPES)
    assert quad_class("ACCUSE") == 3
    assert quad_class("ASSAULT") == 4
    assert quad_class("AGREE") == 1
    assert quad_class("AID") == 2


def test_ontology_goldstein_matches_shared_gdelt_table(shared_dir):
    lines = (shared_dir / "ontology" / "CAMEO.goldsteinscale.txt").read_text().splitlines()[1:]
    wrong = []
    for line in lines:
        code, value = line.split("\t")
        if goldstein(code) != float(value):
            wrong.append((code, goldstein(code), float(value)))
    assert wrong == []


def test_ontology_plover_matches_shared_crosswalk(shared_dir):
    """Each code's type is the crosswalk's (a root listed under two types may take either)."""
    text = (shared_dir / "ontology" / "CAMEO2PLOVER-2021.txt").read_text()
    crosswalk: dict[str, set[str]] = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if ":" not in line:
            continue
        code, _, rest = line.partition(":")
        plover = rest.split(",")[0].strip()
        crosswalk.setdefault(code.strip(), set()).add(OLD_PLOVER_NAMES.get(plover, plover))
    table = _table()
    checked = {code: types for code, types in crosswalk.items() if code in table}
    assert len(checked) > 200
    wrong = [(code, table[code].plover, types) for code, types in checked.items()
             if table[code].plover not in types]  # fmt: skip
    assert wrong == []
