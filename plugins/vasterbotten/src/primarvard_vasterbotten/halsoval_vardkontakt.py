"""Care-contact rules of vasterbotten.halsoval (2.7.4, 2.3.6, 2.2.6)."""

from __future__ import annotations

from datetime import date
from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Kontakttyp, Vaccin, Vardkontakt, Vistelsestatus, local_day
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


#: How "65-åringar och äldre ... enligt ... årlig vaccinationskampanj" counts age (parameter age_basis).
CAMPAIGN_YEAR = "campaign_year"  #: the age reached during the calendar year of the vaccination day
VACCINATION_DAY = "vaccination_day"  #: full years on the vaccination day


@rules.implement("vasterbotten.halsoval.vardkontakt.vaccination_65")
def vaccination_65(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    if kontakt.typ is None:
        return indeterminate("$.typ")
    if kontakt.typ is not Kontakttyp.vaccination:
        return not_applicable(
            f"Ingen vaccination ({kontakt.typ.value}).", f"Not a vaccination ({kontakt.typ.value}).",
            reason="not_vaccination",
        )
    vaccine = kontakt.vaccin
    if vaccine is None:
        return indeterminate(
            "$.vaccin",
            sv="Kan inte avgöras: det är inte angivet vilket vaccin kontakten gäller ($.vaccin); regeln gäller "
            "bara vaccination mot influensa och pneumokocker.",
            en="Cannot be decided: the vaccine of the contact is not given ($.vaccin); the rule covers only "
            "influenza and pneumococcal vaccination.",
        )
    if vaccine not in {Vaccin(v) for v in ctx.param("vaccines")}:
        return not_applicable(
            f"Vaccinationen ({vaccine.value}) är inte mot influensa eller pneumokocker; vaccinationer i "
            "allmänna vaccinationsprogram är ett annat åtagande.",
            f"The vaccination ({vaccine.value}) is not against influenza or pneumococci; general-programme "
            "vaccinations are a separate duty.",
            reason="other_vaccine",
        )
    if kontakt.patient is None:
        return indeterminate("$.patient")
    day, on_sv, on_en = _contact_day(kontakt, ctx, "kontakt")
    min_age: int = ctx.param("min_age")
    basis: str = ctx.param("age_basis")
    if basis not in (CAMPAIGN_YEAR, VACCINATION_DAY):
        raise ValueError(f"age_basis {basis!r}: expected {CAMPAIGN_YEAR} or {VACCINATION_DAY}")
    age = kontakt.patient.age_on(day)
    values: dict[str, Any] = {"age": age}
    if basis == CAMPAIGN_YEAR:
        year_end = date(day.year, 12, 31)
        counted = kontakt.patient.age_on(year_end)
        values.update(campaign_year=day.year, age_in_campaign_year=counted)
        how_sv = f"fyller {counted} år under kampanjåret {day.year} ({age} år {on_sv})"
        how_en = f"turns {counted} during the campaign year {day.year} (age {age} {on_en})"
        rule_sv, rule_en = f"den som fyller {min_age} år under kampanjåret", f"whoever turns {min_age} in the campaign year"
    else:
        counted = age
        how_sv, how_en = f"{age} år {on_sv}", f"age {age} {on_en}"
        rule_sv, rule_en = f"från {min_age} år", f"from age {min_age}"
    if counted is not None and counted >= min_age:
        return decision(
            "accept",
            f"Patienten {how_sv}: influensa- och pneumokockvaccination erbjuds 65-åringar och äldre ({rule_sv}).",
            f"The patient {how_en}: influenza and pneumococcal vaccination is offered to those aged 65 and older "
            f"({rule_en}).",
            **values,
        )
    if kontakt.riskgrupp:
        return decision(
            "accept",
            "Patienten tillhör en riskgrupp: vaccination mot influensa och pneumokocker erbjuds oavsett ålder.",
            "The patient belongs to a risk group: influenza and pneumococcal vaccination is offered at any age.",
            **values,
        )
    missing = [p for p, v in (("$.patient.fodelsedatum", counted), ("$.riskgrupp", kontakt.riskgrupp)) if v is None]
    if missing:
        return indeterminate(*missing, **values)
    return decision(
        "reject",
        f"Patienten {how_sv} och tillhör ingen riskgrupp: omfattas inte ({rule_sv}, eller riskgrupp).",
        f"The patient {how_en} and is in no risk group: not covered ({rule_en}, or a risk group).",
        **values,
    )
