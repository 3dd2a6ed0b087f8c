"""kalmar.halsoval.uppfoljning.*: weekend-open staffing, data requests, announced changes."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from primarvard_kalmar.halsoval_common import announced_changes, fmt, join_ids, rules
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Fordelning, Fordelningstyp, Uppfoljning
from primarvard_sdk.findings import (
    absent,
    deadline_outcome,
    failed,
    finding,
    indeterminate,
    not_applicable,
    passed,
    worst,
)
from primarvard_sdk.items import edition_id, none_in_force, outside_note
from primarvard_sdk.model import Finding, Outcome

__all__ = ["exact_shares"]


def exact_shares(
    hours: Fraction, weights: Mapping[str, int], total: int | None = None
) -> dict[str, Fraction]:
    """Each key's exact share of ``hours`` in proportion to its weight out of ``total`` (no
    rounding). ``total`` defaults to the sum of the weights, and the shares then add up to
    ``hours`` exactly; a larger ``total`` (the whole area, some of whose units are not among the
    keys) leaves the rest to the units not given. The total must be positive."""
    total = sum(weights.values()) if total is None else total
    if total <= 0:
        raise ValueError("the weights add up to zero")
    return {k: hours * w / total for k, w in weights.items()}


def _hours(value: Fraction) -> str:
    """Hours for display: two decimals (the comparison itself is exact)."""
    return fmt(round(float(value), 2))


@rules.implement("kalmar.halsoval.uppfoljning.helgoppen_bemanning")
def helgoppen_bemanning(doc: Fordelning, ctx: RuleContext) -> Finding:
    applies_to = [Fordelningstyp(a) for a in ctx.param("applies_to")]
    if doc.avser not in applies_to:
        names = ", ".join(a.value for a in applies_to)
        return not_applicable(
            f"Fördelningen avser {doc.avser.value}; regeln gäller {names}.",
            f"The allocation is for {doc.avser.value}; the rule concerns {names}.",
            reason="other_allocation",
        )
    if missing := absent(doc, "timmar", "enheter"):
        return indeterminate(*missing)
    assert doc.timmar is not None and doc.enheter is not None
    ids = [a.enhet_id for a in doc.enheter]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        return indeterminate(
            "$.enheter",
            sv=f"Enheter förekommer mer än en gång: {join_ids(duplicates)}.",
            en=f"Units appear more than once: {join_ids(duplicates)}.",
        )
    given = sum(a.underlag for a in doc.enheter)
    # "andel av områdets totala listade patienter": the area's total, when reported
    # (underlag_omrade), is the denominator even if not every unit of the area is listed in
    # enheter; without it the units given are read as all the units of the area.
    area = doc.underlag_omrade
    if area is not None and area < given:
        return indeterminate(
            "$.underlag_omrade",
            sv=f"Kan inte avgöras: områdets totala listade patienter ($.underlag_omrade, {area}) är färre än "
            f"summan för de angivna enheterna ({given}); uppgiften kan inte stämma.",
            en=f"Cannot be decided: the area's total listed patients ($.underlag_omrade, {area}) are fewer than "
            f"the sum over the units given ({given}); the record cannot be right.",
            inconsistent=["$.underlag_omrade"],
        )
    listed = given if area is None else area
    if listed == 0:
        return indeterminate(
            *([f"$.enheter[{i}].underlag" for i in range(len(doc.enheter))] or ["$.enheter"]),
            sv="Områdets listade patienter är 0; andelarna kan inte beräknas.",
            en="The area's listed patients add up to 0; the shares cannot be computed.",
        )
    hours = Fraction(str(doc.timmar))
    shares = exact_shares(hours, {a.enhet_id: a.underlag for a in doc.enheter}, listed)
    declared = {
        a.enhet_id: Fraction(str(a.deklarerade_timmar))
        for a in doc.enheter
        if a.deklarerade_timmar is not None
    }
    short = {k: shares[k] - v for k, v in declared.items() if v < shares[k]}
    # a unit with no listed patients has a share of 0 h, which any declared hours meet
    undeclared = [
        f"$.enheter[{i}].deklarerade_timmar"
        for i, a in enumerate(doc.enheter)
        if a.deklarerade_timmar is None and shares[a.enhet_id] > 0
    ]
    values: dict[str, Any] = {
        "allocation": {k: round(float(shares[k]), 4) for k in sorted(shares)},
        "allocation_exact": {k: str(shares[k]) for k in sorted(shares)},
        "total": float(hours),
        "listed_total": listed,
        "declared": {k: float(declared[k]) for k in sorted(declared)},
        "shortfall": {k: round(float(short[k]), 4) for k in sorted(short)},
    }
    text = "; ".join(f"{k} {_hours(shares[k])} h" for k in sorted(shares))
    base_sv = (
        f"{fmt(float(hours))} timmar fördelade efter andel av områdets {listed} listade: {text} "
        "(exakta andelar; visade med två decimaler, jämförda exakt)."
    )
    base_en = (
        f"{fmt(float(hours))} hours split by share of the area's {listed} listed patients: {text} "
        "(exact shares; shown to two decimals, compared exactly)."
    )
    if short:
        gaps = "; ".join(f"{k} {_hours(short[k])} h" for k in sorted(short))
        return failed(
            f"{base_sv} Deklarerade timmar understiger andelen för: {gaps}.",
            f"{base_en} Declared hours fall short of the share for: {gaps}.",
            **values,
        )
    if undeclared:
        return indeterminate(
            *undeclared,
            sv=f"{base_sv} Deklarerade timmar saknas ({', '.join(undeclared)}).",
            en=f"{base_en} Declared hours are missing ({', '.join(undeclared)}).",
            **values,
        )
    return passed(
        f"{base_sv} Varje enhet bemannar minst sin andel.",
        f"{base_en} Every unit staffs at least its share.",
        **values,
    )


@rules.implement("kalmar.halsoval.uppfoljning.uppgifter_14_dagar")
def uppgifter_14_dagar(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.begaranden is None:
        return indeterminate("$.begaranden")
    if not doc.begaranden:
        return not_applicable(
            "Inga begäranden om uppgifter finns i underlaget.",
            "No data request is in the document.",
            reason="no_request",
            outside_editions=[],
        )
    items: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    reversed_items: list[str] = []
    for i, b in sorted(enumerate(doc.begaranden), key=lambda p: (p[1].begard, p[0])):
        # Each request is judged by the edition in force on the day it was made.
        edition = edition_id(ctx, b.begard)
        if edition is None:
            outside.append({"index": i, "avser": b.avser, "date": b.begard})
            continue
        days = int(ctx.param("calendar_days", on=b.begard))
        due = calendar.add_calendar_days(b.begard, days)
        if b.levererad is not None and b.levererad < b.begard:
            # Delivered before it was requested cannot be right: not a delivery in time.
            reversed_items.append(f"$.begaranden[{i}].levererad")
            continue
        items.append(
            {
                "index": i,
                "avser": b.avser,
                "requested": b.begard,
                "edition": edition,
                "calendar_days": days,
                "due": due,
                "actual": b.levererad,
                "outcome": deadline_outcome(due, b.levererad, ctx.as_of),
            }
        )
    if reversed_items and not any(item["outcome"] is Outcome.missed for item in items):
        # a request missed anyway decides; otherwise the record that cannot be right leaves it open
        return indeterminate(
            *reversed_items,
            sv=f"Kan inte avgöras: leveransen ligger före begäran ({', '.join(reversed_items)}); uppgiften kan "
            "inte stämma.",
            en=f"Cannot be decided: the delivery is before the request ({', '.join(reversed_items)}); the record "
            "cannot be right.",
            inconsistent=reversed_items, requests=items, outside_editions=outside,
        )
    if not items:
        return none_in_force(outside)
    overall = worst(item["outcome"] for item in items)
    # the first failing or open record decides; when all are met, the latest one is shown
    decisive = [item for item in items if item["outcome"] is overall][
        0 if overall is not Outcome.met else -1
    ]
    counts = {
        o.value: sum(1 for item in items if item["outcome"] is o)
        for o in {item["outcome"] for item in items}
    }
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    delivered_sv = (
        f"levererad {decisive['actual'].isoformat()}" if decisive["actual"] else "inte levererad"
    )
    delivered_en = (
        f"delivered {decisive['actual'].isoformat()}" if decisive["actual"] else "not delivered"
    )
    days = decisive["calendar_days"]
    out_sv, out_en = outside_note(outside)
    return finding(
        overall,
        f"Begärda uppgifter ska lämnas inom {days} kalenderdagar. Avgörande begäran {decisive['requested'].isoformat()}: "
        f"senast {decisive['due'].isoformat()}, {delivered_sv}. ({len(items)} begäranden; {summary}.){out_sv}",
        f"Requested data is due within {days} calendar days. Decisive request {decisive['requested'].isoformat()}: "
        f"due {decisive['due'].isoformat()}, {delivered_en}. ({len(items)} requests; {summary}.){out_en}",
        due=decisive["due"],
        actual=decisive["actual"],
        requests=items,
        outside_editions=outside,
    )


@rules.implement("kalmar.halsoval.uppfoljning.forandring_psykisk_halsa")
def forandring_psykisk_halsa(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    return announced_changes(
        doc,
        ctx,
        "Förändring gällande enheten i psykisk hälsa",
        "A change concerning the psykisk hälsa unit",
        with_effective_day=True,
    )


@rules.implement("kalmar.halsoval.uppfoljning.byte_verksamhetschef")
def byte_verksamhetschef(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    return announced_changes(
        doc,
        ctx,
        "Byte av verksamhetschef/MAL eller kontaktuppgifter",
        "A change of head of operations/MAL or contact details",
    )


@rules.implement("kalmar.halsoval.uppfoljning.lokalbyte")
def lokalbyte(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    return announced_changes(
        doc,
        ctx,
        "Lokalbyte (godkännande av regionen)",
        "A change of premises (the region's approval)",
    )
