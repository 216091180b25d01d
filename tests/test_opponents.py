"""A party's opponents are the opposition, not the party: "opponents of the Ghanaian
government" are Ghana's opposition, whatever the sector of what they oppose.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, only


@pytest.mark.parametrize("text, country", [
    pytest.param("Opponents of the Ghanaian government marched through Accra.", "GHA", id="of-government"),
    pytest.param("Opponents of the Bolivian army rallied in La Paz.", "BOL", id="of-army"),
])
def test_opponents_of_a_party_are_the_opposition(coder: Coder, text: str, country: str) -> None:
    event = only(code(coder, text), "PROTEST")
    assert [(a.country, a.sector) for a in event.sources] == [(country, "OPP")]


def test_members_of_a_government_stay_the_government(coder: Coder) -> None:
    event = only(code(coder, "Members of the Ghanaian government visited Togo."), "CONSULT")
    assert [(a.country, a.sector) for a in event.sources] == [("GHA", "GOV")]
