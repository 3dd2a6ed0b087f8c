"""Rule functions of kalmar.psykisk_halsa (Vårdval Psykisk hälsa primärvård i Kalmar län).

Every number comes from the programme's data file through ``ctx.param``; every function decides
from its document alone and names the JSON path of each input it misses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Funktion,
    Medarbetare,
    Remiss,
    Remisstyp,
    Tillganglighet,
    Uppdrag,
    Uppfoljning,
    Utbildningsomrade,
    Utfall,
    Vardenhet,
    Yrke,
    local_day,
)
from primarvard_sdk.findings import (
    calendar_day_note,
    deadline,
    deadline_outcome,
    decision,
    failed,
    finding,
    indeterminate,
    not_applicable,
    passed,
    worst,
)
from primarvard_sdk.model import Finding, Outcome
from primarvard_sdk.plugin import Implementations

rules = Implementations("kalmar.psykisk_halsa")

#: Route codes used in eligibility decisions.
ROUTE_BUH = "barn_och_ungdomshalsan"
ROUTE_TRIAGE = "halsovalsenhet_kalmar"

#: The staff groups that may give psychotherapeutic treatment only under conditions.
_KURATOR_SOCIONOM = (Yrke.kurator, Yrke.socionom)
_CLINICIANS = (Yrke.psykoterapeut, Yrke.psykolog)


#: Deadline outcomes in Swedish, for explanations.
_SV = {"met": "uppfylld", "missed": "missad", "open": "öppen", "indeterminate": "kan ej avgöras"}


def _d(day: date) -> str:
    return day.isoformat()




# --- Remiss ------------------------------------------------------------------------------------


def _not_a_referral(remiss: Remiss) -> Finding | None:
    """not_applicable for a contact with the digital reception (it needs no referral)."""
    if remiss.typ is Remisstyp.digital_mottagning:
        return not_applicable(
            "Kontakt med digital mottagning: remiss krävs ej (se remiss.digital_mottagning).",
            "Contact with the digital reception: no referral is required (see remiss.digital_mottagning).",
        )
    return None


def _vfsp(remiss: Remiss) -> Finding | None:
    if remiss.typ is Remisstyp.vfsp:
        return not_applicable(
            "VFSP-remiss: återkoppling nästa vardag gäller i stället (vfsp_aterkoppling).",
            "VFSP referral: feedback on the next weekday applies instead (vfsp_aterkoppling).",
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


@rules.implement("kalmar.psykisk_halsa.remiss.forsta_kontakt")
def forsta_kontakt(remiss: Remiss, ctx: RuleContext) -> Finding:
    skip = _vfsp(remiss) or _not_a_referral(remiss)
    if skip is not None:
        return skip
    days = ctx.param("calendar_days")
    arrived = local_day(remiss.inkom)
    due = calendar.add_calendar_days(arrived, days)
    note_sv, note_en = calendar_day_note(due)
    if remiss.kompletteringar:
        note_sv += " Begärd komplettering flyttar inte fristen."
        note_en += " A completion request does not move the deadline."
    if remiss.bedomd_kan_ej_vanta:
        note_sv += " Vården bedöms inte kunna vänta: tidigare kontakt krävs."
        note_en += " Care is judged unable to wait: an earlier contact is required."
    return deadline(
        due,
        remiss.forsta_kontakt,
        ctx.as_of,
        f"Första kontakt senast {_d(due)} ({days} kalenderdagar efter ankomst {_d(arrived)}).{note_sv}",
        f"First contact no later than {_d(due)} ({days} calendar days after arrival {_d(arrived)}).{note_en}",
        arrived=arrived,
        due_is_vardag=calendar.is_vardag(due),
        earlier_required=bool(remiss.bedomd_kan_ej_vanta),
    )


@rules.implement("kalmar.psykisk_halsa.remiss.komplettering")
def komplettering(remiss: Remiss, ctx: RuleContext) -> Finding:
    skip = _vfsp(remiss) or _not_a_referral(remiss)
    if skip is not None:
        return skip
    if not remiss.kompletteringar:
        return not_applicable(
            "Ingen komplettering har begärts; fristen följer remiss.forsta_kontakt.",
            "No completion was requested; the deadline follows remiss.forsta_kontakt.",
        )
    days = ctx.param("calendar_days")
    arrived = local_day(remiss.inkom)
    due = calendar.add_calendar_days(arrived, days)
    requested = sorted(local_day(k.begard) for k in remiss.kompletteringar)
    received = sorted(local_day(k.inkommen) for k in remiss.kompletteringar if k.inkommen is not None)
    last = received[-1] if received else requested[-1]
    note_sv, note_en = calendar_day_note(due)
    return deadline(
        due,
        remiss.forsta_kontakt,
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


@rules.implement("kalmar.psykisk_halsa.remiss.vfsp_aterkoppling")
def vfsp_aterkoppling(remiss: Remiss, ctx: RuleContext) -> Finding:
    if remiss.typ is not Remisstyp.vfsp:
        return not_applicable(
            "Ingen VFSP-remiss; regeln gäller endast vårdförloppsremiss suicidprevention.",
            "Not a VFSP referral; the rule concerns suicide-prevention pathway referrals only.",
        )
    n = ctx.param("weekdays")
    arrived = local_day(remiss.inkom)
    due = calendar.nth_vardag_after(arrived, n)
    skipped = [
        (day, name)
        for day in (calendar.add_calendar_days(arrived, k) for k in range(1, (due - arrived).days))
        if (name := calendar.holiday_name(day)) is not None
    ]
    note_sv = note_en = ""
    if skipped:
        listed = ", ".join(f"{name} {_d(day)}" for day, name in skipped)
        note_sv = f" Helgdagar och aftnar räknas inte som vardagar ({listed})."
        note_en = f" Public holidays and eves are not weekdays ({listed})."
    return deadline(
        due,
        remiss.aterkoppling,
        ctx.as_of,
        f"VFSP-remiss inkom {_d(arrived)}; återkoppling till patienten senast närmaste "
        f"efterföljande vardag {_d(due)}.{note_sv}",
        f"VFSP referral arrived {_d(arrived)}; feedback to the patient due on the next weekday "
        f"after it, {_d(due)}.{note_en}",
        arrived=arrived,
    )


@rules.implement("kalmar.psykisk_halsa.remiss.utfardare")
def utfardare(remiss: Remiss, ctx: RuleContext) -> Finding:
    skip = _not_a_referral(remiss)
    if skip is not None:
        return skip
    if remiss.utfardare is None:
        return indeterminate("$.utfardare.legitimerad")
    licensed = remiss.utfardare.legitimerad
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
    if remiss.utfardare is None or remiss.utfardare.lan is None:
        return indeterminate("$.utfardare.lan")
    home = ctx.param("home_county")
    county = remiss.utfardare.lan.strip().casefold()
    if county == home:
        return decision(
            "accept",
            "Remissen är utfärdad inom Region Kalmar län.",
            "The referral is issued within Region Kalmar län.",
            issuer_county=county,
        )
    return decision(
        "route",
        f"Remissen är utfärdad i annat län ({county}). Remiss kan inte krävas från annat län: "
        "patienten triageras via hälsovalsenhet inom Region Kalmar län (ingen avvisning).",
        f"The referral is issued in another county ({county}). A referral cannot be demanded from "
        "another county: the patient is triaged by a hälsoval unit in Region Kalmar län (not rejected).",
        route=ROUTE_TRIAGE,
        issuer_county=county,
    )


@rules.implement("kalmar.psykisk_halsa.remiss.alder")
def alder(remiss: Remiss, ctx: RuleContext) -> Finding:
    min_age = ctx.param("min_age")
    arrived = local_day(remiss.inkom)
    age = _patient_age(remiss, arrived)
    if isinstance(age, Finding):
        return age
    if age >= min_age:
        return decision(
            "accept",
            f"Patienten är {age} år på ankomstdagen {_d(arrived)} (minst {min_age}).",
            f"The patient is {age} on the arrival day {_d(arrived)} (at least {min_age}).",
            age=age,
            reference_day=arrived,
        )
    return decision(
        "route",
        f"Patienten är {age} år på ankomstdagen {_d(arrived)}, under {min_age}: överlämning till "
        "Barn- och ungdomshälsan.",
        f"The patient is {age} on the arrival day {_d(arrived)}, under {min_age}: handed over to "
        "Barn- och ungdomshälsan.",
        route=ROUTE_BUH,
        age=age,
        reference_day=arrived,
    )


@rules.implement("kalmar.psykisk_halsa.remiss.oavsett_listning")
def oavsett_listning(remiss: Remiss, ctx: RuleContext) -> Finding:
    forbidden = tuple(ctx.param("forbidden_reasons"))
    beslut = remiss.beslut
    if beslut is not None and beslut.utfall is Utfall.avvisad:
        invalid = sorted({s for s in beslut.skal if s in forbidden})
        if invalid:
            return failed(
                f"Remissen avvisades med skäl {', '.join(invalid)}; listning eller folkbokföring "
                "får inte vara skäl att avvisa. Vårdbehovet styr prioriteringen.",
                f"The referral was rejected for {', '.join(invalid)}; listing or registration may "
                "not be a reason to reject. The care need decides priority.",
                unit_decision=beslut.utfall.value,
                invalid_reasons=invalid,
            )
    return decision(
        "accept",
        "Patienten tas emot oavsett listning och folkbokföring; vårdbehovet styr prioriteringen.",
        "The patient is received regardless of listing and registration; the care need decides priority.",
    )


@rules.implement("kalmar.psykisk_halsa.remiss.digital_mottagning")
def digital_mottagning(remiss: Remiss, ctx: RuleContext) -> Finding:
    if remiss.typ is not Remisstyp.digital_mottagning:
        return not_applicable(
            "Ingen kontakt med den digitala mottagningen.",
            "Not a contact with the digital reception.",
        )
    min_age = ctx.param("min_age")
    county = ctx.param("county")
    day = local_day(remiss.inkom)
    age = _patient_age(remiss, day)
    if isinstance(age, Finding):
        return age
    assert remiss.patient is not None
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
    registered = remiss.patient.folkbokford_lan
    if registered is None:
        return indeterminate("$.patient.folkbokford_lan", age=age, reference_day=day)
    if registered.strip().casefold() != county:
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


def _licensed_clinicians(staff: Sequence[Medarbetare], professions: Sequence[Yrke]) -> tuple[list[str], list[str]]:
    """Ids of licensed staff in ``professions`` and JSON paths of those whose licence is unstated."""
    licensed, unknown = [], []
    for i, m in enumerate(staff):
        if m.yrke in professions:
            if m.legitimerad is None:
                unknown.append(f"$.personal[{i}].legitimerad")
            elif m.legitimerad:
                licensed.append(m.id)
    return sorted(licensed), unknown


def _competence_met(unit: Vardenhet) -> tuple[bool, list[str]]:
    """Whether the unit has a licensed psychotherapist or psychologist, and the paths that would
    decide it when it has none for sure (empty when the answer is certain)."""
    licensed, unknown = _licensed_clinicians(unit.personal or (), _CLINICIANS)
    return bool(licensed), [] if licensed else unknown


@rules.implement("kalmar.psykisk_halsa.vardenhet.kompetenskrav")
def kompetenskrav(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    licensed, unknown = _licensed_clinicians(unit.personal, _CLINICIANS)
    if licensed:
        return passed(
            f"Leg. psykoterapeut eller leg. psykolog finns: {', '.join(licensed)}.",
            f"A licensed psychotherapist or psychologist is present: {', '.join(licensed)}.",
            qualifying_staff=licensed,
        )
    if unknown:
        return indeterminate(*unknown)
    return failed(
        "Ingen leg. psykoterapeut eller leg. psykolog bland personalen.",
        "No licensed psychotherapist or psychologist among the staff.",
        qualifying_staff=[],
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.tillgang_psykolog")
def tillgang_psykolog(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    psychologists, unknown_psy = _licensed_clinicians(unit.personal, (Yrke.psykolog,))
    if psychologists:
        return not_applicable(
            "Enheten har leg. psykolog; kravet gäller enheter med endast leg. psykoterapeuter.",
            "The unit has a licensed psychologist; the rule concerns units of psychotherapists only.",
        )
    therapists, unknown_pt = _licensed_clinicians(unit.personal, (Yrke.psykoterapeut,))
    if unknown_psy:
        return indeterminate(*unknown_psy)
    if not therapists:
        if unknown_pt:
            return indeterminate(*unknown_pt)
        return not_applicable(
            "Enheten har varken leg. psykolog eller leg. psykoterapeut (se vardenhet.kompetenskrav).",
            "The unit has neither a licensed psychologist nor a licensed psychotherapist (see vardenhet.kompetenskrav).",
        )
    if unit.tillgang_till_psykolog is None:
        return indeterminate("$.tillgang_till_psykolog")
    if unit.tillgang_till_psykolog:
        return passed(
            "Enheten har endast leg. psykoterapeuter och har försäkrat tillgång till psykolog.",
            "The unit has only licensed psychotherapists and has declared access to a psychologist.",
            psychotherapists=therapists,
        )
    return failed(
        "Enheten har endast leg. psykoterapeuter men ingen tillgång till psykolog.",
        "The unit has only licensed psychotherapists but no access to a psychologist.",
        psychotherapists=therapists,
    )


def _treats(m: Medarbetare) -> bool:
    return m.yrke in _KURATOR_SOCIONOM and Uppdrag.psykoterapeutisk_behandling in m.uppdrag


def _steg1_status(m: Medarbetare, i: int) -> tuple[date | None, date | None, list[str]]:
    """Earliest start and earliest completion of steg 1, and paths of undated steg 1 records."""
    started, completed, undated = [], [], []
    for j, u in enumerate(m.utbildningar):
        if u.omrade is not Utbildningsomrade.psykoterapi_steg1:
            continue
        if u.paborjad is not None:
            started.append(u.paborjad)
        if u.avslutad is not None:
            completed.append(u.avslutad)
        if u.paborjad is None and u.avslutad is None:
            undated.append(f"$.personal[{i}].utbildningar[{j}].paborjad")
    return min(started, default=None), min(completed, default=None), undated


@rules.implement("kalmar.psykisk_halsa.vardenhet.kurator_socionom")
def kurator_socionom(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    concerned = [(i, m) for i, m in enumerate(unit.personal) if _treats(m)]
    if not concerned:
        return not_applicable(
            "Ingen kurator eller socionom arbetar med psykoterapeutisk behandling.",
            "No counsellor or social worker gives psychotherapeutic treatment.",
        )
    grace = ctx.param("grace_years")
    competent, missing = _competence_met(unit)
    problems: dict[str, list[str]] = {}
    for i, m in sorted(concerned, key=lambda c: c[1].id):
        found: list[str] = []
        if not competent and not missing:
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
        started, completed, undated = _steg1_status(m, i)
        if started is None and completed is None:
            if undated:
                missing.extend(undated)
            elif m.anstallning_start is None:
                missing.append(f"$.personal[{i}].anstallning_start")
            elif ctx.as_of > calendar.add_years(m.anstallning_start, grace):
                found.append("steg1")
        if found:
            problems[m.id] = found
    ids = sorted(m.id for _, m in concerned)
    if problems:
        listed = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(problems.items()))
        return failed(
            f"Villkor för psykoterapeutisk behandling uppfylls inte ({listed}). Krävs: enhetens "
            "kompetenskrav uppfyllt, handledning, legitimation för kurator och lägst påbörjad steg 1 "
            f"(nyanställd: inom {grace} år efter anställningens start).",
            f"Conditions for psychotherapeutic treatment not met ({listed}). Required: the unit's "
            "competence requirement met, supervision, a licence for a counsellor and at least steg 1 "
            f"started (newly employed: within {grace} year(s) of the start).",
            staff=ids,
            problems=problems,
        )
    if missing:
        return indeterminate(*missing, staff=ids)
    return passed(
        f"Kurator/socionom i psykoterapeutisk behandling uppfyller villkoren: {', '.join(ids)}.",
        f"Counsellors/social workers in psychotherapeutic treatment meet the conditions: {', '.join(ids)}.",
        staff=ids,
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.steg1_inom_ett_ar")
def steg1_inom_ett_ar(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    concerned = sorted(((i, m) for i, m in enumerate(unit.personal) if _treats(m)), key=lambda c: c[1].id)
    if not concerned:
        return not_applicable(
            "Ingen kurator eller socionom arbetar med psykoterapeutisk behandling.",
            "No counsellor or social worker gives psychotherapeutic treatment.",
        )
    years = ctx.param("years")
    staff: dict[str, dict[str, Any]] = {}
    missing: list[str] = []
    for i, m in concerned:
        if m.anstallning_start is None:
            missing.append(f"$.personal[{i}].anstallning_start")
            staff[m.id] = {"due": None, "actual": None, "outcome": Outcome.indeterminate.value}
            continue
        due = calendar.add_years(m.anstallning_start, years)
        started, completed, _ = _steg1_status(m, i)
        actual = started
        if actual is None and completed is not None and completed <= due:
            actual = completed  # completed by the due day, so started by then too
        undated = [
            f"$.personal[{i}].utbildningar[{j}].paborjad"
            for j, u in enumerate(m.utbildningar)
            if u.omrade is Utbildningsomrade.psykoterapi_steg1 and u.paborjad is None
        ]
        if actual is None and undated:
            outcome = Outcome.indeterminate  # a steg 1 record whose start is not known
            missing.extend(undated)
        else:
            outcome = deadline_outcome(due, actual, ctx.as_of)
        staff[m.id] = {"due": due, "actual": actual, "outcome": outcome.value}
    overall = worst(Outcome(s["outcome"]) for s in staff.values())
    deciding = sorted(
        (s for s in staff.values() if s["outcome"] == overall.value and s["due"] is not None),
        key=lambda s: s["due"],
    )
    due_first = deciding[0]["due"] if deciding else None
    actual_first = deciding[0]["actual"] if deciding else None
    listed = "; ".join(
        f"{k}: senast {_d(v['due']) if v['due'] else '?'} ({_SV[v['outcome']]})" for k, v in staff.items()
    )
    listed_en = "; ".join(
        f"{k}: by {_d(v['due']) if v['due'] else '?'} ({v['outcome']})" for k, v in staff.items()
    )
    sv = f"Steg 1 ska ha påbörjats senast {years} år efter anställningens start. {listed}."
    en = f"Steg 1 must have started no later than {years} year(s) after the employment start. {listed_en}."
    if overall is Outcome.indeterminate:
        return indeterminate(*missing, staff=staff, due=due_first)
    return finding(overall, sv, en, due=due_first, actual=actual_first, staff=staff)


@rules.implement("kalmar.psykisk_halsa.vardenhet.verksamhetschef")
def verksamhetschef(unit: Vardenhet, ctx: RuleContext) -> Finding:
    if unit.personal is None:
        return indeterminate("$.personal")
    heads = [(i, m) for i, m in enumerate(unit.personal) if Funktion.verksamhetschef in m.funktioner]
    named = sorted(m.id for _, m in heads if m.namn)
    if named:
        return passed(
            f"Utsedd, namngiven verksamhetschef finns ({', '.join(named)}).",
            f"An appointed, named head of operations is present ({', '.join(named)}).",
            staff=named,
        )
    if heads:
        return indeterminate(*(f"$.personal[{i}].namn" for i, _ in heads))
    return failed(
        "Ingen medarbetare har funktionen verksamhetschef.",
        "No staff member holds the function of head of operations.",
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.kompetensbrist")
def kompetensbrist(unit: Vardenhet, ctx: RuleContext) -> Finding:
    brist = unit.kompetensbrist
    if brist is None:
        return not_applicable(
            "Ingen kompetensbrist är angiven.",
            "No competence shortfall is declared.",
        )
    months = ctx.param("months")
    due = calendar.add_months(brist.uppstod, months)
    if brist.anmald is not None:
        rep_sv, rep_en = f" Anmäld till regionen {_d(brist.anmald)}.", f" Reported to the region {_d(brist.anmald)}."
    else:
        rep_sv, rep_en = " Anmälan till regionen saknas.", " No report to the region is recorded."
    note_sv, note_en = calendar_day_note(due)
    return deadline(
        due,
        brist.atergestalld,
        ctx.as_of,
        f"Kompetensbrist från {_d(brist.uppstod)} ska vara återställd senast {_d(due)} ({months} "
        f"månad). Under tiden påbörjas inga nya vårdåtaganden.{rep_sv}{note_sv}",
        f"Competence shortfall from {_d(brist.uppstod)} must be restored by {_d(due)} ({months} "
        f"month). Meanwhile no new care commitments start.{rep_en}{note_en}",
        arose=brist.uppstod,
        reported=brist.anmald,
    )


@rules.implement("kalmar.psykisk_halsa.vardenhet.ptp_platser")
def ptp_platser(unit: Vardenhet, ctx: RuleContext) -> Finding:
    total = ctx.param("places_per_year")
    split = ctx.param_or_none("split_2024")
    if split is None:
        return not_applicable(
            f"Regionen finansierar {total} PTP-platser per år. Ingen fördelning mellan offentliga och "
            f"privata enheter gäller {_d(ctx.as_of)} (fördelningen 4/1 gällde endast 2024).",
            f"The region funds {total} PTP places per year. No split between public and private "
            f"units is in force on {_d(ctx.as_of)} (the 4/1 split applied to 2024 only).",
            places_per_year=total,
            total=total,
        )
    allocation = dict(split)
    missing = [p for p, v in (("$.driftform", unit.driftform), ("$.ptp_platser", unit.ptp_platser)) if v is None]
    if missing:
        return indeterminate(*missing, allocation=allocation, total=total, places_per_year=total)
    assert unit.driftform is not None and unit.ptp_platser is not None
    maximum = allocation[unit.driftform.value]
    values: dict[str, Any] = {
        "allocation": allocation,
        "total": total,
        "places_per_year": total,
        "declared": unit.ptp_platser,
        "required": maximum,
        "maximum": maximum,
        "driftform": unit.driftform.value,
    }
    sv = (f"{unit.ptp_platser} PTP-platser angivna; {unit.driftform.value} drivna enheter tilldelas "
          f"{maximum} av {total} ({ctx.as_of.year}).")
    en = (f"{unit.ptp_platser} PTP places declared; {unit.driftform.value} units are allotted "
          f"{maximum} of {total} ({ctx.as_of.year}).")
    if unit.ptp_platser <= maximum:
        return passed(sv, en, **values)
    return failed(sv + " Fler än tilldelningen.", en + " More than the allotment.", **values)


# --- Tillganglighet ----------------------------------------------------------------------------


@rules.implement("kalmar.psykisk_halsa.tillganglighet.e_tjanster")
def e_tjanster(t: Tillganglighet, ctx: RuleContext) -> Finding:
    mandatory = list(ctx.param("mandatory"))
    voluntary = list(ctx.param("voluntary"))
    if t.e_tjanster is None:
        return indeterminate("$.e_tjanster", required=mandatory)
    offered = sorted(set(t.e_tjanster))
    lacking = [e for e in mandatory if e not in offered]
    values: dict[str, Any] = {
        "required": mandatory,
        "declared": offered,
        "missing": lacking,
        "voluntary_offered": [e for e in voluntary if e in offered],
    }
    if lacking:
        return failed(
            f"Obligatoriska e-tjänster saknas: {', '.join(lacking)}.",
            f"Mandatory e-services missing: {', '.join(lacking)}.",
            **values,
        )
    return passed(
        f"Alla {len(mandatory)} obligatoriska e-tjänster i basutbudet erbjuds.",
        f"All {len(mandatory)} mandatory basic e-services are offered.",
        **values,
    )


@rules.implement("kalmar.psykisk_halsa.tillganglighet.tillfallig_stangning")
def tillfallig_stangning(t: Tillganglighet, ctx: RuleContext) -> Finding:
    if not t.stangningar:
        return not_applicable("Ingen tillfällig stängning angiven.", "No temporary closure declared.")
    weeks = ctx.param("max_weeks_without_report")
    limit = weeks * 7
    missing: list[str] = []
    closures: list[dict[str, Any]] = []
    for i, s in enumerate(t.stangningar):
        if s.forvantad_till is None:
            missing.append(f"$.stangningar[{i}].forvantad_till")
            continue
        days = (s.forvantad_till - s.fran).days + 1
        needs = days > limit
        closures.append({"from": s.fran, "to": s.forvantad_till, "days": days,
                         "report_required": needs, "reported": s.anmald})
    closures.sort(key=lambda c: (c["from"], c["to"], c["reported"] or date.min))
    unreported = [c for c in closures if c["report_required"] and c["reported"] is None]
    values: dict[str, Any] = {"closures": closures, "max_days_without_report": limit}
    if unreported:
        listed = ", ".join(f"{_d(c['from'])}–{_d(c['to'])} ({c['days']} dagar)" for c in unreported)
        listed_en = ", ".join(f"{_d(c['from'])}–{_d(c['to'])} ({c['days']} days)" for c in unreported)
        return failed(
            f"Stängning längre än {weeks} veckor ({limit} dagar) har inte meddelats Regionstab "
            f"Samordning hälso- och sjukvård: {listed}.",
            f"Closure longer than {weeks} weeks ({limit} days) not reported to Regionstab Samordning "
            f"hälso- och sjukvård: {listed_en}.",
            **values,
        )
    if missing:
        return indeterminate(*missing, **values)
    return passed(
        f"Varje stängning längre än {weeks} veckor ({limit} dagar) är meddelad; kortare kräver inget meddelande.",
        f"Every closure longer than {weeks} weeks ({limit} days) is reported; shorter ones need no report.",
        **values,
    )


# --- Uppfoljning -------------------------------------------------------------------------------


def _advance_notice(f: Uppfoljning, ctx: RuleContext, what_sv: str, what_en: str) -> Finding:
    """Changes of the rule's types must be announced ``months_before`` months before they happen."""
    types = tuple(ctx.param("change_types"))
    months = ctx.param("months_before")
    if f.forandringar is None:
        return indeterminate("$.forandringar")
    selected = sorted(
        (c for c in f.forandringar if c.typ in types),
        key=lambda c: (c.datum, c.typ, c.meddelad or date.min),
    )
    if not selected:
        return not_applicable(
            f"Ingen förändring av typen {', '.join(types)}.",
            f"No change of type {', '.join(types)}.",
        )
    changes: list[dict[str, Any]] = []
    for c in selected:
        due = calendar.add_months(c.datum, -months)
        outcome = deadline_outcome(due, c.meddelad, ctx.as_of)
        changes.append({"typ": c.typ, "date": c.datum, "due": due, "actual": c.meddelad,
                        "outcome": outcome.value})
    overall = worst(Outcome(c["outcome"]) for c in changes)
    deciding = next(c for c in changes if c["outcome"] == overall.value)
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
    return finding(
        overall,
        f"{what_sv} senast {months} månad(er) före förändringen. {parts_sv}.",
        f"{what_en} no later than {months} month(s) before the change. {parts_en}.",
        due=deciding["due"],
        actual=deciding["actual"],
        changes=changes,
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


# --- Vectorised twins (issue 8: population-scale evaluation) -----------------------------------
# Each twin gives, row by row, what the rule function above gives on the same document (checked
# by tests/test_batch_agreement.py on random documents). Same parameters via ctx.param; the date
# arithmetic is primarvard_sdk.batch's (the columnar calendar). numpy is imported on first use.

from collections.abc import Mapping  # noqa: E402 - kept with the twins it serves

from primarvard_sdk.vectorised import Column  # noqa: E402


def _birth_on_arrival(remiss: Remiss) -> date | None:
    return remiss.patient.birth_date(local_day(remiss.inkom)) if remiss.patient else None


@rules.vectorised(
    "kalmar.psykisk_halsa.remiss.forsta_kontakt",
    Column("inkom", "time"), Column("typ", "code"), Column("forsta_kontakt", "time"),
)
def forsta_kontakt_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    from primarvard_sdk import batch

    typ = cols["typ"]
    days, not_in_force = batch.in_force(ctx, "calendar_days")
    arrived = batch.local_days(cols["inkom"])
    due = batch.add_calendar_days(arrived, days or 0)  # rows use it only when days is in force
    return batch.finding(
        len(typ),
        (batch.codes_equal(typ, Remisstyp.vfsp), Outcome.not_applicable, "vfsp"),
        (batch.codes_equal(typ, Remisstyp.digital_mottagning), Outcome.not_applicable, "digital_mottagning"),
        not_in_force,
        default=batch.deadline_outcome(due, cols["forsta_kontakt"], ctx.as_of),
        values={"due": due, "arrived": arrived, "due_is_vardag": batch.is_vardag(due)},
    )


@rules.vectorised(
    "kalmar.psykisk_halsa.remiss.vfsp_aterkoppling",
    Column("inkom", "time"), Column("typ", "code"), Column("aterkoppling", "time"),
)
def vfsp_aterkoppling_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    from primarvard_sdk import batch

    typ = cols["typ"]
    n, not_in_force = batch.in_force(ctx, "weekdays")
    arrived = batch.local_days(cols["inkom"])
    due = batch.nth_vardag_after(arrived, n or 1)  # rows use it only when n is in force
    return batch.finding(
        len(typ),
        (~batch.codes_equal(typ, Remisstyp.vfsp), Outcome.not_applicable, "not_vfsp"),
        not_in_force,
        default=batch.deadline_outcome(due, cols["aterkoppling"], ctx.as_of),
        values={"due": due, "arrived": arrived},
    )


@rules.vectorised(
    "kalmar.psykisk_halsa.remiss.alder",
    Column("inkom", "time"),
    Column("patient", "flag", get=lambda r: r.patient is not None),
    Column("fodd", "day", path="patient.fodelsedatum", get=_birth_on_arrival),
)
def alder_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    import numpy as np

    from primarvard_sdk import batch

    min_age, not_in_force = batch.in_force(ctx, "min_age")
    arrived = batch.local_days(cols["inkom"])
    age = batch.full_years(cols["fodd"], arrived)
    adult = age >= (min_age or 0)
    return batch.finding(
        len(arrived),
        not_in_force,
        (cols["patient"] != 1, Outcome.indeterminate, "missing:$.patient"),
        (np.isnat(cols["fodd"]), Outcome.indeterminate, "missing:$.patient.fodelsedatum,$.patient.personnummer"),
        (~adult, Outcome.warning, ROUTE_BUH),
        default=Outcome.passed,
        values={
            "age": age,
            "decision": np.where(adult, "accept", "route"),
            "reference_day": arrived,
        },
    )


@rules.vectorised(
    "kalmar.psykisk_halsa.remiss.komplettering",
    Column("inkom", "time"), Column("typ", "code"),
    Column("kompletteringar", "flag", get=lambda r: bool(r.kompletteringar)),
    Column("forsta_kontakt", "time"),
)
def komplettering_columns(cols: Mapping[str, Any], ctx: RuleContext) -> Any:
    """``kompletteringar``: whether any completion was requested (the deadline counts from the
    original arrival all the same, so the requests themselves are not needed)."""
    from primarvard_sdk import batch

    typ = cols["typ"]
    days, not_in_force = batch.in_force(ctx, "calendar_days")
    arrived = batch.local_days(cols["inkom"])
    due = batch.add_calendar_days(arrived, days or 0)  # rows use it only when days is in force
    return batch.finding(
        len(typ),
        (batch.codes_equal(typ, Remisstyp.vfsp), Outcome.not_applicable, "vfsp"),
        (batch.codes_equal(typ, Remisstyp.digital_mottagning), Outcome.not_applicable, "digital_mottagning"),
        (cols["kompletteringar"] != 1, Outcome.not_applicable, "no_completion_requested"),
        not_in_force,
        default=batch.deadline_outcome(due, cols["forsta_kontakt"], ctx.as_of),
        values={"due": due, "arrived": arrived, "due_is_vardag": batch.is_vardag(due)},
    )
