"""Follow-up rules of vasterbotten.halsoval (2.6, 2.7.6, 3.1.1, 7.1.2).

Governing days: byte_verksamhetschef and utbudsbegransning judge dated items (a change of head, a
limited day) each by its own day (``each_item``: :meth:`RuleContext.edition_on` and
``ctx.param(name, on=day)``; items outside every edition are listed, not judged).
patientsakerhetsberattelse and dialog judge the calendar years of a follow-up period (a year's report, a
year's meetings): each year is judged by the edition in force in it (``each_item``), so a period that
begins before the first edition held still has its later years judged.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, time, timedelta

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Forandringstyp, Intervall, Rapporttyp, Tillganglighet, Uppfoljning
from primarvard_sdk.findings import (
    calendar_day_note,
    deadline,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
    warning,
)
from primarvard_sdk.items import none_in_force
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import (
    closure_days,
    combine_deadlines,
    covers,
    iso,
    joined,
    must_be_open,
    rules,
)


@rules.implement("vasterbotten.halsoval.uppfoljning.utbudsbegransning")
def utbudsbegransning(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    """Each limited day is judged by its own day (governing_day each_item): the day picks the
    edition and the values (ordinary hours, eves); a month's limit is the one in force in it. Days
    outside every edition are counted apart, not judged."""
    days: set[date] = set()
    outside: set[date] = set()
    editions: set[str] = set()
    unknown: list[str] = []

    def count(day: date, hours: list[Intervall] | None = None, where: str = "") -> None:
        edition = ctx.edition_on(day)
        if edition is None:
            if must_be_open(day, eves_exempt=False):
                outside.add(day)
            return
        if not must_be_open(day, bool(ctx.param("eves_exempt", on=day))):
            return
        if where:
            if hours is None:
                unknown.append(where)
                return
            opens = time.fromisoformat(ctx.param("opens", on=day))
            closes = time.fromisoformat(ctx.param("closes", on=day))
            if covers(hours, opens, closes):
                return
        editions.add(edition.id)
        days.add(day)

    if doc.utbudsbegransningar is None:
        unknown.append("$.utbudsbegransningar")
    else:
        for i, period in enumerate(doc.utbudsbegransningar):
            end = period.till
            if end is not None and end < period.fran:
                return inconsistent(f"$.utbudsbegransningar[{i}].till", f"$.utbudsbegransningar[{i}].fran")
            if end is None:
                unknown.append(f"$.utbudsbegransningar[{i}].till")
                end = ctx.as_of  # counted so far
            day = period.fran
            while day <= end:
                count(day)
                day += timedelta(days=1)
    if doc.avvikande_dagar is None:
        unknown.append("$.avvikande_dagar")
    else:
        for i, deviation in enumerate(doc.avvikande_dagar):
            hours = list(deviation.oppettider) if deviation.oppettider is not None else None
            count(deviation.datum, hours, f"$.avvikande_dagar[{i}].oppettider")
    # A declared temporary closure (stangningar) limits the opening hours on each of its days
    # (unless the unit keeps its hours meanwhile); an open-ended one counts up to the evaluation day.
    # A day also reported as an avvikande dag is judged by that day's hours, as in begransat_oppethallande.
    deviating = {d.datum for d in doc.avvikande_dagar or ()}
    closures = closure_days(doc, ctx, first_day=False)  # an open-ended one: counted so far
    if isinstance(closures, Finding):
        return closures
    for j, closure, closed in closures:
        if closure.forvantad_till is None:
            unknown.append(f"$.stangningar[{j}].forvantad_till")
        for day in closed:
            if day not in deviating:
                count(day)
    per_month = Counter(_month(d) for d in days)
    first: dict[str, date] = {}
    for d in sorted(days):
        first.setdefault(_month(d), d)
    limits = {m: int(ctx.param("max_enstaka_dagar", on=first[m])) for m in per_month}
    over = {m: n for m, n in sorted(per_month.items()) if n > limits[m]}
    most = max(limits.values(), default=None)
    # An unbroken run of limited helgfria vardagar is one limitation whatever the calendar month: a
    # run over a month end (Thursday 30 October to Tuesday 4 November) is more than single days
    # though neither month holds more than the limit. Days of the next rulebook count as facts of the
    # run (the limitation goes on); the run is judged by the limit in force on its first judged day.
    runs = _runs(sorted(days | outside), ctx)
    runs_over = [
        run
        for run in runs
        if any(d in days for d in run)
        and len(run) > int(ctx.param("max_enstaka_dagar", on=next(d for d in run if d in days)))
    ]
    values: dict[str, object] = {
        "declared": max(per_month.values(), default=0),
        "limited_days_per_month": dict(sorted(per_month.items())),
        "longest_run": max((len(r) for r in runs if any(d in days for d in r)), default=0),
    }
    if most is not None:
        values["required"] = most
    if editions:
        values["editions"] = sorted(editions)
    if outside:
        values["days_outside_edition"] = len(outside)
    if over or runs_over:
        parts_sv, parts_en = [], []
        if over:
            shown = joined(f"{m}: {n}" for m, n in over.items())
            limit = joined(sorted({limits[m] for m in over}))
            parts_sv.append(f"fler än {limit} begränsade vardagar under en kalendermånad: {shown}")
            parts_en.append(f"more than {limit} limited weekdays in a calendar month: {shown}")
        if runs_over:
            shown_runs = joined(f"{iso(r[0])}–{iso(r[-1])} ({len(r)})" for r in runs_over)
            parts_sv.append(f"i följd utan öppen vardag emellan: {shown_runs}")
            parts_en.append(f"in a row without an open weekday between: {shown_runs}")
        return warning(
            f"Öppettiderna begränsas mer än enstaka dagar ({'; '.join(parts_sv)}). Regionstyrelsen kan besluta "
            "om neddragning av kapiteringsersättningen för motsvarande tid.",
            f"Opening hours are limited on more than single days ({'; '.join(parts_en)}). The regional board may "
            "reduce the capitation payment for the same time.",
            months_over=over, runs_over=[{"from": r[0], "to": r[-1], "days": len(r)} for r in runs_over], **values,
        )
    if unknown:
        return indeterminate(
            *unknown,
            sv=f"Kan inte avgöras: uppgift om begränsningar saknas ({joined(unknown)}); hittills högst "
            f"{values['declared']} begränsade vardagar under en kalendermånad.",
            en=f"Cannot be decided: limitations not reported ({joined(unknown)}); so far at most "
            f"{values['declared']} limited weekdays in a calendar month.",
            **values,
        )
    if not days:
        if outside:
            return not_applicable(
                "De begränsade dagarna ligger utanför regelbokens giltighetstid och prövas inte här.",
                "The limited days lie outside the rulebook's period and are not judged here.",
                **values, reason="no_rulebook_in_force",
            )
        return not_applicable(
            "Inga dagar med begränsade öppettider är angivna.",
            "No days of limited opening hours are declared.",
            **values, reason="no_limited_day",
        )
    return passed(
        f"Begränsningarna gäller enstaka dagar (högst {values['declared']} begränsade vardagar under en "
        f"kalendermånad, gräns {most}).",
        f"The limitations are single days (at most {values['declared']} limited weekdays in a calendar "
        f"month, limit {most}).",
        **values,
    )


def _runs(limited: list[date], ctx: RuleContext) -> list[list[date]]:
    """The limited days (sorted) in unbroken runs: two limited days belong to one run when no day
    between them is a helgfri vardag (one the unit must keep open, as :func:`must_be_open` with the
    eves as the day's edition says; outside every edition the eves count as days to be open)."""
    def open_day(day: date) -> bool:
        inside = ctx.edition_on(day) is not None
        return must_be_open(day, bool(ctx.param("eves_exempt", on=day)) if inside else False)

    runs: list[list[date]] = []
    for day in limited:
        if runs:
            last = runs[-1][-1]
            between = (last + timedelta(days=k) for k in range(1, (day - last).days))
            if not any(open_day(d) for d in between):
                runs[-1].append(day)
                continue
        runs.append([day])
    return runs


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _years(doc: Uppfoljning, ctx: RuleContext) -> tuple[list[tuple[int, date]], list[dict[str, object]]]:
    """The calendar years of the follow-up period, each judged by its own edition (governing_day
    each_item: the reporting period of a yearly duty is the calendar year): the years inside an
    edition, each with a day in it that picks the edition and the parameters, and the others (listed
    with their first day, not judged)."""
    assert doc.period is not None
    end = doc.period.till if doc.period.till is not None else ctx.as_of
    inside: list[tuple[int, date]] = []
    others: list[dict[str, object]] = []
    for y in range(doc.period.fran.year, max(end.year, doc.period.fran.year) + 1):
        first = max(date(y, 1, 1), doc.period.fran) if y == doc.period.fran.year else date(y, 1, 1)
        day = next((d for d in (first, date(y, 12, 31), date(y, 1, 1)) if ctx.edition_on(d) is not None), None)
        if day is None:
            others.append({"year": y, "date": first})
        else:
            inside.append((y, day))
    return inside, others


def _period_missing(doc: Uppfoljning) -> Finding | None:
    """The follow-up period is needed (never guessed from as_of): its first day picks the years."""
    if doc.period is None or doc.period.fran is None:
        return indeterminate(
            "$.period.fran",
            sv="Kan inte avgöras: uppgift saknas ($.period.fran); uppföljningsperiodens år avgör vilken upplaga "
               "av regelboken som gäller.",
            en="Cannot be decided: input missing ($.period.fran); the years of the follow-up period decide which "
               "rulebook edition governs.",
        )
    if doc.period.till is not None and doc.period.till < doc.period.fran:
        return inconsistent("$.period.till", "$.period.fran")  # never read as a year of its own
    return None


@rules.implement("vasterbotten.halsoval.uppfoljning.patientsakerhetsberattelse")
def patientsakerhetsberattelse(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if (gap := _period_missing(doc)) is not None:
        return gap
    if doc.rapporter is None:
        return indeterminate("$.rapporter")
    years, others = _years(doc, ctx)
    if not years:
        return none_in_force(others)
    extra = {"years_outside_edition": [o["year"] for o in others]} if others else {}
    parts = []
    for year, on in years:
        kind = Rapporttyp(ctx.param("report_type", on=on))
        month, day = ctx.param("month", on=on), ctx.param("day", on=on)
        delivered = sorted(
            r.levererad for r in doc.rapporter
            if r.typ is kind and r.avser_ar == year and r.levererad is not None
        )
        due = date(year + 1, month, day)
        note_sv, note_en = calendar_day_note(due)
        edition = ctx.edition_on(on)
        assert edition is not None
        parts.append(deadline(
            due,
            delivered[0] if delivered else None,
            ctx.as_of,
            f"Patientsäkerhetsberättelsen för {year} senast {iso(due)}.{note_sv}",
            f"The patient-safety report for {year} no later than {iso(due)}.{note_en}",
            year=year,
            edition=edition.id,
            due_is_vardag=not note_sv,
            **extra,
        ))
    if len(parts) == 1:
        return parts[0]
    return combine_deadlines(
        parts,
        "Uppföljningsperioden omfattar flera år; sämsta utfallet gäller.",
        "The follow-up period spans several years; the worst outcome applies.",
        **extra,
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.dialog")
def dialog(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if (gap := _period_missing(doc)) is not None:
        return gap
    if doc.dialogmoten is None:
        return indeterminate("$.dialogmoten")
    judged, others = _years(doc, ctx)
    if not judged:
        return none_in_force(others)
    needs = {y: int(ctx.param("min_per_year", on=on)) for y, on in judged}
    need = needs[judged[-1][0]]
    years = [y for y, _ in judged]
    meetings = set(doc.dialogmoten)
    counts = {y: sum(1 for d in meetings if d.year == y) for y in years}
    short_done = [y for y, n in counts.items() if n < needs[y] and date(y, 12, 31) < ctx.as_of]
    short_open = [y for y, n in counts.items() if n < needs[y] and date(y, 12, 31) >= ctx.as_of]
    shown = ", ".join(f"{y}: {n}" for y, n in counts.items())
    values: dict[str, object] = {"required": need, "declared": {str(y): n for y, n in counts.items()}}
    if others:
        values["years_outside_edition"] = [o["year"] for o in others]
    # 7.1.2 describes one of the region's own follow-up methods ("Metoder för uppföljning"; the purchaser
    # compiles and sends the agenda), not a duty of the hälsocentral: too few meetings never fail the unit.
    if short_done:
        return warning(
            f"Färre än {need} dialogmöten under kalenderåret ({shown}). Mötena är en del av Region Västerbottens "
            "uppföljningsmetod (7.1.2; beställaren sammankallar och sänder ut agendan), inte en skyldighet för "
            "hälsocentralen: det underkänner inte enheten.",
            f"Fewer than {need} dialogue meetings in the calendar year ({shown}). The meetings are part of Region "
            "Västerbotten's follow-up method (7.1.2; the purchaser convenes them and sends the agenda), not a duty "
            "of the hälsocentral: this does not fail the unit.",
            years_short=short_done,
            **values,
        )
    if short_open:
        return warning(
            f"Kalenderåret {joined(short_open)} är inte slut den {iso(ctx.as_of)}; hittills färre än "
            f"{need} dialogmöten ({shown}).",
            f"Calendar year {joined(short_open)} is not over on {iso(ctx.as_of)}; so far fewer than "
            f"{need} dialogue meetings ({shown}).",
            **values,
        )
    return passed(
        f"Minst {need} dialogmöten per kalenderår ({shown}).",
        f"At least {need} dialogue meetings per calendar year ({shown}).",
        **values,
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.byte_verksamhetschef")
def byte_verksamhetschef(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    """Each change of head is judged by its own day (governing_day each_item): the day it takes
    effect picks the edition and the lead time; a change outside every edition is listed, not judged."""
    if doc.forandringar is None:
        return indeterminate("$.forandringar")
    changes = sorted(
        (f for f in doc.forandringar if f.typ is Forandringstyp.byte_verksamhetschef),
        key=lambda f: (f.datum, f.meddelad or date.min),
    )
    judged = [(f, edition) for f in changes if (edition := ctx.edition_on(f.datum)) is not None]
    outside = [f.datum for f in changes if ctx.edition_on(f.datum) is None]
    extra = {"changes_outside_edition": outside} if outside else {}
    if not judged:
        if outside:
            return not_applicable(
                f"Bytena av verksamhetschef ({joined(map(iso, outside))}) ligger utanför regelbokens "
                "giltighetstid och prövas inte här.",
                f"The changes of head ({joined(map(iso, outside))}) lie outside the rulebook's period and "
                "are not judged here.",
                **extra, reason="no_rulebook_in_force",
            )
        return not_applicable(
            "Inget byte av verksamhetschef är angivet.",
            "No change of head of operations is declared.",
            reason="no_change_of_head",
        )
    parts = []
    for change, edition in judged:
        before: int = ctx.param("notice_days_before", on=change.datum)
        due = change.datum - timedelta(days=before)
        note_sv, note_en = calendar_day_note(due)
        parts.append(deadline(
            due,
            change.meddelad,
            ctx.as_of,
            f"Byte {iso(change.datum)}: skriftlig information till Beställarenheten senast {iso(due)} "
            f"(innan förändringen träder i kraft; regelbok {edition.id}).{note_sv}",
            f"Change on {iso(change.datum)}: written notice to Beställarenheten no later than {iso(due)} "
            f"(before it takes effect; rulebook {edition.id}).{note_en}",
            takes_effect=change.datum,
            edition=edition.id,
            due_is_vardag=not note_sv,
            **extra,
        ))
    if len(parts) == 1:
        return parts[0]
    return combine_deadlines(
        parts, "Flera byten; sämsta utfallet gäller.", "Several changes; the worst outcome applies.", **extra
    )
