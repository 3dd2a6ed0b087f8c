"""Reporting, meetings and follow-up duties (vasterbotten.halsoval): rules of the further obligations read from the rulebook.

Rules on dated items of a follow-up (limitations of the offer, deviations, supervision results,
measurements, subcontractors, changes, meetings, requests) judge each by its own day, and the
yearly and monthly duties each calendar year or month of the follow-up period by the edition in
force in it (``governing_day: each_item``, see :mod:`primarvard_sdk.items`): an item, year or
month outside the 2025 edition is listed, not judged. A meeting or change dated after the
evaluation day has not happened yet: it is listed under ``upcoming``, not judged.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs

from primarvard_sdk.calendar import add_months
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Aktivitet,
    Aktivitetstyp,
    Avvikelse,
    Begaran,
    Begaranstyp,
    Driftform,
    Forandring,
    Forandringstyp,
    Godkannande,
    Mote,
    Motesroll,
    Motestyp,
    Tillsyn,
    Tillsynstyp,
    Underleverantor,
    Uppfoljning,
    Utbudsbegransning,
    label,
)
from primarvard_sdk.findings import (
    absent,
    deadline,
    failed,
    finding,
    indeterminate,
    not_applicable,
    passed,
    warning,
    worst,
)
from primarvard_sdk.items import (
    calendar_spans,
    codes_on,
    each_item,
    item_conditions,
    item_flags,
    none_in_force,
    outside_note,
    without_limit,
)
from primarvard_sdk.model import Finding, Outcome
from primarvard_sdk.shapes import Declared, Fact
from primarvard_vasterbotten.halsoval_common import rules


def _of_type(doc: Uppfoljning, typ: Aktivitetstyp) -> tuple[list[Aktivitet], list[int]]:
    items = [(i, a) for i, a in enumerate(doc.aktiviteter or ()) if a.typ is typ]
    return [a for _, a in items], [i for i, _ in items]


def _period(doc: Uppfoljning, ctx: RuleContext, *lists: str) -> tuple[date, date] | Finding:
    """The follow-up period up to ``as_of`` (``indeterminate`` naming every missing end and list)."""
    if gaps := absent(doc, "period.fran", "period.till", *lists):
        return indeterminate(*gaps)
    assert doc.period is not None and doc.period.till is not None
    start, end = doc.period.fran, min(doc.period.till, ctx.as_of)
    if start > end:
        return not_applicable(
            "Uppföljningsperioden har inte börjat.", "The follow-up period has not begun.", reason="period_not_begun"
        )
    return start, end


@rules.implement("vasterbotten.halsoval.uppfoljning.utbudsbegransning_plan")
def utbudsbegransning_plan(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, u: Utbudsbegransning) -> Finding:
        # plan, specialist access and risk analysis are what the hälsocentral has: false fails
        found = item_flags(
            i, "utbudsbegransningar", u,
            (("plan", "en plan med åtgärder, samordning, restid och information", "a plan with measures, coordination, "
              "travel time and information"),
             ("specialist_sakerstalld", "säkerställd tillgång till specialistläkare i allmänmedicin",
              "secured access to a specialist in general practice"),
             ("riskanalys", "en risk- och konsekvensanalys kring patientsäkerheten",
              "a risk and consequence analysis for patient safety")),
            "Plan, specialisttillgång, riskanalys och information till Beställarenheten finns.",
            "Plan, specialist access, risk analysis and information to Beställarenheten are in place.",
        )
        if found.outcome is Outcome.fail:
            return found
        # "Beställarenheten informeras om plan och beslut" names no day: not yet informed is open
        if u.bestallarenheten_informerad is None:
            return indeterminate(*found.missing, f"$.utbudsbegransningar[{i}].bestallarenheten_informerad")
        if found.outcome is Outcome.indeterminate:
            return found
        if not u.bestallarenheten_informerad:
            return warning(
                "Plan, specialisttillgång och riskanalys finns; Beställarenheten är ännu inte informerad om plan och "
                "beslut (öppet; ingen tidpunkt anges).",
                "Plan, specialist access and risk analysis are in place; Beställarenheten is not yet informed of plan "
                "and decision (open; no time is stated).",
            )
        return found

    return each_item(
        ctx, doc.utbudsbegransningar, "utbudsbegransningar", "beslutad", judge,
        none_sv="Ingen utbudsbegränsning finns i underlaget.", none_en="No limitation of the offer is in the document.",
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.lakemedelskommitten_arlig")
def lakemedelskommitten_arlig(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    span = _period(doc, ctx, "aktiviteter")
    if isinstance(span, Finding):
        return span
    start, end = span
    assert doc.aktiviteter is not None
    years, outside = calendar_spans(
        ctx, start, end, (a.datum for a in doc.aktiviteter if a.typ is Aktivitetstyp.lakemedelskommitten_besok),
        by="year", parameter="min_visits_per_year",
    )
    if not years:
        return none_in_force(outside)
    overall = worst(Outcome(y["outcome"]) for y in years)
    minimum = years[-1]["required"]
    text = ", ".join(f"{y['year']}: {y['declared']}" for y in years)
    sv = f"Minst {minimum} besök av läkemedelskommitténs informationsläkare och apotekare per kalenderår; per år: {text}."
    en = f"At least {minimum} visit(s) of the drug committee's information physician and pharmacist per calendar year; per year: {text}."
    if overall is Outcome.fail:
        sv, en = sv + " Ett avslutat år saknar besök.", en + " A completed year has no visit."
    elif overall is Outcome.warning:
        sv, en = sv + " Innevarande år saknar ännu besök (öppet).", en + " No visit yet in the current year (open)."
    out_sv, out_en = outside_note(outside)
    return finding(
        overall, sv + out_sv, en + out_en, required=minimum, declared={str(y["year"]): y["declared"] for y in years},
        years=years, outside_editions=outside,
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.avvikelse_besvaras")
def avvikelse_besvaras(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, a: Avvikelse) -> Finding:
        here = f"$.avvikelser[{i}]"
        if a.fran_annan_vardgivare is None:
            return indeterminate(f"{here}.fran_annan_vardgivare")
        if not a.fran_annan_vardgivare:
            return not_applicable(
                "Avvikelsen kom inte från annan vårdenhet eller vårdgivare.",
                "The deviation did not come from another care unit or provider.", reason="own_deviation",
            )
        if a.svar_delgivet is None:
            return indeterminate(f"{here}.svar_delgivet")
        if a.svar_delgivet:
            return passed("Avvikelsen är besvarad och svaret delgivet avsändaren.", "The deviation is answered and the answer sent.")
        if a.avslutad is None:
            return indeterminate(f"{here}.avslutad")
        if a.avslutad:
            return failed(
                "Avvikelsen är avslutad utan att svar delgivits avsändande vårdenhet.",
                "The deviation was closed without an answer sent to the sending unit.",
            )
        return warning(
            "Avvikelsen är ännu inte besvarad (öppen; ingen tidsgräns anges).",
            "The deviation is not answered yet (open; no time limit is stated).",
        )

    return each_item(
        ctx, doc.avvikelser, "avvikelser", "datum", judge,
        none_sv="Inga avvikelser finns i underlaget.", none_en="No deviation is in the document.",
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.lex_maria_privat")
def lex_maria_privat(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    none_sv, none_en = "Inga avvikelser finns i underlaget.", "No deviation is in the document."
    if doc.avvikelser == ():  # no deviation: nothing to ask the operator for
        return not_applicable(none_sv, none_en, reason="none_reported", outside_editions=[])
    if doc.enhet is None or doc.enhet.driftform is None:
        return indeterminate("$.enhet.driftform", *(["$.avvikelser"] if doc.avvikelser is None else []))
    if doc.enhet.driftform is Driftform.offentlig:
        return not_applicable(
            "Hälsocentralen drivs i regionens egen regi och följer regionens rutiner för Lex Maria.",
            "The hälsocentral is run by the region and follows the region's Lex Maria routines.", reason="egen_regi",
        )

    def judge(i: int, a: Avvikelse) -> Finding:
        here = f"$.avvikelser[{i}]"
        if (outside := item_conditions(i, "avvikelser", a, (
            ("anmald_ivo", "Inget Lex Maria-ärende.", "Not a Lex Maria case."),
            ("enbart_egen_vardgivare", "Ärendet berör inte enbart den privata vårdgivaren.",
             "The case does not concern only the private provider."),
        ))) is not None:
            return outside
        if a.kopia_till_regionen is None:
            return indeterminate(f"{here}.kopia_till_regionen")
        if not a.kopia_till_regionen:
            # the text names no day for the copy: not sent yet is open, never late
            return warning(
                "Kopia av anmälan, utredningsmaterial och åtgärder är ännu inte skickad till Region Västerbotten "
                "(öppet; ingen tidpunkt anges).",
                "A copy of the report, investigation material and measures is not yet sent to the region "
                "(open; no time is stated).",
            )
        if a.kopia_avidentifierad is None:
            return indeterminate(f"{here}.kopia_avidentifierad")
        if not a.kopia_avidentifierad:
            return failed(
                "Kopian som skickades till Region Västerbotten var inte avidentifierad.",
                "The copy sent to the region was not de-identified.",
            )
        return passed(
            "Avidentifierad kopia av anmälan, utredningsmaterial och åtgärder är skickad till Region Västerbotten.",
            "A de-identified copy of report, investigation material and measures was sent to the region.",
        )

    return each_item(ctx, doc.avvikelser, "avvikelser", "datum", judge, none_sv=none_sv, none_en=none_en)


@rules.implement("vasterbotten.halsoval.uppfoljning.tillsyn_resultat")
def tillsyn_resultat(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    driftform = doc.enhet.driftform if doc.enhet is not None else None

    def judge(i: int, t: Tillsyn) -> Finding:
        if t.typ is Tillsynstyp.ivo_beslut:
            # "Beslut av Inspektionen ... i ärendet": the Lex Maria case of a private hälsocentral
            if driftform is None:
                return indeterminate("$.enhet.driftform")
            if driftform is Driftform.offentlig:
                return not_applicable(
                    "IVO:s beslut i Lex Maria-ärende: hälsocentralen drivs i regionens egen regi och följer regionens "
                    "rutiner för Lex Maria.",
                    "IVO's decision in a Lex Maria case: the hälsocentral is run by the region and follows the "
                    "region's Lex Maria routines.",
                    reason="egen_regi",
                )
            what, what_en = "IVO:s beslut", "IVO's decision"
        else:
            what, what_en = "Tillsynens resultat", "The supervision's result"
        if t.region_informerad is None:
            return indeterminate(f"$.tillsyner[{i}].region_informerad")
        if not t.region_informerad:
            # the text names no day by which it is given: not yet given is open, never late
            return warning(
                f"{what} är ännu inte tillställt Region Västerbotten (öppet; ingen tidpunkt anges).",
                f"{what_en} is not yet given to the region (open; no time is stated).",
            )
        return passed(f"{what} är tillställt Region Västerbotten.", f"{what_en} has been given to the region.")

    return each_item(
        ctx, doc.tillsyner, "tillsyner", "datum", judge,
        none_sv="Inga IVO-beslut eller tillsynsresultat finns i underlaget.", none_en="No IVO decision or supervision result is in the document.",
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.patientsakerhetsmatningar")
def patientsakerhetsmatningar(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.aktiviteter is None:
        return indeterminate("$.aktiviteter")
    items, indexes = _of_type(doc, Aktivitetstyp.patientsakerhetsmatning)

    def judge(i: int, a: Aktivitet) -> Finding:
        assert a.senast is not None
        return deadline(
            a.senast, a.datum, ctx.as_of,
            f"Mätningen ska utföras senast {a.senast.isoformat()}, den tid Region Västerbotten meddelat.",
            f"The measurement is due by {a.senast.isoformat()}, the time Region Västerbotten announced.",
        )

    return each_item(
        ctx, items, "aktiviteter", "senast", judge, indexes=indexes,
        none_sv="Ingen mätning beslutad av Patientsäkerhetsrådet finns i underlaget.",
        none_en="No measurement decided by the patient-safety council is in the document.",
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.vantetidsdatabasen")
def vantetidsdatabasen(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.aktiviteter is None:
        return indeterminate("$.aktiviteter")
    items, indexes = _of_type(doc, Aktivitetstyp.vantetidsrapport)
    if not items:  # the activities are reported and none is a required waiting-time report
        return not_applicable(
            "Ingen rapportering till väntetidsdatabasen enligt anvisningen finns bland de redovisade aktiviteterna.",
            "No report to the waiting-time database required by the instructions is among the reported activities.",
            reason="none_reported", outside_editions=[],
        )

    def judge(i: int, a: Aktivitet) -> Finding:
        assert a.senast is not None
        found = deadline(
            a.senast, a.datum, ctx.as_of,
            f"Rapport till väntetidsdatabasen enligt anvisning, senast {a.senast.isoformat()}.",
            f"Report to the waiting-time database as instructed, by {a.senast.isoformat()}.",
        )
        outcome = {Outcome.met: Outcome.passed, Outcome.open: Outcome.warning, Outcome.missed: Outcome.fail}[found.outcome]
        return attrs.evolve(found, outcome=outcome)

    return each_item(ctx, items, "aktiviteter", "senast", judge, indexes=indexes, none_sv="", none_en="")


@rules.implement("vasterbotten.halsoval.uppfoljning.lokalisering")
def lokalisering(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.forandringar is None:
        return indeterminate("$.forandringar")
    chosen = [(i, f) for i, f in enumerate(doc.forandringar) if f.typ is Forandringstyp.lokalbyte]

    def judge(i: int, f: Forandring) -> Finding:
        here = f"$.forandringar[{i}]"
        moved = f.datum <= ctx.as_of
        if f.godkannande is None:
            return indeterminate(f"{here}.godkannande")
        if f.godkannande in (Godkannande.avslagen, Godkannande.inte_beslutad):
            if moved:  # from the day of the move on, without approval
                return failed(
                    f"Flytten {f.datum.isoformat()} är inte godkänd av Region Västerbotten.",
                    f"The move on {f.datum.isoformat()} is not approved by Region Västerbotten.",
                )
            # the move has not taken place on the evaluation day: not a breach yet
            refused = f.godkannande is Godkannande.avslagen
            return warning(
                f"Flytten {f.datum.isoformat()} har ännu inte skett och "
                + ("är avslagen av Region Västerbotten; den får inte genomföras utan godkännande."
                   if refused else "väntar på Region Västerbottens godkännande."),
                f"The move on {f.datum.isoformat()} has not taken place yet and "
                + ("was refused by Region Västerbotten; it may not take effect without approval."
                   if refused else "awaits Region Västerbotten's approval."),
                pending=True,
            )
        if f.godkand is None:
            return indeterminate(f"{here}.godkand")
        if f.godkand > f.datum:
            return failed(
                f"Godkännandet {f.godkand.isoformat()} kom efter flytten {f.datum.isoformat()}.",
                f"The approval on {f.godkand.isoformat()} came after the move on {f.datum.isoformat()}.",
            )
        if f.listade_informerade is None:
            return indeterminate(f"{here}.listade_informerade")
        if not f.listade_informerade:
            # the text gives no day for the written information: open, never late
            return warning(
                "Flytten är godkänd; de listade är ännu inte informerade skriftligen (ingen tidpunkt anges).",
                "The move is approved; the listed population is not yet informed in writing (no time is stated).",
            )
        return passed(
            "Flytten är godkänd innan den genomförs och de listade är informerade skriftligen.",
            "The move is approved before it takes effect and the listed population is informed in writing.",
        )

    return each_item(
        ctx, [f for _, f in chosen], "forandringar", "datum", judge, indexes=[i for i, _ in chosen],
        none_sv="Ingen ändring av lokalisering finns i underlaget.", none_en="No change of location is in the document.",
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.underleverantor")
def underleverantor(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, u: Underleverantor) -> Finding:
        assert u.start is not None
        return deadline(
            u.start, u.meddelad, ctx.as_of,
            f"Beställaren ska meddelas om underleverantören senast när den börjar {u.start.isoformat()}.",
            f"Beställaren is to be notified of the subcontractor by its start on {u.start.isoformat()}.",
        )

    return each_item(
        ctx, doc.underleverantorer, "underleverantorer", "start", judge,
        none_sv="Ingen ny eller bytt underleverantör finns i underlaget.", none_en="No new or changed subcontractor is in the document.",
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.uppgifter_andring")
def uppgifter_andring(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, f: Forandring) -> Finding:
        if f.typ not in codes_on(ctx, "change_types", Forandringstyp, f.datum):
            return not_applicable(
                f"Förändringen ({label(f.typ).lower()}) gäller inte uppgifter om den egna hälsocentralen.",
                f"The change ({f.typ.value}) is not about data on the hälsocentral itself.",
                reason="not_own_unit",
            )
        if f.meddelad is not None:
            return passed(
                f"Uppdaterad information lämnades {f.meddelad.isoformat()}.", f"Updated information was given on {f.meddelad.isoformat()}."
            )
        days = (ctx.as_of - f.datum).days
        return warning(
            f"Uppdaterad information är ännu inte lämnad ({days} dagar sedan förändringen; ingen tidsgräns anges).",
            f"Updated information is not given yet ({days} days since the change; no time limit is stated).",
            days_elapsed=days,
        )

    return each_item(
        ctx, doc.forandringar, "forandringar", "datum", judge,
        none_sv="Ingen förändring finns i underlaget.", none_en="No change is in the document.", upcoming=True,
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.telefontillganglighet_rapport")
def telefontillganglighet_rapport(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.enhet is None or doc.enhet.telefoni_utanfor_vaxelplattform is None:
        return indeterminate("$.enhet.telefoni_utanfor_vaxelplattform")
    if not doc.enhet.telefoni_utanfor_vaxelplattform:
        return not_applicable(
            "Hälsocentralen ligger på regionens växelplattform.", "The hälsocentral is on the region's switchboard platform.",
            reason="region_platform",
        )
    span = _period(doc, ctx, "aktiviteter")
    if isinstance(span, Finding):
        return span
    assert doc.aktiviteter is not None and doc.period is not None and doc.period.till is not None
    fran, till = doc.period.fran, doc.period.till
    # only calendar months wholly inside the follow-up period are judged; a partial first or last
    # month (one that has begun on as_of) is listed as not judged
    first_whole = fran if fran.day == 1 else add_months(date(fran.year, fran.month, 1), 1)
    last_whole = till if (till + timedelta(days=1)).day == 1 else date(till.year, till.month, 1) - timedelta(days=1)
    partial = sorted({
        d.strftime("%Y-%m") for d, whole in ((fran, fran.day == 1), (till, till == last_whole))
        if not whole and max(fran, date(d.year, d.month, 1)) <= ctx.as_of
    })
    start, end = first_whole, min(last_whole, ctx.as_of)
    reports = [a for a in doc.aktiviteter if a.typ is Aktivitetstyp.telefontillganglighet_rapport]
    # a report counts for the month it was delivered in (datum, on or before as_of), whatever it is about,
    # and only when that month is judged
    months, outside = calendar_spans(
        ctx, start, end, (a.datum for a in reports), by="month", parameter="reports_per_month"
    ) if start <= end else ([], [])
    judged = {m["month"] for m in months}
    delivered = [
        {"date": a.datum, "avser": None if a.avser is None else {"fran": a.avser.fran, "till": a.avser.till},
         "counted": a.datum.strftime("%Y-%m") in judged}
        for a in reports if a.datum is not None and a.datum <= ctx.as_of
    ]
    part_sv = f" Ej hela kalendermånader i perioden, inte bedömda: {', '.join(partial)}." if partial else ""
    part_en = f" Not whole calendar months of the period, not judged: {', '.join(partial)}." if partial else ""
    if not months:
        if outside:
            return none_in_force(outside, months_not_judged=partial)
        return not_applicable(
            f"Ingen hel kalendermånad av uppföljningsperioden har börjat på bedömningsdagen.{part_sv}",
            f"No whole calendar month of the follow-up period has begun on the evaluation day.{part_en}",
            reason="no_whole_month", months_not_judged=partial, reports=delivered, outside_editions=[],
        )
    overall = worst(Outcome(m["outcome"]) for m in months)
    lacking = [m["month"] for m in months if m["outcome"] == "fail"]
    values: dict[str, Any] = {
        "required": months[-1]["required"], "declared": {m["month"]: m["declared"] for m in months},
        "months_without": lacking, "months": months, "months_not_judged": partial, "reports": delivered,
        "outside_editions": outside,
    }
    out_sv, out_en = outside_note(outside)
    out_sv, out_en = part_sv + out_sv, part_en + out_en
    if overall is Outcome.fail:
        return failed(
            "Telefontillgänglighet ska rapporteras en gång per månad; avslutade månader utan levererad rapport: "
            f"{', '.join(lacking)}.{out_sv}",
            f"Telephone accessibility is reported once a month; completed months without a report delivered: "
            f"{', '.join(lacking)}.{out_en}",
            **values,
        )
    if overall is Outcome.warning:
        return warning(
            "Varje avslutad månad har en levererad rapport; innevarande månad saknar ännu rapport (öppet)."
            f"{out_sv}",
            f"Every completed month has a report delivered; the current month has none yet (open).{out_en}",
            **values,
        )
    return passed(
        f"En rapport om telefontillgänglighet är levererad i varje bedömd månad.{out_sv}",
        f"A telephone accessibility report was delivered in every month judged.{out_en}", **values
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.uppfoljningsmote_deltagande")
def uppfoljningsmote_deltagande(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.moten is None:
        return indeterminate("$.moten")
    chosen = [(i, m) for i, m in enumerate(doc.moten) if m.typ is Motestyp.uppfoljningsmote]

    def judge(i: int, m: Mote) -> Finding:
        required = [Motesroll(r) for r in ctx.param("required", on=m.datum)]
        if m.deltagare is None:
            return indeterminate(f"$.moten[{i}].deltagare")
        lacking = [r.value for r in required if r not in m.deltagare]
        if lacking:
            return failed(
                f"Uppföljningsmöte {m.datum.isoformat()}: saknades {', '.join(lacking)}.",
                f"Follow-up meeting {m.datum.isoformat()}: absent {', '.join(lacking)}.",
                lacking=lacking,
            )
        return passed(
            f"Uppföljningsmöte {m.datum.isoformat()}: verksamhetschef och medicinskt ansvarig medverkade.",
            f"Follow-up meeting {m.datum.isoformat()}: the head and the medically responsible person took part.",
        )

    return each_item(
        ctx, [m for _, m in chosen], "moten", "datum", judge, indexes=[i for i, _ in chosen],
        none_sv="Inget uppföljningsmöte finns i underlaget.", none_en="No follow-up meeting is in the document.",
        upcoming=True,
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.uppgifter_skyndsamt")
def uppgifter_skyndsamt(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, b: Begaran) -> Finding:
        if b.slag is None:
            return indeterminate(f"$.begaranden[{i}].slag")
        if b.slag is not Begaranstyp.utover_planerad:
            return not_applicable(
                "Begäran ingår i den planerade uppföljningen.", "The request is part of the planned follow-up.",
                reason="planned_follow_up",
            )
        return without_limit(
            b.begard, b.levererad, ctx.as_of,
            "Uppgifter utöver planerad uppföljning ska skyndsamt inrapporteras.",
            "Data beyond the planned follow-up is to be reported promptly.", f"$.begaranden[{i}]",
        )

    return each_item(
        ctx, doc.begaranden, "begaranden", "begard", judge,
        none_sv="Ingen begäran om uppgifter finns i underlaget.", none_en="No data request is in the document.",
    )


rules.shape(Declared(
    "vasterbotten.halsoval.uppfoljning.smittskydd_kontaktperson_anmald",
    facts=(
        Fact("enhet.smittskydd_kontaktperson_anmald", sv="kontaktpersonens namn meddelat Smittskyddsenheten",
             en="the contact person's name reported to the Smittskyddsenheten"),
    ),
    sv="Namnet på hälsocentralens kontaktperson för smittskydd är meddelat Smittskyddsenheten.",
    en="The name of the hälsocentral's communicable-disease contact person is reported to the Smittskyddsenheten.",
))
