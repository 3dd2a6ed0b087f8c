"""The shared :class:`Implementations` of vasterbotten.halsoval and small helpers of its modules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from primarvard_sdk.model import Explanation, Finding, Outcome
from primarvard_sdk.plugin import Implementations

__all__ = ["combine_deadlines", "fold", "iso", "rules"]

rules = Implementations("vasterbotten.halsoval")

#: Worst first: the outcome a set of deadlines gets is the worst of its parts.
_DEADLINE_ORDER = (Outcome.missed, Outcome.open, Outcome.met)


def iso(day: date) -> str:
    return day.isoformat()


def fold(text: str) -> str:
    """Case- and space-insensitive form of a code or name, for comparing declared lists."""
    return " ".join(text.casefold().replace("_", " ").split())


def joined(items: Iterable[Any]) -> str:
    return ", ".join(str(i) for i in items)


def combine_deadlines(parts: Sequence[Finding], sv: str, en: str, **values: Any) -> Finding:
    """One finding for several deadlines: the worst outcome (missed, then open, then met) wins.

    ``due`` and ``actual`` are those of the first part with the worst outcome (parts in a stable
    order chosen by the caller); every part is listed under ``parts``.
    """
    worst = min(parts, key=lambda p: _DEADLINE_ORDER.index(p.outcome))
    sv_all = " ".join([sv, *(p.explanation.sv for p in parts)])
    en_all = " ".join([en, *(p.explanation.en for p in parts)])
    return Finding(
        outcome=worst.outcome,
        explanation=Explanation(sv=sv_all, en=en_all),
        values={
            "due": worst.values.get("due"),
            "actual": worst.values.get("actual"),
            **values,
            "parts": [dict(p.values, outcome=p.outcome.value) for p in parts],
        },
    )


def non_working_note(due: date) -> tuple[str, str]:
    """SPEC.md: a calendar-day due date on a non-working day is not moved; the result says so."""
    from primarvard_sdk import calendar

    if calendar.is_vardag(due):
        return "", ""
    return (
        " Dagen är ingen vardag; fristen flyttas inte.",
        " That day is not a weekday; the deadline does not move.",
    )
