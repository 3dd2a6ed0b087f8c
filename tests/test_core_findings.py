"""The findings helpers every region shares: deadline outcomes, aggregation, calendar notes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from primarvard_sdk.findings import (
    calendar_day_note,
    deadline_outcome,
    decision,
    indeterminate,
    worst,
)
from primarvard_sdk.model import Outcome

CET = timezone(timedelta(hours=1))


def test_a_due_date_is_inclusive() -> None:
    due = date(2025, 12, 24)
    assert deadline_outcome(due, date(2025, 12, 24), date(2026, 1, 10)) is Outcome.met
    assert deadline_outcome(due, date(2025, 12, 25), date(2026, 1, 10)) is Outcome.missed
    assert deadline_outcome(due, None, date(2025, 12, 24)) is Outcome.open
    assert deadline_outcome(due, None, date(2025, 12, 25)) is Outcome.missed


def test_a_due_instant_is_exact() -> None:
    due = datetime(2025, 3, 30, 5, 30, tzinfo=timezone(timedelta(hours=2)))
    assert deadline_outcome(due, datetime(2025, 3, 30, 3, 30, tzinfo=UTC), date(2025, 3, 31)) is Outcome.met
    assert deadline_outcome(due, datetime(2025, 3, 30, 3, 31, tzinfo=UTC), date(2025, 3, 31)) is Outcome.missed


def test_worst_never_turns_a_missing_input_into_met() -> None:
    assert worst([Outcome.met, Outcome.indeterminate, Outcome.open]) is Outcome.indeterminate
    assert worst([Outcome.met, Outcome.missed, Outcome.indeterminate]) is Outcome.missed
    assert worst([Outcome.passed, Outcome.fail]) is Outcome.fail
    assert worst([]) is Outcome.met


def test_calendar_day_note_only_on_non_working_days() -> None:
    assert calendar_day_note(date(2025, 12, 23)) == ("", "")
    assert calendar_day_note(date(2025, 12, 24))[1] == " That day is not a working day; the deadline does not move."


def test_decisions_map_to_outcomes_and_missing_paths_are_json_paths() -> None:
    assert decision("route", "sv", "en", route="barn_och_ungdomshalsan").values == {
        "decision": "route",
        "route": "barn_och_ungdomshalsan",
    }
    assert decision("reject", "sv", "en").outcome is Outcome.fail
    assert indeterminate("patient.fodelsedatum").missing == ("$.patient.fodelsedatum",)


def test_an_indeterminate_sentence_names_ten_paths_and_keeps_them_all() -> None:
    from primarvard_sdk.findings import indeterminate

    paths = [f"$.personal[{i}].yrke" for i in range(25)]
    found = indeterminate(*paths)
    assert found.missing == tuple(paths)
    assert "$.personal[9].yrke and 15 more)" in found.explanation.en
    assert "$.personal[10]" not in found.explanation.en
    assert "$.personal[9].yrke och 15 till)" in found.explanation.sv


def test_a_case_handed_over_as_the_text_says_is_not_a_failure() -> None:
    """Värmland 1.2.12: "på övrig tid har jourcentralen detta ansvar" — the vårdcentral has nothing
    to answer for at night; a route that refuses a case here stays a fail."""
    from primarvard_sdk.findings import decision, handed_over
    from primarvard_sdk.model import Outcome

    night = handed_over("Jourcentralen ansvarar.", "The jourcentral is responsible.", route="jourcentral")
    assert night.outcome is Outcome.not_applicable
    assert night.values == {"decision": "route", "route": "jourcentral"}
    assert decision("route", "Till BUH.", "To BUH.", route="buh").outcome is Outcome.fail
