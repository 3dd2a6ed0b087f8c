"""Reporting, meetings and follow-up duties (varmland.vardcentral): rules of the further obligations read from the rulebook.

Rules on dated items of a follow-up (närområdesplan changes, new providers, deviations, studies,
ethics applications, SPUR inspections, requests) judge each by its own day (``governing_day:
each_item``, see :mod:`primarvard_sdk.items`): the edition in force on that day and its parameter
values; an item dated outside every edition is listed, not judged. An item whose day is after the
evaluation day (a study's start, an application's submission, a plan change, a deviation, an
inspection initiated, a request made) has not happened yet on that day: it is listed under
``upcoming``, not judged (a request dated later has no days elapsed since it). New providers are
the exception: the revision is due before their start, so a start after the evaluation day is
judged (open until the day before it).
"""

from __future__ import annotations

from datetime import timedelta

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    Avvikelse,
    Begaran,
    Begaranstyp,
    Etikansokan,
    Godkannande,
    NyVardgivare,
    Planandring,
    SpurInspektion,
    Studie,
    Uppfoljning,
)
from primarvard_sdk.findings import (
    deadline,
    failed,
    finding,
    indeterminate,
    not_applicable,
    passed,
    warning,
)
from primarvard_sdk.items import each_item, item_conditions, item_flags, without_limit
from primarvard_sdk.model import Finding, Outcome
from primarvard_sdk.shapes import Declared, Fact
from primarvard_varmland.vardcentral_common import rules


@rules.implement("varmland.vardcentral.uppfoljning.naromradesplan_ny_vardgivare")
def naromradesplan_ny_vardgivare(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, v: NyVardgivare) -> Finding:
        assert v.verksamhetsstart is not None
        days = int(ctx.param("days_before_start", on=v.verksamhetsstart))
        due = v.verksamhetsstart - timedelta(days=days)
        return deadline(
            due, v.plan_reviderad, ctx.as_of,
            f"Närområdesplanen ska revideras med den nya vårdgivaren innan verksamhetsstart "
            f"{v.verksamhetsstart.isoformat()}: senast {due.isoformat()}.",
            f"The närområdesplan is revised with the new provider before it starts on "
            f"{v.verksamhetsstart.isoformat()}: by {due.isoformat()}.",
            start=v.verksamhetsstart,
        )

    return each_item(
        ctx, doc.nya_vardgivare, "nya_vardgivare", "verksamhetsstart", judge,
        none_sv="Ingen ny vårdgivare är godkänd i området.", none_en="No new provider is approved in the area.",
    )


@rules.implement("varmland.vardcentral.uppfoljning.naromradesplan_forandring")
def naromradesplan_forandring(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, p: Planandring) -> Finding:
        here = f"$.naromradesplan_andringar[{i}]"
        if p.beslut is Godkannande.avslagen:
            return failed("Region Värmland har inte godkänt förändringen.", "Region Värmland refused the change.")
        if p.meddelad is None:
            return indeterminate(f"{here}.meddelad", *([f"{here}.beslut"] if p.beslut is None else []))
        if not p.meddelad:
            if p.beslut is Godkannande.godkand:
                return indeterminate(
                    f"{here}.meddelad",
                    sv="Kan inte avgöras: förändringen anges som godkänd av Region Värmland men inte meddelad; "
                    "uppgiften kan inte stämma.",
                    en="Cannot be decided: the change is recorded as approved by Region Värmland but not reported; "
                    "the record cannot be right.",
                    inconsistent=[f"{here}.meddelad"],
                )
            # "omgående" gives no number of days: not reported yet is open, never late
            days = max(0, (ctx.as_of - p.datum).days)
            return warning(
                f"Förändringen {p.datum.isoformat()} är ännu inte meddelad Region Värmland ({days} dagar sedan "
                "förändringen; ingen frist i dagar anges).",
                f"The change of {p.datum.isoformat()} is not yet reported to Region Värmland ({days} days since "
                "the change; no number of days is stated).",
                days_elapsed=days,
            )
        if p.beslut is None:
            return indeterminate(f"{here}.beslut")
        if p.beslut is Godkannande.inte_beslutad:
            return warning(
                "Förändringen är meddelad; Region Värmlands godkännande väntar.",
                "The change is reported; Region Värmland's approval is pending.",
            )
        return passed(
            "Förändringen är meddelad och godkänd av Region Värmland.", "The change is reported and approved by Region Värmland."
        )

    return each_item(
        ctx, doc.naromradesplan_andringar, "naromradesplan_andringar", "datum", judge,
        none_sv="Inga förändringar av närområdesplanen finns i underlaget.", none_en="No change of the närområdesplan is in the document.",
        upcoming=True,
    )


@rules.implement("varmland.vardcentral.uppfoljning.ivo_anmalan")
def ivo_anmalan(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, a: Avvikelse) -> Finding:
        if a.allvarlig_vardskada is None:
            return indeterminate(f"$.avvikelser[{i}].allvarlig_vardskada")
        if not a.allvarlig_vardskada:
            return not_applicable("Ingen allvarlig vårdskada.", "Not a serious care injury.", reason="not_serious_injury")
        if a.anmald_ivo is None:
            return indeterminate(f"$.avvikelser[{i}].anmald_ivo")
        if not a.anmald_ivo:
            # the text names no time for the report (the statutory one is outside it): open, never late
            return warning(
                "Den allvarliga vårdskadan är ännu inte anmäld till IVO (öppet; ingen tidpunkt anges).",
                "The serious care injury is not yet reported to IVO (open; no time is stated).",
            )
        return passed("Den allvarliga vårdskadan är anmäld till IVO.", "The serious care injury is reported to IVO.")

    return each_item(
        ctx, doc.avvikelser, "avvikelser", "datum", judge,
        none_sv="Inga avvikelser finns i underlaget.", none_en="No deviation is in the document.",
        upcoming=True,
    )


@rules.implement("varmland.vardcentral.uppfoljning.gemensam_utredning")
def gemensam_utredning(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, a: Avvikelse) -> Finding:
        if (outside := item_conditions(i, "avvikelser", a, (
            ("allvarlig_handelse", "Ingen allvarlig händelse.", "Not a serious event."),
            ("flera_vardgivare", "Vården berör inte flera vårdgivare.", "The care does not involve several providers."),
        ))) is not None:
            return outside
        return item_flags(
            i, "avvikelser", a,
            (("medverkat_gemensam_utredning", "medverkan i gemensam utredning med regionen",
              "taking part in the joint investigation with the region"),),
            "Vårdcentralen medverkade i den gemensamma utredningen.", "The unit took part in the joint investigation.",
        )

    return each_item(
        ctx, doc.avvikelser, "avvikelser", "datum", judge,
        none_sv="Inga avvikelser finns i underlaget.", none_en="No deviation is in the document.",
        upcoming=True,
    )


@rules.implement("varmland.vardcentral.uppfoljning.spur_inspektion")
def spur_inspektion(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.enhet is None or doc.enhet.bedriver_st_utbildning is None:
        return indeterminate("$.enhet.bedriver_st_utbildning")
    if not doc.enhet.bedriver_st_utbildning:
        return not_applicable(
            "Vårdcentralen bedriver inte ST-utbildning.", "The unit does not train ST physicians.", reason="no_st_training"
        )

    def judge(i: int, s: SpurInspektion) -> Finding:
        return item_flags(
            i, "spur_inspektioner", s, (("medverkat", "medverkan i SPUR-inspektionen", "taking part in the SPUR inspection"),),
            "Vårdcentralen medverkade i SPUR-inspektionen.", "The unit took part in the SPUR inspection.",
        )

    return each_item(
        ctx, doc.spur_inspektioner, "spur_inspektioner", "initierad", judge,
        none_sv="Ingen SPUR-inspektion har initierats.", none_en="No SPUR inspection was initiated.",
        upcoming=True,
    )


@rules.implement("varmland.vardcentral.uppfoljning.studie_registrering")
def studie_registrering(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, s: Studie) -> Finding:
        return item_flags(
            i, "studier", s,
            (("anmald_ckfu", "anmäld till CKFU", "notified to CKFU"),
             ("registrerad_forskningsdatabas", "registrerad i en nationell forskningsdatabas",
              "registered in a national research database")),
            "Studien är anmäld till CKFU och registrerad i en nationell forskningsdatabas.",
            "The study is notified to CKFU and registered in a national research database.",
        )

    return each_item(
        ctx, doc.studier, "studier", "startad", judge,
        none_sv="Inga studier bedrivs enligt underlaget.", none_en="No study is conducted according to the document.",
        upcoming=True,
    )


@rules.implement("varmland.vardcentral.uppfoljning.etikansokan_ckfu")
def etikansokan_ckfu(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, e: Etikansokan) -> Finding:
        here = f"$.etikansokningar[{i}]"
        if e.bedomd_av_ckfu is None:
            return indeterminate(f"{here}.bedomd_av_ckfu")
        if not e.bedomd_av_ckfu:
            return failed(
                f"Ansökan skickades in {e.inskickad.isoformat()} utan CKFU:s bedömning.",
                f"The application was submitted on {e.inskickad.isoformat()} without CKFU's assessment.",
            )
        if e.bedomd is None:
            return indeterminate(f"{here}.bedomd")
        if e.bedomd > e.inskickad:
            return failed(
                f"CKFU bedömde ansökan {e.bedomd.isoformat()}, efter att den skickats in {e.inskickad.isoformat()}.",
                f"CKFU assessed it on {e.bedomd.isoformat()}, after it was submitted on {e.inskickad.isoformat()}.",
            )
        return passed(
            f"CKFU bedömde ansökan {e.bedomd.isoformat()}, innan den skickades in {e.inskickad.isoformat()}.",
            f"CKFU assessed it on {e.bedomd.isoformat()}, before it was submitted on {e.inskickad.isoformat()}.",
        )

    return each_item(
        ctx, doc.etikansokningar, "etikansokningar", "inskickad", judge,
        none_sv="Inga forskningsetiska ansökningar finns i underlaget.", none_en="No research-ethics application is in the document.",
        upcoming=True,
    )


@rules.implement("varmland.vardcentral.uppfoljning.uppgifter_snarast")
def uppgifter_snarast(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, b: Begaran) -> Finding:
        return without_limit(
            b.begard, b.levererad, ctx.as_of,
            "Uppgifterna ska lämnas snarast.", "The data is to be delivered as soon as possible.", f"$.begaranden[{i}]",
        )

    return each_item(
        ctx, doc.begaranden, "begaranden", "begard", judge,
        none_sv="Ingen uppmaning om uppgifter finns i underlaget.", none_en="No request for data is in the document.",
        upcoming=True,
    )


@rules.implement("varmland.vardcentral.uppfoljning.verksamhetsuppfoljning_material")
def verksamhetsuppfoljning_material(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    def judge(i: int, b: Begaran) -> Finding:
        here = f"$.begaranden[{i}]"
        if b.slag is None:
            return indeterminate(f"{here}.slag")
        if b.slag is not Begaranstyp.verksamhetsuppfoljning:
            return not_applicable(
                "Begäran gäller inte en verksamhetsuppföljning.", "The request is not part of a verksamhetsuppföljning.",
                reason="not_verksamhetsuppfoljning",
            )
        if b.avgift is None:
            return indeterminate(f"{here}.avgift")
        if b.avgift:
            # not lateness: the duty is missed because the material was not made available free of charge
            return finding(
                Outcome.missed,
                "Vårdcentralen tog betalt för materialet; det ska ställas till förfogande kostnadsfritt.",
                "The unit charged for the material; it is to be made available free of charge.",
                actual=b.levererad, charged=True,
            )
        return without_limit(
            b.begard, b.levererad, ctx.as_of,
            "Materialet ska ställas till förfogande kostnadsfritt och utan dröjsmål.",
            "The material is to be made available free of charge and without delay.", here,
        )

    return each_item(
        ctx, doc.begaranden, "begaranden", "begard", judge,
        none_sv="Ingen begäran om material finns i underlaget.", none_en="No request for material is in the document.",
        upcoming=True,
    )


rules.shape(Declared(
    "varmland.vardcentral.uppfoljning.primarvardskvalitet",
    facts=(
        Fact("enhet.anvander_primarvardskvalitet", sv="PrimärvårdsKvalitet används", en="PrimärvårdsKvalitet is used"),
        Fact("enhet.lamnar_data_primarvardskvalitet", sv="data lämnas till uppföljningen",
             en="data is delivered to the follow-up"),
    ),
    sv="Vårdcentralen använder PrimärvårdsKvalitet och lämnar data.",
    en="The unit uses PrimärvårdsKvalitet and delivers data.",
))
