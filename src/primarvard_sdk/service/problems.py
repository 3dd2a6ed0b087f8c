"""Errors as RFC 9457 problem details (``application/problem+json``).

Each problem has a stable ``type`` URI (``urn:primarvard:problem:<slug>``), the HTTP ``status``,
a ``title`` that depends only on the type, a ``detail`` for this occurrence, and for invalid
input ``errors``: every invalid field with its JSON path (or FHIR path). Details are written by
the SDK, which never repeats an input value, so no personal data reaches an error body.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from primarvard_sdk.errors import FieldError

__all__ = ["PROBLEM_TYPES", "Problem", "problem_schema"]

MEDIA_TYPE = "application/problem+json"

#: slug → (status, title)
PROBLEM_TYPES: Mapping[str, tuple[int, str]] = {
    "malformed-request": (400, "The request is malformed"),
    "unauthorized": (401, "Credentials are missing or invalid"),
    "forbidden": (403, "The credentials do not allow this"),
    "not-found": (404, "No such resource"),
    "method-not-allowed": (405, "Method not allowed"),
    "not-acceptable": (406, "No acceptable representation"),
    "payload-too-large": (413, "The request is too large"),
    "unsupported-media-type": (415, "Unsupported media type"),
    "invalid-document": (422, "The document is invalid"),
    "unknown-name": (422, "A region, programme or rule named in the request does not exist"),
    "fhir-not-mappable": (422, "The FHIR resources cannot be mapped to a document"),
    "internal": (500, "Internal error"),
    "plugin-failure": (500, "A region plugin failed"),
    "not-ready": (503, "The service is not ready"),
    "timeout": (503, "The evaluation took longer than the configured limit"),
}


def type_uri(slug: str) -> str:
    return f"urn:primarvard:problem:{slug}"


@attrs.define(auto_exc=True, eq=False)
class Problem(Exception):
    """An RFC 9457 problem; raise it from a handler and the app answers with it."""

    slug: str
    detail: str
    errors: tuple[FieldError, ...] = ()
    headers: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def status(self) -> int:
        return PROBLEM_TYPES[self.slug][0]

    def body(self, instance: str | None = None) -> dict[str, Any]:
        status, title = PROBLEM_TYPES[self.slug]
        body: dict[str, Any] = {"type": type_uri(self.slug), "title": title, "status": status, "detail": self.detail}
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = [{"path": e.path, "message": e.message} for e in self.errors]
        return body

    @classmethod
    def invalid(cls, errors: Iterable[FieldError], detail: str = "invalid input") -> Problem:
        return cls("invalid-document", detail, tuple(errors))


def problem_schema() -> dict[str, Any]:
    """The JSON Schema of a problem body (OpenAPI component ``Problem``)."""
    return {
        "type": "object",
        "title": "Problem",
        "description": "RFC 9457 problem details. `errors` lists every invalid field by JSON path "
        "(`$.document.inkom`) or, for FHIR input, by FHIR path (`ServiceRequest.authoredOn`).",
        "properties": {
            "type": {"type": "string", "enum": [type_uri(s) for s in PROBLEM_TYPES]},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/FieldError"},
            },
        },
        "required": ["type", "title", "status", "detail"],
    }


def field_error_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "title": "FieldError",
        "description": "One invalid field: where, and what was expected (never the value given).",
        "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
        "required": ["path", "message"],
        "additionalProperties": False,
    }
