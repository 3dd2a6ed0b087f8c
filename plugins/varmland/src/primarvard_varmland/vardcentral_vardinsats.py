"""Care given: deaths, sampling, home care, on-call and coordinated plans (varmland.vardcentral): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Avvisningsskal,
    Besok,
    Besoksplats,
    Insats,
    Kontakttyp,
    Sip,
    Uppfoljning,
    Vardkontakt,
    Vistelsestatus,
    local_day,
)
from primarvard_sdk.findings import (
    decision,
    failed,
    handed_over,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
    warning,
)
from primarvard_sdk.items import any_true
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Deadline, When
from primarvard_varmland.vardcentral_common import (
    exact,
    parse_time,
    rules,
)

__all__: list[str] = []

#: Refusal reasons that turn on where the person belongs, one set for akut_oavsett_listning and
#: dodsfall_naromrade: the listing (listning: not listed at the unit; listningstak, listningsstopp, max_byten,
#: kollektiv_listning: the unit's or the person's listing situation), and registration or residence elsewhere
#: (folkbokforing, annan_kommun), which "oavsett om patienten är listad på vårdcentralen eller inte" and
#: "såväl listade individer som andra som vistas eller bor i närområdet" leave no room for either.
_LISTING = (Avvisningsskal.listning, Avvisningsskal.listningstak, Avvisningsskal.listningsstopp,
            Avvisningsskal.max_byten, Avvisningsskal.kollektiv_listning, Avvisningsskal.folkbokforing,
            Avvisningsskal.annan_kommun)

#: Refusal reasons that are where the person is listed, registered or lives: for jour_omfattning the same set
#: as _LISTING. "anslutna till vårdcentraler inom jourområdet" covers everyone listed anywhere in the area, so a
#: unit's listing cap or stop, the number of changes or a collective listing is as much a listing reason as
#: "not listed here" (each was read as "another reason" before, leaving such a refusal undecided).
_RESIDENCE_OR_LISTING = _LISTING


def _ties(kontakt: Vardkontakt, *names: str) -> bool | list[str]:
    """True when one of the flags on ``mottagande`` holds, False when all are reported false, else the
    paths of the flags not reported."""
    mottagande = kontakt.mottagande
    return any_true({f"$.mottagande.{n}": (getattr(mottagande, n) if mottagande else None) for n in names})


# --- 1.2.1 Vårdcentralens uppdrag ------------------------------------------------------------


@rules.implement("varmland.vardcentral.vardkontakt.akut_oavsett_listning")
def akut_oavsett_listning(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    mottagande = kontakt.mottagande
    acute = mottagande.akut_behov if mottagande else None
    if acute is None:
        return indeterminate("$.mottagande.akut_behov")
    if not acute:
        return not_applicable(
            "Patienten bedömdes inte behöva akuta insatser; skyldigheten att ta emot icke akuta patienter kvarstår "
            "men avgörs inte här.",
            "The patient was not judged to need acute care; the duty to receive non-acute patients remains but is "
            "not decided here.",
            reason="not_acute",
        )
    assert mottagande is not None
    listed = kontakt.listad_vid_enheten
    if mottagande.mottagen is None:
        return indeterminate("$.mottagande.mottagen", listed=listed)
    if mottagande.mottagen:
        return decision("accept", "Patienten i akut behov av medicinskt motiverade insatser togs emot.",
                        "The patient in acute need of medically motivated care was received.", listed=listed)
    if mottagande.skal is None:
        return indeterminate("$.mottagande.skal", listed=listed)
    reason = mottagande.skal.value
    if mottagande.skal in _LISTING:
        return decision(
            "reject",
            f"Patienten bedömdes vara i akut behov av medicinskt motiverade insatser och nekades eller hänvisades bort "
            f"med ett skäl som gäller listning, folkbokföring eller bosättning ({reason}); vårdcentralen är alltid "
            "skyldig att akut ta emot oavsett om patienten är listad där eller inte.",
            f"The patient was judged to need medically motivated care acutely and was refused or sent elsewhere for a "
            f"reason of listing, registration or residence ({reason}); the vårdcentral must always receive such "
            "patients acutely, listed there or not.",
            reason=reason,
            listed=listed,
        )
    return not_applicable(
        f"Patienten nekades eller hänvisades bort av annat skäl än listning, folkbokföring eller bosättning "
        f"({reason}); det avgörs inte här (att åtgärder som kräver sjukhusens resurser inte ingår i åtagandet avgörs "
        "på annat håll).",
        f"The patient was refused or sent elsewhere for another reason than listing, registration or residence "
        f"({reason}); that is not decided here (that measures needing the hospitals' resources are outside the "
        "commitment is decided elsewhere).",
        reason="other_reason",
        refusal_reason=reason,
        listed=listed,
    )


@rules.implement("varmland.vardcentral.vardkontakt.dodsfall_naromrade")
def dodsfall_naromrade(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    scoped = kontakt.other_insats((Insats.konstatera_dodsfall, Insats.vardintyg),
                                  "dödsfall eller intyg för tvångsvård", "a death or a certificate for compulsory care")
    if scoped is not None:
        return scoped
    mottagande = kontakt.mottagande
    assert mottagande is not None
    if mottagande.mottagen is None:
        return indeterminate("$.mottagande.mottagen")
    if mottagande.mottagen:
        return decision("accept", "Vårdcentralen tog sig an ärendet.", "The vårdcentral took on the matter.")
    if mottagande.skal is None:
        return indeterminate("$.mottagande.skal")
    reason = mottagande.skal.value
    if mottagande.skal not in _LISTING:
        return not_applicable(
            f"Ärendet avböjdes av annat skäl än listning, folkbokföring eller bosättning ({reason}); fördelningen "
            "mellan vårdgivarna följer närområdesplanen och avgörs inte här.",
            f"The matter was declined for another reason than listing, registration or residence ({reason}); the "
            "split between providers follows the närområdesplan and is not decided here.",
            reason="other_reason",
            refusal_reason=reason,
        )
    tie = any_true({
        "$.listad_vid_enheten": kontakt.listad_vid_enheten,
        "$.mottagande.bosatt_i_naromradet": mottagande.bosatt_i_naromradet,
        "$.mottagande.vistas_i_naromradet": mottagande.vistas_i_naromradet,
    })
    if isinstance(tie, list):
        return indeterminate(*tie)
    if not tie:
        return not_applicable(
            "Personen är varken listad vid vårdcentralen eller bor eller vistas i närområdet.",
            "The person is neither listed at the vårdcentral nor lives or stays in the local area.",
            reason="outside_area",
        )
    return decision(
        "reject",
        f"Ärendet avböjdes med skälet {reason}, men ansvaret gäller såväl listade individer som andra som vistas "
        "eller bor i närområdet.",
        f"The matter was declined for {reason}, but the duty covers listed persons and others who stay or live "
        "in the local area alike.",
        reason=reason,
        listed=kontakt.listad_vid_enheten,
    )


# --- 1.2.13 Närområdesansvar › 2. Dödsbevis och vårdintyg -----------------------------------

rules.shape(Deadline(
    "varmland.vardcentral.vardkontakt.dodsorsaksintyg_nasta_vardag",
    event="dodsfall.konstaterat",
    count="vardagar",
    parameter="weekdays",
    done="dodsfall.ordinarie_lakare_kontaktad",
    # A reported exclusion decides first, whatever the other fact (the unit's own certificate first): only
    # then are the two facts needed (``needs``), so neither's absence hides the other's exclusion.
    outside=(
        When("dodsfall.dodsorsaksintyg_av_enheten", reason="issued_itself",
             sv="Vårdcentralen utfärdade dödsorsaksintyget själv.",
             en="The vårdcentral issued the cause-of-death certificate itself."),
        When("dodsfall.ansvarig_enligt_naromradesplan", flag=False, reason="not_responsible",
             sv="Vårdcentralen är inte ansvarig för den avlidne enligt närområdesplanen.",
             en="The vårdcentral is not responsible for the deceased under the närområdesplan."),
    ),
    needs=("dodsfall.dodsorsaksintyg_av_enheten", "dodsfall.ansvarig_enligt_naromradesplan"),
    sv="Den avlidnes ordinarie läkare ska kontaktas för dödsorsaksintyget senast nästa vardag, {due} "
       "(dödsfallet konstaterades {event}).",
    en="The deceased's regular physician must be contacted for the cause-of-death certificate by the next "
       "weekday, {due} (the death was confirmed on {event}).",
))


# --- 1.2.2 Rehabiliteringskoordinering (asylum seekers and refugees) ------------------------


@rules.implement("varmland.vardcentral.vardkontakt.asylsokande")
def asylsokande(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    status = kontakt.patient.vistelsestatus if kontakt.patient else None
    refugee = kontakt.mottagande.flykting if kontakt.mottagande else None
    if status is not Vistelsestatus.asylsokande and refugee is not True:
        missing = [p for p, v in (("$.patient.vistelsestatus", status), ("$.mottagande.flykting", refugee)) if v is None]
        if missing:
            return indeterminate(*missing)
        return not_applicable("Personen är varken asylsökande eller flykting.",
                              "The person is neither an asylum seeker nor a refugee.", reason="not_asylum_or_refugee")
    tie = _ties(kontakt, "bosatt_i_naromradet", "vistas_i_naromradet")
    if isinstance(tie, list):
        return indeterminate(*tie)
    if not tie:
        return not_applicable("Personen finns inte inom vårdcentralens närområde.",
                              "The person is not within the vårdcentral's local area.", reason="outside_area")
    if kontakt.kan_ej_vanta is None:
        return indeterminate("$.kan_ej_vanta")
    if not kontakt.kan_ej_vanta:
        return not_applicable("Vården bedömdes kunna anstå.", "The care was judged able to wait.", reason="can_wait")
    return kontakt.received("Asylsökande eller flykting i närområdet med vård som inte kan anstå",
                            "Asylum seeker or refugee in the local area with care that cannot wait")


# --- 1.2.3 Barnhälsovård --------------------------------------------------------------------

_BVC_CLINICS = (Besoksplats.bvc_mottagning, Besoksplats.bhv_mottagning_familjecentral)


@rules.implement("varmland.vardcentral.vardkontakt.bvc_lakarinsatser")
def bvc_lakarinsatser(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    scoped = kontakt.other_insats((Insats.bvc_lakarinsats,), "förebyggande läkarinsats i barnhälsovården",
                                  "a preventive physician visit in child health care")
    if scoped is not None:
        return scoped
    assert kontakt.utford is not None  # the governing day
    day = local_day(kontakt.utford)
    if kontakt.patient is None:
        return indeterminate("$.patient")
    age = kontakt.patient.age_on(day)
    if age is None:
        return indeterminate("$.patient.fodelsedatum", "$.patient.personnummer")
    low, high = ctx.param("min_age"), ctx.param("max_age")
    if not low <= age <= high:
        return not_applicable(f"Barnet är {age} år på besöksdagen {day.isoformat()}; läkarinsatsen gäller barn 0–6 år.",
                              f"The child is {age} on the visit day {day.isoformat()}; the duty covers children 0–6.",
                              reason="age", age=age, reference_day=day)
    if kontakt.listad_vid_enheten is None:
        return indeterminate("$.listad_vid_enheten", age=age)
    if not kontakt.listad_vid_enheten:
        return not_applicable("Barnet är inte listat vid vårdcentralen.", "The child is not listed at the vårdcentral.",
                              reason="not_listed", age=age)
    if kontakt.besoksplats is None:
        return indeterminate("$.besoksplats", age=age)
    place = Besoksplats(str(ctx.param("place")))
    if kontakt.besoksplats is place or kontakt.besoksplats in _BVC_CLINICS:
        return decision("accept", f"Läkarbesöket för det listade barnet ({age} år) hölls på BVC-mottagningen.",
                        f"The physician visit for the listed child (age {age}) was held at the BVC clinic.",
                        age=age, place=kontakt.besoksplats.value)
    return decision("reject", f"Läkarbesöket för det listade barnet ({age} år) hölls inte på BVC-mottagningen "
                    f"({kontakt.besoksplats.value}); läkarbesöken ska förläggas till BVC-mottagningen.",
                    f"The physician visit for the listed child (age {age}) was not held at the BVC clinic "
                    f"({kontakt.besoksplats.value}); physician visits must be held at the BVC clinic.",
                    age=age, place=kontakt.besoksplats.value)


# --- 1.2.11 Samverkan -----------------------------------------------------------------------


@rules.implement("varmland.vardcentral.vardkontakt.sip")
def sip(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    lacking, unknown = Sip.needs(kontakt.sip, "behov_hsl", "behov_sol", "samordningsbehov")
    if lacking:
        return not_applicable(f"Behoven som gör SIP obligatorisk föreligger inte ({', '.join(lacking)}).",
                              f"The needs that make a SIP due are not present ({', '.join(lacking)}).",
                              reason="no_sip_need")
    if unknown:
        return indeterminate(*(f"$.sip.{n}" for n in unknown))
    assert kontakt.sip is not None
    state = kontakt.sip.progress("erbjuden")
    if state == "done":
        return passed("Patienten med behov av insatser enligt både HSL och SoL och av samordning erbjöds SIP.",
                      "The patient needing efforts under both HSL and SoL and coordination was offered a SIP.")
    if state == "refused":
        return failed("Patienten har behov av insatser enligt både HSL och SoL och av samordning, men vårdcentralen har "
                      "angett att ingen SIP ska erbjudas.",
                      "The patient needs efforts under both HSL and SoL and coordination, but the vårdcentral has "
                      "declared that no SIP is to be offered.", status="refused")
    if state is None:
        return indeterminate("$.sip.erbjuden")
    return warning("Patienten har behov av insatser enligt både HSL och SoL och av samordning; SIP är inte erbjuden "
                   "ännu. Texten anger ingen tid: erbjudandet är öppet.",
                   "The patient needs efforts under both HSL and SoL and coordination; no SIP has been offered yet. "
                   "The text sets no time: the offer is open.", status="open")


# --- 1.2.12 Jouråtagande --------------------------------------------------------------------


@rules.implement("varmland.vardcentral.vardkontakt.lakare_i_beredskap_ansvar")
def lakare_i_beredskap_ansvar(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    on_call = kontakt.mottagande.beredskap if kontakt.mottagande else None
    if on_call is None:
        return indeterminate("$.mottagande.beredskap")
    if not on_call:
        return not_applicable("Kontakten gäller inte läkare i beredskap.", "The contact does not concern the physician "
                              "on call.", reason="not_on_call")
    if not isinstance(kontakt.sokte, datetime):
        return indeterminate(
            "$.sokte",
            sv="Kan inte avgöras: klockslaget saknas ($.sokte anger bara en dag); dagtid och övrig tid skiljs åt av "
               "klockan.",
            en="Cannot be decided: the time of day is missing ($.sokte gives only a day); daytime and other times are "
               "told apart by the clock.",
        )
    local = calendar.to_local(kontakt.sokte)
    at = f"{local:%Y-%m-%d %H:%M}"
    # "dagtid" is the fixed window of 1.2.2 ("vardagar kl 08:00-17:00. Kvällar, helger och nätter ansvarar
    # läkare i beredskap"), not the unit's opening hours: a unit open in the evening or on a Saturday does
    # not take over the on-call physician then, and one closing before 17:00 keeps it until 17:00.
    window = ctx.param("daytime")
    if str(window["days"]) != "vardag":
        raise ValueError(f"daytime.days {window['days']!r}: expected vardag")
    start, end = parse_time(window["from"]), parse_time(window["to"])
    wall = local.time().replace(tzinfo=None)
    daytime = calendar.is_vardag(local.date()) and start <= wall < end
    window_sv = f"vardag {start:%H:%M}–{end:%H:%M}"
    window_en = f"a weekday {start:%H:%M}–{end:%H:%M}"
    basis = "daytime"
    if daytime:
        return decision(
            "accept",
            f"{at} är dagtid ({window_sv}): vårdcentralen har ansvaret för läkare i beredskap.",
            f"{at} is daytime ({window_en}): the vårdcentral is responsible for the physician on call.",
            responsible="vardcentral", local_time=at, daytime_basis=basis,
        )
    return handed_over(
        f"{at} är inte dagtid ({window_sv}): jourcentralen har ansvaret för läkare i beredskap, inte vårdcentralen.",
        f"{at} is not daytime ({window_en}): the jourcentral is responsible for the physician on call, not the "
        "vårdcentral.",
        route="jourcentral", responsible="jourcentral", local_time=at, daytime_basis=basis,
    )


@rules.implement("varmland.vardcentral.vardkontakt.jour_omfattning")
def jour_omfattning(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    at_jour = kontakt.mottagande.jourcentral if kontakt.mottagande else None
    if at_jour is None:
        return indeterminate("$.mottagande.jourcentral")
    if not at_jour:
        return not_applicable("Kontakten gäller inte jouren.", "The contact is not with the on-call service.",
                              reason="not_jour")
    tie = _ties(kontakt, "bosatt_i_jouromradet", "vistas_i_jouromradet", "listad_i_jouromradet")
    if isinstance(tie, list):
        return indeterminate(*tie)
    if not tie:
        return not_applicable(
            "Personen varken bor, vistas tillfälligt eller är ansluten till en vårdcentral i jourområdet.",
            "The person neither lives, stays temporarily nor is listed at a vårdcentral in the jour area.",
            reason="outside_jour_area",
        )
    mottagande = kontakt.mottagande
    assert mottagande is not None
    if mottagande.mottagen is None:
        return indeterminate("$.mottagande.mottagen")
    if mottagande.mottagen:
        return decision("accept", "Personen omfattas av jouråtagandet och togs emot.",
                        "The person is covered by the on-call duty and was received.")
    if mottagande.skal is None:
        return indeterminate("$.mottagande.skal")
    if mottagande.skal in _RESIDENCE_OR_LISTING:
        return decision(
            "reject",
            f"Personen omfattas av jouråtagandet (bor, vistas tillfälligt eller är ansluten i jourområdet) men nekades "
            f"med skälet {mottagande.skal.value}.",
            f"The person is covered by the on-call duty (lives, stays temporarily or is listed in the jour area) but "
            f"was refused for {mottagande.skal.value}.",
            reason=mottagande.skal.value,
        )
    return not_applicable(
        f"Personen nekades av annat skäl än bosättning eller listning ({mottagande.skal.value}); det avgörs inte här.",
        f"The person was refused for another reason than residence or listing ({mottagande.skal.value}); that is "
        "not decided here.",
        reason="other_reason",
    )


# --- 1.2.14 Rehabilitering ------------------------------------------------------------------

#: The two parts of the plan the text requires: drawn up together with the patient, documented in the journal.
_PLAN_PARTS = (
    ("plan_med_patienten", "en individuell rehabiliteringsplan upprättad tillsammans med patienten",
     "an individual rehabilitation plan drawn up together with the patient"),
    ("plan_i_journalen", "planen dokumenterad i journalen", "the plan documented in the journal"),
)


@rules.implement("varmland.vardcentral.vardkontakt.rehabiliteringsplan")
def rehabiliteringsplan(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    rehab = kontakt.rehabilitering
    ongoing = rehab.pagaende if rehab else None
    if ongoing is None:
        return indeterminate("$.rehabilitering.pagaende")
    if not ongoing:
        return not_applicable("Patienten är inte i rehabilitering vid vårdcentralen.",
                              "The patient is not in rehabilitation at the vårdcentral.", reason="no_rehabilitation")
    assert rehab is not None
    states = [(name, sv, en, getattr(rehab, name)) for name, sv, en in _PLAN_PARTS]
    if all(held is True for *_, held in states):
        return passed("En individuell rehabiliteringsplan är upprättad tillsammans med patienten och dokumenterad i "
                      "journalen.",
                      "An individual rehabilitation plan is drawn up together with the patient and documented in the "
                      "journal.")
    if rehab.plan_nekad:
        return failed("Patienten är i rehabilitering vid vårdcentralen, men vårdcentralen har angett att ingen "
                      "individuell rehabiliteringsplan ska upprättas med patienten och dokumenteras i journalen.",
                      "The patient is in rehabilitation at the vårdcentral, but the vårdcentral has declared that no "
                      "individual rehabilitation plan is to be drawn up with the patient and documented in the "
                      "journal.", status="refused")
    not_yet = [(name, sv, en) for name, sv, en, held in states if held is False]
    if not_yet:
        return warning(
            "Ännu inte: " + "; ".join(sv for _, sv, _ in not_yet) + ". Texten anger ingen tid: planen är öppen.",
            "Not yet: " + "; ".join(en for _, _, en in not_yet) + ". The text sets no time: the plan is open.",
            status="open", unmet=",".join(f"$.rehabilitering.{name}" for name, _, _ in not_yet),
        )
    return indeterminate(*[f"$.rehabilitering.{name}" for name, _, _, held in states if held is None])


# --- 1.4 Tillgänglighet (a period's visits) -------------------------------------------------


def _majority(counted: int, total: int, ctx: RuleContext, sv: str, en: str, **values: Any) -> Finding:
    """Pass when counted/total is strictly above the parameter min_share_exclusive (exact fractions)."""
    floor = exact(ctx.param("min_share_exclusive"))
    share = Fraction(counted, total)
    shown = f"{counted}/{total}"
    values = {"required": float(floor), "declared": round(float(share), 4), "share_exact": str(share),
              "counted": counted, "total": total, **values}
    if share > floor:
        return passed(f"{sv} {shown}, mer än hälften.", f"{en} {shown}, more than half.", **values)
    return failed(f"{sv} {shown}, inte mer än hälften (merparten krävs).",
                  f"{en} {shown}, not more than half (the main part is required).", **values)


#: Contact kinds that are not visits made at the vårdcentral: home visits (and home health care, given in
#: the patient's home), telephone and digital contacts.
_NOT_AT_CLINIC = (Kontakttyp.hembesok, Kontakttyp.akut_hembesok, Kontakttyp.hemsjukvard, Kontakttyp.telefon,
                  Kontakttyp.digital)


def _reversed_period(doc: Uppfoljning) -> Finding | None:
    """A period whose last day is before its first cannot be right: which visits are the period's is
    unknown, so a share over them is not judged (indeterminate naming ``$.period.till``)."""
    assert doc.period is not None  # the governing day; checked by the caller
    if doc.period.till is not None and doc.period.till < doc.period.fran:
        return inconsistent("$.period.till", "$.period.fran")
    return None


def _period_visits(doc: Uppfoljning) -> tuple[list[tuple[int, Besok]], list[str]]:
    """The period's visits, with their index in ``besok``, and the paths of the visits not counted because
    their own date (``besok[].datum``) lies before ``period.fran`` or after ``period.till`` (both inclusive;
    ``till`` not reported: only the start bounds it). An undated visit is taken as the list says, in the
    period. One selection for every rule that counts a period's visits."""
    assert doc.period is not None and doc.besok is not None  # the governing day; checked by the caller
    first, last = doc.period.fran, doc.period.till
    inside: list[tuple[int, Besok]] = []
    outside: list[str] = []
    for i, b in enumerate(doc.besok):
        if b.datum is not None and (b.datum < first or (last is not None and b.datum > last)):
            outside.append(f"$.besok[{i}]")
        else:
            inside.append((i, b))
    return inside, outside


@rules.implement("varmland.vardcentral.vardkontakt.besok_avtalad_adress")
def besok_avtalad_adress(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    basis = str(ctx.param("basis"))
    if basis != "visit_count":
        raise ValueError(f"basis {basis!r}: expected visit_count")
    if (reversed_period := _reversed_period(doc)) is not None:
        return reversed_period
    if doc.besok is None:
        return indeterminate("$.besok")
    visits, outside = _period_visits(doc)
    missing: list[str] = []
    at_clinic = at_address = 0
    for i, b in visits:
        if b.typ is None:
            missing.append(f"$.besok[{i}].typ")
            continue
        if b.typ in _NOT_AT_CLINIC:
            continue
        at_clinic += 1
        if b.avtalad_adress is None:
            missing.append(f"$.besok[{i}].avtalad_adress")
        elif b.avtalad_adress:
            at_address += 1
    if missing:
        return indeterminate(*missing, outside_period=outside)
    if at_clinic == 0:
        return not_applicable("Inga besök på vårdcentralen under perioden.", "No visits at the vårdcentral in the period.",
                              reason="no_visits", outside_period=outside)
    return _majority(at_address, at_clinic, ctx, "Besök på vårdcentralen på avtalets adress:",
                     "Visits at the vårdcentral at the agreement's address:", outside_period=outside)


@rules.implement("varmland.vardcentral.vardkontakt.videobesok_erbjudande")
def videobesok_erbjudande(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if (reversed_period := _reversed_period(doc)) is not None:
        return reversed_period
    if doc.besok is None:
        return indeterminate("$.besok")
    visits, outside = _period_visits(doc)
    missing: list[str] = []
    suitable = offered = 0
    for i, b in visits:
        if b.video_lamplig is None:
            missing.append(f"$.besok[{i}].video_lamplig")
            continue
        if not b.video_lamplig:
            continue
        suitable += 1
        if b.video_erbjuden is None:
            missing.append(f"$.besok[{i}].video_erbjuden")
        elif b.video_erbjuden:
            offered += 1
    if missing:
        return indeterminate(*missing, outside_period=outside)
    if suitable == 0:
        return not_applicable("Inga besök under perioden kunde ur medicinsk synvinkel genomföras som videobesök.",
                              "No visit in the period could medically be held as a video visit.", reason="no_suitable",
                              outside_period=outside)
    return _majority(offered, suitable, ctx, "Videobesök erbjudna av de besök som kunde genomföras som videobesök:",
                     "Video visits offered of the visits that could be held as video visits:",
                     outside_period=outside)


# --- 1.0 Uppdraget (sampling for other specialist care) -------------------------------------


@rules.implement("varmland.vardcentral.vardkontakt.provtagning_specialistvard")
def provtagning_specialistvard(kontakt: Vardkontakt, ctx: RuleContext) -> Finding:
    scoped = kontakt.other_insats((Insats.provtagning,), "provtagning", "sampling")
    if scoped is not None:
        return scoped
    prov = kontakt.provtagning
    specialist = prov.specialistvardens_patient if prov else None
    if specialist is None:
        return indeterminate("$.provtagning.specialistvardens_patient")
    if not specialist:
        return not_applicable("Provtagningen gäller inte en patient inom övrig specialistvård.",
                              "The sampling is not for a patient of other specialist care.", reason="not_specialist_care")
    assert prov is not None and kontakt.mottagande is not None
    if kontakt.mottagande.mottagen is None:
        return indeterminate("$.mottagande.mottagen")
    if kontakt.mottagande.mottagen:
        return decision("accept", "Provtagning för övriga specialistvårdens patient: patienten togs emot.",
                        "Sampling for a patient of other specialist care: the patient was received.")
    if prov.provet_taget is False:
        return decision(
            "reject",
            "Provtagningen för övriga specialistvårdens patient nekades; provtagning ingår alltid i åtagandet, "
            "oavsett vilka analyser avtalet omfattar.",
            "The sampling for a patient of other specialist care was refused; sampling is always part of the "
            "commitment, whatever analyses the agreement covers.",
            refused="provtagning",
        )
    if prov.i_avtalet:
        return decision(
            "reject",
            "En analys som vårdcentralen enligt avtal åtagit sig att tillhandahålla nekades övriga specialistvårdens "
            "patient.",
            "An analysis the vårdcentral undertook by agreement to provide was refused to a patient of other "
            "specialist care.",
            refused="analys",
        )
    if prov.i_avtalet is False and prov.provet_taget:
        return not_applicable("Provet togs; analysen som nekades ingår inte i det vårdcentralen enligt avtal åtagit sig.",
                              "The sample was taken; the analysis refused is not among those the vårdcentral undertook "
                              "by agreement.", reason="not_agreed")
    return indeterminate(*[p for p, v in (("$.provtagning.provet_taget", prov.provet_taget),
                                          ("$.provtagning.i_avtalet", prov.i_avtalet)) if v is None])
