"""Shared pieces of the kalmar.halsoval rule modules: the registry and small helpers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from primarvard_sdk.domain import Uppfoljning
from primarvard_sdk.findings import deadline_outcome, finding, indeterminate, not_applicable, worst
from primarvard_sdk.model import Finding, Outcome
from primarvard_sdk.plugin import Implementations

__all__ = ["announced_changes", "fmt", "join_ids", "rules"]

#: The rule functions of kalmar.halsoval (every ``halsoval_*`` module registers here).
rules = Implementations("kalmar.halsoval")

def fmt(number: float) -> str:
    """A number as the explanations print it: 47.5, 48, 0.4545."""
    return f"{number:.4f}".rstrip("0").rstrip(".")


def join_ids(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids)) or "-"


def announced_changes(
    doc: Uppfoljning,
    types: Sequence[str],
    months_before: int,
    as_of: date,
    what_sv: str,
    what_en: str,
    effective_day: int | None = None,
) -> Finding:
    """Changes of the given types announced at least ``months_before`` months in advance.

    Each change is due (to be announced) on its effective day minus ``months_before`` months
    (clamped to the month's end), inclusive. With ``effective_day``, a change whose effective
    day is another day of the month is missed too. The aggregate is missed > open > met.
    """
    from primarvard_sdk import calendar

    if doc.forandringar is None:
        return indeterminate("$.forandringar")
    wanted = set(types)
    selected = [(i, f) for i, f in enumerate(doc.forandringar) if f.typ in wanted]
    if not selected:
        return not_applicable(
            f"Inga förändringar av typen {join_ids(wanted)} finns i underlaget.",
            f"No change of type {join_ids(wanted)} is in the document.",
        )
    items: list[dict[str, Any]] = []
    for i, f in sorted(selected, key=lambda p: (p[1].datum, p[0])):
        due = calendar.add_months(f.datum, -months_before)
        outcome = deadline_outcome(due, f.meddelad, as_of)
        wrong_day = effective_day is not None and f.datum.day != effective_day
        items.append(
            {
                "index": i,
                "typ": f.typ,
                "effective": f.datum,
                "due": due,
                "actual": f.meddelad,
                # A change on another day of the month is not kept as the text asks, however
                # early it was announced: a deadline rule answers that as missed.
                "outcome": Outcome.missed if wrong_day else outcome,
                "deadline_outcome": outcome,
                "effective_day_ok": not wrong_day,
            }
        )
    overall = worst(item["outcome"] for item in items)
    # the first failing or open record decides; when all are met, the latest one is shown
    decisive = [item for item in items if item["outcome"] is overall][
        0 if overall is not Outcome.met else -1
    ]
    sv, en = _change_text(decisive, months_before, what_sv, what_en, effective_day)
    if len(items) > 1:
        sv += f" ({len(items)} förändringar; den avgörande visas.)"
        en += f" ({len(items)} changes; the decisive one is shown.)"
    return finding(
        overall,
        sv,
        en,
        due=decisive["due"],
        actual=decisive["actual"],
        changes=[{k: v for k, v in item.items()} for item in items],
    )


def _change_text(
    item: dict[str, Any], months: int, what_sv: str, what_en: str, effective_day: int | None
) -> tuple[str, str]:
    effective: date = item["effective"]
    due: date = item["due"]
    actual: date | None = item["actual"]
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
        sv += f" Förändringen måste förläggas till dag {effective_day} i månaden, inte dag {effective.day}."
        en += f" The change must take effect on day {effective_day} of a month, not day {effective.day}."
    return sv, en
