"""Duties at a care contact (vasterbotten.halsoval): rules of the further obligations read from the rulebook
(2.2.4 Barnhälsovård, 2.2.6 Vaccinationer, 2.2.7 Migranthälsa, 3.14 Patientavgift, 3.16 Tolkservice)."""

from __future__ import annotations

from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Tolkbehov, Tolkleverantor, Vaccin, Vardkontakt
from primarvard_sdk.domain.kontakt import Patientavgift, kronor
from primarvard_sdk.findings import (
    decision,
    failed,
    handed_over,
    indeterminate,
    not_applicable,
    passed,
)
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import AgeRange, When
from primarvard_vasterbotten.halsoval_common import joined, rules

__all__: list[str] = []


# --- 3.16 Tolkservice ---------------------------------------------------------------------------

#: The supplier whose interpreter the region pays for, per need: "språktolk ... av leverantör som
#: Regionen anvisar" and "teckenspråkstolk eller vuxendövtolk ... av Tolkcentralen i Umeå".
_REGION_PAYS = {Tolkbehov.sprak: Tolkleverantor.regionens_avtal, Tolkbehov.horsel: Tolkleverantor.tolkcentralen}


@rules.implement("vasterbotten.halsoval.vardkontakt.tolk")
def tolk(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    need = doc.tolk.behov if doc.tolk is not None else None
    if need is None:
        return indeterminate("$.tolk.behov")
    if need is Tolkbehov.inget:
        return not_applicable(
            "Patienten behöver ingen tolk.", "The patient needs no interpreter.", reason="no_interpreter_needed"
        )
    assert doc.tolk is not None
    kind_sv = "språktolk" if need is Tolkbehov.sprak else "teckenspråks- eller vuxendövtolk"
    kind_en = "a language interpreter" if need is Tolkbehov.sprak else "a sign-language or deafened-adult interpreter"
    if doc.tolk.ordnad is None:
        return indeterminate("$.tolk.ordnad", need=need.value)
    if not doc.tolk.ordnad:
        return failed(
            f"Patienten behöver {kind_sv} men ingen tolk tillhandahölls.",
            f"The patient needs {kind_en} but no interpreter was provided.",
            need=need.value,
        )
    supplier = doc.tolk.leverantor
    values: dict[str, Any] = {"need": need.value, "supplier": supplier.value if supplier else None}
    if supplier is None:
        cost = None
        cost_sv = " Leverantören är inte angiven, så kostnadsansvaret framgår inte."
        cost_en = " The supplier is not given, so who bears the cost is not known."
    elif supplier is _REGION_PAYS[need]:
        cost = "region"
        cost_sv, cost_en = " Region Västerbotten står för kostnaden.", " Region Västerbotten bears the cost."
    else:
        cost = "halsocentralen"
        cost_sv = (f" Tolken anlitades från {supplier.value}, inte den leverantör regionen anvisat: hälsocentralen "
                   "står själv för kostnaden.")
        cost_en = (f" The interpreter came from {supplier.value}, not the supplier the region appoints: the "
                   "hälsocentral bears the cost itself.")
    return passed(
        f"Patienten behöver {kind_sv}; tolk tillhandahölls.{cost_sv}",
        f"The patient needs {kind_en}; an interpreter was provided.{cost_en}",
        cost_borne_by=cost,
        **values,
    )


# --- 3.14 Patientavgift ---------------------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.vardkontakt.patientavgift")
def patientavgift(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    amounts = Patientavgift.amounts(doc.patientavgift)
    if isinstance(amounts, list):
        return indeterminate(*amounts)
    charged, decided = amounts
    values: dict[str, Any] = {"charged": float(charged), "decided": float(decided)}
    if charged == decided:
        return passed(
            f"Uttagen avgift {kronor(charged)} är den beslutade avgiften.",
            f"The fee charged, {kronor(charged, '.')}, is the decided fee.",
            **values,
        )
    if charged > decided:
        how_sv = "högre än den beslutade; hälsocentralen får inte ta ut en högre avgift än den som är beslutad"
        how_en = "higher than the decided fee; the hälsocentral may not charge a higher fee than the one decided"
    else:
        how_sv = "lägre än den beslutade"
        how_en = "lower than the decided fee"
    return failed(
        f"Uttagen avgift {kronor(charged)} är {how_sv} ({kronor(decided)}); hälsocentralen ska tillämpa de "
        "patientavgifter som Region Västerbotten beslutat.",
        f"The fee charged, {kronor(charged, '.')}, is {how_en} ({kronor(decided, '.')}); the hälsocentral is to "
        "apply the patient fees Region Västerbotten has decided.",
        **values,
    )


# --- 2.2.6 Vaccinationer: the general programmes -------------------------------------------------


@rules.implement("vasterbotten.halsoval.vardkontakt.vaccination_allmant_program")
def vaccination_allmant_program(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    if doc.vaccin is None:
        return indeterminate("$.vaccin")
    if doc.vaccin is not Vaccin.allmant_vaccinationsprogram:
        return not_applicable(
            f"Vaccinationen ({doc.vaccin.value}) ingår inte i ett allmänt vaccinationsprogram; influensa och "
            "pneumokocker för riskgrupper och 65 år och äldre bedöms av en annan regel.",
            f"The vaccination ({doc.vaccin.value}) is not part of a general vaccination programme; influenza and "
            "pneumococci for risk groups and those aged 65 and older are judged by another rule.",
            reason="other_vaccine",
        )
    declined = doc.vaccination.nekad_av_enheten if doc.vaccination is not None else None
    kind = {"contact": doc.typ.value} if doc.typ is not None else {}
    if declined is None:
        return indeterminate("$.vaccination.nekad_av_enheten", **kind)
    if declined:
        return failed(
            "Hälsocentralen nekade en vaccination som ingår i allmänna vaccinationsprogram; sådana vaccinationer "
            "ska hälsocentralen erbjuda och utföra.",
            "The hälsocentral declined a vaccination of a general vaccination programme; the hälsocentral is to "
            "offer and give such vaccinations.",
            **kind,
        )
    return decision(
        "accept",
        "Vaccination som ingår i allmänna vaccinationsprogram: hälsocentralen erbjuder och utför den.",
        "A vaccination of a general vaccination programme: the hälsocentral offers and gives it.",
        **kind,
    )


# --- 2.2.4 Barnhälsovård ---------------------------------------------------------------------------

#: Who the examinations are for: a health examination of the programme for a child 0–6 (the shared age
#: shape, not registered on its own: the rule goes on to read whether the unit received the child).
_BHV_AGES = AgeRange(
    "vasterbotten.halsoval.vardkontakt.bhv_halsoundersokningar",
    person="patient", on="kontakt", minimum="min_age", maximum="max_age",
    outside=(When("barnhalsovard.halsoundersokning", flag=False, known=True, reason="not_bhv_examination",
                  sv="Kontakten är ingen hälsoundersökning enligt Barnhälsovårdsprogrammet.",
                  en="The contact is not a health examination under the child health programme."),),
    sv="{age} år den {day}",
    en="Age {age} on {day}",
    otherwise="not_applicable",
    otherwise_sv="{age} år den {day}: Barnhälsovårdsprogrammets hälsoundersökningar hos hälsocentralen avser "
                 "åldrarna 0–6 år.",
    otherwise_en="Age {age} on {day}: the child health programme's examinations at the hälsocentral cover ages 0–6.",
)


@rules.implement("vasterbotten.halsoval.vardkontakt.bhv_halsoundersokningar")
def bhv_halsoundersokningar(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    aged = _BHV_AGES.evaluate(doc, ctx)
    if aged.values.get("decision") != "accept":
        return aged
    values = {"age": aged.values["age"], "reference_day": aged.values["reference_day"]}
    who_sv, who_en = aged.explanation.sv, aged.explanation.en
    received = doc.mottagande.mottagen if doc.mottagande is not None else None
    if received is None:
        return indeterminate("$.mottagande.mottagen", **values)
    if received:
        return decision(
            "accept",
            f"{who_sv}: hälsoundersökningen enligt Barnhälsovårdsprogrammet (0–6 år) genomförs av hälsocentralen; "
            "barnet togs emot.",
            f"{who_en}: the health examination of the child health programme (ages 0–6) is carried out by the "
            "hälsocentral; the child was received.",
            **values,
        )
    assert doc.mottagande is not None
    reason = doc.mottagande.skal.value if doc.mottagande.skal is not None else None
    because_sv = f" (skäl: {reason})" if reason else ""
    because_en = f" (reason: {reason})" if reason else ""
    return decision(
        "reject",
        f"{who_sv}: barnet nekades eller hänvisades bort från hälsoundersökningen{because_sv}; hälsocentralen "
        "ansvarar för att alla delar i Barnhälsovårdsprogrammets hälsoundersökningar för 0–6 år genomförs.",
        f"{who_en}: the child was refused the health examination or sent elsewhere{because_en}; the hälsocentral "
        "is responsible for carrying out every part of the programme's health examinations for ages 0–6.",
        reason=reason,
        **values,
    )


# --- 2.2.7 Migranthälsa ------------------------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.vardkontakt.migranthalsa")
def migranthalsa(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    placement = doc.migrantplacering
    placed = placement.placerad_av_migrationsverket if placement is not None else None
    if placed is None:
        return indeterminate("$.migrantplacering.placerad_av_migrationsverket")
    if not placed:
        return not_applicable(
            "Personen är inte placerad av Migrationsverket.", "The person is not placed by Migrationsverket.",
            reason="not_placed_by_migrationsverket",
        )
    assert placement is not None
    area = placement.nyckelkodsomrade
    missing = [p for p, v in (("$.migrantplacering.nyckelkodsomrade", area), ("$.kandidater", doc.kandidater))
               if v is None]
    if missing:
        return indeterminate(*missing)
    assert doc.kandidater is not None
    covering = sorted({k.enhet_id for k in doc.kandidater if area in (k.nyckelkodsomraden or ())})
    if len(covering) > 1:
        return indeterminate(
            "$.kandidater",
            sv=f"Kan inte avgöras: flera hälsocentraler ({joined(covering)}) anges för placeringens "
               "nyckelkodsområde ($.kandidater).",
            en=f"Cannot be decided: several hälsocentraler ({joined(covering)}) are given for the placement's "
               "nyckelkodsområde ($.kandidater).",
            candidates=covering,
        )
    unknown = [f"$.kandidater[{i}].nyckelkodsomraden" for i, k in enumerate(doc.kandidater)
               if k.nyckelkodsomraden is None]
    if unknown:
        return indeterminate(*unknown)
    if not covering:
        return indeterminate(
            "$.kandidater",
            sv="Kan inte avgöras: ingen hälsocentral anges för placeringens nyckelkodsområde ($.kandidater).",
            en="Cannot be decided: no hälsocentral is given for the placement's nyckelkodsområde ($.kandidater).",
        )
    unit = covering[0]
    if doc.enhet_id is None:
        return indeterminate("$.enhet_id", responsible=unit)
    sv = (f"Placerad av Migrationsverket inom {unit}s geografiska närområde: {unit} ansvarar för hälso- och "
          "sjukvård, hälsoundersökningar och vaccinationer.")
    en = (f"Placed by Migrationsverket within the geographic local area of {unit}: {unit} is responsible for care, "
          "health examinations and vaccinations.")
    if doc.enhet_id == unit:
        return decision("accept", sv, en, responsible=unit)
    # The text gives the person to the hälsocentral of the placement area: for another unit that is the
    # right course, not a failure of its own (2.7.4 still has it receive temporary and urgent needs).
    return handed_over(sv, en, route=unit, responsible=unit)
