"""Actor sectors: a two-word entry outranks its words ("a police commander" is no soldier,
"a task force" no army), and a person's kin are not the relative's body.

Each case is a short text of our own, coded by the whole per-article coder.
"""

from __future__ import annotations

from coding_helpers import code

from eventwire.pipeline import Coder


def parties(events, role: str = "sources") -> set[tuple[str, str | None, str | None]]:
    return {(a.text, a.country, a.sector) for e in events for a in getattr(e, role)}


def test_a_police_commander_is_police_not_military(coder: Coder) -> None:
    events = code(coder, "A police commander was stabbed by an extremist near the parliament.")
    assert ("A police commander", None, "COP") in parties(events, "targets")


def test_a_task_force_coordinator_is_no_soldier(coder: Coder) -> None:
    events = code(coder, "Dr Jane Roe, the White House virus task force coordinator, criticised the governor.")
    sectors = {sector for _, _, sector in parties(events)}
    assert sectors == {"GOV"}


def test_a_daughter_does_not_take_her_fathers_air_force(coder: Coder) -> None:
    events = code(
        coder,
        "The daughter of a Canadian Air Force engineer, Mary Smith grew up in Toronto. "
        "She later moved to Washington. Smith accused Senator Brown of lying.",
    )
    smith = [(c, s) for text, c, s in parties(events) if text == "Smith"]
    assert smith and all(s != "MIL" for _, s in smith)


def test_a_deputy_before_a_title_is_a_rank_not_a_sheriffs_deputy(coder: Coder) -> None:
    events = code(coder, "UN Deputy Relief Coordinator Jane Roe accused the rebels of looting.")
    assert {sector for _, _, sector in parties(events)} == {"IGO"}


def test_a_deputy_alone_is_police(coder: Coder) -> None:
    events = code(coder, "The deputy arrested two men on Monday.")
    assert ("The deputy", None, "COP") in parties(events)


def test_a_press_secretary_speaks_for_the_government(coder: Coder) -> None:
    events = code(coder, "The White House press secretary, John Doe, accused the senator of lying.")
    assert {sector for _, _, sector in parties(events)} == {"GOV"}


def test_commandos_are_military(coder: Coder) -> None:
    events = code(coder, "Israeli commandos attacked Palestinian fighters in Gaza.")
    assert ("Israeli commandos", "ISR", "MIL") in parties(events)


def test_the_asian_development_bank_is_an_international_body(coder: Coder) -> None:
    events = code(coder, "The Asian Development Bank urged the government to cut spending.")
    assert {a.igo for e in events for a in e.sources} == {"ADB"}


def test_a_title_stacked_before_a_name_gives_its_sector(coder: Coder) -> None:
    events = code(coder, "Army chief John Doe accused the opposition of plotting a coup.")
    assert ("Army chief John Doe", None, "MIL") in parties(events)


def test_a_security_service_is_intelligence(coder: Coder) -> None:
    events = code(coder, "The Security Service accused the opposition of plotting a coup.")
    assert ("The Security Service", None, "SPY") in parties(events)


def test_a_defense_department_is_military(coder: Coder) -> None:
    events = code(coder, "The Defense Department accused the rebels of looting.")
    assert ("The Defense Department", None, "MIL") in parties(events)


def test_a_noun_stacked_on_a_modifier_gives_no_sector(coder: Coder) -> None:
    events = code(coder, "The city will host a youth robot competition on Monday.")
    assert all(sector != "CVL" for _, _, sector in parties(events, "targets"))
