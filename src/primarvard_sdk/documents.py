"""Reading documents and evaluation requests from JSON-compatible data.

Documents are structured with cattrs, whose detailed validation names every invalid field by its
JSON path (the first :data:`~primarvard_sdk.errors.MAX_ERRORS`, then a count). The Draft 2020-12
schema describes the same rules for other languages; it is not run here: it found nothing the
converter had not (checked over the hostile-input and near-valid-document suites) and costs about
20 µs a byte on a long invalid list.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from primarvard_sdk import domain
from primarvard_sdk.convert import field_names, structure, structure_day
from primarvard_sdk.errors import FieldError, InvalidDocument

__all__ = ["Document", "EvaluationRequest", "parse_document", "parse_request", "type_name_of"]

#: Any top-level document type (see :data:`primarvard_sdk.domain.DOCUMENT_TYPES`).
Document = (
    domain.Vardenhet
    | domain.Listning
    | domain.Remiss
    | domain.Tillganglighet
    | domain.Uppfoljning
    | domain.Vardkontakt
    | domain.Etjanstearende
    | domain.Fordelning
)

_REQUEST_KEYS = frozenset({"type", "document", "region", "programme", "as_of", "rule"})


@attrs.frozen
class EvaluationRequest:
    """One document to evaluate, with where and as of when."""

    type: str
    document: Any
    region: str | None = None
    programme: str | None = None
    as_of: date | None = None
    rule: str | None = None


def type_name_of(document: Any) -> str:
    """The document type name of a domain object (``"Remiss"``)."""
    name = type(document).__name__
    if name not in domain.DOCUMENT_TYPES:
        raise TypeError(f"not a document type: {name}")
    return name


def parse_document(data: Any, type_name: str, *, path: str = "$") -> Any:
    """Structure ``data`` as the document type ``type_name`` or raise :class:`InvalidDocument`."""
    cls = domain.DOCUMENT_TYPES.get(type_name)
    if cls is None:
        raise InvalidDocument(
            [FieldError(path, f"unknown document type; expected one of: {', '.join(domain.DOCUMENT_TYPES)}")]
        )
    return structure(data, cls, path=path)


def parse_request(data: Any) -> EvaluationRequest:
    """Structure an evaluation request (``{"type", "document", "region"?, ...}``)."""
    if not isinstance(data, dict):
        raise InvalidDocument([FieldError("$", "expected an object with 'type' and 'document'")])
    errors: list[FieldError] = []
    more = 0
    unknown = [k for k in data if k not in _REQUEST_KEYS]
    if unknown:
        errors.append(FieldError("$", f"unknown field(s): {field_names(unknown)}"))
    raw_type = data.get("type")
    # Only a known type name is kept (and repeated in messages): anything else may be a list,
    # an object or whatever the caller pasted.
    type_name = raw_type if isinstance(raw_type, str) and raw_type in domain.DOCUMENT_TYPES else None
    if type_name is None:
        errors.append(
            FieldError("$.type", f"expected one of: {', '.join(domain.DOCUMENT_TYPES)}")
        )
    if "document" not in data:
        errors.append(FieldError("$.document", "required field missing"))
    fields: dict[str, Any] = {}
    for key in ("region", "programme", "rule"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            errors.append(FieldError(f"$.{key}", "expected a string"))
        fields[key] = value
    as_of = data.get("as_of")
    if as_of is not None:
        try:
            fields["as_of"] = structure_day(as_of, path="$.as_of")
        except InvalidDocument as exc:
            errors.extend(exc.errors)
    document = None
    if type_name is not None and "document" in data:
        try:
            document = parse_document(data["document"], type_name, path="$.document")
        except InvalidDocument as exc:
            errors.extend(exc.errors)
            more = exc.more
    if errors:
        raise InvalidDocument(errors, type_name=type_name, more=more)
    return EvaluationRequest(type=str(type_name), document=document, **fields)
