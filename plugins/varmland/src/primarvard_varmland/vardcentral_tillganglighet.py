"""varmland.vardcentral: telephone, answering machine and jourcentral (Tillganglighet)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from fractions import Fraction

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Oppettid, Tillganglighet
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_varmland.vardcentral_common import (
    DAY_SV,
    WEEKDAYS,
    exact,
    fmt_hours,
    parse_time,
    rules,
)


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _merged(schedule: Iterable[Oppettid], day: str) -> list[tuple[int, int]]:
    """The day's intervals in wall-clock minutes, overlapping or touching ones merged."""
    spans = sorted((_minutes(o.fran), _minutes(o.till)) for o in schedule if o.dag.value == day and o.till > o.fran)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _covers(schedule: Iterable[Oppettid], day: str, start: time, end: time) -> bool:
    return any(s <= _minutes(start) and _minutes(end) <= e for s, e in _merged(schedule, day))


def _wall_hours(schedule: Iterable[Oppettid], day: str) -> Fraction:
    return Fraction(sum(e - s for s, e in _merged(schedule, day)), 60)


@rules.implement("varmland.vardcentral.tillganglighet.telefon")
def telefon(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.telefontider is None:
        return indeterminate("$.telefontider")
    opens, closes = parse_time(ctx.param("opens")), parse_time(ctx.param("closes"))
    window = f"{opens:%H:%M}–{closes:%H:%M}"
    gaps = [d for d in WEEKDAYS if not _covers(doc.telefontider, d, opens, closes)]
    if gaps:
        return failed(
            f"Telefontiden täcker inte {window} på: {', '.join(DAY_SV[d] for d in gaps)}.",
            f"Telephone hours do not cover {window} on: {', '.join(gaps)}.",
            days_not_covered=gaps,
        )
    return passed(
        f"Nåbar per telefon {window} måndag–fredag.",
        f"Reachable by telephone {window} Monday to Friday.",
        days_not_covered=[],
    )


@rules.implement("varmland.vardcentral.tillganglighet.telefonsvarare")
def telefonsvarare(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.hanvisning_utanfor_oppettid is None:
        return indeterminate("$.hanvisning_utanfor_oppettid")
    forbidden = [str(c) for c in ctx.param("forbidden_referrals")]
    allowed = [str(c) for c in ctx.param("required_one_of")]
    given = list(doc.hanvisning_utanfor_oppettid)
    bad = sorted({c for c in given if c in forbidden})
    if bad:
        return failed(
            f"Telefonsvararen hänvisar till otillåtet alternativ: {', '.join(bad)}.",
            f"The answering machine refers to a forbidden alternative: {', '.join(bad)}.",
            forbidden_given=bad,
        )
    if not any(c in allowed for c in given):
        return failed(
            f"Telefonsvararen hänvisar varken till annan vårdcentral eller 1177 ({', '.join(allowed)}).",
            f"The answering machine refers neither to another vårdcentral nor to 1177 ({', '.join(allowed)}).",
            forbidden_given=[],
        )
    return passed(
        f"Hänvisning utanför öppettid: {', '.join(given)}; inget otillåtet alternativ.",
        f"Referral outside opening hours: {', '.join(given)}; no forbidden alternative.",
        forbidden_given=[],
    )


@rules.implement("varmland.vardcentral.tillganglighet.jourcentral")
def jourcentral(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.jourcentral is None:
        return indeterminate("$.jourcentral")
    area = str(doc.jourcentral.jouromrade)
    weekend_hours = ctx.param("weekend_hours")
    evenings = ctx.param("weekday_evening")
    if area not in weekend_hours:
        return not_applicable(
            f"Jourområde {area} finns inte bland jourområdena {', '.join(sorted(weekend_hours))}.",
            f"Jour area {area} is not one of the jour areas {', '.join(sorted(weekend_hours))}.",
        )
    schedule = doc.jourcentral.oppettider
    required = exact(weekend_hours[area])
    declared = {d: _wall_hours(schedule, d) for d in ("sat", "sun", "helgdag")}
    short = [d for d, h in declared.items() if h < required]
    problems_sv = [f"{DAY_SV[d]} {fmt_hours(declared[d])} h" for d in short]
    problems_en = [f"{d} {fmt_hours(declared[d])} h" for d in short]
    evening_gaps: list[str] = []
    window = ""
    if area in evenings:
        start, end = (parse_time(t) for t in evenings[area])
        window = f"{start:%H:%M}–{end:%H:%M}"
        evening_gaps = [d for d in WEEKDAYS if not _covers(schedule, d, start, end)]
        if evening_gaps:
            problems_sv.append(f"vardagskväll {window} saknas {', '.join(DAY_SV[d] for d in evening_gaps)}")
            problems_en.append(f"weekday evening {window} missing on {', '.join(evening_gaps)}")
    values = {
        "required": float(required),
        "declared": {d: float(h) for d, h in declared.items()},
        "jouromrade": doc.jourcentral.jouromrade,
        "evening_days_not_covered": evening_gaps,
    }
    rule_sv = f"jourområde {area}: minst {fmt_hours(required)} h lördag, söndag och helgdag (väggklocktid i veckoschemat)"
    rule_en = f"jour area {area}: at least {fmt_hours(required)} h on Saturday, Sunday and public holidays (wall-clock time in the weekly schedule)"
    if window:
        rule_sv += f", vardagar {window}"
        rule_en += f", weekdays {window}"
    if problems_sv:
        return failed(
            f"Jourcentralen uppfyller inte kravet ({rule_sv}): {'; '.join(problems_sv)}.",
            f"The jourcentral does not meet the requirement ({rule_en}): {'; '.join(problems_en)}.",
            **values,
        )
    return passed(
        f"Jourcentralen uppfyller kravet ({rule_sv}).",
        f"The jourcentral meets the requirement ({rule_en}).",
        **values,
    )
