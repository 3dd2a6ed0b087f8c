"""The shared :class:`Implementations` of vasterbotten.halsoval and small helpers of its modules."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from datetime import date, time, timedelta
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import minute_of_day
from primarvard_sdk.findings import inconsistent, worst
from primarvard_sdk.model import Edition, Explanation, Finding
from primarvard_sdk.plugin import Implementations

__all__ = [
    "EVES",
    "closed_working_days",
    "closure_days",
    "combine_deadlines",
    "covers",
    "in_edition",
    "iso",
    "joined",
    "must_be_open",
    "rules",
    "staff_dates_checked",
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


def closure_days(document: Any, ctx: RuleContext, *, first_day: bool = True) -> list[tuple[int, Any, list[date]]] | Finding:
    """The temporary closures (``stangningar``) that close the unit — not those where it keeps its
    opening hours (``haller_oppet``) — each with its index and days: ``fran`` to ``forvantad_till``;
    an open-ended one up to the evaluation day (and, with ``first_day``, at least its first day).
    A closure ending before it begins cannot be right: its ``inconsistent`` finding instead."""
    found = []
    for j, closure in enumerate(document.stangningar or ()):
        if closure.haller_oppet is True:
            continue
        end = closure.forvantad_till
        if end is not None and end < closure.fran:
            return inconsistent(f"$.stangningar[{j}].forvantad_till", f"$.stangningar[{j}].fran")
        if end is None:
            end = max(closure.fran, ctx.as_of) if first_day else ctx.as_of
        found.append((j, closure, [closure.fran + timedelta(days=k) for k in range((end - closure.fran).days + 1)]))
    return found


def closed_working_days(document: Any, ctx: RuleContext, seen: set[date], outside: list[date],
                        ) -> list[tuple[int, Any, list[tuple[date, Edition]], bool]] | Finding:
    """:func:`closure_days` with, per closure, the days of limited opening it makes: those inside an
    edition on which a unit must be open (helgfri vardag; the eves as the edition's ``eves_exempt``
    says), each with its edition, leaving out days already in ``seen`` (given as avvikande dagar, or
    by an earlier closure) and adding the rest to it; days outside every edition go to ``outside``.
    The flag says whether any of the closure's new days lies inside an edition."""
    closures = closure_days(document, ctx)
    if isinstance(closures, Finding):
        return closures
    found = []
    for j, closure, days in closures:
        working: list[tuple[date, Edition]] = []
        inside = False
        for day in days:
            if day in seen:
                continue
            edition = ctx.edition_on(day)
            if edition is None:
                outside.append(day)
                continue
            inside = True
            if must_be_open(day, bool(ctx.param("eves_exempt", on=day))):
                seen.add(day)
                working.append((day, edition))
        found.append((j, closure, working, inside))
    return found


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


def _inverted_staff_period(document: Any) -> Finding | None:
    """``indeterminate`` (inconsistent) for the first staff period that ends before it begins: a
    period at the unit (``verksam``) or of public compensation (``offentlig_ersattning[k].period``).
    Such a record cannot be right, so the staff member is neither left out as "not in service" nor
    read as never overlapping; ``None`` when every period is in order."""
    for i, m in enumerate(getattr(document, "personal", None) or ()):
        periods = [("verksam", m.verksam)]
        periods += [(f"offentlig_ersattning[{k}].period", e.period) for k, e in enumerate(m.offentlig_ersattning or ())]
        for name, period in periods:
            if period is not None and period.till is not None and period.till < period.fran:
                here = f"$.personal[{i}].{name}"
                return inconsistent(f"{here}.till", f"{here}.fran")
    return None


def staff_dates_checked(rule: Callable[[Any, RuleContext], Finding]) -> Callable[[Any, RuleContext], Finding]:
    """A staff rule that first refuses a staff period ending before it begins (see
    :func:`_inverted_staff_period`): the core's :meth:`Medarbetare.i_tjanst` would read it as never in
    service and the rule would fail or pass on the others alone."""

    @functools.wraps(rule)
    def checked(document: Any, ctx: RuleContext) -> Finding:
        found = _inverted_staff_period(document)
        return found if found is not None else rule(document, ctx)

    return checked
