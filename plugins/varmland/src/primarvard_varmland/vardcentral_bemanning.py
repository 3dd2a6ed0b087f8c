"""varmland.vardcentral: staffing ratios, further training, quality registers, advice (Vardenhet)."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction
from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Medarbetare, Uppdrag, Vardenhet
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed, warning
from primarvard_sdk.model import Finding
from primarvard_varmland.vardcentral_common import codes, exact, fmt_exact, rules, staff_in


def _ratio(
    unit: Vardenhet,
    ctx: RuleContext,
    *,
    basis_field: str,
    hours_field: str,
    per_param: str,
    sv: str,
    en: str,
    note_sv: str = "",
    note_en: str = "",
    target: bool = False,
) -> Finding:
    """Required physician hours a week = hours_per_week × basis / per (pro rata), vs declared. Below it
    fails, or, for a ``target`` (a goal the text sets, "Målet är"), is a warning."""
    hours = exact(ctx.param("hours_per_week"))
    per = exact(ctx.param(per_param))
    basis = getattr(unit.befolkning, basis_field) if unit.befolkning is not None else None
    declared = getattr(unit.lakartid, hours_field) if unit.lakartid is not None else None
    missing = []
    if basis is None:
        missing.append(f"$.befolkning.{basis_field}")
    if declared is None:
        missing.append(f"$.lakartid.{hours_field}")
    if basis is None:
        return indeterminate(*missing)
    required = hours * basis / per
    values: dict[str, Any] = {"required": round(float(required), 4), "basis": basis, "unit": "hours_per_week"}
    # exact figures in the text (no rounding the rulebook does not state): 9.59 is not shown as 9.6
    calc = f"{fmt_exact(hours)} × {basis}/{fmt_exact(per)} = {fmt_exact(required)}"
    if declared is None:
        return indeterminate(*missing, **values)
    values["declared"] = declared
    if exact(declared) >= required:
        return passed(
            f"Läkartid {sv}: {fmt_exact(declared)} h/vecka, krav {calc} h/vecka.{note_sv}",
            f"Physician time {en}: {fmt_exact(declared)} h/week, required {calc} h/week.{note_en}",
            **values,
        )
    if target:
        return warning(
            f"Läkartid {sv}: {fmt_exact(declared)} h/vecka, under målet {calc} h/vecka.{note_sv}",
            f"Physician time {en}: {fmt_exact(declared)} h/week, below the target {calc} h/week.{note_en}",
            **values,
        )
    return failed(
        f"Läkartid {sv}: {fmt_exact(declared)} h/vecka, under kravet {calc} h/vecka.{note_sv}",
        f"Physician time {en}: {fmt_exact(declared)} h/week, below the required {calc} h/week.{note_en}",
        **values,
    )


@rules.implement("varmland.vardcentral.vardenhet.bvc_lakartid")
def bvc_lakartid(unit: Vardenhet, ctx: RuleContext) -> Finding:
    return _ratio(
        unit, ctx, basis_field="inskrivna_barn_0_1", hours_field="bvc", per_param="per_children_0_1",
        sv="BVC (inskrivna barn 0–1 år)", en="child health care (enrolled children aged 0–1)",
    )


@rules.implement("varmland.vardcentral.vardenhet.bmm_lakartid")
def bmm_lakartid(unit: Vardenhet, ctx: RuleContext) -> Finding:
    return _ratio(
        unit, ctx, basis_field="inskrivna_gravida", hours_field="bmm", per_param="per_pregnant",
        sv="BMM (inskrivna gravida)", en="basic maternity care (enrolled pregnant women)",
    )


@rules.implement("varmland.vardcentral.vardenhet.sabo_lakartid")
def sabo_lakartid(unit: Vardenhet, ctx: RuleContext) -> Finding:
    return _ratio(
        unit, ctx, basis_field="sabo_boende", hours_field="sabo", per_param="per_residents",
        sv="SÄBO (boende)", en="special housing (residents)",
        note_sv=" Texten anger ett mål (\"Målet är att … minst 1 timme för 10 boende per vecka\"): under målet är en "
        "varning, inte ett underkännande; behovet styr om mer tid behövs.",
        note_en=" The text sets a target (\"Målet är att … minst 1 timme för 10 boende per vecka\"): below it is a "
        "warning, not a failure; need decides when more time is required.",
        target=True,
    )


def _served(member: Medarbetare, first: date, last: date) -> bool:
    """Whether the member was in service at the unit (:meth:`Medarbetare.i_tjanst`) on some day of
    ``first``..``last``: the period at the unit (``verksam``) and the employment start bound it."""
    start = max(d for d in (first, member.anstallning_start, member.verksam.fran if member.verksam else None)
                if d is not None)
    ends = [d for d in (last, member.verksam.till if member.verksam else None) if d is not None]
    return start <= min(ends)


@rules.implement("varmland.vardcentral.vardenhet.fortbildning")
def fortbildning(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    share = exact(ctx.param("min_share"))
    year_end = date(ctx.day.year, 12, 31)
    year_over = ctx.day >= year_end
    required: dict[str, int] = {}
    declared: dict[str, int] = {}
    below: list[str] = []
    missing: list[str] = []
    year_start = date(ctx.day.year, 1, 1)
    not_in_service: list[str] = []
    impossible: list[str] = []
    for i, m in enumerate(unit.personal):
        if not _served(m, year_start, ctx.day):
            # not at the unit on any day of the year so far: the year's meetings are not theirs to attend
            not_in_service.append(m.id)
            continue
        if m.fortbildning_erbjudna is None or m.fortbildning_deltagna is None:
            missing += [f"$.personal[{i}].{f}" for f in ("fortbildning_erbjudna", "fortbildning_deltagna")
                        if getattr(m, f) is None]
            continue
        if m.fortbildning_deltagna > m.fortbildning_erbjudna:
            # more meetings attended than offered cannot be right: the share is not judged on it
            impossible.append(f"$.personal[{i}].fortbildning_deltagna")
            continue
        if m.fortbildning_erbjudna == 0:
            continue
        required[m.id] = math.ceil(share * m.fortbildning_erbjudna)
        declared[m.id] = m.fortbildning_deltagna
        if Fraction(m.fortbildning_deltagna) < share * m.fortbildning_erbjudna:
            below.append(m.id)
    values: dict[str, Any] = {"required": required, "declared": declared, "min_share": float(share),
                              "year": ctx.day.year, "year_over": year_over, "not_in_service": sorted(not_in_service)}
    if below:
        detail = ", ".join(f"{mid} {declared[mid]}/{required[mid]}" for mid in sorted(below))
        if not year_over:
            return warning(
                f"Hittills under hälften av årets fortbildningsträffar: {detail} (deltagna/krav). Kravet gäller "
                f"årligen och året {ctx.day.year} är inte slut ({ctx.day.isoformat()}): ännu inte underkänt; avgörs "
                f"{year_end.isoformat()}.",
                f"So far below half of the year's further-training meetings: {detail} (attended/required). The duty "
                f"is yearly and {ctx.day.year} has not ended ({ctx.day.isoformat()}): not failed yet; decided on "
                f"{year_end.isoformat()}.",
                below=sorted(below),
                **values,
            )
        return failed(
            f"Deltog i färre än hälften av årets fortbildningsträffar {ctx.day.year}: {detail} (deltagna/krav).",
            f"Attended fewer than half of the further-training meetings of {ctx.day.year}: {detail} (attended/required).",
            below=sorted(below),
            **values,
        )
    if impossible:
        return indeterminate(
            *missing, *impossible,
            sv="Kan inte avgöras: fler deltagna än erbjudna fortbildningsträffar ("
            + ", ".join(impossible) + "); uppgiften kan inte stämma."
            + (f" Dessutom saknas: {', '.join(missing)}." if missing else ""),
            en="Cannot be decided: more further-training meetings attended than offered ("
            + ", ".join(impossible) + "); the record cannot be right."
            + (f" Also missing: {', '.join(missing)}." if missing else ""),
            inconsistent=impossible,
            **values,
        )
    if missing:
        return indeterminate(*missing, **values)
    if not required:
        return not_applicable(
            "Inga fortbildningsträffar erbjudna i år för någon medarbetare.",
            "No further-training meetings were offered this year to any staff member.",
        )
    return passed(
        f"Alla {len(required)} medarbetare med erbjudna träffar deltar i minst hälften.",
        f"All {len(required)} staff offered meetings attend at least half of them.",
        **values,
    )


@rules.implement("varmland.vardcentral.vardenhet.kvalitetsregister")
def kvalitetsregister(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.kvalitetsregister is None:
        return indeterminate("$.kvalitetsregister")
    wanted = [str(r) for r in ctx.param("registers")]
    have = set(codes(unit.kvalitetsregister))
    lacking = [r for r in wanted if r not in have]
    names = {"ndr": "Nationella diabetesregistret (NDR)", "svedem": "Svenska demensregistret (SveDem)",
             "luftvagsregistret": "Luftvägsregistret"}
    shown = ", ".join(names.get(r, r) for r in lacking)
    if lacking:
        return failed(
            f"Deltar inte i: {shown}.",
            f"Does not take part in: {shown}.",
            lacking=lacking,
        )
    every = ", ".join(names.get(r, r) for r in wanted)
    return passed(f"Deltar i {every}.", f"Takes part in {every}.", registers=wanted)


@rules.implement("varmland.vardcentral.tillganglighet.radgivning")
def radgivning(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    lowest = str(ctx.param("min_competence"))
    accepted = {str(code) for code in ctx.param("accepted_professions")}
    staff, unknown = staff_in(unit, Uppdrag.radgivning, ctx.day)
    if not staff and not unknown:
        return not_applicable(
            "Ingen medarbetare är angiven för hälso- och sjukvårdsrådgivning.",
            "No staff member is declared for health-care advice.",
        )
    failing: list[str] = []
    missing: list[str] = list(unknown)
    for i, m in staff:
        if m.yrke is None:
            missing.append(f"$.personal[{i}].yrke")
        elif m.yrke.value not in accepted or m.legitimerad is False:
            failing.append(m.id)
        elif m.legitimerad is None:
            missing.append(f"$.personal[{i}].legitimerad")
    checked = sorted(m.id for _, m in staff)
    if failing:
        return failed(
            f"Lägre än sjuksköterskekompetens i rådgivningen: {', '.join(sorted(failing))}.",
            f"Below nurse competence in health-care advice: {', '.join(sorted(failing))}.",
            failing=sorted(failing),
            checked=checked,
            lowest=lowest,
        )
    if missing:
        return indeterminate(*missing, checked=checked)
    return passed(
        f"Alla {len(staff)} i rådgivningen har lägst sjuksköterskekompetens (legitimerad sjuksköterska, barnmorska eller läkare).",
        f"All {len(staff)} staff giving advice have at least nurse competence (licensed nurse, midwife or physician).",
        checked=checked,
        lowest=lowest,
    )
