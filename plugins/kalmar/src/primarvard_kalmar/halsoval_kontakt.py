"""Duties at a care contact (kalmar.halsoval): rules of the further obligations read from the rulebook.

:func:`tolk` and :func:`patientavgift` state obligations the two Kalmar programmes share word for
word; they are registered here and, the same functions, on kalmar.psykisk_halsa
(``psykisk_halsa_kontakt``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from primarvard_kalmar.halsoval_common import join_ids, rules
from primarvard_kalmar.halsoval_tider import Span, minutes
from primarvard_kalmar.halsoval_tillganglighet import deviation_status
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Besoksplats,
    Hanvisning,
    Insats,
    Kontakttyp,
    Oppettid,
    Tolkbehov,
    Tolkleverantor,
    Vardkontakt,
    Veckodag,
    minute_of_day,
)
from primarvard_sdk.domain.kontakt import Patientavgift, kronor
from primarvard_sdk.findings import (
    decision,
    failed,
    handed_over,
    indeterminate,
    not_applicable,
    passed,
    warning,
)
from primarvard_sdk.model import Finding

__all__ = ["open_at", "patientavgift", "referral_target", "tolk"]

_WEEK = (Veckodag.mon, Veckodag.tue, Veckodag.wed, Veckodag.thu, Veckodag.fri, Veckodag.sat, Veckodag.sun)


# --- interpreter and patient fee (both Kalmar programmes) -------------------------------------

#: Who may supply the interpreter for each need. A language interpreter: "Tolk eller tolkförmedling med
#: vilken Region Kalmar län har avtal ska anlitas" — only the region's agreement (tolkcentralen is named
#: for the hearing needs alone). The deaf, deafblind and hard of hearing "får detta genom tolkcentralen":
#: that describes their usual route, not a ban on the region's agreement, so an interpreter arranged
#: through the region's agreement passes too; only a supplier outside both fails.
_SUPPLIERS = {
    Tolkbehov.sprak: (Tolkleverantor.regionens_avtal,),
    Tolkbehov.horsel: (Tolkleverantor.tolkcentralen, Tolkleverantor.regionens_avtal),
}


def tolk(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    """A patient who needs a language interpreter gets one from the region's agreement; a patient with a
    hearing need gets one through tolkcentralen or the region's agreement (not from anyone else)."""
    need = doc.tolk.behov if doc.tolk is not None else None
    if need is None:
        return indeterminate("$.tolk.behov")
    if need is Tolkbehov.inget:
        return not_applicable(
            "Patienten behöver ingen tolk.", "The patient needs no interpreter.", reason="no_interpreter_needed"
        )
    assert doc.tolk is not None
    if doc.tolk.ordnad is None:
        return indeterminate("$.tolk.ordnad", need=need.value)
    if not doc.tolk.ordnad:
        if need is Tolkbehov.horsel:
            return not_applicable(
                "Patienten behöver tolk för döva, dövblinda eller hörselskadade och får den genom tolkcentralen; "
                "enheten ordnade ingen tolk själv, och det är inte enhetens uppgift.",
                "The patient needs an interpreter for the deaf, deafblind or hard of hearing and gets one through "
                "tolkcentralen; the unit arranged none itself, and that is not the unit's task.",
                reason="arranged_through_tolkcentralen",
                need=need.value,
            )
        return failed(
            "Patienten behöver språktolk men ingen tolk ordnades till kontakten.",
            "The patient needs a language interpreter but no interpreter was arranged for the contact.",
            need=need.value,
        )
    supplier = doc.tolk.leverantor
    if supplier is None:
        return indeterminate("$.tolk.leverantor", need=need.value)
    allowed = _SUPPLIERS[need]
    values: dict[str, Any] = {"need": need.value, "supplier": supplier.value}
    if need is Tolkbehov.sprak:
        kind_sv, kind_en = "språktolk", "a language interpreter"
        rule_sv = "tolk eller tolkförmedling med vilken Region Kalmar län har avtal ska anlitas"
        rule_en = "an interpreter or agency Region Kalmar län has an agreement with is to be engaged"
    else:
        kind_sv, kind_en = "tolk för döva, dövblinda eller hörselskadade", "an interpreter for the deaf or hard of hearing"
        rule_sv = "gravt hörselskadade, döva, vuxendöva, dövblinda och hörande som behöver tolk får detta genom " \
                  "tolkcentralen (eller en tolkförmedling med vilken Region Kalmar län har avtal)"
        rule_en = "the severely hard of hearing, deaf, deafened, deafblind and hearing persons who need an " \
                  "interpreter get one through tolkcentralen (or an agency Region Kalmar län has an agreement with)"
    if supplier not in allowed:
        return failed(
            f"Patienten behöver {kind_sv}; tolken anlitades från {supplier.value}, men {rule_sv}.",
            f"The patient needs {kind_en}; the interpreter came from {supplier.value}, but {rule_en}.",
            **values,
        )
    return passed(
        f"Patienten behöver {kind_sv}; tolk ordnades från {supplier.value}.",
        f"The patient needs {kind_en}; an interpreter was arranged from {supplier.value}.",
        **values,
    )


def patientavgift(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    """The fee charged is the decided fee: "Rabatter eller annan förändring av patientavgifter är
    inte tillåtet" — a difference either way fails. Fees are sums of money: compared in whole öre."""
    amounts = Patientavgift.amounts(doc.patientavgift)
    if isinstance(amounts, list):
        return indeterminate(*amounts)
    charged, decided = amounts
    values: dict[str, Any] = {"charged": float(charged), "decided": float(decided)}
    if charged == decided:
        return passed(
            f"Uttagen patientavgift {kronor(charged)} är den beslutade avgiften.",
            f"The patient fee charged, {kronor(charged, '.')}, is the decided fee.",
            **values,
        )
    change_sv = "lägre (rabatt)" if charged < decided else "högre"
    change_en = "lower (a discount)" if charged < decided else "higher"
    return failed(
        f"Uttagen patientavgift {kronor(charged)} är {change_sv} än den beslutade {kronor(decided)}; rabatter "
        "eller annan förändring av patientavgifter är inte tillåtet.",
        f"The patient fee charged, {kronor(charged, '.')}, is {change_en} than the decided {kronor(decided, '.')}; "
        "discounts or other changes of patient fees are not allowed.",
        **values,
    )


rules.implement("kalmar.halsoval.vardkontakt.tolk")(tolk)
rules.implement("kalmar.halsoval.vardkontakt.patientavgift")(patientavgift)


# --- referrals to the emergency department --------------------------------------------------


def _day_key(day: date, eves_exempt: bool = False) -> Veckodag:
    """The schedule entry that applies on ``day``: ``helgdag`` (the schedule for public holidays) on an
    allmän helgdag, else the weekday. Midsommar-, jul- and nyårsafton are no allmänna helgdagar: they
    keep their weekday's hours unless ``eves_exempt`` (as tillganglighet.oppettider reads them)."""
    status = deviation_status(day, eves_exempt)
    return Veckodag.helgdag if status in ("helgdag", "afton_undantagen") else _WEEK[day.weekday()]


def open_at(schedule: Sequence[Oppettid], instant: datetime, eves_exempt: bool = False) -> bool:
    """Whether the local wall time of ``instant`` lies in one of its day's intervals [fran, till):
    on an allmän helgdag the ``helgdag`` entries apply (on the eves too when ``eves_exempt``)."""
    local = calendar.to_local(instant)
    key = _day_key(local.date(), eves_exempt)
    now = minute_of_day(local.time())
    return any(o.dag is key and minute_of_day(o.fran) <= now < minute_of_day(o.till, end=True) for o in schedule)


def _minimum_window(day: date, ctx: RuleContext) -> Span | None:
    """The text's own minimum opening window on ``day`` ("måndag-fredag klockan 07.30-17.00"), read as
    kalmar.halsoval.tillganglighet.oppettider reads it: on the listed weekdays that are not allmänna
    helgdagar (an eve is covered unless ``eves_exempt``); ``None`` on any other day."""
    weekdays = {Veckodag(d) for d in ctx.param("weekdays")}
    opens, closes = time.fromisoformat(str(ctx.param("opens"))), time.fromisoformat(str(ctx.param("closes")))
    eves_exempt = bool(ctx.param("eves_exempt"))
    if _WEEK[day.weekday()] not in weekdays or deviation_status(day, eves_exempt) not in ("vardag", "afton"):
        return None
    return minutes(opens), minutes(closes)


def referral_target(doc: Vardkontakt) -> tuple[Hanvisning | None, bool]:
    """Where the patient was referred (``None``: not referred) and whether that is known."""
    if doc.hanvisad_till is not None:
        return doc.hanvisad_till, True
    if doc.hanvisad is False:
        return None, True
    return None, False


@rules.implement("kalmar.halsoval.vardkontakt.ej_hanvisning_akutmottagning")
def ej_hanvisning_akutmottagning(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    schedule = doc.ordinarie_oppettider
    moment = doc.kontakt
    assert moment is not None  # the governing day
    if not isinstance(moment, datetime):
        day = moment
        window = _minimum_window(day, ctx)
        declared = schedule is not None and any(
            o.dag is _day_key(day, bool(ctx.param("eves_exempt"))) for o in schedule
        )
        if window is None and not declared:
            hours_sv = "enheten har stängt enligt sina angivna öppettider" if schedule is not None else \
                "enhetens öppettider är inte angivna"
            hours_en = "the unit is closed by its declared hours" if schedule is not None else \
                "the unit's hours are not given"
            return not_applicable(
                f"Kontakten {day.isoformat()} var en dag utanför textens minsta öppettid (måndag–fredag "
                f"07.30–17.00, ej helgdag), och {hours_sv}; regeln gäller öppettiden.",
                f"The contact on {day.isoformat()} was on a day outside the text's minimum opening time (Monday to "
                f"Friday 07:30–17:00, not a public holiday), and {hours_en}; the rule concerns the opening hours.",
                reason="outside_opening_hours",
            )
        return indeterminate(
            "$.kontakt",
            sv="Kan inte avgöras: $.kontakt anger bara en dag; klockslaget avgör om kontakten var under öppettiden.",
            en="Cannot be decided: $.kontakt gives only a day; the time of day decides whether the contact was "
               "during the opening hours.",
        )
    local = calendar.to_local(moment)
    at = f"{local:%Y-%m-%d %H:%M}"
    window = _minimum_window(local.date(), ctx)
    now = minute_of_day(local.time())
    within = [basis for basis, inside in (
        ("minimum", window is not None and window[0] <= now < window[1]),
        ("declared", schedule is not None and open_at(schedule, moment, bool(ctx.param("eves_exempt")))),
    ) if inside]
    if not within:
        hours_sv = "enhetens angivna öppettider" if schedule is not None else \
            "enhetens öppettider, som inte är angivna (bedömt mot minsta öppettiden)"
        hours_en = "the unit's declared hours" if schedule is not None else \
            "the unit's hours, which are not given (judged against the minimum)"
        return not_applicable(
            f"Kontakten {at} var utanför öppettiden: utanför textens minsta öppettid (måndag–fredag 07.30–17.00, "
            f"ej helgdag) och {hours_sv}.",
            f"The contact at {at} was outside the opening hours: outside the text's minimum opening time (Monday "
            f"to Friday 07:30–17:00, not a public holiday) and {hours_en}.",
            reason="outside_opening_hours",
        )
    target, known = referral_target(doc)
    if not known:
        return indeterminate("$.hanvisad_till", within=within)
    if target is not Hanvisning.akutmottagning:
        where_sv = f"hänvisades till {target.value}" if target is not None else "hänvisades inte vidare"
        where_en = f"was referred to {target.value}" if target is not None else "was not referred elsewhere"
        return passed(
            f"Patienten {where_sv} under öppettiden ({at}), inte till akutmottagningen.",
            f"The patient {where_en} during the opening hours ({at}), not to the emergency department.",
            within=within,
        )
    if doc.akut_medicinska_skal is None:
        return indeterminate("$.akut_medicinska_skal", within=within)
    if doc.akut_medicinska_skal:
        return passed(
            f"Patienten hänvisades till akutmottagningen under öppettiden ({at}) av medicinska skäl.",
            f"The patient was referred to the emergency department during the opening hours ({at}) for medical "
            "reasons.",
            within=within,
        )
    return failed(
        f"Patienten hänvisades till akutmottagningen under öppettiden ({at}) utan medicinska skäl; inga patienter "
        "ska hänvisas dit under öppettiden om de inte av medicinska skäl ska dit.",
        f"The patient was referred to the emergency department during the opening hours ({at}) without medical "
        "reasons; no patient is to be referred there during the opening hours unless for medical reasons.",
        within=within,
    )


#: Where an emergency sends a patient: the emergency department, or 112 (an ambulance).
_EMERGENCY = (Hanvisning.akutmottagning, Hanvisning.larmnummer_112)


@rules.implement("kalmar.halsoval.vardkontakt.helgoppen_mottagande")
def helgoppen_mottagande(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    on_call = doc.mottagande.jourcentral if doc.mottagande is not None else None
    if on_call is None:
        return indeterminate("$.mottagande.jourcentral")
    if not on_call:
        return not_applicable(
            "Kontakten var inte med den helgöppna hälsocentralen eller beredskapsläkaren.",
            "The contact was not with the weekend-open health centre or the physician on call.",
            reason="not_weekend_or_on_call",
        )
    target, known = referral_target(doc)
    if not known:
        return indeterminate("$.hanvisad_till", *(["$.kan_ej_vanta"] if doc.kan_ej_vanta is None else []))
    if target in _EMERGENCY:
        assert target is not None
        where_sv = "akutmottagningen" if target is Hanvisning.akutmottagning else "112 (ambulans)"
        where_en = "the emergency department" if target is Hanvisning.akutmottagning else "112 (an ambulance)"
        if doc.akut_medicinska_skal is None:
            return indeterminate("$.akut_medicinska_skal", referred_to=target.value)
        if doc.akut_medicinska_skal:
            return passed(
                f"Patienten hänvisades till {where_sv} av medicinska skäl.",
                f"The patient was referred to {where_en} for medical reasons.",
                referred_to=target.value,
            )
        if target is Hanvisning.akutmottagning:
            return failed(
                "Patienten hänvisades till akutmottagningen utan medicinska skäl; även den helgöppna "
                "hälsocentralen och beredskapsläkaren ska säkra att inga patienter hänvisas dit utan medicinska "
                "skäl, vare sig patienten kan vänta till nästkommande vardag eller inte.",
                "The patient was referred to the emergency department without medical reasons; the weekend-open "
                "health centre and the physician on call too must ensure that no patient is referred there "
                "without medical reasons, whether or not the patient can wait until the next weekday.",
                referred_to=target.value,
            )
    if doc.kan_ej_vanta is None:
        return indeterminate("$.kan_ej_vanta")
    if doc.kan_ej_vanta:
        if target is not None and target is not Hanvisning.egen_enhet:
            return failed(
                f"Patienten kan inte vänta till nästkommande vardag men hänvisades till {target.value}; de som inte "
                "kan vänta ska tas emot.",
                f"The patient cannot wait until the next weekday but was referred to {target.value}; those who "
                "cannot wait are to be received.",
                referred_to=target.value,
            )
        return decision(
            "accept",
            "Patienten kan inte vänta till nästkommande vardag: den helgöppna hälsocentralen eller "
            "beredskapsläkaren tar emot patienten.",
            "The patient cannot wait until the next weekday: the weekend-open health centre or the physician on "
            "call receives the patient.",
        )
    if target in _EMERGENCY:  # 112 without medical reasons (akutmottagningen failed above)
        return failed(
            "Patienten kan vänta till nästkommande vardag men hänvisades till 112 utan medicinska skäl; patienten "
            "ska hänvisas att återkomma till sin ordinarie läkare.",
            "The patient can wait until the next weekday but was referred to 112 without medical reasons; the "
            "patient is to be referred back to their regular physician.",
            referred_to=target.value,
        )
    return handed_over(  # referring the patient back is the course the text gives, not a failure
        "Patienten kan vänta till nästkommande vardag: hänvisas att återkomma till sin ordinarie läkare.",
        "The patient can wait until the next weekday: referred to come back to their regular physician.",
        route="ordinarie_lakare",
    )


# --- ambulance, vaccination, child health care ------------------------------------------------


@rules.implement("kalmar.halsoval.vardkontakt.ambulans_aterringning")
def ambulans_aterringning(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    judged = doc.ambulans.kan_stanna_hemma if doc.ambulans is not None else None
    called = doc.ambulans.uppringd if doc.ambulans is not None else None
    if called:
        # The call-back is recorded: the duty is met whatever the scope facts say (or leave unsaid).
        return passed(
            "Enheten har ringt upp patienten efter ambulanspersonalens bedömning att patienten kan stanna kvar i "
            "hemmet.",
            "The unit has called the patient back after the ambulance staff's judgement that the patient can stay "
            "at home.",
        )
    if judged is False:
        return not_applicable(
            "Ambulanspersonalen har inte bedömt att patienten kan stanna kvar i hemmet.",
            "The ambulance staff have not judged that the patient can stay at home.",
            reason="not_judged_to_stay_home",
        )
    if doc.listad_vid_enheten is False:
        return not_applicable(
            "Patienten är inte listad vid enheten; uppringningen är patientens hälsovalsenhets uppgift.",
            "The patient is not listed at the unit; the call-back is the task of the patient's hälsoval unit.",
            reason="not_listed",
        )
    missing = [p for p, v in (("$.ambulans.kan_stanna_hemma", judged), ("$.listad_vid_enheten", doc.listad_vid_enheten),
                              ("$.ambulans.uppringd", called)) if v is None]
    if missing:
        return indeterminate(*missing)
    return warning(
        "Enheten har ännu inte ringt upp patienten som ambulanspersonalen bedömde kan stanna kvar i hemmet; texten "
        "anger ingen tidsgräns.",
        "The unit has not yet called back the patient whom the ambulance staff judged able to stay at home; the "
        "text sets no time limit.",
        status="open",
    )


#: Contacts that cannot give a vaccination.
_NO_VACCINATION = (Kontakttyp.telefon, Kontakttyp.digital)


@rules.implement("kalmar.halsoval.vardkontakt.vaccination_registrering")
def vaccination_registrering(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    given = doc.vaccination.utford if doc.vaccination is not None else None
    if given is False or (given is None and doc.typ in _NO_VACCINATION):
        why_sv = "Ingen vaccination gavs vid kontakten." if given is False else \
            f"En kontakt av typen {doc.typ.value if doc.typ else ''} ger ingen vaccination."
        why_en = "No vaccination was given at the contact." if given is False else \
            f"A contact of type {doc.typ.value if doc.typ else ''} gives no vaccination."
        return not_applicable(why_sv, why_en, reason="no_vaccination")
    if given is None:
        return indeterminate("$.vaccination.utford")
    assert doc.vaccination is not None
    registered = doc.vaccination.registrerad
    if registered is None:
        return indeterminate("$.vaccination.registrerad")
    if registered:
        return passed(
            "Vaccinationen är registrerad i Region Kalmar läns upphandlade system för vaccinationer.",
            "The vaccination is registered in Region Kalmar län's procured vaccination system.",
        )
    return warning(
        "Vaccinationen är ännu inte registrerad i Region Kalmar läns upphandlade system för vaccinationer; "
        "texten anger ingen tid för registreringen.",
        "The vaccination is not yet registered in Region Kalmar län's procured vaccination system; the text sets "
        "no time for the registration.",
        status="open",
    )


@rules.implement("kalmar.halsoval.vardkontakt.bhv_teambesok_plats")
def bhv_teambesok_plats(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    place = Besoksplats(ctx.param("place"))
    team = doc.barnhalsovard.teambesok if doc.barnhalsovard is not None else None
    if team is None:
        return indeterminate("$.barnhalsovard.teambesok")
    if not team:
        return not_applicable(
            "Kontakten är inget teambesök i barnhälsovården.", "The contact is not a team visit in child health care.",
            reason="not_team_visit",
        )
    if doc.besoksplats is None:
        return indeterminate("$.besoksplats")
    if doc.besoksplats is place:
        return passed(
            "Teambesöket skedde på BHV-mottagning vid familjecentral.",
            "The team visit took place at the BHV clinic at a family centre.",
            place=doc.besoksplats.value,
        )
    return failed(
        f"Teambesöket skedde på {doc.besoksplats.value}; teambesöken sker på BHV-mottagning vid familjecentral.",
        f"The team visit took place at {doc.besoksplats.value}; team visits take place at the BHV clinic at a "
        "family centre.",
        place=doc.besoksplats.value,
    )


# --- responsibility for deaths and certificates -----------------------------------------------

_DEATH_OR_CERTIFICATE = (Insats.konstatera_dodsfall, Insats.vardintyg)

#: The party responsible during the weekend-open health centre's opening time and the on-call time:
#: "Läkare vid den helgöppna hälsocentralen/läkare med beredskap".
_ON_CALL = "helgoppen_halsocentral_beredskapslakare"


def _nearest(doc: Vardkontakt) -> tuple[str | None, Finding | None, list[dict[str, Any]]]:
    """The unit nearest by road to the place of the event, or the finding that says why not."""
    if doc.kandidater is None:
        return None, indeterminate("$.kandidater"), []
    unknown = [f"$.kandidater[{i}].vagavstand_km" for i, k in enumerate(doc.kandidater) if k.vagavstand_km is None]
    if unknown:
        return None, indeterminate(*unknown), []
    if not doc.kandidater:
        return None, indeterminate(
            "$.kandidater",
            sv="Kan inte avgöras: inga enheter med vägavstånd anges ($.kandidater).",
            en="Cannot be decided: no units with road distances are given ($.kandidater).",
        ), []
    distances = [{"enhet_id": k.enhet_id, "km": k.vagavstand_km} for k in doc.kandidater]
    shortest = min(float(k.vagavstand_km or 0) for k in doc.kandidater)
    closest = sorted({k.enhet_id for k in doc.kandidater if k.vagavstand_km == shortest})
    if len(closest) > 1:
        return None, indeterminate(
            "$.kandidater",
            sv=f"Kan inte avgöras: {join_ids(closest)} ligger lika nära efter vägnätet; texten avgör inte vilken.",
            en=f"Cannot be decided: {join_ids(closest)} are equally near by road; the text does not decide which.",
            candidates=closest,
        ), distances
    return closest[0], None, distances


@rules.implement("kalmar.halsoval.vardkontakt.dodsfall_intyg_ansvar")
def dodsfall_intyg_ansvar(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    basis = str(ctx.param("distance"))
    if basis != "road":
        raise ValueError(f"distance {basis!r}: only road distances are defined")
    task = doc.mottagande.insats if doc.mottagande is not None else None
    if task is None:
        return indeterminate("$.mottagande.insats")
    if task not in _DEATH_OR_CERTIFICATE:
        return not_applicable(
            "Kontakten gäller inte dödsfallskonstaterande, dödsbevis, dödsorsaksintyg eller vårdintyg.",
            "The contact does not concern confirming a death, a death or cause-of-death certificate or a care "
            "certificate.",
            reason="no_death_or_certificate",
        )
    assert doc.mottagande is not None
    if doc.mottagande.jourcentral is None:
        return indeterminate("$.mottagande.jourcentral")
    if doc.mottagande.jourcentral:
        return decision(
            "accept",
            "Kontakten är med den helgöppna hälsocentralen eller läkaren i beredskap, som under sin öppettid/"
            "beredskapstid vid behov ska konstatera dödsfall och utfärda dödsbevis och vårdintyg. Det är denna "
            "enhet.",
            "The contact is with the weekend-open health centre or the physician on call, who during its opening "
            "time or the on-call time is, when needed, to confirm deaths and issue death and care certificates. "
            "That is this unit.",
            responsible=_ON_CALL,
        )
    if doc.mottagande.beredskap is None:
        return indeterminate("$.mottagande.beredskap")
    if doc.mottagande.beredskap:
        # The text gives the case to the physician on call: handing it over is the right course for
        # this unit, nothing it did is wrong (findings.handed_over), so not a fail.
        return handed_over(
            "Dödsfallet eller intyget faller inom beredskapstiden: läkaren vid den helgöppna hälsocentralen/läkaren "
            "i beredskap ska vid behov konstatera dödsfall och utfärda dödsbevis och vårdintyg. Ärendet går dit.",
            "The death or certificate falls in the on-call time: the physician at the weekend-open health centre "
            "or the physician on call is, when needed, to confirm deaths and issue death and care certificates. "
            "The case goes there.",
            route=_ON_CALL, responsible=_ON_CALL,
        )
    listed = doc.halsovalslistning.listad if doc.halsovalslistning is not None else None
    if listed is None:
        return indeterminate("$.halsovalslistning.listad")
    distances: list[dict[str, Any]] = []
    if listed:
        assert doc.halsovalslistning is not None
        own = doc.halsovalslistning.enhet_id
        missing = [p for p, v in (("$.halsovalslistning.enhet_id", own),
                                  ("$.overenskommelse_narmaste_enhet", doc.overenskommelse_narmaste_enhet)) if v is None]
        if missing:
            return indeterminate(*missing)
        if doc.overenskommelse_narmaste_enhet:
            responsible, gap, distances = _nearest(doc)
            if gap is not None:
                return gap
            why_sv = (f"Patienten är listad vid {own}, som har kommit överens om att den geografiskt närmaste enheten "
                      f"efter vägnätet ({responsible}) konstaterar dödsfall och utfärdar intyg.")
            why_en = (f"The patient is listed at {own}, which has agreed that the unit nearest by road "
                      f"({responsible}) confirms deaths and issues certificates.")
        else:
            responsible = own
            why_sv = f"Patienten är listad vid {own}, som ansvarar för sina listade patienter."
            why_en = f"The patient is listed at {own}, which is responsible for its listed patients."
    else:
        responsible, gap, distances = _nearest(doc)
        if gap is not None:
            return gap
        why_sv = (f"Personen är inte listad vid någon vårdenhet i länet: den geografiskt närmast belägna vårdenheten "
                  f"efter vägnätet ({responsible}) har det yttersta ansvaret.")
        why_en = (f"The person is listed at no care unit in the county: the care unit geographically nearest by road "
                  f"({responsible}) has the ultimate responsibility.")
    assert responsible is not None
    values: dict[str, Any] = {"responsible": responsible, "distance_basis": basis}
    if distances:
        values["distances"] = distances
    if doc.enhet_id is None:
        return indeterminate("$.enhet_id", **values)
    if doc.enhet_id == responsible:
        return decision("accept", why_sv + " Det är denna enhet.", why_en + " That is this unit.", **values)
    # Another unit answers for it ("för sina listade patienter", "det yttersta ansvaret"): the case
    # is handed to that unit, the right course for this one, not a failure of it.
    return handed_over(
        why_sv + f" Ärendet går till {responsible}.", why_en + f" The case goes to {responsible}.",
        route=responsible, **values,
    )
