"""Tests for primarvard_sdk.calendar against SPEC.md, section "Time".

Every expected value is either a literal worked out by hand or comes from the independent
computation of SPEC.md's holiday list below, never from the code under test.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from primarvard_sdk import calendar as cal
from primarvard_sdk.calendar import STOCKHOLM
from primarvard_sdk.errors import CalendarRangeError

FIRST = date(1900, 1, 1)
LAST = date(2100, 12, 31)
CEST = timedelta(hours=2)
CET = timedelta(hours=1)

# --- An independent computation of SPEC.md's list ----------------------------------------------


def easter_sunday(year: int) -> date:
    """Western Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def first_saturday_from(day: date) -> date:
    return day + timedelta(days=(5 - day.weekday()) % 7)


def spec_holidays(year: int) -> dict[date, set[str]]:
    """SPEC.md's helgdagar and the three eves of ``year``, with their names."""
    easter = easter_sunday(year)
    midsommardagen = first_saturday_from(date(year, 6, 20))  # the Saturday 20–26 June
    entries = [
        (date(year, 1, 1), "Nyårsdagen"),
        (date(year, 1, 6), "Trettondedag jul"),
        (easter - timedelta(days=2), "Långfredagen"),
        (easter, "Påskdagen"),
        (easter + timedelta(days=1), "Annandag påsk"),
        (date(year, 5, 1), "Första maj"),
        (easter + timedelta(days=39), "Kristi himmelsfärdsdag"),
        (easter + timedelta(days=49), "Pingstdagen"),
        (midsommardagen - timedelta(days=1), "Midsommarafton"),
        (midsommardagen, "Midsommardagen"),
        (first_saturday_from(date(year, 10, 31)), "Alla helgons dag"),  # Saturday 31 Oct–6 Nov
        (date(year, 12, 24), "Julafton"),
        (date(year, 12, 25), "Juldagen"),
        (date(year, 12, 26), "Annandag jul"),
        (date(year, 12, 31), "Nyårsafton"),
    ]
    if year >= 2005:
        entries.append((date(year, 6, 6), "Nationaldagen"))
    else:
        entries.append((easter + timedelta(days=50), "Annandag pingst"))
    result: dict[date, set[str]] = {}
    for day, name in entries:
        result.setdefault(day, set()).add(name)
    return result


SPEC_DATES = frozenset(d for y in range(1900, 2101) for d in spec_holidays(y))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1900, date(1900, 4, 15)),
        (1943, date(1943, 4, 25)),
        (2000, date(2000, 4, 23)),
        (2008, date(2008, 3, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_the_reference_easter_algorithm(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_non_working_dates_are_spec_list_1900_to_2100() -> None:
    assert cal.non_working_dates() == SPEC_DATES


@pytest.mark.parametrize("year", range(1900, 2101))
def test_non_working_holidays_names_match_spec(year: int) -> None:
    got = cal.non_working_holidays(year)
    assert {d: set(name.split(cal.NAME_SEPARATOR)) for d, name in got.items()} == spec_holidays(
        year
    )


def test_every_day_1900_to_2100_is_vardag_iff_weekday_and_not_in_spec_list() -> None:
    day = FIRST
    while day <= LAST:
        expected = day.weekday() < 5 and day not in SPEC_DATES
        assert cal.is_vardag(day) is expected, day
        assert cal.is_non_working_day(day) is not expected, day
        day += timedelta(days=1)


def test_non_working_holidays_returns_a_copy() -> None:
    cal.non_working_holidays(2025).clear()
    assert len(cal.non_working_holidays(2025)) == 16


# --- Literal cases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 1), "Nyårsdagen"),
        (date(2025, 1, 6), "Trettondedag jul"),
        (date(2025, 4, 18), "Långfredagen"),
        (date(2025, 4, 20), "Påskdagen"),
        (date(2025, 4, 21), "Annandag påsk"),
        (date(2025, 5, 1), "Första maj"),
        (date(2025, 5, 29), "Kristi himmelsfärdsdag"),
        (date(2025, 6, 6), "Nationaldagen"),
        (date(2025, 6, 8), "Pingstdagen"),
        (date(2025, 6, 20), "Midsommarafton"),
        (date(2025, 6, 21), "Midsommardagen"),
        (date(2025, 11, 1), "Alla helgons dag"),
        (date(2025, 12, 24), "Julafton"),
        (date(2025, 12, 25), "Juldagen"),
        (date(2025, 12, 26), "Annandag jul"),
        (date(2025, 12, 31), "Nyårsafton"),
        (date(2004, 5, 31), "Annandag pingst"),
        (date(2005, 6, 6), "Nationaldagen"),
        (date(2008, 5, 1), "Första maj; Kristi himmelsfärdsdag"),
        (date(1900, 1, 1), "Nyårsdagen"),
        (date(1950, 6, 24), "Midsommardagen"),  # 24 June 1950 was a Saturday anyway
        (date(1952, 6, 21), "Midsommardagen"),  # SPEC's rule, not the then-fixed 24 June
        (date(1952, 11, 1), "Alla helgons dag"),  # a Saturday
        (date(2100, 12, 31), "Nyårsafton"),
    ],
)
def test_holiday_names(day: date, name: str) -> None:
    assert cal.holiday_name(day) == name
    assert not cal.is_vardag(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 4, 19),  # påskafton: a Saturday, not in SPEC's list
        date(2025, 6, 7),  # pingstafton
        date(2025, 6, 22),  # an ordinary Sunday
        date(1985, 3, 24),  # marie bebådelsedag (until 1989, a Sunday): not in SPEC's list
        date(1952, 6, 24),  # the pre-1953 fixed midsommardagen (a Tuesday)
        date(1952, 3, 25),  # the pre-1953 fixed marie bebådelsedag (a Tuesday)
    ],
)
def test_days_that_are_not_in_the_list(day: date) -> None:
    assert cal.holiday_name(day) is None


def test_annandag_pingst_until_2004_nationaldagen_from_2005() -> None:
    assert not cal.is_vardag(date(2004, 5, 31))
    assert cal.is_vardag(date(2004, 6, 7))  # no nationaldagen holiday before 2005 (a Monday)
    assert cal.is_vardag(date(2005, 5, 16))  # pingst Monday 2005 is a working day
    assert not cal.is_vardag(date(2005, 6, 6))


@pytest.mark.parametrize(
    ("day", "vardag"),
    [
        (date(2024, 2, 29), True),  # leap day, a Thursday
        (date(2000, 2, 29), True),  # leap day, a Tuesday
        (date(2025, 4, 17), True),  # skärtorsdagen is a working day
        (date(2025, 4, 22), True),
        (date(2025, 12, 23), True),
        (date(2025, 12, 24), False),  # julafton on a Wednesday
        (date(2025, 12, 31), False),  # nyårsafton on a Wednesday
        (date(2025, 6, 20), False),  # midsommarafton on a Friday
        (date(2025, 6, 21), False),  # a Saturday
        (date(2025, 6, 22), False),  # a Sunday
        (date(1900, 1, 2), True),
        (date(2100, 12, 30), True),  # a Thursday
    ],
)
def test_is_vardag(day: date, vardag: bool) -> None:
    assert cal.is_vardag(day) is vardag


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 4, 17), date(2025, 4, 22)),  # over Easter
        (date(2025, 12, 23), date(2025, 12, 29)),  # over Christmas
        (date(2025, 6, 19), date(2025, 6, 23)),  # over midsommar
        (date(2025, 6, 5), date(2025, 6, 9)),  # over nationaldagen (a Friday)
        (date(2024, 2, 28), date(2024, 2, 29)),
        (date(2024, 2, 29), date(2024, 3, 1)),
        (date(2025, 5, 28), date(2025, 5, 30)),  # over Kristi himmelsfärdsdag
        (date(2025, 4, 19), date(2025, 4, 22)),  # from a non-working day
        (date(1900, 1, 1), date(1900, 1, 2)),
    ],
)
def test_next_vardag(day: date, expected: date) -> None:
    assert cal.next_vardag(day) == expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2025, 4, 17), 1, date(2025, 4, 22)),
        (date(2025, 4, 17), 5, date(2025, 4, 28)),
        (date(2025, 12, 23), 2, date(2025, 12, 30)),
        (date(2025, 12, 23), 3, date(2026, 1, 2)),  # skips nyårsafton and nyårsdagen
        (date(2025, 12, 23), 5, date(2026, 1, 7)),  # skips trettondedag jul
        (date(2025, 1, 1), 22, date(2025, 2, 3)),
    ],
)
def test_nth_vardag_after(day: date, n: int, expected: date) -> None:
    assert cal.nth_vardag_after(day, n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_nth_vardag_after_rejects_n_below_one(n: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        cal.nth_vardag_after(date(2025, 1, 1), n)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 12, 23), date(2026, 1, 7), 5),
        (date(2025, 4, 17), date(2025, 4, 22), 1),
        (date(2025, 4, 16), date(2025, 4, 17), 1),
        (date(2025, 4, 17), date(2025, 4, 17), 0),
        (date(2025, 4, 22), date(2025, 4, 17), 0),
        (date(2025, 1, 1), date(2025, 1, 31), 21),
        (date(2024, 12, 31), date(2025, 12, 31), 249),
    ],
)
def test_vardagar_between(start: date, end: date, expected: int) -> None:
    assert cal.vardagar_between(start, end) == expected


@pytest.mark.parametrize("day", [date(1899, 12, 31), date(2101, 1, 1), date(1, 1, 1)])
@pytest.mark.parametrize(
    "call",
    [
        cal.is_vardag,
        cal.is_non_working_day,
        cal.holiday_name,
        cal.next_vardag,
        lambda d: cal.nth_vardag_after(d, 3),
        lambda d: cal.vardagar_between(d, date(2025, 1, 1)),
        lambda d: cal.vardagar_between(date(2025, 1, 1), d),
    ],
)
def test_dates_outside_the_range_raise(day: date, call: object) -> None:
    with pytest.raises(CalendarRangeError, match="1900–2100"):
        call(day)  # type: ignore[operator]


@pytest.mark.parametrize("year", [1899, 2101])
def test_years_outside_the_range_raise(year: int) -> None:
    with pytest.raises(CalendarRangeError, match="1900–2100"):
        cal.non_working_holidays(year)


def test_a_vardag_past_2100_raises() -> None:
    with pytest.raises(CalendarRangeError):
        cal.next_vardag(date(2100, 12, 30))  # 31 December is nyårsafton
    with pytest.raises(CalendarRangeError):
        cal.nth_vardag_after(date(2100, 12, 1), 100)


def test_busday_holidays() -> None:
    days = cal.busday_holidays()
    assert days.dtype == np.dtype("datetime64[D]")
    assert not days.flags.writeable
    assert days.tolist() == sorted(d for d in SPEC_DATES if d.weekday() < 5)
    # Julafton, juldagen and annandag jul 2025 fall Wednesday–Friday.
    got = np.busday_offset(date(2025, 12, 23), 1, holidays=days)
    assert got == np.datetime64("2025-12-29")


# Late enough to reach 2100 and early enough that 40 vardagar or 90 days later is still in 2100.
days_in_range = st.dates(FIRST, date(2100, 9, 30))


@given(days_in_range, st.integers(1, 40))
def test_numpy_busday_offset_agrees(day: date, n: int) -> None:
    got = np.busday_offset(day, n, roll="backward", holidays=cal.busday_holidays())
    assert got.astype(object) == cal.nth_vardag_after(day, n)


# --- Calendar arithmetic -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2025, 8, 31), -6, date(2025, 2, 28)),
        (date(2024, 8, 31), -6, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2000, 1, 31), 1, date(2000, 2, 29)),
        (date(1900, 1, 31), 1, date(1900, 2, 28)),
        (date(2025, 3, 15), -3, date(2024, 12, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 5, 31), 1, date(2025, 6, 30)),
        (date(2025, 6, 15), 0, date(2025, 6, 15)),
        (date(2025, 1, 15), -25, date(2022, 12, 15)),
    ],
)
def test_add_months(day: date, n: int, expected: date) -> None:
    assert cal.add_months(day, n) == expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), -1, date(2023, 2, 28)),
        (date(2025, 6, 30), 1, date(2026, 6, 30)),
    ],
)
def test_add_years(day: date, n: int, expected: date) -> None:
    assert cal.add_years(day, n) == expected


def test_add_calendar_days() -> None:
    assert cal.add_calendar_days(date(2025, 12, 23), 10) == date(2026, 1, 2)
    assert cal.add_calendar_days(date(2024, 2, 28), 1) == date(2024, 2, 29)
    assert cal.add_calendar_days(date(2025, 3, 1), -1) == date(2025, 2, 28)


# --- Europe/Stockholm time ---------------------------------------------------------------------


def test_stockholm() -> None:
    assert str(STOCKHOLM) == "Europe/Stockholm"


def test_add_hours_across_spring_forward() -> None:
    got = cal.add_hours(datetime(2025, 3, 30, 0, 30, tzinfo=STOCKHOLM), 4)
    assert (got.replace(tzinfo=None), got.utcoffset()) == (datetime(2025, 3, 30, 5, 30), CEST)
    assert got.tzinfo is STOCKHOLM


def test_add_hours_across_fall_back() -> None:
    got = cal.add_hours(datetime(2025, 10, 26, 0, 30, tzinfo=STOCKHOLM), 4)
    assert (got.replace(tzinfo=None), got.utcoffset()) == (datetime(2025, 10, 26, 3, 30), CET)


def test_add_hours_from_utc_and_fractional() -> None:
    got = cal.add_hours(datetime(2025, 1, 1, 12, tzinfo=UTC), 24.5)
    assert (got.replace(tzinfo=None), got.utcoffset()) == (datetime(2025, 1, 2, 13, 30), CET)


@pytest.mark.parametrize("call", [cal.to_local, cal.local_date, lambda x: cal.add_hours(x, 1)])
def test_naive_datetimes_are_rejected(call: object) -> None:
    with pytest.raises(ValueError, match="time zone"):
        call(datetime(2025, 1, 1, 12))  # type: ignore[operator]


def test_to_local_and_local_date() -> None:
    got = cal.to_local(datetime(2025, 6, 1, 22, 30, tzinfo=UTC))
    assert (got.replace(tzinfo=None), got.utcoffset()) == (datetime(2025, 6, 2, 0, 30), CEST)
    assert cal.local_date(datetime(2025, 6, 1, 22, 30, tzinfo=UTC)) == date(2025, 6, 2)
    assert cal.local_date(datetime(2025, 12, 31, 23, 30, tzinfo=UTC)) == date(2026, 1, 1)
    assert cal.local_date(datetime(2025, 12, 31, 22, 59, tzinfo=UTC)) == date(2025, 12, 31)


def test_local_datetime_in_the_spring_gap() -> None:
    day, wall = date(2025, 3, 30), time(2, 30)
    assert cal.is_nonexistent_local(day, wall)
    assert not cal.is_ambiguous_local(day, wall)
    got = cal.local_datetime(day, wall)
    assert (got.replace(tzinfo=None), got.utcoffset()) == (datetime(2025, 3, 30, 3, 30), CEST)
    assert got.astimezone(UTC) == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)


def test_local_datetime_in_the_autumn_fold() -> None:
    day, wall = date(2025, 10, 26), time(2, 30)
    assert cal.is_ambiguous_local(day, wall)
    assert not cal.is_nonexistent_local(day, wall)
    got = cal.local_datetime(day, wall)
    assert (got.replace(tzinfo=None), got.utcoffset()) == (datetime(2025, 10, 26, 2, 30), CEST)
    assert got.astimezone(UTC) == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    # fold=1 on the input does not change the policy: still the first occurrence.
    assert cal.local_datetime(day, time(2, 30, fold=1)) == got


@pytest.mark.parametrize(
    ("day", "wall"),
    [
        (date(2025, 6, 1), time(12)),
        (date(2025, 3, 30), time(1, 59, 59)),
        (date(2025, 3, 30), time(3)),
        (date(2025, 10, 26), time(1, 59)),
        (date(2025, 10, 26), time(3)),
    ],
)
def test_ordinary_local_times(day: date, wall: time) -> None:
    assert not cal.is_nonexistent_local(day, wall)
    assert not cal.is_ambiguous_local(day, wall)
    assert cal.local_datetime(day, wall).replace(tzinfo=None) == datetime.combine(day, wall)


def test_local_datetime_rejects_an_aware_time() -> None:
    with pytest.raises(ValueError, match="naive"):
        cal.local_datetime(date(2025, 1, 1), time(12, tzinfo=UTC))


@pytest.mark.parametrize(
    ("day", "start", "end", "hours"),
    [
        (date(2025, 6, 2), time(10), time(18), 8.0),
        (date(2025, 3, 30), time(0), time(4), 3.0),
        (date(2025, 10, 26), time(0), time(4), 5.0),
        (date(2025, 3, 30), time(10), time(18), 8.0),
        (date(2025, 10, 26), time(10), time(18), 8.0),
        (date(2025, 3, 30), time(0), time(2, 30), 2.5),  # 02:30 is read as 03:30 CEST
        (date(2025, 6, 2), time(8, 15), time(8, 15), 0.0),
    ],
)
def test_local_interval_hours(day: date, start: time, end: time, hours: float) -> None:
    assert cal.local_interval_hours(day, start, end) == hours


def test_local_interval_hours_rejects_a_reversed_interval() -> None:
    with pytest.raises(ValueError, match="before"):
        cal.local_interval_hours(date(2025, 6, 2), time(18), time(10))


def test_day_boundaries() -> None:
    end = cal.end_of_local_day(date(2025, 3, 30))
    assert (end.replace(tzinfo=None), end.utcoffset()) == (
        datetime(2025, 3, 30, 23, 59, 59, 999999),
        CEST,
    )
    end = cal.end_of_local_day(date(2025, 10, 26))
    assert (end.replace(tzinfo=None), end.utcoffset()) == (
        datetime(2025, 10, 26, 23, 59, 59, 999999),
        CET,
    )
    start = cal.start_of_local_day(date(2025, 10, 26))
    assert (start.replace(tzinfo=None), start.utcoffset()) == (datetime(2025, 10, 26), CEST)
    # The 25-hour day: from its start to the next day's start.
    next_start = cal.start_of_local_day(date(2025, 10, 27)).astimezone(UTC)
    assert next_start - start.astimezone(UTC) == timedelta(hours=25)
    assert next_start - end.astimezone(UTC) == timedelta(microseconds=1)


# --- Properties --------------------------------------------------------------------------------


@given(days_in_range)
def test_next_vardag_is_the_first_vardag_after(day: date) -> None:
    nxt = cal.next_vardag(day)
    assert nxt > day
    assert cal.is_vardag(nxt)
    between = day + timedelta(days=1)
    while between < nxt:
        assert not cal.is_vardag(between)
        between += timedelta(days=1)


@given(days_in_range, st.integers(1, 40))
def test_nth_vardag_after_is_next_vardag_repeated(day: date, n: int) -> None:
    expected = day
    for _ in range(n):
        expected = cal.next_vardag(expected)
    assert cal.nth_vardag_after(day, n) == expected
    assert cal.vardagar_between(day, expected) == n
    assert cal.vardagar_between(day, expected - timedelta(days=1)) == n - 1


@given(days_in_range, st.integers(0, 90))
def test_vardagar_between_counts_vardagar(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    expected = sum(
        1
        for i in range(1, length + 1)
        if (d := start + timedelta(days=i)).weekday() < 5 and d not in SPEC_DATES
    )
    assert cal.vardagar_between(start, end) == expected


@given(st.dates(date(1800, 1, 1), date(2300, 12, 31)), st.integers(-1200, 1200))
def test_add_months_properties(day: date, n: int) -> None:
    got = cal.add_months(day, n)
    assert got.year * 12 + got.month == day.year * 12 + day.month + n
    assert got.day == min(day.day, stdlib_calendar.monthrange(got.year, got.month)[1])
    back = cal.add_months(got, -n)
    assert back <= day
    if day.day <= 28:
        assert back == day
    assert cal.add_years(day, n // 12) == cal.add_months(day, 12 * (n // 12))


@given(
    st.datetimes(
        datetime(1950, 1, 1),
        datetime(2090, 1, 1),
        timezones=st.sampled_from([UTC, STOCKHOLM]),
        allow_imaginary=False,
    ),
    st.one_of(st.integers(-10_000, 10_000), st.floats(-10_000, 10_000, allow_nan=False)),
)
def test_add_hours_is_real_elapsed_time(instant: datetime, hours: float) -> None:
    got = cal.add_hours(instant, hours)
    assert got.tzinfo is STOCKHOLM
    assert got.astimezone(UTC) - instant.astimezone(UTC) == timedelta(hours=hours)


@given(st.dates(date(1980, 1, 1), date(2090, 12, 31)), st.times())
def test_local_datetime_keeps_the_wall_time_unless_it_does_not_exist(day: date, wall: time) -> None:
    got = cal.local_datetime(day, wall)
    assert got.tzinfo is STOCKHOLM
    naive = datetime.combine(day, wall)
    if cal.is_nonexistent_local(day, wall):
        assert got.replace(tzinfo=None) == naive + timedelta(hours=1)
    else:
        assert got.replace(tzinfo=None) == naive
    # Exactly one of: ordinary, in the gap, in the fold; a fold instant is the earlier one.
    if cal.is_ambiguous_local(day, wall):
        assert not cal.is_nonexistent_local(day, wall)
        assert got.utcoffset() == CEST


# --- Import cost -------------------------------------------------------------------------------


def test_import_is_cheap_and_lazy() -> None:
    code = (
        "import sys, primarvard_sdk.calendar as c\n"
        "assert 'numpy' not in sys.modules, 'numpy imported'\n"
        "assert 'holidays' not in sys.modules, 'holidays imported'\n"
        "assert c._tables is None, 'tables built at import'\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
