"""Rules that judge each dated item of one document by its own day (``governing_day: each_item``).

An announced change, a data request, a temporary closure, a competence shortfall or an
employment start is an obligation of its own, arising on its own day. Each is judged under the
rulebook edition in force on that day (:meth:`RuleContext.edition_on`), with that day's parameter
values (``ctx.param(name, on=day)``), never under the edition of the follow-up period or of the
evaluation day. An item dated outside every edition is not judged: it is listed in the result's
``outside_editions``. When every item the rule concerns lies outside every edition, the rule
answers as the core does for a day outside every edition: ``not_applicable`` with
``reason: no_rulebook_in_force`` and the day(s).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Any, TypeVar

import attrs

from primarvard_sdk.context import RuleContext
from primarvard_sdk.editions import no_rulebook_in_force
from primarvard_sdk.findings import not_applicable
from primarvard_sdk.model import Finding

__all__ = ["codes_in_any_edition", "codes_on", "edition_id", "none_in_force", "outside_note"]

E = TypeVar("E", bound=Enum)


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
    """A sentence naming the items not judged because they lie outside every edition."""
    if not outside:
        return "", ""
    days = ", ".join(sorted({o["date"].isoformat() for o in outside}))
    return (
        f" Inte bedömt (ingen upplaga av regelboken gäller dagen): {days}.",
        f" Not judged (no edition of the rulebook is in force on the day): {days}.",
    )


def none_in_force(outside: Sequence[dict[str, Any]], **values: Any) -> Finding:
    """``not_applicable``, reason ``no_rulebook_in_force``, when every item the rule concerns is
    dated outside every edition: the core's answer for that day (and its words), with ``days``
    and the items listed; with several days, the same words name them all."""
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
