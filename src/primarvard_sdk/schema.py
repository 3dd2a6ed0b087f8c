"""JSON Schema (Draft 2020-12) generated from the attrs classes, and validation against it.

The schemas are derived from the classes' type hints and field metadata, never written by hand,
so the schema an EHR vendor validates against is the one the converter structures with.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum
from typing import Any

import attrs
from jsonschema import Draft202012Validator

from primarvard_sdk import domain
from primarvard_sdk.errors import FieldError
from primarvard_sdk.personnummer import Personnummer

__all__ = ["SCHEMA_TYPES", "schema_errors", "schema_for", "validator_for"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_DATETIME = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
    "description": "ISO 8601 with a UTC offset; naive datetimes are rejected.",
}
_TIME = {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"}
_PERSONNUMMER = {
    "type": "string",
    "pattern": r"^([0-9]{2})?[0-9]{6}[-+]?[0-9]{4}$",
    "description": "Personnummer or samordningsnummer, 10 or 12 digits; check digit verified.",
}
_MAX = 10**12


def _scalar_schema(tp: Any) -> dict[str, Any] | None:
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": -_MAX, "maximum": _MAX}
    if tp is float:
        return {"type": "number", "minimum": -_MAX, "maximum": _MAX}
    if tp is str:
        return {"type": "string"}
    if tp is datetime:
        return dict(_DATETIME)
    if tp is date:
        return dict(_DATE)
    if tp is time:
        return dict(_TIME)
    if tp is Personnummer:
        return dict(_PERSONNUMMER)
    if tp is typing.Any:
        return {}
    if isinstance(tp, type) and issubclass(tp, Enum):
        from primarvard_sdk.domain.codelists import spellings

        return {"type": "string", "enum": list(spellings(tp))}
    return None


#: ``tillagg`` of a document type: region code → that region's extension class.
Extensions = tuple[tuple[str, str, type], ...]


def _tillagg_schema(builder: _Builder, type_name: str) -> dict[str, Any]:
    from primarvard_sdk.domain._fields import REGION_KEY

    declared = {region: cls for name, region, cls in builder.extensions if name == type_name}
    schema: dict[str, Any] = {"type": "object", "maxProperties": 50}
    if declared:
        schema["properties"] = {region: builder.type_schema(cls) for region, cls in sorted(declared.items())}
        schema["additionalProperties"] = False
    else:  # the core alone: any region's entry, checked by that region's plugin
        schema["propertyNames"] = {"pattern": REGION_KEY.pattern}
        schema["additionalProperties"] = {"type": "object"}
    return {"anyOf": [schema, {"type": "null"}]}


class _Builder:
    def __init__(self, extensions: Extensions = ()) -> None:
        self.defs: dict[str, Any] = {}
        self.extensions = extensions
        self.classes: dict[str, type] = {}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        scalar = _scalar_schema(tp)
        if scalar is not None:
            return scalar
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, __import__("types").UnionType):
            options = [a for a in args if a is not type(None)]
            if set(options) == {date, datetime}:
                inner: dict[str, Any] = {"anyOf": [dict(_DATE), dict(_DATETIME)]}
            elif len(options) == 1:
                inner = self.type_schema(options[0])
            else:
                inner = {"anyOf": [self.type_schema(a) for a in options]}
            if type(None) in args:
                return {"anyOf": [inner, {"type": "null"}]}
            return inner
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin in (dict, Mapping, __import__("collections.abc").abc.Mapping):
            return {"type": "object", "additionalProperties": self.type_schema(args[1])}
        if attrs.has(tp):
            self.define(tp)
            return {"$ref": f"#/$defs/{tp.__name__}"}
        raise TypeError(f"no JSON Schema mapping for {tp!r}")

    def define(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        owner = self.classes.setdefault(name, cls)
        if owner is not cls:
            raise TypeError(f"two types are named {name} ({owner.__module__} and {cls.__module__}): "
                            "a schema names each type once; rename one")
        if name in self.defs:
            return typing.cast(dict[str, Any], self.defs[name])
        self.defs[name] = {}  # placeholder against recursion
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required = []
        for a in attrs.fields(cls):
            tillagg = a.name == "tillagg" and name in domain.DOCUMENT_TYPES
            prop = _tillagg_schema(self, name) if tillagg else self.type_schema(hints[a.name])
            for key in ("minimum", "maximum"):
                if key in a.metadata:
                    _set_bound(prop, key, a.metadata[key])
            if "description" in a.metadata:
                prop = {**prop, "description": a.metadata["description"]}
            if a.metadata.get("personal"):
                prop["x-personal-data"] = True
            if a.default is attrs.NOTHING:
                required.append(a.name)
            properties[a.name] = prop
        doc = inspect.getdoc(cls) or name
        schema: dict[str, Any] = {
            "type": "object",
            "title": name,
            "description": doc,
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        self.defs[name] = schema
        return schema


def _set_bound(prop: dict[str, Any], key: str, bound: Any) -> None:
    target = prop
    if "anyOf" in prop:
        target = next(s for s in prop["anyOf"] if s.get("type") != "null")
    target[key] = bound


def _request_schema(builder: _Builder) -> dict[str, Any]:
    branches = []
    for name, cls in domain.DOCUMENT_TYPES.items():
        builder.define(cls)
        branches.append(
            {
                "properties": {
                    "type": {"const": name},
                    "document": {"$ref": f"#/$defs/{name}"},
                }
            }
        )
    return {
        "type": "object",
        "title": "EvaluationRequest",
        "description": (
            "One document to evaluate: its type, the document, and optionally the region, "
            "programme, the as-of date and one rule id. One per line in JSON Lines."
        ),
        "properties": {
            "type": {"type": "string", "enum": list(domain.DOCUMENT_TYPES)},
            "document": {"type": "object"},
            "region": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "programme": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "as_of": {"anyOf": [dict(_DATE), {"type": "null"}]},
            "rule": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        },
        "required": ["type", "document"],
        "additionalProperties": False,
        "oneOf": branches,
    }


def _public_types() -> dict[str, type]:
    from primarvard_sdk import model

    types: dict[str, type] = dict(domain.DOCUMENT_TYPES)
    types.update({"Result": model.Result, "Rule": model.Rule, "AnnexReference": model.AnnexReference})
    return types


#: Every type the CLI exports a schema for: the document types, the request and the outputs.
SCHEMA_TYPES: tuple[str, ...] = (*domain.DOCUMENT_TYPES, "EvaluationRequest", "Result", "Rule", "AnnexReference")


@functools.cache
def schema_for(type_name: str, extensions: Extensions = ()) -> Mapping[str, Any]:
    """The standalone Draft 2020-12 schema of a public type (``$defs`` included).

    :param extensions: the region extensions to show under ``tillagg``, as
        :meth:`Sdk.extensions <primarvard_sdk.host.Sdk.extensions>` gives them; without them
        ``tillagg`` admits any region's object (each region's plugin checks its own).
    """
    builder = _Builder(extensions)
    if type_name == "EvaluationRequest":
        root = _request_schema(builder)
    else:
        types = _public_types()
        if type_name not in types:
            raise KeyError(f"no schema for type {type_name!r}; known: {', '.join(SCHEMA_TYPES)}")
        root = dict(builder.define(types[type_name]))
        builder.defs.pop(type_name)
    schema = {"$schema": DIALECT, "$id": f"urn:primarvard-sdk:schema:{type_name}", **root}
    if builder.defs:
        schema["$defs"] = dict(sorted(builder.defs.items()))
    Draft202012Validator.check_schema(schema)
    return schema


@functools.cache
def validator_for(type_name: str) -> Draft202012Validator:
    """A precompiled validator for a public type."""
    return Draft202012Validator(schema_for(type_name))


def schema_errors(data: Any, type_name: str, *, path: str = "$") -> list[FieldError]:
    """Every schema violation of ``data`` as a :class:`FieldError` (path-named, value-free)."""
    errors = []
    for error in sorted(validator_for(type_name).iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = path + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
        )
        errors.append(FieldError(where, _describe(error)))
    return errors


def _describe(error: Any) -> str:
    # jsonschema's own messages quote the instance; say what was expected instead.
    validator, expected = error.validator, error.validator_value
    if validator == "required":
        missing = [k for k in expected if isinstance(error.instance, dict) and k not in error.instance]
        return f"required field(s) missing: {', '.join(missing)}"
    if validator == "additionalProperties":
        return "unknown field(s)"
    if validator == "enum":
        return f"expected one of: {', '.join(map(str, expected))}"
    if validator == "type":
        return f"expected type {expected}"
    if validator in ("minimum", "maximum", "const", "pattern", "format"):
        return f"expected {validator} {expected}"
    return f"does not satisfy {validator}"
