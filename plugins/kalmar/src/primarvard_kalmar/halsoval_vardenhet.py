"""kalmar.halsoval.vardenhet.* (and tillganglighet.radgivning): staff, functions, shares.

Staff records may leave fields out. A field left out is unknown, never "no": a staff member
whose profession is not reported may be a physician. Each rule decides only when every possible
value of the unknown fields gives the same outcome, and otherwise answers indeterminate naming
the fields that could change it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

from primarvard_kalmar.halsoval_common import fmt, join_ids, rules
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Funktion,
    Medarbetare,
    Samverkanstyp,
    Specialitet,
    Uppdrag,
    Utbildningstjanst,
    Vardenhet,
    Yrke,
)
from primarvard_sdk.editions import no_rulebook_in_force
from primarvard_sdk.findings import (
    deadline_outcome,
    failed,
    finding,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
    warning,
)
from primarvard_sdk.model import Finding, Outcome

__all__ = ["colocated_physicians", "fte"]

#: The largest service level a staff member may declare (the schema's maximum): the bound used
#: for an unknown service level when deciding whether any value could change the outcome.
MAX_FTE = Fraction(2)


def fte(value: float) -> Fraction:
    """A service level as an exact fraction (0.1 + 0.2 == 0.3), read from its decimal form."""
    return Fraction(str(value))


def _indexed(unit: Vardenhet, day: date) -> list[tuple[int, Medarbetare]]:
    """The staff in service on ``day`` (:meth:`Medarbetare.i_tjanst`), with their index in
    ``$.personal``: a member whose period at the unit has ended, or whose employment starts
    later, is not part of the unit's staff that day and counts for nothing."""
    return [(i, m) for i, m in enumerate(unit.personal or ()) if m.i_tjanst(day)]


def _paths(i: int, m: Medarbetare, *names: str) -> list[str]:
    """The JSON paths of the named fields of staff member ``i`` that are not reported."""
    return [f"$.personal[{i}].{n}" for n in names if getattr(m, n) is None]


def _maybe(value: bool | None) -> bool:
    """Could be true: true or unknown."""
    return value is not False


def _could_be_physician(m: Medarbetare) -> bool:
    return m.yrke is None or m.yrke is Yrke.lakare


def colocated_physicians(
    unit: Vardenhet, day: date
) -> tuple[list[str], list[tuple[int, Medarbetare]]]:
    """Ids of staff in service on ``day`` known to be co-located physicians, and the staff who
    could be one but are not known to be (profession or co-location not reported).

    "minst två samlokaliserade läkare" counts persons: the staff id is unique within the unit, so
    one id given on two records (two periods, two roles) is one physician, counted once."""
    known = list(dict.fromkeys(m.id for _, m in _indexed(unit, day) if m.yrke is Yrke.lakare and m.samlokaliserad))
    possible = [
        (i, m)
        for i, m in _indexed(unit, day)
        if _could_be_physician(m)
        and _maybe(m.samlokaliserad)
        and not (m.yrke is Yrke.lakare and m.samlokaliserad)
        and m.id not in known
    ]
    return known, possible


def _formal_partners(unit: Vardenhet, kind: Samverkanstyp, day: date) -> tuple[list[str], list[str]]:
    """Partners of a formalised collaboration with another unit in force on ``day``, and the JSON
    paths of what is not reported about agreements with another party that could be one (the
    kind, or the first day of a formalised one). An agreement that has ended before ``day``, or
    starts after it, is not a collaboration the unit has that day."""
    agreements = [
        (i, a)
        for i, a in enumerate(unit.samverkansavtal or ())
        if a.part != unit.id and a.i_kraft(day) is not False
    ]
    partners = sorted(a.part for _, a in agreements if a.typ is kind and a.i_kraft(day))
    unknown = [f"$.samverkansavtal[{i}].typ" for i, a in agreements if a.typ is None] + [
        f"$.samverkansavtal[{i}].giltig_fran"
        for i, a in agreements
        if a.typ in (None, kind) and a.i_kraft(day) is None
    ]
    return partners, sorted(unknown, key=lambda p: (int(p.split("[")[1].split("]")[0]), p))


def _exception(unit: Vardenhet, ctx: RuleContext) -> tuple[bool | None, list[str], dict[str, Any]]:
    """Whether the sparse-population exception holds: fewer inhabitants within 1.0 mil than the
    limit (strictly) and a formalised collaboration with another unit. ``None`` with the missing
    paths when that cannot be known."""
    limit = int(ctx.param("exception_max_inhabitants"))
    kind = Samverkanstyp(ctx.param("collaboration_type"))
    inhabitants = unit.invanare_inom_1_mil
    values: dict[str, Any] = {"inhabitants": inhabitants, "limit": limit, "partners": []}
    if inhabitants is not None and inhabitants >= limit:
        return False, [], values
    if unit.samverkansavtal is None:
        collaboration, collaboration_missing = None, ["$.samverkansavtal"]
    else:
        partners, unknown = _formal_partners(unit, kind, ctx.day)
        values["partners"] = partners
        collaboration = True if partners else (None if unknown else False)
        collaboration_missing = [] if partners else unknown
    if collaboration is False:
        return False, [], values
    if inhabitants is None:
        return None, ["$.invanare_inom_1_mil", *collaboration_missing], values
    return collaboration, collaboration_missing, values


@rules.implement("kalmar.halsoval.tillganglighet.radgivning")
def radgivning(doc: Vardenhet, ctx: RuleContext) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    minimum = str(ctx.param("min_competence"))
    qualifying = {Yrke(y) for y in ctx.param("qualifying_professions")}

    def below(m: Medarbetare) -> bool | None:
        """Below licensed nurse competence: true, false, or None when not known."""
        if m.yrke is not None and m.yrke not in qualifying:
            return True
        if m.legitimerad is False:
            return True
        if m.yrke is None or m.legitimerad is None:
            return None
        return False

    staff = _indexed(doc, ctx.day)
    advisers = [(i, m) for i, m in staff if m.uppdrag is not None and Uppdrag.radgivning in m.uppdrag]
    unknown_role = [(i, m) for i, m in staff if m.uppdrag is None]
    failing = [m.id for _, m in advisers if below(m)]
    values: dict[str, Any] = {
        "advisers": sorted(m.id for _, m in advisers),
        "below_minimum": sorted(failing),
    }
    if failing:
        return failed(
            f"Rådgivning ges av personal under lägst {minimum}kompetens (legitimerad): {join_ids(failing)}.",
            f"Advice is given by staff below licensed {minimum} competence: {join_ids(failing)}.",
            **values,
        )
    missing = [p for i, m in advisers if below(m) is None for p in _paths(i, m, "yrke", "legitimerad")]
    # A staff member whose work areas are not reported may be an adviser: that matters when no
    # adviser is known, or when the person might be below the minimum.
    for i, m in unknown_role:
        if not advisers or below(m) is not False:
            missing += _paths(i, m, "uppdrag")
            if below(m) is None:
                missing += _paths(i, m, "yrke", "legitimerad")
    if missing:
        return indeterminate(*missing, **values)
    if not advisers:
        # The sentence says who gives the advice, not whether the work areas list it: a unit
        # that declares no adviser has not said who gives its advice (the duty exists at every
        # unit), which is missing input, not a failure.
        paths = [f"$.personal[{i}].uppdrag" for i, _ in staff] or ["$.personal"]
        return indeterminate(
            *paths,
            sv="Kan inte avgöras: ingen medarbetare i tjänst är redovisad med uppdraget rådgivning "
            f"({', '.join(paths[:3])}); vem som ger rådgivningen (lägst {minimum}kompetens) framgår inte.",
            en="Cannot be decided: no staff member in service is declared as giving advice "
            f"({', '.join(paths[:3])}); who gives the advice (at least {minimum} competence) is not known.",
            **values,
        )
    return passed(
        f"Rådgivningen ges av legitimerad personal med lägst {minimum}kompetens ({len(advisers)} st).",
        f"Advice is given by licensed staff with at least {minimum} competence ({len(advisers)}).",
        **values,
    )


@rules.implement("kalmar.halsoval.vardenhet.samlokaliserade_lakare")
def samlokaliserade_lakare(doc: Vardenhet, ctx: RuleContext) -> Finding:
    needed = int(ctx.param("min_colocated_physicians"))
    radius = ctx.param("exception_radius_km")
    colocated, possible = colocated_physicians(doc, ctx.day) if doc.personal is not None else ([], [])
    values: dict[str, Any] = {"required": needed, "declared": len(colocated)}
    if len(colocated) >= needed:
        return passed(
            f"{len(colocated)} samlokaliserade läkare (minst {needed}).",
            f"{len(colocated)} co-located physicians (at least {needed}).",
            **values,
        )
    holds, exception_missing, exception_values = _exception(doc, ctx)
    limit = exception_values["limit"]
    inhabitants = exception_values["inhabitants"]
    if holds:
        partners = exception_values["partners"]
        return passed(
            f"{len(colocated)} samlokaliserade läkare, men undantaget gäller: {inhabitants} invånare "
            f"inom {fmt(radius / 10)} mil (under {limit}) och formaliserat samarbete med {join_ids(partners)}.",
            f"{len(colocated)} co-located physicians, but the exception applies: {inhabitants} inhabitants "
            f"within {fmt(radius)} km (below {limit}) and a formalised collaboration with {join_ids(partners)}.",
            exception=True,
            **values,
        )
    staff_missing = (
        ["$.personal"]
        if doc.personal is None
        else [p for i, m in possible for p in _paths(i, m, "yrke", "samlokaliserad")]
        if len(colocated) + len({m.id for _, m in possible}) >= needed
        else []
    )
    if staff_missing or exception_missing:
        return indeterminate(*staff_missing, *exception_missing, **values)
    reason_sv = (
        f"{inhabitants} invånare inom {fmt(radius / 10)} mil är inte färre än {limit}"
        if inhabitants is not None and inhabitants >= limit
        else "formaliserat samarbete med annan vårdenhet saknas"
    )
    reason_en = (
        f"{inhabitants} inhabitants within {fmt(radius)} km is not fewer than {limit}"
        if inhabitants is not None and inhabitants >= limit
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
    limit = int(ctx.param("exception_max_inhabitants"))
    kind = Samverkanstyp(ctx.param("collaboration_type"))
    if doc.invanare_inom_1_mil is None:
        return indeterminate("$.invanare_inom_1_mil")
    inhabitants = doc.invanare_inom_1_mil
    values: dict[str, Any] = {"inhabitants": inhabitants, "limit": limit}
    if inhabitants >= limit:
        return not_applicable(
            f"{inhabitants} invånare inom {fmt(radius / 10)} mil understiger inte {limit}: undantaget "
            "gäller inte enheten.",
            f"{inhabitants} inhabitants within {fmt(radius)} km is not below {limit}: the exception does "
            "not apply to the unit.",
            **values,
        )
    if doc.samverkansavtal is None:
        return indeterminate("$.samverkansavtal", **values)
    partners, unknown = _formal_partners(doc, kind, ctx.day)
    if partners:
        return passed(
            f"{inhabitants} invånare inom {fmt(radius / 10)} mil (under {limit}): formaliserat samarbete "
            f"med {join_ids(partners)}.",
            f"{inhabitants} inhabitants within {fmt(radius)} km (below {limit}): a formalised "
            f"collaboration with {join_ids(partners)}.",
            partners=partners,
            **values,
        )
    if unknown:
        return indeterminate(*unknown, partners=[], **values)
    return failed(
        f"{inhabitants} invånare inom {fmt(radius / 10)} mil (under {limit}), men formaliserat samarbete "
        "med annan vårdenhet saknas.",
        f"{inhabitants} inhabitants within {fmt(radius)} km (below {limit}), but no formalised "
        "collaboration with another unit is declared.",
        partners=[],
        **values,
    )


@attrs.frozen
class _Candidate:
    """A staff member who is or may be a physician counted by a share rule, with what is known."""

    certain: bool  #: known to be a physician (otherwise the profession is not reported)
    low: Fraction  #: lowest possible service level (the declared one, or 0 when not reported)
    high: Fraction  #: highest possible service level (the declared one, or the maximum)
    counted: bool | None  #: the specialties count (None: specialties not reported)
    missing: tuple[str, ...]  #: the JSON paths of the unreported fields


def _candidates(
    staff: Iterable[tuple[int, Medarbetare]],
    counts: Callable[[Medarbetare], bool | None],
    excluded: Callable[[Medarbetare], bool],
) -> list[_Candidate]:
    """Staff who are or may be physicians and are not left out, with the bounds of their FTE."""
    out = []
    for i, m in staff:
        if not _could_be_physician(m) or excluded(m):
            continue
        known = m.tjanstgoringsgrad is not None
        out.append(
            _Candidate(
                certain=m.yrke is Yrke.lakare,
                low=fte(m.tjanstgoringsgrad) if known else Fraction(0),  # type: ignore[arg-type]
                high=fte(m.tjanstgoringsgrad) if known else MAX_FTE,  # type: ignore[arg-type]
                counted=counts(m),
                missing=tuple(_paths(i, m, "yrke", "specialiteter", "tjanstgoringsgrad")),
            )
        )
    return out


def _share_outcome(people: list[_Candidate], min_share: Fraction) -> bool | None:
    """Whether counted FTE / all FTE >= ``min_share`` (with some FTE at all) for every possible
    value of the unreported fields (True), for none (False), or depends on them (None)."""
    # The margin counted - min_share * total in the worst and the best case: an unknown person is
    # a non-specialist physician at full time in the worst case, a specialist at full time in the
    # best; one who may not be a physician adds nothing where that is worse (or better).
    worst = best = total_best = Fraction(0)
    for p in people:
        if p.counted is not True:
            worst -= min_share * p.high
        elif p.certain:
            worst += (1 - min_share) * p.low
        if p.counted is not False:
            best += (1 - min_share) * p.high
            total_best += p.high
        elif p.certain:
            best -= min_share * p.low
            total_best += p.low
    always_some = sum((p.low for p in people if p.certain), Fraction(0)) > 0
    if worst >= 0 and always_some:
        return True
    if best < 0 or total_best == 0:
        return False
    return None


@rules.implement("kalmar.halsoval.vardenhet.andel_allmanmedicin")
def andel_allmanmedicin(doc: Vardenhet, ctx: RuleContext) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    min_share = fte(ctx.param("min_share"))
    if str(ctx.param("exclude")) != "st_lakare":
        raise ValueError("andel_allmanmedicin: only st_lakare can be excluded")
    specialty = Specialitet(ctx.param("specialty"))
    people = _candidates(
        _indexed(doc, ctx.day),
        lambda m: None if m.specialiteter is None else specialty in m.specialiteter,
        # ST physicians are left out of both sides: an ST specialty, or an ST training post
        lambda m: m.st_specialitet is not None or m.utbildningstjanst is Utbildningstjanst.st,
    )
    base: dict[str, Any] = {"required": float(min_share)}
    missing = [path for p in people for path in p.missing]
    if missing:
        decided = _share_outcome(people, min_share)
        if decided is None:
            return indeterminate(*missing, declared=None, **base)
        word_sv, word_en = ("minst", "at least") if decided else ("under", "below")
        return finding(
            Outcome.passed if decided else Outcome.fail,
            f"Oavsett de uppgifter som saknas ({', '.join(missing)}) är andelen av läkarnas samlade "
            f"tjänstgöringsgrad (exklusive ST-läkare) som utgörs av specialister i {specialty.value} "
            f"{word_sv} {fmt(float(min_share))}.",
            f"Whatever the missing inputs ({', '.join(missing)}) are, the share of the physicians' total "
            f"service level (ST physicians excluded) made up of specialists in {specialty.value} is "
            f"{word_en} {fmt(float(min_share))}.",
            declared=None,
            **base,
        )
    total = sum((p.low for p in people), Fraction(0))
    specialists = sum((p.low for p in people if p.counted), Fraction(0))
    if total == 0:
        return failed(
            "Ingen tjänstgöringsgrad för läkare (exklusive ST-läkare) är angiven.",
            "No physician service level (ST physicians excluded) is declared.",
            declared=None,
            specialist_fte=0.0,
            total_fte=0.0,
            **base,
        )
    share = specialists / total
    values = {
        **base,
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


def has_name(m: Medarbetare) -> bool | None:
    """Whether a staff member is named: ``None`` when the name is not reported; a blank or
    whitespace-only name is reported and names nobody ("namngiven" needs a name)."""
    if m.namn is None:
        return None
    return bool(m.namn.strip())


def _named_function(
    doc: Vardenhet, day: date, funktion: Funktion, minimum: int, sv: str, en: str
) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    staff = _indexed(doc, day)
    holders = [(i, m) for i, m in staff if m.funktioner is not None and funktion in m.funktioner]
    named = [m.id for _, m in holders if has_name(m)]
    blank = sorted(m.id for _, m in holders if has_name(m) is False)
    values: dict[str, Any] = {
        "required": minimum, "declared": len(named), "holders": sorted(named), "unnamed_holders": blank,
    }
    if len(named) >= minimum:
        return passed(
            f"{sv} finns och är namngiven: {join_ids(named)}.",
            f"{en} is appointed and named: {join_ids(named)}.",
            **values,
        )
    # Holders whose name is not reported, and staff whose functions are not reported, might
    # make up the number; a holder with a blank name is not named.
    unnamed = [f"$.personal[{i}].namn" for i, m in holders if has_name(m) is None]
    unknown = [f"$.personal[{i}].funktioner" for i, m in staff if m.funktioner is None]
    if unnamed or unknown:
        return indeterminate(*unnamed, *unknown, **values)
    blank_sv = f" (utan namn: {join_ids(blank)})" if blank else ""
    blank_en = f" (without a name: {join_ids(blank)})" if blank else ""
    return failed(
        f"Ingen namngiven {sv.lower()} är angiven{blank_sv}.",
        f"No named {en.lower()} is declared{blank_en}.",
        **values,
    )


@rules.implement("kalmar.halsoval.vardenhet.verksamhetschef")
def verksamhetschef(doc: Vardenhet, ctx: RuleContext) -> Finding:
    return _named_function(
        doc, ctx.day, Funktion.verksamhetschef, 1, "Verksamhetschef", "Head of operations"
    )


@rules.implement("kalmar.halsoval.vardenhet.vardsamordnare")
def vardsamordnare(doc: Vardenhet, ctx: RuleContext) -> Finding:
    return _named_function(
        doc,
        ctx.day,
        Funktion.vardsamordnare,
        int(ctx.param("min_count")),
        "Vårdsamordnare",
        "Care coordinator",
    )


@rules.implement("kalmar.halsoval.vardenhet.mal")
def mal(doc: Vardenhet, ctx: RuleContext) -> Finding:
    if doc.personal is None:
        return indeterminate("$.personal")
    staff = _indexed(doc, ctx.day)
    holders = [(i, m) for i, m in staff if m.funktioner is not None and Funktion.mal in m.funktioner]
    physicians = [m.id for _, m in holders if m.yrke is Yrke.lakare]
    if physicians:
        return passed(
            f"Medicinskt ledningsansvarig läkare (MAL): {join_ids(physicians)}.",
            f"Medically responsible physician (MAL): {join_ids(physicians)}.",
            holders=sorted(physicians),
        )
    unknown = [f"$.personal[{i}].yrke" for i, m in holders if m.yrke is None] + [
        p for i, m in staff if m.funktioner is None and _could_be_physician(m) for p in _paths(i, m, "funktioner", "yrke")
    ]
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
            "Ingen tillfällig kompetensbrist är angiven.",
            "No temporary competence shortfall is declared.",
            reason="no_shortfall_declared",
        )
    # The shortfall is governed by the edition in force on the day it arose; a shortfall that
    # arose outside every edition is not governed by this text.
    if ctx.edition_on(brist.uppstod) is None:
        return no_rulebook_in_force(brist.uppstod)
    months = int(ctx.param("months", on=brist.uppstod))
    due = calendar.add_months(brist.uppstod, months)
    if brist.atergestalld is not None and brist.atergestalld < brist.uppstod:
        # Restored before the shortfall arose cannot be right (it is no restoration in time).
        return inconsistent("$.kompetensbrist.atergestalld", "$.kompetensbrist.uppstod", due=due,
                            arose=brist.uppstod)
    restored = deadline_outcome(due, brist.atergestalld, ctx.as_of)
    reported = deadline_outcome(due, brist.anmald, ctx.as_of)
    outcome = Outcome.missed if Outcome.missed in (restored, reported) else (
        Outcome.open if Outcome.open in (restored, reported) else Outcome.met
    )
    parts_sv = [
        f"anmälan till regionen: {'gjord ' + brist.anmald.isoformat() if brist.anmald else 'ingen registrerad'}",
        f"återställd: {brist.atergestalld.isoformat() if brist.atergestalld else 'inte registrerat'}",
    ]
    parts_en = [
        f"report to the region: {'made ' + brist.anmald.isoformat() if brist.anmald else 'none recorded'}",
        f"restored: {brist.atergestalld.isoformat() if brist.atergestalld else 'not recorded'}",
    ]
    return finding(
        outcome,
        f"Bristen som uppstod {brist.uppstod.isoformat()} ska anmälas till Region Kalmar län och kompetensen "
        f"återställas senast {due.isoformat()} ({months} månad); {'; '.join(parts_sv)}. "
        "Nya vårdåtaganden får inte påbörjas under tiden.",
        f"The shortfall that arose on {brist.uppstod.isoformat()} is to be reported to Region Kalmar län and "
        f"competence restored by {due.isoformat()} ({months} month); {'; '.join(parts_en)}. "
        "No new care commitments may start meanwhile.",
        due=due,
        actual=brist.atergestalld,
        arose=brist.uppstod,
        reported=brist.anmald,
        restoration=restored,
        report=reported,
    )


@rules.implement("kalmar.halsoval.vardenhet.fast_lakarkontakt_riktvarde")
def fast_lakarkontakt_riktvarde(doc: Vardenhet, ctx: RuleContext) -> Finding:
    target = int(ctx.param("inhabitants_per_specialist"))
    advisory = bool(ctx.param("advisory"))
    specialties = {Specialitet(s) for s in ctx.param("specialties")}
    over = warning if advisory else failed
    missing = []
    if doc.befolkning is None or doc.befolkning.listade is None:
        missing.append("$.befolkning.listade")
    if doc.personal is None:
        missing.append("$.personal")
    if missing:
        return indeterminate(*missing)
    assert doc.befolkning is not None and doc.befolkning.listade is not None
    listed = doc.befolkning.listade

    people = _candidates(
        _indexed(doc, ctx.day),
        lambda m: None if m.specialiteter is None else bool(specialties & set(m.specialiteter)),
        lambda m: False,
    )
    low = sum((p.low for p in people if p.certain and p.counted), Fraction(0))
    high = sum((p.high for p in people if p.counted is not False), Fraction(0))
    unknown = [path for p in people for path in p.missing]
    total = low
    # With fields missing, the target is met whatever they are when it holds for the lowest
    # possible specialist FTE, and exceeded whatever they are when it fails for the highest.
    if unknown and listed > target * high:
        return over(
            f"Vägledande riktvärde överskrids oavsett de uppgifter som saknas ({', '.join(unknown)}): "
            f"{listed} listade är fler än {target} per specialist även med {fmt(float(high))} heltid.",
            f"Advisory target exceeded whatever the missing inputs ({', '.join(unknown)}) are: "
            f"{listed} listed patients are more than {target} per specialist even with {fmt(float(high))} FTE.",
            required=target,
            declared=None,
            listed=listed,
        )
    if unknown and not (listed <= target * low and (low > 0 or listed == 0)):
        return indeterminate(*unknown, required=target, listed=listed)
    names = ", ".join(sorted(s.value for s in specialties))
    if total == 0:
        if listed == 0:
            return passed(
                "Inga listade patienter; riktvärdet överskrids inte (vägledande).",
                "No listed patients; the advisory target is not exceeded.",
                required=target,
                declared=None,
                listed=listed,
                specialist_fte=0.0,
            )
        return over(
            f"Riktvärde (vägledande): {listed} listade men ingen tjänstgöring som specialist ({names}) angiven.",
            f"Advisory target: {listed} listed patients but no specialist service ({names}) declared.",
            required=target,
            declared=None,
            listed=listed,
            specialist_fte=0.0,
        )
    ratio = Fraction(listed) / total
    values = {
        "required": target,
        "declared": round(float(ratio), 1),
        "listed": listed,
        "specialist_fte": float(total),
    }
    text_sv = f"{listed} listade per {fmt(float(total))} heltid specialist ({names}) = {fmt(round(float(ratio), 1))} per specialist"
    text_en = f"{listed} listed patients per {fmt(float(total))} specialist FTE ({names}) = {fmt(round(float(ratio), 1))} per specialist"
    if ratio > target:
        return over(
            f"Vägledande riktvärde överskrids: {text_sv} (riktvärde {target}).",
            f"Advisory target exceeded: {text_en} (target {target}).",
            **values,
        )
    return passed(
        f"{text_sv}, inom riktvärdet {target} (vägledande).",
        f"{text_en}, within the advisory target {target}.",
        **values,
    )
