"""Building the :class:`~primarvard_sdk.model.Finding` a rule implementation returns.

Conventions every region follows, so that results read alike across regions:

- deadlines put ``due`` (date or datetime) and ``actual`` (when recorded) in ``values`` and use
  :func:`deadline_outcome` for met / missed / open;
- eligibility rules put ``decision`` (``accept``, ``reject`` or ``route``) and, for a route,
  ``route`` (whom to hand over to) in ``values``; accept → pass, reject → fail, and route → **fail**:
  the unit must not take the person or referral itself, so a program that only reads the outcome
  never proceeds. ``warning`` is for cases the unit may proceed with;
- thresholds put ``required`` and ``declared`` in ``values``; allocations put ``allocation``
  (unit id → share) and ``total``;
- a missing input gives :func:`indeterminate` with the JSON path of each missing field
  (:func:`absent` finds them): absent is never read as empty, false or zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from primarvard_sdk.model import Explanation, Finding, Outcome

__all__ = [
    "absent",
    "calendar_day_note",
    "deadline",
    "deadline_outcome",
    "decision",
    "failed",
    "finding",
    "handed_over",
    "inconsistent",
    "indeterminate",
    "not_applicable",
    "passed",
    "verdict",
    "warning",
    "worst",
]

#: How several outcomes aggregate into one: the first present wins. A failure outranks a missing
#: input, and a missing input outranks every positive outcome, so an aggregate never guesses.
_SEVERITY: tuple[Outcome, ...] = (
    Outcome.fail,
    Outcome.missed,
    Outcome.indeterminate,
    Outcome.warning,
    Outcome.open,
    Outcome.met,
    Outcome.passed,
    Outcome.not_applicable,
)


#: Missing paths an indeterminate explanation names (``missing`` holds them all).
SHOWN_PATHS = 10

def finding(outcome: Outcome, sv: str, en: str, **values: Any) -> Finding:
    return Finding(outcome=outcome, explanation=Explanation(sv=sv, en=en), values=values)


def passed(sv: str, en: str, **values: Any) -> Finding:
    return finding(Outcome.passed, sv, en, **values)


def failed(sv: str, en: str, **values: Any) -> Finding:
    return finding(Outcome.fail, sv, en, **values)


def warning(sv: str, en: str, **values: Any) -> Finding:
    return finding(Outcome.warning, sv, en, **values)


def not_applicable(sv: str, en: str, **values: Any) -> Finding:
    return finding(Outcome.not_applicable, sv, en, **values)


def indeterminate(*missing: str, sv: str | None = None, en: str | None = None, **values: Any) -> Finding:
    """The rule cannot decide: name every missing input by its JSON path (``$.patient.fodelsedatum``)."""
    paths = tuple(p if p.startswith("$") else f"$.{p}" for p in missing)
    listed = listed_sv = ", ".join(paths[:SHOWN_PATHS])
    if len(paths) > SHOWN_PATHS:  # every path stays in ``missing``; the sentence stays readable
        more = len(paths) - SHOWN_PATHS
        listed_sv, listed = f"{listed} och {more} till", f"{listed} and {more} more"
    return Finding(
        outcome=Outcome.indeterminate,
        explanation=Explanation(
            sv=sv or f"Kan inte avgöras: uppgift saknas ({listed_sv}).",
            en=en or f"Cannot be decided: input missing ({listed}).",
        ),
        values=values,
        missing=paths,
    )


def inconsistent(path: str, against: str, **values: Any) -> Finding:
    """The rule cannot decide because a recorded value cannot be right (a completion before its
    event): ``indeterminate`` naming ``path`` as the fact to supply again, and listing it under
    ``values['inconsistent']`` so that a reader knows it is present but unusable."""
    return indeterminate(
        path,
        sv=f"Kan inte avgöras: {path} ligger före {against}; uppgiften kan inte stämma.",
        en=f"Cannot be decided: {path} is before {against}; the record cannot be right.",
        inconsistent=[path],
        **values,
    )


def decision(kind: str, sv: str, en: str, route: str | None = None, **values: Any) -> Finding:
    """An eligibility decision: ``accept`` (pass), ``reject`` (fail) or ``route`` (fail, with
    ``route`` naming where the person or referral goes instead). A case the text hands to
    another as the correct course, with nothing wrong, is :func:`handed_over`, not a route."""
    outcome = {"accept": Outcome.passed, "reject": Outcome.fail, "route": Outcome.fail}[kind]
    if route is not None:
        values["route"] = route
    return finding(outcome, sv, en, decision=kind, **values)


def handed_over(sv: str, en: str, route: str, **values: Any) -> Finding:
    """The text gives the case to another unit or service, and that is the right course (the
    jourcentral at night, the regular physician for a patient who can wait): ``not_applicable``
    for this unit — a compliance officer must not read it as a failure — with ``decision: route``
    and ``route`` naming who has it."""
    return finding(Outcome.not_applicable, sv, en, decision="route", route=route, **values)


def verdict(problems_sv: Sequence[str], problems_en: Sequence[str], missing: Sequence[str], sv: str, en: str,
            **values: Any) -> Finding:
    """``fail`` naming every problem; else ``indeterminate`` naming every unreported input (JSON
    paths); else ``pass`` with ``sv``/``en``."""
    if problems_sv:
        return failed("Kravet uppfylls inte: " + "; ".join(problems_sv) + ".",
                      "Requirement not met: " + "; ".join(problems_en) + ".", **values)
    if missing:
        return indeterminate(*missing, **values)
    return passed(sv, en, **values)


def absent(document: Any, *paths: str) -> tuple[str, ...]:
    """The JSON paths (``$.a.b``) of the dotted ``paths`` whose value in ``document`` is ``None``.

    A ``None`` on the way counts as the whole path missing (``befolkning.listade`` with no
    ``befolkning`` gives ``$.befolkning.listade``). Use it before reading optional inputs::

        if gaps := absent(enhet, "personal", "befolkning.listade"):
            return indeterminate(*gaps)
    """
    missing = []
    for path in paths:
        value = document
        for name in path.split("."):
            value = getattr(value, name, None)
            if value is None:
                missing.append(f"$.{path}")
                break
    return tuple(missing)


def _as_day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        from primarvard_sdk.calendar import local_date

        return local_date(value)
    return value


def deadline_outcome(due: date | datetime, actual: date | datetime | None, as_of: date) -> Outcome:
    """``met`` when done by ``due``; ``missed`` when done later, or not done and ``as_of`` is past
    the due day; otherwise ``open``.

    A due *date* is inclusive (the whole local day counts); a due *datetime* is an instant. An
    ``actual`` given as a bare date against a due datetime is compared by local day. An ``actual``
    on a day after ``as_of`` (a booked time, a record dated ahead) has not happened on the
    evaluation day: ``open`` while it would still be on time (``as_of`` decides whether an unmet
    deadline is open or missed), ``missed`` when it is after the due day — a booking for then
    cannot be on time, and saying so before it happens is the point of checking a booking.
    """
    if actual is not None:
        if isinstance(due, datetime) and isinstance(actual, datetime):
            on_time = actual <= due
        else:
            on_time = _as_day(actual) <= _as_day(due)
        if not on_time:
            return Outcome.missed
        if _as_day(actual) <= as_of:
            return Outcome.met
    return Outcome.missed if as_of > _as_day(due) else Outcome.open


def deadline(
    due: date | datetime,
    actual: date | datetime | None,
    as_of: date,
    sv: str,
    en: str,
    **values: Any,
) -> Finding:
    """A deadline finding with ``due`` and ``actual`` in its values."""
    return finding(deadline_outcome(due, actual, as_of), sv, en, due=due, actual=actual, **values)


def worst(outcomes: Iterable[Outcome], default: Outcome = Outcome.met) -> Outcome:
    """One outcome for several records: fail, missed, indeterminate, warning, open, met, pass,
    not_applicable — the first present wins; ``default`` when there are none."""
    seen = set(outcomes)
    return next((o for o in _SEVERITY if o in seen), default)


def calendar_day_note(due: date) -> tuple[str, str]:
    """The calendar convention: a calendar-day due date on a non-working day is not moved; the result says so.

    Returns the sentence to append in Swedish and English (empty strings on a vardag).
    """
    from primarvard_sdk.calendar import is_vardag

    if is_vardag(due):
        return "", ""
    return (
        " Dagen är ingen vardag; fristen flyttas inte.",
        " That day is not a working day; the deadline does not move.",
    )
