"""The Swedish working-day calendar and Europe/Stockholm time arithmetic (the calendar convention,
Explanation › "Kalendern").

A *vardag* is a Monday–Friday that is neither an *allmän helgdag* under lag (1989:253) nor one of
the three eves that count as non-working days for deadlines: *midsommarafton*, *julafton* and
*nyårsafton*. The holidays come from the ``holidays`` package, filtered to exactly the list of
the calendar convention, for the years :data:`FIRST_YEAR`–:data:`LAST_YEAR`; a calendar function
given a date outside those years raises :class:`~primarvard_sdk.errors.CalendarRangeError`. Plain date and time
arithmetic (:func:`add_months`, :func:`local_datetime`, ...) works for any date.

Everything here is a pure function of its arguments: there is no hidden clock. Importing the module
is cheap; the calendar tables are built once, on first use, and then every vardag question
(:func:`is_vardag`, :func:`next_vardag`, :func:`nth_vardag_after`, :func:`vardagar_between`) is a
constant-time table lookup.
"""

from __future__ import annotations

import threading
from array import array
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo

from primarvard_sdk.errors import CalendarRangeError, PrimarvardError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "NAME_SEPARATOR",
    "STOCKHOLM",
    "add_calendar_days",
    "add_hours",
    "add_months",
    "add_years",
    "busday_holidays",
    "end_of_local_day",
    "holiday_name",
    "is_ambiguous_local",
    "is_non_working_day",
    "is_nonexistent_local",
    "is_vardag",
    "local_date",
    "local_datetime",
    "local_interval_hours",
    "next_vardag",
    "non_working_dates",
    "non_working_holidays",
    "nth_vardag_after",
    "start_of_local_day",
    "to_local",
    "vardagar_between",
]

STOCKHOLM: Final = ZoneInfo("Europe/Stockholm")
FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 2100

_FIRST_ORDINAL: Final = date(FIRST_YEAR, 1, 1).toordinal()
_DAYS: Final = date(LAST_YEAR, 12, 31).toordinal() - _FIRST_ORDINAL + 1
_ONE_MICROSECOND: Final = timedelta(microseconds=1)

#: Separator between the names of two holidays that fall on the same date (as ``holidays`` does:
#: "Första maj; Kristi himmelsfärdsdag" in 2008).
NAME_SEPARATOR: Final = "; "

# The names the calendar convention lists, as the ``holidays`` package spells them in Swedish.
_EVERY_YEAR: Final = frozenset(
    {
        "Nyårsdagen",
        "Trettondedag jul",
        "Långfredagen",
        "Påskdagen",
        "Annandag påsk",
        "Första maj",
        "Kristi himmelsfärdsdag",
        "Pingstdagen",
        "Midsommardagen",
        "Alla helgons dag",
        "Juldagen",
        "Annandag jul",
        "Midsommarafton",
        "Julafton",
        "Nyårsafton",
    }
)
_NATIONALDAGEN_FROM: Final = 2005
_SPEC_NAMES: Final = _EVERY_YEAR | {"Nationaldagen", "Annandag pingst"}


def _expected_names(year: int) -> frozenset[str]:
    """The calendar convention's names for ``year``: nationaldagen from 2005, annandag pingst before."""
    swapped = "Nationaldagen" if year >= _NATIONALDAGEN_FROM else "Annandag pingst"
    return _EVERY_YEAR | {swapped}


class _Tables:
    """The precomputed calendar for FIRST_YEAR–LAST_YEAR, indexed by day offset from 1900-01-01."""

    __slots__ = ("by_year", "dates", "flags", "names", "rank", "vardagar")

    def __init__(self, names: dict[date, str]) -> None:
        self.names = names
        self.dates = frozenset(names)
        self.by_year: dict[int, dict[date, str]] = {y: {} for y in range(FIRST_YEAR, LAST_YEAR + 1)}
        for day in sorted(names):
            self.by_year[day.year][day] = names[day]

        holiday_offsets = {day.toordinal() - _FIRST_ORDINAL for day in names}
        first_weekday = date(FIRST_YEAR, 1, 1).weekday()
        flags = bytearray(_DAYS)  # 1 where the day is a vardag
        rank = array("i", bytes(4 * _DAYS))  # vardagar on or before the day, from 1900-01-01
        vardagar: list[date] = []  # every vardag, in order: vardagar[rank[off]] follows off
        for off in range(_DAYS):
            if (first_weekday + off) % 7 < 5 and off not in holiday_offsets:
                flags[off] = 1
                vardagar.append(date.fromordinal(_FIRST_ORDINAL + off))
            rank[off] = len(vardagar)
        self.flags = bytes(flags)
        self.rank = rank
        self.vardagar = tuple(vardagar)


def _holidays_from_package() -> dict[date, str]:
    """The calendar convention's non-working holidays for FIRST_YEAR–LAST_YEAR, from the ``holidays`` package."""
    from holidays.constants import DE_FACTO, PUBLIC
    from holidays.countries.sweden import Sweden

    class _Sweden(Sweden):
        # holidays starts Sweden in 1953 (lag 1952:48, which made midsommardagen and alla helgons
        # dag movable Saturdays). The convention applies today's rules to every year from 1900, so the
        # package's current rules are used for 1900–1952 as well.
        start_year = FIRST_YEAR

    raw: dict[date, str] = dict(
        _Sweden(
            years=range(FIRST_YEAR, LAST_YEAR + 1),
            include_sundays=False,
            categories=(PUBLIC, DE_FACTO),
            language="sv",
        )
    )
    names: dict[date, str] = {}
    for day, joined in raw.items():
        # Anything the convention does not list is dropped: in holidays 0.109 that is only marie
        # bebådelsedag (until 1989, always a Sunday).
        kept = [name for name in joined.split(NAME_SEPARATOR) if name in _SPEC_NAMES]
        if kept:
            names[day] = NAME_SEPARATOR.join(kept)
    _check_every_year(names)
    return names


def _check_every_year(names: dict[date, str]) -> None:
    """Fail loudly if the package no longer gives every holiday of the calendar convention exactly once a year."""
    found: dict[int, list[str]] = {y: [] for y in range(FIRST_YEAR, LAST_YEAR + 1)}
    for day, joined in names.items():
        found[day.year].extend(joined.split(NAME_SEPARATOR))
    for year, year_names in found.items():
        if sorted(year_names) != sorted(_expected_names(year)):
            raise PrimarvardError(
                f"the installed holidays package gives an unexpected Swedish calendar for {year}: "
                f"{sorted(year_names)}"
            )


_tables: _Tables | None = None
_busday: Any = None
_lock = threading.Lock()


def _shipped_holidays() -> dict[date, str]:
    """The same holidays as :func:`_holidays_from_package`, from the table shipped with the SDK
    (``_holiday_table.py``, written by :func:`write_holiday_table`; a test recomputes it from the
    ``holidays`` package): importing ``holidays`` costs a quarter of a second, the table nothing."""
    from primarvard_sdk._holiday_table import DAYS, NAMES

    names = {date.fromordinal(_FIRST_ORDINAL + offset): NAMES[index] for offset, index in DAYS}
    _check_every_year(names)
    return names


def write_holiday_table(path: str) -> None:
    """Write ``_holiday_table.py`` from the ``holidays`` package (after a change of the convention
    or of FIRST_YEAR–LAST_YEAR): ``python -c "from primarvard_sdk.calendar import write_holiday_table as w;
    w('src/primarvard_sdk/_holiday_table.py')"``."""
    names = _holidays_from_package()
    kinds = sorted(set(names.values()))
    rows = [(day.toordinal() - _FIRST_ORDINAL, kinds.index(name)) for day, name in sorted(names.items())]
    lines = ['"""Sweden\'s non-working holidays 1900–2100 as the calendar convention lists them: written by',
             "primarvard_sdk.calendar.write_holiday_table from the holidays package; do not edit.",
             '(day offset from 1900-01-01, index into NAMES)"""', "",
             f"NAMES = {tuple(kinds)!r}", "", "DAYS = ("]
    lines += [" " + " ".join(f"({o}, {i})," for o, i in rows[at:at + 8]) for at in range(0, len(rows), 8)]
    lines.append(")")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def _load() -> _Tables:
    global _tables
    with _lock:
        if _tables is None:
            _tables = _Tables(_shipped_holidays())
        return _tables


def _out_of_range(what: object) -> CalendarRangeError:
    return CalendarRangeError(
        f"{what} is outside the supported calendar years {FIRST_YEAR}–{LAST_YEAR}"
    )


def _offset(d: date) -> int:
    off = d.toordinal() - _FIRST_ORDINAL
    if 0 <= off < _DAYS:
        return off
    raise _out_of_range(d)


# --- Holidays and vardagar ---------------------------------------------------------------------


def non_working_holidays(year: int) -> dict[date, str]:
    """The helgdagar and the three eves of ``year``, by date, with their Swedish names.

    Exactly the calendar convention's list: nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk,
    första maj, Kristi himmelsfärdsdag, nationaldagen (from 2005; annandag pingst before),
    pingstdagen, midsommardagen, alla helgons dag, juldagen, annandag jul, plus midsommarafton,
    julafton and nyårsafton. Ordinary Sundays are not in it. Two holidays on one date share an
    entry, their names joined by ``"; "``. Raises CalendarRangeError outside FIRST_YEAR–LAST_YEAR.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _out_of_range(f"year {year}")
    return dict((_tables or _load()).by_year[year])


def non_working_dates() -> frozenset[date]:
    """Every date of :func:`non_working_holidays` from FIRST_YEAR to LAST_YEAR (weekends aside)."""
    return (_tables or _load()).dates


def holiday_name(d: date) -> str | None:
    """The Swedish name of the helgdag or eve on ``d``, or None for any other day."""
    _offset(d)
    return (_tables or _load()).names.get(d)


def is_vardag(d: date) -> bool:
    """Whether ``d`` is a vardag: Monday–Friday and not a helgdag or one of the three eves."""
    return (_tables or _load()).flags[_offset(d)] == 1


def is_non_working_day(d: date) -> bool:
    """Whether ``d`` is not a vardag (a Saturday, Sunday, helgdag or one of the three eves)."""
    return not is_vardag(d)


def next_vardag(d: date) -> date:
    """The first vardag strictly after ``d`` ("närmaste efterföljande vardag")."""
    return nth_vardag_after(d, 1)


def nth_vardag_after(d: date, n: int) -> date:
    """The ``n``-th vardag strictly after ``d`` ("inom N vardagar"); ``n == 1`` is the next one.

    Raises ValueError for ``n < 1`` and CalendarRangeError when ``d`` or the answer falls outside
    FIRST_YEAR–LAST_YEAR.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    t = _tables or _load()
    k = t.rank[_offset(d)] + n - 1
    if k < len(t.vardagar):
        return t.vardagar[k]
    raise _out_of_range(f"the {n}th vardag after {d}")


def vardagar_between(start: date, end: date) -> int:
    """The number of vardagar ``d`` with ``start < d <= end``; 0 when ``end <= start``."""
    rank = (_tables or _load()).rank
    s, e = _offset(start), _offset(end)
    return rank[e] - rank[s] if e > s else 0


def busday_holidays() -> npt.NDArray[np.datetime64]:
    """The non-working dates that fall Monday–Friday, sorted, as a read-only ``datetime64[D]`` array.

    For ``numpy.busday_offset`` / ``numpy.busdaycalendar(holidays=...)`` with the default
    Monday–Friday weekmask. numpy is imported only when this is called.
    """
    global _busday
    if _busday is None:
        import numpy as np

        weekdays = sorted(d for d in non_working_dates() if d.weekday() < 5)
        array_ = np.array(weekdays, dtype="datetime64[D]")
        array_.flags.writeable = False
        _busday = array_
    result: npt.NDArray[np.datetime64] = _busday
    return result


# --- Calendar arithmetic -----------------------------------------------------------------------

_MONTH_LENGTHS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_length(year: int, month: int) -> int:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_LENGTHS[month - 1] + leap


def add_calendar_days(d: date, n: int) -> date:
    """``d`` plus ``n`` kalenderdagar ("inom N dagar": the due date, inclusive; never moved)."""
    return d + timedelta(days=n)


def add_months(d: date, n: int) -> date:
    """The same day of month ``n`` months after ``d`` (before, for negative ``n``).

    Clamped to the month's end: 2025-08-31 − 6 months = 2025-02-28, 2024-08-31 − 6 = 2024-02-29.
    """
    year, month0 = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(year, month0 + 1, min(d.day, _month_length(year, month0 + 1)))


def add_years(d: date, n: int) -> date:
    """``add_months(d, 12 * n)``: 2024-02-29 + 1 year = 2025-02-28."""
    return add_months(d, 12 * n)


# --- Europe/Stockholm time ---------------------------------------------------------------------


def _require_aware(instant: datetime) -> None:
    if not isinstance(instant, datetime):
        raise TypeError(f"expected a datetime, got {type(instant).__name__}")
    if instant.utcoffset() is None:
        raise ValueError("a datetime without a time zone is not accepted; give an aware datetime")


def _wall(d: date, t: time, fold: int) -> datetime:
    if t.tzinfo is not None:
        raise ValueError("the wall time must be naive: it is read as Europe/Stockholm local time")
    return datetime.combine(d, t).replace(tzinfo=STOCKHOLM, fold=fold)


def _offsets(d: date, t: time) -> tuple[timedelta | None, timedelta | None]:
    return _wall(d, t, 0).utcoffset(), _wall(d, t, 1).utcoffset()


def is_nonexistent_local(d: date, t: time) -> bool:
    """Whether wall time ``t`` on ``d`` is skipped by the spring-forward gap (2025-03-30 02:30)."""
    before, after = _offsets(d, t)
    return before is not None and after is not None and before < after


def is_ambiguous_local(d: date, t: time) -> bool:
    """Whether wall time ``t`` on ``d`` occurs twice, in the autumn fold (2025-10-26 02:30)."""
    before, after = _offsets(d, t)
    return before is not None and after is not None and before > after


def local_datetime(d: date, t: time) -> datetime:
    """The aware Europe/Stockholm datetime for wall time ``t`` (naive) on local day ``d``.

    DST policy (``t.fold`` is ignored):

    - a time that does not exist, in the spring-forward gap, is read with the offset in force
      before the jump, i.e. the instant the clock would show had it not jumped:
      2025-03-30 02:30 → 03:30+02:00 (zoneinfo with ``fold=0``, normalised);
    - a time that occurs twice, in the autumn fold, is its first occurrence:
      2025-10-26 02:30 → 02:30+02:00 (CEST).

    The result is normalised, so its wall time and offset are what a Stockholm clock shows.
    """
    return _wall(d, t, 0).astimezone(UTC).astimezone(STOCKHOLM)


def start_of_local_day(d: date) -> datetime:
    """Local midnight that starts day ``d`` in Europe/Stockholm."""
    return local_datetime(d, time(0))


def end_of_local_day(d: date) -> datetime:
    """The last instant of local day ``d``: the next local midnight minus one microsecond.

    Inclusive: an instant ``x`` is on or before day ``d`` iff ``x <= end_of_local_day(d)``
    (datetimes have microsecond resolution, so nothing falls in between).
    """
    next_midnight = start_of_local_day(d + timedelta(days=1))
    return (next_midnight.astimezone(UTC) - _ONE_MICROSECOND).astimezone(STOCKHOLM)


def to_local(instant: datetime) -> datetime:
    """The aware ``instant`` in Europe/Stockholm time. A naive datetime raises ValueError."""
    _require_aware(instant)
    return instant.astimezone(STOCKHOLM)


def local_date(instant: datetime) -> date:
    """The Europe/Stockholm calendar day of the aware ``instant``."""
    return to_local(instant).date()


def add_hours(instant: datetime, hours: float) -> datetime:
    """``instant`` plus ``hours`` of real (UTC) elapsed time, in Stockholm time ("inom N timmar").

    2025-03-30 00:30+01:00 + 4 h = 05:30+02:00. A naive datetime raises ValueError.
    """
    _require_aware(instant)
    return (instant.astimezone(UTC) + timedelta(hours=hours)).astimezone(STOCKHOLM)


def local_interval_hours(d: date, start: time, end: time) -> float:
    """Real elapsed hours from wall time ``start`` to wall time ``end`` on local day ``d``.

    10:00–18:00 is 8.0 on an ordinary day; 00:00–04:00 is 3.0 on 2025-03-30 and 5.0 on
    2025-10-26. Wall times are read as :func:`local_datetime` does; an ``end`` of 00:00 is the
    midnight that ends the day (16:00–00:00 is 8.0). ValueError if ``end`` comes before ``start``.
    """
    finish = local_datetime(d + timedelta(days=1), end) if end == time(0, 0) else local_datetime(d, end)
    # Subtracting two datetimes that share a tzinfo ignores their offsets: go through UTC.
    elapsed = finish.astimezone(UTC) - local_datetime(d, start).astimezone(UTC)
    if elapsed < timedelta(0):
        raise ValueError(f"the interval ends ({end}) before it starts ({start})")
    return elapsed.total_seconds() / 3600
