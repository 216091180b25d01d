"""CAMEO codes with their PLOVER type, mode and Goldstein value.

The table ``resources/cameo.tsv`` is built from the shared ontology facts by
``scripts/build_ontology.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["CameoCode", "PLOVER_TYPES", "cameo", "goldstein", "plover_of"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    plover: str | None
    mode: str | None
    goldstein: float
    description: str


@cache
def _table() -> dict[str, CameoCode]:
    text = resources.files("eventwire.resources").joinpath("cameo.tsv").read_text("utf-8")
    table = {}
    for line in text.splitlines()[1:]:
        code, plover, mode, gold, desc = line.split("\t")
        table[code] = CameoCode(code, plover or None, mode or None, float(gold), desc)
    return table


def cameo(code: str) -> CameoCode:
    """The entry for a CAMEO code; unknown sub-codes fall back to their parent."""
    table = _table()
    for prefix in (code, code[:3], code[:2]):
        if prefix in table:
            return table[prefix]
    raise KeyError(f"Unknown CAMEO code {code!r}: codes run from '01' to '204'.")


def goldstein(code: str) -> float:
    return cameo(code).goldstein


def plover_of(code: str) -> tuple[str | None, str | None]:
    entry = cameo(code)
    return entry.plover, entry.mode
