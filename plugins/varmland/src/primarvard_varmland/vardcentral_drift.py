"""Systems, routines, equipment and IT of the unit (varmland.vardcentral): rules of the further obligations read from the rulebook."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Egenvardsgrupp, Vardenhet, label, local_day
from primarvard_sdk.findings import (
    absent,
    failed,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
)
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Declared, Fact, When
from primarvard_varmland.vardcentral_common import rules


@rules.implement("varmland.vardcentral.vardenhet.egenvard_utbildning")
def egenvard_utbildning(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    if gaps := absent(enhet, "drift.egenvardsgrupper"):
        return indeterminate(*gaps)
    offered = {g.value for g in (enhet.drift.egenvardsgrupper if enhet.drift else ()) or ()}
    required = list(ctx.param("min_groups"))
    lacking = [code for code in required if code not in offered]
    if lacking:
        names = ", ".join(label(Egenvardsgrupp(code)) for code in lacking)
        return failed(
            f"Råd, stöd, behandling och utbildning i egenvård erbjuds inte patientgrupperna: {names}.",
            f"Advice, support, treatment and self-care education are not offered to the patient groups: {names}.",
            lacking=lacking,
        )
    return passed(
        "Råd, stöd, behandling och utbildning i egenvård erbjuds minst patientgrupperna med diabetes, "
        "astma-KOL och demens.",
        "Advice, support, treatment and self-care education are offered at least to the patient groups "
        "with diabetes, asthma/COPD and dementia.",
    )


rules.shape(Declared(
    "varmland.vardcentral.vardenhet.sjukskrivning_rutiner",
    facts=(Fact("rutiner.sjukskrivning", sv="dokumenterade lokala rutiner för sjukskrivningsprocessen",
                en="documented local routines for the sick-leave process"),),
    sv="Dokumenterade lokala rutiner för sjukskrivningsprocessen finns.",
    en="Documented local routines for the sick-leave process exist.",
))

rules.shape(Declared(
    "varmland.vardcentral.vardenhet.underleverantor_adress",
    facts=(Fact("drift.underleverantorsavtal_anger_adress", sv="underleverantörsavtalet anger den aktuella adressen",
                en="the subcontract states the current address"),),
    sv="Underleverantörsavtalet anger den adress där underleverantören bedriver verksamhet.",
    en="The subcontract states the address where the subcontractor works.",
    outside=(When("drift.underleverantor_annan_adress", flag=False, known=True, reason="no_subcontractor_elsewhere",
                  sv="Ingen underleverantör bedriver verksamhet på annan adress än vårdcentralens.",
                  en="No subcontractor works at an address other than the vårdcentral's."),),
))


#: How many days without monitoring the explanation names (the values list them all).
SHOWN = 10


def _listed(days: list[str]) -> str:
    return ", ".join(days[:SHOWN]) + (f" … (+{len(days) - SHOWN})" if len(days) > SHOWN else "")


@rules.implement("varmland.vardcentral.vardenhet.cosmic_link_bevakning")
def cosmic_link_bevakning(enhet: Vardenhet, ctx: RuleContext) -> Finding:
    """Every vardag of the logged period strictly before the evaluation day has a monitoring.

    The evaluation day itself is still open: monitored, it counts as met; not (yet) monitored, it
    is not judged. Days outside every edition of the programme are listed (``outside_editions``),
    not judged; when every vardag lies outside, the rule answers as the core does for such a day.
    """
    paths = ("it.cosmic_link.fran", "it.cosmic_link.till", "it.cosmic_link.bevakningar")
    if gaps := absent(enhet, *paths):
        return indeterminate(*gaps)
    assert enhet.it is not None and enhet.it.cosmic_link is not None
    log = enhet.it.cosmic_link
    assert log.fran is not None and log.till is not None and log.bevakningar is not None
    if log.till < log.fran:
        return inconsistent("$.it.cosmic_link.till", "$.it.cosmic_link.fran")
    per = ctx.param("per")
    minimum = ctx.param("min_per_day")
    last = min(log.till, ctx.as_of)
    days = [log.fran + timedelta(days=k) for k in range((last - log.fran).days + 1)]
    if per == "vardag":
        days = [d for d in days if calendar.is_vardag(d)]
    if not days:
        return not_applicable(
            "Perioden har ingen vardag fram till utvärderingsdagen.",
            "The period has no weekday (vardag) up to the evaluation day.",
            reason="no_vardag",
        )
    outside = [{"date": d} for d in days if ctx.edition_on(d) is None]
    inside = [d for d in days if ctx.edition_on(d) is not None]
    if not inside:
        first, final = days[0].isoformat(), days[-1].isoformat()
        return not_applicable(
            f"Ingen upplaga av regelboken gäller periodens vardagar ({first}–{final}); regeln tillämpas inte.",
            f"No edition of the rulebook is in force on the period's weekdays ({first}–{final}); the rule "
            "does not apply.",
            reason="no_rulebook_in_force", day=days[0], outside_editions=outside,
        )
    counts = Counter(local_day(t) for t in log.bevakningar)
    today = ctx.as_of
    still_open = today in inside and counts[today] < minimum  # the day is not over: not judged yet
    judged = [d for d in inside if not (still_open and d == today)]
    out_sv = out_en = ""
    if outside:
        shown_out = _listed([o["date"].isoformat() for o in outside])
        out_sv = f" Inte bedömt (ingen upplaga av regelboken gäller dagen): {shown_out}."
        out_en = f" Not judged (no edition of the rulebook is in force on the day): {shown_out}."
    open_sv = open_en = ""
    values: dict[str, Any] = {"outside_editions": outside}
    if still_open:
        open_sv = f" Utvärderingsdagen {today.isoformat()} bedöms inte ännu: dagen pågår."
        open_en = f" The evaluation day {today.isoformat()} is not judged yet: the day is still open."
        values["open_day"] = today
    if not judged:
        return not_applicable(
            "Ingen vardag i perioden före utvärderingsdagen att bedöma." + open_sv + out_sv,
            "No weekday (vardag) of the period before the evaluation day to judge." + open_en + out_en,
            reason="no_vardag", **values,
        )
    without = [d.isoformat() for d in judged if counts[d] < minimum]
    if without:
        return failed(
            f"Daglig bevakning i Cosmic Link saknas {len(without)} av {len(judged)} vardagar: {_listed(without)}."
            + open_sv + out_sv,
            f"Daily monitoring of Cosmic Link is missing on {len(without)} of {len(judged)} weekdays: "
            f"{_listed(without)}." + open_en + out_en,
            days_without=without, days_checked=len(judged), **values,
        )
    return passed(
        f"Cosmic Link har bevakats varje vardag i perioden (antal vardagar: {len(judged)})." + open_sv + out_sv,
        f"Cosmic Link was monitored on every weekday of the period (weekdays: {len(judged)})." + open_en + out_en,
        days_without=[], days_checked=len(judged), **values,
    )
