"""kalmar.halsoval.listning.*: regular physician for RUB 4-5, BHV team visits, targeted health talks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from primarvard_kalmar.halsoval_common import rules
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Listning, full_years
from primarvard_sdk.findings import (
    absent,
    decision,
    failed,
    finding,
    indeterminate,
    not_applicable,
    passed,
    worst,
)
from primarvard_sdk.model import Finding, Outcome

__all__ = ["bhv_visits", "halsosamtal_age"]


def bhv_visits(born: date, visits: Iterable[Mapping[str, int]]) -> list[tuple[str, date]]:
    """The team-visit dates for a child born on ``born``.

    Each visit is ``{"weeks": n}`` (n × 7 calendar days), ``{"months": n}`` or ``{"years": n}``
    (the same day of month, clamped to the month's end: born 31 Aug → 6 months = 28/29 Feb).
    """
    out: list[tuple[str, date]] = []
    for visit in visits:
        ((unit, n),) = visit.items()
        if unit == "weeks":
            out.append((f"{n}_veckor", calendar.add_calendar_days(born, 7 * n)))
        elif unit == "months":
            out.append((f"{n}_manader", calendar.add_months(born, n)))
        elif unit == "years":
            out.append((f"{n}_ar", calendar.add_years(born, n)))
        else:
            raise ValueError(f"unknown visit unit {unit!r}")
    return out


def halsosamtal_age(born: date, year: int, ages: Iterable[int]) -> int | None:
    """The target age (40, 50, 60) a person born on ``born`` turns in calendar ``year``, else None."""
    turning = year - born.year
    return turning if turning in set(ages) else None


_UNITS_EN = {"veckor": "weeks", "manader": "months", "ar": "years"}


def _english(name: str) -> str:
    n, _, unit = name.partition("_")
    return f"{n} {_UNITS_EN[unit]}"


@rules.implement("kalmar.halsoval.listning.rub_fast_lakarkontakt")
def rub_fast_lakarkontakt(doc: Listning, ctx: RuleContext) -> Finding:
    complex_rub = {int(r) for r in ctx.param("complex_rub")}
    bands = ", ".join(map(str, sorted(complex_rub)))
    # Outside the scope as soon as one known fact says so, whatever else is missing.
    if doc.rub is not None and doc.rub not in complex_rub:
        return not_applicable(
            f"RUB {doc.rub}: regeln gäller patienter med stort vårdbehov identifierat med RUB (RUB {bands}).",
            f"RUB {doc.rub}: the rule concerns patients with a large care need identified by RUB (RUB {bands}).",
            rub=doc.rub,
        )
    if doc.behov_fast_lakarkontakt is False:
        return not_applicable(
            "Inget behov av fast läkarkontakt är bedömt; kravet gäller om behovet finns.",
            "No need of a regular physician is judged to exist; the duty applies where the need exists.",
            rub=doc.rub,
        )
    if missing := absent(doc, "rub", "behov_fast_lakarkontakt", "fast_lakarkontakt"):
        return indeterminate(*missing, rub=doc.rub)
    if doc.fast_lakarkontakt:
        return passed(
            f"RUB {doc.rub} med behov: patienten har en fast läkarkontakt.",
            f"RUB {doc.rub} with a need: the patient has a named regular physician.",
            rub=doc.rub,
        )
    return failed(
        f"RUB {doc.rub} med behov: fast läkarkontakt saknas.",
        f"RUB {doc.rub} with a need: no named regular physician.",
        rub=doc.rub,
    )


#: Where a team visit's record would be read. Listning has no field for it yet, so a stage whose
#: day has passed cannot be known to be done or missed.
VISIT_RECORDS = "$.teambesok"


@rules.implement("kalmar.halsoval.listning.bhv_teambesok")
def bhv_teambesok(doc: Listning, ctx: RuleContext) -> Finding:
    visits_param = ctx.param("visits")
    max_age = int(ctx.param("child_max_age"))
    born = doc.person.birth_date(ctx.as_of) if doc.person is not None else None
    if born is None:
        return indeterminate("$.person.fodelsedatum")
    if born > ctx.as_of:
        return not_applicable(
            f"Födelsedagen ligger efter {ctx.as_of.isoformat()}.",
            f"The birth date is after {ctx.as_of.isoformat()}.",
        )
    age = full_years(born, ctx.as_of)
    if age > max_age:
        return not_applicable(
            f"Personen är {age} år {ctx.as_of.isoformat()}; teambesöken gäller listade barn 0–{max_age} år.",
            f"The person is {age} on {ctx.as_of.isoformat()}; the team visits concern listed children aged 0–{max_age}.",
            age=age,
        )
    listed = doc.datum
    if listed is not None and listed > ctx.as_of:
        return not_applicable(
            f"Barnet listas vid enheten först {listed.isoformat()}, efter {ctx.as_of.isoformat()}; teambesöken "
            "gäller listade patienter.",
            f"The child is listed at the unit only from {listed.isoformat()}, after {ctx.as_of.isoformat()}; the "
            "team visits concern listed patients.",
            reason="not_yet_listed", age=age, listed_from=listed,
        )
    # A stage is open up to and including its day; after it, its record decides, and no record
    # of a team visit can be given in a listing: the stage is then indeterminate, never dropped.
    # A stage whose day came before the child was listed at the unit (Listning.datum) was not the
    # unit's ("för listade patienter"): it is listed as before_listing, not judged.
    all_stages: list[dict[str, Any]] = [
        {
            "visit": name,
            "date": d,
            "status": Outcome.open if d >= ctx.as_of else Outcome.indeterminate,
        }
        for name, d in bhv_visits(born, visits_param)
    ]
    before = [{**s, "status": Outcome.not_applicable} for s in all_stages if listed is not None and s["date"] < listed]
    stages = [s for s in all_stages if listed is None or s["date"] >= listed]
    if not stages:
        return not_applicable(
            f"Alla teambesök (senast {all_stages[-1]['date'].isoformat()}) låg före listningen vid enheten "
            f"{listed.isoformat() if listed else ''}.",
            f"Every team visit (the last on {all_stages[-1]['date'].isoformat()}) fell before the listing at the "
            f"unit on {listed.isoformat() if listed else ''}.",
            reason="before_listing", age=age, before_listing=before,
        )
    overall = worst((s["status"] for s in stages), default=Outcome.met)
    upcoming = [s for s in stages if s["status"] is Outcome.open]
    passed_stages = [s for s in stages if s["status"] is Outcome.indeterminate]
    values: dict[str, Any] = {"age": age, "visits": stages}
    if before:
        values["before_listing"] = before
    if upcoming:
        values.update(due=upcoming[0]["date"], actual=None, next_visit=upcoming[0]["visit"])
    next_sv = (
        f" Nästa teambesök ({upcoming[0]['visit'].replace('_', ' ')}) {upcoming[0]['date'].isoformat()}."
        if upcoming
        else ""
    )
    next_en = (
        f" Next team visit ({_english(upcoming[0]['visit'])}) on {upcoming[0]['date'].isoformat()}."
        if upcoming
        else ""
    )
    if passed_stages:
        names_sv = ", ".join(f"{s['visit'].replace('_', ' ')} ({s['date'].isoformat()})" for s in passed_stages)
        names_en = ", ".join(f"{_english(s['visit'])} ({s['date'].isoformat()})" for s in passed_stages)
        return indeterminate(
            VISIT_RECORDS,
            sv=f"Teambesök vars dag har passerat: {names_sv}; om de är gjorda kan inte avgöras, eftersom "
            f"inga besöksuppgifter finns ({VISIT_RECORDS}).{next_sv}",
            en=f"Team visits whose day has passed: {names_en}; whether they were made cannot be decided, as "
            f"no visit records are given ({VISIT_RECORDS}).{next_en}",
            **values,
        )
    return finding(
        overall,
        f"Ålder {age} år {ctx.as_of.isoformat()}; inget teambesök har passerat.{next_sv}",
        f"Aged {age} on {ctx.as_of.isoformat()}; no team visit has passed.{next_en}",
        **values,
    )


@rules.implement("kalmar.halsoval.listning.riktade_halsosamtal")
def riktade_halsosamtal(doc: Listning, ctx: RuleContext) -> Finding:
    ages = [int(a) for a in ctx.param("ages")]
    if ctx.param("requires_digital_support") and not ctx.param("digital_support_available"):
        return not_applicable(
            f"Riktade hälsosamtal ({', '.join(map(str, ages))} år) erbjuds när det digitala stödet finns; "
            f"det finns inte tillgängligt {ctx.as_of.isoformat()}.",
            f"Targeted health talks (ages {', '.join(map(str, ages))}) are offered once the digital support is "
            f"available; it is not available on {ctx.as_of.isoformat()}.",
        )
    born = doc.person.birth_date(ctx.as_of) if doc.person is not None else None
    if born is None:
        return indeterminate("$.person.fodelsedatum")
    year = ctx.day.year
    target = halsosamtal_age(born, year, ages)
    if target is None:
        return not_applicable(
            f"Personen fyller {year - born.year} år {year}; hälsosamtalen gäller {', '.join(map(str, ages))}-åringar.",
            f"The person turns {year - born.year} in {year}; the talks concern people turning {', '.join(map(str, ages))}.",
        )
    return decision(
        "accept",
        f"Personen fyller {target} år under {year}: riktat hälsosamtal ska erbjudas.",
        f"The person turns {target} in {year}: a targeted health talk is to be offered.",
        age_in_year=target,
        year=year,
    )
