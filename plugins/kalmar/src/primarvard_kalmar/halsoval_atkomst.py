"""Availability, temporary closures and collaboration (kalmar.halsoval): rules of the further obligations read from the rulebook.

The care of patients during a temporary deviation and the SIP duty read the same in both Kalmar
programmes: each is one function here, registered on both registries (the psykisk hälsa module
registers the same functions under its own ids).
"""

from __future__ import annotations

from typing import Any

from primarvard_kalmar.halsoval_common import rules
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Tillganglighet, Vardkontakt
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


def omhandertagande(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Every temporary closure: care secured by an agreement and a clear referral, the change shown
    on the 1177.se contact card, the partner units informed, the cause recorded. Each closure is
    judged under the edition in force on its first closed day. A step declared not done fails from
    the first closed day on; before it (the closure still to come) it is a warning, still open: the
    text sets no deadline before the deviation arises."""
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
    parts: list[tuple[str, str, str]] = [
        ("overenskommelse", "överenskommelse som säkerställer omhändertagandet", "an agreement securing the care"),
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
    for i, s in sorted(enumerate(doc.stangningar), key=lambda p: (p[1].fran, p[0])):
        edition = edition_id(ctx, s.fran)
        if edition is None:
            outside.append({"index": i, "date": s.fran})
            continue
        unmet_sv: list[str] = []
        unmet_en: list[str] = []
        for name, sv, en in parts:
            value = getattr(s, name)
            if value is None:
                missing.append(f"$.stangningar[{i}].{name}")
            elif value is False:
                unmet_sv.append(sv)
                unmet_en.append(en)
        if s.hanvisning is None:
            missing.append(f"$.stangningar[{i}].hanvisning")
        elif not s.hanvisning:
            unmet_sv.append("tydlig hänvisning")
            unmet_en.append("a clear referral")
        if s.orsak is None:
            missing.append(f"$.stangningar[{i}].orsak")
        begun = s.fran <= ctx.as_of
        if unmet_sv:
            (problems_sv if begun else pending_sv).append(
                f"stängningen från {s.fran.isoformat()} saknar {', '.join(unmet_sv)}")
            (problems_en if begun else pending_en).append(
                f"the closure from {s.fran.isoformat()} lacks {', '.join(unmet_en)}")
        closures.append({
            "index": i,
            "fran": s.fran,
            "edition": edition,
            "begun": begun,
            "orsak": None if s.orsak is None else s.orsak.value,
            "hanvisning": None if s.hanvisning is None else [h.value for h in s.hanvisning],
            "unmet": unmet_en,
        })
    if not closures:
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
        return indeterminate(*missing, **values)
    if pending_sv:
        return warning(
            "Ännu inte gjort inför ett kommande tillfälligt avsteg (ingen frist före första dagen anges): "
            + "; ".join(pending_sv) + "." + out_sv,
            "Not yet done for a temporary deviation still to come (no deadline before its first day is stated): "
            + "; ".join(pending_en) + "." + out_en,
            **values,
        )
    return passed(
        f"{len(closures)} tillfälligt avsteg: omhändertagandet är säkrat genom överenskommelse med tydlig "
        f"hänvisning, förändringen syns på 1177.se, {partners_sv} är informerade och orsaken är angiven." + out_sv,
        f"{len(closures)} temporary deviation(s): care is secured by an agreement with a clear referral, the "
        f"change is shown on 1177.se, {partners_en} are informed and the cause is recorded." + out_en,
        **values,
    )


def sip(doc: Vardkontakt, ctx: RuleContext) -> Finding:
    """Initiate or take part when a SIP is to be drawn up: the unit was called to one, or has
    identified that more than one care actor is needed. The contact's own day (``sokte``, the
    rule's governing day) picks the edition, not the evaluation day."""
    plan = doc.sip
    if plan is None:
        return indeterminate("$.sip")
    called, several = plan.kallad, plan.flera_aktorer
    values: dict[str, Any] = {"called": called, "several_actors": several}
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
    if called:
        if plan.deltog is None:
            return indeterminate("$.sip.deltog", **values)
        if plan.deltog:
            return passed("Vårdenheten var kallad till SIP och deltog.", "The unit was called to a SIP and took part.",
                          **values)
        return failed("Vårdenheten var kallad till SIP men deltog inte.", "The unit was called to a SIP but did not take part.",
                      **values)
    if plan.initierad or plan.deltog:
        return passed(
            "Mer än en vårdaktör behövs och vårdenheten har initierat eller deltagit i SIP.",
            "More than one care actor is needed and the unit initiated or took part in a SIP.",
            **values,
        )
    unknown = [f"$.sip.{n}" for n, v in (("initierad", plan.initierad), ("deltog", plan.deltog)) if v is None]
    if unknown:
        return indeterminate(*unknown, **values)
    return failed(
        "Mer än en vårdaktör behövs men vårdenheten har varken initierat eller deltagit i SIP.",
        "More than one care actor is needed but the unit neither initiated nor took part in a SIP.",
        **values,
    )


rules.implement("kalmar.halsoval.tillganglighet.tillfallig_stangning_omhandertagande")(omhandertagande)
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
