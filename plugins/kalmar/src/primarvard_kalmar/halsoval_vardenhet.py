"""kalmar.halsoval.vardenhet.* (and tillganglighet.radgivning): staff, functions, shares."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from primarvard_kalmar.halsoval_common import fmt, join_ids, rules
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Funktion, Medarbetare, Specialitet, Uppdrag, Vardenhet, Yrke
from primarvard_sdk.findings import deadline, failed, indeterminate, not_applicable, passed, warning
from primarvard_sdk.model import Finding

__all__ = ["colocated_physicians", "fte"]


def fte(value: float) -> Fraction:
    """A service level as an exact fraction (0.1 + 0.2 == 0.3), read from its decimal form."""
    return Fraction(str(value))


def _indexed(unit: Vardenhet) -> list[tuple[int, Medarbetare]]:
    return list(enumerate(unit.personal or ()))


def colocated_physicians(unit: Vardenhet) -> tuple[list[str], list[str]]:
    """Ids of physicians declared co-located, and JSON paths of physicians whose co-location is unknown."""
    known = [m.id for _, m in _indexed(unit) if m.yrke is Yrke.lakare and m.samlokaliserad]
    unknown = [
        f"$.personal[{i}].samlokaliserad"
        for i, m in _indexed(unit)
        if m.yrke is Yrke.lakare and m.samlokaliserad is None
    ]
    return known, unknown


def _collaboration(unit: Vardenhet, kind: str) -> list[str]:
    return sorted(a.part for a in unit.samverkansavtal or () if a.typ == kind and a.part != unit.id)


@rules.implement("kalmar.halsoval.tillganglighet.radgivning")
def radgivning(doc: Vardenhet, ctx: RuleContext) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    minimum = str(ctx.param("min_competence"))
    qualifying = {Yrke(y) for y in ctx.param("qualifying_professions")}
    advisers = [(i, m) for i, m in _indexed(doc) if Uppdrag.radgivning in m.uppdrag]
    if not advisers:
        return failed(
            "Ingen medarbetare är angiven för sjukvårdsrådgivning.",
            "No staff member is declared for health-care advice.",
        )
    missing = [
        f"$.personal[{i}].{f}"
        for i, m in advisers
        for f, v in (("yrke", m.yrke), ("legitimerad", m.legitimerad))
        if v is None
    ]
    below = [
        m.id
        for _, m in advisers
        if (m.yrke is not None and m.yrke not in qualifying) or m.legitimerad is False
    ]
    values: dict[str, Any] = {
        "advisers": sorted(m.id for _, m in advisers),
        "below_minimum": sorted(below),
    }
    if below:
        return failed(
            f"Rådgivning ges av personal under lägst {minimum}kompetens (legitimerad): {join_ids(below)}.",
            f"Advice is given by staff below licensed {minimum} competence: {join_ids(below)}.",
            **values,
        )
    if missing:
        return indeterminate(*missing, **values)
    return passed(
        f"Rådgivningen ges av legitimerad personal med lägst {minimum}kompetens ({len(advisers)} st).",
        f"Advice is given by licensed staff with at least {minimum} competence ({len(advisers)}).",
        **values,
    )


@rules.implement("kalmar.halsoval.vardenhet.samlokaliserade_lakare")
def samlokaliserade_lakare(doc: Vardenhet, ctx: RuleContext) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    needed = int(ctx.param("min_colocated_physicians"))
    radius = ctx.param("exception_radius_km")
    max_inhabitants = int(ctx.param("exception_max_inhabitants"))
    kind = str(ctx.param("collaboration_type"))
    colocated, unknown = colocated_physicians(doc)
    values: dict[str, Any] = {"required": needed, "declared": len(colocated)}
    if len(colocated) >= needed:
        return passed(
            f"{len(colocated)} samlokaliserade läkare (minst {needed}).",
            f"{len(colocated)} co-located physicians (at least {needed}).",
            **values,
        )
    rural = doc.invanare_inom_1_mil is not None and doc.invanare_inom_1_mil < max_inhabitants
    partners = _collaboration(doc, kind)
    if rural and partners:
        return passed(
            f"{len(colocated)} samlokaliserade läkare, men undantaget gäller: {doc.invanare_inom_1_mil} invånare "
            f"inom {fmt(radius / 10)} mil (under {max_inhabitants}) och formaliserat samarbete med {join_ids(partners)}.",
            f"{len(colocated)} co-located physicians, but the exception applies: {doc.invanare_inom_1_mil} inhabitants "
            f"within {fmt(radius)} km (below {max_inhabitants}) and a formalised collaboration with {join_ids(partners)}.",
            exception=True,
            **values,
        )
    missing = list(unknown) if len(colocated) + len(unknown) >= needed else []
    if doc.invanare_inom_1_mil is None:
        missing.append("$.invanare_inom_1_mil")
    if (rural or doc.invanare_inom_1_mil is None) and doc.samverkansavtal is None:
        missing.append("$.samverkansavtal")
    if missing:
        return indeterminate(*missing, **values)
    reason_sv = (
        f"{doc.invanare_inom_1_mil} invånare inom {fmt(radius / 10)} mil är inte färre än {max_inhabitants}"
        if not rural
        else "formaliserat samarbete med annan vårdenhet saknas"
    )
    reason_en = (
        f"{doc.invanare_inom_1_mil} inhabitants within {fmt(radius)} km is not fewer than {max_inhabitants}"
        if not rural
        else "no formalised collaboration with another unit is declared"
    )
    return failed(
        f"{len(colocated)} samlokaliserade läkare (minst {needed} krävs); undantaget gäller inte: {reason_sv}.",
        f"{len(colocated)} co-located physicians ({needed} required); the exception does not apply: {reason_en}.",
        exception=False,
        **values,
    )


@rules.implement("kalmar.halsoval.vardenhet.glesbygdsundantag")
def glesbygdsundantag(doc: Vardenhet, ctx: RuleContext) -> Finding:
    radius = ctx.param("exception_radius_km")
    max_inhabitants = int(ctx.param("exception_max_inhabitants"))
    needed = int(ctx.param("min_colocated_physicians"))
    kind = str(ctx.param("collaboration_type"))
    if doc.invanare_inom_1_mil is None:
        return indeterminate("$.invanare_inom_1_mil")
    inhabitants = doc.invanare_inom_1_mil
    values: dict[str, Any] = {"inhabitants": inhabitants, "limit": max_inhabitants}
    if inhabitants >= max_inhabitants:
        return not_applicable(
            f"{inhabitants} invånare inom {fmt(radius / 10)} mil understiger inte {max_inhabitants}: undantaget "
            f"gäller inte (minst {needed} samlokaliserade läkare krävs).",
            f"{inhabitants} inhabitants within {fmt(radius)} km is not below {max_inhabitants}: the exception does "
            f"not apply (at least {needed} co-located physicians are required).",
            **values,
        )
    if doc.personal is not None:
        colocated, _ = colocated_physicians(doc)
        if len(colocated) >= needed:
            return not_applicable(
                f"Enheten har {len(colocated)} samlokaliserade läkare och behöver inte undantaget.",
                f"The unit has {len(colocated)} co-located physicians and does not rely on the exception.",
                **values,
            )
    if doc.samverkansavtal is None:
        return indeterminate("$.samverkansavtal", **values)
    partners = _collaboration(doc, kind)
    if partners:
        return passed(
            f"Undantaget gäller: {inhabitants} invånare inom {fmt(radius / 10)} mil (under {max_inhabitants}) och "
            f"formaliserat samarbete med {join_ids(partners)}.",
            f"The exception applies: {inhabitants} inhabitants within {fmt(radius)} km (below {max_inhabitants}) and "
            f"a formalised collaboration with {join_ids(partners)}.",
            partners=partners,
            **values,
        )
    return failed(
        f"{inhabitants} invånare inom {fmt(radius / 10)} mil (under {max_inhabitants}), men formaliserat samarbete "
        "med annan vårdenhet saknas.",
        f"{inhabitants} inhabitants within {fmt(radius)} km (below {max_inhabitants}), but no formalised "
        "collaboration with another unit is declared.",
        partners=[],
        **values,
    )


@rules.implement("kalmar.halsoval.vardenhet.andel_allmanmedicin")
def andel_allmanmedicin(doc: Vardenhet, ctx: RuleContext) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    min_share = fte(ctx.param("min_share"))
    ctx.param("exclude")
    specialty = Specialitet(ctx.param("specialty"))
    physicians = [
        (i, m) for i, m in _indexed(doc) if m.yrke is Yrke.lakare and m.st_specialitet is None
    ]
    missing = [
        f"$.personal[{i}].tjanstgoringsgrad" for i, m in physicians if m.tjanstgoringsgrad is None
    ]
    if missing:
        return indeterminate(*missing)
    total = sum((fte(m.tjanstgoringsgrad or 0) for _, m in physicians), Fraction(0))
    specialists = sum(
        (fte(m.tjanstgoringsgrad or 0) for _, m in physicians if specialty in m.specialiteter),
        Fraction(0),
    )
    if total == 0:
        return failed(
            "Ingen tjänstgöringsgrad för läkare (exklusive ST-läkare) är angiven.",
            "No physician service level (ST physicians excluded) is declared.",
            required=float(min_share),
            declared=None,
        )
    share = specialists / total
    values = {
        "required": float(min_share),
        "declared": round(float(share), 4),
        "specialist_fte": float(specialists),
        "total_fte": float(total),
    }
    text_sv = f"{fmt(float(specialists))} av {fmt(float(total))} läkartjänster (exklusive ST-läkare) är specialister i {specialty.value}"
    text_en = f"{fmt(float(specialists))} of {fmt(float(total))} physician FTE (ST physicians excluded) are specialists in {specialty.value}"
    if share >= min_share:
        return passed(
            f"{text_sv}: andel {fmt(float(share))}, minst {fmt(float(min_share))}.",
            f"{text_en}: share {fmt(float(share))}, at least {fmt(float(min_share))}.",
            **values,
        )
    return failed(
        f"{text_sv}: andel {fmt(float(share))}, under {fmt(float(min_share))}.",
        f"{text_en}: share {fmt(float(share))}, below {fmt(float(min_share))}.",
        **values,
    )


def _named_function(doc: Vardenhet, funktion: Funktion, minimum: int, sv: str, en: str) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    holders = [(i, m) for i, m in _indexed(doc) if funktion in m.funktioner]
    named = [m.id for _, m in holders if m.namn]
    unnamed = [f"$.personal[{i}].namn" for i, m in holders if not m.namn]
    values = {"required": minimum, "declared": len(named), "holders": sorted(named)}
    if len(named) >= minimum:
        return passed(
            f"{sv} finns och är namngiven: {join_ids(named)}.",
            f"{en} is appointed and named: {join_ids(named)}.",
            **values,
        )
    if unnamed:
        return indeterminate(
            *unnamed,
            sv=f"{sv} är angiven men namnet saknas ({', '.join(unnamed)}).",
            en=f"{en} is declared but the name is missing ({', '.join(unnamed)}).",
            **values,
        )
    return failed(
        f"Ingen namngiven {sv.lower()} är angiven.", f"No named {en.lower()} is declared.", **values
    )


@rules.implement("kalmar.halsoval.vardenhet.verksamhetschef")
def verksamhetschef(doc: Vardenhet, ctx: RuleContext) -> Finding:
    return _named_function(
        doc, Funktion.verksamhetschef, 1, "Verksamhetschef", "Head of operations"
    )


@rules.implement("kalmar.halsoval.vardenhet.vardsamordnare")
def vardsamordnare(doc: Vardenhet, ctx: RuleContext) -> Finding:
    return _named_function(
        doc,
        Funktion.vardsamordnare,
        int(ctx.param("min_count")),
        "Vårdsamordnare",
        "Care coordinator",
    )


@rules.implement("kalmar.halsoval.vardenhet.mal")
def mal(doc: Vardenhet, ctx: RuleContext) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    holders = [(i, m) for i, m in _indexed(doc) if Funktion.mal in m.funktioner]
    physicians = [m.id for _, m in holders if m.yrke is Yrke.lakare]
    if physicians:
        return passed(
            f"Medicinskt ledningsansvarig läkare (MAL): {join_ids(physicians)}.",
            f"Medically responsible physician (MAL): {join_ids(physicians)}.",
            holders=sorted(physicians),
        )
    unknown = [f"$.personal[{i}].yrke" for i, m in holders if m.yrke is None]
    if unknown:
        return indeterminate(*unknown)
    if holders:
        return failed(
            f"MAL-funktionen innehas av någon som inte är läkare: {join_ids(m.id for _, m in holders)}.",
            f"The MAL function is held by someone who is not a physician: {join_ids(m.id for _, m in holders)}.",
        )
    return failed(
        "Ingen medicinskt ledningsansvarig läkare (MAL) är angiven.",
        "No medically responsible physician (MAL) is declared.",
    )


@rules.implement("kalmar.halsoval.vardenhet.kompetensbrist")
def kompetensbrist(doc: Vardenhet, ctx: RuleContext) -> Finding:
    brist = doc.kompetensbrist
    if brist is None:
        return not_applicable(
            "Ingen kompetensbrist är angiven.", "No competence shortfall is declared."
        )
    months = int(ctx.param("months"))
    due = calendar.add_months(brist.uppstod, months)
    reported_sv = (
        f" Anmäld till regionen {brist.anmald.isoformat()}."
        if brist.anmald
        else " Ingen anmälan till regionen är registrerad."
    )
    reported_en = (
        f" Reported to the region {brist.anmald.isoformat()}."
        if brist.anmald
        else " No report to the region is recorded."
    )
    return deadline(
        due,
        brist.atergestalld,
        ctx.as_of,
        f"Kompetensen ska återställas senast {due.isoformat()} ({months} månad efter att bristen uppstod "
        f"{brist.uppstod.isoformat()}; räknat från den dagen). Nya vårdåtaganden får inte påbörjas under tiden.{reported_sv}",
        f"Competence must be restored by {due.isoformat()} ({months} month after the shortfall arose on "
        f"{brist.uppstod.isoformat()}; counted from that day). No new care commitments may start meanwhile.{reported_en}",
        arose=brist.uppstod,
        reported=brist.anmald,
    )


@rules.implement("kalmar.halsoval.vardenhet.fast_lakarkontakt_riktvarde")
def fast_lakarkontakt_riktvarde(doc: Vardenhet, ctx: RuleContext) -> Finding:
    target = int(ctx.param("inhabitants_per_specialist"))
    ctx.param("advisory")
    missing = []
    if doc.befolkning is None or doc.befolkning.listade is None:
        missing.append("$.befolkning.listade")
    if doc.personal is None:
        missing.append("$.personal")
    specialists = [
        (i, m)
        for i, m in _indexed(doc)
        if m.yrke is Yrke.lakare and Specialitet.allmanmedicin in m.specialiteter
    ]
    missing += [
        f"$.personal[{i}].tjanstgoringsgrad" for i, m in specialists if m.tjanstgoringsgrad is None
    ]
    if missing:
        return indeterminate(*missing)
    assert doc.befolkning is not None and doc.befolkning.listade is not None
    listed = doc.befolkning.listade
    total = sum((fte(m.tjanstgoringsgrad or 0) for _, m in specialists), Fraction(0))
    if total == 0:
        return warning(
            f"Riktvärde (vägledande): {listed} listade men ingen tjänstgöring som specialist i allmänmedicin angiven.",
            f"Advisory target: {listed} listed patients but no general-practice specialist service declared.",
            required=target,
            declared=None,
            listed=listed,
            specialist_fte=0.0,
        )
    ratio = listed / total
    values = {
        "required": target,
        "declared": round(float(ratio), 1),
        "listed": listed,
        "specialist_fte": float(total),
    }
    text_sv = f"{listed} listade per {fmt(float(total))} heltid specialist i allmänmedicin = {fmt(round(float(ratio), 1))} per specialist"
    text_en = f"{listed} listed patients per {fmt(float(total))} general-practice specialist FTE = {fmt(round(float(ratio), 1))} per specialist"
    if ratio > target:
        return warning(
            f"Vägledande riktvärde överskrids: {text_sv} (riktvärde {target}).",
            f"Advisory target exceeded: {text_en} (target {target}).",
            **values,
        )
    return passed(
        f"{text_sv}, inom riktvärdet {target} (vägledande).",
        f"{text_en}, within the advisory target {target}.",
        **values,
    )
