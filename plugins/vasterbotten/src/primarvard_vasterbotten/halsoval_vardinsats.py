"""Care given: deaths, sampling, home care, on-call and coordinated plans (vasterbotten.halsoval): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Insats, Laboratorium, Ordinator, Sip, Vardkontakt, local_day
from primarvard_sdk.findings import decision, failed, indeterminate, not_applicable, passed, warning
from primarvard_sdk.items import any_true
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact, When
from primarvard_vasterbotten.halsoval_common import rules

__all__: list[str] = []


# --- 2.7.3 (laboratory sampling ordered by others) --------------------------------------------

_PUBLIC_ORDERERS = (Ordinator.regiondriven_enhet, Ordinator.annan_offentligt_finansierad)


@rules.implement("vasterbotten.halsoval.vardkontakt.provtagning_annan_vardgivare")
def provtagning_annan_vardgivare(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    scoped = kontakt.other_insats((Insats.provtagning,), "provtagning", "sampling")
    if scoped is not None:
        return scoped
    if kontakt.listad_vid_enheten is None:
        return indeterminate("$.listad_vid_enheten")
    if not kontakt.listad_vid_enheten:
        return not_applicable("Patienten är inte listad vid hälsocentralen.", "The patient is not listed at the "
                              "hälsocentral.", reason="not_listed")
    orderer = kontakt.provtagning.ordinerad_av if kontakt.provtagning else None
    if orderer is None:
        return indeterminate("$.provtagning.ordinerad_av")
    if orderer not in _PUBLIC_ORDERERS:
        return not_applicable(
            f"Provet är inte ordinerat av annan vårdenhet eller vårdgivare med offentlig finansiering ({orderer.value}).",
            f"The sample was not ordered by another publicly funded care unit or provider ({orderer.value}).",
            reason="not_public_other_orderer",
        )
    return kontakt.received("Laboratorieprovtagning för egen listad, ordinerad av annan offentligt finansierad "
                            "vårdgivare", "Laboratory sampling for an own listed patient ordered by another publicly funded "
                            "provider", orderer=orderer.value)


# --- 2.3.2 Psykisk ohälsa ------------------------------------------------------------------

rules.shape(Declared(
    "vasterbotten.halsoval.vardkontakt.suicidriskbedomning",
    facts=(Fact("suicidrisk.klinisk_bedomning", sv="en klinisk suicidriskbedömning inom primärvården",
                en="a clinical suicide-risk assessment within primary care"),),
    outside=(When("suicidrisk.misstanke", flag=False, known=True, reason="no_suspicion",
                  sv="Ingen misstanke om suicidrisk.", en="No suspected suicide risk."),),
    sv="Vid misstanke om suicidrisk gjordes en klinisk suicidriskbedömning inom primärvården.",
    en="With suspected suicide risk, a clinical suicide-risk assessment was made within primary care.",
))


# --- 2.3.4 Hembesök ------------------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.vardkontakt.hembesok_lakare")
def hembesok_lakare(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    scoped = kontakt.other_insats((Insats.lakarhembesok,), "hembesök av läkare", "a physician home visit")
    if scoped is not None:
        return scoped
    home = kontakt.hemsjukvard
    qualifies = any_true({
        "$.hemsjukvard.har_hemsjukvard": home.har_hemsjukvard if home else None,
        "$.hemsjukvard.kan_ej_besoka_enheten": home.kan_ej_besoka_enheten if home else None,
    })
    if isinstance(qualifies, list):
        return indeterminate(*qualifies)
    if not qualifies:
        return not_applicable(
            "Patienten har varken hemsjukvård eller svårigheter att ta sig till hälsocentralen.",
            "The patient has neither home health care nor difficulty coming to the hälsocentral.",
            reason="not_qualifying",
        )
    return kontakt.received("Hembesök av läkare till patient med hemsjukvård eller som inte kan ta sig till "
                            "hälsocentralen", "Physician home visit to a patient with home health care or unable to come "
                            "to the hälsocentral")


# --- 2.3.6 Hemsjukvård ---------------------------------------------------------------------

#: The two facts 2.3.6 requires, judged once the contact is in scope (a home-care patient aged 0–17).
_REGISTRERING = Declared(
    "vasterbotten.halsoval.vardkontakt.hemsjukvard_registrering",
    facts=(
        Fact("hemsjukvard.registrerad", sv="registrerad som mottagare av hemsjukvård",
             en="registered as a recipient of home health care"),
        Fact("hemsjukvard.vardplan", sv="en dokumenterad vårdplan", en="a documented care plan"),
    ),
    sv="Patienten är registrerad som mottagare av hemsjukvård och har en dokumenterad vårdplan.",
    en="The patient is registered as a recipient of home health care and has a documented care plan.",
)


@rules.implement("vasterbotten.halsoval.vardkontakt.hemsjukvard_registrering")
def hemsjukvard_registrering(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    home = kontakt.hemsjukvard.har_hemsjukvard if kontakt.hemsjukvard else None
    if home is False:
        return not_applicable("Patienten har ingen hemsjukvård.", "The patient has no home health care.",
                              reason="no_home_care")
    assert kontakt.sokte is not None  # the governing day
    day = local_day(kontakt.sokte)
    age = kontakt.patient.age_on(day) if kontakt.patient else None
    low, high = ctx.param("min_age"), ctx.param("max_age")
    if age is not None and not low <= age <= high:
        return not_applicable(
            f"{age} år den {day.isoformat()} (då vård söktes): hälsocentralens hemsjukvård gäller personer mellan "
            "0 och 17 år.",
            f"Age {age} on {day.isoformat()} (when care was sought): the hälsocentral's home health care covers "
            "persons aged 0–17.",
            reason="age", age=age, reference_day=day,
        )
    missing = [] if home is not None else ["$.hemsjukvard.har_hemsjukvard"]
    if kontakt.patient is None:
        missing.append("$.patient")
    elif age is None:
        missing += ["$.patient.fodelsedatum", "$.patient.personnummer"]
    if missing:
        return indeterminate(*missing)
    found = _REGISTRERING.evaluate(kontakt, ctx)
    return Finding(outcome=found.outcome, explanation=found.explanation, missing=found.missing,
                   values={**found.values, "age": age})


# --- 2.4 Rehabilitering och habilitering ---------------------------------------------------


@rules.implement("vasterbotten.halsoval.vardkontakt.rehabilitering_hemmet_barn")
def rehabilitering_hemmet_barn(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    # A reported exclusion decides first, whatever else is missing: another effort, age 18 or over, not
    # listed, no home care, habilitation that is BUH's; only then are the facts not reported named.
    missing: list[str] = []
    insats = kontakt.mottagande.insats if kontakt.mottagande else None
    if insats is None:
        missing.append("$.mottagande.insats")
    elif (scoped := kontakt.other_insats((Insats.rehabilitering_hemmet,), "rehabilitering eller habilitering i hemmet",
                                         "rehabilitation or habilitation at home")) is not None:
        return scoped
    assert kontakt.sokte is not None  # the governing day
    day = local_day(kontakt.sokte)
    age = kontakt.patient.age_on(day) if kontakt.patient is not None else None
    aged: dict[str, Any] = {} if age is None else {"age": age}
    if kontakt.patient is None:
        missing.append("$.patient")
    elif age is None:
        missing += ["$.patient.fodelsedatum", "$.patient.personnummer"]
    else:
        low, high = ctx.param("min_age"), ctx.param("max_age")
        if not low <= age <= high:
            return not_applicable(
                f"{age} år den {day.isoformat()} (då vård söktes): ansvaret gäller åldersgruppen 0–17 år.",
                f"Age {age} on {day.isoformat()} (when care was sought): the duty covers the age group 0–17.",
                reason="age", age=age, reference_day=day,
            )
    if kontakt.listad_vid_enheten is None:
        missing.append("$.listad_vid_enheten")
    elif not kontakt.listad_vid_enheten:
        return not_applicable("Barnet är inte listat vid hälsocentralen.", "The child is not listed at the hälsocentral.",
                              reason="not_listed", **aged)
    home = kontakt.hemsjukvard.har_hemsjukvard if kontakt.hemsjukvard else None
    if home is None:
        missing.append("$.hemsjukvard.har_hemsjukvard")
    elif not home:
        return not_applicable("Barnet har ingen hemsjukvård.", "The child has no home health care.",
                              reason="no_home_care", **aged)
    buh = kontakt.rehabilitering.buh_ansvar if kontakt.rehabilitering else None
    if buh is None:
        missing.append("$.rehabilitering.buh_ansvar")
    elif buh:
        return not_applicable("Habiliteringen omfattas av Barn- och ungdomshabiliteringens ansvar.",
                              "The habilitation falls within Barn- och ungdomshabiliteringen's responsibility.",
                              reason="buh", **aged)
    if missing:
        return indeterminate(*missing, **aged)
    return kontakt.received(f"Rehabilitering eller habilitering i hemmet för listat barn ({age} år) med hemsjukvård",
                            f"Rehabilitation or habilitation at home for a listed child (age {age}) with home health care",
                            age=age)


# --- 2.5 Läkemedel -------------------------------------------------------------------------

_CODES = ("forskrivarkod_klartext", "forskrivarkod_streckkod", "arbetsplatskod_klartext", "arbetsplatskod_streckkod")


@rules.implement("vasterbotten.halsoval.vardkontakt.forskrivarkod")
def forskrivarkod(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    prescriptions = kontakt.lakemedel.forskrivningar if kontakt.lakemedel else None
    if prescriptions is None:
        return indeterminate("$.lakemedel.forskrivningar")
    if not prescriptions:
        return not_applicable("Ingen förskrivning vid kontakten.", "No prescription at the contact.",
                              reason="no_prescription")
    unmet: list[str] = []
    unknown: list[str] = []
    for i, p in enumerate(prescriptions):
        for name in _CODES:
            value = getattr(p, name)
            path = f"$.lakemedel.forskrivningar[{i}].{name}"
            if value is None:
                unknown.append(path)
            elif not value:
                unmet.append(path)
    if unmet:
        return failed(
            "Förskrivarkod och arbetsplatskod ska anges både i klartext och i streckkodsformat; saknas: "
            + ", ".join(unmet) + ".",
            "The prescriber code and the workplace code must be given both in plain text and as a bar code; missing: "
            + ", ".join(unmet) + ".",
            unmet=unmet,
        )
    if unknown:
        return indeterminate(*unknown)
    return passed(
        f"Alla {len(prescriptions)} förskrivningar anger förskrivarkod och arbetsplatskod i klartext och streckkod.",
        f"All {len(prescriptions)} prescriptions give the prescriber and workplace codes in plain text and as bar codes.",
        prescriptions=len(prescriptions),
    )


rules.shape(Declared(
    "vasterbotten.halsoval.vardkontakt.lakemedelslista",
    facts=(
        Fact("lakemedel.lista_uppdaterad", sv="läkemedelslistan i patientjournalen uppdaterad",
             en="the medication list in the patient journal updated"),
        Fact("lakemedel.lista_erbjuden", sv="läkemedelslistan erbjuden patienten",
             en="the medication list offered to the patient"),
    ),
    outside=(When("lakemedel.ordinationsandring", flag=False, known=True, reason="no_change",
                  sv="Ingen ordinationsändring vid kontakten.", en="No change of prescription at the contact."),),
    sv="Vid ordinationsändringen uppdaterades läkemedelslistan i journalen och erbjöds patienten.",
    en="At the change of prescription the medication list in the journal was updated and offered to the patient.",
))


# --- 2.8.1 Konstaterande av dödsfall -------------------------------------------------------


@rules.implement("vasterbotten.halsoval.vardkontakt.dodsfall")
def dodsfall(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    scoped = kontakt.other_insats((Insats.konstatera_dodsfall,), "att konstatera dödsfall", "confirming a death")
    if scoped is not None:
        return scoped
    outside = kontakt.dodsfall.utanfor_sjukvardsinrattning if kontakt.dodsfall else None
    if outside is None:
        return indeterminate("$.dodsfall.utanfor_sjukvardsinrattning")
    if not outside:
        return not_applicable("Dödsfallet inträffade på en sjukvårdsinrättning.",
                              "The death occurred in a care institution.", reason="in_care_institution")
    m = kontakt.mottagande
    tie = any_true({
        "$.mottagande.bosatt_i_naromradet": m.bosatt_i_naromradet if m else None,
        "$.mottagande.vistas_i_naromradet": m.vistas_i_naromradet if m else None,
    })
    if isinstance(tie, list):
        return indeterminate(*tie)
    if not tie:
        return not_applicable(
            "Personen var varken bosatt eller tillfälligt vistande i hälsocentralens kommun eller närområde.",
            "The person neither lived nor stayed temporarily in the hälsocentral's municipality or local area.",
            reason="outside_area",
        )
    return kontakt.received("Dödsfall utanför sjukvårdsinrättning för person bosatt eller tillfälligt vistande i "
                            "närområdet, oavsett listning", "Death outside a care institution of a person living or staying "
                            "in the local area, listed or not", listed=kontakt.listad_vid_enheten)


# --- 2.9 Diagnostik och medicinsk service ---------------------------------------------------

_REGION = (Laboratorium.regionen.value,)

rules.shape(Declared(
    "vasterbotten.halsoval.vardkontakt.provanalys_regionordinerat",
    facts=(Fact("provtagning.analyserad_av", codes=_REGION, sv="provet skickat till Region Västerbottens "
                "laboratoriemedicin för analys", en="the sample sent to Region Västerbotten's laboratory medicine"),),
    outside=(When("provtagning.ordinerad_av", (Ordinator.regiondriven_enhet.value,), not_in=True, known=True,
                  reason="not_region_ordered", sv="Provet är inte ordinerat av en regiondriven vårdenhet.",
                  en="The sample was not ordered by a region-run care unit."),),
    sv="Provet, ordinerat av en regiondriven vårdenhet, skickades till Region Västerbottens laboratoriemedicin.",
    en="The sample, ordered by a region-run care unit, was sent to Region Västerbotten's laboratory medicine.",
))

rules.shape(Declared(
    "vasterbotten.halsoval.vardkontakt.provanalys_smittsparning",
    facts=(Fact("provtagning.anvisat_laboratorium", sv="provet sänt till ett av Region Västerbotten anvisat "
                "laboratorium", en="the sample sent to a laboratory designated by Region Västerbotten"),),
    outside=(When("provtagning.smittsparning", flag=False, known=True, reason="not_contact_tracing",
                  sv="Provet är inte taget i samband med smittspårning.",
                  en="The sample was not taken in contact tracing."),),
    sv="Provet från smittspårningen sändes till ett av Region Västerbotten anvisat laboratorium.",
    en="The contact-tracing sample was sent to a laboratory designated by Region Västerbotten.",
))


# --- 2.14 Samverkan vid utskrivning och SIP -------------------------------------------------


@rules.implement("vasterbotten.halsoval.vardkontakt.sip_utskrivning")
def sip_utskrivning(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    lacking, unknown = Sip.needs(kontakt.sip, "behov_region", "behov_kommun", "samtycke")
    if lacking:
        return not_applicable(f"SIP ska inte genomföras: {', '.join(lacking)} föreligger inte.",
                              f"No SIP is due: {', '.join(lacking)} not present.", reason="no_sip_due")
    if unknown:
        return indeterminate(*(f"$.sip.{n}" for n in unknown))
    assert kontakt.sip is not None
    state = kontakt.sip.progress("genomford")
    if state == "done":
        return passed("Patienten behöver insatser från både region och kommun och samtycker: SIP genomfördes.",
                      "The patient needs efforts from both region and municipality and consents: a SIP was carried out.")
    if state == "refused":
        return failed("Patienten behöver insatser från både region och kommun och samtycker, men hälsocentralen har "
                      "angett att ingen SIP ska genomföras.",
                      "The patient needs efforts from both region and municipality and consents, but the hälsocentral "
                      "has declared that no SIP is to be held.", status="refused")
    if state is None:
        return indeterminate("$.sip.genomford")
    return warning("Patienten behöver insatser från både region och kommun och samtycker; ingen SIP är genomförd ännu. "
                   "Texten anger ingen tid: planeringen är öppen.",
                   "The patient needs efforts from both region and municipality and consents; no SIP has been held yet. "
                   "The text sets no time: the planning is open.", status="open")


# --- 3.6 Diagnostik och medicinsk service ---------------------------------------------------

rules.shape(Declared(
    "vasterbotten.halsoval.vardkontakt.provanalys_annan_listning",
    facts=(Fact("provtagning.analyserad_av", codes=_REGION, sv="Region Västerbottens laboratoriemedicin, klinisk "
                "fysiologi eller radiologi anlitad", en="Region Västerbotten's laboratory medicine, clinical "
                "physiology or radiology used"),),
    outside=(When("mottagande.listad_vid_annan_enhet", flag=False, known=True, reason="not_listed_elsewhere",
                  sv="Patienten är inte listad vid annan hälsocentral.",
                  en="The patient is not listed at another hälsocentral."),),
    sv="För patient listad vid annan hälsocentral anlitades Region Västerbottens service.",
    en="For a patient listed at another hälsocentral, Region Västerbotten's services were used.",
))


# --- 3.9 Filialmottagning -----------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.vardkontakt.filial_huvudmottagning")
def filial_huvudmottagning(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    m = kontakt.mottagande
    at_filial = m.vid_filial if m else None
    if at_filial is None:
        return indeterminate("$.mottagande.vid_filial")
    if not at_filial:
        return not_applicable("Kontakten gällde inte en filial.", "The contact was not with a filial.",
                              reason="not_filial")
    assert m is not None
    states = {"$.mottagande.finns_pa_filialen": m.finns_pa_filialen, "$.mottagande.filialen_oppen": m.filialen_oppen}
    if all(v is True for v in states.values()):
        return not_applicable("Filialen erbjuder vården och har öppet: den kan ta emot patienten.",
                              "The filial offers the care and is open: it can receive the patient.", reason="filial_serves")
    if not any(v is False for v in states.values()):
        return indeterminate(*[p for p, v in states.items() if v is None])
    why_sv = "vården saknas på filialen" if m.finns_pa_filialen is False else "filialen har inte öppet"
    why_en = "the care is not offered at the filial" if m.finns_pa_filialen is False else "the filial is closed"
    if m.erbjuden_huvudmottagning is None:
        return indeterminate(
            "$.mottagande.erbjuden_huvudmottagning",
            sv=f"Kan inte avgöras: {why_sv}, men det är inte rapporterat om patienten erbjöds vård på "
               "huvudmottagningen ($.mottagande.erbjuden_huvudmottagning).",
            en=f"Cannot be decided: {why_en}, but whether the patient was offered care at the main clinic is not "
               "reported ($.mottagande.erbjuden_huvudmottagning).",
        )
    if m.erbjuden_huvudmottagning:
        return decision("accept", f"{why_sv.capitalize()}: patienten erbjöds vård på huvudmottagningen.",
                        f"{why_en.capitalize()}: the patient was offered care at the main clinic.",
                        route="huvudmottagning")
    return decision("reject", f"{why_sv.capitalize()}, men patienten erbjöds inte vård på huvudmottagningen.",
                    f"{why_en.capitalize()}, but the patient was not offered care at the main clinic.")
