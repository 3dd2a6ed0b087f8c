"""Follow-up rules of vasterbotten.halsoval (2.6, 2.7.6, 3.1.1, 7.1.2).

Governing days: byte_verksamhetschef and utbudsbegransning judge dated items (a change of head, a
limited day) each by its own day (``each_item``: :meth:`RuleContext.edition_on` and
``ctx.param(name, on=day)``; items outside every edition are listed, not judged).
patientsakerhetsberattelse and dialog judge a follow-up period (a year's report, a year's meetings):
the period's first day picks the edition.
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
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import (
    combine_deadlines,
    covers,
    in_edition,
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
    for j, closure in enumerate(doc.stangningar or ()):
        if closure.haller_oppet is True:
            continue
        end = closure.forvantad_till
        if end is not None and end < closure.fran:
            return inconsistent(f"$.stangningar[{j}].forvantad_till", f"$.stangningar[{j}].fran")
        if end is None:
            unknown.append(f"$.stangningar[{j}].forvantad_till")
            end = ctx.as_of  # counted so far
        day = closure.fran
        while day <= end:
            if day not in deviating:
                count(day)
            day += timedelta(days=1)
    per_month = Counter(_month(d) for d in days)
    first: dict[str, date] = {}
    for d in sorted(days):
        first.setdefault(_month(d), d)
    limits = {m: int(ctx.param("max_enstaka_dagar", on=first[m])) for m in per_month}
    over = {m: n for m, n in sorted(per_month.items()) if n > limits[m]}
    most = max(limits.values(), default=None)
    values: dict[str, object] = {
        "declared": max(per_month.values(), default=0),
        "limited_days_per_month": dict(sorted(per_month.items())),
    }
    if most is not None:
        values["required"] = most
    if editions:
        values["editions"] = sorted(editions)
    if outside:
        values["days_outside_edition"] = len(outside)
    if over:
        shown = joined(f"{m}: {n}" for m, n in over.items())
        limit = joined(sorted({limits[m] for m in over}))
        return warning(
            f"Öppettiderna begränsas mer än enstaka dagar (fler än {limit} begränsade vardagar under en "
            f"kalendermånad: {shown}). Regionstyrelsen kan besluta om neddragning av kapiteringsersättningen "
            "för motsvarande tid.",
            f"Opening hours are limited on more than single days (more than {limit} limited weekdays in a "
            f"calendar month: {shown}). The regional board may reduce the capitation payment for the same time.",
            months_over=over, **values,
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


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _years(doc: Uppfoljning, ctx: RuleContext) -> tuple[list[int], list[int]]:
    """The calendar years of the follow-up period: those inside the governing edition, and the others."""
    assert doc.period is not None
    end = doc.period.till if doc.period.till is not None else ctx.as_of
    years = range(doc.period.fran.year, max(end.year, doc.period.fran.year) + 1)
    inside = [y for y in years if in_edition(ctx, date(y, 12, 31)) or in_edition(ctx, date(y, 1, 1))]
    return inside, [y for y in years if y not in inside]



@rules.implement("vasterbotten.halsoval.uppfoljning.patientsakerhetsberattelse")
def patientsakerhetsberattelse(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.rapporter is None:
        return indeterminate("$.rapporter")
    kind = Rapporttyp(ctx.param("report_type"))
    month, day = ctx.param("month"), ctx.param("day")
    years, others = _years(doc, ctx)
    extra = {"years_outside_edition": others} if others else {}
    parts = []
    for year in years:
        delivered = sorted(
            r.levererad for r in doc.rapporter
            if r.typ is kind and r.avser_ar == year and r.levererad is not None
        )
        due = date(year + 1, month, day)
        note_sv, note_en = calendar_day_note(due)
        parts.append(deadline(
            due,
            delivered[0] if delivered else None,
            ctx.as_of,
            f"Patientsäkerhetsberättelsen för {year} senast {iso(due)}.{note_sv}",
            f"The patient-safety report for {year} no later than {iso(due)}.{note_en}",
            year=year,
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
    if doc.dialogmoten is None:
        return indeterminate("$.dialogmoten")
    need: int = ctx.param("min_per_year")
    years, others = _years(doc, ctx)
    meetings = set(doc.dialogmoten)
    counts = {y: sum(1 for d in meetings if d.year == y) for y in years}
    short_done = [y for y, n in counts.items() if n < need and date(y, 12, 31) < ctx.as_of]
    short_open = [y for y, n in counts.items() if n < need and date(y, 12, 31) >= ctx.as_of]
    shown = ", ".join(f"{y}: {n}" for y, n in counts.items())
    values: dict[str, object] = {"required": need, "declared": {str(y): n for y, n in counts.items()}}
    if others:
        values["years_outside_edition"] = others
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
