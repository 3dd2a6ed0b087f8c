"""The shared :class:`Implementations` of vasterbotten.halsoval and small helpers of its modules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from primarvard_sdk.findings import worst
from primarvard_sdk.model import Explanation, Finding
from primarvard_sdk.plugin import Implementations

__all__ = ["combine_deadlines", "fold", "iso", "rules"]

rules = Implementations("vasterbotten.halsoval")


def iso(day: date) -> str:
    return day.isoformat()


def fold(text: str) -> str:
    """Case- and space-insensitive form of a code or name, for comparing declared lists."""
    return " ".join(text.casefold().replace("_", " ").split())


def joined(items: Iterable[Any]) -> str:
    return ", ".join(str(i) for i in items)


def combine_deadlines(parts: Sequence[Finding], sv: str, en: str, **values: Any) -> Finding:
    """One finding for several deadlines: the worst outcome wins (:func:`findings.worst`).

    ``due`` and ``actual`` are those of the first part with the worst outcome (parts in a stable
    order chosen by the caller); every part is listed under ``parts``.
    """
    outcome = worst(p.outcome for p in parts)
    first = next(p for p in parts if p.outcome is outcome)
    sv_all = " ".join([sv, *(p.explanation.sv for p in parts)])
    en_all = " ".join([en, *(p.explanation.en for p in parts)])
    return Finding(
        outcome=outcome,
        explanation=Explanation(sv=sv_all, en=en_all),
        values={
            "due": first.values.get("due"),
            "actual": first.values.get("actual"),
            **values,
            "parts": [dict(p.values, outcome=p.outcome.value) for p in parts],
        },
    )
