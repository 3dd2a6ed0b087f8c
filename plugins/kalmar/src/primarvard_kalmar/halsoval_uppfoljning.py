"""kalmar.halsoval.uppfoljning.*: weekend-open staffing, data requests, announced changes."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from primarvard_kalmar.halsoval_common import announced_changes, fmt, join_ids, rules
from primarvard_sdk import calendar
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Fordelning, Uppfoljning
from primarvard_sdk.findings import (
    deadline_outcome,
    failed,
    finding,
    indeterminate,
    not_applicable,
    passed,
    worst,
)
from primarvard_sdk.model import Finding, Outcome

__all__ = ["largest_remainder"]


def largest_remainder(units: int, weights: Mapping[str, int]) -> dict[str, int]:
    """Split ``units`` whole units in proportion to ``weights`` so that the parts add up to ``units``.

    Each key first gets the whole part of its exact quota; the units left over go one each to the
    largest remainders, ties broken by key (ascending). Weights must not all be zero.
    """
    total = sum(weights.values())
    if total <= 0:
        raise ValueError("the weights add up to zero")
    quotas = {k: Fraction(units * w, total) for k, w in weights.items()}
    parts = {k: int(q) for k, q in quotas.items()}  # int() floors a non-negative Fraction
    left = units - sum(parts.values())
    for key in sorted(quotas, key=lambda k: (-(quotas[k] - parts[k]), k))[:left]:
        parts[key] += 1
    return parts


@rules.implement("kalmar.halsoval.uppfoljning.helgoppen_bemanning")
def helgoppen_bemanning(doc: Fordelning, ctx: RuleContext) -> Finding:
    applies_to = [str(a) for a in ctx.param("applies_to")]
    unit = Fraction(str(ctx.param("rounding_unit_hours")))
    if doc.avser not in applies_to:
        return not_applicable(
            f"Fördelningen avser {doc.avser}; regeln gäller {', '.join(applies_to)}.",
            f"The allocation is for {doc.avser}; the rule concerns {', '.join(applies_to)}.",
        )
    missing = [
        p for p, v in (("$.timmar", doc.timmar), ("$.enheter", doc.enheter or None)) if v is None
    ]
    if missing:
        return indeterminate(*missing)
    assert doc.timmar is not None
    ids = [a.enhet_id for a in doc.enheter]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        return indeterminate(
            "$.enheter",
            sv=f"Enheter förekommer mer än en gång: {join_ids(duplicates)}.",
            en=f"Units appear more than once: {join_ids(duplicates)}.",
        )
    listed = sum(a.underlag for a in doc.enheter)
    if listed == 0:
        return indeterminate(
            *(f"$.enheter[{i}].underlag" for i in range(len(doc.enheter))),
            sv="Områdets listade patienter är 0; andelarna kan inte beräknas.",
            en="The area's listed patients add up to 0; the shares cannot be computed.",
        )
    hours = Fraction(str(doc.timmar))
    units = hours / unit
    if units.denominator != 1:
        return indeterminate(
            "$.timmar",
            sv=f"Timmarna ({fmt(doc.timmar)}) är inte en multipel av avrundningsenheten {fmt(float(unit))} timme.",
            en=f"The hours ({fmt(doc.timmar)}) are not a multiple of the rounding unit of {fmt(float(unit))} hour.",
        )
    parts = largest_remainder(int(units), {a.enhet_id: a.underlag for a in doc.enheter})
    allocation = {k: float(parts[k] * unit) for k in sorted(parts)}
    short = {
        a.enhet_id: float(parts[a.enhet_id] * unit - Fraction(str(a.deklarerade_timmar)))
        for a in doc.enheter
        if a.deklarerade_timmar is not None
        and Fraction(str(a.deklarerade_timmar)) < parts[a.enhet_id] * unit
    }
    declared = {
        a.enhet_id: a.deklarerade_timmar
        for a in sorted(doc.enheter, key=lambda a: a.enhet_id)
        if a.deklarerade_timmar is not None
    }
    values: dict[str, Any] = {
        "allocation": allocation,
        "total": float(hours),
        "listed_total": listed,
        "rounding_unit_hours": float(unit),
        "declared": declared,
        "shortfall": dict(sorted(short.items())),
    }
    shares = "; ".join(f"{k} {fmt(v)} h" for k, v in allocation.items())
    base_sv = (
        f"{fmt(float(hours))} timmar fördelade efter andel av {listed} listade (hela {fmt(float(unit))} timmar, "
        f"största rest, lika rest efter enhets-id): {shares}."
    )
    base_en = (
        f"{fmt(float(hours))} hours split by share of {listed} listed patients (whole {fmt(float(unit))}-hour units, "
        f"largest remainder, ties by unit id): {shares}."
    )
    if short:
        gaps = "; ".join(f"{k} {fmt(v)} h" for k, v in sorted(short.items()))
        return failed(
            f"{base_sv} Deklarerade timmar understiger andelen för: {gaps}.",
            f"{base_en} Declared hours fall short of the share for: {gaps}.",
            **values,
        )
    return passed(base_sv, base_en, **values)


@rules.implement("kalmar.halsoval.uppfoljning.uppgifter_14_dagar")
def uppgifter_14_dagar(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    if doc.begaranden is None:
        return indeterminate("$.begaranden")
    if not doc.begaranden:
        return not_applicable(
            "Inga begäranden om uppgifter finns i underlaget.",
            "No data request is in the document.",
        )
    days = int(ctx.param("calendar_days"))
    items: list[dict[str, Any]] = []
    for i, b in sorted(enumerate(doc.begaranden), key=lambda p: (p[1].begard, p[0])):
        due = calendar.add_calendar_days(b.begard, days)
        items.append(
            {
                "index": i,
                "avser": b.avser,
                "requested": b.begard,
                "due": due,
                "actual": b.levererad,
                "outcome": deadline_outcome(due, b.levererad, ctx.as_of),
            }
        )
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
    return finding(
        overall,
        f"Begärda uppgifter ska lämnas inom {days} kalenderdagar. Avgörande begäran {decisive['requested'].isoformat()}: "
        f"senast {decisive['due'].isoformat()}, {delivered_sv}. ({len(items)} begäranden; {summary}.)",
        f"Requested data is due within {days} calendar days. Decisive request {decisive['requested'].isoformat()}: "
        f"due {decisive['due'].isoformat()}, {delivered_en}. ({len(items)} requests; {summary}.)",
        due=decisive["due"],
        actual=decisive["actual"],
        requests=items,
    )


@rules.implement("kalmar.halsoval.uppfoljning.forandring_psykisk_halsa")
def forandring_psykisk_halsa(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    return announced_changes(
        doc,
        [str(t) for t in ctx.param("change_types")],
        int(ctx.param("months_before")),
        ctx.as_of,
        "Förändring gällande enheten i psykisk hälsa",
        "A change concerning the psykisk hälsa unit",
        effective_day=int(ctx.param("effective_day_of_month")),
    )


@rules.implement("kalmar.halsoval.uppfoljning.byte_verksamhetschef")
def byte_verksamhetschef(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    return announced_changes(
        doc,
        [str(t) for t in ctx.param("change_types")],
        int(ctx.param("months_before")),
        ctx.as_of,
        "Byte av verksamhetschef/MAL eller kontaktuppgifter",
        "A change of head of operations/MAL or contact details",
    )


@rules.implement("kalmar.halsoval.uppfoljning.lokalbyte")
def lokalbyte(doc: Uppfoljning, ctx: RuleContext) -> Finding:
    return announced_changes(
        doc,
        [str(t) for t in ctx.param("change_types")],
        int(ctx.param("months_before")),
        ctx.as_of,
        "Lokalbyte (godkännande av regionen)",
        "A change of premises (the region's approval)",
    )
