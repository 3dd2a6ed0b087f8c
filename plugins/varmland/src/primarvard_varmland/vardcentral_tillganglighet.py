"""varmland.vardcentral: telephone, answering machine and jourcentral (Tillganglighet)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from fractions import Fraction
from typing import Any

from primarvard_sdk.calendar import is_vardag
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Hanvisning, Oppettid, Stangning, Tillganglighet, minute_of_day
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed
from primarvard_sdk.model import Finding
from primarvard_varmland.vardcentral_common import (
    DAY_SV,
    WEEKDAYS,
    codes,
    exact,
    fmt_hours,
    parse_time,
    rules,
)


def _span(fran: time, till: time) -> tuple[int, int]:
    """An interval in wall-clock minutes of its day; an end of 00:00 (or 24:00) is midnight (1440)."""
    return minute_of_day(fran), minute_of_day(till, end=True)


def _merged(schedule: Iterable[Oppettid], day: str) -> list[tuple[int, int]]:
    """The day's intervals in wall-clock minutes, overlapping or touching ones merged."""
    spans = sorted(span for o in schedule if o.dag.value == day and (span := _span(o.fran, o.till))[1] > span[0])
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _covers(schedule: Iterable[Oppettid], day: str, start: time, end: time) -> bool:
    first, last = _span(start, end)
    return any(s <= first and last <= e for s, e in _merged(schedule, day))


def _wall_hours(schedule: Iterable[Oppettid], day: str) -> Fraction:
    return Fraction(sum(e - s for s, e in _merged(schedule, day)), 60)


def _closure_referral(closure: Stangning, index: int, accepted: frozenset[Hanvisning]) -> bool | list[str]:
    """Whether a closure has a referral to another care unit: either its referral (hanvisning) or its
    telephone referral (telefonhanvisning) pointing to one suffices. False only when both are reported
    and neither does; otherwise the paths of the unreported ones."""
    given = [*(closure.hanvisning or ()), *([closure.telefonhanvisning] if closure.telefonhanvisning is not None else [])]
    if any(h in accepted for h in given):
        return True
    open_paths = [f"$.stangningar[{index}].{name}" for name in ("hanvisning", "telefonhanvisning")
                  if getattr(closure, name) is None]
    return open_paths or False


@rules.implement("varmland.vardcentral.tillganglighet.telefon")
def telefon(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    opens, closes = parse_time(ctx.param("opens")), parse_time(ctx.param("closes"))
    accepted = frozenset(Hanvisning(c) for c in ctx.param("closure_referrals"))
    window = f"{opens:%H:%M}–{closes:%H:%M}"
    day = ctx.day
    missing: list[str] = []
    problems_sv: list[str] = []
    problems_en: list[str] = []
    values: dict[str, Any] = {}
    if doc.telefontider is None:
        missing.append("$.telefontider")
    else:
        gaps = [d for d in WEEKDAYS if not _covers(doc.telefontider, d, opens, closes)]
        values["days_not_covered"] = gaps
        if gaps:
            problems_sv.append(f"telefontiden täcker inte {window} på: {', '.join(DAY_SV[d] for d in gaps)}")
            problems_en.append(f"telephone hours do not cover {window} on: {', '.join(gaps)}")
    if doc.stangningar is None:
        missing.append("$.stangningar")
    else:
        # A deviation that keeps the opening hours (haller_oppet) closes nothing; a closure whose last day
        # is before its first cannot be right, so whether it spans the day is unknown. The referral stands in
        # for the telephone duty, which holds on vardagar ("Under vardagar … kl 08:00-17:00"): on a day that
        # is no vardag (weekend, public holiday, eve) a closure spanning it owes no referral that day.
        current = [(i, s) for i, s in enumerate(doc.stangningar)
                   if is_vardag(day) and s.haller_oppet is not True and s.fran <= day
                   and (s.forvantad_till is None or s.fran <= s.forvantad_till)
                   and (s.forvantad_till is None or day <= s.forvantad_till)]
        reversed_ends = [f"$.stangningar[{i}].forvantad_till" for i, s in enumerate(doc.stangningar)
                         if s.haller_oppet is not True and s.fran <= day
                         and s.forvantad_till is not None and s.forvantad_till < s.fran]
        if reversed_ends:
            missing.extend(reversed_ends)
            values["inconsistent"] = reversed_ends
        without: list[str] = []
        for i, s in current:
            referral = _closure_referral(s, i, accepted)
            if isinstance(referral, list):
                missing.extend(referral)
            elif not referral:
                without.append(s.fran.isoformat())
        # A weekday the deviating days report closed (no opening intervals) is a temporary closure too
        # and needs the same referral, given on that day (hanvisning) when no closure above spans it.
        closed_days = [(i, d) for i, d in enumerate(doc.avvikande_dagar or ())
                       if d.datum == day and d.oppettider is not None and not d.oppettider and is_vardag(day)]
        if closed_days and not current:
            for i, d in closed_days:
                if d.hanvisning is None:
                    missing.append(f"$.avvikande_dagar[{i}].hanvisning")
                elif not set(d.hanvisning) & accepted:
                    without.append(d.datum.isoformat())
        values["closed_on_day"] = bool(current) or bool(closed_days)
        if without:
            values["closures_without_referral"] = without
            problems_sv.append(f"vårdcentralen är tillfälligt stängd ({', '.join(without)}–) utan relevant hänvisning "
                               "till annan vårdenhet (hänvisning till 1177, jourcentral, akutmottagning eller nätläkare "
                               "räknas inte)")
            problems_en.append(f"the vårdcentral is temporarily closed (from {', '.join(without)}) without a relevant "
                               "referral to another care unit (a referral to 1177, the jourcentral, the emergency "
                               "department or an online doctor does not count)")
    note_sv = (" Veckans telefontider läses som tiderna för det interna kontaktnumret (modellen har ett telefonschema).")
    note_en = (" The weekly telephone hours are read as the hours of the internal contact number (the model has one "
               "telephone schedule).")
    if problems_sv:
        return failed(
            f"Krav: nåbar på internt kontaktnummer {window} vardagar, och hänvisning till annan vårdenhet vid tillfällig "
            f"stängning; {'; '.join(problems_sv)}.{note_sv}",
            f"Required: reachable on the internal contact number {window} on weekdays, and a referral to another care "
            f"unit during a temporary closure; {'; '.join(problems_en)}.{note_en}",
            **values,
        )
    if missing:
        return indeterminate(*missing, **values)
    closed_sv = " Tillfälligt stängd med hänvisning till annan vårdenhet." if values.get("closed_on_day") else ""
    closed_en = " Temporarily closed, with a referral to another care unit." if values.get("closed_on_day") else ""
    if not is_vardag(day):
        values["day_is_vardag"] = False
        closed_sv += f" {day.isoformat()} är ingen vardag: ingen hänvisning vid stängning krävs den dagen."
        closed_en += f" {day.isoformat()} is no vardag: no referral for a closure is owed that day."
    return passed(
        f"Nåbar per telefon {window} måndag–fredag.{closed_sv}{note_sv}",
        f"Reachable by telephone {window} Monday to Friday.{closed_en}{note_en}",
        **values,
    )


@rules.implement("varmland.vardcentral.tillganglighet.telefonsvarare")
def telefonsvarare(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    forbidden = frozenset(Hanvisning(c) for c in ctx.param("forbidden_referrals"))
    allowed = frozenset(Hanvisning(c) for c in ctx.param("required_one_of"))
    website = frozenset(Hanvisning(c) for c in ctx.param("website"))
    missing: list[str] = []
    if doc.hanvisning_utanfor_oppettid is None:
        missing.append("$.hanvisning_utanfor_oppettid")
    informs = getattr(doc, "telefonsvarare_oppettider", None)
    if informs is None:
        missing.append("$.telefonsvarare_oppettider")
    referrals = tuple(doc.hanvisning_utanfor_oppettid or ())
    given = codes(referrals)
    values: dict[str, Any] = {"given": given}
    problems_sv: list[str] = []
    problems_en: list[str] = []
    bad = sorted(codes({h for h in referrals if h in forbidden}))
    values["forbidden_given"] = bad
    if bad:
        problems_sv.append(f"hänvisar till otillåtet alternativ ({', '.join(bad)}); hänvisningen får inte vara till "
                           "nätläkare, jourcentral eller akutmottagning")
        problems_en.append(f"refers to a forbidden alternative ({', '.join(bad)}); the referral may not be to an online "
                           "doctor, the jourcentral or the emergency department")
    if doc.hanvisning_utanfor_oppettid is not None:
        if not set(referrals) & allowed:
            problems_sv.append("hänvisar varken till alternativ vårdcentral (eller hälsocentral) eller 1177 per telefon")
            problems_en.append("refers neither to another vårdcentral (or hälsocentral) nor to 1177 by telephone")
        if not set(referrals) & website:
            problems_sv.append("hänvisar inte till relevant webbplats")
            problems_en.append("does not refer to a relevant website")
    if informs is False:
        problems_sv.append("ger inte information om öppettider")
        problems_en.append("does not give the opening hours")
    if problems_sv:
        return failed(
            f"Telefonsvararen utanför öppettid: {'; '.join(problems_sv)}.",
            f"The answering machine outside opening hours: {'; '.join(problems_en)}.",
            **values,
        )
    if missing:
        return indeterminate(*missing, **values)
    return passed(
        f"Telefonsvararen ger öppettider och hänvisar till {', '.join(given)}; inget otillåtet alternativ.",
        f"The answering machine gives the opening hours and refers to {', '.join(given)}; no forbidden alternative.",
        **values,
    )


@rules.implement("varmland.vardcentral.tillganglighet.jourcentral")
def jourcentral(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.jourcentral is None:
        return indeterminate("$.jourcentral")
    if doc.jourcentral.oppettider is None:
        return indeterminate("$.jourcentral.oppettider")
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
