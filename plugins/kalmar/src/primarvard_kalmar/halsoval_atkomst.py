"""Availability, temporary closures and collaboration (kalmar.halsoval): rules of the further obligations read from the rulebook.

The care of patients during a temporary deviation and the SIP duty read the same in both Kalmar
programmes: each is one function here, registered on both registries (the psykisk hälsa module
registers the same functions under its own ids).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from primarvard_kalmar.halsoval_common import rules, unless_closed_days_unreported
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Hanvisning,
    Stangning,
    Stangningsorsak,
    Tillganglighet,
    Vardkontakt,
)
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed, warning
from primarvard_sdk.items import edition_id, none_in_force, outside_note
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact

__all__ = ["omhandertagande", "sip"]

#: Whom a closure must be told to, by programme: the partner units of the other care choice.
_PARTNERS = {
    "halsoval": ("berörda enheter inom vårdval psykisk hälsa", "the psykisk hälsa units concerned"),
    "psykisk_halsa": ("berörda hälsovalsenheter", "the hälsoval units concerned"),
}


def _judged_from(ctx: RuleContext, fran: date, till: date | None) -> tuple[date | None, bool]:
    """The first day of a deviation (``fran`` to ``till``, inclusive) that lies inside an edition,
    and whether that is unknown: a deviation that begins before every edition in force is judged
    from the first day of the next edition when it runs into it. Its last day not reported while an
    edition begins after ``fran``: unknown (``None, True``)."""
    if ctx.edition_on(fran) is not None:
        return fran, False
    later = sorted(e.valid_from for e in ctx.editions if e.valid_from > fran)
    if not later:
        return None, False
    if till is None:
        return None, True
    return (later[0], False) if later[0] <= till else (None, False)


def _is_closure(s: Stangning) -> bool | None:
    """Whether the deviation closes the unit: ``haller_oppet`` decides where reported; otherwise a
    closure cause (anything but a loss of competence) is read as a closure, and a loss of
    competence is unknown (it may or may not close the unit)."""
    if s.haller_oppet is not None:
        return not s.haller_oppet
    return None if s.orsak is Stangningsorsak.kompetensbortfall else True


def omhandertagande(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Every temporary deviation: care secured by an agreement and a clear referral (one that sends
    the patients somewhere), and the cause recorded; for a closure also the change shown on the
    1177.se contact card and the partner units informed (a loss of competence while the unit stays
    open is no closure: those two parts are not judged for it). Each deviation is judged under the
    edition in force on its first day inside an edition (one that began before the edition and runs
    into it is judged for its days inside it). A step declared not done fails from that day on;
    before it (the deviation still to come) it is a warning, still open: the text sets no deadline
    before the deviation arises."""
    if doc.stangningar is None:
        return indeterminate("$.stangningar")
    if not doc.stangningar:
        return not_applicable(
            "Ingen tillfällig stängning eller annat tillfälligt avsteg är redovisat.",
            "No temporary closure or other temporary deviation is reported.",
            reason="no_closure",
            outside_editions=[],
        )
    programme = ctx.rule.id.split(".")[1]
    partners_sv, partners_en = _PARTNERS[programme]
    closure_parts: list[tuple[str, str, str]] = [
        ("kontaktkort_1177", "förändringen speglad på kontaktkortet på 1177.se", "the change shown on the 1177.se contact card"),
        ("samverkansparter_informerade", f"{partners_sv} informerade", f"{partners_en} informed"),
    ]
    closures: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    missing: list[str] = []
    problems_sv: list[str] = []
    problems_en: list[str] = []
    pending_sv: list[str] = []
    pending_en: list[str] = []
    reversed_ends: list[str] = []
    for i, s in sorted(enumerate(doc.stangningar), key=lambda p: (p[1].fran, p[0])):
        if s.forvantad_till is not None and s.forvantad_till < s.fran:
            # A last day before the first cannot be right: the deviation's period is unknown.
            reversed_ends.append(f"$.stangningar[{i}].forvantad_till")
            missing.append(f"$.stangningar[{i}].forvantad_till")
            continue
        start, unknown_end = _judged_from(ctx, s.fran, s.forvantad_till)
        if unknown_end:
            missing.append(f"$.stangningar[{i}].forvantad_till")
            continue
        if start is None:
            outside.append({"index": i, "date": s.fran})
            continue
        edition = edition_id(ctx, start)
        nowhere = frozenset(Hanvisning(c) for c in ctx.param("referrals_nowhere", on=start))
        unmet_sv: list[str] = []
        unmet_en: list[str] = []
        if s.overenskommelse is None:
            missing.append(f"$.stangningar[{i}].overenskommelse")
        elif not s.overenskommelse:
            unmet_sv.append("överenskommelse som säkerställer omhändertagandet")
            unmet_en.append("an agreement securing the care")
        if s.hanvisning is None:
            missing.append(f"$.stangningar[{i}].hanvisning")
        elif not [h for h in s.hanvisning if h not in nowhere]:
            unmet_sv.append("tydlig hänvisning (ingen hänvisning till någon som tar emot patienterna)")
            unmet_en.append("a clear referral (none to anyone who takes care of the patients)")
        closed = _is_closure(s)
        not_judged: list[str] = []
        if closed is False:
            not_judged = [name for name, _, _ in closure_parts]
        else:
            for name, sv, en in closure_parts:
                value = getattr(s, name)
                if value is None:
                    missing.append(f"$.stangningar[{i}].{name}")
                elif value is False and closed:
                    unmet_sv.append(sv)
                    unmet_en.append(en)
                elif value is False:
                    missing.append(f"$.stangningar[{i}].haller_oppet")
        if s.orsak is None:
            missing.append(f"$.stangningar[{i}].orsak")
        begun = start <= ctx.as_of
        if unmet_sv:
            (problems_sv if begun else pending_sv).append(
                f"avsteget från {s.fran.isoformat()} saknar {', '.join(unmet_sv)}")
            (problems_en if begun else pending_en).append(
                f"the closure from {s.fran.isoformat()} lacks {', '.join(unmet_en)}")
        closures.append({
            "index": i,
            "fran": s.fran,
            "judged_from": start,
            "edition": edition,
            "begun": begun,
            "closed": closed,
            "orsak": None if s.orsak is None else s.orsak.value,
            "hanvisning": None if s.hanvisning is None else [h.value for h in s.hanvisning],
            "unmet": unmet_en,
            "not_judged": not_judged,
        })
    missing = list(dict.fromkeys(missing))
    if not closures and not missing:
        return none_in_force(outside)
    values: dict[str, Any] = {"closures": closures, "outside_editions": outside, "pending": pending_en}
    out_sv, out_en = outside_note(outside)
    if problems_sv:
        return failed(
            "Kravet uppfylls inte: " + "; ".join(problems_sv) + "." + out_sv,
            "Requirement not met: " + "; ".join(problems_en) + "." + out_en,
            **values,
        )
    if missing:
        if reversed_ends:
            values["inconsistent"] = reversed_ends
            return indeterminate(
                *missing,
                sv="Kan inte avgöras: sista dagen ligger före den första "
                f"({', '.join(reversed_ends)}); uppgiften kan inte stämma. Att lämna: {', '.join(missing)}.",
                en="Cannot be decided: the last day is before the first "
                f"({', '.join(reversed_ends)}); the record cannot be right. To supply: {', '.join(missing)}.",
                **values,
            )
        return indeterminate(*missing, **values)
    if pending_sv:
        return warning(
            "Ännu inte gjort inför ett kommande tillfälligt avsteg (ingen frist före första dagen anges): "
            + "; ".join(pending_sv) + "." + out_sv,
            "Not yet done for a temporary deviation still to come (no deadline before its first day is stated): "
            + "; ".join(pending_en) + "." + out_en,
            **values,
        )
    n = len(closures)
    open_units = sum(1 for c in closures if c["closed"] is False)
    if open_units == n:
        return passed(
            f"{n} tillfälligt avsteg utan stängning: omhändertagandet är säkrat genom överenskommelse med tydlig "
            f"hänvisning och orsaken är angiven (kontaktkortet på 1177.se och information till {partners_sv} "
            "gäller stängning och bedöms inte)." + out_sv,
            f"{n} temporary deviation(s) without a closure: care is secured by an agreement with a clear referral "
            f"and the cause is recorded (the 1177.se contact card and informing {partners_en} concern closures and "
            "are not judged)." + out_en,
            **values,
        )
    open_sv = (f" ({open_units} avsteg utan stängning: kontaktkort och information till {partners_sv} bedöms inte.)"
               if open_units else "")
    open_en = (f" ({open_units} deviation(s) without a closure: the contact card and informing {partners_en} are "
               "not judged.)" if open_units else "")
    return passed(
        f"{n} tillfälligt avsteg: omhändertagandet är säkrat genom överenskommelse med tydlig "
        f"hänvisning, förändringen syns på 1177.se, {partners_sv} är informerade och orsaken är angiven."
        + open_sv + out_sv,
        f"{n} temporary deviation(s): care is secured by an agreement with a clear referral, the "
        f"change is shown on 1177.se, {partners_en} are informed and the cause is recorded." + open_en + out_en,
        **values,
    )


def sip(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    """Initiate or take part when a SIP is to be drawn up: the unit was called to one, or has
    identified that more than one care actor is needed. The text sets no time: a duty not yet done
    is a warning (still open), a meeting still to come on the evaluation day is not judged yet; it
    fails when the unit declares it will not take part or initiate (``nekad``), or when a meeting it
    was called to has been held without it. The patient's refusal of consent leaves no SIP to draw
    up. The contact's own day (``sokte``, the rule's governing day) picks the edition, not the
    evaluation day."""
    plan = doc.sip
    if plan is None:
        return indeterminate("$.sip")
    called, several = plan.kallad, plan.flera_aktorer
    meeting = plan.genomford_datum
    values: dict[str, Any] = {"called": called, "several_actors": several, "meeting": meeting, "upcoming": []}
    if plan.samtycke is False:
        return not_applicable(
            "Patienten samtycker inte till SIP; ingen SIP kan upprättas.",
            "The patient does not consent to a SIP; none can be drawn up.",
            reason="no_consent",
            **values,
        )
    if called is not True and several is not True:
        unknown = [f"$.sip.{n}" for n, v in (("kallad", called), ("flera_aktorer", several)) if v is None]
        if unknown:
            return indeterminate(*unknown, **values)
        return not_applicable(
            "Vårdenheten är inte kallad till SIP och har inte bedömt att mer än en vårdaktör behöver kopplas in.",
            "The unit was not called to a SIP and has not found that more than one care actor is needed.",
            reason="no_sip_needed",
            **values,
        )
    refused_sv = "Vårdenheten har angett att den inte kommer att {} SIP"
    refused_en = "The unit has declared that it will not {} the SIP"
    open_sv = " Ingen tid anges i texten; skyldigheten är fortfarande öppen."
    open_en = " The text sets no time; the duty is still open."
    if called:
        if plan.deltog:
            return passed("Vårdenheten var kallad till SIP och deltog.", "The unit was called to a SIP and took part.",
                          **values)
        if plan.nekad:
            return failed(refused_sv.format("delta i") + ", fast den är kallad.",
                          refused_en.format("take part in") + " it was called to.", **values)
        if meeting is not None and meeting > ctx.as_of:
            values["upcoming"] = [meeting]
            return warning(
                f"Vårdenheten är kallad till SIP-möte {meeting.isoformat()}, som ännu inte har hållits; deltagandet "
                "bedöms inte ännu." + open_sv,
                f"The unit is called to a SIP meeting on {meeting.isoformat()}, not yet held; taking part is not "
                "judged yet." + open_en,
                **values,
            )
        if plan.genomford is False:
            return warning(
                "Vårdenheten är kallad till SIP, som ännu inte är genomförd." + open_sv,
                "The unit is called to a SIP not yet carried out." + open_en,
                **values,
            )
        if plan.deltog is None:
            return indeterminate("$.sip.deltog", **values)
        if meeting is None and plan.genomford is None:
            return indeterminate("$.sip.genomford_datum", **values)
        held = "" if meeting is None else f" {meeting.isoformat()}"
        return failed(f"Vårdenheten var kallad till SIP-mötet{held} men deltog inte.",
                      f"The unit was called to the SIP meeting{held} but did not take part.", **values)
    if plan.initierad or plan.deltog:
        return passed(
            "Mer än en vårdaktör behövs och vårdenheten har initierat eller deltagit i SIP.",
            "More than one care actor is needed and the unit initiated or took part in a SIP.",
            **values,
        )
    if plan.nekad:
        return failed(refused_sv.format("initiera eller delta i") + ", fast mer än en vårdaktör behövs.",
                      refused_en.format("initiate or take part in") + " although more than one care actor is needed.",
                      **values)
    unknown = [f"$.sip.{n}" for n, v in (("initierad", plan.initierad), ("deltog", plan.deltog)) if v is None]
    if unknown:
        return indeterminate(*unknown, **values)
    if meeting is not None and meeting > ctx.as_of:
        values["upcoming"] = [meeting]
    return warning(
        "Mer än en vårdaktör behövs; vårdenheten har ännu varken initierat eller deltagit i SIP." + open_sv,
        "More than one care actor is needed; the unit has not yet initiated or taken part in a SIP." + open_en,
        **values,
    )


@rules.implement("kalmar.halsoval.tillganglighet.tillfallig_stangning_omhandertagande")
def tillfallig_stangning_omhandertagande(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """The shared function over ``stangningar``, and the closures reported only as closed weekdays in
    ``avvikande_dagar``: "tillfälligt stängt" is a temporary deviation however it is reported, and a
    closed day carries none of the facts judged, so where the closures in ``stangningar`` would pass
    or not apply, such a day leaves the result indeterminate naming ``$.stangningar``."""
    return unless_closed_days_unreported(
        omhandertagande(doc, ctx), doc, ctx, ("pass", "not_applicable"),
        "tillfälligt avsteg med överenskommelse, hänvisning, kontaktkort på 1177.se, information till berörda "
        "enheter inom vårdval psykisk hälsa och orsak",
        "a temporary deviation with its agreement, referral, 1177.se contact card, information to the psykisk "
        "hälsa units concerned and cause",
    )
rules.implement("kalmar.halsoval.samverkan.sip")(sip)

ambulans_kontaktvag = rules.shape(Declared(
    "kalmar.halsoval.samverkan.ambulans_kontaktvag",
    facts=(Fact(
        "kontaktvag_ambulans",
        sv="en tydlig kontaktväg kommunicerad till ambulansorganisationen",
        en="a clear contact route communicated to the ambulance organisation",
    ),),
    sv="En tydlig kontaktväg är kommunicerad till ambulansorganisationen.",
    en="A clear contact route is communicated to the ambulance organisation.",
))
