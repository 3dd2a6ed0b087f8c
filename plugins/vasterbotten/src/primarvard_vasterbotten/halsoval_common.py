"""The shared :class:`Implementations` of vasterbotten.halsoval and small helpers of its modules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import minute_of_day
from primarvard_sdk.findings import worst
from primarvard_sdk.model import Explanation, Finding
from primarvard_sdk.plugin import Implementations

__all__ = [
    "EVES",
    "combine_deadlines",
    "covers",
    "in_edition",
    "iso",
    "joined",
    "must_be_open",
    "rules",
]

rules = Implementations("vasterbotten.halsoval")

#: The three eves: not public holidays (lag 1989:253), but not vardagar when a deadline is counted.
EVES = frozenset({"Midsommarafton", "Julafton", "Nyårsafton"})


def iso(day: date) -> str:
    return day.isoformat()


def joined(items: Iterable[Any]) -> str:
    return ", ".join(str(i) for i in items)


def must_be_open(day: date, eves_exempt: bool) -> bool:
    """Whether ``day`` is a "helgfri vardag" on which the unit must keep its ordinary hours (2.7.1).

    Monday–Friday and not a public holiday. Midsommarafton, julafton and nyårsafton are not public
    holidays; they count as days to be open unless ``eves_exempt`` (a dated parameter: the text
    leaves the reading open).
    """
    if day.weekday() >= 5:
        return False
    name = calendar.holiday_name(day)
    if name is None:
        return True
    names = set(name.split(calendar.NAME_SEPARATOR))
    if names - EVES:
        return False  # a public holiday (possibly on the same date as an eve)
    return not eves_exempt


def covers(intervals: Iterable[Any], opens: time, closes: time) -> bool:
    """Whether the union of the intervals (``fran``/``till``) covers [opens, closes] without a gap."""
    reached = minute_of_day(opens)
    spans = sorted((minute_of_day(i.fran), minute_of_day(i.till, end=True)) for i in intervals)
    for start, end in spans:
        if start > reached:
            break
        reached = max(reached, end)
    return reached >= minute_of_day(closes, end=True)


def in_edition(ctx: RuleContext, day: date) -> bool:
    """Whether ``day`` lies inside the edition that governs the case (always true without one)."""
    edition = ctx.edition
    if edition is None:
        return True
    return bool(edition.in_force(day))


def combine_deadlines(parts: Sequence[Finding], sv: str, en: str, **values: Any) -> Finding:
    """One finding for several deadlines: the worst outcome wins (:func:`findings.worst`).

    ``due`` and ``actual`` are those of the first part with the worst outcome (parts in a stable
    order chosen by the caller); every part is listed under ``parts``.
    """
    outcome = worst(p.outcome for p in parts)
    first = next(p for p in parts if p.outcome is outcome)
    sv_all = " ".join([sv, *(p.explanation.sv for p in parts)])
    en_all = " ".join([en, *(p.explanation.en for p in parts)])
    return Finding(
        outcome=outcome,
        explanation=Explanation(sv=sv_all, en=en_all),
        values={
            "due": first.values.get("due"),
            "actual": first.values.get("actual"),
            **values,
            "parts": [dict(p.values, outcome=p.outcome.value) for p in parts],
        },
    )
