"""kalmar.halsoval.tillganglighet.*: opening hours, telephone, e-services, closures."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from primarvard_kalmar.halsoval_common import fmt, rules, unless_closed_days_unreported
from primarvard_kalmar.halsoval_tider import (
    WEEKDAYS,
    Span,
    covers,
    day_spans,
    hhmm,
    iso_week,
    minutes,
    weekly_hours,
)
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import (
    AvvikandeDag,
    ETjanst,
    Hanvisning,
    Tillganglighet,
    Veckodag,
    fold,
    minute_of_day,
)
from primarvard_sdk.findings import failed, indeterminate, not_applicable, passed, warning
from primarvard_sdk.items import edition_id, none_in_force, outside_note
from primarvard_sdk.model import Finding

__all__ = ["deviation_status"]

_EVES = frozenset({"Midsommarafton", "Julafton", "Nyårsafton"})


def deviation_status(day: date, eves_exempt: bool) -> str:
    """``helgdag`` (no coverage needed), ``afton`` (an eve; exempt when ``eves_exempt``) or ``vardag``.

    A weekday that is an allmän helgdag needs no coverage. The three eves (midsommarafton,
    julafton, nyårsafton) are not allmänna helgdagar; with ``eves_exempt`` they are treated like
    them, as the SDK's calendar treats them as non-working days.
    """
    name = calendar.holiday_name(day)
    if name is None:
        return "vardag"
    parts = set(name.split(calendar.NAME_SEPARATOR))
    if parts - _EVES:
        return "helgdag"
    return "afton_undantagen" if eves_exempt else "afton"


@rules.implement("kalmar.halsoval.tillganglighet.oppettider")
def oppettider(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.oppettider is None:
        return indeterminate("$.oppettider")
    min_hours = float(ctx.param("min_hours_per_week"))
    weekdays = [Veckodag(d) for d in ctx.param("weekdays")]
    opens, closes = time.fromisoformat(ctx.param("opens")), time.fromisoformat(ctx.param("closes"))
    eves_exempt = bool(ctx.param("eves_exempt"))
    window: Span = (minutes(opens), minutes(closes))
    week = iso_week(ctx.as_of)
    hours = weekly_hours(doc.oppettider, week)
    uncovered = [d.value for d in weekdays if not covers(day_spans(doc.oppettider, d), window)]
    deviations, failing, unknown = _deviations(
        doc.avvikande_dagar or (), week, weekdays, window, eves_exempt, ctx
    )
    problems_sv, problems_en = [], []
    if hours < min_hours:
        problems_sv.append(f"veckans öppettid är {fmt(hours)} timmar, under {fmt(min_hours)}")
        problems_en.append(f"the weekly opening time is {fmt(hours)} hours, below {fmt(min_hours)}")
    if uncovered:
        problems_sv.append(
            f"{hhmm(window[0])}–{hhmm(window[1])} täcks inte på: {', '.join(uncovered)}"
        )
        problems_en.append(
            f"{hhmm(window[0])}–{hhmm(window[1])} is not covered on: {', '.join(uncovered)}"
        )
    if failing:
        days = ", ".join(d.isoformat() for d in failing)
        problems_sv.append(
            f"avvikande öppettid täcker inte {hhmm(window[0])}–{hhmm(window[1])} på vardag {days}"
        )
        problems_en.append(
            f"deviating hours do not cover {hhmm(window[0])}–{hhmm(window[1])} on working day {days}"
        )
    values: dict[str, Any] = {
        "required": min_hours,
        "declared": round(hours, 2),
        "week": [week[0], week[-1]],
        "uncovered_weekdays": uncovered,
        "deviations": deviations,
    }
    out_sv, out_en = outside_note([{"date": d["datum"]} for d in deviations if d["status"] == "outside_editions"])
    eve = any(d["status"] == "afton_undantagen" for d in deviations)
    eve_note_sv = " Aftnarna (midsommar-, jul-, nyårsafton) behandlas som helgdagar." if eve else ""
    eve_note_en = (
        " The eves (midsummer, Christmas, New Year's Eve) are treated as public holidays."
        if eve
        else ""
    )
    if problems_sv:
        return failed(
            "Kravet uppfylls inte: " + "; ".join(problems_sv) + "." + eve_note_sv,
            "Requirement not met: " + "; ".join(problems_en) + "." + eve_note_en,
            **values,
        )
    # The weekly schedule meets the requirement; the week's deviations decide the rest.
    if doc.avvikande_dagar is None:
        return indeterminate(
            "$.avvikande_dagar",
            sv="Veckoschemat uppfyller kravet, men avvikande dagar är inte redovisade "
            f"($.avvikande_dagar; [] om inga): veckan {week[0].isoformat()}–{week[-1].isoformat()} kan inte avgöras.",
            en="The weekly schedule meets the requirement, but deviating days are not reported "
            f"($.avvikande_dagar; [] when none): the week {week[0].isoformat()}–{week[-1].isoformat()} cannot be decided.",
            **values,
        )
    if unknown:
        return indeterminate(*unknown, **values)
    return passed(
        f"Öppet {fmt(hours)} timmar veckan {week[0].isoformat()}–{week[-1].isoformat()} (minst "
        f"{fmt(min_hours)}) och {hhmm(window[0])}–{hhmm(window[1])} täcks varje vardag.{eve_note_sv}{out_sv}",
        f"Open {fmt(hours)} hours in the week {week[0].isoformat()}–{week[-1].isoformat()} (at least "
        f"{fmt(min_hours)}) and {hhmm(window[0])}–{hhmm(window[1])} is covered on every working day.{eve_note_en}{out_en}",
        **values,
    )


def _deviations(
    days: tuple[AvvikandeDag, ...],
    week: list[date],
    weekdays: list[Veckodag],
    window: Span,
    eves_exempt: bool,
    ctx: RuleContext,
) -> tuple[list[dict[str, Any]], list[date], list[str]]:
    """The week's deviations on the required weekdays: checked records, failing days, and the
    JSON paths of deviations whose intervals are not reported on a day that needs coverage. A day
    of the week on which no edition is in force (a week over the turn of the year) is not governed
    by this text: it is listed with status ``outside_editions`` and needs no coverage."""
    checked: list[dict[str, Any]] = []
    failing: list[date] = []
    unknown: list[str] = []
    for i, dev in sorted(enumerate(days), key=lambda p: (p[1].datum, p[0])):
        if dev.datum not in week or WEEKDAYS[dev.datum.weekday()] not in weekdays:
            continue
        status = deviation_status(dev.datum, eves_exempt) if ctx.edition_on(dev.datum) else "outside_editions"
        needs = status in ("vardag", "afton")
        ok = (
            None
            if dev.oppettider is None
            else covers(((minutes(iv.fran), minute_of_day(iv.till, end=True)) for iv in dev.oppettider), window)
        )
        if needs and ok is False:
            failing.append(dev.datum)
        if needs and ok is None:
            unknown.append(f"$.avvikande_dagar[{i}].oppettider")
        checked.append(
            {"datum": dev.datum, "status": status, "covers_window": ok, "coverage_required": needs}
        )
    return checked, sorted(set(failing)), unknown


@rules.implement("kalmar.halsoval.tillganglighet.akuttelefon")
def akuttelefon(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    referral = Hanvisning(ctx.param("referral_outside_hours"))
    gaps: list[str] | None = None
    if doc.oppettider is not None and doc.akuttelefon is not None:
        gaps = []
        for day in Veckodag:
            phone = day_spans(doc.akuttelefon, day)
            for start, end in day_spans(doc.oppettider, day):
                if not covers(phone, (start, end)):
                    gaps.append(f"{day.value} {hhmm(start)}–{hhmm(end)}")
    referred = (
        None if doc.hanvisning_utanfor_oppettid is None else referral in doc.hanvisning_utanfor_oppettid
    )
    values: dict[str, Any] = {"uncovered_opening_hours": gaps, "referral_outside_hours": referred}
    if gaps or referred is False:
        sv, en = [], []
        if gaps:
            sv.append(f"akuttelefon saknas under öppettid: {'; '.join(gaps)}")
            en.append(f"no emergency telephone during opening hours: {'; '.join(gaps)}")
        if referred is False:
            sv.append(f"hänvisning till {referral.value} utanför öppettid saknas")
            en.append(f"no referral to {referral.value} outside opening hours")
        return failed(
            "Kravet uppfylls inte: " + "; ".join(sv) + ".",
            "Requirement not met: " + "; ".join(en) + ".",
            **values,
        )
    missing = [
        p
        for p, v in (
            ("$.oppettider", doc.oppettider),
            ("$.akuttelefon", doc.akuttelefon),
            ("$.hanvisning_utanfor_oppettid", doc.hanvisning_utanfor_oppettid),
        )
        if v is None
    ]
    if missing:
        return indeterminate(*missing, **values)
    return passed(
        f"Akuttelefon under all ordinarie öppettid; utanför öppettid hänvisas till {referral.value}.",
        f"Emergency telephone during all ordinary opening hours; outside them callers are referred to {referral.value}.",
        **values,
    )


def _service_key(name: str) -> str:
    """A service's name as compared: case-folded letters and digits only, so that the product's
    spellings "TeleQ", "Tele Q" and "Tele-Q" name the same service."""
    return "".join(c for c in fold(name) if c.isalnum())


@rules.implement("kalmar.halsoval.tillganglighet.teleq")
def teleq(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.telefonitjanst is None:
        return indeterminate("$.telefonitjanst")
    service = str(ctx.param("telephony_service"))
    declared = fold(doc.telefonitjanst)
    if _service_key(declared) == _service_key(service):
        return passed(
            f"Telefonitjänsten {service} används.",
            f"The {service} telephony service is used.",
            declared=declared,
        )
    return failed(
        f"Telefonitjänsten är {declared}, inte {service}.",
        f"The telephony service is {declared}, not {service}.",
        required=service,
        declared=declared,
    )


@rules.implement("kalmar.halsoval.tillganglighet.e_tjanster")
def e_tjanster(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.e_tjanster is None:
        return indeterminate("$.e_tjanster")
    mandatory = [ETjanst(m) for m in ctx.param("mandatory")]
    declared = sorted({e.value for e in doc.e_tjanster})
    missing = [m.value for m in mandatory if m not in doc.e_tjanster]
    values = {
        "required": [m.value for m in mandatory],
        "declared": declared,
        "missing_services": missing,
    }
    if missing:
        return failed(
            f"{len(missing)} av {len(mandatory)} e-tjänster i basutbudet saknas: {', '.join(missing)}.",
            f"{len(missing)} of the {len(mandatory)} basic-offer e-services are missing: {', '.join(missing)}.",
            **values,
        )
    return passed(
        f"Alla {len(mandatory)} e-tjänster i basutbudet erbjuds.",
        f"All {len(mandatory)} e-services of the basic offer are offered.",
        **values,
    )


@rules.implement("kalmar.halsoval.tillganglighet.1177_direkt")
def ansluten_1177_direkt(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    if doc.ansluten_1177_direkt is None:
        return indeterminate("$.ansluten_1177_direkt")
    if doc.ansluten_1177_direkt:
        return passed(
            "Vårdenheten är ansluten till 1177 Direkt.", "The unit is connected to 1177 Direkt."
        )
    return failed(
        "Vårdenheten är inte ansluten till 1177 Direkt.",
        "The unit is not connected to 1177 Direkt.",
    )


@rules.implement("kalmar.halsoval.tillganglighet.tillfallig_stangning")
def tillfallig_stangning(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """The closures in ``stangningar``, and those reported only as closed weekdays in
    ``avvikande_dagar``: such a day carries neither the telephone arrangement nor the report, so
    where the closures in ``stangningar`` would pass, not apply or only be open (a closure still to
    come) it leaves the result indeterminate naming ``$.stangningar``."""
    # a closure still to come (warning) does not hide a closed day that is not known to be arranged
    return unless_closed_days_unreported(
        _closures(doc, ctx), doc, ctx, ("pass", "not_applicable", "warning"),
        "tillfällig stängning med telefontillgänglighet och anmälan",
        "a temporary closure with its telephone arrangement and report",
    )


def _closures(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    from primarvard_kalmar.halsoval_atkomst import _judged_from

    if doc.stangningar is None:
        return indeterminate("$.stangningar")
    if not doc.stangningar:
        return not_applicable(
            "Ingen tillfällig stängning är redovisad.",
            "No temporary closure is reported.",
            reason="no_closure",
            outside_editions=[],
        )
    missing: list[str] = []
    closures: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    not_reported: list[str] = []
    not_reported_en: list[str] = []
    no_phone: list[str] = []
    reversed_ends: list[str] = []
    kept_open: list[dict[str, Any]] = []
    pending_sv: list[str] = []
    pending_en: list[str] = []
    for i, s in sorted(enumerate(doc.stangningar), key=lambda p: (p[1].fran, p[0])):
        if s.haller_oppet:
            # "Om vårdenheten behöver hålla tillfälligt stängt": a deviation during which the unit keeps
            # its opening hours (a loss of competence that does not close it) is no closure.
            kept_open.append({"index": i, "date": s.fran})
            continue
        backwards = s.forvantad_till is not None and s.forvantad_till < s.fran
        # The report ("förväntas vara längre än 1 vecka") is judged by the edition in force on the
        # first closed day; the telephone availability is owed on every closed day, so a closure that
        # began before every edition and runs into one is judged for it from the edition's first day.
        edition = edition_id(ctx, s.fran)
        report_judged = edition is not None
        start: date | None = s.fran
        if not report_judged:
            outside.append({"index": i, "date": s.fran})
            if backwards:
                # Whether it runs into an edition cannot be known from a last day before the first.
                reversed_ends.append(f"$.stangningar[{i}].forvantad_till")
                missing.append(f"$.stangningar[{i}].forvantad_till")
                continue
            start, unknown_end = _judged_from(ctx, s.fran, s.forvantad_till)
            if unknown_end:
                missing.append(f"$.stangningar[{i}].forvantad_till")
            if start is None:
                continue
            edition = edition_id(ctx, start)
        assert start is not None
        max_days = 7 * int(ctx.param("max_weeks_without_report", on=start))
        phone_ok = [Hanvisning(x) for x in ctx.param("telephone_referral_to", on=start)]
        label = s.fran.isoformat()
        # The text sets no time for either duty before the closure: one still to come on the
        # evaluation day is open (a warning) for what is not yet done, not failed.
        begun = start <= ctx.as_of
        if backwards:
            # A last closed day before the first cannot be right: the closure's length is unknown.
            reversed_ends.append(f"$.stangningar[{i}].forvantad_till")
            missing.append(f"$.stangningar[{i}].forvantad_till")
        days = None if s.forvantad_till is None or backwards else (s.forvantad_till - s.fran).days + 1
        report_required = None if days is None or not report_judged else days > max_days
        if s.anmald is None and report_judged:  # absent: not reported
            if report_required is None and not backwards:
                missing.append(f"$.stangningar[{i}].forvantad_till")
            elif report_required and begun:
                not_reported.append(f"{label} ({days} dagar, mer än {max_days})")
                not_reported_en.append(f"{label} ({days} days, more than {max_days})")
            elif report_required:
                pending_sv.append(f"anmälan till regionen av stängningen från {label} ({days} dagar, mer än {max_days})")
                pending_en.append(f"the report to the region of the closure from {label} ({days} days, more than {max_days})")
        phone = None if s.telefonhanvisning is None else s.telefonhanvisning in phone_ok
        if phone is None:
            missing.append(f"$.stangningar[{i}].telefonhanvisning")
        elif not phone and begun:
            no_phone.append(label)
        elif not phone:
            pending_sv.append(f"telefontillgänglighet via annan vårdenhet eller 1177 under stängningen från {label}")
            pending_en.append(f"telephone availability through another care unit or 1177 during the closure from {label}")
        closures.append(
            {
                "index": i,
                "fran": s.fran,
                "forvantad_till": s.forvantad_till,
                "edition": edition,
                "judged_from": start,
                "begun": begun,
                "report_judged": report_judged,
                "days": days,
                "max_days_without_report": max_days,
                "report_required": report_required,
                "reported": s.anmald,
                "telephone_referral": None if s.telefonhanvisning is None else s.telefonhanvisning.value,
                "telephone_referral_ok": phone,
            }
        )
    if not closures:
        if missing:
            extra: dict[str, Any] = {"inconsistent": reversed_ends} if reversed_ends else {}
            return indeterminate(*dict.fromkeys(missing), outside_editions=outside, kept_open=kept_open, **extra)
        if outside or not kept_open:
            return none_in_force(outside)
        return not_applicable(
            "Ingen tillfällig stängning är redovisad; avstegen håller öppettiderna.",
            "No temporary closure is reported; the deviations keep the opening hours.",
            reason="no_closure", outside_editions=[], kept_open=kept_open,
        )
    values: dict[str, Any] = {"closures": closures, "outside_editions": outside, "kept_open": kept_open,
                              "pending": pending_en}
    out_sv, out_en = outside_note(outside)
    partial = [c for c in closures if not c["report_judged"]]
    if partial:
        begun_sv = ", ".join(f"{c['fran'].isoformat()} (från {c['judged_from'].isoformat()})" for c in partial)
        begun_en = ", ".join(f"{c['fran'].isoformat()} (from {c['judged_from'].isoformat()})" for c in partial)
        out_sv += (f" Stängning som började före regelbokens giltighet: anmälan bedöms inte, telefontillgängligheten "
                   f"bedöms för dagarna under den: {begun_sv}.")
        out_en += (f" Closure that began before the rulebook is in force: its report is not judged, its telephone "
                   f"availability is judged for the days under it: {begun_en}.")
    limit = "/".join(str(n) for n in sorted({c["max_days_without_report"] for c in closures}))
    if not_reported or no_phone:
        sv, en = [], []
        if not_reported:
            sv.append(f"stängning som förväntas vara längre än {limit} dagar utan anmälan till regionen (från {', '.join(not_reported)})")
            en.append(
                f"closure expected to last longer than {limit} days not reported to the region (from {', '.join(not_reported_en)})"
            )
        if no_phone:
            sv.append(f"telefontillgänglighet via annan vårdenhet eller 1177 saknas (från {', '.join(no_phone)})")
            en.append(f"no telephone availability through another care unit or 1177 (from {', '.join(no_phone)})")
        return failed(
            "Kravet uppfylls inte: " + "; ".join(sv) + "." + out_sv,
            "Requirement not met: " + "; ".join(en) + "." + out_en,
            **values,
        )
    if missing:
        if reversed_ends:
            values["inconsistent"] = reversed_ends
            return indeterminate(
                *dict.fromkeys(missing),
                sv="Kan inte avgöras: sista stängda dagen ligger före den första "
                f"({', '.join(reversed_ends)}); uppgiften kan inte stämma. Att lämna: "
                f"{', '.join(dict.fromkeys(missing))}.",
                en="Cannot be decided: the last closed day is before the first "
                f"({', '.join(reversed_ends)}); the record cannot be right. To supply: "
                f"{', '.join(dict.fromkeys(missing))}.",
                **values,
            )
        return indeterminate(*missing, **values)
    if pending_sv:
        return warning(
            "Ännu inte gjort inför en kommande tillfällig stängning (texten anger ingen frist före första "
            "stängda dagen): " + "; ".join(pending_sv) + "." + out_sv,
            "Not yet done for a temporary closure still to come (the text sets no deadline before its first "
            "closed day): " + "; ".join(pending_en) + "." + out_en,
            **values,
        )
    return passed(
        f"{len(closures)} stängning(ar): varje stängning som förväntas vara längre än {limit} dagar är anmäld och "
        "telefontillgängligheten är säkrad genom annan vårdenhet eller 1177." + out_sv,
        f"{len(closures)} closure(s): every closure expected to last longer than {limit} days is reported and "
        "telephone availability is secured through another care unit or 1177." + out_en,
        **values,
    )
