"""Availability, temporary closures and collaboration (vasterbotten.halsoval): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Bokningskanal,
    ETjanst,
    Samverkanstyp,
    Tillganglighet,
    Vardenhet,
    Veckodag,
    Yrke,
)
from primarvard_sdk.findings import (
    failed,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
    verdict,
    warning,
)
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact, When
from primarvard_vasterbotten.halsoval_common import (
    closed_working_days,
    covers,
    iso,
    joined,
    must_be_open,
    rules,
    staff_dates_checked,
)


@rules.implement("vasterbotten.halsoval.tillganglighet.telefon")
def telefon(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Reachable by telephone during all ordinary opening hours (Monday–Friday 08.00–17.00)."""
    if doc.telefontider is None:
        return indeterminate("$.telefontider")
    days: tuple[str, ...] = ctx.param("weekdays")
    opens = time.fromisoformat(ctx.param("opens"))
    closes = time.fromisoformat(ctx.param("closes"))
    hours = f"{opens.strftime('%H:%M')}–{closes.strftime('%H:%M')}"
    short = [d for d in days if not covers([t for t in doc.telefontider if t.dag == Veckodag(d)], opens, closes)]
    values = {"required": f"{joined(days)} {hours}", "days_not_covered": short}
    if short:
        return failed(
            f"Telefontiden täcker inte de ordinarie öppettiderna {hours} på: {joined(short)}.",
            f"Telephone hours do not cover the ordinary opening hours {hours} on: {joined(short)}.",
            **values,
        )
    return passed(
        f"Hälsocentralen nås per telefon under de ordinarie öppettiderna, {hours} måndag–fredag.",
        f"The hälsocentral is reachable by telephone during the ordinary opening hours, {hours} Monday–Friday.",
        **values,
    )


@rules.implement("vasterbotten.halsoval.tillganglighet.utanfor_oppettid")
def utanfor_oppettid(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Outside ordinary hours: physician input and district-nurse clinic input arranged, alone or
    with another hälsocentral in Hälsoval."""
    plan = doc.utanfor_oppettid
    if plan is None:
        return indeterminate("$.utanfor_oppettid")
    problems_sv: list[str] = []
    problems_en: list[str] = []
    missing: list[str] = []
    for name, sv, en in (
        ("lakarinsatser", "akuta och planerade läkarinsatser", "acute and planned physician input"),
        ("distriktsskoterskemottagning", "planerade insatser på mottagning av distriktssköterska",
         "planned district-nurse clinic input"),
    ):
        value = getattr(plan, name)
        if value is None:
            missing.append(f"$.utanfor_oppettid.{name}")
        elif not value:
            problems_sv.append(f"{sv} utanför ordinarie öppettider är inte ordnade")
            problems_en.append(f"{en} outside ordinary opening hours is not arranged")
    if plan.samordnad_med is not None:
        if plan.samordnad_med_i_halsoval is None:
            missing.append("$.utanfor_oppettid.samordnad_med_i_halsoval")
        elif not plan.samordnad_med_i_halsoval:
            problems_sv.append(f"samordningen sker med {plan.samordnad_med}, som inte är en hälsocentral verksam inom Hälsoval")
            problems_en.append(f"the work is coordinated with {plan.samordnad_med}, which is not a hälsocentral in Hälsoval")
    how_sv = f"samordnat med {plan.samordnad_med}" if plan.samordnad_med else "i egen regi"
    how_en = f"coordinated with {plan.samordnad_med}" if plan.samordnad_med else "on its own"
    return verdict(
        problems_sv, problems_en, missing,
        f"Utanför ordinarie öppettider ordnas läkarinsatser och distriktssköterskemottagning {how_sv}.",
        f"Outside ordinary opening hours physician input and the district-nurse clinic are arranged {how_en}.",
        partner=plan.samordnad_med,
    )


@rules.implement("vasterbotten.halsoval.tillganglighet.tidsbokning_kanaler")
def tidsbokning_kanaler(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Visits can be booked both by telephone and by a visit to the hälsocentral."""
    if doc.tidbokning is None:
        return indeterminate("$.tidbokning")
    required = [Bokningskanal(c) for c in ctx.param("required")]
    lacking = [c.value for c in required if c not in doc.tidbokning]
    values: dict[str, Any] = {"channels": sorted({c.value for c in doc.tidbokning}), "lacking": lacking}
    if lacking:
        return failed(
            f"Besök kan inte bokas via: {joined(lacking)}.",
            f"Visits cannot be booked through: {joined(lacking)}.",
            **values,
        )
    return passed(
        "Besök kan bokas via telefon och vid fysiskt besök på hälsocentralen.",
        "Visits can be booked by telephone and by a visit to the hälsocentral.",
        **values,
    )


@rules.implement("vasterbotten.halsoval.tillganglighet.e_tjanst_alla_professioner")
@staff_dates_checked
def e_tjanst_alla_professioner(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """Every profession of the staff in service at the unit on the day (:meth:`Medarbetare.i_tjanst`)
    can be contacted through the 1177 e-services (the catch-all code ``annan`` names no profession
    and is not required)."""
    missing: list[str] = []
    if doc.personal is None:
        missing.append("$.personal")
    if doc.e_tjanst_mottagare is None:
        missing.append("$.e_tjanst_mottagare")
    day = ctx.day
    reachable = None if doc.e_tjanst_mottagare is None else set(doc.e_tjanst_mottagare)
    required: set[str] = set()
    unreachable: set[str] = set()
    not_working: list[int] = []
    for i, m in enumerate(doc.personal or ()):
        if not m.i_tjanst(day):
            not_working.append(i)
            continue
        if m.yrke is Yrke.annan:
            continue
        if m.yrke is None:
            missing.append(f"$.personal[{i}].yrke")
            continue
        required.add(m.yrke.value)
        if reachable is not None and m.yrke not in reachable:
            unreachable.add(m.yrke.value)
    professions = sorted(required)
    values: dict[str, Any] = {"professions": professions, "unreachable": sorted(unreachable),
                              "not_working_on_day": not_working}
    if doc.personal is not None and not required and not missing:
        # no profession in service that day: nothing to reach, and nothing to pass on
        return not_applicable(
            f"Ingen profession är redovisad i tjänst på hälsocentralen {iso(day)}.",
            f"No profession is reported in service at the hälsocentral on {iso(day)}.",
            reason="no_staff_in_service", **values,
        )
    return verdict(
        [f"via e-tjänsterna går det inte att kontakta: {joined(sorted(unreachable))}"] if unreachable else [],
        [f"the e-services cannot be used to contact: {joined(sorted(unreachable))}"] if unreachable else [],
        missing,
        f"Alla professioner på hälsocentralen {iso(day)} ({joined(professions) or 'inga'}) kan kontaktas via 1177 "
        "Vårdguidens e-tjänster.",
        f"Every profession at the hälsocentral on {iso(day)} ({joined(professions) or 'none'}) can be contacted through "
        "the 1177 e-services.",
        **values,
    )


@rules.implement("vasterbotten.halsoval.tillganglighet.begransat_oppethallande_information")
def begransat_oppethallande_information(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """For each day of limited opening (as begransat_oppethallande finds them): the answering
    machine names the hälsocentral callers are referred to, and the answering machine, the 1177.se
    contact card and Beställarenheten are informed before the day begins."""
    if doc.avvikande_dagar is None:
        return indeterminate("$.avvikande_dagar")
    channels = (
        ("telefonsvarare", "telefonsvararen", "the answering machine"),
        ("kontaktkort_1177", "kontaktkortet på 1177.se", "the 1177.se contact card"),
        ("bestallarenheten", "Beställarenheten", "Beställarenheten"),
    )
    limited: list[date] = []
    outside: list[date] = []
    missing: list[str] = []
    late_sv: list[str] = []
    late_en: list[str] = []
    pending: list[str] = []
    pending_sv: list[str] = []
    unnamed: list[date] = []
    any_inside = False  # a deviating or closed day inside an edition
    for i, day in sorted(enumerate(doc.avvikande_dagar), key=lambda p: (p[1].datum, p[0])):
        if ctx.edition_on(day.datum) is None:
            outside.append(day.datum)
            continue
        any_inside = True
        if not must_be_open(day.datum, bool(ctx.param("eves_exempt", on=day.datum))):
            continue
        if day.oppettider is None:
            missing.append(f"$.avvikande_dagar[{i}].oppettider")
            continue
        opens = time.fromisoformat(ctx.param("opens", on=day.datum))
        closes = time.fromisoformat(ctx.param("closes", on=day.datum))
        if covers(day.oppettider, opens, closes):
            continue
        limited.append(day.datum)
        info = day.information
        if info is None:
            missing.append(f"$.avvikande_dagar[{i}].information")
            continue
        ahead = day.datum > ctx.as_of
        if info.telefonsvarare_namnger_halsocentral is None and ahead:
            # The message for a day still to come may not be recorded yet: still owed, not unknown.
            pending.append(f"{iso(day.datum)} (the answering machine's referral to a hälsocentral)")
            pending_sv.append(f"{iso(day.datum)} (telefonsvararens hänvisning till hälsocentral)")
        elif info.telefonsvarare_namnger_halsocentral is None:
            missing.append(f"$.avvikande_dagar[{i}].information.telefonsvarare_namnger_halsocentral")
        elif not info.telefonsvarare_namnger_halsocentral:
            unnamed.append(day.datum)
        for name, sv, en in channels:
            told: date | None = getattr(info, name)
            if told is None and ahead:
                pending.append(f"{iso(day.datum)} ({en})")
                pending_sv.append(f"{iso(day.datum)} ({sv})")
            elif told is None:
                late_sv.append(f"{iso(day.datum)}: {sv} inte informerad")
                late_en.append(f"{iso(day.datum)}: {en} not informed")
            elif told >= day.datum:
                late_sv.append(f"{iso(day.datum)}: {sv} informerad först {iso(told)}")
                late_en.append(f"{iso(day.datum)}: {en} informed only on {iso(told)}")
    # A declared temporary closure (stangningar) closes the unit on each of its days, as in
    # begransat_oppethallande: every helgfri vardag in it (not also given as an avvikande dag) is a day
    # of limited opening that needs the same information. The closure records when the region was told
    # (anmald) and whether the 1177.se contact card shows it (kontaktkort_1177, no day); what the
    # answering machine said, and when, is recorded only per day (avvikande_dagar[*].information).
    seen = {d.datum for d in doc.avvikande_dagar}
    uninformed: list[date] = []
    closures = closed_working_days(doc, ctx, seen, outside)
    if isinstance(closures, Finding):
        return closures
    for j, closure, working, inside in closures:
        here = f"$.stangningar[{j}]"
        any_inside = any_inside or inside
        for day_, _ in working:
            limited.append(day_)
            ahead = day_ > ctx.as_of
            told = closure.anmald
            if told is None and ahead:
                pending.append(f"{iso(day_)} (Beställarenheten)")
                pending_sv.append(f"{iso(day_)} (Beställarenheten)")
            elif told is None:
                late_sv.append(f"{iso(day_)}: Beställarenheten inte informerad ({here}.anmald)")
                late_en.append(f"{iso(day_)}: Beställarenheten not informed ({here}.anmald)")
            elif told >= day_:
                late_sv.append(f"{iso(day_)}: Beställarenheten informerad först {iso(told)}")
                late_en.append(f"{iso(day_)}: Beställarenheten informed only on {iso(told)}")
            if closure.kontaktkort_1177 is not True and ahead:
                pending.append(f"{iso(day_)} (the 1177.se contact card)")
                pending_sv.append(f"{iso(day_)} (kontaktkortet på 1177.se)")
            elif closure.kontaktkort_1177 is False:
                late_sv.append(f"{iso(day_)}: kontaktkortet på 1177.se visar inte stängningen")
                late_en.append(f"{iso(day_)}: the 1177.se contact card does not show the closure")
            elif closure.kontaktkort_1177 is None:
                missing.append(f"{here}.kontaktkort_1177")
            if ahead:
                pending.append(f"{iso(day_)} (the answering machine)")
                pending_sv.append(f"{iso(day_)} (telefonsvararen)")
            else:
                uninformed.append(day_)
        if not working and closure.forvantad_till is None:
            missing.append(f"{here}.forvantad_till")
    limited.sort()
    values: dict[str, Any] = {"limited_days": limited, "not_informed_in_time": late_en, "pending": pending}
    if outside:
        values["days_outside_edition"] = sorted(set(outside))
    if uninformed:
        # the answering machine's message, and the days the card and the machine began to tell of it,
        # are recorded per day only: a closed day that has begun needs its avvikande dag
        values["closure_days_without_information"] = uninformed
        missing.append("$.avvikande_dagar")  # an entry, with its information, for each of these days
    problems_sv = [*late_sv, *(f"{iso(d)}: telefonsvararen anger inte vilken hälsocentral som gäller" for d in unnamed)]
    problems_en = [*late_en, *(f"{iso(d)}: the answering machine does not name the hälsocentral" for d in unnamed)]
    if problems_sv:
        return failed(
            "Information om begränsat öppethållande ges inte i god tid: " + "; ".join(problems_sv) + ".",
            "Information about limited opening is not given in good time: " + "; ".join(problems_en) + ".",
            **values,
        )
    if missing:
        if uninformed:
            shown = joined(map(iso, uninformed))
            return indeterminate(
                *dict.fromkeys(missing),
                sv=f"Kan inte avgöras: stängda dagar ({shown}) saknar uppgift om när och hur telefonsvararen och "
                   "kontaktkortet på 1177.se informerade och om telefonsvararen angav vilken hälsocentral som gäller; "
                   f"det redovisas per dag i avvikande_dagar[*].information ({joined(dict.fromkeys(missing))}).",
                en=f"Cannot be decided: closed days ({shown}) lack when and how the answering machine and the 1177.se "
                   "contact card told of them and whether the answering machine named the hälsocentral; that is "
                   f"reported per day in avvikande_dagar[*].information ({joined(dict.fromkeys(missing))}).",
                **values,
            )
        return indeterminate(*dict.fromkeys(missing), **values)
    if not limited:
        if outside and not any_inside:
            outside = sorted(set(outside))
            return not_applicable(
                f"De avvikande dagarna ({joined(map(iso, outside))}) ligger utanför regelbokens giltighetstid.",
                f"The deviating days ({joined(map(iso, outside))}) lie outside the rulebook's period.",
                reason="no_rulebook_in_force", **values,
            )
        return not_applicable(
            "Ingen dag med begränsat öppethållande är angiven.",
            "No day of limited opening is declared.",
            reason="no_limited_day", **values,
        )
    if pending:
        return warning(
            "Information om kommande begränsat öppethållande är ännu inte given och ska ges i god tid före dagen: "
            + joined(pending_sv) + ".",
            "Information about upcoming limited opening is not yet given and must come in good time before the day: "
            + joined(pending) + ".",
            **values,
        )
    return passed(
        f"Telefonsvarare, kontaktkort på 1177.se och Beställarenheten informerades före varje dag med begränsat "
        f"öppethållande ({joined(map(iso, limited))}), och telefonsvararen anger vilken hälsocentral som gäller.",
        f"The answering machine, the 1177.se contact card and Beställarenheten were informed before each day of "
        f"limited opening ({joined(map(iso, limited))}), and the answering machine names the hälsocentral.",
        **values,
    )


@rules.implement("vasterbotten.halsoval.samverkan.samarbete_godkannande")
def samarbete_godkannande(doc: Vardenhet, ctx: RuleContext) -> Finding:
    """A collaboration between hälsocentraler in operation on the day was approved by
    Beställarenheten by its first day, and its joint activity can be reported per hälsocentral.
    One not yet begun is listed and not judged; an agreement that ended before the day is settled
    first, whatever its kind (reported or not), and is not judged."""
    if doc.samverkansavtal is None:
        return indeterminate("$.samverkansavtal")
    kind = Samverkanstyp(ctx.param("collaboration_type"))
    day = ctx.day
    missing: list[str] = []
    problems_sv: list[str] = []
    problems_en: list[str] = []
    running: list[str] = []
    upcoming: list[str] = []
    ended: list[str] = []
    for i, a in enumerate(doc.samverkansavtal):
        if a.giltig_fran is not None and a.giltig_till is not None and a.giltig_till < a.giltig_fran:
            # an agreement that ends before it begins cannot be right: not read as ended
            return inconsistent(f"$.samverkansavtal[{i}].giltig_till", f"$.samverkansavtal[{i}].giltig_fran")
        if a.giltig_till is not None and a.giltig_till < day:
            # Over before the day, whatever its kind and whenever it began: not judged.
            if a.typ is None or a.typ is kind:
                ended.append(a.part)
            continue
        if a.typ is None:
            missing.append(f"$.samverkansavtal[{i}].typ")
            continue
        if a.typ is not kind:
            continue
        current = a.i_kraft(day)
        if current is None:
            missing.append(f"$.samverkansavtal[{i}].giltig_fran")
            continue
        if not current:
            upcoming.append(a.part)
            continue
        assert a.giltig_fran is not None  # i_kraft answered
        running.append(a.part)
        if a.godkand is None or a.godkand > a.giltig_fran:
            when = "" if a.godkand is None else f" (godkänt först {iso(a.godkand)})"
            when_en = "" if a.godkand is None else f" (approved only on {iso(a.godkand)})"
            problems_sv.append(f"samarbetet med {a.part} bedrivs från {iso(a.giltig_fran)} utan Beställarenhetens "
                               f"godkännande{when}")
            problems_en.append(f"the collaboration with {a.part} runs from {iso(a.giltig_fran)} without "
                               f"Beställarenheten's approval{when_en}")
        if a.redovisas_per_enhet is None:
            missing.append(f"$.samverkansavtal[{i}].redovisas_per_enhet")
        elif not a.redovisas_per_enhet:
            problems_sv.append(f"den gemensamma verksamheten med {a.part} kan inte redovisas per hälsocentral")
            problems_en.append(f"the joint activity with {a.part} cannot be reported per hälsocentral")
    values: dict[str, Any] = {"collaborations": sorted(running), "upcoming": sorted(upcoming), "ended": sorted(ended)}
    if not running and not missing:
        return not_applicable(
            f"Inget samarbete mellan hälsocentraler bedrivs {iso(day)}.",
            f"No collaboration between hälsocentraler is in operation on {iso(day)}.",
            reason="no_collaboration", **values,
        )
    return verdict(
        problems_sv, problems_en, missing,
        f"Samarbetet med {joined(sorted(running))} är godkänt av Beställarenheten innan det började och kan "
        "redovisas per hälsocentral.",
        f"The collaboration with {joined(sorted(running))} was approved by Beställarenheten before it began and can "
        "be reported per hälsocentral.",
        **values,
    )


sip_deltagande = rules.shape(Declared(
    "vasterbotten.halsoval.samverkan.sip_deltagande",
    facts=(Fact("sip.deltog", sv="deltagande i SIP som hälsocentralen kallats till",
                en="taking part in the SIP the hälsocentral was called to"),),
    sv="Hälsocentralen var kallad till SIP och deltog.",
    en="The hälsocentral was called to a SIP and took part.",
    outside=(When("sip.kallad", flag=False, known=True, reason="not_called",
                  sv="Hälsocentralen är inte kallad till SIP.", en="The hälsocentral was not called to a SIP."),),
))


@rules.implement("vasterbotten.halsoval.tillganglighet.listning_1177")
def listning_1177(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Informs about, and offers, listing through the 1177 e-services."""
    service = ETjanst(ctx.param("e_service"))
    problems_sv: list[str] = []
    problems_en: list[str] = []
    missing: list[str] = []
    if doc.e_tjanster is None:
        missing.append("$.e_tjanster")
    elif service not in doc.e_tjanster:
        problems_sv.append("listning via 1177 e-tjänster (Välj hälsocentral) erbjuds inte")
        problems_en.append("listing through the 1177 e-services (Välj hälsocentral) is not offered")
    if doc.listning_1177_information is None:
        missing.append("$.listning_1177_information")
    elif not doc.listning_1177_information:
        problems_sv.append("hälsocentralen informerar inte om listning via 1177 e-tjänster")
        problems_en.append("the hälsocentral does not inform about listing through the 1177 e-services")
    return verdict(
        problems_sv, problems_en, missing,
        "Hälsocentralen informerar om och erbjuder listning via 1177 e-tjänster.",
        "The hälsocentral informs about and offers listing through the 1177 e-services.",
    )
