"""The columnar primitives of primarvard_sdk.batch agree with the scalar calendar (SPEC.md "Time")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from primarvard_sdk import batch, calendar
from primarvard_sdk.domain import full_years
from primarvard_sdk.model import Outcome

# Holidays, eves, DST days and month ends, where the arithmetic has edges.
SPECIAL = [
    date(2025, 12, 24), date(2025, 12, 31), date(2025, 6, 20), date(2025, 4, 18), date(2025, 4, 21),
    date(2025, 3, 30), date(2025, 10, 26), date(2024, 2, 29), date(2025, 8, 31), date(2004, 5, 31),
    date(2005, 6, 6), date(2100, 12, 20), date(1900, 1, 1), date(2026, 1, 6),
]
days_st = st.one_of(
    st.sampled_from(SPECIAL).flatmap(lambda d: st.integers(-3, 3).map(lambda k: d + timedelta(days=k))),
    st.dates(date(1901, 1, 1), date(2099, 12, 1)),
)
instants_st = st.datetimes(datetime(1901, 1, 1), datetime(2099, 12, 1), timezones=st.just(UTC)) | \
    days_st.flatmap(lambda d: st.integers(0, 86399).map(
        lambda s: datetime(d.year, d.month, d.day, tzinfo=UTC) + timedelta(seconds=s)))


def D(values: list[date]) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]")


@settings(max_examples=60, deadline=None)
@given(st.lists(days_st, min_size=1, max_size=40), st.integers(1, 12))
def test_vardag_arithmetic_matches_calendar(days: list[date], n: int) -> None:
    days = [d for d in days if 1900 <= d.year < 2100] or [date(2025, 1, 1)]
    a = D(days)
    assert list(batch.nth_vardag_after(a, n)) == [np.datetime64(calendar.nth_vardag_after(d, n)) for d in days]
    assert list(batch.next_vardag(a)) == [np.datetime64(calendar.next_vardag(d)) for d in days]
    assert list(batch.is_vardag(a)) == [calendar.is_vardag(d) for d in days]
    assert list(batch.add_calendar_days(a, n)) == [np.datetime64(calendar.add_calendar_days(d, n)) for d in days]


@settings(max_examples=60, deadline=None)
@given(st.lists(days_st, min_size=1, max_size=40), st.integers(-30, 30))
def test_months_clamped_like_calendar(days: list[date], n: int) -> None:
    assert list(batch.add_months(D(days), n)) == [np.datetime64(calendar.add_months(d, n)) for d in days]


@settings(max_examples=60, deadline=None)
@given(st.lists(days_st, min_size=1, max_size=40), days_st)
def test_ages_in_full_years(born: list[date], reference: date) -> None:
    assert list(batch.full_years(D(born), reference)) == [full_years(b, reference) for b in born]
    assert list(batch.full_years(D(born), D([reference] * len(born)))) == [full_years(b, reference) for b in born]


@settings(max_examples=60, deadline=None)
@given(st.lists(instants_st, min_size=1, max_size=40), st.sampled_from(["s", "ms", "us"]))
def test_local_days_of_utc_instants(instants: list[datetime], unit: str) -> None:
    micros = [(i - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1) for i in instants]
    a = np.array(micros, dtype="datetime64[us]").astype(f"datetime64[{unit}]")
    truncated = [datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(m)) for m in a.astype("datetime64[us]").astype(np.int64)]
    assert list(batch.local_days(a)) == [np.datetime64(calendar.local_date(i)) for i in truncated]


@settings(max_examples=40, deadline=None)
@given(st.lists(instants_st, min_size=1, max_size=20), st.sampled_from([1, 4, 24, 0.5, 36]))
def test_hours_are_real_utc_hours(instants: list[datetime], hours: float) -> None:
    a = np.array([int(i.replace(microsecond=0).timestamp()) for i in instants], dtype="datetime64[s]")
    got = batch.add_hours(a, hours)
    expected = [calendar.add_hours(i.replace(microsecond=0), hours).astimezone(UTC).replace(tzinfo=None) for i in instants]
    assert [g.item() for g in got.astype("datetime64[us]")] == expected


def test_start_of_local_days_over_dst() -> None:
    days = [date(2025, 3, 30), date(2025, 3, 31), date(2025, 10, 26), date(2025, 10, 27), date(1980, 4, 6)]
    got = batch.start_of_local_days(D(days))
    assert [g.item().replace(tzinfo=UTC) for g in got] == [calendar.start_of_local_day(d).astimezone(UTC) for d in days]


def test_nat_stays_missing() -> None:
    a = np.array(["2025-12-23", "NaT"], dtype="datetime64[D]")
    assert np.isnat(batch.nth_vardag_after(a, 1)[1])
    assert batch.nth_vardag_after(a, 1)[0] == np.datetime64("2025-12-29")
    assert np.isnat(batch.add_months(a, 1)[1])
    assert np.isnat(batch.local_days(np.array(["NaT"], dtype="datetime64[s]"))[0])


def test_deadline_outcome_codes() -> None:
    due = D([date(2025, 7, 2)] * 4)
    actual = np.array(["2025-07-02", "2025-07-03", "NaT", "NaT"], dtype="datetime64[D]")
    codes = batch.deadline_outcome(due, actual, date(2025, 7, 2))
    assert [batch.OUTCOMES[c] for c in codes] == [Outcome.met, Outcome.missed, Outcome.open, Outcome.open]
    codes = batch.deadline_outcome(due, actual, date(2025, 7, 3))
    assert [batch.OUTCOMES[c] for c in codes][2] is Outcome.missed


def test_outside_calendar_years_raises() -> None:
    from primarvard_sdk.errors import CalendarRangeError

    with pytest.raises(CalendarRangeError):
        batch.nth_vardag_after(D([date(2100, 12, 31)]), 1)


def test_a_completion_dated_after_the_evaluation_day_has_not_happened_yet() -> None:
    """SPEC: as_of decides whether an unmet deadline is open or missed. A first contact booked for
    2025-07-01 (due 2025-07-02), evaluated on 2025-06-30, is open; one booked for 2025-07-03 is
    already missed; both as rows and as columns."""
    from primarvard_sdk.findings import deadline_outcome

    due = date(2025, 7, 2)
    for booked, as_of, expected in ((date(2025, 7, 1), date(2025, 6, 30), Outcome.open),
                                    (date(2025, 7, 3), date(2025, 6, 30), Outcome.missed),
                                    (date(2025, 7, 1), date(2025, 7, 1), Outcome.met),
                                    (date(2025, 7, 2), date(2025, 7, 5), Outcome.met)):
        assert deadline_outcome(due, booked, as_of) is expected
        codes = batch.deadline_outcome(D([due]), np.array([booked], dtype="datetime64[D]"), as_of)
        assert batch.OUTCOMES[codes[0]] is expected
