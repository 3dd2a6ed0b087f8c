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
    closed_working_days,
    covers,
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
    """Each deviating day is judged by its own day (governing_day each_item): the day picks the
    edition and the values (ordinary hours, eves, referral codes). A day outside every edition is
    listed, not judged."""
    if doc.avvikande_dagar is None:
        return indeterminate("$.avvikande_dagar")
    indexed = sorted(enumerate(doc.avvikande_dagar), key=lambda p: (p[1].datum, p[0]))
    limited: list[date] = []
    unknown: list[str] = []
    without: list[date] = []
    only_forbidden: list[date] = []
    outside: list[date] = []
    editions: set[str] = set()
    any_inside = False  # a deviating or closed day inside an edition
    for i, day in indexed:
        edition = ctx.edition_on(day.datum)
        if edition is None:
            outside.append(day.datum)  # another rulebook's day: not judged by this one
            continue
        any_inside = True
        if not must_be_open(day.datum, bool(ctx.param("eves_exempt", on=day.datum))):
            continue
        if day.oppettider is None:
            editions.add(edition.id)
            unknown.append(f"$.avvikande_dagar[{i}].oppettider")
            continue
        opens = time.fromisoformat(ctx.param("opens", on=day.datum))
        closes = time.fromisoformat(ctx.param("closes", on=day.datum))
        if covers(day.oppettider, opens, closes):
            continue  # the same or longer hours: not limited
        editions.add(edition.id)
        limited.append(day.datum)
        required = Hanvisning(ctx.param("required_referral", on=day.datum))
        forbidden = Hanvisning(ctx.param("not_a_substitute", on=day.datum))
        if day.hanvisning is None:
            unknown.append(f"$.avvikande_dagar[{i}].hanvisning")
        elif required not in day.hanvisning:
            without.append(day.datum)
            if forbidden in day.hanvisning:
                only_forbidden.append(day.datum)
    # A declared temporary closure (stangningar) closes the unit on each of its days: every helgfri
    # vardag in it is a day of limited opening as much as a closed avvikande dag, and needs the same
    # referral (the closure's hanvisning). A day reported in both lists is judged once, by the
    # avvikande dag.
    seen = {d.datum for d in doc.avvikande_dagar}
    closures = closed_working_days(doc, ctx, seen, outside)
    if isinstance(closures, Finding):
        return closures
    for j, closure, working, inside in closures:
        any_inside = any_inside or inside
        for day_, edition in working:
            editions.add(edition.id)
            limited.append(day_)
            required = Hanvisning(ctx.param("required_referral", on=day_))
            forbidden = Hanvisning(ctx.param("not_a_substitute", on=day_))
            if closure.hanvisning is None:
                continue
            if required not in closure.hanvisning:
                without.append(day_)
                if forbidden in closure.hanvisning:
                    only_forbidden.append(day_)
        if working and closure.hanvisning is None:
            unknown.append(f"$.stangningar[{j}].hanvisning")
        if not working and closure.forvantad_till is None:
            unknown.append(f"$.stangningar[{j}].forvantad_till")
    limited.sort()
    without.sort()
    only_forbidden.sort()
    outside = sorted(set(outside))
    values: dict[str, object] = {"limited_days": limited, "days_without_referral": without}
    if editions:
        values["editions"] = sorted(editions)
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
            sv=f"Kan inte avgöras: öppettider, hänvisning eller en stängnings sista dag saknas för en helgfri "
            f"vardag ({joined(unknown)}).",
            en=f"Cannot be decided: the hours, the referrals or a closure's last day are missing for a weekday "
            f"({joined(unknown)}).",
            **values,
        )
    if not limited:
        if outside and not any_inside:
            return not_applicable(
                f"De avvikande dagarna ({joined(map(iso, outside))}) ligger utanför regelbokens giltighetstid "
                "och prövas inte här.",
                f"The deviating days ({joined(map(iso, outside))}) lie outside the rulebook's period and are "
                "not judged here.",
                **values, reason="no_rulebook_in_force",
            )
        return not_applicable(
            "Ingen helgfri vardag med öppettider som inte täcker de ordinarie öppettiderna är angiven.",
            "No weekday whose hours do not cover the ordinary opening hours is declared.",
            **values, reason="no_limited_day",
        )
    return passed(
        f"Alla {len(limited)} dagar med begränsat öppethållande hänvisar till annan hälsocentral.",
        f"All {len(limited)} days of limited opening refer to another hälsocentral.",
        **values,
    )
