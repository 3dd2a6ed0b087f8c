"""The public functions, over a default :class:`~primarvard_sdk.host.Sdk` created on first use.

Embedders who want their own set of plugins (or none from entry points) create an ``Sdk``
themselves; these functions are the same methods on the default one.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

from primarvard_sdk.host import Sdk
from primarvard_sdk.model import Annex, AnnexReference, Region, Result, Rule

__all__ = [
    "annex",
    "annexes",
    "default_sdk",
    "evaluate",
    "evaluate_json",
    "regions",
    "rule",
    "rules",
]

_default: Sdk | None = None
_lock = threading.Lock()


def default_sdk() -> Sdk:
    """The SDK over the installed plugins (entry points), created on first use."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Sdk()
    return _default


def regions() -> tuple[Region, ...]:
    """Every installed region with its programmes."""
    return default_sdk().regions()


def rules(region: str | None = None, programme: str | None = None) -> tuple[Rule, ...]:
    """The rules of a programme, a region, or all installed regions."""
    return default_sdk().rules(region, programme)


def rule(rule_id: str) -> Rule:
    """One rule by id, e.g. ``"kalmar.psykisk_halsa.remiss.forsta_kontakt"``."""
    return default_sdk().rule(rule_id)


def evaluate(
    document: Any, *, region: str, programme: str, as_of: date, rule: str | None = None
) -> tuple[Result, ...]:
    """Evaluate one rule, or every rule of the programme that applies to ``document``, as of a day."""
    return default_sdk().evaluate(document, region=region, programme=programme, as_of=as_of, rule=rule)


def evaluate_json(
    data: str | bytes | dict[str, Any],
    *,
    region: str | None = None,
    programme: str | None = None,
    as_of: date | None = None,
) -> list[dict[str, Any]]:
    """JSON in, JSON out: an evaluation request (text or parsed) → results as JSON-ready dicts.

    :raises InvalidDocument: with every invalid field by JSON path.
    """
    from primarvard_sdk.convert import loads, unstructure
    from primarvard_sdk.documents import parse_request

    parsed = loads(data) if isinstance(data, str | bytes) else data
    request = parse_request(parsed)
    results: Sequence[Result] = default_sdk().evaluate_request(
        request, region=region, programme=programme, as_of=as_of
    )
    return [unstructure(r) for r in results]


def annexes(region: str, programme: str) -> tuple[Annex, ...]:
    """The annex mapping of a programme."""
    return default_sdk().annexes(region, programme)


def annex(region: str, programme: str, topic: str) -> AnnexReference:
    """Which annex (or section) covers a topic in a programme."""
    return default_sdk().annex(region, programme, topic)
