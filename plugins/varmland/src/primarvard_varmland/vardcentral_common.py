"""Shared registry and small helpers of varmland.vardcentral (the rule modules register on ``rules``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.domain import (
    Medarbetare,
    Oppettid,
    Uppdrag,
    Utbildningsomrade,
    Vardenhet,
    fold,
    meets_level,
    minute_of_day,
)
from primarvard_sdk.plugin import Implementations

__all__ = [
    "DAY_SV",
    "WEEKDAYS",
    "Verdict",
    "code",
    "codes",
    "day_key",
    "exact",
    "fmt_hours",
    "in_service",
    "is_open_at",
    "missing_paths",
    "municipality",
    "parse_time",
    "rules",
    "staff_in",
    "training_completed",
]

rules = Implementations("varmland.vardcentral")

#: A check of one record: True (meets it), False (does not), or the JSON paths whose absence leaves it open.
Verdict = bool | list[str]

#: The five weekday schedules, in order.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
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
    """A parameter's "HH:MM" as a wall-clock time; "24:00" is held as 00:00 (as an interval's end,
    midnight: read it with ``minute_of_day(t, end=True)``)."""
    return time(0, 0) if str(text) == "24:00" else time.fromisoformat(str(text))


def exact(value: float | int | str | Fraction) -> Fraction:
    """A number as an exact fraction through its decimal text (9.6 is 48/5, not the float)."""
    if isinstance(value, Fraction):
        return value
    return Fraction(str(value))


def fmt_hours(value: Fraction | float | int) -> str:
    """Hours for an explanation: at most two decimals, no trailing zeros (9.6, 14.29, 8)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def fmt_exact(value: Fraction | float | int | str) -> str:
    """A number for an explanation without rounding when its decimal form ends (0.0299 stays 0.0299,
    4 × 3/50 is 0.24); a recurring decimal falls back to :func:`fmt_hours` (the values carry it exactly)."""
    f = exact(value)
    rest = f.denominator
    for p in (2, 5):
        while rest % p == 0:
            rest //= p
    if rest != 1:
        return fmt_hours(f)
    with localcontext() as ctx:
        ctx.prec = 60
        text = format(Decimal(f.numerator) / Decimal(f.denominator), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def code(value: Any) -> str | None:
    """The code of an enum member (its value), a plain string as it is, None as None."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


def codes(values: Iterable[Any]) -> list[str]:
    return [c for c in (code(v) for v in values) if c is not None]


def missing_paths(document: Any, *dotted: str) -> list[str]:
    """JSON paths (``$.a.b``) of the dotted paths whose value is None; a None parent counts as the
    path itself missing."""
    found: list[str] = []
    for path in dotted:
        value: Any = document
        for part in path.split("."):
            value = getattr(value, part, None) if value is not None else None
        if value is None:
            found.append(f"$.{path}")
    return found


def in_service(unit: Vardenhet, day: date) -> list[tuple[int, Medarbetare]]:
    """Staff (with their index in ``$.personal``) in service at the unit on ``day``
    (:meth:`Medarbetare.i_tjanst`: a period at the unit (``verksam``) that covers the day and no
    employment start after it; neither reported: in service), in input order. A member who has left,
    or not yet started, does not staff the unit that day."""
    return [(i, m) for i, m in enumerate(unit.personal or ()) if m.i_tjanst(day)]


def staff_in(unit: Vardenhet, uppdrag: Uppdrag, day: date) -> tuple[list[tuple[int, Medarbetare]], list[str]]:
    """Staff in service on ``day`` (with their index in ``$.personal``) who serve in a work area, in
    input order, and the paths of such staff whose work areas are not reported (they may serve in it)."""
    serving: list[tuple[int, Medarbetare]] = []
    unknown: list[str] = []
    for i, m in in_service(unit, day):
        if m.uppdrag is None:
            unknown.append(f"$.personal[{i}].uppdrag")
        elif uppdrag in m.uppdrag:
            serving.append((i, m))
    return serving, unknown


def training_completed(member: Medarbetare, index: int, lowest: Utbildningsomrade, day: date) -> tuple[bool, list[str]]:
    """Whether the member completed a training in ``lowest`` or a higher level of it ("lägst steg 1"
    is met by steg 2) on or before ``day``.

    Returns (completed, missing paths): unreported trainings, or a training in the area without
    ``avslutad``, leave it unknown.
    """
    if member.utbildningar is None:
        return False, [f"$.personal[{index}].utbildningar"]
    missing: list[str] = []
    for j, u in enumerate(member.utbildningar):
        if not meets_level(u.omrade, lowest):
            continue
        if u.avslutad is None:
            missing.append(f"$.personal[{index}].utbildningar[{j}].avslutad")
        elif u.avslutad <= day:
            return True, []
    return False, missing


def municipality(name: str, known: Any) -> str:
    """A municipality name as the region's code when it is one of the region's spellings
    (``known``: code → accepted spellings), else the folded name itself."""
    folded = fold(name)
    for key, spellings in dict(known).items():
        if folded == fold(str(key)) or any(folded == fold(str(s)) for s in spellings):
            return str(key)
    return folded


def day_key(day: date) -> str:
    """Which schedule of a weekly timetable runs on ``day``: ``helgdag`` on a public holiday and
    on midsommarafton, julafton and nyårsafton; otherwise the weekday (mon … sun)."""
    if calendar.holiday_name(day) is not None:
        return "helgdag"
    return _WEEK[day.weekday()]


def is_open_at(schedule: Sequence[Oppettid], instant: datetime) -> bool:
    """Whether the local wall time of ``instant`` lies in one of the day's intervals [fran, till);
    an interval ending 00:00 (or 24:00) runs to midnight."""
    local = calendar.to_local(instant)
    key = day_key(local.date())
    now = minute_of_day(local.time())
    return any(
        code(o.dag) == key and minute_of_day(o.fran) <= now < minute_of_day(o.till, end=True) for o in schedule
    )
