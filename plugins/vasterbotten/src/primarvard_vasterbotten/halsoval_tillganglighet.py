"""Availability rules of vasterbotten.halsoval (2.7 Tillgänglighet)."""

from __future__ import annotations

from datetime import date, time

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    ETjanst,
    Hanvisning,
    Tillganglighet,
    Veckodag,
    label,
)
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_sdk.shapes import Deadline
from primarvard_vasterbotten.halsoval_common import (
    covers,
    in_edition,
    iso,
    joined,
    must_be_open,
    rules,
)


@rules.implement("vasterbotten.halsoval.tillganglighet.oppettider")
def oppettider(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.oppettider is None:
        return indeterminate("$.oppettider")
    days: tuple[str, ...] = ctx.param("weekdays")
    opens = time.fromisoformat(ctx.param("opens"))
    closes = time.fromisoformat(ctx.param("closes"))
    short = [d for d in days if not covers([o for o in doc.oppettider if o.dag == Veckodag(d)], opens, closes)]
    hours = f"{opens.strftime('%H:%M')}–{closes.strftime('%H:%M')}"
    values = {"required": f"{joined(days)} {hours}", "days_not_covered": short}
    if short:
        return failed(
            f"Ordinarie öppettider täcker inte {hours} på: {joined(short)}.",
            f"Ordinary opening hours do not cover {hours} on: {joined(short)}.",
            **values,
        )
    return passed(
        f"Ordinarie öppettider täcker {hours} måndag–fredag (helgfria vardagar, året om; "
        "avvikande dagar bedöms av begransat_oppethallande).",
        f"Ordinary opening hours cover {hours} Monday–Friday (weekdays that are not holidays, all "
        "year; deviating days are judged by begransat_oppethallande).",
        **values,
    )


# "Ärenden som skickas in ... ska besvaras inom tre vardagar": the third vardag strictly after the
# local day of arrival, stated once; the core derives the rule function and its columnar twin.
e_tjanst_svarstid = rules.shape(Deadline(
    "vasterbotten.halsoval.tillganglighet.e_tjanst_svarstid",
    event="inkom",
    count="vardagar",
    parameter="weekdays",
    done="besvarad",
    sv="Svar senast {due} ({n} vardagar efter ankomstdagen {event}; hela dagen räknas).",
    en="Answer no later than {due} ({n} weekdays after the arrival day {event}; the whole day counts).",
))


@rules.implement("vasterbotten.halsoval.tillganglighet.e_tjanster")
def e_tjanster(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.e_tjanster is None:
        return indeterminate("$.e_tjanster")
    mandatory = [ETjanst(s) for s in ctx.param("mandatory")]
    offered = set(doc.e_tjanster)
    missing = [s for s in mandatory if s not in offered]
    required = [s.value for s in mandatory]
    if missing:
        return failed(
            f"Basutbudet i 1177 saknar: {joined(label(s) for s in missing)}.",
            f"The basic 1177 offer lacks: {joined(s.value for s in missing)}.",
            required=required, missing_services=[s.value for s in missing],
        )
    return passed(
        f"Hela basutbudet i 1177 erbjuds ({len(mandatory)} tjänster).",
        f"The whole basic 1177 offer is provided ({len(mandatory)} services).",
        required=required, missing_services=[],
    )


@rules.implement("vasterbotten.halsoval.tillganglighet.begransat_oppethallande")
def begransat_oppethallande(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.avvikande_dagar is None:
        return indeterminate("$.avvikande_dagar")
    opens = time.fromisoformat(ctx.param("opens"))
    closes = time.fromisoformat(ctx.param("closes"))
    eves_exempt = bool(ctx.param("eves_exempt"))
    required = Hanvisning(ctx.param("required_referral"))
    forbidden = Hanvisning(ctx.param("not_a_substitute"))
    indexed = sorted(enumerate(doc.avvikande_dagar), key=lambda p: (p[1].datum, p[0]))
    limited: list[date] = []
    unknown: list[str] = []
    without: list[date] = []
    only_forbidden: list[date] = []
    outside: list[date] = []
    for i, day in indexed:
        if not must_be_open(day.datum, eves_exempt):
            continue
        if not in_edition(ctx, day.datum):
            outside.append(day.datum)  # another rulebook's day: not judged by this one
            continue
        if day.oppettider is None:
            unknown.append(f"$.avvikande_dagar[{i}].oppettider")
            continue
        if covers(day.oppettider, opens, closes):
            continue  # the same or longer hours: not limited
        limited.append(day.datum)
        if day.hanvisning is None:
            unknown.append(f"$.avvikande_dagar[{i}].hanvisning")
        elif required not in day.hanvisning:
            without.append(day.datum)
            if forbidden in day.hanvisning:
                only_forbidden.append(day.datum)
    hours = f"{opens.strftime('%H:%M')}–{closes.strftime('%H:%M')}"
    values: dict[str, object] = {"limited_days": limited, "days_without_referral": without}
    if outside:
        values["days_outside_edition"] = outside
    if without:
        note_sv = (f" Hänvisning till 1177 ersätter inte hänvisning till annan hälsocentral "
                   f"({joined(map(iso, only_forbidden))})." if only_forbidden else "")
        note_en = (f" A referral to 1177 does not replace the referral to another hälsocentral "
                   f"({joined(map(iso, only_forbidden))})." if only_forbidden else "")
        return failed(
            f"Ingen hänvisning till annan hälsocentral dagar med begränsat öppethållande: {joined(map(iso, without))}."
            + note_sv,
            f"No referral to another hälsocentral on days of limited opening: {joined(map(iso, without))}." + note_en,
            **values,
        )
    if unknown:
        return indeterminate(
            *unknown,
            sv=f"Kan inte avgöras: öppettider eller hänvisning saknas för en helgfri vardag ({joined(unknown)}).",
            en=f"Cannot be decided: the hours or referrals of a weekday are missing ({joined(unknown)}).",
            **values,
        )
    if not limited:
        return not_applicable(
            f"Ingen helgfri vardag med öppettider som inte täcker {hours} är angiven.",
            f"No weekday whose hours do not cover {hours} is declared.",
            **values, reason="no_limited_day",
        )
    return passed(
        f"Alla {len(limited)} dagar med begränsat öppethållande hänvisar till annan hälsocentral.",
        f"All {len(limited)} days of limited opening refer to another hälsocentral.",
        **values,
    )
