"""Reporting, meetings and follow-up duties (kalmar.halsoval): rules of the further obligations read from the rulebook.

Rules that judge the dated items of a follow-up (meetings, deviations, requests) judge each by its
own day, and the yearly duties each calendar year of the follow-up period by the edition in force
in it (``governing_day: each_item``, see :mod:`primarvard_sdk.items`). The functions that
Kalmar's two programmes share (the event analysis, meeting attendance, yearly duties) live here
and :mod:`primarvard_kalmar.psykisk_halsa_rapportering` registers them on its own registry.
"""

from __future__ import annotations

from collections.abc import Callable

from primarvard_kalmar.halsoval_common import rules
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Aktivitetstyp,
    Analysansvarig,
    Avvikelse,
    Begaran,
    Handlaggare,
    Mote,
    Motesroll,
    Motestyp,
    Uppfoljning,
    label,
)
from primarvard_sdk.findings import (
    absent,
    calendar_day_note,
    deadline,
    decision,
    failed,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
    warning,
    worst,
)
from primarvard_sdk.items import calendar_spans, each_item, none_in_force, outside_note
from primarvard_sdk.model import Finding, Outcome

__all__ = [
    "attendance",
    "digital_mottagning_utvardering",
    "handelseanalys_oberoende",
    "uppgifter_inom_angiven_tid",
    "yearly",
]

RuleFunction = Callable[[Uppfoljning, RuleContext], Finding]


def yearly(
    doc: Uppfoljning, ctx: RuleContext, typ: Aktivitetstyp, what_sv: str, what_en: str
) -> Finding:
    """At least ``min_per_year`` activities of ``typ`` dated in each calendar year of the follow-up
    period up to ``as_of`` (the delivery year: an activity counts for the year it is dated in,
    whatever year it is about): a completed year without them fails, the current year is a
    warning (still open). Each year is judged by the edition in force on its first day in the
    period (``governing_day: each_item``); years outside every edition are listed under
    ``outside_editions``, not judged, and when all are, the rule does not apply."""
    if gaps := absent(doc, "period.fran", "period.till", "aktiviteter"):
        return indeterminate(*gaps)
    assert doc.period is not None and doc.period.till is not None and doc.aktiviteter is not None
    if doc.period.till < doc.period.fran:
        # A period that ends before it begins cannot be right (it is no period not yet begun).
        return inconsistent("$.period.till", "$.period.fran")
    start, end = doc.period.fran, min(doc.period.till, ctx.as_of)
    if start > end:
        return not_applicable(
            "Uppföljningsperioden har inte börjat.", "The follow-up period has not begun.", reason="period_not_begun"
        )
    years, outside = calendar_spans(
        ctx, start, end, (a.datum for a in doc.aktiviteter if a.typ is typ), by="year", parameter="min_per_year"
    )
    if not years:
        return none_in_force(outside)
    overall = worst(Outcome(y["outcome"]) for y in years)
    minimum = years[-1]["required"]
    text = ", ".join(f"{y['year']}: {y['declared']}" for y in years)
    out_sv, out_en = outside_note(outside)
    values = {"required": minimum, "declared": {str(y["year"]): y["declared"] for y in years}, "years": years,
              "outside_editions": outside}
    head_sv = f"{what_sv} minst {minimum} gång per kalenderår; registrerat per år: {text}."
    head_en = f"{what_en} at least {minimum} time(s) per calendar year; recorded per year: {text}."
    if overall is Outcome.fail:
        gaps_ = ", ".join(str(y["year"]) for y in years if y["outcome"] == "fail")
        return failed(
            f"{head_sv} Avslutat år utan: {gaps_}.{out_sv}", f"{head_en} Completed year without: {gaps_}.{out_en}",
            **values,
        )
    if overall is Outcome.warning:
        return warning(
            f"{head_sv} Innevarande år {ctx.as_of.year} saknas ännu (öppet).{out_sv}",
            f"{head_en} None yet in the current year {ctx.as_of.year} (open).{out_en}",
            **values,
        )
    return passed(f"{head_sv}{out_sv}", f"{head_en}{out_en}", **values)


def attendance(typ: Motestyp, what_sv: str, what_en: str) -> RuleFunction:
    """The rule "the head of operations attends every meeting of ``typ``, or a substitute when
    prevented": a meeting attended by neither fails. A meeting dated after the evaluation day has
    not taken place yet: it is listed under ``upcoming``, not judged (``not_applicable`` when no
    other meeting of the kind is judged)."""
    allowed = {Motesroll.verksamhetschef, Motesroll.ersattare}

    def judge(i: int, m: Mote) -> Finding:
        if m.deltagare is None:
            return indeterminate(f"$.moten[{i}].deltagare")
        if allowed & set(m.deltagare):
            return passed(
                f"{what_sv} {m.datum.isoformat()}: verksamhetschef eller ersättare deltog.",
                f"{what_en} {m.datum.isoformat()}: the head of operations or a substitute attended.",
            )
        return failed(
            f"{what_sv} {m.datum.isoformat()}: varken verksamhetschef eller ersättare deltog.",
            f"{what_en} {m.datum.isoformat()}: neither the head of operations nor a substitute attended.",
        )

    def rule(doc: Uppfoljning, ctx: RuleContext) -> Finding:
        if doc.moten is None:
            return indeterminate("$.moten")
        of_type = [(i, m) for i, m in enumerate(doc.moten) if m.typ is typ]
        if not of_type:
            return not_applicable(
                f"Inga möten av typen {typ.value} finns i underlaget.",
                f"No meeting of the kind {typ.value} is in the document.",
                reason="no_meeting",
            )
        return each_item(
            ctx, [m for _, m in of_type], "moten", "datum", judge,
            none_sv="", none_en="", indexes=[i for i, _ in of_type], upcoming=True,
        )

    return rule


def handelseanalys_oberoende(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    """A deviation whose subject is the head of operations: an event analysis by an independent
    party with equivalent competence (kalmar.halsoval and kalmar.psykisk_halsa)."""

    def judge(i: int, a: Avvikelse) -> Finding:
        here = f"$.avvikelser[{i}]"
        if a.avser_verksamhetschef is None:
            return indeterminate(f"{here}.avser_verksamhetschef")
        if not a.avser_verksamhetschef:
            return not_applicable(
                "Verksamhetschefen är inte föremål för avvikelsen.",
                "The head of operations is not the subject of the deviation.",
                reason="not_head",
            )
        if a.handelseanalys is None or a.handelseanalys.utford_av is None:
            return indeterminate(f"{here}.handelseanalys" + (".utford_av" if a.handelseanalys else ""))
        by = a.handelseanalys.utford_av
        if by is Analysansvarig.ingen:
            if a.avslutad is None:
                return indeterminate(f"{here}.avslutad")
            if a.avslutad:
                return failed(
                    "Avvikelsen om verksamhetschefen är avslutad utan händelseanalys.",
                    "The deviation about the head of operations was closed without an event analysis.",
                )
            return warning(
                "Händelseanalys av oberoende aktör är ännu inte utförd (avvikelsen är öppen).",
                "No event analysis by an independent party yet (the deviation is open).",
            )
        if by is not Analysansvarig.oberoende:
            return failed(
                f"Händelseanalysen utfördes av {label(by).lower()}, inte av en oberoende aktör.",
                f"The event analysis was carried out by {by.value}, not by an independent party.",
            )
        if a.handelseanalys.likvardig_kompetens is None:
            return indeterminate(f"{here}.handelseanalys.likvardig_kompetens")
        if not a.handelseanalys.likvardig_kompetens:
            return failed(
                "Den oberoende aktören saknar likvärdig kompetens.",
                "The independent party lacks equivalent competence.",
            )
        return passed(
            "Händelseanalysen utfördes av oberoende aktör med likvärdig kompetens.",
            "The event analysis was carried out by an independent party with equivalent competence.",
        )

    return each_item(
        ctx, doc.avvikelser, "avvikelser", "datum", judge,
        none_sv="Inga avvikelser finns i underlaget.", none_en="No deviation is in the document.",
    )


rules.implement("kalmar.halsoval.uppfoljning.handelseanalys_oberoende")(handelseanalys_oberoende)
rules.implement("kalmar.halsoval.uppfoljning.halsovalsmote_deltagande")(
    attendance(Motestyp.halsovalsmote, "Hälsovalsmöte", "Hälsoval meeting")
)


@rules.implement("kalmar.halsoval.uppfoljning.helgoppen_avvikelser")
def helgoppen_avvikelser(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    route = Handlaggare.samordnare_helgoppen.value

    def judge(i: int, a: Avvikelse) -> Finding:
        if a.under_helgoppen_tid is None:
            return indeterminate(f"$.avvikelser[{i}].under_helgoppen_tid")
        if not a.under_helgoppen_tid:
            return not_applicable(
                "Avvikelsen inträffade inte under den helgöppna hälsocentralens öppettid/beredskapstid.",
                "The deviation did not occur during the weekend-open centre's opening or on-call time.",
                reason="outside_weekend_time",
            )
        if a.handlagd_av is None:
            return indeterminate(f"$.avvikelser[{i}].handlagd_av")
        if a.handlagd_av is Handlaggare.samordnare_helgoppen:
            return passed(
                "Avvikelsen handläggs av samordnaren för den helgöppna hälsocentralen.",
                "The deviation is handled by the weekend-open centre's coordinator.",
                decision="accept",
                route=route,
            )
        return decision(
            "route",
            "Avvikelsen ska hanteras av samordnaren för den helgöppna hälsocentralen, inte av "
            f"{label(a.handlagd_av).lower()}.",
            f"The deviation is for the weekend-open centre's coordinator, not {a.handlagd_av.value}.",
            route=route,
        )

    return each_item(
        ctx, doc.avvikelser, "avvikelser", "datum", judge,
        none_sv="Inga avvikelser finns i underlaget.", none_en="No deviation is in the document.",
    )


@rules.implement("kalmar.halsoval.uppfoljning.avidentifiering")
def avidentifiering(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, b: Begaran) -> Finding:
        # "de handlingar som efterfrågas": only what has been delivered on the evaluation day is judged
        if b.levererad is None or b.levererad > ctx.as_of:
            return not_applicable(
                f"Inget är levererat på begäran på bedömningsdagen {ctx.as_of.isoformat()}.",
                f"Nothing has been delivered on the request on the evaluation day {ctx.as_of.isoformat()}.",
                reason="not_delivered",
            )
        if b.levererad < b.begard:
            # Delivered before it was asked for cannot be right: no answer to "de handlingar som efterfrågas".
            return inconsistent(f"$.begaranden[{i}].levererad", f"$.begaranden[{i}].begard")
        if b.avidentifierad is None:
            return indeterminate(f"$.begaranden[{i}].avidentifierad")
        if not b.avidentifierad:
            return failed(
                "Levererade handlingar var inte avidentifierade.", "The delivered documents were not de-identified."
            )
        return passed("Levererade handlingar var avidentifierade.", "The delivered documents were de-identified.")

    return each_item(
        ctx, doc.begaranden, "begaranden", "begard", judge,
        none_sv="Inga begäranden om handlingar finns i underlaget.", none_en="No request for documents is in the document.",
    )


@rules.implement("kalmar.halsoval.uppfoljning.utvecklingsarbete_redovisning")
def utvecklingsarbete_redovisning(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.enhet is None or doc.enhet.primarvardsforvaltningen is None:
        return indeterminate("$.enhet.primarvardsforvaltningen")
    if not doc.enhet.primarvardsforvaltningen:
        return not_applicable(
            "Enheten drivs inte av Primärvårdsförvaltningen.", "The unit is not run by Primärvårdsförvaltningen.",
            reason="not_primarvardsforvaltningen",
        )
    return yearly(
        doc, ctx, Aktivitetstyp.utvecklingsomraden_redovisning,
        "Deltagandet i övriga utvecklingsområden ska redovisas till Regionstab samordning hälso- och sjukvård",
        "Participation in the other development areas is reported to Regionstab samordning hälso- och sjukvård",
    )


def uppgifter_inom_angiven_tid(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    """Data the region requests, delivered within the period the request states (psykisk hälsa)."""

    def judge(i: int, b: Begaran) -> Finding:
        here = f"$.begaranden[{i}]"
        if b.senast is not None:
            due = b.senast
            how_sv, how_en = f"begäran anger senast {due.isoformat()}", f"the request states {due.isoformat()}"
        elif b.dagar is not None:
            due = calendar.add_calendar_days(b.begard, b.dagar)
            how_sv = f"begäran anger {b.dagar} dagar från {b.begard.isoformat()}"
            how_en = f"the request states {b.dagar} days from {b.begard.isoformat()}"
        else:
            return indeterminate(
                f"{here}.senast", f"{here}.dagar",
                sv="Kan inte avgöras: begäran anger ingen tidsperiod (senast eller dagar saknas).",
                en="Cannot be decided: the request states no period (no last day or number of days).",
            )
        if due < b.begard:
            return inconsistent(f"{here}.senast", f"{here}.begard")
        if b.levererad is not None and b.levererad < b.begard:
            return inconsistent(f"{here}.levererad", f"{here}.begard")
        note_sv, note_en = calendar_day_note(due)
        return deadline(
            due, b.levererad, ctx.as_of,
            f"Uppgifterna ska lämnas inom den tid regionen anger ({how_sv}): senast {due.isoformat()}.{note_sv}",
            f"The data is due within the period the region states ({how_en}): by {due.isoformat()}.{note_en}",
        )

    return each_item(
        ctx, doc.begaranden, "begaranden", "begard", judge,
        none_sv="Inga begäranden om uppgifter finns i underlaget.", none_en="No data request is in the document.",
    )


def digital_mottagning_utvardering(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    """Primärvårdsförvaltningen's digital reception is evaluated every calendar year (psykisk hälsa)."""
    if doc.enhet is None or doc.enhet.digital_mottagning is None:
        return indeterminate("$.enhet.digital_mottagning")
    if not doc.enhet.digital_mottagning:
        return not_applicable(
            "Enheten är inte Primärvårdsförvaltningens digitala mottagning.",
            "The unit is not Primärvårdsförvaltningen's digital reception.",
            reason="not_digital_reception",
        )
    return yearly(
        doc, ctx, Aktivitetstyp.digital_mottagning_utvardering,
        "Den digitala mottagningen ska utvärderas", "The digital reception is evaluated",
    )
