"""Shared registry and small helpers of varmland.vardcentral (the rule modules register on ``rules``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from fractions import Fraction

from primarvard_sdk.domain import Medarbetare, Uppdrag, Vardenhet
from primarvard_sdk.plugin import Implementations

__all__ = [
    "DAY_SV",
    "WEEKDAYS",
    "exact",
    "fmt_hours",
    "parse_time",
    "rules",
    "staff_in",
    "training_completed",
]

rules = Implementations("varmland.vardcentral")

#: The five weekday schedules, in order.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
DAY_SV = {
    "mon": "måndag",
    "tue": "tisdag",
    "wed": "onsdag",
    "thu": "torsdag",
    "fri": "fredag",
    "sat": "lördag",
    "sun": "söndag",
    "helgdag": "helgdag",
}


def parse_time(text: str) -> time:
    """A parameter's "HH:MM" as a wall-clock time."""
    return time.fromisoformat(text)


def exact(value: float | int | str) -> Fraction:
    """A number as an exact fraction through its decimal text (9.6 is 48/5, not the float)."""
    return Fraction(str(value))


def fmt_hours(value: Fraction | float) -> str:
    """Hours for an explanation: at most two decimals, no trailing zeros (9.6, 14.29, 8)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def staff_in(unit: Vardenhet, uppdrag: Uppdrag) -> list[tuple[int, Medarbetare]]:
    """Staff (with their index in ``$.personal``) who serve in a work area, in input order."""
    return [(i, m) for i, m in enumerate(unit.personal or ()) if uppdrag in m.uppdrag]


def training_completed(member: Medarbetare, index: int, areas: Iterable[str], as_of: date) -> tuple[bool, list[str]]:
    """Whether the member completed a training in one of ``areas`` by ``as_of``.

    Returns (completed, missing paths): a training in the area without ``avslutad`` is unknown.
    """
    missing: list[str] = []
    for j, u in enumerate(member.utbildningar):
        if u.omrade.value not in areas:
            continue
        if u.avslutad is None:
            missing.append(f"$.personal[{index}].utbildningar[{j}].avslutad")
        elif u.avslutad <= as_of:
            return True, []
    return False, missing
