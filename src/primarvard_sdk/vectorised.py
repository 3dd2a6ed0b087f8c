"""Declaring a rule's vectorised twin (no numpy needed to import this module).

A rule that is pure date arithmetic or an age/listing check can be evaluated over columns as well
as over one document at a time. Its plugin registers a *twin* next to the rule function::

    @rules.implement("r.p.remiss.frist")
    def frist(remiss: Remiss, ctx: RuleContext) -> Finding: ...

    @rules.vectorised(
        "r.p.remiss.frist",
        Column("inkom", "time"), Column("typ", "code"), Column("forsta_kontakt", "time"),
    )
    def frist_columns(cols: Columns, ctx: BatchContext) -> BatchFinding: ...

The twin reads the SAME parameters through ``ctx.param`` (``BatchContext`` is a
:class:`~primarvard_sdk.context.RuleContext`) and builds its answer from the core's vectorised
primitives in :mod:`primarvard_sdk.batch`, which implement the calendar convention's time semantics exactly as
:mod:`primarvard_sdk.calendar` does. The declared columns say which document field each column
holds, so the core can also build the columns from documents
(:func:`primarvard_sdk.batch.columns_from_documents`): that is how the agreement tests compare
every twin with its rule function on random documents.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import attrs

__all__ = ["COLUMN_KINDS", "Column", "ColumnKind", "VectorisedRule"]

#: How a column is held:
#:
#: - ``day``: local calendar days, ``datetime64[D]``; missing is ``NaT``;
#: - ``time``: a date or instant; ``datetime64[D]`` (local days) or any ``datetime64`` finer than
#:   a day holding UTC instants; missing is ``NaT``;
#: - ``code``: an enum value or string, a numpy string or object array; missing is ``""``/``None``;
#: - ``flag``: a boolean; ``bool`` (never missing) or ``int8`` with ``-1`` for missing;
#: - ``number``: ``float64`` with ``NaN`` for missing.
ColumnKind = Literal["day", "time", "code", "flag", "number"]
COLUMN_KINDS: tuple[str, ...] = ("day", "time", "code", "flag", "number")


def _check_kind(_: Any, __: Any, value: str) -> None:
    if value not in COLUMN_KINDS:
        raise ValueError(f"column kind must be one of {', '.join(COLUMN_KINDS)}, got {value!r}")


@attrs.frozen
class Column:
    """One input column of a twin and the document field it holds.

    :param name: the column name the caller supplies.
    :param kind: see :data:`ColumnKind`.
    :param path: the field as a dotted attribute path from the document root
        (``"patient.fodelsedatum"``); defaults to ``name``. Also the JSON path that an
        ``indeterminate`` result names (``$.patient.fodelsedatum``).
    :param get: for a value that is not one field (a birth date from a personnummer, computed
        against the document's own reference day): a function of the document; ``None`` = missing.
    """

    name: str
    kind: ColumnKind = attrs.field(validator=_check_kind)
    path: str | None = None
    get: Callable[[Any], Any] | None = attrs.field(default=None, eq=False)

    @property
    def json_path(self) -> str:
        return "$." + (self.path or self.name)


@attrs.frozen
class VectorisedRule:
    """A rule's twin: the columns it reads and the function over them."""

    rule_id: str
    columns: tuple[Column, ...]
    function: Callable[..., Any] = attrs.field(eq=False)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.rule_id} declares no column {name!r}")
