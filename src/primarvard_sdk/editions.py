"""Which rulebook edition governs a case: the day the obligation arose, read from the document.

A rule's data names its ``governing_day``: a dotted path to a date or datetime field of its
document (a referral's ``inkom``, a listing's ``datum``, a contact's ``sokte``), or ``as_of`` for
a unit's standing requirements. That day picks the edition and every parameter value; the
evaluation day only decides whether an unmet deadline is open or missed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from primarvard_sdk.domain import local_day
from primarvard_sdk.findings import absent, indeterminate, not_applicable
from primarvard_sdk.model import AS_OF, EACH_ITEM, Finding, Rule

__all__ = ["governing", "no_rulebook_in_force"]


def governing(rule: Rule, document: Any, as_of: date) -> tuple[date | None, Finding | None]:
    """The governing day of ``rule`` for ``document``, or ``None`` and the finding that says why
    it cannot be known (``indeterminate`` naming the missing field)."""
    if rule.governing_day in (AS_OF, EACH_ITEM):
        return as_of, None
    missing = absent(document, rule.governing_day)
    if missing:
        return None, indeterminate(
            *missing,
            sv=f"Kan inte avgöras: uppgift saknas ({missing[0]}); den dagen avgör vilken upplaga av regelboken som gäller.",
            en=f"Cannot be decided: input missing ({missing[0]}); that day decides which rulebook edition governs.",
        )
    value: Any = document
    for name in rule.governing_day.split("."):
        value = getattr(value, name)
    return local_day(value), None


def no_rulebook_in_force(day: date) -> Finding:
    """The one answer every rule of a programme gives for a day outside all its editions."""
    shown = day.isoformat()
    return not_applicable(
        f"Ingen upplaga av regelboken gäller {shown}; regeln tillämpas inte.",
        f"No edition of the rulebook is in force on {shown}; the rule does not apply.",
        reason="no_rulebook_in_force",
        day=day,
    )
