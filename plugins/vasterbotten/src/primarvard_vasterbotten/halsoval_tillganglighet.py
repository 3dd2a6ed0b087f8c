"""Availability rules of vasterbotten.halsoval (2.7 Tillgänglighet)."""

from __future__ import annotations

from datetime import date, time

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Etjanstearende, Oppettid, Tillganglighet, Veckodag, local_day
from primarvard_sdk.findings import deadline, failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import fold, iso, joined, rules


def _covers(intervals: list[Oppettid], opens: time, closes: time) -> bool:
    """Whether the union of the intervals covers [opens, closes] without a gap."""
    reached = opens
    for interval in sorted(intervals, key=lambda i: (i.fran, i.till)):
        if interval.fran > reached:
            break
        reached = max(reached, interval.till)
    return reached >= closes


@rules.implement("vasterbotten.halsoval.tillganglighet.oppettider")
def oppettider(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.oppettider is None:
        return indeterminate("$.oppettider")
    days: tuple[str, ...] = ctx.param("weekdays")
    opens = time.fromisoformat(ctx.param("opens"))
    closes = time.fromisoformat(ctx.param("closes"))
    short = [
        d for d in days
        if not _covers([o for o in doc.oppettider if o.dag == Veckodag(d)], opens, closes)
    ]
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


@rules.implement("vasterbotten.halsoval.tillganglighet.e_tjanst_svarstid")
def e_tjanst_svarstid(arende: Etjanstearende, ctx: RuleContext) -> Finding:
    n = ctx.param("weekdays")
    arrived = local_day(arende.inkom)
    due = calendar.nth_vardag_after(arrived, n)
    return deadline(
        due,
        arende.besvarad,
        ctx.as_of,
        f"Svar senast {iso(due)} ({n} vardagar efter ankomstdagen {iso(arrived)}; hela dagen räknas).",
        f"Answer no later than {iso(due)} ({n} weekdays after the arrival day {iso(arrived)}; the whole day counts).",
        arrived=arrived,
    )


@rules.implement("vasterbotten.halsoval.tillganglighet.e_tjanster")
def e_tjanster(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.e_tjanster is None:
        return indeterminate("$.e_tjanster")
    mandatory: tuple[str, ...] = ctx.param("mandatory")
    offered = {fold(s) for s in doc.e_tjanster}
    missing = [s for s in mandatory if fold(s) not in offered]
    if missing:
        return failed(
            f"Basutbudet i 1177 saknar: {joined(missing)}.",
            f"The basic 1177 offer lacks: {joined(missing)}.",
            required=list(mandatory), missing_services=missing,
        )
    return passed(
        f"Hela basutbudet i 1177 erbjuds ({len(mandatory)} tjänster).",
        f"The whole basic 1177 offer is provided ({len(mandatory)} services).",
        required=list(mandatory), missing_services=[],
    )


@rules.implement("vasterbotten.halsoval.tillganglighet.begransat_oppethallande")
def begransat_oppethallande(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    required: str = ctx.param("required_referral")
    forbidden: str = ctx.param("not_a_substitute")
    days = sorted(
        (d for d in doc.avvikande_dagar if calendar.is_vardag(d.datum)), key=lambda d: d.datum
    )
    if not days:
        return not_applicable(
            "Inga dagar med begränsat öppethållande på vardagar är angivna.",
            "No days of limited opening on weekdays are declared.",
        )
    bad = []
    for day in days:
        targets = {fold(h) for h in day.hanvisning}
        if fold(required) not in targets and day.datum not in bad:
            bad.append(day.datum)
    if bad:
        only_1177 = [d for d in bad if any(fold(h) == fold(forbidden) for h in _day(doc, d))]
        note_sv = (f" Hänvisning till {forbidden} ersätter inte hänvisning till annan hälsocentral "
                   f"({joined(iso(d) for d in only_1177)})." if only_1177 else "")
        note_en = (f" A referral to {forbidden} does not replace the referral to another hälsocentral "
                   f"({joined(iso(d) for d in only_1177)})." if only_1177 else "")
        return failed(
            f"Ingen hänvisning till annan hälsocentral dagar med begränsat öppethållande: "
            f"{joined(iso(d) for d in bad)}.{note_sv}",
            f"No referral to another hälsocentral on days of limited opening: "
            f"{joined(iso(d) for d in bad)}.{note_en}",
            days_without_referral=bad,
        )
    return passed(
        f"Alla {len(days)} dagar med begränsat öppethållande hänvisar till annan hälsocentral.",
        f"All {len(days)} days of limited opening refer to another hälsocentral.",
        days_without_referral=[],
    )


def _day(doc: Tillganglighet, day: date) -> tuple[str, ...]:
    return tuple(h for d in doc.avvikande_dagar if d.datum == day for h in d.hanvisning)


# --- Vectorised twin (issue 8: population-scale evaluation) ------------------------------------
# Gives, row by row, what e_tjanst_svarstid gives (tests/test_batch_agreement.py checks it).

from collections.abc import Mapping  # noqa: E402 - kept with the twin it serves
from typing import Any as _Any  # noqa: E402

from primarvard_sdk.vectorised import Column  # noqa: E402


@rules.vectorised(
    "vasterbotten.halsoval.tillganglighet.e_tjanst_svarstid",
    Column("inkom", "time"), Column("besvarad", "time"),
)
def e_tjanst_svarstid_columns(cols: Mapping[str, _Any], ctx: RuleContext) -> _Any:
    from primarvard_sdk import batch

    n, not_in_force = batch.in_force(ctx, "weekdays")
    arrived = batch.local_days(cols["inkom"])
    due = batch.nth_vardag_after(arrived, n or 1)  # rows use it only when n is in force
    return batch.finding(
        len(arrived),
        not_in_force,
        default=batch.deadline_outcome(due, cols["besvarad"], ctx.as_of),
        values={"due": due, "arrived": arrived},
    )
