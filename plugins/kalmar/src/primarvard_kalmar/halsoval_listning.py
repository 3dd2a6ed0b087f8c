"""kalmar.halsoval.listning.*: regular physician for RUB 4-5, BHV team visits, targeted health talks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from primarvard_kalmar.halsoval_common import rules
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Listning, full_years
from primarvard_sdk.findings import decision, failed, finding, indeterminate, not_applicable, passed
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
    if doc.rub is None:
        return indeterminate("$.rub")
    if doc.rub not in complex_rub:
        return not_applicable(
            f"RUB {doc.rub}: regeln gäller patienter med stort vårdbehov (RUB {', '.join(map(str, sorted(complex_rub)))}).",
            f"RUB {doc.rub}: the rule concerns patients with a large care need (RUB {', '.join(map(str, sorted(complex_rub)))}).",
            rub=doc.rub,
        )
    if doc.behov_fast_lakarkontakt is None:
        return indeterminate("$.behov_fast_lakarkontakt", rub=doc.rub)
    if not doc.behov_fast_lakarkontakt:
        return not_applicable(
            f"RUB {doc.rub}, men inget behov av fast läkarkontakt är bedömt.",
            f"RUB {doc.rub}, but no need of a regular physician is judged to exist.",
            rub=doc.rub,
        )
    if doc.fast_lakarkontakt is None:
        return indeterminate("$.fast_lakarkontakt", rub=doc.rub)
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
    visits = bhv_visits(born, visits_param)
    listed: list[dict[str, Any]] = [{"visit": name, "date": d} for name, d in visits]
    upcoming = [(d, name) for name, d in visits if d >= ctx.as_of]
    if not upcoming:
        return not_applicable(
            f"Barnet är {age} år {ctx.as_of.isoformat()}; alla teambesök ({visits[-1][1].isoformat()} sist) ligger före den dagen.",
            f"The child is {age} on {ctx.as_of.isoformat()}; every team visit (the last on {visits[-1][1].isoformat()}) is before that day.",
            age=age,
            visits=listed,
        )
    due, name = min(upcoming)
    return finding(
        Outcome.open,
        f"Nästa teambesök ({name.replace('_', ' ')}) {due.isoformat()}; ålder {age} år {ctx.as_of.isoformat()}.",
        f"Next team visit ({_english(name)}) "
        f"on {due.isoformat()}; aged {age} on {ctx.as_of.isoformat()}.",
        due=due,
        actual=None,
        next_visit=name,
        age=age,
        visits=listed,
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
    year = ctx.as_of.year
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
