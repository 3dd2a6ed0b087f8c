"""Helpers for rules that judge dated items, or calendar years and months, one by one.

A rule whose data says ``governing_day: each_item`` is not given one edition by the core: an
announced change, a data request, a deviation, a meeting or a calendar year of a follow-up period
is an obligation of its own, arising on its own day. Each is judged under the rulebook edition in
force on that day (:meth:`RuleContext.edition_on`), with that day's parameter values
(``ctx.param(name, on=day)``), never under the edition of the follow-up period or of the
evaluation day. An item dated outside every edition is not judged: it is listed in the result's
``outside_editions``. When every item the rule concerns lies outside every edition, the rule
answers as the core does for a day outside every edition: ``not_applicable`` with
``reason: no_rulebook_in_force`` and the day(s) (:func:`none_in_force`).

The helpers:

* :func:`each_item` judges every item of a list by its own day and folds the findings into one
  (with ``upcoming=True``, an item dated after the evaluation day is listed, not judged);
* :func:`calendar_spans` judges each calendar year or month of a period by what was delivered in it;
* :func:`without_limit` answers a duty with no number of days ("snarast", "skyndsamt"): met or open;
* :func:`item_flags` answers an item whose declared flags must all hold;
* :func:`any_true` folds facts of which one must hold (true, false, or the paths not reported);
* :func:`item_conditions` answers an item that the duty does not concern (a condition of it unmet);
* :func:`edition_id`, :func:`codes_on`, :func:`codes_in_any_edition`, :func:`outside_note`,
  :func:`upcoming_note` and :func:`none_in_force` are the small pieces the others (and rules
  written by hand) share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from enum import Enum
from typing import Any, Literal, TypeVar

import attrs

from primarvard_sdk.calendar import add_months
from primarvard_sdk.context import RuleContext
from primarvard_sdk.editions import no_rulebook_in_force
from primarvard_sdk.findings import (
    failed,
    finding,
    inconsistent,
    indeterminate,
    not_applicable,
    passed,
    worst,
)
from primarvard_sdk.model import Explanation, Finding, Outcome

__all__ = [
    "any_true",
    "calendar_spans",
    "codes_in_any_edition",
    "codes_on",
    "each_item",
    "edition_id",
    "item_conditions",
    "item_flags",
    "none_in_force",
    "outside_note",
    "upcoming_note",
    "without_limit",
]

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


def edition_id(ctx: RuleContext, day: date) -> str | None:
    """The id of the edition in force on ``day`` (``None``: outside every edition)."""
    edition = ctx.edition_on(day)
    return edition.id if edition is not None else None


def codes_on(ctx: RuleContext, name: str, enum: type[E], day: date) -> frozenset[E]:
    """The codes a parameter lists on ``day``, as members of the code list ``enum`` (an invalid
    code in the rule data raises)."""
    return frozenset(enum(c) for c in ctx.param(name, on=day))


def codes_in_any_edition(ctx: RuleContext, name: str, enum: type[E]) -> frozenset[E]:
    """Every code the parameter lists in any of its dated values: what the rule concerns in some
    edition, for listing items that lie outside every edition."""
    return frozenset(enum(c) for v in ctx.rule.parameter(name).values for c in v.value)


def outside_note(outside: Sequence[dict[str, Any]]) -> tuple[str, str]:
    """A sentence (Swedish, English) naming the days of the items not judged because they lie
    outside every edition; two empty strings when there are none. Each item has a ``date``."""
    if not outside:
        return "", ""
    days = ", ".join(sorted({o["date"].isoformat() for o in outside}))
    return (
        f" Inte bedömt (ingen upplaga av regelboken gäller dagen): {days}.",
        f" Not judged (no edition of the rulebook is in force on the day): {days}.",
    )


def upcoming_note(upcoming: Sequence[dict[str, Any]]) -> tuple[str, str]:
    """A sentence (Swedish, English) naming the days of the items not judged because they lie
    after the evaluation day (an event that has not happened yet); two empty strings when there
    are none. Each item has a ``date``."""
    if not upcoming:
        return "", ""
    days = ", ".join(sorted({o["date"].isoformat() for o in upcoming}))
    return (
        f" Kommande, inte bedömt ännu (dagen ligger efter bedömningsdagen): {days}.",
        f" Upcoming, not judged yet (the day is after the evaluation day): {days}.",
    )


def none_in_force(outside: Sequence[dict[str, Any]], **values: Any) -> Finding:
    """``not_applicable``, reason ``no_rulebook_in_force``, when every item the rule concerns is
    dated outside every edition: the core's answer for that day (and its words), with ``days``
    and the items listed under ``outside_editions``; with several days, the same words name them
    all. Each item has a ``date``."""
    days = sorted({o["date"] for o in outside})
    items = list(outside)
    if len(days) == 1:
        found = no_rulebook_in_force(days[0])
        return attrs.evolve(found, values={**found.values, **values, "days": days, "outside_editions": items})
    shown = ", ".join(d.isoformat() for d in days)
    return not_applicable(
        f"Ingen upplaga av regelboken gäller {shown}; regeln tillämpas inte.",
        f"No edition of the rulebook is in force on {shown}; the rule does not apply.",
        reason="no_rulebook_in_force",
        days=days,
        outside_editions=items,
        **values,
    )


def _day_of(item: Any, dotted: str) -> tuple[date | None, str]:
    """The value of the dotted attribute ``dotted`` of ``item`` and the part of the path reached
    (up to the first ``None`` on the way)."""
    value: Any = item
    reached: list[str] = []
    for name in dotted.split("."):
        reached.append(name)
        value = getattr(value, name)
        if value is None:
            break
    return value, ".".join(reached)


def each_item(
    ctx: RuleContext,
    items: Sequence[T] | None,
    path: str,
    day: str,
    judge: Callable[[int, T], Finding],
    *,
    none_sv: str,
    none_en: str,
    indexes: Sequence[int] | None = None,
    upcoming: bool = False,
) -> Finding:
    """Judge every item of the list at ``path`` (a document path without ``$.``) by its own day.

    ``day`` names the item's attribute that holds the day, dotted for a nested one
    (``"avser.fran"``). ``judge(i, item)`` gives the finding for the item at place ``i``; it
    reads parameters with ``ctx.param(name, on=<the item's day>)``.

    * The list not reported (``None``): ``indeterminate`` naming ``$.<path>``.
    * An empty list: ``not_applicable`` (reason ``none_reported``) with ``none_sv``/``none_en``.
    * An item without its day: ``indeterminate`` naming ``$.<path>[i].<day>`` (or the part of a
      dotted day that is absent).
    * An item dated outside every edition is listed under ``outside_editions``, not judged; all
      of them outside: :func:`none_in_force`.
    * Otherwise the worst outcome wins and the first item with it explains; the values are that
      item's, plus ``items`` (every judged item's day, outcome and values) and
      ``outside_editions``; when the answer is ``indeterminate`` the missing paths of every
      undecided item are named.

    ``indexes``: the items' places in the document's list when ``items`` is a selection of it.

    ``upcoming=True``: the item's day is the day of an event (a meeting, a start, a submission, a
    change) and an item dated after ``as_of`` has not happened yet on the evaluation day: it is
    listed under ``upcoming`` (``{"index", "date"}``), not judged, whatever edition its day falls
    in; when nothing else is judged, ``not_applicable`` with ``reason: upcoming``. The values then
    always hold ``upcoming`` (``[]`` when there is none).
    """
    extra: dict[str, Any] = {"upcoming": []} if upcoming else {}
    if items is None:
        return indeterminate(f"$.{path}")
    if not items:
        return not_applicable(none_sv, none_en, reason="none_reported", outside_editions=[], **extra)
    judged: list[tuple[int, date | None, Finding]] = []
    outside: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    for k, item in enumerate(items):
        i = indexes[k] if indexes is not None else k
        when, reached = _day_of(item, day)
        if when is None:
            judged.append((i, None, indeterminate(f"$.{path}[{i}].{reached}")))
            continue
        if upcoming and when > ctx.as_of:
            later.append({"index": i, "date": when})
            continue
        if ctx.edition_on(when) is None:
            outside.append({"index": i, "date": when})
            continue
        judged.append((i, when, judge(i, item)))
    if upcoming:
        extra["upcoming"] = later
    up_sv, up_en = upcoming_note(later)
    if not judged and later:
        out_sv, out_en = outside_note(outside)
        return not_applicable(
            f"Inget bedöms ännu: det regeln gäller har ännu inte skett på bedömningsdagen "
            f"{ctx.as_of.isoformat()}.{up_sv}{out_sv}",
            f"Nothing is judged yet: what the rule concerns has not happened by the evaluation day "
            f"{ctx.as_of.isoformat()}.{up_en}{out_en}",
            reason="upcoming",
            outside_editions=outside,
            **extra,
        )
    if not judged:
        return none_in_force(outside, **extra)
    overall = worst(f.outcome for _, _, f in judged)
    i, when, first = next(p for p in judged if p[2].outcome is overall)
    counts = Counter(f.outcome.value for _, _, f in judged)
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    out_sv, out_en = outside_note(outside)
    shown = f" ({path}[{i}]{', ' + when.isoformat() if when else ''})"
    missing = tuple(dict.fromkeys(m for _, _, f in judged for m in f.missing))
    values: dict[str, Any] = dict(first.values)  # the deciding item's values, then every item's
    values["items"] = [{"index": j, "date": d, "outcome": f.outcome.value, **f.values} for j, d, f in judged]
    values["outside_editions"] = outside
    values.update(extra)
    return Finding(
        outcome=overall,
        explanation=Explanation(
            sv=f"{first.explanation.sv}{shown} ({len(judged)} st; {summary}.){out_sv}{up_sv}",
            en=f"{first.explanation.en}{shown} ({len(judged)} items; {summary}.){out_en}{up_en}",
        ),
        values=values,
        missing=missing if overall is Outcome.indeterminate else (),
    )


def calendar_spans(
    ctx: RuleContext,
    start: date,
    end: date,
    delivered: Iterable[date | None],
    *,
    by: Literal["year", "month"],
    parameter: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Judge each calendar year (``by="year"``) or month (``by="month"``) from ``start`` to
    ``end`` by what was delivered in it: a duty "once a year" or "once a month" read as at least
    the parameter's count delivered in every calendar year or month.

    ``delivered`` holds the days things were delivered (``None``: not delivered, not counted);
    only days on or before ``as_of`` count, each in the year or month it falls in. The first day
    of a span within the period (``max(start, first day of the span)``) picks the edition and the
    parameter's value. For each span in force the row is ``{"year": 2025}`` or ``{"month":
    "2025-01"}`` with ``required``, ``declared`` (the count) and ``outcome``: ``pass`` when
    enough; ``fail`` when not and the span ended before ``as_of``; ``warning`` (still open) when
    not and ``as_of`` falls in it. A span outside every edition is not judged: it is returned in
    the second list as ``{"year"|"month": …, "date": <its first day in the period>}``, the form
    :func:`outside_note` and :func:`none_in_force` read.
    """
    counts = Counter(
        (d.year, d.month if by == "month" else 0) for d in delivered if d is not None and d <= ctx.as_of
    )
    rows: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    first = date(start.year, start.month if by == "month" else 1, 1)
    while first <= end:
        following = add_months(first, 1 if by == "month" else 12)
        last = following - timedelta(days=1)
        label: Any = first.strftime("%Y-%m") if by == "month" else first.year
        day = max(start, first)
        if ctx.edition_on(day) is None:
            outside.append({by: label, "date": day})
        else:
            required = int(ctx.param(parameter, on=day))
            n = counts[(first.year, first.month if by == "month" else 0)]
            outcome = Outcome.passed if n >= required else Outcome.fail if last < ctx.as_of else Outcome.warning
            rows.append({by: label, "required": required, "declared": n, "outcome": outcome.value})
        first = following
    return rows, outside


def without_limit(begard: date, levererad: date | None, as_of: date, sv: str, en: str, path: str) -> Finding:
    """A delivery the text asks for with no number of days ("snarast", "skyndsamt", "utan
    dröjsmål"): ``met`` when delivered by ``as_of`` (with the days it took), else ``open`` with the
    days elapsed since the request; never missed, and no due date is computed. A delivery before the
    request is ``inconsistent`` (``path`` is the item's JSON path, its ``levererad`` and
    ``begard`` are named)."""
    if levererad is not None and levererad > as_of:  # recorded ahead: not delivered on the day judged
        days = (as_of - begard).days
        return finding(
            Outcome.open, f"{sv} Leverans angiven till {levererad.isoformat()}, efter utvärderingsdagen; "
            f"{days} dagar sedan begäran.",
            f"{en} Delivery given as {levererad.isoformat()}, after the evaluation day; {days} days since the request.",
            due=None, actual=levererad, days_elapsed=days,
        )
    if levererad is not None:
        if levererad < begard:
            return inconsistent(f"{path}.levererad", f"{path}.begard")
        days = (levererad - begard).days
        return finding(
            Outcome.met, f"{sv} Levererat {levererad.isoformat()}, {days} dagar efter begäran.",
            f"{en} Delivered {levererad.isoformat()}, {days} days after the request.",
            due=None, actual=levererad, days_elapsed=days,
        )
    days = (as_of - begard).days
    return finding(
        Outcome.open, f"{sv} Inte levererat; {days} dagar sedan begäran (ingen frist i dagar anges).",
        f"{en} Not delivered; {days} days since the request (no number of days is stated).",
        due=None, actual=None, days_elapsed=days,
    )


def item_flags(i: int, path: str, item: Any, facts: Sequence[tuple[str, str, str]], sv: str, en: str) -> Finding:
    """An item whose declared flags must all hold: ``facts`` are ``(attribute, Swedish, English)``.

    Any flag ``False``: ``fail`` naming every false one; else any absent (``None``):
    ``indeterminate`` naming ``$.<path>[i].<attribute>`` for each; else ``pass`` with ``sv``/``en``.
    """
    unmet = [(s, e) for name, s, e in facts if getattr(item, name) is False]
    if unmet:
        return failed(
            "Uppfylls inte: " + "; ".join(s for s, _ in unmet) + ".", "Not met: " + "; ".join(e for _, e in unmet) + "."
        )
    unknown = [f"$.{path}[{i}].{name}" for name, _, _ in facts if getattr(item, name) is None]
    if unknown:
        return indeterminate(*unknown)
    return passed(sv, en)


def item_conditions(i: int, path: str, item: Any, conditions: Sequence[tuple[str, str, str]]) -> Finding | None:
    """The conditions that make an item one the duty concerns, in order: ``conditions`` are
    ``(attribute, Swedish, English)``, the texts saying why the item is not concerned.

    The first condition absent (``None``): ``indeterminate`` naming ``$.<path>[i].<attribute>``; the
    first ``False``: ``not_applicable`` with its texts and ``reason: not_<attribute>``; every one
    holding: ``None`` (the rule goes on to judge the item).
    """
    for name, sv, en in conditions:
        held = getattr(item, name)
        if held is None:
            return indeterminate(f"$.{path}[{i}].{name}")
        if not held:
            return not_applicable(sv, en, reason=f"not_{name}")
    return None


def any_true(states: Mapping[str, bool | None]) -> bool | list[str]:
    """``states`` maps a JSON path to its fact: true when one holds, false when all are reported
    false, else the paths not reported."""
    if any(v is True for v in states.values()):
        return True
    unknown = [p for p, v in states.items() if v is None]
    return unknown or False
