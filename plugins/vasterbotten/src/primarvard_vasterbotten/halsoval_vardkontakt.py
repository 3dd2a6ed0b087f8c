"""Care-contact rules of vasterbotten.halsoval (2.7.4, 2.3.6, 2.2.6)."""

from __future__ import annotations

from datetime import date
from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kontakttyp, Vardkontakt, Vistelsestatus, fold, local_day
from primarvard_sdk.findings import decision, indeterminate, not_applicable, warning
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import AgeRange, When
from primarvard_vasterbotten.halsoval_common import iso, rules


@rules.implement("vasterbotten.halsoval.vardkontakt.ej_listade")
def ej_listade(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    if kontakt.listad_vid_enheten is None:
        return indeterminate("$.listad_vid_enheten")
    if kontakt.listad_vid_enheten:
        return not_applicable(
            "Patienten är listad vid enheten; regeln gäller personer som inte är listade.",
            "The patient is listed at the unit; the rule is about persons who are not listed.",
            reason="listed_at_unit",
        )
    if kontakt.tillfalligt_behov or kontakt.kan_ej_vanta:
        return decision(
            "accept",
            "Ej listad: vårdbehov av tillfällig karaktär eller som behöver omedelbar åtgärd tas emot.",
            "Not listed: a temporary care need or one needing immediate action is received.",
            terms="tillfalligt_eller_omedelbart",
        )
    patient = kontakt.patient
    if patient is None:
        return indeterminate("$.patient")
    if patient.skyddade_personuppgifter:
        return decision(
            "accept",
            "Person med skyddad identitet: tas emot på samma villkor som listade.",
            "Person with protected identity: received on the same terms as listed patients.",
            terms="som_listade",
        )
    status = patient.vistelsestatus
    if status in (Vistelsestatus.asylsokande, Vistelsestatus.papperslos):
        return decision(
            "accept",
            "Asylsökande och tillståndslösa erbjuds vård på lika villkor som bosatta.",
            "Asylum seekers and undocumented persons are offered care on equal terms with residents.",
            terms="som_bosatta",
        )
    if status in (Vistelsestatus.eu_ees, Vistelsestatus.utlandsk):
        return decision(
            "accept",
            "Folkbokförd i annat land eller tillfälligt vistande från EU/EES: nödvändig vård ges.",
            "Registered in another country or visiting from the EU/EEA: necessary care is given.",
            terms="nodvandig_vard",
        )
    # A lasting need: before saying the unit may direct the person elsewhere, everything that would
    # give the person a right to be received here must be known.
    missing = []
    if patient.skyddade_personuppgifter is None:
        missing.append("$.patient.skyddade_personuppgifter")
    if status is None and patient.folkbokford_i_sverige is not True:
        missing.append("$.patient.vistelsestatus")
    if kontakt.tillfalligt_behov is None:
        missing.append("$.tillfalligt_behov")
    if kontakt.kan_ej_vanta is None:
        missing.append("$.kan_ej_vanta")
    if missing:
        return indeterminate(*missing)
    return warning(
        "Ej listad och behovet är varken tillfälligt eller omedelbart: hälsocentralen kan anvisa till "
        "patientens valda hälsocentral eller erbjuda listning.",
        "Not listed and the need is neither temporary nor immediate: the hälsocentral may direct the "
        "patient to their chosen hälsocentral or offer listing.",
        options=["anvisa_vald_halsocentral", "erbjuda_listning"],
    )


def _contact_day(kontakt: Vardkontakt, ctx: RuleContext, field: str) -> tuple[date, str, str]:
    """The governing day (the local day of ``field``), with how the explanation names it."""
    moment = getattr(kontakt, field)
    day = local_day(moment) if moment is not None else ctx.day
    if field == "sokte":
        return day, f"den {iso(day)} (då vård söktes)", f"on {iso(day)} (when care was sought)"
    return day, f"den {iso(day)} (vaccinationsdagen)", f"on {iso(day)} (the vaccination day)"


rules.shape(AgeRange(
    "vasterbotten.halsoval.vardkontakt.hemsjukvard_barn",
    person="patient", on="sokte", minimum="min_age", maximum="max_age",
    outside=(When("typ", (Kontakttyp.hemsjukvard,), not_in=True, known=True, reason="not_hemsjukvard",
                  sv="Ingen hemsjukvård.", en="Not home health care."),),
    sv="{age} år den {day} (då vård söktes): hälsocentralen ger hemsjukvård för personer 0–17 år.",
    en="Age {age} on {day} (when care was sought): the hälsocentral provides home health care for persons aged 0–17.",
    otherwise="reject",
    otherwise_sv="{age} år den {day} (då vård söktes): hälsocentralens hemsjukvårdsuppdrag gäller 0–17 år.",
    otherwise_en="Age {age} on {day} (when care was sought): the hälsocentral's home-care assignment covers ages 0–17.",
))


def _vaccine(kontakt: Vardkontakt) -> Any:
    """The vaccine of the contact (``Vardkontakt.vaccin``; absent until the core has the field)."""
    return getattr(kontakt, "vaccin", None)


def _code(value: Any) -> str:
    return fold(str(getattr(value, "value", value)))


@rules.implement("vasterbotten.halsoval.vardkontakt.vaccination_65")
def vaccination_65(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    if kontakt.typ is None:
        return indeterminate("$.typ")
    if kontakt.typ is not Kontakttyp.vaccination:
        return not_applicable(
            f"Ingen vaccination ({kontakt.typ.value}).", f"Not a vaccination ({kontakt.typ.value}).",
            reason="not_vaccination",
        )
    vaccine = _vaccine(kontakt)
    if vaccine is None:
        return indeterminate(
            "$.vaccin",
            sv="Kan inte avgöras: det är inte angivet vilket vaccin kontakten gäller ($.vaccin); regeln gäller "
            "bara vaccination mot influensa och pneumokocker.",
            en="Cannot be decided: the vaccine of the contact is not given ($.vaccin); the rule covers only "
            "influenza and pneumococcal vaccination.",
        )
    within = {_code(v) for v in ctx.param("vaccines")}
    if _code(vaccine) not in within:
        return not_applicable(
            f"Vaccinationen ({_code(vaccine)}) är inte mot influensa eller pneumokocker; vaccinationer i "
            "allmänna vaccinationsprogram är ett annat åtagande.",
            f"The vaccination ({_code(vaccine)}) is not against influenza or pneumococci; general-programme "
            "vaccinations are a separate duty.",
            reason="other_vaccine",
        )
    if kontakt.patient is None:
        return indeterminate("$.patient")
    day, on_sv, on_en = _contact_day(kontakt, ctx, "kontakt")
    age = kontakt.patient.age_on(day)
    min_age = ctx.param("min_age")
    if age is not None and age >= min_age:
        return decision(
            "accept",
            f"{age} år {on_sv}: influensa- och pneumokockvaccination erbjuds från {min_age} år.",
            f"Age {age} {on_en}: influenza and pneumococcal vaccination is offered from {min_age}.",
            age=age,
        )
    if kontakt.riskgrupp:
        return decision(
            "accept",
            "Patienten tillhör en riskgrupp: vaccination mot influensa och pneumokocker erbjuds oavsett ålder.",
            "The patient belongs to a risk group: influenza and pneumococcal vaccination is offered at any age.",
            age=age,
        )
    missing = [p for p, v in (("$.patient.fodelsedatum", age), ("$.riskgrupp", kontakt.riskgrupp)) if v is None]
    if missing:
        return indeterminate(*missing, age=age)
    return decision(
        "reject",
        f"{age} år {on_sv} och ingen riskgrupp: omfattas inte (från {min_age} år eller riskgrupp).",
        f"Age {age} {on_en} and no risk group: not covered (from {min_age} or a risk group).",
        age=age,
    )
