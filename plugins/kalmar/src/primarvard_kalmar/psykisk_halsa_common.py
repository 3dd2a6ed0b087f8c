"""The registry of kalmar.psykisk_halsa's rule functions, shared by its modules, and the checks of
recorded dates that cannot be right, shared by its rules."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.findings import inconsistent
from primarvard_sdk.model import Finding
from primarvard_sdk.plugin import Implementations

rules = Implementations("kalmar.psykisk_halsa")

RuleFunction = Callable[[Any, RuleContext], Finding]


def _backwards(path: str, fran: date | None, till: date | None) -> Finding | None:
    """``inconsistent`` when a period ends (``till``) before it begins (``fran``)."""
    if fran is not None and till is not None and till < fran:
        return inconsistent(f"{path}.till", f"{path}.fran")
    return None


def staff_dates_consistent(*, funding: bool = False) -> Callable[[RuleFunction], RuleFunction]:
    """Guard a staff rule: a member whose period at the unit (``verksam``) ends before it begins
    (or, with ``funding``, a period of public compensation that does) cannot be placed in service or
    out of it, so the rule answers ``indeterminate`` naming that end rather than silently leaving the
    member out (which could pass a unit on the staff that remain, or fail it for want of them)."""

    def wrap(function: RuleFunction) -> RuleFunction:
        @functools.wraps(function)
        def guarded(doc: Any, ctx: RuleContext) -> Finding:
            for i, m in enumerate(getattr(doc, "personal", None) or ()):
                if m.verksam is not None:
                    bad = _backwards(f"$.personal[{i}].verksam", m.verksam.fran, m.verksam.till)
                    if bad is not None:
                        return bad
                if funding:
                    for k, e in enumerate(m.offentlig_ersattning or ()):
                        bad = _backwards(f"$.personal[{i}].offentlig_ersattning[{k}].period",
                                         e.period.fran, e.period.till)
                        if bad is not None:
                            return bad
            return function(doc, ctx)

        return guarded

    return wrap


def closures_consistent(function: RuleFunction) -> RuleFunction:
    """Guard a closure rule: a closure whose expected last day (``forvantad_till``) is before its
    first day (``fran``) cannot be right; the rule answers ``indeterminate`` naming it instead of
    judging a closure of a negative length."""

    @functools.wraps(function)
    def guarded(doc: Any, ctx: RuleContext) -> Finding:
        for i, s in enumerate(doc.stangningar or ()):
            if s.forvantad_till is not None and s.forvantad_till < s.fran:
                return inconsistent(f"$.stangningar[{i}].forvantad_till", f"$.stangningar[{i}].fran")
        return function(doc, ctx)

    return guarded


def closed_days_outside_closures(doc: Any) -> list[tuple[int, date]]:
    """Days the unit reports closed in ``avvikande_dagar`` (``oppettider`` []) on a vardag (a closure
    on a Saturday, Sunday, helgdag or eve is no deviation from the working week) that no reported
    closure in ``stangningar`` covers (a closure with its last day not reported covers every day from
    its first). A closed weekday is a temporary closure ("tillfälligt stängt") whether it is reported
    as a day or as a closure; as a day, the facts the closure rules judge are not reported."""
    days = doc.avvikande_dagar or ()
    spans = [(s.fran, s.forvantad_till or date.max) for s in doc.stangningar or ()]
    found = []
    for i, d in enumerate(days):
        if d.oppettider is None or d.oppettider:
            continue
        if not calendar.is_vardag(d.datum):
            continue
        if any(fran <= d.datum <= till for fran, till in spans):
            continue
        found.append((i, d.datum))
    return sorted(found, key=lambda p: (p[1], p[0]))


def runs_of_closed_days(closed: Sequence[tuple[int, date]]) -> list[tuple[date, date]]:
    """Group closed vardagar into closures: two closed days belong to the same closure when every
    vardag between them is closed too (a weekend or helgdag between them does not end it). Each
    closure is (first closed day, last closed day)."""
    runs: list[tuple[date, date]] = []
    for _, day in closed:
        if runs and calendar.vardagar_between(runs[-1][1], day) <= 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
