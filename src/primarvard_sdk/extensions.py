"""Facts the core does not know: region extensions of a document (``tillagg``).

A plugin declares, per document type, an attrs class of its region's extra facts
(:func:`~primarvard_sdk.hookspecs.primarvard_sdk_extensions`). A document carries them under
``tillagg`` keyed by region code. Parsing (no region known yet) checks only the shape; before a
rule runs, :func:`resolve` structures every entry with its region's class, through the one
converter, so errors name the JSON path (``$.tillagg.gotland.lakemedelsforrad_dygn``) and never
the value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from primarvard_sdk import domain
from primarvard_sdk.convert import mark_input, structure
from primarvard_sdk.domain._fields import Tillagg
from primarvard_sdk.errors import FieldError, InvalidDocument

__all__ = ["declaration_problem", "resolve"]


def declaration_problem(found: Any) -> str | None:
    """What is wrong with a plugin's answer to ``primarvard_sdk_extensions`` (None: nothing);
    a valid answer's classes are marked as document input."""
    if not isinstance(found, Mapping):
        return "returned something other than a mapping of document type → attrs class"
    for name, cls in found.items():
        if name not in domain.DOCUMENT_TYPES:
            return f"declares an extension of {name!r}, not a document type ({', '.join(domain.DOCUMENT_TYPES)})"
        if not (isinstance(cls, type) and attrs.has(cls)):
            return f"the extension of {name} is not an attrs class"
    for cls in found.values():
        mark_input(cls)
    return None


def resolve(document: Any, declared: Callable[[str], type | None], *, path: str = "$") -> Any:
    """``document`` with every ``tillagg`` entry structured by its region's class.

    :param declared: region code → the class that region declares for this document's type,
        or ``None`` (no such region, or it declares none).
    :raises InvalidDocument: naming each entry no region declares and each invalid fact.
    """
    tillagg = getattr(document, "tillagg", None)
    if not tillagg:
        return document
    typed: dict[str, Any] = {}
    errors: list[FieldError] = []
    more = 0
    for region, entry in tillagg.items():
        where = f"{path}.tillagg.{region}"
        cls = declared(region)
        if cls is None:
            errors.append(FieldError(where, f"no installed region declares an extension of {type(document).__name__} "
                                            "under this code"))
        elif isinstance(entry, cls):
            typed[region] = entry
        else:
            try:
                typed[region] = structure(entry, cls, path=where)
            except InvalidDocument as exc:
                errors.extend(exc.errors)
                more += exc.more
    if errors:
        raise InvalidDocument(errors, type_name=type(document).__name__, more=more)
    return attrs.evolve(document, tillagg=Tillagg(typed))
