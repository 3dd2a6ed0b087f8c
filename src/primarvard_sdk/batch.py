"""Population-scale evaluation: rules over columns (numpy arrays) instead of one document at a time.

Columns in, columns out. A rule that is pure date arithmetic (calendar days, next vardag, N-th
vardag, N hours, N months) or an age/listing check can have a *vectorised twin* registered by its
plugin (:meth:`Implementations.vectorised <primarvard_sdk.plugin.Implementations.vectorised>`).
The twin reads the rule's parameters in force on ``as_of`` through the same ``ctx.param`` as the
rule function, and computes with the primitives of this module, which implement the calendar convention's time
semantics with the same precomputed calendar as :mod:`primarvard_sdk.calendar`:

=========================================  ==================================================
scalar (:mod:`primarvard_sdk.calendar`)     columnar (this module)
=========================================  ==================================================
``local_day`` / ``local_date``              :func:`local_days` (UTC instants → Stockholm days)
``add_calendar_days``                       :func:`add_calendar_days`
``is_vardag``                               :func:`is_vardag`
``next_vardag`` / ``nth_vardag_after``      :func:`next_vardag` / :func:`nth_vardag_after`
``add_months`` / ``add_years``              :func:`add_months` / :func:`add_years`
``add_hours``                               :func:`add_hours`
``start_of_local_day``                      :func:`start_of_local_days`
``domain.full_years``                       :func:`full_years`
``findings.deadline_outcome``               :func:`deadline_outcome`
=========================================  ==================================================

Conventions: days are ``datetime64[D]`` local calendar days; instants are ``datetime64`` of a
finer unit holding UTC; a missing date is ``NaT``. Outcomes are ``uint8`` codes indexing
:data:`OUTCOMES`; reasons are ``uint8`` codes indexing the result's ``reasons`` (``""`` = none,
``"missing:$.path"`` = indeterminate for that input). pandas or Arrow columns are accepted through
their ``to_numpy()``.

>>> import numpy as np
>>> nth_vardag_after(np.array(["2025-12-23"], dtype="datetime64[D]"), 1)
array(['2025-12-29'], dtype='datetime64[D]')

Requires numpy (``pip install primarvard-sdk[batch]``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from primarvard_sdk import calendar
from primarvard_sdk.context import ParameterNotInForce, RuleContext
from primarvard_sdk.errors import CalendarRangeError, PluginError, PrimarvardError, UnknownRule
from primarvard_sdk.model import AS_OF, EACH_ITEM, Edition, Outcome, Rule, UsedParameter
from primarvard_sdk.vectorised import Column, VectorisedRule

if TYPE_CHECKING:
    from primarvard_sdk.host import Sdk

__all__ = [
    "OUTCOMES",
    "BatchContext",
    "BatchFinding",
    "BatchResult",
    "Columns",
    "add_calendar_days",
    "add_hours",
    "add_months",
    "add_years",
    "agreement",
    "as_days",
    "codes_equal",
    "columns_from_documents",
    "deadline_outcome",
    "evaluate_columns",
    "finding",
    "full_years",
    "in_force",
    "is_instant",
    "is_vardag",
    "local_days",
    "missing",
    "next_vardag",
    "nth_vardag_after",
    "outcome_code",
    "start_of_local_days",
]

Array = npt.NDArray[Any]
#: Columns by name: what a twin receives.
Columns = Mapping[str, Array]

#: Every outcome; a batch outcome code ``k`` means ``OUTCOMES[k]``.
OUTCOMES: Final[tuple[Outcome, ...]] = tuple(Outcome)
_CODES: Final = {o: np.uint8(i) for i, o in enumerate(OUTCOMES)}
_OUTCOME_TEXT: Final = np.array([o.value for o in OUTCOMES])
_DAY: Final = np.dtype("datetime64[D]")
_NAT_DAY: Final = np.datetime64("NaT", "D")
_FIRST: Final = np.datetime64(date(calendar.FIRST_YEAR, 1, 1), "D")
_LAST: Final = np.datetime64(date(calendar.LAST_YEAR, 12, 31), "D")
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def outcome_code(outcome: Outcome) -> np.uint8:
    """The ``uint8`` code of an outcome in batch results."""
    return _CODES[outcome]


# --- the calendar, vectorised ------------------------------------------------------------------

_lock = threading.Lock()
_busdaycal: np.busdaycalendar | None = None
_zone: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None = None


def _cal() -> np.busdaycalendar:
    global _busdaycal
    if _busdaycal is None:
        with _lock:
            if _busdaycal is None:
                _busdaycal = np.busdaycalendar(weekmask="1111100", holidays=calendar.busday_holidays())
    return _busdaycal


def _stockholm_offsets() -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """UTC seconds at which Europe/Stockholm's offset changes, and the offset (s) from then on.

    Built once from ``zoneinfo`` for the calendar years (day scan, then a binary search to the
    second), so a column converts with one ``searchsorted``.
    """
    global _zone
    if _zone is not None:
        return _zone
    with _lock:
        if _zone is None:
            def offset(ts: int) -> int:
                u = datetime.fromtimestamp(ts, calendar.STOCKHOLM).utcoffset()
                assert u is not None
                return int(u.total_seconds())

            start = int((datetime(calendar.FIRST_YEAR - 1, 12, 30, tzinfo=UTC) - _EPOCH).total_seconds())
            end = int((datetime(calendar.LAST_YEAR + 1, 1, 2, tzinfo=UTC) - _EPOCH).total_seconds())
            times, offsets = [np.iinfo(np.int64).min], [offset(start)]
            t = start
            while t < end:
                nxt = t + 86400
                if offset(nxt) != offsets[-1]:
                    lo, hi = t, nxt  # offset(lo) == current, offset(hi) == new
                    while hi - lo > 1:
                        mid = (lo + hi) // 2
                        lo, hi = (mid, hi) if offset(mid) == offsets[-1] else (lo, mid)
                    times.append(hi)
                    offsets.append(offset(hi))
                t = nxt
            _zone = (np.array(times, dtype=np.int64), np.array(offsets, dtype=np.int64))
    return _zone


def is_instant(values: Array) -> bool:
    """Whether a datetime64 column holds instants (a unit finer than a day) rather than days."""
    return values.dtype.kind == "M" and np.datetime_data(values.dtype)[0] not in ("D", "W", "M", "Y")


def as_days(values: Any) -> Array:
    """A column of local days as ``datetime64[D]`` (ISO strings and date objects are parsed)."""
    array = _to_numpy(values)
    if array.dtype == _DAY:
        return array
    if array.dtype.kind == "M" and is_instant(array):
        raise TypeError("expected local days (datetime64[D]); for instants use local_days()")
    return array.astype(_DAY)


def local_days(values: Any) -> Array:
    """The Europe/Stockholm calendar day of each value: days unchanged, UTC instants converted.

    The columnar :func:`primarvard_sdk.domain.local_day`.
    """
    array = _to_numpy(values)
    if not (array.dtype.kind == "M" and is_instant(array)):
        return as_days(array)
    # Whole seconds, floored (also before 1970); a finer unit than µs would overflow for 1900.
    unit = np.datetime_data(array.dtype)[0]
    seconds = array.astype("datetime64[s]").astype(np.int64) if unit in ("s", "m", "h") else \
        np.floor_divide(array.astype("datetime64[us]").astype(np.int64), 1_000_000)
    times, offsets = _stockholm_offsets()
    local = seconds + offsets[np.searchsorted(times, seconds, side="right") - 1]
    days: Array = np.floor_divide(local, 86400).astype(_DAY)
    nat = np.isnat(array)
    if nat.any():
        days[nat] = _NAT_DAY
    return days


def start_of_local_days(days: Any) -> Array:
    """The UTC instant (``datetime64[s]``) of local midnight starting each day (NaT stays NaT)."""
    d = as_days(days)
    local = d.astype("datetime64[s]").astype(np.int64)
    times, offsets = _stockholm_offsets()
    guess = local - offsets[np.searchsorted(times, local, side="right") - 1]
    utc = local - offsets[np.searchsorted(times, guess, side="right") - 1]
    result = utc.astype("datetime64[s]")
    result[np.isnat(d)] = np.datetime64("NaT", "s")
    return result


def _check_range(days: Array) -> None:
    valid = days[~np.isnat(days)]
    if valid.size and (valid.min() < _FIRST or valid.max() > _LAST):
        raise CalendarRangeError(
            f"a date is outside the supported calendar years {calendar.FIRST_YEAR}–{calendar.LAST_YEAR}"
        )


def add_calendar_days(days: Any, n: int) -> Array:
    """Each day plus ``n`` kalenderdagar: the inclusive due date, never moved."""
    return as_days(days) + np.timedelta64(int(n), "D")


def is_vardag(days: Any) -> npt.NDArray[np.bool_]:
    """Whether each day is a vardag (False for NaT)."""
    d = as_days(days)
    _check_range(d)
    return np.is_busday(d, busdaycal=_cal())


def nth_vardag_after(days: Any, n: int) -> Array:
    """The ``n``-th vardag strictly after each day ("inom N vardagar"); NaT stays NaT.

    ``busday_offset`` with ``roll="backward"``: a non-vardag first rolls back to the vardag before
    it, from which the ``n``-th vardag is the ``n``-th after the day itself.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    d = as_days(days)
    _check_range(d)
    result = np.busday_offset(d, int(n), roll="backward", busdaycal=_cal())
    _check_range(result)
    return result


def next_vardag(days: Any) -> Array:
    """The first vardag strictly after each day ("närmaste efterföljande vardag")."""
    return nth_vardag_after(days, 1)


def add_months(days: Any, n: int) -> Array:
    """The same day of month ``n`` months later (earlier for negative ``n``), clamped to month end."""
    d = as_days(days)
    nat = np.isnat(d)
    months = d.astype("datetime64[M]")
    day_index = (d - months.astype(_DAY)).astype(np.int64)
    target = months + np.timedelta64(int(n), "M")
    length = ((target + np.timedelta64(1, "M")).astype(_DAY) - target.astype(_DAY)).astype(np.int64)
    result: Array = target.astype(_DAY) + np.minimum(day_index, length - 1).astype("timedelta64[D]")
    if nat.any():
        result[nat] = _NAT_DAY
    return result


def add_years(days: Any, n: int) -> Array:
    """``add_months(days, 12 * n)``."""
    return add_months(days, 12 * n)


def add_hours(instants: Any, hours: float) -> Array:
    """Each UTC instant plus ``hours`` of real time (microsecond resolution, like ``timedelta``)."""
    array = _to_numpy(instants)
    if not is_instant(array):
        raise TypeError("add_hours needs instants; convert days with start_of_local_days()")
    step = timedelta(hours=hours)
    micros = (step.days * 86400 + step.seconds) * 1_000_000 + step.microseconds
    if micros % 1_000_000 == 0 and np.datetime_data(array.dtype)[0] == "s":
        return array + np.timedelta64(micros // 1_000_000, "s")
    return array.astype("datetime64[us]") + np.timedelta64(micros, "us")


def _year_month_day(d: Array) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    months = d.astype("datetime64[M]")
    m = months.astype(np.int64)
    year = np.floor_divide(m, 12)
    month_day = np.mod(m, 12) * 32 + (d - months.astype(_DAY)).astype(np.int64)
    return year, month_day


def full_years(born: Any, reference: Any) -> npt.NDArray[np.int64]:
    """Age in full years of each birth day on each reference day (0 where either is NaT).

    Born 29 February: a year older on 1 March in a common year, as :func:`domain.full_years`.
    """
    b = as_days(born)
    r = as_days(reference) if not isinstance(reference, date) else np.datetime64(reference, "D")
    r = np.broadcast_to(r, b.shape)
    by, bmd = _year_month_day(b)
    ry, rmd = _year_month_day(r)
    age = ry - by - (rmd < bmd)
    return np.where(np.isnat(b) | np.isnat(r), 0, age)


def deadline_outcome(due: Array, actual: Array, as_of: date) -> npt.NDArray[np.uint8]:
    """The columnar :func:`primarvard_sdk.findings.deadline_outcome`: met / missed / open codes.

    ``due`` is days (inclusive) or instants; ``actual`` days or instants, NaT when nothing is
    recorded. Instants are compared as instants only when both are; otherwise by local day.
    Rows whose ``due`` is NaT come out ``open``: the twin marks them indeterminate. An ``actual``
    on a day after ``as_of`` is not done yet (as :func:`~primarvard_sdk.findings.deadline_outcome`).
    """
    due = _to_numpy(due)
    actual = _to_numpy(actual)
    due_day = local_days(due)
    done = ~np.isnat(actual)
    if is_instant(due) and is_instant(actual):
        on_time = actual <= due
    else:
        on_time = local_days(actual) <= due_day
    evaluation_day = np.datetime64(as_of, "D")
    late_now = evaluation_day > due_day
    happened = done & (local_days(actual) <= evaluation_day)  # a day after as_of: not done yet
    met, missed, open_ = _CODES[Outcome.met], _CODES[Outcome.missed], _CODES[Outcome.open]
    return np.where(done & ~on_time, missed,
                    np.where(happened, met, np.where(late_now, missed, open_))).astype(np.uint8)


def _to_numpy(values: Any) -> Array:
    if isinstance(values, np.ndarray):
        return values
    to_numpy = getattr(values, "to_numpy", None)  # pandas Series / Arrow arrays
    if callable(to_numpy):
        try:
            return np.asarray(to_numpy(zero_copy_only=False))
        except TypeError:
            return np.asarray(to_numpy())
    return np.asarray(values)


# --- what a twin returns ------------------------------------------------------------------------


@attrs.frozen
class BatchFinding:
    """What a twin returns: outcome codes, reason codes and value columns, one row per input row."""

    outcome: npt.NDArray[np.uint8]
    reason: npt.NDArray[np.uint8]
    reasons: tuple[str, ...] = ("",)
    values: Mapping[str, Array] = attrs.field(factory=dict)


def finding(
    rows: int,
    *cases: tuple[Array | bool, Outcome, str],
    default: Array | Outcome,
    default_reason: str = "",
    values: Mapping[str, Array] | None = None,
) -> BatchFinding:
    """Build a :class:`BatchFinding` from cases tried in order, like the ``if`` chain of a rule.

    Each case is ``(mask, outcome, reason)``: rows where ``mask`` holds (and no earlier case did)
    get that outcome and reason. The other rows get ``default`` (an outcome, or an array of codes
    from :func:`deadline_outcome`) with ``default_reason``. A reason ``"missing:$.path"`` marks an
    indeterminate row and names the missing input, as ``findings.indeterminate`` does.
    """
    if isinstance(default, Outcome):
        outcome = np.full(rows, _CODES[default], dtype=np.uint8)
    else:
        outcome = np.array(default, dtype=np.uint8, copy=True)
    reasons = [default_reason]
    reason = np.zeros(rows, dtype=np.uint8)
    taken = np.zeros(rows, dtype=bool)
    for mask, case_outcome, label in cases:
        hit = np.broadcast_to(np.asarray(mask, dtype=bool), (rows,)) & ~taken
        if label not in reasons:
            reasons.append(label)
        outcome[hit] = _CODES[case_outcome]
        reason[hit] = reasons.index(label)
        taken |= hit
    return BatchFinding(outcome=outcome, reason=reason, reasons=tuple(reasons), values=dict(values or {}))


def missing(**paths_or_masks: Any) -> list[tuple[Array, Outcome, str]]:
    """Indeterminate cases for inputs that may be missing together, for :func:`finding`.

    ``missing(**{"$.person": no_person, "$.datum": no_day})`` gives one case per combination
    that occurs, labelled ``"missing:$.person,$.datum"`` (paths in the order given), as
    ``findings.indeterminate(*paths)`` names them.
    """
    paths = list(paths_or_masks)
    masks = [np.asarray(paths_or_masks[p], dtype=bool) for p in paths]
    if not masks:
        return []
    code = np.zeros(masks[0].shape, dtype=np.int64)
    for bit, mask in enumerate(masks):
        code |= mask.astype(np.int64) << bit
    cases = []
    for combination in np.unique(code[code > 0]):
        label = ",".join(p for bit, p in enumerate(paths) if combination >> bit & 1)
        cases.append((code == combination, Outcome.indeterminate, f"missing:{label}"))
    return cases


def in_force(ctx: RuleContext, name: str) -> tuple[Any, tuple[bool, Outcome, str]]:
    """A parameter's value (``None`` when none is in force on ``as_of``) and the case for it.

    Place the case in :func:`finding` where the rule function reads the parameter: rows decided
    before that point keep their outcome, every later row is ``not_applicable``
    (``parameter_not_in_force:<name>``), exactly as the core answers for one document.
    """
    value = ctx.param_or_none(name)
    return value, (value is None, Outcome.not_applicable, f"parameter_not_in_force:{name}")


def codes_equal(column: Array, value: str) -> npt.NDArray[np.bool_]:
    """``column == value`` for a code column (missing is ``""``)."""
    return np.asarray(column == value, dtype=bool)


class BatchContext(RuleContext):
    """The :class:`~primarvard_sdk.context.RuleContext` of a twin: the same ``param``, ``day``,
    ``edition`` and ``as_of``, plus the number of rows.

    The core calls a twin once per group of rows whose governing days share every parameter
    value and the edition, so ``ctx.param`` means for the twin what it means for the rule."""

    __slots__ = ("rows",)

    def __init__(self, rule: Rule, as_of: date, rows: int, day: date | None = None,
                 edition: Edition | None = None) -> None:
        super().__init__(rule, as_of, day, edition)
        self.rows = rows


# --- the result ---------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class BatchResult:
    """One rule over many rows: outcome and reason codes, value columns, and what every row shares
    (rule, citation, parameters used, as-of)."""

    rule: Rule
    as_of: date
    outcome: npt.NDArray[np.uint8]
    reason: npt.NDArray[np.uint8]
    reasons: tuple[str, ...]
    values: Mapping[str, Array]
    parameters: tuple[UsedParameter, ...]

    def __len__(self) -> int:
        return int(self.outcome.shape[0])

    @property
    def outcomes(self) -> Array:
        """The outcomes as strings (``"met"``, ``"pass"``, ...)."""
        return _OUTCOME_TEXT[self.outcome]

    @property
    def reason_texts(self) -> Array:
        return np.array(self.reasons)[self.reason]

    def counts(self) -> dict[str, int]:
        """How many rows got each outcome (outcomes that occur only)."""
        found = np.bincount(self.outcome, minlength=len(OUTCOMES))
        return {o.value: int(found[i]) for i, o in enumerate(OUTCOMES) if found[i]}

    @property
    def any_failure(self) -> bool:
        return bool(np.isin(self.outcome, [_CODES[Outcome.fail], _CODES[Outcome.missed]]).any())

    def missing(self, row: int) -> tuple[str, ...]:
        """The JSON paths of the inputs missing on ``row`` (empty unless indeterminate)."""
        label = self.reasons[int(self.reason[row])]
        return tuple(label.removeprefix("missing:").split(",")) if label.startswith("missing:") else ()

    def row(self, row: int) -> dict[str, Any]:
        """One row as plain Python values (for inspection and tests)."""
        values: dict[str, Any] = {}
        for name, column in self.values.items():
            item = column[row]
            if isinstance(item, np.datetime64):
                values[name] = None if np.isnat(item) else item.item()
                if isinstance(values[name], datetime):  # numpy gives naive UTC datetimes
                    values[name] = values[name].replace(tzinfo=UTC)
            else:
                values[name] = item.item() if hasattr(item, "item") else item
        return {
            "outcome": OUTCOMES[int(self.outcome[row])],
            "reason": self.reasons[int(self.reason[row])],
            "missing": self.missing(row),
            "values": values,
        }


# --- evaluating ---------------------------------------------------------------------------------


def _prepare(twin: VectorisedRule, columns: Mapping[str, Any]) -> tuple[dict[str, Array], int]:
    absent = [c.name for c in twin.columns if c.name not in columns]
    if absent:
        raise PrimarvardError(f"{twin.rule_id}: column(s) missing: {', '.join(absent)}")
    prepared = {c.name: _normalise(c, _to_numpy(columns[c.name])) for c in twin.columns}
    lengths = {len(v) for v in prepared.values()}
    if len(lengths) > 1:
        raise PrimarvardError(f"{twin.rule_id}: columns differ in length")
    return prepared, lengths.pop() if lengths else 0


def _normalise(column: Column, array: Array) -> Array:
    where = f"column {column.name!r}"
    if array.ndim != 1:
        raise PrimarvardError(f"{where}: expected one dimension")
    kind = column.kind
    try:
        if kind == "day":
            return as_days(array)
        if kind == "time":
            return array if array.dtype.kind == "M" else as_days(array)
        if kind == "code":
            if array.dtype.kind in "US":
                return array
            return np.array(["" if v is None else str(getattr(v, "value", v)) for v in array])
        if kind == "flag":
            if array.dtype == np.bool_:
                return array.astype(np.int8)
            if array.dtype.kind == "O":
                return np.array([-1 if v is None else int(bool(v)) for v in array], dtype=np.int8)
            flags = array.astype(np.int8)
            if not np.isin(flags, (-1, 0, 1)).all():
                raise ValueError
            return flags
        return array.astype(np.float64)
    except (TypeError, ValueError):
        raise PrimarvardError(f"{where}: not a {kind} column") from None


def evaluate_columns(sdk: Sdk, rule_id: str, columns: Mapping[str, Any], *, as_of: date) -> BatchResult:
    """Evaluate rule ``rule_id`` over columns, as of one day (see :meth:`Sdk.evaluate_columns`)."""
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise TypeError("as_of must be a date")
    rule = sdk.rule(rule_id)
    twin, distribution = sdk.vectorised(rule_id)
    if twin is None:
        raise UnknownRule(f"rule {rule_id!r} has no vectorised twin; evaluate documents one by one")
    prepared, rows = _prepare(twin, columns)
    programme = sdk.region(rule.region).programme(rule.programme)
    editions = programme.editions if programme is not None else ()
    days = _governing_days(rule, twin, prepared, as_of, rows)
    groups: list[tuple[npt.NDArray[np.bool_], BatchFinding]] = []
    used: dict[tuple[str, Any, Any, Any], UsedParameter] = {}
    unknown = np.isnat(days)
    if unknown.any():
        groups += _without_day(rule, twin, distribution, prepared, as_of, editions, unknown)
    for mask, day, edition in _epochs(rule, editions, days, ~unknown):
        count = int(mask.sum())
        if edition is None:
            groups.append((mask, finding(count, default=Outcome.not_applicable, default_reason="no_rulebook_in_force")))
            continue
        context = BatchContext(rule, as_of, count, day, edition)
        part = prepared if count == rows else {k: v[mask] for k, v in prepared.items()}
        found = _run_twin(twin, distribution, part, context, count)
        groups.append((mask, found))
        for p in context.used:
            used[(p.name, repr(p.value), p.valid_from, p.valid_to)] = p
    merged = _merge_groups(rows, groups)
    return BatchResult(
        rule=rule,
        as_of=as_of,
        outcome=merged.outcome,
        reason=merged.reason,
        reasons=merged.reasons,
        values=merged.values,
        parameters=tuple(used.values()),
    )


def _without_day(rule: Rule, twin: VectorisedRule, distribution: str, columns: Mapping[str, Array], as_of: date,
                 editions: Sequence[Edition], unknown: npt.NDArray[np.bool_],
                 ) -> list[tuple[npt.NDArray[np.bool_], BatchFinding]]:
    """Rows whose governing day is missing: ``not_applicable`` where the twin says so under every
    edition with one reason (the finding of the edition in force on ``as_of``, else the latest),
    ``indeterminate`` naming the day elsewhere — as :meth:`Sdk.evaluate` does row by row."""
    count = int(unknown.sum())
    undecided = finding(count, default=Outcome.indeterminate, default_reason=f"missing:$.{rule.governing_day}")
    if not editions:
        return [(unknown, undecided)]
    part = {k: v[unknown] for k, v in columns.items()}
    answers = []
    for edition in editions:
        day = as_of if edition.in_force(as_of) else edition.valid_from
        try:
            answers.append(_run_twin(twin, distribution, part, BatchContext(rule, as_of, count, day, edition), count))
        except (PluginError, PrimarvardError):  # only asked whether the rows are out of scope
            return [(unknown, undecided)]
    labels = [np.asarray(a.reasons, dtype=object)[a.reason] for a in answers]
    out = np.ones(count, dtype=bool)
    for answer, label in zip(answers, labels, strict=True):
        out &= (answer.outcome == _CODES[Outcome.not_applicable]) & (label == labels[0])
    current = next((k for k, e in enumerate(editions) if e.in_force(as_of)), len(editions) - 1)
    chosen = answers[current]
    scoped, rest = unknown.copy(), unknown.copy()
    scoped[unknown], rest[unknown] = out, ~out
    groups: list[tuple[npt.NDArray[np.bool_], BatchFinding]] = []
    if out.any():
        groups.append((scoped, BatchFinding(outcome=chosen.outcome[out], reason=chosen.reason[out],
                                            reasons=chosen.reasons, values={k: v[out] for k, v in chosen.values.items()})))
    if (~out).any():
        groups.append((rest, finding(int((~out).sum()), default=Outcome.indeterminate,
                                     default_reason=f"missing:$.{rule.governing_day}")))
    return groups


def _run_twin(twin: VectorisedRule, distribution: str, columns: dict[str, Array], context: BatchContext,
              rows: int) -> BatchFinding:
    try:
        found = twin.function(columns, context)
    except ParameterNotInForce as exc:
        found = finding(rows, default=Outcome.not_applicable, default_reason=f"parameter_not_in_force:{exc.name}")
    except PrimarvardError:
        raise
    except Exception as exc:
        raise PluginError(distribution, f"vectorised {twin.rule_id} raised {type(exc).__name__}") from None
    if not isinstance(found, BatchFinding) or found.outcome.shape != (rows,) or found.reason.shape != (rows,) \
            or any(np.shape(v) != (rows,) for v in found.values.values()):
        raise PluginError(distribution, f"vectorised {twin.rule_id} returned a malformed batch finding")
    return found


def _governing_days(rule: Rule, twin: VectorisedRule, columns: Mapping[str, Array], as_of: date,
                    rows: int) -> npt.NDArray[Any]:
    """The governing day of every row (``NaT`` where the document does not give it)."""
    if rule.governing_day == AS_OF:
        return np.full(rows, np.datetime64(as_of, "D"))
    if rule.governing_day == EACH_ITEM:
        raise PrimarvardError(f"{twin.rule_id}: a rule that judges each item by its own day has no columnar form")
    column = next((c for c in twin.columns if (c.path or c.name) == rule.governing_day and c.get is None), None)
    if column is None:
        raise PrimarvardError(f"{twin.rule_id}: the twin declares no column for its governing day "
                              f"{rule.governing_day}")
    values = columns[column.name]
    if values.dtype == _DAY:
        return values
    return local_days(values)


def _epochs(rule: Rule, editions: Sequence[Edition], days: npt.NDArray[Any],
            known: npt.NDArray[np.bool_]) -> list[tuple[npt.NDArray[np.bool_], date, Edition | None]]:
    """Rows grouped so that every row of a group has the same edition and parameter values.

    The days on which an edition or a parameter value begins or ends cut time into epochs; each
    row falls into one by binary search (linear in the rows), and a single epoch needs no mask."""
    cuts: set[date] = set()
    for start, end in [(e.valid_from, e.valid_to) for e in editions] + \
            [(v.valid_from, v.valid_to) for p in rule.parameters for v in p.values]:
        if start is not None:
            cuts.add(start)
        if end is not None and end < date.max:
            cuts.add(end + timedelta(days=1))
    bounds = np.array(sorted(cuts), dtype="datetime64[D]")
    epoch = np.searchsorted(bounds, days, side="right")
    present = np.flatnonzero(np.bincount(epoch[known], minlength=len(bounds) + 1))
    groups = []
    for k in present:
        day = (bounds[k - 1] if k > 0 else days[known & (epoch == k)].min()).astype(date)
        edition = next((e for e in editions if e.in_force(day)), None)
        mask = known if len(present) == 1 else known & (epoch == k)
        groups.append((mask, day, edition))
    return groups


def _merge_groups(rows: int, groups: Sequence[tuple[npt.NDArray[np.bool_], BatchFinding]]) -> BatchFinding:
    """One finding over all rows from the findings of disjoint groups of rows."""
    if len(groups) == 1 and groups[0][0].all():
        return groups[0][1]
    outcome = np.zeros(rows, dtype=np.uint8)
    reason = np.zeros(rows, dtype=np.uint8)
    reasons: list[str] = [""]
    dtypes: dict[str, np.dtype[Any]] = {}
    for _, found in groups:
        for name, column in found.values.items():
            dtypes[name] = np.result_type(dtypes[name], column.dtype) if name in dtypes else column.dtype
    values = {name: _empty(dtype, rows) for name, dtype in dtypes.items()}
    for mask, found in groups:
        outcome[mask] = found.outcome
        codes = np.array([_reason_code(reasons, label) for label in found.reasons], dtype=np.uint8)
        reason[mask] = codes[found.reason]
        for name, column in found.values.items():
            values[name][mask] = column
    return BatchFinding(outcome=outcome, reason=reason, reasons=tuple(reasons), values=values)


def _reason_code(reasons: list[str], label: str) -> int:
    if label not in reasons:
        reasons.append(label)
    return reasons.index(label)


def _empty(dtype: np.dtype[Any], rows: int) -> Array:
    """A value column for rows the twin did not compute: NaT, NaN, "" or 0."""
    if dtype.kind == "M":
        return np.full(rows, np.datetime64("NaT"), dtype=dtype)
    if dtype.kind == "f":
        return np.full(rows, np.nan, dtype=dtype)
    if dtype.kind in "US":
        return np.full(rows, "", dtype=dtype)
    return np.zeros(rows, dtype=dtype)


# --- documents → columns ------------------------------------------------------------------------


def _get(document: Any, column: Column) -> Any:
    if column.get is not None:
        return column.get(document)
    value = document
    for part in (column.path or column.name).split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _day_number(d: date) -> int:
    return d.toordinal() - 719163  # days since 1970-01-01


def _column_of(column: Column, values: Sequence[Any]) -> Array:
    kind = column.kind
    if kind == "day" or (kind == "time" and not any(isinstance(v, datetime) for v in values)):
        numbers = [np.iinfo(np.int64).min if v is None else _day_number(v) for v in values]
        return np.array(numbers, dtype=np.int64).astype(_DAY)
    if kind == "time":
        micros: list[int] = []
        for v in values:
            if v is None:
                micros.append(np.iinfo(np.int64).min)
            else:
                instant = v if isinstance(v, datetime) else calendar.start_of_local_day(v)
                micros.append((instant - _EPOCH) // timedelta(microseconds=1))
        return np.array(micros, dtype=np.int64).astype("datetime64[us]")
    if kind == "code":
        return np.array(["" if v is None else str(getattr(v, "value", v)) for v in values])
    if kind == "flag":
        return np.array([-1 if v is None else int(bool(v)) for v in values], dtype=np.int8)
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def columns_from_documents(twin: VectorisedRule, documents: Iterable[Any]) -> dict[str, Array]:
    """The columns a twin reads, taken from structured documents (the single-document types)."""
    docs = list(documents)
    return {c.name: _column_of(c, [_get(d, c) for d in docs]) for c in twin.columns}


def agreement(sdk: Sdk, rule_id: str, documents: Sequence[Any], *, as_of: date,
              values: Sequence[str] = ("due",)) -> list[str]:
    """Differences between the twin on columns and the rule function on each document.

    Compares outcome, missing paths and the named values row by row; returns one line per
    difference (empty when they agree). Used by the agreement tests of every twin.
    """
    twin, _ = sdk.vectorised(rule_id)
    if twin is None:
        raise UnknownRule(f"rule {rule_id!r} has no vectorised twin")
    rule = sdk.rule(rule_id)
    batch = evaluate_columns(sdk, rule_id, columns_from_documents(twin, documents), as_of=as_of)
    problems = []
    for i, document in enumerate(documents):
        (single,) = sdk.evaluate(document, region=rule.region, programme=rule.programme, as_of=as_of, rule=rule_id)
        row = batch.row(i)
        if row["outcome"] is not single.outcome:
            problems.append(f"row {i}: outcome {row['outcome'].value} != {single.outcome.value}")
            continue
        if single.outcome is Outcome.indeterminate and set(row["missing"]) != set(single.missing):
            problems.append(f"row {i}: missing {row['missing']} != {single.missing}")
        for name in values:
            if name in single.values and name in row["values"]:
                expected = _comparable(single.values[name])
                if row["values"][name] != expected:
                    problems.append(f"row {i}: {name} {row['values'][name]!r} != {expected!r}")
    return problems


def _comparable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return value

