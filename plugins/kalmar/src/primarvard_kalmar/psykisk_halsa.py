"""Rule functions of kalmar.psykisk_halsa (Vårdval Psykisk hälsa primärvård i Kalmar län).

Every number comes from the programme's data file through ``ctx.param``; every function decides
from its document alone and names the JSON path of each input it misses. Absent is not empty: a
list or a field that is not reported (``None``) is never read as "none", "false" or "zero".

Referral rules are governed by the arrival day (``ctx.day``); a unit's standing requirements by
the evaluation day. Rules that judge the dated items of one document (new hires' employment
starts, closures, announced changes, a shortfall) judge each item by its own day
(``governing_day: each_item``): the edition in force on that day and its parameter values
(``ctx.param(name, on=day)``); an item dated outside every edition is listed, not judged (see
:mod:`primarvard_sdk.items`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from primarvard_kalmar import (  # noqa: F401 - imported for their registrations
    psykisk_halsa_atkomst,
    psykisk_halsa_drift,
    psykisk_halsa_kompetens,
    psykisk_halsa_kontakt,
    psykisk_halsa_rapportering,
    psykisk_halsa_val,
)
from primarvard_kalmar.halsoval_common import closed_days_outside_closures
from primarvard_kalmar.psykisk_halsa_common import (
    REGISTRATION_REASONS,
    closures_consistent,
    registered_in,
    registration_reason_excused,
    rules,
    runs_of_closed_days,
    separate_guideline,
    staff_dates_consistent,
)
from primarvard_kalmar.psykisk_halsa_val import _excused
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Avvisningsskal,
    Driftform,
    ETjanst,
    Forandringstyp,
    Funktion,
    Lan,
    Medarbetare,
    Remiss,
    Remisstyp,
    Tillganglighet,
    Uppdrag,
    Uppfoljning,
    Utbildning,
    Utbildningsomrade,
    Utfall,
    Vardenhet,
    Yrke,
    local_day,
    meets_level,
)
from primarvard_sdk.editions import no_rulebook_in_force
from primarvard_sdk.findings import (
    calendar_day_note,
    deadline,
    deadline_outcome,
    decision,
    failed,
    finding,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
    warning,
    worst,
)
from primarvard_sdk.items import (
    codes_in_any_edition,
    codes_on,
    edition_id,
    none_in_force,
    outside_note,
)
from primarvard_sdk.model import Finding, Outcome
from primarvard_sdk.shapes import AgeRange, Deadline, Note, When

#: Route codes used in eligibility decisions.
ROUTE_BUH = "barn_och_ungdomshalsan"
ROUTE_TRIAGE = "halsovalsenhet_kalmar"

#: The staff groups that may give psychotherapeutic treatment only under conditions.
_KURATOR_SOCIONOM = (Yrke.kurator, Yrke.socionom)
_CLINICIANS = (Yrke.psykoterapeut, Yrke.psykolog)
_STEG1 = Utbildningsomrade.psykoterapi_steg1


#: Deadline outcomes in Swedish, for explanations.
_SV = {"met": "uppfylld", "missed": "missad", "open": "öppen", "indeterminate": "kan ej avgöras",
       "not_applicable": "ej tillämplig"}


def _d(day: date | None) -> str:
    return day.isoformat() if day is not None else "?"


def _done_by(day: Any, as_of: date) -> Any:
    """A recorded date of a done act (a report, a restoration) when it is not after the evaluation
    day; ``None`` when it is: an act dated later has not been done on the evaluation day (as
    :func:`primarvard_sdk.findings.deadline_outcome` reads it), and the explanation must not say it was."""
    if day is None:
        return None
    return day if local_day(day) <= as_of else None


# --- Remiss ------------------------------------------------------------------------------------


def _not_a_referral(remiss: Remiss) -> Finding | None:
    """not_applicable for a contact with the digital reception (it needs no referral);
    indeterminate when the kind of referral is not reported (it decides the scope)."""
    if remiss.typ is None:
        return indeterminate("$.typ")
    if remiss.typ is Remisstyp.digital_mottagning:
        return not_applicable(
            "Kontakt med digital mottagning: remiss krävs ej (se remiss.digital_mottagning).",
            "Contact with the digital reception: no referral is required (see remiss.digital_mottagning).",
            reason="digital_mottagning",
        )
    return None


def _vfsp(remiss: Remiss) -> Finding | None:
    if remiss.typ is Remisstyp.vfsp:
        return not_applicable(
            "VFSP-remiss: återkoppling nästa vardag gäller i stället (vfsp_aterkoppling).",
            "VFSP referral: feedback on the next weekday applies instead (vfsp_aterkoppling).",
            reason="vfsp",
        )
    return None


def _patient_age(remiss: Remiss, reference: date) -> int | Finding:
    """The patient's age in full years on ``reference``, or an indeterminate finding."""
    if remiss.patient is None:
        return indeterminate("$.patient")
    age = remiss.patient.age_on(reference)
    if age is None:
        return indeterminate("$.patient.fodelsedatum", "$.patient.personnummer")
    return age


_VFSP = When(
    "typ", (Remisstyp.vfsp,), reason="vfsp", known=True,
    sv="VFSP-remiss: återkoppling nästa vardag gäller i stället (vfsp_aterkoppling).",
    en="VFSP referral: feedback on the next weekday applies instead (vfsp_aterkoppling).",
)
_DIGITAL = When(
    "typ", (Remisstyp.digital_mottagning,), reason="digital_mottagning",
    sv="Kontakt med digital mottagning: remiss krävs ej (se remiss.digital_mottagning).",
    en="Contact with the digital reception: no referral is required (see remiss.digital_mottagning).",
)

# Stated once as shapes: the core derives the rule function and the columnar evaluation.
rules.shape(Deadline(
    "kalmar.psykisk_halsa.remiss.forsta_kontakt",
    event="inkom", count="calendar_days", parameter="calendar_days", done="forsta_kontakt",
    outside=(_VFSP, _DIGITAL), event_value="arrived",
    sv="Första kontakt senast {due} ({n} kalenderdagar efter ankomst {event}).",
    en="First contact no later than {due} ({n} calendar days after arrival {event}).",
    notes=(
        Note("kompletteringar", "Begärd komplettering flyttar inte fristen.",
             "A completion request does not move the deadline."),
        Note("bedomd_kan_ej_vanta", "Vården bedöms inte kunna vänta: tidigare kontakt krävs.",
             "Care is judged unable to wait: an earlier contact is required.", value="earlier_required"),
    ),
))
rules.shape(Deadline(
    "kalmar.psykisk_halsa.remiss.vfsp_aterkoppling",
    event="inkom", count="vardagar", parameter="weekdays", done="aterkoppling", event_value="arrived",
    outside=(When("typ", (Remisstyp.vfsp,), not_in=True, known=True, reason="not_vfsp",
                  sv="Ingen VFSP-remiss; regeln gäller endast vårdförloppsremiss suicidprevention.",
                  en="Not a VFSP referral; the rule concerns suicide-prevention pathway referrals only."),),
    sv="VFSP-remiss inkom {event}; återkoppling till patienten senast närmaste efterföljande vardag {due}.",
    en="VFSP referral arrived {event}; feedback to the patient no later than the nearest following weekday {due}.",
))
rules.shape(AgeRange(
    "kalmar.psykisk_halsa.remiss.alder",
    person="patient", on="inkom", minimum="min_age",
    sv="Patienten är {age} år på ankomstdagen {day}.",
    en="The patient is {age} on the arrival day {day}.",
    otherwise="route", route=ROUTE_BUH,
    otherwise_sv="Patienten är {age} år på ankomstdagen {day}, under 18: vårdenheten tar inte emot "
                 "patienten; överlämning till Barn- och ungdomshälsan.",
    otherwise_en="The patient is {age} on the arrival day {day}, under 18: the unit does not take the "
                 "patient; handed over to Barn- och ungdomshälsan.",
))


@rules.implement("kalmar.psykisk_halsa.remiss.komplettering")
def komplettering(remiss: Remiss, ctx: RuleContext) -> Finding:
    skip = _vfsp(remiss) or _not_a_referral(remiss)
    if skip is not None:
        return skip
    if remiss.kompletteringar is None:
        return indeterminate(
            "$.kompletteringar",
            sv="Kan inte avgöras: det är inte angivet om komplettering har begärts ($.kompletteringar).",
            en="Cannot be decided: whether completion was requested is not reported ($.kompletteringar).",
        )
    if not remiss.kompletteringar:
        return not_applicable(
            "Ingen komplettering har begärts; fristen följer remiss.forsta_kontakt.",
            "No completion was requested; the deadline follows remiss.forsta_kontakt.",
            reason="no_completion_requested",
        )
    days = ctx.param("calendar_days")
    arrived = local_day(remiss.inkom)
    due = calendar.add_calendar_days(arrived, days)
    # A first contact or a completion request dated before the referral arrived cannot be right
    # (as remiss.forsta_kontakt answers for the same first contact).
    if remiss.forsta_kontakt is not None and local_day(remiss.forsta_kontakt) < arrived:
        return inconsistent("$.forsta_kontakt", "$.inkom", due=due, arrived=arrived)
    for j, k in enumerate(remiss.kompletteringar):
        if local_day(k.begard) < arrived:
            return inconsistent(f"$.kompletteringar[{j}].begard", "$.inkom", due=due, arrived=arrived)
    requested = sorted(local_day(k.begard) for k in remiss.kompletteringar)
    received = sorted(local_day(k.inkommen) for k in remiss.kompletteringar if k.inkommen is not None)
    last = received[-1] if received else requested[-1]
    note_sv, note_en = calendar_day_note(due)
    return deadline(
        due,
        remiss.forsta_kontakt,  # one dated after as_of has not happened yet: deadline() judges it so
        ctx.as_of,
        f"Första kontakt senast {_d(due)}: {days} kalenderdagar från den ursprungliga ankomsten "
        f"{_d(arrived)}, inte från kompletteringen ({_d(last)}); komplettering begärdes "
        f"{', '.join(map(_d, requested))}.{note_sv}",
        f"First contact no later than {_d(due)}: {days} calendar days from the original arrival "
        f"{_d(arrived)}, not from the completion ({_d(last)}); completion was requested "
        f"{', '.join(map(_d, requested))}.{note_en}",
        arrived=arrived,
        completion_requested=requested,
        completion_received=received,
        counted_from="original_arrival",
        due_is_vardag=calendar.is_vardag(due),
    )


@rules.implement("kalmar.psykisk_halsa.remiss.utfardare")
def utfardare(remiss: Remiss, ctx: RuleContext) -> Finding:
    skip = _not_a_referral(remiss)
    if skip is not None:
        return skip
    licensed = remiss.utfardare.legitimerad if remiss.utfardare is not None else None
    if licensed is None:
        return indeterminate("$.utfardare.legitimerad")
    if licensed:
        return decision(
            "accept",
            "Remissen är utfärdad av legitimerad personal.",
            "The referral is issued by licensed personnel.",
        )
    return decision(
        "reject",
        "Remissen är inte utfärdad av legitimerad personal; remiss ska utfärdas av legitimerad personal.",
        "The referral is not issued by licensed personnel, as a referral must be.",
    )


@rules.implement("kalmar.psykisk_halsa.remiss.utomlans")
def utomlans(remiss: Remiss, ctx: RuleContext) -> Finding:
    skip = _not_a_referral(remiss)
    if skip is not None:
        return skip
    home = Lan(ctx.param("home_county"))
    registered = registered_in(remiss.patient, home)
    if not registered and separate_guideline(remiss.patient):
        # "Gällande asylsökande och papperslösa finns särskild riktlinje som ska följas": whether such
        # a patient is an utomlänspatient, and the path to care, are the guideline's to decide.
        return _excused("separate_guideline")
    if registered is None:
        return indeterminate("$.patient.folkbokford_lan")
    patient_county = remiss.patient.folkbokford_lan if remiss.patient is not None else None
    shown = patient_county.value if patient_county is not None else "utanför Sverige"
    shown_en = patient_county.value if patient_county is not None else "outside Sweden"
    if registered:
        return not_applicable(
            "Patienten är folkbokförd i Kalmar län och är ingen utomlänspatient, oavsett var remissen "
            "utfärdades.",
            "The patient is registered in Kalmar län and is not an out-of-county patient, whatever "
            "county issued the referral.",
            reason="registered_in_county",
            patient_county=home.value,
        )
    issuer = remiss.utfardare.lan if remiss.utfardare is not None else None
    if issuer is None:
        return indeterminate("$.utfardare.lan", patient_county=patient_county)
    if issuer is home:
        return decision(
            "accept",
            f"Utomlänspatient (folkbokförd: {shown}) med remiss utfärdad inom Kalmar län, där "
            "utomlänspatienter triageras: remissen tas emot.",
            f"Out-of-county patient (registered: {shown_en}) with a referral issued within Kalmar län, "
            "where out-of-county patients are triaged: the referral is received.",
            patient_county=patient_county,
            issuer_county=issuer,
        )
    # "Remiss kan inte krävas från annat län": the referral from the other county is not invalid
    # on that ground (no reject, no fail); the path the text gives an utomlänspatient is triage by
    # a hälsoval unit in Region Kalmar län, so the result is a warning naming that route.
    return warning(
        f"Utomlänspatient (folkbokförd: {shown}) med remiss från annat län ({issuer.value}). Remiss "
        "kan inte krävas från annat län: utomlänspatienter triageras via hälsovalsenhet inom Region "
        "Kalmar län. Remissen är inte ogiltig av det skälet (ingen avvisning).",
        f"Out-of-county patient (registered: {shown_en}) with a referral from another county "
        f"({issuer.value}). A referral cannot be demanded from another county: out-of-county "
        "patients are triaged by a hälsoval unit in Region Kalmar län. The referral is not invalid "
        "on that ground (not rejected).",
        decision="route",
        route=ROUTE_TRIAGE,
        patient_county=patient_county,
        issuer_county=issuer,
    )


@rules.implement("kalmar.psykisk_halsa.remiss.oavsett_listning")
def oavsett_listning(remiss: Remiss, ctx: RuleContext) -> Finding:
    forbidden = {Avvisningsskal(r) for r in ctx.param("forbidden_reasons")}
    beslut = remiss.beslut
    if beslut is None:
        return not_applicable(
            "Inget beslut om remissen är registrerat; regeln bedömer enhetens beslut.",
            "No decision on the referral is recorded; the rule judges the unit's decision.",
            reason="no_decision",
        )
    if beslut.utfall is Utfall.accepterad:
        return decision(
            "accept",
            "Patienten tas emot oavsett listning och folkbokföring; vårdbehovet styr prioriteringen.",
            "The patient is received regardless of listing and registration; the care need decides priority.",
        )
    if beslut.skal is None:
        return indeterminate("$.beslut.skal", unit_decision=beslut.utfall.value)
    lawful = {Avvisningsskal(r) for r in ctx.param("lawful_reasons")}
    invalid = sorted({s.value for s in beslut.skal if s in forbidden})
    registration = [r for r in invalid if Avvisningsskal(r) in REGISTRATION_REASONS]
    if registration:
        # Registration as a reason is not this rule's to judge for an asylum seeker or undocumented
        # person (the separate guideline) or for a non-inhabitant at the digital reception ("för
        # samtliga länets invånare"); listing as a reason still is.
        excuse, unknown = registration_reason_excused(remiss, Lan(ctx.param("home_county")))
        others = [r for r in invalid if r not in registration]
        if unknown and not others:
            return indeterminate(*unknown, unit_decision=beslut.utfall.value, invalid_reasons=invalid)
        if excuse is not None:
            invalid = others
            if not invalid:
                return _excused(excuse)
    if invalid:
        what_sv = "avvisades" if beslut.utfall is Utfall.avvisad else "köades"
        what_en = "rejected" if beslut.utfall is Utfall.avvisad else "queued"
        standing = sorted({s.value for s in beslut.skal if s in lawful})
        if standing:
            return warning(
                f"Remissen {what_sv} med skäl {', '.join(invalid)} och med skäl som texten medger "
                f"({', '.join(standing)}). Beslutet kan stå på det senare skälet, men listning eller "
                "folkbokföring skulle inte ha angetts som skäl. Vårdbehovet styr prioriteringen.",
                f"The referral was {what_en} for {', '.join(invalid)} and for a reason the text allows "
                f"({', '.join(standing)}). The decision may stand on the latter, but listing or registration "
                "should not have been given as a reason. The care need decides priority.",
                unit_decision=beslut.utfall.value,
                invalid_reasons=invalid,
                lawful_reasons=standing,
            )
        return failed(
            f"Remissen {what_sv} med skäl {', '.join(invalid)}; listning eller folkbokföring får inte "
            "vara skäl att avvisa eller prioritera. Vårdbehovet styr prioriteringen.",
            f"The referral was {what_en} for {', '.join(invalid)}; listing or registration may not be "
            "a reason to reject or to prioritise. The care need decides priority.",
            unit_decision=beslut.utfall.value,
            invalid_reasons=invalid,
        )
    return passed(
        "Beslutet anger inte listning eller folkbokföring som skäl; övriga skäl prövas inte här.",
        "The decision gives neither listing nor registration as a reason; other reasons are not "
        "judged by this rule.",
        unit_decision=beslut.utfall.value,
        invalid_reasons=[],
    )


@rules.implement("kalmar.psykisk_halsa.remiss.digital_mottagning")
def digital_mottagning(remiss: Remiss, ctx: RuleContext) -> Finding:
    if remiss.typ is None:
        return indeterminate("$.typ")
    if remiss.typ is not Remisstyp.digital_mottagning:
        return not_applicable(
            "Ingen kontakt med den digitala mottagningen.",
            "Not a contact with the digital reception.",
            reason="not_digital_mottagning",
        )
    min_age = ctx.param("min_age")
    county = Lan(ctx.param("county"))
    day = local_day(remiss.inkom)
    age = _patient_age(remiss, day)
    resident = registered_in(remiss.patient, county)
    if isinstance(age, Finding):
        if resident is None and remiss.patient is not None:
            return indeterminate(*age.missing, "$.patient.folkbokford_lan", reference_day=day)
        return indeterminate(*age.missing, reference_day=day)
    if age < min_age:
        return decision(
            "route",
            f"Personen är {age} år på kontaktdagen {_d(day)}; den digitala mottagningen gäller från "
            f"{min_age} år (\"över 18 år\" läst som {min_age} eller äldre): överlämning till "
            "Barn- och ungdomshälsan.",
            f"The person is {age} on the contact day {_d(day)}; the digital reception serves ages "
            f"{min_age} and over (\"över 18 år\" read as {min_age} or older): handed over to "
            "Barn- och ungdomshälsan.",
            route=ROUTE_BUH,
            age=age,
            reference_day=day,
            referral_required=False,
        )
    if not resident and separate_guideline(remiss.patient):
        return not_applicable(
            "Asylsökande och papperslösa omfattas av en särskild riktlinje, som inte prövas här.",
            "Asylum seekers and undocumented persons fall under a separate guideline, not judged here.",
            reason="separate_guideline", age=age, reference_day=day, referral_required=False,
        )
    if resident is None:
        return indeterminate("$.patient.folkbokford_lan", age=age, reference_day=day)
    if not resident:
        return decision(
            "route",
            "Personen är inte folkbokförd i Kalmar län; den digitala mottagningen är till för länets "
            "invånare. Utomlänspatienter triageras via hälsovalsenhet inom Region Kalmar län.",
            "The person is not registered in Kalmar län; the digital reception is for the county's "
            "inhabitants. Out-of-county patients are triaged by a hälsoval unit in Region Kalmar län.",
            route=ROUTE_TRIAGE,
            age=age,
            reference_day=day,
            referral_required=False,
        )
    return decision(
        "accept",
        f"Länets invånare, {age} år på kontaktdagen {_d(day)}: den digitala mottagningen är öppen "
        "oavsett listning och utan remiss.",
        f"County inhabitant aged {age} on the contact day {_d(day)}: the digital reception is open "
        "regardless of listing and without a referral.",
        age=age,
        reference_day=day,
        referral_required=False,
    )


@rules.implement("kalmar.psykisk_halsa.samverkan.barn_och_unga")
def barn_och_unga(remiss: Remiss, ctx: RuleContext) -> Finding:
    partner = ctx.param("partner")
    adult = ctx.param("adult_age")
    day = local_day(remiss.inkom)
    age = _patient_age(remiss, day)
    if isinstance(age, Finding):
        return age
    if age >= adult:
        return not_applicable(
            f"Patienten är {age} år på ankomstdagen {_d(day)}: inte barn eller ungdom.",
            f"The patient is {age} on the arrival day {_d(day)}: not a child or young person.",
            reason="adult",
            age=age,
            reference_day=day,
        )
    return decision(
        "route",
        f"Patienten är {age} år på ankomstdagen {_d(day)} (under {adult}): överlämning till {partner}.",
        f"The patient is {age} on the arrival day {_d(day)} (under {adult}): handed over to {partner}.",
        route=ROUTE_BUH,
        partner=partner,
        age=age,
        reference_day=day,
    )


# --- Vardenhet ---------------------------------------------------------------------------------


def _in_service(staff: Sequence[Medarbetare], day: date) -> list[tuple[int, Medarbetare]]:
    """The staff in service at the unit on ``day`` (``Medarbetare.i_tjanst``), with their index in
    ``$.personal``: a member whose period at the unit has ended, or whose employment starts later,
    is not the unit's staff that day and neither meets nor breaks a staff requirement."""
    return [(i, m) for i, m in enumerate(staff) if m.i_tjanst(day)]


def _not_in_service(staff: Sequence[Medarbetare], day: date) -> list[str]:
    return sorted(m.id for m in staff if not m.i_tjanst(day))


def _licensed(
    staff: Sequence[Medarbetare], professions: Sequence[Yrke], day: date
) -> tuple[list[str], list[str]]:
    """Ids of licensed staff in ``professions`` in service on ``day``, and the JSON paths that keep
    it open whether someone else is one: a member of those professions whose licence is not
    stated, or a member whose profession is not stated (and who is not known to be unlicensed)."""
    licensed, unknown = [], []
    for i, m in _in_service(staff, day):
        if m.yrke is None:
            if m.legitimerad is not False:
                unknown.append(f"$.personal[{i}].yrke")
                if m.legitimerad is None:
                    unknown.append(f"$.personal[{i}].legitimerad")
        elif m.yrke in professions:
            if m.legitimerad is None:
                unknown.append(f"$.personal[{i}].legitimerad")
            elif m.legitimerad:
                licensed.append(m.id)
    return sorted(licensed), unknown


@rules.implement("kalmar.psykisk_halsa.vardenhet.kompetenskrav")
@staff_dates_consistent()
def kompetenskrav(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    licensed, unknown = _licensed(unit.personal, _CLINICIANS, ctx.day)
    if licensed:
        return passed(
            f"Leg. psykoterapeut eller leg. psykolog finns: {', '.join(licensed)}.",
            f"A licensed psychotherapist or psychologist is present: {', '.join(licensed)}.",
            qualifying_staff=licensed,
        )
    former = _not_in_service(unit.personal, ctx.day)
    if unknown:
        return indeterminate(*unknown, qualifying_staff=[], not_in_service=former)
    return failed(
        "Ingen leg. psykoterapeut eller leg. psykolog bland personalen i tjänst.",
        "No licensed psychotherapist or psychologist among the staff in service.",
        qualifying_staff=[],
        not_in_service=former,
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.tillgang_psykolog")
@staff_dates_consistent()
def tillgang_psykolog(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    psychologists, unknown_psy = _licensed(unit.personal, (Yrke.psykolog,), ctx.day)
    if psychologists:
        return not_applicable(
            "Enheten har leg. psykolog; kravet gäller enheter som utgörs endast av leg. psykoterapeuter.",
            "The unit has a licensed psychologist; the rule concerns units of licensed psychotherapists only.",
            reason="has_licensed_psychologist",
        )
    therapists, unknown_pt = _licensed(unit.personal, (Yrke.psykoterapeut,), ctx.day)
    if not therapists:
        if unknown_pt:
            return indeterminate(*dict.fromkeys([*unknown_pt, *unknown_psy]))
        return not_applicable(
            "Enheten har varken leg. psykolog eller leg. psykoterapeut (se vardenhet.kompetenskrav).",
            "The unit has neither a licensed psychologist nor a licensed psychotherapist (see vardenhet.kompetenskrav).",
            reason="no_licensed_psychotherapist",
        )
    if unknown_psy:
        return indeterminate(*unknown_psy, psychotherapists=therapists)
    if unit.tillgang_till_psykolog is None:
        return indeterminate("$.tillgang_till_psykolog", psychotherapists=therapists)
    if unit.tillgang_till_psykolog:
        return passed(
            "Enheten utgörs endast av leg. psykoterapeuter och har säkerställt tillgång till psykolog.",
            "The unit consists of licensed psychotherapists only and has declared access to a psychologist.",
            psychotherapists=therapists,
        )
    return failed(
        "Enheten utgörs endast av leg. psykoterapeuter men har ingen tillgång till psykolog.",
        "The unit consists of licensed psychotherapists only but has no access to a psychologist.",
        psychotherapists=therapists,
        not_in_service=_not_in_service(unit.personal, ctx.day),
    )


def _treating(staff: Sequence[Medarbetare], day: date) -> tuple[list[tuple[int, Medarbetare]], list[str]]:
    """Counsellors and social workers in service on ``day`` who give psychotherapeutic treatment,
    and the JSON paths of staff who might be such (profession or work areas not stated)."""
    sure: list[tuple[int, Medarbetare]] = []
    unknown: list[str] = []
    for i, m in _in_service(staff, day):
        if m.yrke is not None and m.yrke not in _KURATOR_SOCIONOM:
            continue
        if m.uppdrag is not None and Uppdrag.psykoterapeutisk_behandling not in m.uppdrag:
            continue
        gaps = [f"$.personal[{i}].{name}" for name in ("yrke", "uppdrag") if getattr(m, name) is None]
        if gaps:
            unknown.extend(gaps)
        else:
            sure.append((i, m))
    return sorted(sure, key=lambda c: c[1].id), unknown


def _level_records(m: Medarbetare, as_of: date) -> list[tuple[int, Utbildning]]:
    """Training records at the level of steg 1 or higher ("lägst steg 1": steg 2 satisfies it),
    leaving out a training whose every recorded date lies after ``as_of`` (not begun yet)."""
    found = []
    for j, u in enumerate(m.utbildningar or ()):
        if not meets_level(u.omrade, _STEG1):
            continue
        dates = [d for d in (u.paborjad, u.avslutad) if d is not None]
        if dates and min(dates) > as_of:
            continue
        found.append((j, u))
    return found


def _completed(records: Sequence[tuple[int, Utbildning]], as_of: date) -> bool:
    """Steg 1 completed, or a higher level (which presupposes a completed steg 1) begun."""
    return any(
        u.omrade is not _STEG1 or (u.avslutad is not None and u.avslutad <= as_of) for _, u in records
    )


def _started_by(
    i: int, records: Sequence[tuple[int, Utbildning]], due: date, as_of: date
) -> tuple[Outcome, date | None, list[str]]:
    """Whether steg 1 (or a higher level) was started by ``due``: met, missed, open or
    indeterminate, with the earliest recorded start and the paths of unknown start dates.

    A start date is exact; a completion date without a start is a latest possible start. A record
    with no dates was begun by ``as_of`` (it is a training "started or completed")."""
    exact = [u.paborjad for _, u in records if u.paborjad is not None]
    bounds = [u.avslutad for _, u in records if u.paborjad is None and u.avslutad is not None]
    earliest = min([*exact, *bounds], default=None)
    if earliest is not None and earliest <= due:
        return Outcome.met, earliest, []
    if as_of <= due:
        return (Outcome.met if records else Outcome.open), earliest, []
    unknown = [f"$.personal[{i}].utbildningar[{j}].paborjad" for j, u in records if u.paborjad is None]
    if unknown:
        return Outcome.indeterminate, earliest, unknown
    return Outcome.missed, min(exact, default=None), []


def _hire_due(m: Medarbetare, ctx: RuleContext, parameter: str) -> date | None:
    """Employment start + the years in force on that day: the steg 1 due day of a new hire, or
    ``None`` when no edition of this rulebook was in force on the start (not a new hire under it)."""
    assert m.anstallning_start is not None
    years = ctx.param_or_none(parameter, on=m.anstallning_start)
    return None if years is None else calendar.add_years(m.anstallning_start, years)


def _level_status(i: int, m: Medarbetare, ctx: RuleContext) -> tuple[str, list[str]]:
    """"ok", "fail" or "unknown" for "lägst grundläggande psykoterapiutbildning (steg 1)", with the
    paths that keep it unknown."""
    start = m.anstallning_start
    due = _hire_due(m, ctx, "grace_years") if start is not None else None
    if due is not None and ctx.as_of <= due:
        return "ok", []  # a new hire within the first year: steg 1 need not have started yet
    if m.utbildningar is None:
        return "unknown", [f"$.personal[{i}].utbildningar"]
    records = _level_records(m, ctx.as_of)
    if _completed(records, ctx.as_of):
        return "ok", []
    if start is None:
        return "unknown", [f"$.personal[{i}].anstallning_start"]
    if due is not None:  # a new hire after the first year: steg 1 begun by then and under way
        outcome, _, unknown = _started_by(i, records, due, ctx.as_of)
        if outcome is Outcome.met:
            return "ok", []
        return ("unknown", unknown) if unknown else ("fail", [])
    pending = [f"$.personal[{i}].utbildningar[{j}].avslutad" for j, u in records if u.avslutad is None]
    return ("unknown", pending) if pending else ("fail", [])


@rules.implement("kalmar.psykisk_halsa.vardenhet.kurator_socionom")
@staff_dates_consistent()
def kurator_socionom(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    concerned, missing = _treating(unit.personal, ctx.day)
    if not concerned and not missing:
        return not_applicable(
            "Ingen kurator eller socionom arbetar med psykoterapeutisk behandling.",
            "No counsellor or social worker gives psychotherapeutic treatment.",
            reason="no_kurator_or_socionom_in_treatment",
        )
    grace = ctx.param("grace_years")
    competent, competence_unknown = _licensed(unit.personal, _CLINICIANS, ctx.day)
    problems: dict[str, list[str]] = {}
    for i, m in concerned:
        found: list[str] = []
        if not competent:
            if competence_unknown:
                missing.extend(competence_unknown)
            else:
                found.append("kompetenskrav")
        if m.handledning is None:
            missing.append(f"$.personal[{i}].handledning")
        elif not m.handledning:
            found.append("handledning")
        if m.yrke is Yrke.kurator:
            if m.legitimerad is None:
                missing.append(f"$.personal[{i}].legitimerad")
            elif not m.legitimerad:
                found.append("legitimation")
        status, unknown = _level_status(i, m, ctx)
        if status == "fail":
            found.append("steg1")
        missing.extend(unknown)
        if found:
            problems[m.id] = found
    ids = sorted(m.id for _, m in concerned)
    if problems:
        listed = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(problems.items()))
        return failed(
            f"Villkor för psykoterapeutisk behandling uppfylls inte ({listed}). Krävs: enhetens "
            "kompetenskrav uppfyllt, handledning, legitimation för kurator och lägst grundläggande "
            f"psykoterapiutbildning (steg 1); nyanställd: påbörjad inom {grace} år efter anställningens start.",
            f"Conditions for psychotherapeutic treatment not met ({listed}). Required: the unit's "
            "competence requirement met, supervision, a licence for a counsellor and at least basic "
            f"psychotherapy training (steg 1); a new hire: begun within {grace} year(s) of the start.",
            staff=ids,
            problems=problems,
        )
    if missing:
        return indeterminate(*dict.fromkeys(missing), staff=ids)
    return passed(
        f"Kurator/socionom i psykoterapeutisk behandling uppfyller villkoren: {', '.join(ids)}.",
        f"Counsellors/social workers in psychotherapeutic treatment meet the conditions: {', '.join(ids)}.",
        staff=ids,
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.steg1_inom_ett_ar")
@staff_dates_consistent()
def steg1_inom_ett_ar(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    # Staff judged on the evaluation day: a new hire who has left the unit is no longer its staff.
    concerned, missing = _treating(unit.personal, ctx.as_of)
    staff: dict[str, dict[str, Any]] = {}
    earlier: list[str] = []
    outside: list[dict[str, Any]] = []
    for i, m in concerned:
        start = m.anstallning_start
        if start is None:
            missing.append(f"$.personal[{i}].anstallning_start")
            staff[m.id] = {"due": None, "actual": None, "outcome": Outcome.indeterminate.value}
            continue
        # Each employment is judged by the edition in force on its start: one that started
        # outside every edition is no new hire under this rulebook (listed, not judged).
        edition = edition_id(ctx, start)
        if edition is None:
            earlier.append(m.id)
            outside.append({"index": i, "staff": m.id, "date": start})
            continue
        years = ctx.param("years", on=start)
        due = calendar.add_years(start, years)
        if m.utbildningar is None:
            outcome, actual, unknown = Outcome.indeterminate, None, [f"$.personal[{i}].utbildningar"]
        else:
            outcome, actual, unknown = _started_by(i, _level_records(m, ctx.as_of), due, ctx.as_of)
        missing.extend(unknown)
        staff[m.id] = {"due": due, "actual": actual, "outcome": outcome.value, "edition": edition, "years": years}
    if not staff:
        if missing:
            return indeterminate(*dict.fromkeys(missing))
        if outside:
            return none_in_force(outside, employed_before=sorted(earlier))
        return not_applicable(
            "Ingen nyanställd kurator eller socionom arbetar med psykoterapeutisk behandling.",
            "No newly employed counsellor or social worker gives psychotherapeutic treatment.",
            reason="no_new_hire_in_scope",
            employed_before=[],
            outside_editions=[],
        )
    overall = worst(Outcome(s["outcome"]) for s in staff.values())
    if missing and overall is not Outcome.missed:
        overall = Outcome.indeterminate
    deciding = sorted(
        (s for s in staff.values() if s["outcome"] == overall.value and s["due"] is not None),
        key=lambda s: s["due"],
    )
    due_first = deciding[0]["due"] if deciding else None
    actual_first = deciding[0]["actual"] if deciding else None
    years_shown = "/".join(str(y) for y in sorted({s["years"] for s in staff.values() if "years" in s})) or "?"
    listed = "; ".join(f"{k}: senast {_d(v['due'])} ({_SV[v['outcome']]})" for k, v in staff.items())
    listed_en = "; ".join(f"{k}: by {_d(v['due'])} ({v['outcome']})" for k, v in staff.items())
    out_sv, out_en = outside_note(outside)
    sv = (f"Vid nyanställning ska steg 1 (eller högre) ha påbörjats senast {years_shown} år efter "
          f"anställningens start. {listed}.{out_sv}")
    en = (f"A new hire must have begun steg 1 (or higher) no later than {years_shown} year(s) after the "
          f"employment start. {listed_en}.{out_en}")
    if overall is Outcome.indeterminate:
        return indeterminate(*dict.fromkeys(missing), staff=staff, due=due_first)
    return finding(overall, sv, en, due=due_first, actual=actual_first, staff=staff,
                   employed_before=sorted(earlier), outside_editions=outside)


@rules.implement("kalmar.psykisk_halsa.vardenhet.verksamhetschef")
@staff_dates_consistent()
def verksamhetschef(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    present = _in_service(unit.personal, ctx.day)
    heads = [(i, m) for i, m in present if Funktion.verksamhetschef in (m.funktioner or ())]
    # "namngiven": a blank or whitespace-only name is reported and names nobody.
    named = sorted(m.id for _, m in heads if m.namn is not None and m.namn.strip())
    blank = sorted(m.id for _, m in heads if m.namn is not None and not m.namn.strip())
    if named:
        return passed(
            f"Utsedd, namngiven verksamhetschef finns ({', '.join(named)}).",
            f"An appointed, named head of operations is present ({', '.join(named)}).",
            staff=named,
        )
    unknown = [f"$.personal[{i}].namn" for i, m in heads if m.namn is None]
    unknown += [f"$.personal[{i}].funktioner" for i, m in present if m.funktioner is None]
    if unknown:
        return indeterminate(*unknown, unnamed_heads=blank)
    if blank:
        return failed(
            f"Verksamhetschef är utsedd men inte namngiven (namnet är tomt: {', '.join(blank)}).",
            f"A head of operations is appointed but not named (the name is blank: {', '.join(blank)}).",
            staff=[],
            unnamed_heads=blank,
        )
    return failed(
        "Ingen medarbetare i tjänst har funktionen verksamhetschef.",
        "No staff member in service holds the function of head of operations.",
        staff=[],
        unnamed_heads=[],
        not_in_service=_not_in_service(unit.personal, ctx.day),
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.kompetensbrist")
def kompetensbrist(unit: Vardenhet, ctx: RuleContext) -> Finding:
    brist = unit.kompetensbrist
    if brist is None:
        return not_applicable(
            "Ingen kompetensbrist är angiven.",
            "No competence shortfall is declared.",
            reason="no_shortfall_declared",
        )
    # Governed by the edition in force on the day the shortfall arose; a shortfall that arose
    # outside every edition is not governed by this text.
    if ctx.edition_on(brist.uppstod) is None:
        return no_rulebook_in_force(brist.uppstod)
    months = ctx.param("months", on=brist.uppstod)
    due = calendar.add_months(brist.uppstod, months)
    if brist.atergestalld is not None and brist.atergestalld < brist.uppstod:
        # Restored before the shortfall arose cannot be right (not a restoration in time).
        return inconsistent("$.kompetensbrist.atergestalld", "$.kompetensbrist.uppstod", due=due,
                            arose=brist.uppstod)
    # A report or restoration dated after the evaluation day has not happened on it.
    reported = _done_by(brist.anmald, ctx.as_of)
    restored = _done_by(brist.atergestalld, ctx.as_of)
    report = deadline_outcome(due, reported, ctx.as_of)
    restoration = deadline_outcome(due, restored, ctx.as_of)
    overall = worst((report, restoration))
    rep_sv = f"anmäld {_d(reported)}" if reported else "ingen anmälan registrerad"
    rep_en = f"reported {_d(reported)}" if reported else "no report recorded"
    res_sv = f"återställd {_d(restored)}" if restored else "inte återställd"
    res_en = f"restored {_d(restored)}" if restored else "not restored"
    note_sv, note_en = calendar_day_note(due)
    return finding(
        overall,
        f"Kompetensbrist från {_d(brist.uppstod)} ska anmälas till Region Kalmar län och vara "
        f"återställd senast {_d(due)} ({months} månad): {rep_sv} ({_SV[report.value]}), {res_sv} "
        f"({_SV[restoration.value]}). Under tiden påbörjas inga nya vårdåtaganden.{note_sv}",
        f"Competence shortfall from {_d(brist.uppstod)} must be reported to Region Kalmar län and "
        f"restored by {_d(due)} ({months} month): {rep_en} ({report.value}), {res_en} "
        f"({restoration.value}). Meanwhile no new care commitments start.{note_en}",
        due=due,
        actual=restored,
        arose=brist.uppstod,
        reported=reported,
        report=report.value,
        restoration=restoration.value,
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.ptp_platser")
def ptp_platser(unit: Vardenhet, ctx: RuleContext) -> Finding:
    total = ctx.param("places_per_year")
    split = ctx.param_or_none("split_2024")
    year = ctx.day.year
    allocation = dict(split) if split is not None else None
    if unit.ptp_platser is None:
        return indeterminate("$.ptp_platser", total=total, allocation=allocation)
    declared = unit.ptp_platser
    values: dict[str, Any] = {"year": year, "declared": declared, "total": total, "allocation": allocation}
    if declared > total:
        return failed(
            f"{declared} PTP-platser angivna för {year}; regionen har budgetmedel för {total} per år.",
            f"{declared} PTP places declared for {year}; the region funds {total} per year.",
            maximum=total, required=total, **values,
        )
    if allocation is None:
        return passed(
            f"{declared} PTP-platser angivna för {year}, inom regionens {total} per år. Ingen fördelning "
            f"mellan offentligt och privat drivna enheter är angiven för {year}.",
            f"{declared} PTP places declared for {year}, within the region's {total} per year. No split "
            f"between publicly and privately run units is stated for {year}.",
            maximum=total, required=total, **values,
        )
    if unit.driftform is None:
        return indeterminate("$.driftform", **values)
    share = allocation[unit.driftform.value]
    form_sv = "offentligt" if unit.driftform is Driftform.offentlig else "privat"
    form_en = "public" if unit.driftform is Driftform.offentlig else "private"
    sv = (f"{declared} PTP-platser angivna; {form_sv} drivna enheter tilldelas {share} av {total} "
          f"för {year}.")
    en = f"{declared} PTP places declared; {form_en} units are allotted {share} of {total} for {year}."
    values.update(maximum=share, required=share, driftform=unit.driftform.value)
    if declared <= share:
        return passed(sv, en, **values)
    return failed(sv + " Fler än tilldelningen.", en + " More than the allotment.", **values)


# --- Tillganglighet ----------------------------------------------------------------------------


@rules.implement("kalmar.psykisk_halsa.tillganglighet.e_tjanster")
def e_tjanster(t: Tillganglighet, ctx: RuleContext) -> Finding:
    mandatory = [ETjanst(e) for e in ctx.param("mandatory")]
    voluntary = [ETjanst(e) for e in ctx.param("voluntary")]
    if t.e_tjanster is None:
        return indeterminate("$.e_tjanster", required=[e.value for e in mandatory])
    offered = set(t.e_tjanster)
    lacking = [e.value for e in mandatory if e not in offered]
    values: dict[str, Any] = {
        "required": [e.value for e in mandatory],
        "declared": sorted(e.value for e in offered),
        "missing": lacking,
        "voluntary_offered": [e.value for e in voluntary if e in offered],
    }
    # "Av- eller omboka tid" declared without saying for which times (the generic code) may be the
    # mandatory "(för tider som ej möjliggör direkttidbokning)" or the voluntary "(webbtidbok,
    # frivillig)": it neither meets nor misses the mandatory one.
    unclear = [e for e in lacking
               if e == ETjanst.av_omboka_tid_ej_direkttidbokning.value and ETjanst.av_omboka_tid in offered]
    definite = [e for e in lacking if e not in unclear]
    if definite:
        return failed(
            f"Obligatoriska e-tjänster saknas: {', '.join(definite)}.",
            f"Mandatory e-services missing: {', '.join(definite)}.",
            **values,
        )
    if unclear:
        return indeterminate(
            "$.e_tjanster",
            sv="Kan inte avgöras: \"Av- eller omboka tid\" är angiven utan att det framgår om den gäller tider som "
               "ej möjliggör direkttidbokning (obligatorisk) eller webbtidboken (frivillig) ($.e_tjanster).",
            en="Cannot be decided: \"Av- eller omboka tid\" is declared without saying whether it is for times "
               "that cannot be booked directly (mandatory) or the web booking (voluntary) ($.e_tjanster).",
            unclear=unclear,
            **values,
        )
    return passed(
        f"Alla {len(mandatory)} obligatoriska e-tjänster i basutbudet erbjuds.",
        f"All {len(mandatory)} mandatory basic e-services are offered.",
        **values,
    )


@rules.implement("kalmar.psykisk_halsa.tillganglighet.tillfallig_stangning")
@closures_consistent
def tillfallig_stangning(t: Tillganglighet, ctx: RuleContext) -> Finding:
    if t.stangningar is None:
        return indeterminate("$.stangningar")
    missing: list[str] = []
    closures: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    kept_open: list[dict[str, Any]] = []
    for i, s in sorted(enumerate(t.stangningar), key=lambda p: (p[1].fran, p[0])):
        if s.haller_oppet:
            # "Om den tillfälliga stängningen": a deviation during which the unit keeps its opening
            # hours (a loss of competence that does not close it) is no closure; its report is the
            # competence shortfall's (vardenhet.kompetensbrist).
            kept_open.append({"index": i, "date": s.fran})
            continue
        # Each closure is judged by the edition in force on its first closed day.
        edition = edition_id(ctx, s.fran)
        if edition is None:
            outside.append({"index": i, "date": s.fran})
            continue
        limit = ctx.param("max_weeks_without_report", on=s.fran) * 7
        days = None if s.forvantad_till is None else (s.forvantad_till - s.fran).days + 1
        needs = None if days is None else days > limit
        # A report dated after the evaluation day has not been made on it (as a delivery dated
        # later is not yet delivered): it is listed, not counted.
        reported = s.anmald if s.anmald is not None and s.anmald <= ctx.as_of else None
        if needs is None and reported is None:
            missing.append(f"$.stangningar[{i}].forvantad_till")
        closures.append({"from": s.fran, "to": s.forvantad_till, "edition": edition, "days": days,
                         "limit_days": limit, "report_required": needs, "reported": reported,
                         "report_dated_after_as_of": s.anmald if reported is None else None,
                         "begun": s.fran <= ctx.as_of})
    # Closed weekdays reported only as days (avvikande_dagar) are closures too: one longer than the
    # limit cannot be judged without its report, which only a closure in stangningar carries.
    long_days: list[dict[str, Any]] = []
    for first, last in runs_of_closed_days(closed_days_outside_closures(t, eves=False)):
        if ctx.edition_on(first) is None:
            continue
        limit = ctx.param("max_weeks_without_report", on=first) * 7
        if (last - first).days + 1 > limit:
            long_days.append({"from": first, "to": last, "days": (last - first).days + 1, "limit_days": limit})
    if not closures and not long_days:
        if outside:
            return none_in_force(outside)
        return not_applicable(
            "Ingen tillfällig stängning är redovisad.",
            "No temporary closure is reported.",
            reason="no_closure",
            outside_editions=[],
            kept_open=kept_open,
        )
    closures.sort(key=lambda c: (c["from"], c["to"] or date.max, c["reported"] or date.min))
    # The text sets no date for the report: a closure not begun on the evaluation day and not yet
    # reported is pending (warning), not a breach; from its first closed day it fails.
    unreported = [c for c in closures if c["report_required"] and c["reported"] is None and c["begun"]]
    pending = [c for c in closures if c["report_required"] and c["reported"] is None and not c["begun"]]
    values: dict[str, Any] = {"closures": closures, "outside_editions": outside, "kept_open": kept_open,
                              "closed_days_not_in_stangningar": long_days}
    out_sv, out_en = outside_note(outside)
    if unreported:
        listed = ", ".join(f"{_d(c['from'])}–{_d(c['to'])} ({c['days']} dagar, mer än {c['limit_days']})"
                           for c in unreported)
        listed_en = ", ".join(f"{_d(c['from'])}–{_d(c['to'])} ({c['days']} days, more than {c['limit_days']})"
                              for c in unreported)
        return failed(
            f"Stängning som förväntas vara längre än gränsen har inte meddelats Regionstab Samordning "
            f"hälso- och sjukvård: {listed}.{out_sv}",
            f"Closure expected to last longer than the limit not reported to Regionstab Samordning "
            f"hälso- och sjukvård: {listed_en}.{out_en}",
            **values,
        )
    if long_days:
        missing.append("$.stangningar")
    if missing:
        if long_days:
            listed = ", ".join(f"{_d(c['from'])}–{_d(c['to'])} ({c['days']} dagar)" for c in long_days)
            listed_en = ", ".join(f"{_d(c['from'])}–{_d(c['to'])} ({c['days']} days)" for c in long_days)
            return indeterminate(
                *missing,
                sv=f"Kan inte avgöras: avvikande_dagar visar stängning längre än 4 veckor som inte är redovisad "
                   f"som tillfällig stängning med uppgift om meddelande till Regionstab ($.stangningar): {listed}.",
                en=f"Cannot be decided: avvikande_dagar shows a closure longer than 4 weeks that is not reported as "
                   f"a temporary closure with its report to Regionstab ($.stangningar): {listed_en}.",
                **values,
            )
        return indeterminate(*missing, **values)
    if pending:
        listed = ", ".join(f"{_d(c['from'])}–{_d(c['to'])} ({c['days']} dagar)" for c in pending)
        listed_en = ", ".join(f"{_d(c['from'])}–{_d(c['to'])} ({c['days']} days)" for c in pending)
        return warning(
            f"Stängning som förväntas vara längre än {pending[0]['limit_days']} dagar har ännu inte börjat och "
            f"är ännu inte meddelad Regionstab Samordning hälso- och sjukvård (texten anger ingen tidpunkt: "
            f"utestående, inte försenad): {listed}.{out_sv}",
            f"Closure expected to last longer than {pending[0]['limit_days']} days has not begun and is not yet "
            f"reported to Regionstab Samordning hälso- och sjukvård (the text sets no date: outstanding, not "
            f"late): {listed_en}.{out_en}",
            pending=[{"from": c["from"], "to": c["to"], "days": c["days"]} for c in pending],
            **values,
        )
    limits = "/".join(str(n) for n in sorted({c["limit_days"] for c in closures}))
    return passed(
        f"Varje stängning som förväntas vara längre än {limits} dagar är meddelad; kortare kräver "
        f"inget meddelande.{out_sv}",
        f"Every closure expected to last longer than {limits} days is reported; shorter ones need no "
        f"report.{out_en}",
        **values,
    )


# --- Uppfoljning -------------------------------------------------------------------------------


def _advance_notice(f: Uppfoljning, ctx: RuleContext, what_sv: str, what_en: str) -> Finding:
    """Changes of the rule's types must be announced ``months_before`` months before they happen.

    Each change is judged by the edition in force on the day it takes effect, with that day's
    types and months; a change dated outside every edition is listed, not judged."""
    if f.forandringar is None:
        return indeterminate("$.forandringar")
    concerned = codes_in_any_edition(ctx, "change_types", Forandringstyp)
    changes: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    for i, c in sorted(enumerate(f.forandringar), key=lambda p: (p[1].datum, p[1].typ, p[1].meddelad or date.min)):
        edition = edition_id(ctx, c.datum)
        if edition is None:
            if c.typ in concerned:
                outside.append({"index": i, "typ": c.typ.value, "date": c.datum})
            continue
        if c.typ not in codes_on(ctx, "change_types", Forandringstyp, c.datum):
            continue
        months = ctx.param("months_before", on=c.datum)
        due = calendar.add_months(c.datum, -months)
        # A notice dated after the evaluation day has not been given on it (deadline_outcome).
        outcome = deadline_outcome(due, c.meddelad, ctx.as_of)
        changes.append({"typ": c.typ.value, "date": c.datum, "edition": edition, "due": due, "actual": c.meddelad,
                        "months_before": months, "outcome": outcome.value})
    if not changes:
        if outside:
            return none_in_force(outside)
        names = ", ".join(sorted(t.value for t in concerned))
        return not_applicable(
            f"Ingen förändring av typen {names} finns i underlaget.",
            f"No change of type {names} is in the document.",
            reason="no_change_in_scope",
            outside_editions=[],
        )
    overall = worst(Outcome(c["outcome"]) for c in changes)
    deciding = next(c for c in changes if c["outcome"] == overall.value)
    months = deciding["months_before"]
    parts_sv = "; ".join(
        f"{c['typ']} {_d(c['date'])}: senast {_d(c['due'])}, "
        f"{'meddelad ' + _d(c['actual']) if c['actual'] else 'ej meddelad'} ({_SV[c['outcome']]})"
        for c in changes
    )
    parts_en = "; ".join(
        f"{c['typ']} {_d(c['date'])}: by {_d(c['due'])}, "
        f"{'told ' + _d(c['actual']) if c['actual'] else 'not told'} ({c['outcome']})"
        for c in changes
    )
    out_sv, out_en = outside_note(outside)
    return finding(
        overall,
        f"{what_sv} senast {months} månad(er) före förändringen. {parts_sv}.{out_sv}",
        f"{what_en} no later than {months} month(s) before the change. {parts_en}.{out_en}",
        due=deciding["due"],
        actual=deciding["actual"],
        changes=changes,
        outside_editions=outside,
    )


@rules.implement("kalmar.psykisk_halsa.uppfoljning.byte_verksamhetschef")
def byte_verksamhetschef(f: Uppfoljning, ctx: RuleContext) -> Finding:
    return _advance_notice(f, ctx, "Regionen ska meddelas skriftligt", "The region must be told in writing")


@rules.implement("kalmar.psykisk_halsa.uppfoljning.lokalbyte")
def lokalbyte(f: Uppfoljning, ctx: RuleContext) -> Finding:
    return _advance_notice(
        f, ctx, "Regionen ska kontaktas för godkännande av lokalbyte",
        "The region must be contacted for approval of the change of premises",
    )


@rules.implement("kalmar.psykisk_halsa.uppfoljning.forandring_samverkan")
def forandring_samverkan(f: Uppfoljning, ctx: RuleContext) -> Finding:
    return _advance_notice(
        f, ctx, "Avtalade hälsovalsenheter ska få kännedom om förändringen",
        "The partner hälsoval units must learn of the change",
    )
