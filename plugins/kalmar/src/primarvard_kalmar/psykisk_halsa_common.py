"""The registry of kalmar.psykisk_halsa's rule functions, shared by its modules, and the checks of
recorded dates that cannot be right, shared by its rules."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Avvisningsskal, Lan, Person, Remiss, Remisstyp, Vistelsestatus
from primarvard_sdk.findings import inconsistent
from primarvard_sdk.model import Finding
from primarvard_sdk.plugin import Implementations

rules = Implementations("kalmar.psykisk_halsa")

RuleFunction = Callable[[Any, RuleContext], Finding]

#: "Gällande asylsökande och papperslösa finns särskild riktlinje som ska följas": the residence
#: statuses whose access to care a separate guideline (not part of the rulebook) governs.
SEPARATE_GUIDELINE = (Vistelsestatus.asylsokande, Vistelsestatus.papperslos)
#: Refusal reasons that speak of where the patient is registered (another region, country or
#: municipality).
REGISTRATION_REASONS = frozenset({Avvisningsskal.folkbokforing, Avvisningsskal.annan_kommun})


def registered_in(person: Person | None, county: Lan) -> bool | None:
    """Whether ``person`` is registered (folkbokförd) in ``county``; ``None`` when unknown.

    A person known not to be registered in Sweden at all is registered in no county."""
    if person is None:
        return None
    if person.folkbokford_lan is not None:
        return person.folkbokford_lan is county
    if person.folkbokford_i_sverige is False:
        return False
    return None


def separate_guideline(person: Person | None) -> bool | None:
    """Whether the separate guideline for asylum seekers and undocumented persons governs
    ``person``: ``True`` for those statuses; ``False`` for another stated status, or for a person
    registered (folkbokförd) in Sweden (asylum seekers and undocumented persons are not); ``None``
    when unknown."""
    if person is None:
        return None
    if person.vistelsestatus is not None:
        return person.vistelsestatus in SEPARATE_GUIDELINE
    if person.folkbokford_lan is not None or person.folkbokford_i_sverige is True:
        return False
    return None


def registration_reason_excused(remiss: Remiss, county: Lan) -> tuple[str | None, list[str]]:
    """Why a registration reason (folkbokföring, annan kommun) given for refusing ``remiss`` is not
    for the rules that forbid it ("oavsett ... folkbokföring", "folkbokförda ... i andra regioner, i
    andra länder") to judge, with the JSON paths that keep it open:

    - ``separate_guideline``: the patient is an asylum seeker or undocumented;
    - ``digital_mottagning``: a contact with the digital reception, which is for "samtliga länets
      invånare", by a person not registered in the county (a county inhabitant refused for being
      registered in another municipality is still judged);
    - ``None``: the reason is judged."""
    patient = remiss.patient
    separate = separate_guideline(patient)
    if separate:
        return "separate_guideline", []
    if remiss.typ is Remisstyp.digital_mottagning:
        resident = registered_in(patient, county)
        if resident is None:
            return None, ["$.patient.folkbokford_lan"]
        return (None if resident else "digital_mottagning"), []
    if separate is None:
        return None, ["$.patient.vistelsestatus"]
    return None, []


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


def runs_of_closed_days(closed: Sequence[date]) -> list[tuple[date, date]]:
    """Group closed vardagar into closures: two closed days belong to the same closure when every
    vardag between them is closed too (a weekend or helgdag between them does not end it). Each
    closure is (first closed day, last closed day)."""
    runs: list[tuple[date, date]] = []
    for day in closed:
        if runs and calendar.vardagar_between(runs[-1][1], day) <= 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
