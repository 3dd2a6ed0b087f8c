"""Pure helpers for weekly schedules: union of intervals, coverage of a window, weekly hours."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta

from primarvard_sdk import calendar
from primarvard_sdk.domain import Oppettid, Veckodag, minute_of_day

__all__ = [
    "WEEKDAYS",
    "Span",
    "covers",
    "day_spans",
    "hhmm",
    "iso_week",
    "minutes",
    "union",
    "weekly_hours",
]

#: A local wall-clock interval within one day, in minutes since midnight, start < end.
Span = tuple[int, int]

#: Weekday codes in order Monday..Sunday (date.weekday() indexes this).
WEEKDAYS: tuple[Veckodag, ...] = (
    Veckodag.mon,
    Veckodag.tue,
    Veckodag.wed,
    Veckodag.thu,
    Veckodag.fri,
    Veckodag.sat,
    Veckodag.sun,
)


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def _time(m: int) -> time:
    return time(m // 60 % 24, m % 60)  # 1440, the end of the day, is the midnight 00:00


def union(spans: Iterable[Span]) -> list[Span]:
    """The union of ``spans`` as sorted, disjoint spans; empty or reversed spans count for nothing.

    Touching spans merge: 07:30–12:00 and 12:00–17:00 cover 07:30–17:00.
    """
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def covers(spans: Iterable[Span], window: Span) -> bool:
    """Whether the union of ``spans`` covers all of ``window``."""
    return any(s <= window[0] and window[1] <= e for s, e in union(spans))


def day_spans(schedule: Iterable[Oppettid], day: Veckodag) -> list[Span]:
    """The merged spans a weekly schedule declares for ``day``."""
    return union((minutes(o.fran), minute_of_day(o.till, end=True)) for o in schedule if o.dag is day)


def iso_week(as_of: date) -> list[date]:
    """Monday..Sunday of the ISO week that holds ``as_of``."""
    monday = as_of - timedelta(days=as_of.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def weekly_hours(schedule: Iterable[Oppettid], week: list[date]) -> float:
    """Real elapsed hours of the weekly schedule (Monday..Sunday, no holiday schedule) in ``week``.

    Hours are real (UTC) hours of each day's merged intervals, so an interval over a DST change
    at night counts what the clock really ran; daytime intervals are unaffected.
    """
    entries = tuple(schedule)
    total = 0.0
    for d in week:
        for start, end in day_spans(entries, WEEKDAYS[d.weekday()]):
            total += calendar.local_interval_hours(d, _time(start), _time(end))
    return total
