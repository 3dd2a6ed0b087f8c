"""Follow-up rules of vasterbotten.halsoval (2.6, 2.7.6, 3.1.1, 7.1.2)."""

from __future__ import annotations

from datetime import date, timedelta

from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Tillganglighet, Uppfoljning
from primarvard_sdk.findings import (
    calendar_day_note,
    deadline,
    failed,
    indeterminate,
    not_applicable,
    passed,
    warning,
)
from primarvard_sdk.model import Finding
from primarvard_vasterbotten.halsoval_common import (
    combine_deadlines,
    iso,
    joined,
    rules,
)


@rules.implement("vasterbotten.halsoval.uppfoljning.utbudsbegransning")
def utbudsbegransning(doc: Tillganglighet, ctx: RuleContext) -> Finding:
    most: int = ctx.param("max_enstaka_vardagar")
    if not doc.utbudsbegransningar:
        return passed(
            "Ingen utbudsbegränsning är angiven.",
            "No limitation of the offer is declared.",
            required=most, declared=0,
        )
    longer: list[str] = []
    open_ended: list[str] = []
    longest = 0
    for i, period in sorted(enumerate(doc.utbudsbegransningar), key=lambda p: (p[1].fran, p[0])):
        end = period.till if period.till is not None else ctx.as_of
        days = calendar.vardagar_between(period.fran - timedelta(days=1), end) if end >= period.fran else 0
        longest = max(longest, days)
        if days > most:
            longer.append(f"{iso(period.fran)}–{iso(period.till) if period.till else '…'} ({days})")
        elif period.till is None:
            open_ended.append(f"$.utbudsbegransningar[{i}].till")
    if longer:
        return warning(
            f"Begränsningen omfattar mer än enstaka dagar (fler än {most} vardagar i följd): "
            f"{joined(longer)}. Regionstyrelsen kan besluta om neddragning av kapiteringsersättningen "
            "för motsvarande tid.",
            f"The limitation covers more than single days (more than {most} consecutive weekdays): "
            f"{joined(longer)}. The regional board may reduce the capitation payment for the same period.",
            required=most, declared=longest,
        )
    if open_ended:
        return indeterminate(
            *open_ended,
            sv=f"Kan inte avgöras: begränsning utan slutdag ({joined(open_ended)}) har hittills "
            f"högst {longest} vardagar.",
            en=f"Cannot be decided: a limitation without an end day ({joined(open_ended)}) has so far "
            f"at most {longest} weekdays.",
            required=most, declared=longest,
        )
    return passed(
        f"Begränsningarna omfattar enstaka dagar (högst {longest} vardagar i följd, gräns {most}).",
        f"The limitations cover single days (at most {longest} consecutive weekdays, limit {most}).",
        required=most, declared=longest,
    )


def _years(doc: Uppfoljning, ctx: RuleContext) -> range:
    assert doc.period is not None
    end = doc.period.till if doc.period.till is not None else ctx.as_of
    return range(doc.period.fran.year, max(end.year, doc.period.fran.year) + 1)


@rules.implement("vasterbotten.halsoval.uppfoljning.patientsakerhetsberattelse")
def patientsakerhetsberattelse(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    missing = [p for p, v in (("$.period", doc.period), ("$.rapporter", doc.rapporter)) if v is None]
    if missing:
        return indeterminate(*missing)
    assert doc.rapporter is not None
    kind: str = ctx.param("report_type")
    month, day = ctx.param("month"), ctx.param("day")
    parts = []
    for year in _years(doc, ctx):
        delivered = sorted(
            r.levererad for r in doc.rapporter
            if r.typ == kind and r.avser_ar == year and r.levererad is not None
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
        ))
    if len(parts) == 1:
        return parts[0]
    return combine_deadlines(
        parts,
        "Uppföljningsperioden omfattar flera år; sämsta utfallet gäller.",
        "The follow-up period spans several years; the worst outcome applies.",
    )


@rules.implement("vasterbotten.halsoval.uppfoljning.dialog")
def dialog(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.dialogmoten is None:
        return indeterminate("$.dialogmoten")
    need: int = ctx.param("min_per_year")
    years = _years(doc, ctx) if doc.period is not None else range(ctx.as_of.year, ctx.as_of.year + 1)
    counts = {y: sum(1 for d in set(doc.dialogmoten) if d.year == y) for y in years}
    short_done = [y for y, n in counts.items() if n < need and date(y, 12, 31) < ctx.as_of]
    short_open = [y for y, n in counts.items() if n < need and date(y, 12, 31) >= ctx.as_of]
    shown = ", ".join(f"{y}: {n}" for y, n in counts.items())
    values = {"required": need, "declared": dict((str(y), n) for y, n in counts.items())}
    if short_done:
        return failed(
            f"Färre än {need} dialogmöten under kalenderåret ({shown}).",
            f"Fewer than {need} dialogue meetings in the calendar year ({shown}).",
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
    if doc.forandringar is None:
        return indeterminate("$.forandringar")
    kind: str = ctx.param("change_type")
    changes = sorted(
        (f for f in doc.forandringar if f.typ == kind), key=lambda f: (f.datum, f.meddelad or date.min)
    )
    if not changes:
        return not_applicable("Inget byte av verksamhetschef är angivet.", "No change of head of operations is declared.")
    parts = []
    for change in changes:
        due = change.datum - timedelta(days=1)
        note_sv, note_en = calendar_day_note(due)
        parts.append(deadline(
            due,
            change.meddelad,
            ctx.as_of,
            f"Byte {iso(change.datum)}: skriftlig information till Beställarenheten senast {iso(due)} "
            f"(dagen före ikraftträdandet).{note_sv}",
            f"Change on {iso(change.datum)}: written notice to Beställarenheten no later than {iso(due)} "
            f"(the day before it takes effect).{note_en}",
            takes_effect=change.datum,
            due_is_vardag=not note_sv,
        ))
    if len(parts) == 1:
        return parts[0]
    return combine_deadlines(parts, "Flera byten; sämsta utfallet gäller.", "Several changes; the worst outcome applies.")
