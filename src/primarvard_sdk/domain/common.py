"""Supporting value types: periods, weekly schedules, dated deviations."""

from __future__ import annotations

from datetime import date, time

import attrs

from primarvard_sdk.domain._fields import field, many, optional
from primarvard_sdk.domain.atkomst import Begransningsinformation
from primarvard_sdk.domain.codes import Hanvisning, Veckodag

__all__ = ["AvvikandeDag", "Intervall", "Oppettid", "Period", "minute_of_day"]


def minute_of_day(t: time, *, end: bool = False) -> int:
    """Minutes since local midnight; as the ``end`` of an interval, 00:00 is midnight (1440)."""
    minutes = t.hour * 60 + t.minute
    return 1440 if end and minutes == 0 else minutes


@attrs.frozen
class Period:
    """A period of whole local days, both ends inclusive; ``till`` absent means open-ended."""

    fran: date = field("First day.")
    till: date | None = optional("Last day (inclusive); absent: not reported (or open-ended where a field says so).")


@attrs.frozen
class Intervall:
    """A local wall-clock interval within one day (Europe/Stockholm), ``fran`` < ``till``."""

    fran: time = field("Start, local time HH:MM.")
    till: time = field("End, local time HH:MM, after fran; 00:00 or 24:00 is midnight.")


@attrs.frozen
class Oppettid:
    """One interval of a weekly schedule: a weekday (or ``helgdag``) and local times."""

    dag: Veckodag = field("Weekday, or helgdag for the public-holiday schedule.")
    fran: time = field("Opens, local time HH:MM.")
    till: time = field("Closes, local time HH:MM, after fran; 00:00 or 24:00 is midnight.")


@attrs.frozen
class AvvikandeDag:
    """A dated deviation from the weekly schedule (limited opening, closed day)."""

    datum: date = field("The local day.")
    oppettider: tuple[Intervall, ...] | None = many("Opening intervals that day; empty = closed.")
    hanvisning: tuple[Hanvisning, ...] | None = many(
        "Where patients are referred that day (annan_halsocentral, 1177, ...)."
    )
    information: Begransningsinformation | None = optional(
        "How patients, callers and the region were told of the day; absent: not reported."
    )
