"""Field helpers shared by the domain types: every field carries its description for the schema."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any, TypeAlias

import attrs

#: A point in time as the sources use it: a bare date (that local calendar day in Europe/Stockholm)
#: or an aware datetime. Naive datetimes are rejected at the edge.
Tidpunkt: TypeAlias = date | datetime

_NO_DEFAULT: Any = attrs.NOTHING


def field(description: str, default: Any = _NO_DEFAULT, **metadata: Any) -> Any:
    """An attrs field whose ``description`` (and any schema hints) feed the JSON Schema.

    Tuple-typed fields default to ``()`` when ``default=()`` is given; other defaults are used
    as given. Schema hints: ``minimum``, ``maximum``, ``pattern``, ``examples``, ``personal``
    (the field holds personal data that must never be echoed).
    """
    meta = {"description": description, **metadata}
    # Personal data never reaches a repr (and so no log line or traceback that prints one).
    shown = not metadata.get("personal", False)
    if default is _NO_DEFAULT:
        return attrs.field(metadata=meta, repr=shown)
    return attrs.field(default=default, metadata=meta, repr=shown)


def optional(description: str, **metadata: Any) -> Any:
    """A field that may be absent (``null``); a rule that needs it answers ``indeterminate``."""
    return field(description, None, **metadata)


#: What every list field's description ends with: absent and empty are different facts.
ABSENT_IS_NOT_EMPTY = " Absent or null: not reported (a rule that needs it is indeterminate); []: reported, none."


def many(description: str, **metadata: Any) -> Any:
    """A list field: absent (``None``) means "not reported", ``[]`` means "reported: none".

    A rule that needs the list and finds ``None`` answers ``indeterminate`` naming the field.
    """
    return field(description + ABSENT_IS_NOT_EMPTY, None, **metadata)


#: A key of ``tillagg``: a region code (``gotland``), as region plugins declare them.
REGION_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class Tillagg(Mapping[str, Any]):
    """A document's region extensions (``"tillagg": {"gotland": {...}}``): region code → the
    facts that region's rulebook needs and no other region has, as the region's plugin declares
    them (:func:`primarvard_sdk.hookspecs.primarvard_sdk_extensions`).

    Read-only. Parsed without a region, each entry is the JSON object as given; the SDK checks
    every entry against its plugin's declaration before a rule runs, and a rule then reads its
    own region's entry typed with :meth:`RuleContext.extension
    <primarvard_sdk.context.RuleContext.extension>`.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        self._items = dict(items or {})

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tillagg) and self._items == other._items

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._items)))

    def __repr__(self) -> str:  # the keys only: the facts may be personal
        return f"Tillagg({', '.join(sorted(self._items))})"


def tillagg() -> Any:
    """The ``tillagg`` field every top-level document type carries."""
    return field(
        "Region extensions: region code → the facts that region's rulebook needs and no other "
        "region has, as its plugin declares them. Absent or null: none reported; {}: reported, none.",
        None,
    )


def local_day(value: Tidpunkt) -> date:
    """The Europe/Stockholm calendar day of a date or an aware datetime."""
    if isinstance(value, datetime):
        from primarvard_sdk.calendar import local_date

        return local_date(value)
    return value
