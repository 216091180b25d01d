"""Sums of money given or pledged to a state are aid: "gave Jordan $20 million", "promised
to give Kenya 300 million dollars in aid". Sums paid within a business are not.

Each case is a short sentence of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Coder

from coding_helpers import code, names


@pytest.mark.parametrize("text, expected", [
    pytest.param("Norway gave Chad $40 million to feed refugees.",
                 ("AID", "070", ["NOR"], ["TCD"]), id="gave-a-sum"),
    pytest.param("Canada provided Haiti $15 million in emergency aid.",
                 ("AID", "070", ["CAN"], ["HTI"]), id="sum-in-aid"),
    pytest.param("Spain promised to give Peru 300 million dollars in reconstruction aid.",
                 ("AGREE", "033", ["ESP"], ["PER"]), id="promised-to-give-a-sum"),
])
def test_a_sum_given_to_a_state_is_aid(coder: Coder, text: str, expected) -> None:
    events = code(coder, text)
    assert [(e.type, e.cameo, names(e.sources), names(e.targets)) for e in events] == [expected]


@pytest.mark.parametrize("text", [
    pytest.param("The firm gave its shareholders 5 million euros.", id="dividend"),
    pytest.param("The company provided its staff 2 million dollars in bonuses.", id="bonus"),
])
def test_a_sum_paid_inside_a_business_is_no_aid(coder: Coder, text: str) -> None:
    assert code(coder, text) == []
