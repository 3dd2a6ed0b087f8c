"""Listing, regular contacts and referrals (vasterbotten.halsoval): rules of the further obligations read from the rulebook.

Listing rules follow the protected-data convention of the listing rules (halsoval_listning): a
person with protected personal data is never registered in the listing system, so every rule here
that reads a listing answers ``not_applicable`` for that person and refers to
``listning.skyddade_personuppgifter``. The unit-level rules on listing caps and stops read the
unit's applications and the region's decisions (``Vardenhet.listningsbegransningar``); periods are
whole days, both ends inclusive, and listing is possible again on the day after a stop's last day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Begaranstatus,
    Begransningstyp,
    Blankettyp,
    Boendeform,
    Handelsetyp,
    Kanal,
    Listning,
    Listningsbegransning,
    Specialitet,
    Valtyp,
    Vardenhet,
    Yrke,
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
from primarvard_sdk.items import none_in_force, outside_note
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import iso, joined, rules
from primarvard_vasterbotten.halsoval_listning import _listing_kind, _protected

_FL = "$.kontinuitet.fast_lakarkontakt"


# --- fast läkarkontakt, fast vårdkontakt (2.3.1) ------------------------------------------------


@rules.implement("vasterbotten.halsoval.listning.fast_lakarkontakt")
def fast_lakarkontakt(doc: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(doc)) is not None:
        return protected
    request = doc.kontinuitet.fast_lakarkontakt if doc.kontinuitet is not None else None
    if request is None or request.begard is None:
        return indeterminate(f"{_FL}.begard")
    if not request.begard:
        return not_applicable(
            "Den listade har inte valt någon fast läkarkontakt.",
            "The listed person has not chosen a regular physician.",
            reason="no_choice",
        )
    if request.status is None:
        return indeterminate(f"{_FL}.status")
    if request.status is Begaranstatus.avslagen:
        return failed(
            "Den listades val av fast läkarkontakt har nekats; den listade ska kunna välja fast läkarkontakt.",
            "The listed person's choice of a regular physician was refused; the listed must be able to choose one.",
            status=request.status.value,
        )
    if request.status is Begaranstatus.obesvarad:
        return warning(
            "Den listades val av fast läkarkontakt är ännu inte genomfört; texten anger ingen tidsgräns.",
            "The listed person's choice of a regular physician is not yet carried out; the text sets no time limit.",
            status=request.status.value,
        )
    person = request.kontakt
    if person is None:
        return indeterminate(f"{_FL}.kontakt")
    gaps = [p for p, v in ((f"{_FL}.registrerad", request.registrerad), (f"{_FL}.kontakt.yrke", person.yrke),
                           (f"{_FL}.kontakt.enhet_id", person.enhet_id), ("$.enhet_id", doc.enhet_id)) if v is None]
    # A reported fact that breaks the rule decides even when another is unreported.
    wrong_sv: list[str] = []
    wrong_en: list[str] = []
    if request.registrerad is False:
        wrong_sv.append("valet är inte registrerat i listningssystemet")
        wrong_en.append("the choice is not registered in the listing system")
    if person.yrke is not None and person.yrke is not Yrke.lakare:
        wrong_sv.append(f"den valda är inte läkare ({person.yrke.value})")
        wrong_en.append(f"the person chosen is not a physician ({person.yrke.value})")
    if person.enhet_id is not None and doc.enhet_id is not None and person.enhet_id != doc.enhet_id:
        wrong_sv.append(f"läkaren arbetar inte på hälsocentralen där personen är listad ({doc.enhet_id})")
        wrong_en.append(f"the physician does not work at the hälsocentral where the person is listed ({doc.enhet_id})")
    if wrong_sv:
        return failed(
            "Fast läkarkontakt: " + "; ".join(wrong_sv) + ".",
            "Regular physician: " + "; ".join(wrong_en) + ".",
            status=request.status.value,
        )
    if gaps:
        return indeterminate(*gaps)
    recommended = {Specialitet(s) for s in ctx.param("recommended_specialties")}
    st_specialty = Specialitet(ctx.param("recommended_st"))
    held = set(person.specialiteter or ())
    ok_sv = "En namngiven läkare på hälsocentralen där personen är listad är vald och registrerad i listningssystemet."
    ok_en = ("A named physician at the hälsocentral where the person is listed is chosen and registered in the "
             "listing system.")
    # "fullgöra specialiseringstjänstgöring i allmänmedicin": an ST in allmänmedicin, not ST in any specialty.
    in_st = None if person.st is None else person.st and (
        None if person.st_specialitet is None else person.st_specialitet is st_specialty)
    if held & recommended or in_st is True:
        return passed(ok_sv, ok_en, recommendation_met=True)
    if person.specialiteter is None or in_st is None:
        return passed(
            f"{ok_sv} Om läkaren har rekommenderad specialistkompetens är inte angivet (bör-krav, prövas inte).",
            f"{ok_en} Whether the physician has a recommended specialty is not reported (advisory, not judged).",
            recommendation_met=None,
        )
    return warning(
        f"{ok_sv} Läkaren är dock inte specialist i allmänmedicin, geriatrik eller barn- och ungdomsmedicin och "
        "fullgör inte specialiseringstjänstgöring i allmänmedicin; en fast läkarkontakt bör ha sådan eller annan "
        "likvärdig kompetens.",
        f"{ok_en} The physician is however no specialist in general practice, geriatrics or paediatrics and not in "
        "specialist training in general practice; a regular physician should have such or other equivalent "
        "competence.",
        recommendation_met=False,
    )


@rules.implement("vasterbotten.halsoval.listning.fast_vardkontakt")
def fast_vardkontakt(doc: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(doc)) is not None:
        return protected
    groups = doc.kontinuitet.behovsgrupper if doc.kontinuitet is not None else None
    if groups is None:
        return indeterminate("$.kontinuitet.behovsgrupper")
    if not groups:
        return not_applicable(
            "Personen har inget behov av sammansatta insatser, nedsatt autonomi, långvarig sjukdom eller psykisk "
            "funktionsnedsättning.",
            "The person has no need of combined efforts, reduced autonomy, long-term illness or psychiatric disability.",
            reason="no_need_group",
        )
    shown = sorted(g.value for g in groups)
    assert doc.kontinuitet is not None
    has = doc.kontinuitet.har_utsedd_vardkontakt()  # a reported appointment (status utsedd) counts too
    if has:
        return passed(
            f"Personen ({joined(shown)}) har kontinuitet genom fast vårdkontakt.",
            f"The person ({joined(shown)}) has continuity through a fast vårdkontakt.",
            need_groups=shown,
        )
    request = doc.kontinuitet.fast_vardkontakt
    if request is not None and request.status is Begaranstatus.obesvarad:
        # A request or need still being handled: the text sets no time limit, so it is open, not missed.
        return warning(
            f"Personen ({joined(shown)}) har ännu ingen fast vårdkontakt; begäran eller behovet handläggs "
            "(obesvarad). Texten anger ingen tidsgräns: utestående, inte försenat.",
            f"The person ({joined(shown)}) has no fast vårdkontakt yet; the request or need is being handled "
            "(obesvarad). The text sets no time limit: outstanding, not late.",
            need_groups=shown, status=request.status.value,
        )
    if has is None:
        return indeterminate("$.kontinuitet.har_fast_vardkontakt", need_groups=shown)
    return failed(
        f"Personen ({joined(shown)}) saknar fast vårdkontakt; listade med sådant behov ska få kontinuitet i vården "
        "genom fast vårdkontakt.",
        f"The person ({joined(shown)}) has no fast vårdkontakt; listed persons with such a need are to have continuity "
        "through one.",
        need_groups=shown,
    )


# --- special housing (2.3.5) --------------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.listning.sarskilt_boende_tillhorighet")
def sarskilt_boende_tillhorighet(doc: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(doc)) is not None:
        return protected
    boende = doc.boende
    if boende is None or boende.form is None:
        return indeterminate("$.boende.form")
    if boende.form is Boendeform.ordinart:
        return not_applicable(
            "Personen bor inte i särskilt boende eller på korttidsenhet.",
            "The person does not live in special housing or at a short-stay unit.",
            reason="ordinary_housing",
        )
    registered = boende.registrerade_halsocentraler
    if registered is not None and len(set(registered)) != 1:
        how_sv = "ingen hälsocentral" if not registered else f"flera hälsocentraler ({joined(sorted(set(registered)))})"
        how_en = "no hälsocentral" if not registered else f"several hälsocentraler ({joined(sorted(set(registered)))})"
        return failed(
            f"Boendet har {how_sv}; varje särskilt boende och korttidsenhet ska ha en hälsocentralstillhörighet.",
            f"The housing has {how_en}; every special housing and short-stay unit is to belong to one hälsocentral.",
            registered=sorted(set(registered)),
        )
    # Beställarenheten's special assignment concerns särskilda boenden only; a korttidsenhet is always
    # assigned by geographic proximity ("tilldelning sker utifrån geografisk närhet").
    special: bool | None = False if boende.form is Boendeform.korttidsenhet else boende.sarskild_tilldelning
    if special is None:
        return indeterminate("$.boende.sarskild_tilldelning")
    values: dict[str, Any] = {}
    if special:
        if boende.tilldelad_halsocentral is None:
            return indeterminate("$.boende.tilldelad_halsocentral")
        assigned = boende.tilldelad_halsocentral
        how_sv, how_en = "Beställarenhetens tilldelning i särskilt fall", "Beställarenheten's assignment in a special case"
        values["assigned_by"] = "bestallarenheten"
    else:
        gaps = [p for p, v in (("$.boende.nyckelkodsomrade", boende.nyckelkodsomrade), ("$.kandidater", doc.kandidater))
                if v is None]
        if gaps:
            return indeterminate(*gaps)
        area = boende.nyckelkodsomrade
        assert doc.kandidater is not None
        unknown = [f"$.kandidater[{i}].nyckelkodsomraden" for i, k in enumerate(doc.kandidater) if k.nyckelkodsomraden is None]
        matches = sorted({k.enhet_id for k in doc.kandidater if area in (k.nyckelkodsomraden or ())})
        if len(matches) != 1 or unknown:
            if len(matches) > 1 or not unknown:
                return indeterminate(
                    "$.boende.nyckelkodsomrade",
                    sv=f"Kan inte avgöras: nyckelkodsområdet {area} hör till {'flera' if matches else 'ingen'} av de "
                    f"angivna hälsocentralerna ({joined(matches) or 'ingen'}); tillhörigheten följer av geografisk närhet.",
                    en=f"Cannot be decided: key-code area {area} belongs to {'several' if matches else 'none'} of the "
                    f"given hälsocentraler ({joined(matches) or 'none'}); the assignment follows geographic proximity.",
                    matches=matches,
                )
            return indeterminate(*unknown)
        assigned = matches[0]
        how_sv, how_en = f"geografisk närhet (nyckelkodsområde {area})", f"geographic proximity (key-code area {area})"
        values["assigned_by"] = "nyckelkodsomrade"
    if registered is not None and registered[0] != assigned:
        return failed(
            f"Boendet är registrerat på {registered[0]}, men tillhör enligt {how_sv} {assigned}.",
            f"The housing is registered to {registered[0]}, but by {how_en} it belongs to {assigned}.",
            assigned=assigned, registered=[registered[0]], **values,
        )
    return decision(
        "accept",
        f"Boendet ({boende.form.value}) tillhör {assigned} enligt {how_sv}.",
        f"The housing ({boende.form.value}) belongs to {assigned} by {how_en}.",
        assigned=assigned, **values,
    )


# --- changes of unit (4.1, 4.7) -----------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.listning.vardansvar_overgang")
def vardansvar_overgang(doc: Listning, ctx: RuleContext) -> Finding:
    if (protected := _protected(doc)) is not None:
        return protected
    if doc.tidigare_enhet is None:
        return not_applicable(
            "Ingen tidigare hälsocentral: personen byter inte hälsocentral.",
            "No earlier hälsocentral: the person is not switching.",
            reason="no_switch",
        )
    # 4.7 "Hantering av befolkningens aktiva val": "de personer som väljer att byta hälsocentral". A unit
    # assigned without a choice (ickeval after a move, 4.4; a newborn or a person moving in, 4.3) is
    # not a switch by choice and is outside these words.
    if (outside := _listing_kind(
        doc, (Valtyp.aktivt_val,), "not_active_choice",
        "Ingen person som själv väljer att byta hälsocentral ({valtyp}); 4.7 gäller befolkningens aktiva val.",
        "Not a person choosing to switch hälsocentral ({valtyp}); 4.7 is about the population's active choices.",
    )) is not None:
        return outside
    if doc.enhet_id is None:
        return indeterminate("$.enhet_id")
    day = ctx.as_of
    deregistered, transferred = doc.avregistrerad, doc.overford
    values: dict[str, Any] = {"deregistered": deregistered, "transferred": transferred}
    pending = [d for d in (deregistered, transferred) if d is not None and d > day]
    if pending:
        # "Den tidigare hälsocentralen behåller vårdansvaret till dess ...": during the transfer the previous
        # unit holding it is what the text prescribes, not a failure of either unit.
        return handed_over(
            f"Den {iso(day)} har {doc.tidigare_enhet} (tidigare hälsocentral) vårdansvaret: personen är ännu inte både "
            f"avregistrerad där och överförd till {doc.enhet_id} (först {iso(max(pending))}).",
            f"On {iso(day)}, {doc.tidigare_enhet} (the previous hälsocentral) holds the care responsibility: the person "
            f"is not yet both deregistered there and transferred to {doc.enhet_id} (not before {iso(max(pending))}).",
            route=doc.tidigare_enhet, responsible_unit=doc.tidigare_enhet, **values,
        )
    missing = [p for p, d in (("$.avregistrerad", deregistered), ("$.overford", transferred)) if d is None]
    if missing:
        return indeterminate(*missing, **values)
    assert deregistered is not None and transferred is not None
    since = max(deregistered, transferred)
    return decision(
        "accept",
        f"Den {iso(day)} har {doc.enhet_id} vårdansvaret: personen avregistrerades från {doc.tidigare_enhet} "
        f"{iso(deregistered)} och överfördes {iso(transferred)} (ansvaret från {iso(since)}).",
        f"On {iso(day)}, {doc.enhet_id} holds the care responsibility: the person was deregistered from "
        f"{doc.tidigare_enhet} on {iso(deregistered)} and transferred on {iso(transferred)} (responsible from {iso(since)}).",
        responsible_unit=doc.enhet_id, **values,
    )


@rules.implement("vasterbotten.halsoval.listning.ickeval_kvarstar")
def ickeval_kvarstar(doc: Listning, ctx: RuleContext) -> Finding:
    if (outside := _listing_kind(
        doc, (Valtyp.ickeval,), "not_ickeval",
        "Ingen ickevalslistning ({valtyp}).",
        "Not a non-choice listing ({valtyp}).",
    )) is not None:
        return outside
    gaps = [p for p, v in (("$.datum", doc.datum), ("$.enhet_id", doc.enhet_id),
                           ("$.senare_handelser", doc.senare_handelser)) if v is None]
    if gaps:
        return indeterminate(*gaps)
    assert doc.datum is not None and doc.senare_handelser is not None
    day = ctx.as_of
    for i, event in enumerate(doc.senare_handelser):
        if event.datum < doc.datum:
            return inconsistent(f"$.senare_handelser[{i}].datum", "$.datum")
    happened = sorted((e for e in doc.senare_handelser if e.datum <= day), key=lambda e: e.datum)
    if not happened:
        return decision(
            "accept",
            f"Ickevalslistningen hos {doc.enhet_id} (från {iso(doc.datum)}) kvarstår den {iso(day)}: personen har "
            "inte gjort eget val och inte flyttat till ny folkbokföringsadress.",
            f"The non-choice listing at {doc.enhet_id} (from {iso(doc.datum)}) stands on {iso(day)}: the person has "
            "made no own choice and not moved to a new registered address.",
            assigned=doc.enhet_id, listing_stands=True,
        )
    first = happened[0]
    if first.typ is Handelsetyp.eget_val:
        what_sv, what_en, see = "gjorde eget val av hälsocentral", "made their own choice of hälsocentral", None
    else:
        what_sv, what_en = "flyttade till ny folkbokföringsadress", "moved to a new registered address"
        see = "vasterbotten.halsoval.listning.flytt_inom_lanet"
    extra: dict[str, Any] = {"see_rule": see} if see else {}
    return decision(
        "reject",
        f"Ickevalslistningen hos {doc.enhet_id} kvarstod till dess att personen {what_sv} ({iso(first.datum)}); den "
        f"gäller inte längre den {iso(day)} och listningen prövas på nytt.",
        f"The non-choice listing at {doc.enhet_id} stood until the person {what_en} ({iso(first.datum)}); it no longer "
        f"holds on {iso(day)} and the listing is judged anew.",
        assigned=None, listing_stands=False, ended_by=first.typ.value, ended_on=first.datum, **extra,
    )


# --- the choice form (4.8) ----------------------------------------------------------------------


@rules.implement("vasterbotten.halsoval.listning.valblankett")
def valblankett(doc: Listning, ctx: RuleContext) -> Finding:
    if (outside := _listing_kind(
        doc, (Valtyp.aktivt_val,), "not_active_choice",
        "Inget eget val ({valtyp}); valblanketten gäller personens eget val.",
        "Not an own choice ({valtyp}); the choice form concerns a person's own choice.",
    )) is not None:
        return outside
    if doc.kanal is None:
        return indeterminate("$.kanal")
    if doc.kanal is Kanal.e_tjanst_1177:
        return decision("accept", "Valet är gjort via 1177 e-tjänster.", "The choice was made in the 1177 e-services.",
                        channel=doc.kanal.value)
    if doc.kanal is not Kanal.blankett:
        return decision(
            "reject",
            f"Valet är varken gjort på den fastställda blanketten eller via 1177 e-tjänster ({doc.kanal.value}); "
            "något annat sätt att välja är inte giltigt för att registrera val av hälsocentral.",
            f"The choice was made neither on the established form nor in the 1177 e-services ({doc.kanal.value}); "
            "no other way of choosing is valid to register a choice of hälsocentral.",
            channel=doc.kanal.value,
        )
    if doc.blankett_typ is None:
        return indeterminate("$.blankett_typ")
    if doc.blankett_typ is not Blankettyp.faststalld:
        if doc.blankett_typ is Blankettyp.ingen:
            what_sv, what_en = "utan blankett (t.ex. i ett brev)", "without any form (in a letter, say)"
        else:
            what_sv, what_en = "på annan blankett än den fastställda", "on another form than the established one"
        return decision(
            "reject",
            f"Valet är gjort {what_sv}; någon annan valblankett är inte giltig.",
            f"The choice was made {what_en}; no other choice form is valid.",
            channel=doc.kanal.value, form=doc.blankett_typ.value,
        )
    if doc.blankett_undertecknad is None:
        return indeterminate("$.blankett_undertecknad")
    if not doc.blankett_undertecknad:
        return decision(
            "reject",
            "Valblanketten är inte undertecknad av personen eller dennes företrädare.",
            "The choice form is not signed by the person or their representative.",
            channel=doc.kanal.value,
        )
    return decision(
        "accept",
        "Valet är gjort på den fastställda blanketten, undertecknad av personen eller dennes företrädare.",
        "The choice was made on the established form, signed by the person or their representative.",
        channel=doc.kanal.value,
    )


# --- listing caps and stops (4.9) ---------------------------------------------------------------


def _limits(unit: Vardenhet, kind: Begransningstyp) -> list[tuple[int, Listningsbegransning]] | Finding:
    if unit.listningsbegransningar is None:
        return indeterminate("$.listningsbegransningar")
    chosen = [(i, b) for i, b in enumerate(unit.listningsbegransningar) if b.typ is kind]
    for i, b in chosen:
        # a period that ends before it begins cannot be right: never read as over, or as within another
        for name in ("tillampas", "beslutad_period"):
            period = getattr(b, name)
            if period is not None and period.till is not None and period.till < period.fran:
                here = f"$.listningsbegransningar[{i}].{name}"
                return inconsistent(f"{here}.till", f"{here}.fran")
    if not chosen:
        return not_applicable(
            f"Hälsocentralen tillämpar inget {kind.value}.", f"The hälsocentral applies no {kind.value}.",
            reason=f"no_{kind.value}",
        )
    return chosen


def _applied_until(b: Listningsbegransning, day: date) -> date | None:
    """The last day a cap or stop is applied: its reported end, or, while it still runs (no end),
    the evaluation day (never before its first day). ``None`` when the days are not reported."""
    if b.tillampas is None:
        return None
    return b.tillampas.till if b.tillampas.till is not None else max(b.tillampas.fran, day)


def _first_outside(start: date, last: date, decided_from: date, decided_to: date) -> date | None:
    """The first applied day (``start``..``last``) outside the decided period, ``None`` when none."""
    firsts = []
    if start < decided_from:
        firsts.append(start)
    if last > decided_to:
        firsts.append(max(start, decided_to + timedelta(days=1)))
    return min(firsts) if firsts else None


def _grounded(items: list[tuple[int, Listningsbegransning]], ctx: RuleContext, what_sv: str,
              what_en: str) -> Finding:
    """Every applied cap or stop rests on a written application and a granted decision, and is
    applied within the decided period (both ends inclusive; one still running is judged up to the
    evaluation day). A request the region refused is a breach only when it is applied anyway; one
    declared never applied (``tillampad`` false) is not judged (``not_applied``). Days outside the
    decided period (or applied days of a refused request) that all lie after the evaluation day are
    planned, not yet done: a warning (``planned``). One applied only before every edition is not
    judged (``outside_editions``)."""
    day = ctx.as_of
    unmet_sv: list[str] = []
    unmet_en: list[str] = []
    planned_sv: list[str] = []
    planned_en: list[str] = []
    unknown: list[str] = []
    contradictory: list[str] = []
    outside: list[dict[str, Any]] = []
    planned: list[dict[str, Any]] = []
    never: list[int] = []
    judged = 0
    for i, b in items:
        here = f"$.listningsbegransningar[{i}]"
        if b.tillampad is False:
            if b.tillampas is not None:
                contradictory.append(f"{here}.tillampas")
            else:
                never.append(i)
            continue
        last = _applied_until(b, day)
        if last is not None and last < day and ctx.edition_on(last) is None:
            outside.append({"index": i, "date": last})
            continue
        judged += 1
        label = f"{what_sv} nr {i + 1}"
        label_en = f"{what_en} no. {i + 1}"
        no_application = b.skriftlig_ansokan is False
        if b.beviljad is False:
            # A refused request breaches the text only when the cap or stop is applied anyway.
            if b.tillampas is None:
                unknown.append(f"{here}.tillampas")
                continue
            also_sv = " och utan skriftlig ansökan" if no_application else ""
            also_en = " and without a written application" if no_application else ""
            if b.tillampas.fran > day:
                planned.append({"index": i, "from": b.tillampas.fran})
                planned_sv.append(f"{label}: inte beviljat av regionen{also_sv}, men planerat att tillämpas från "
                                  f"{iso(b.tillampas.fran)}")
                planned_en.append(f"{label_en}: not granted by the region{also_en}, but planned to be applied from "
                                  f"{iso(b.tillampas.fran)}")
                continue
            unmet_sv.append(f"{label}: inte beviljat av regionen{also_sv}, men tillämpas ändå från "
                            f"{iso(b.tillampas.fran)}")
            unmet_en.append(f"{label_en}: not granted by the region{also_en}, but applied all the same from "
                            f"{iso(b.tillampas.fran)}")
            continue
        # Without a written application a granted (or applied) cap or stop fails; while neither the
        # decision nor the days are known it might be a refused request never applied.
        if no_application and (b.beviljad is True or b.tillampas is not None):
            unmet_sv.append(f"{label}: ingen skriftlig ansökan till Region Västerbotten")
            unmet_en.append(f"{label_en}: no written application to Region Västerbotten")
        elif b.skriftlig_ansokan is None:
            unknown.append(f"{here}.skriftlig_ansokan")
        if b.beviljad is None:
            unknown.append(f"{here}.beviljad")
            continue
        if b.beslutad_period is None or b.beslutad_period.till is None:
            unknown.append(f"{here}.beslutad_period" if b.beslutad_period is None else f"{here}.beslutad_period.till")
            continue
        if b.tillampas is None or last is None:
            unknown.append(f"{here}.tillampas")
            continue
        decided = b.beslutad_period
        assert decided.till is not None
        start = b.tillampas.fran
        first_out = _first_outside(start, last, decided.fran, decided.till)
        if first_out is None:
            continue
        running = b.tillampas.till is None
        shown = f"{iso(start)}–{iso(last)}{' (pågår)' if running else ''}"
        shown_en = f"{iso(start)}–{iso(last)}{' (still running)' if running else ''}"
        period = f"{iso(decided.fran)}–{iso(decided.till)}"
        if first_out > day:
            planned.append({"index": i, "from": first_out})
            planned_sv.append(f"{label}: planeras att tillämpas {shown}, utanför beslutad period {period} "
                              f"(första dag utanför {iso(first_out)})")
            planned_en.append(f"{label_en}: planned to be applied {shown_en}, outside the decided period {period} "
                              f"(first day outside {iso(first_out)})")
            continue
        unmet_sv.append(f"{label}: tillämpas {shown}, utanför beslutad period {period}")
        unmet_en.append(f"{label_en}: applied {shown_en}, outside the decided period {period}")
    listed: dict[str, Any] = {"outside_editions": outside}
    if never:
        listed["not_applied"] = never
    if planned:
        listed["planned"] = planned
    if contradictory:
        return indeterminate(
            *contradictory,
            sv=f"Kan inte avgöras: {joined(contradictory)} anger dagar för ett {what_sv} som samtidigt anges aldrig "
            "ha tillämpats (tillampad false); uppgifterna kan inte båda stämma.",
            en=f"Cannot be decided: {joined(contradictory)} gives days for a {what_en} also declared never applied "
            "(tillampad false); the records cannot both be right.",
            inconsistent=contradictory, **listed,
        )
    if not judged:
        if not never:
            return none_in_force(outside)
        out_sv, out_en = outside_note(outside)
        return not_applicable(
            f"Hälsocentralens {what_sv} har aldrig tillämpats (nr {joined(i + 1 for i in never)}).{out_sv}",
            f"The hälsocentral's {what_en} was never applied (no. {joined(i + 1 for i in never)}).{out_en}",
            reason="not_applied", **listed,
        )
    out_sv, out_en = outside_note(outside)
    if unmet_sv:
        return failed("; ".join(unmet_sv) + "." + out_sv, "; ".join(unmet_en) + "." + out_en, **listed)
    if unknown:
        return indeterminate(*unknown, **listed)
    if planned_sv:
        return warning(
            "; ".join(planned_sv) + ". Dagarna har ännu inte kommit: planerat, inte genomfört." + out_sv,
            "; ".join(planned_en) + ". The days have not yet come: planned, not done." + out_en,
            **listed,
        )
    return passed(
        f"Varje {what_sv} vilar på skriftlig ansökan till Region Västerbotten och regionens beslut och tillämpas "
        f"inom beslutad period.{out_sv}",
        f"Every {what_en} rests on a written application to Region Västerbotten and the region's decision and is "
        f"applied within the decided period.{out_en}",
        **listed,
    )


@rules.implement("vasterbotten.halsoval.listning.listningstak_ansokan")
def listningstak_ansokan(unit: Vardenhet, ctx: RuleContext) -> Finding:
    items = _limits(unit, Begransningstyp.listningstak)
    if isinstance(items, Finding):
        return items
    return _grounded(items, ctx, "listningstak", "listing cap")


@rules.implement("vasterbotten.halsoval.listning.listningsstopp_ansokan")
def listningsstopp_ansokan(unit: Vardenhet, ctx: RuleContext) -> Finding:
    items = _limits(unit, Begransningstyp.listningsstopp)
    if isinstance(items, Finding):
        return items
    return _grounded(items, ctx, "listningsstopp", "listing stop")


@rules.implement("vasterbotten.halsoval.listning.listningsstopp_information")
def listningsstopp_information(unit: Vardenhet, ctx: RuleContext) -> Finding:
    items = _limits(unit, Begransningstyp.listningsstopp)
    if isinstance(items, Finding):
        return items
    day = ctx.as_of
    unknown: list[str] = []
    judged: list[tuple[int, Listningsbegransning, date, bool]] = []  # (index, stop, reopens, upcoming)
    ended: list[dict[str, Any]] = []
    upcoming: list[dict[str, Any]] = []
    for i, b in items:
        here = f"$.listningsbegransningar[{i}]"
        if b.tillampad is False:
            continue  # declared never applied
        if b.beviljad is None:
            unknown.append(f"{here}.beviljad")
            continue
        if not b.beviljad:
            continue
        # The applied days (tillampas) when reported, else the decided period; a stop still running
        # (tillampas.till absent) lasts to the decided end.
        applied_end = b.tillampas.till if b.tillampas is not None else None
        if applied_end is not None and applied_end < day:
            ended.append({"index": i, "date": applied_end})  # lifted (or ended) before the day
            continue
        decided = b.beslutad_period
        if decided is None:
            unknown.append(f"{here}.beslutad_period")
            continue
        start = b.tillampas.fran if b.tillampas is not None else decided.fran
        last = applied_end if applied_end is not None else decided.till
        if last is None:
            unknown.append(f"{here}.beslutad_period.till")
            continue
        if last < day:
            ended.append({"index": i, "date": last})
            continue
        if start > day:
            upcoming.append({"index": i, "from": start})  # granted, not yet begun
        judged.append((i, b, last + timedelta(days=1), start > day))
    listed: dict[str, Any] = {}
    if upcoming:
        listed["upcoming"] = upcoming
    if ended:
        listed["ended"] = ended
    if not judged and not unknown:
        return not_applicable(
            f"Inget beviljat listningsstopp tillämpas den {iso(day)} eller är beslutat att börja senare.",
            f"No granted listing stop is applied on {iso(day)} or decided to start later.",
            reason="no_stop_in_force", **listed,
        )
    unmet_sv: list[str] = []
    unmet_en: list[str] = []
    open_sv: list[str] = []
    open_en: list[str] = []
    values: dict[str, Any] = {}
    for i, b, reopens, later in judged:
        here = f"$.listningsbegransningar[{i}].information"
        values["reopens"] = reopens
        # Before the stop begins nothing fails: what is not yet given (or not yet right) is open.
        gaps_sv, gaps_en = (open_sv, open_en) if later else (unmet_sv, unmet_en)
        info = b.information
        if info is None or info.lamnas is None:
            unknown.append(f"{here}.lamnas")
            continue
        if not info.lamnas:
            gaps_sv.append("enskilda informeras inte om listningsstoppet" + (" (ännu inte)" if later else ""))
            gaps_en.append("individuals are not informed of the listing stop" + (" (not yet)" if later else ""))
            continue
        if info.anger_datum is False:
            gaps_sv.append(f"informationen anger inte när listning är möjlig igen ({iso(reopens)})")
            gaps_en.append(f"the information does not say when listing is possible again ({iso(reopens)})")
            continue
        if info.ater_fran is None:
            unknown.append(f"{here}.ater_fran")
            continue
        if info.ater_fran != reopens:
            gaps_sv.append(f"informationen anger {iso(info.ater_fran)}, men listning är möjlig igen {iso(reopens)} "
                           "(dagen efter stoppets sista dag)")
            gaps_en.append(f"the information says {iso(info.ater_fran)}, but listing is possible again on "
                           f"{iso(reopens)} (the day after the stop's last day)")
    if unmet_sv:
        return failed("Listningsstopp: " + "; ".join(unmet_sv) + ".", "Listing stop: " + "; ".join(unmet_en) + ".",
                      **values, **listed)
    if unknown:
        return indeterminate(*unknown, **values, **listed)
    if open_sv:
        begins = joined(iso(u["from"]) for u in upcoming)
        return warning(
            f"Listningsstoppet börjar först {begins}: " + "; ".join(open_sv) + ". Utestående, inte försenat: "
            "informationen ska finnas när stoppet tillämpas.",
            f"The listing stop begins only on {begins}: " + "; ".join(open_en) + ". Outstanding, not late: the "
            "information is due when the stop is applied.",
            **values, **listed,
        )
    return passed(
        f"Hälsocentralen informerar om listningsstoppet och att listning är möjlig igen {joined([iso(r) for _, _, r, _ in judged])}.",
        f"The hälsocentral informs of the listing stop and that listing is possible again on "
        f"{joined([iso(r) for _, _, r, _ in judged])}.",
        **values, **listed,
    )
