"""Care-unit rules of vasterbotten.halsoval (3.1 Kompetens och bemanning, 3.9, 2.10, 2.12, 2.6.3)."""

from __future__ import annotations

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Funktion, Medarbetare, Specialitet, Uppdrag, Vardenhet, Yrke
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import fold, joined, rules


def _staff(unit: Vardenhet) -> tuple[tuple[int, Medarbetare], ...] | None:
    return None if unit.personal is None else tuple(enumerate(unit.personal))


@rules.implement("vasterbotten.halsoval.vardenhet.filial_ledning")
def filial_ledning(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.ar_filial is None:
        return indeterminate("$.ar_filial")
    if not unit.ar_filial:
        return not_applicable("Enheten är ingen filial.", "The unit is not a filial.")
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


def _majority(unit: Vardenhet, ctx: RuleContext, yrke: Yrke, spec: Specialitet,
              who: tuple[str, str], what: tuple[str, str]) -> Finding:
    staff = _staff(unit)
    if staff is None:
        return indeterminate("$.personal")
    unknown = [f"$.personal[{i}].yrke" for i, m in staff if m.yrke is None]
    if unknown:
        return indeterminate(*unknown)
    group = [m for _, m in staff if m.yrke is yrke]
    share_min: float = ctx.param("min_share_exclusive")
    ctx.param("basis")
    if not group:
        return not_applicable(
            f"Inga {who[0]} i den angivna personalen.", f"No {who[1]} in the declared staff."
        )
    qualified = sum(1 for m in group if spec in m.specialiteter)
    share = qualified / len(group)
    values = {"required": share_min, "declared": round(share, 4), "qualified": qualified, "total": len(group)}
    text_sv = (f"{qualified} av {len(group)} {who[0]} ({what[0]}) = {share:.0%}; mer än hälften krävs "
               "(räknat per person, exakt hälften räcker inte).")
    text_en = (f"{qualified} of {len(group)} {who[1]} ({what[1]}) = {share:.0%}; more than half is required "
               "(by head count, exactly half is not enough).")
    if share > share_min:
        return passed(text_sv, text_en, **values)
    return failed(text_sv, text_en, **values)


@rules.implement("vasterbotten.halsoval.vardenhet.allmanmedicin_majoritet")
def allmanmedicin_majoritet(unit: Vardenhet, ctx: RuleContext) -> Finding:
    return _majority(unit, ctx, Yrke.lakare, Specialitet.allmanmedicin,
                     ("läkare", "physicians"), ("specialister i allmänmedicin", "specialists in general practice"))


@rules.implement("vasterbotten.halsoval.vardenhet.distriktsskoterska_majoritet")
def distriktsskoterska_majoritet(unit: Vardenhet, ctx: RuleContext) -> Finding:
    return _majority(unit, ctx, Yrke.sjukskoterska, Specialitet.distriktsskoterska,
                     ("sjuksköterskor", "nurses"), ("distriktssköterskeutbildning", "district-nurse training"))


@rules.implement("vasterbotten.halsoval.vardenhet.bvc_mvc_kompetens")
def bvc_mvc_kompetens(unit: Vardenhet, ctx: RuleContext) -> Finding:
    staff = _staff(unit)
    if staff is None:
        return indeterminate("$.personal")
    bvc_ok = {Specialitet(s) for s in ctx.param("bvc_specialities")}
    mvc_areas = {Uppdrag(u) for u in ctx.param("mvc_uppdrag")}
    nursing = {Yrke.sjukskoterska, Yrke.barnmorska}
    concerned = [(i, m) for i, m in staff if Uppdrag.bvc in m.uppdrag or mvc_areas & set(m.uppdrag)]
    if not concerned:
        return not_applicable("Ingen personal arbetar på BVC eller MVC.", "No staff work in BVC or MVC.")
    unknown = [f"$.personal[{i}].yrke" for i, m in concerned if m.yrke is None]
    if unknown:
        return indeterminate(*unknown)
    bad: list[str] = []
    for _, m in concerned:
        if m.yrke not in nursing:
            continue
        if Uppdrag.bvc in m.uppdrag and m.yrke is Yrke.sjukskoterska and not bvc_ok & set(m.specialiteter):
            bad.append(f"{m.id} (BVC)")
        if mvc_areas & set(m.uppdrag) and m.yrke is not Yrke.barnmorska:
            bad.append(f"{m.id} (MVC)")
    if bad:
        return failed(
            f"Saknar föreskriven utbildning: {joined(bad)} (BVC: barnsjuksköterska eller distriktssköterska; "
            "MVC: barnmorska).",
            f"Lacking the prescribed training: {joined(bad)} (BVC: paediatric or district nurse; MVC: midwife).",
            staff_not_qualified=bad,
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
    required: tuple[str, ...] = ctx.param("required")
    declared = {fold(k) for k in unit.kompetenser}
    missing = [k for k in required if fold(k) not in declared]
    if missing:
        return failed(f"Kompetens saknas: {joined(missing)}.", f"Competence missing: {joined(missing)}.",
                      required=list(required), missing_competences=missing)
    return passed(f"Kompetenserna finns: {joined(required)}.", f"The competences are present: {joined(required)}.",
                  required=list(required), missing_competences=[])


@rules.implement("vasterbotten.halsoval.vardenhet.bemannade_funktioner")
def bemannade_funktioner(unit: Vardenhet, ctx: RuleContext) -> Finding:
    staff = _staff(unit)
    if staff is None:
        return indeterminate("$.personal")
    required = [Funktion(f) for f in ctx.param("required")]
    named = {Funktion(f) for f in ctx.param("named")}
    alternatives = {Funktion(k): {Specialitet(s) for s in v} for k, v in ctx.param("alternative_specialities").items()}
    missing: list[str] = []
    unnamed: list[str] = []
    for function in required:
        holders = [(i, m) for i, m in staff if function in m.funktioner
                   or alternatives.get(function, set()) & set(m.specialiteter)]
        if not holders:
            missing.append(function.value)
        elif function in named and not any(m.namn for _, m in holders):
            unnamed.extend(f"$.personal[{i}].namn" for i, _ in holders)
    if missing:
        return failed(f"Bemannad funktion saknas: {joined(missing)}.", f"Staffed function missing: {joined(missing)}.",
                      missing_functions=missing)
    if unnamed:
        return indeterminate(
            *unnamed,
            sv=f"Kan inte avgöras: funktionen ska vara namngiven men namn saknas ({joined(unnamed)}).",
            en=f"Cannot be decided: the function must be named but no name is given ({joined(unnamed)}).",
        )
    return passed("Alla bemannade funktioner finns.", "Every staffed function is present.", missing_functions=[])


@rules.implement("vasterbotten.halsoval.vardenhet.smittskydd_kontaktperson")
def smittskydd_kontaktperson(unit: Vardenhet, ctx: RuleContext) -> Finding:
    staff = _staff(unit)
    if staff is None:
        return indeterminate("$.personal")
    allowed = {Yrke(y) for y in ctx.param("professions")}
    holders = [(i, m) for i, m in staff if Funktion.smittskydd_kontaktperson in m.funktioner]
    if not holders:
        return failed("Ingen utsedd kontaktperson till smittskyddsläkaren.",
                      "No designated contact person towards the communicable-disease physician.")
    ok = [m.id for _, m in holders if m.yrke in allowed]
    if ok:
        return passed(f"Utsedd kontaktperson: {joined(sorted(ok))} (läkare eller sjuksköterska).",
                      f"Designated contact person: {joined(sorted(ok))} (physician or nurse).")
    unknown = [f"$.personal[{i}].yrke" for i, m in holders if m.yrke is None]
    if unknown:
        return indeterminate(*unknown)
    return failed("Kontaktpersonen är varken läkare eller sjuksköterska.",
                  "The contact person is neither a physician nor a nurse.")


@rules.implement("vasterbotten.halsoval.vardenhet.sjukvardsgrupp")
def sjukvardsgrupp(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.ort is None:
        return indeterminate("$.ort")
    localities: tuple[str, ...] = ctx.param("localities")
    if fold(unit.ort) not in {fold(x) for x in localities}:
        return not_applicable(f"{unit.ort} är inte en av de uppräknade orterna.", f"{unit.ort} is not one of the listed localities.")
    if unit.kan_bista_sjukvardsgrupp is None:
        return indeterminate("$.kan_bista_sjukvardsgrupp")
    if unit.kan_bista_sjukvardsgrupp:
        return passed(f"Enheten i {unit.ort} kan bistå med en sjukvårdsgrupp under öppettid.",
                      f"The unit in {unit.ort} can provide a medical team while open.")
    return failed(f"Enheten i {unit.ort} ska kunna bistå med en sjukvårdsgrupp under öppettid.",
                  f"The unit in {unit.ort} must be able to provide a medical team while open.")


def _register(name: str) -> str:
    folded = fold(name)
    return folded.removeprefix("nationella ").strip()


@rules.implement("vasterbotten.halsoval.vardenhet.kvalitetsregister")
def kvalitetsregister(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.kvalitetsregister is None:
        return indeterminate("$.kvalitetsregister")
    registers: tuple[str, ...] = ctx.param("registers")
    declared = {_register(r) for r in unit.kvalitetsregister}
    missing = [r for r in registers if _register(r) not in declared]
    if missing:
        return failed(f"Registrerar inte i: {joined(missing)}.", f"Does not report to: {joined(missing)}.",
                      missing_registers=missing)
    return passed(f"Registrerar i {joined(registers)}.", f"Reports to {joined(registers)}.", missing_registers=[])
