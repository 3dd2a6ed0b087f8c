"""Shared pieces of the kalmar.halsoval rule modules: the registry and small helpers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Forandringstyp, Uppfoljning
from primarvard_sdk.findings import deadline_outcome, finding, indeterminate, not_applicable, worst
from primarvard_sdk.items import (
    codes_in_any_edition,
    codes_on,
    edition_id,
    none_in_force,
    outside_note,
)
from primarvard_sdk.model import Finding, Outcome
from primarvard_sdk.plugin import Implementations

__all__ = ["announced_changes", "closed_days_outside_closures", "fmt", "join_ids", "rules", "unless_closed_days_unreported"]

#: The rule functions of kalmar.halsoval (every ``halsoval_*`` module registers here).
rules = Implementations("kalmar.halsoval")

def fmt(number: float) -> str:
    """A number as the explanations print it: 47.5, 48, 0.4545."""
    return f"{number:.4f}".rstrip("0").rstrip(".")


def join_ids(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids)) or "-"


def unless_closed_days_unreported(result: Finding, doc: Any, ctx: RuleContext, decided: tuple[str, ...],
                                  what_sv: str, what_en: str, *, eves: bool = True) -> Finding:
    """``result``, unless it is one of the outcomes ``decided`` and the unit reports closed weekdays
    in ``avvikande_dagar`` that no closure in ``stangningar`` covers: such a day carries none of the
    facts a closure is judged by (``what_sv``/``what_en`` name them), so the answer is then
    indeterminate naming ``$.stangningar`` and listing the days."""
    if result.outcome.value not in decided or doc.stangningar is None:
        return result
    closed = closed_days_outside_closures(doc, ctx, eves=eves)
    if not closed:
        return result
    days = ", ".join(d.isoformat() for d in closed)
    return indeterminate(
        "$.stangningar",
        sv=f"Kan inte avgöras: avvikande_dagar visar stängda vardagar som inte är redovisade som {what_sv} "
           f"($.stangningar): {days}.",
        en=f"Cannot be decided: avvikande_dagar shows closed weekdays not reported as {what_en} ($.stangningar): "
           f"{days}.",
        closed_days_not_in_stangningar=closed,
    )


def closed_days_outside_closures(doc: Any, ctx: RuleContext | None = None, *, eves: bool = True) -> list[date]:
    """Days the unit reports closed in ``avvikande_dagar`` (``oppettider`` []) on a weekday of the
    text's working week — Monday to Friday, not an allmän helgdag; the eves count with ``eves``
    (Hälsoval's "måndag-fredag", as tillganglighet.oppettider reads it) and not without (Psykisk
    hälsa's vardag) — inside an edition (when ``ctx`` is given), that no reported closure in
    ``stangningar`` covers (one with its last day not reported covers every day from its first). A
    closed weekday is a temporary closure ("tillfälligt stängt") however it is reported; reported as
    a day, the facts the closure rules judge (agreement, referral, telephone, report) are not."""
    from primarvard_kalmar.halsoval_tillganglighet import deviation_status

    working = ("vardag", "afton") if eves else ("vardag",)
    spans = [(s.fran, s.forvantad_till or date.max) for s in doc.stangningar or ()]
    found = []
    for d in doc.avvikande_dagar or ():
        if d.oppettider is None or d.oppettider or d.datum.weekday() > 4:
            continue
        if deviation_status(d.datum, False) not in working or (ctx is not None and ctx.edition_on(d.datum) is None):
            continue
        if any(fran <= d.datum <= till for fran, till in spans):
            continue
        found.append(d.datum)
    return sorted(set(found))


def announced_changes(
    doc: Uppfoljning,
    ctx: RuleContext,
    what_sv: str,
    what_en: str,
    with_effective_day: bool = False,
) -> Finding:
    """Changes of the rule's types announced at least ``months_before`` months in advance.

    Each change is judged by its own day (the day it takes effect): that day's edition gives the
    types the rule concerns and the months (and, ``with_effective_day``, the day of the month the
    change must fall on). A change dated outside every edition is listed, not judged. Each change
    is due (to be announced) on its effective day minus the months (clamped to the month's end),
    inclusive; a change on another day of the month than the one asked for is missed too. The
    aggregate is missed > open > met.
    """
    from primarvard_sdk import calendar

    if doc.forandringar is None:
        return indeterminate("$.forandringar")
    concerned = codes_in_any_edition(ctx, "change_types", Forandringstyp)
    items: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    for i, f in sorted(enumerate(doc.forandringar), key=lambda p: (p[1].datum, p[0])):
        edition = edition_id(ctx, f.datum)
        if edition is None:
            if f.typ in concerned:
                outside.append({"index": i, "typ": f.typ.value, "date": f.datum})
            continue
        if f.typ not in codes_on(ctx, "change_types", Forandringstyp, f.datum):
            continue
        months = int(ctx.param("months_before", on=f.datum))
        effective_day = int(ctx.param("effective_day_of_month", on=f.datum)) if with_effective_day else None
        due = calendar.add_months(f.datum, -months)
        outcome = deadline_outcome(due, f.meddelad, ctx.as_of)
        wrong_day = effective_day is not None and f.datum.day != effective_day
        items.append(
            {
                "index": i,
                "typ": f.typ.value,
                "effective": f.datum,
                "edition": edition,
                "months_before": months,
                "due": due,
                "actual": f.meddelad,
                # A change on another day of the month is not kept as the text asks, however
                # early it was announced: a deadline rule answers that as missed.
                "outcome": Outcome.missed if wrong_day else outcome,
                "deadline_outcome": outcome,
                "effective_day": effective_day,
                "effective_day_ok": not wrong_day,
            }
        )
    if not items:
        if outside:
            return none_in_force(outside)
        return not_applicable(
            f"Inga förändringar av typen {join_ids(concerned)} finns i underlaget.",
            f"No change of type {join_ids(concerned)} is in the document.",
            reason="no_change_in_scope",
            outside_editions=[],
        )
    overall = worst(item["outcome"] for item in items)
    # the first failing or open record decides; when all are met, the latest one is shown
    decisive = [item for item in items if item["outcome"] is overall][
        0 if overall is not Outcome.met else -1
    ]
    sv, en = _change_text(decisive, what_sv, what_en)
    if len(items) > 1:
        sv += f" ({len(items)} förändringar; den avgörande visas.)"
        en += f" ({len(items)} changes; the decisive one is shown.)"
    out_sv, out_en = outside_note(outside)
    return finding(
        overall,
        sv + out_sv,
        en + out_en,
        due=decisive["due"],
        actual=decisive["actual"],
        changes=items,
        outside_editions=outside,
    )


def _change_text(item: dict[str, Any], what_sv: str, what_en: str) -> tuple[str, str]:
    effective: date = item["effective"]
    due: date = item["due"]
    actual: date | None = item["actual"]
    months: int = item["months_before"]
    sv = (
        f"{what_sv} ({item['typ']}) som gäller från {effective.isoformat()} ska meddelas senast "
        f"{due.isoformat()} ({months} månad(er) före)"
    )
    en = (
        f"{what_en} ({item['typ']}) taking effect {effective.isoformat()} must be reported by "
        f"{due.isoformat()} ({months} month(s) before)"
    )
    if actual is None:
        sv += "; inget meddelande är registrerat."
        en += "; no report is recorded."
    else:
        sv += f"; meddelad {actual.isoformat()}."
        en += f"; reported {actual.isoformat()}."
    if not item["effective_day_ok"]:
        wanted = item["effective_day"]
        sv += f" Förändringen måste förläggas till dag {wanted} i månaden, inte dag {effective.day}."
        en += f" The change must take effect on day {wanted} of a month, not day {effective.day}."
    return sv, en
