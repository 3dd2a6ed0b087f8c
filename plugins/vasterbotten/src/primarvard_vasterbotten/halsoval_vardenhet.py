"""Care-unit rules of vasterbotten.halsoval (3.1 Kompetens och bemanning, 3.9, 2.10, 2.12, 2.6.3)."""

from __future__ import annotations

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Funktion,
    Kompetens,
    Kvalitetsregister,
    Medarbetare,
    Specialitet,
    Uppdrag,
    Vardenhet,
    Yrke,
    ascii_fold,
    fold,
    label,
    lookup,
    meets_level,
)
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import joined, rules, staff_dates_checked


def _staff(unit: Vardenhet, ctx: RuleContext) -> tuple[tuple[int, Medarbetare], ...] | None:
    """The staff in service at the unit on the day judged (:meth:`Medarbetare.i_tjanst`), with their
    indexes in ``$.personal``: "de verksamma läkarna", "sjuksköterskorna som är verksamma", a function
    the unit "ska ha" are about the people working there that day, not those who left or have not
    yet started."""
    if unit.personal is None:
        return None
    return tuple((i, m) for i, m in enumerate(unit.personal) if m.i_tjanst(ctx.day))


@rules.implement("vasterbotten.halsoval.vardenhet.filial_ledning")
def filial_ledning(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.ar_filial is None:
        return indeterminate("$.ar_filial")
    if not unit.ar_filial:
        return not_applicable("Enheten är ingen filial.", "The unit is not a filial.", reason="not_filial")
    f = unit.filial
    if f is None:
        return indeterminate("$.filial")
    problems_sv: list[str] = []
    problems_en: list[str] = []
    if f.samma_verksamhetschef is False:
        problems_sv.append("annan verksamhetschef än huvudmottagningen")
        problems_en.append("a head of operations other than the main clinic's")
    if f.samma_organisation is False:
        problems_sv.append("drivs inte av huvudmottagningens organisation")
        problems_en.append("not run by the main clinic's organisation")
    if f.underleverantor is True:
        problems_sv.append("drivs av underentreprenör")
        problems_en.append("run by a subcontractor")
    if problems_sv:
        return failed("Filialen: " + "; ".join(problems_sv) + ".", "The filial: " + "; ".join(problems_en) + ".")
    missing = [
        f"$.filial.{name}"
        for name, value in (
            ("huvudmottagning_id", f.huvudmottagning_id),
            ("samma_verksamhetschef", f.samma_verksamhetschef),
            ("samma_organisation", f.samma_organisation),
            ("underleverantor", f.underleverantor),
        )
        if value is None
    ]
    if missing:
        return indeterminate(*missing)
    return passed(
        f"Filialen är knuten till huvudmottagningen {f.huvudmottagning_id}, har samma verksamhetschef "
        "och drivs av samma organisation utan underentreprenör.",
        f"The filial is tied to the main clinic {f.huvudmottagning_id}, has the same head of operations "
        "and is run by the same organisation without a subcontractor.",
    )


def _counted_twice(staff: tuple[tuple[int, Medarbetare], ...]) -> Finding | None:
    """A share counts persons ("de verksamma läkarna"): a staff id ("unique within the unit") listed
    more than once among those in service would count one person twice and move the share either
    way, so the result is ``indeterminate`` naming each such entry, never a share of records."""
    ids = [m.id for _, m in staff]
    twice = sorted({x for x in ids if ids.count(x) > 1})
    if not twice:
        return None
    paths = [f"$.personal[{i}].id" for i, m in staff if m.id in twice]
    return indeterminate(
        *paths,
        sv=f"Kan inte avgöras: samma medarbetare ({joined(twice)}) förekommer flera gånger bland de verksamma "
           f"({joined(paths)}); andelen räknas per person.",
        en=f"Cannot be decided: the same staff member ({joined(twice)}) occurs more than once among those in "
           f"service ({joined(paths)}); the share counts persons.",
        duplicate_staff=twice,
    )


def _majority(unit: Vardenhet, ctx: RuleContext, yrke: Yrke, spec: Specialitet,
              who_sv: str, who_en: str, what_sv: str, what_en: str) -> Finding:
    staff = _staff(unit, ctx)
    if staff is None:
        return indeterminate("$.personal")
    if (twice := _counted_twice(staff)) is not None:
        return twice
    unknown = [f"$.personal[{i}].yrke" for i, m in staff if m.yrke is None]
    group = [(i, m) for i, m in staff if m.yrke is yrke]
    unknown += [f"$.personal[{i}].specialiteter" for i, m in group if m.specialiteter is None]
    if unknown:
        return indeterminate(*sorted(unknown, key=lambda p: (int(p.split("[")[1].split("]")[0]), p)))
    share_min: float = ctx.param("min_share_exclusive")
    basis: str = ctx.param("basis")
    if not group:
        return not_applicable(
            f"Inga {who_sv} i den angivna personalen.", f"No {who_en} in the declared staff.",
            reason="no_staff_of_profession",
        )
    qualified = sum(1 for _, m in group if spec in (m.specialiteter or ()))
    share = qualified / len(group)
    values = {"required": share_min, "declared": round(share, 4), "qualified": qualified, "total": len(group),
              "basis": basis}
    text_sv = (f"{qualified} av {len(group)} {who_sv} ({what_sv}) = {share:.0%}; mer än hälften krävs "
               "(räknat per person, exakt hälften räcker inte).")
    text_en = (f"{qualified} of {len(group)} {who_en} ({what_en}) = {share:.0%}; more than half is required "
               "(by head count, exactly half is not enough).")
    if share > share_min:
        return passed(text_sv, text_en, **values)
    return failed(text_sv, text_en, **values)


@rules.implement("vasterbotten.halsoval.vardenhet.allmanmedicin_majoritet")
@staff_dates_checked
def allmanmedicin_majoritet(unit: Vardenhet, ctx: RuleContext) -> Finding:
    return _majority(unit, ctx, Yrke.lakare, Specialitet.allmanmedicin,
                     "läkare", "physicians", "specialister i allmänmedicin", "specialists in general practice")


@rules.implement("vasterbotten.halsoval.vardenhet.distriktsskoterska_majoritet")
@staff_dates_checked
def distriktsskoterska_majoritet(unit: Vardenhet, ctx: RuleContext) -> Finding:
    return _majority(unit, ctx, Yrke.sjukskoterska, Specialitet.distriktsskoterska,
                     "sjuksköterskor", "nurses", "distriktssköterskeutbildning", "district-nurse training")


@rules.implement("vasterbotten.halsoval.vardenhet.bvc_mvc_kompetens")
@staff_dates_checked
def bvc_mvc_kompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    staff = _staff(unit, ctx)
    if staff is None:
        return indeterminate("$.personal")
    bvc_ok = {Specialitet(s) for s in ctx.param("bvc_specialities")}
    mvc_areas = {Uppdrag(u) for u in ctx.param("mvc_uppdrag")}
    nursing = {Yrke.sjukskoterska, Yrke.barnmorska}
    unknown: list[str] = []
    bad: list[str] = []
    concerned = 0
    for i, m in staff:
        if m.uppdrag is None:
            if m.yrke is None or m.yrke in nursing:  # could be a nurse in BVC or MVC
                unknown.append(f"$.personal[{i}].uppdrag")
            continue
        bvc = Uppdrag.bvc in m.uppdrag
        mvc = bool(mvc_areas & set(m.uppdrag))
        if not (bvc or mvc):
            continue
        concerned += 1
        if m.yrke is None:
            unknown.append(f"$.personal[{i}].yrke")
            continue
        if m.yrke not in nursing:
            continue
        if bvc and m.yrke is Yrke.sjukskoterska:
            if m.specialiteter is None:
                unknown.append(f"$.personal[{i}].specialiteter")
            elif not bvc_ok & set(m.specialiteter):
                bad.append(f"{m.id} (BVC)")
        if mvc and m.yrke is not Yrke.barnmorska:
            bad.append(f"{m.id} (MVC)")
    if bad:
        return failed(
            f"Saknar föreskriven utbildning: {joined(bad)} (BVC: barnsjuksköterska eller distriktssköterska; "
            "MVC: barnmorska).",
            f"Lacking the prescribed training: {joined(bad)} (BVC: paediatric or district nurse; MVC: midwife).",
            staff_not_qualified=bad,
        )
    if unknown:
        return indeterminate(*unknown)
    if not concerned:
        return not_applicable(
            "Ingen personal arbetar på BVC eller MVC.", "No staff work in BVC or MVC.",
            reason="no_bvc_mvc_staff",
        )
    return passed(
        "Sjuksköterskorna på BVC är barnsjuksköterskor eller distriktssköterskor; på MVC arbetar barnmorskor.",
        "The BVC nurses are paediatric or district nurses; MVC is staffed by midwives.",
        staff_not_qualified=[],
    )


@rules.implement("vasterbotten.halsoval.vardenhet.kompetenser")
def kompetenser(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.kompetenser is None:
        return indeterminate("$.kompetenser")
    required = [Kompetens(k) for k in ctx.param("required")]
    missing = [k for k in required if not any(meets_level(have, k) for have in unit.kompetenser)]
    names = [k.value for k in required]
    if missing:
        return failed(
            f"Kompetens saknas: {joined(label(k) for k in missing)} (lägst den nivån).",
            f"Competence missing: {joined(k.value for k in missing)} (at least that level).",
            required=names, missing_competences=[k.value for k in missing],
        )
    return passed(
        f"Kompetenserna finns: {joined(label(k) for k in required)} (psykoterapi lägst steg 1).",
        f"The competences are present: {joined(names)} (psychotherapy at least steg 1).",
        required=names, missing_competences=[],
    )


@rules.implement("vasterbotten.halsoval.vardenhet.bemannade_funktioner")
@staff_dates_checked
def bemannade_funktioner(unit: Vardenhet, ctx: RuleContext) -> Finding:
    staff = _staff(unit, ctx)
    if staff is None:
        return indeterminate("$.personal")
    required = [Funktion(f) for f in ctx.param("required")]
    named = {Funktion(f) for f in ctx.param("named")}
    professions = {Funktion(k): Yrke(v) for k, v in ctx.param("professions").items()}
    alternatives = {Funktion(k): {Specialitet(s) for s in v} for k, v in ctx.param("alternative_specialities").items()}
    missing: list[str] = []
    unknown: list[str] = []
    for function in required:
        alt = alternatives.get(function, set())
        holders: list[tuple[int, Medarbetare]] = []
        maybe: list[str] = []
        profession = professions.get(function)
        for i, m in staff:
            holds = m.funktioner is not None and function in m.funktioner
            by_specialty = bool(alt) and m.specialiteter is not None and bool(alt & set(m.specialiteter))
            if holds or by_specialty:
                holders.append((i, m))
            elif profession is None or m.yrke in (None, profession):  # could hold it
                if m.funktioner is None:
                    maybe.append(f"$.personal[{i}].funktioner")
                if alt and m.specialiteter is None:
                    maybe.append(f"$.personal[{i}].specialiteter")
        qualified = False
        for i, m in holders:
            gaps = []
            if profession is not None and m.yrke is not profession:
                if m.yrke is not None:
                    continue  # e.g. a nurse holding the physician's function does not count
                gaps.append(f"$.personal[{i}].yrke")
            if function in named:
                if m.namn is None:
                    gaps.append(f"$.personal[{i}].namn")
                elif not m.namn.strip():
                    continue  # reported without a name: not named
            if not gaps:
                qualified = True
                break
            maybe.extend(gaps)
        if qualified:
            continue
        if maybe:
            unknown.extend(maybe)
        else:
            missing.append(function.value)
    if missing:
        return failed(
            f"Bemannad funktion saknas: {joined(missing)}.",
            f"Staffed function missing: {joined(missing)}.",
            missing_functions=missing,
        )
    if unknown:
        shown = sorted(set(unknown), key=lambda p: (int(p.split("[")[1].split("]")[0]), p))
        return indeterminate(
            *shown,
            sv=f"Kan inte avgöras: uppgift saknas om möjliga innehavare av en bemannad funktion ({joined(shown)}).",
            en=f"Cannot be decided: possible holders of a staffed function are not fully reported ({joined(shown)}).",
        )
    return passed("Alla bemannade funktioner finns.", "Every staffed function is present.", missing_functions=[])


@rules.implement("vasterbotten.halsoval.vardenhet.smittskydd_kontaktperson")
@staff_dates_checked
def smittskydd_kontaktperson(unit: Vardenhet, ctx: RuleContext) -> Finding:
    staff = _staff(unit, ctx)
    if staff is None:
        return indeterminate("$.personal")
    allowed = {Yrke(y) for y in ctx.param("professions")}
    holders = [(i, m) for i, m in staff if m.funktioner is not None and Funktion.smittskydd_kontaktperson in m.funktioner]
    ok = sorted(m.id for _, m in holders if m.yrke in allowed)
    if ok:
        return passed(f"Utsedd kontaktperson: {joined(ok)} (läkare eller sjuksköterska).",
                      f"Designated contact person: {joined(ok)} (physician or nurse).")
    unknown = [f"$.personal[{i}].yrke" for i, m in holders if m.yrke is None]
    unknown += [f"$.personal[{i}].funktioner" for i, m in staff if m.funktioner is None and m.yrke in allowed | {None}]
    if unknown:
        return indeterminate(*sorted(set(unknown), key=lambda p: (int(p.split("[")[1].split("]")[0]), p)))
    if holders:
        return failed("Kontaktpersonen är varken läkare eller sjuksköterska.",
                      "The contact person is neither a physician nor a nurse.")
    return failed("Ingen utsedd kontaktperson till smittskyddsläkaren.",
                  "No designated contact person towards the communicable-disease physician.")


@rules.implement("vasterbotten.halsoval.vardenhet.sjukvardsgrupp")
def sjukvardsgrupp(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.ort is None:
        return indeterminate("$.ort")
    localities: tuple[str, ...] = ctx.param("localities")
    place = next((x for x in localities if fold(x) == fold(unit.ort)), None)
    if place is None:
        place = next((x for x in localities if ascii_fold(x) == ascii_fold(unit.ort)), None)
    if place is None:
        return not_applicable(
            "Enhetens ort är inte en av de uppräknade orterna.",
            "The unit's locality is not one of the listed localities.",
            reason="locality_not_listed",
        )
    if unit.kan_bista_sjukvardsgrupp is None:
        return indeterminate("$.kan_bista_sjukvardsgrupp", locality=place)
    if unit.kan_bista_sjukvardsgrupp:
        return passed(f"Enheten i {place} kan bistå med en sjukvårdsgrupp under öppettid.",
                      f"The unit in {place} can provide a medical team while open.", locality=place)
    return failed(f"Enheten i {place} ska kunna bistå med en sjukvårdsgrupp under öppettid.",
                  f"The unit in {place} must be able to provide a medical team while open.", locality=place)


def _register(name: str) -> Kvalitetsregister:
    code = lookup(Kvalitetsregister, name)
    if code is None:  # the data names a register outside the code list
        raise ValueError(f"vardenhet.kvalitetsregister: {name!r} is not a quality-register code or name")
    return code


@rules.implement("vasterbotten.halsoval.vardenhet.kvalitetsregister")
def kvalitetsregister(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.kvalitetsregister is None:
        return indeterminate("$.kvalitetsregister")
    registers = [_register(name) for name in ctx.param("registers")]
    declared = set(unit.kvalitetsregister)
    missing = [r for r in registers if r not in declared]
    if missing:
        return failed(
            f"Registrerar inte i: {joined(label(r) for r in missing)}.",
            f"Does not report to: {joined(r.value for r in missing)}.",
            missing_registers=[r.value for r in missing],
        )
    return passed(
        f"Registrerar i {joined(label(r) for r in registers)}.",
        f"Reports to {joined(r.value for r in registers)}.",
        missing_registers=[],
    )
