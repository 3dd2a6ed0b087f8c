"""The one cattrs converter: JSON in, JSON out.

Dates and datetimes are ISO 8601; datetimes must carry an offset (a naive datetime is rejected);
enums go by value; unknown keys are rejected on every class; numbers are finite and within the
bounds a field declares. Structuring errors become one :class:`InvalidDocument` that lists every
invalid field by JSON path. No message ever repeats an input value, so personal data in a wrong
place is not echoed.
"""

from __future__ import annotations

import functools
import json
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from enum import Enum, StrEnum
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, override
from cattrs.v import transform_error

from primarvard_sdk.errors import FieldError, InvalidDocument
from primarvard_sdk.personnummer import Personnummer

__all__ = [
    "Expected",
    "converter",
    "dumps",
    "loads",
    "structure",
    "unstructure",
]

T = TypeVar("T")

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATETIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)
_NAIVE_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$")
_MAX_INT = 10**12


class Expected(ValueError):
    """A value that is not what a field expects; the message says what was expected, never the value."""


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise Expected(message)


def _structure_str(value: Any, cls: type) -> str:
    # Registered for str, so every StrEnum reaches this hook too (single dispatch by MRO).
    if cls is not str and issubclass(cls, Enum):
        return typing.cast(str, _structure_enum_factory(cls)(value, cls))
    _expect(isinstance(value, str), "expected a string")
    _expect(_is_unicode(value), "expected valid Unicode text (lone surrogate)")
    return typing.cast(str, value)


_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def _is_unicode(text: str) -> bool:
    # JSON's \ud800 escapes decode to lone surrogates that no UTF-8 output can carry.
    return text.isascii() or not _SURROGATE.search(text)


def field_names(keys: Any) -> str:
    """Unknown keys for an error message: names that look like field names; the rest are
    withheld (a key may be personal data pasted into the wrong place)."""
    keys = list(keys)
    shown = sorted({k for k in keys if isinstance(k, str) and _FIELD_NAME.fullmatch(k)})
    hidden = len(keys) - sum(1 for k in keys if isinstance(k, str) and _FIELD_NAME.fullmatch(k))
    if hidden:
        shown.append(f"{hidden} key(s) not shown")
    return ", ".join(shown)


def _structure_bool(value: Any, _: type) -> bool:
    _expect(isinstance(value, bool), "expected true or false")
    return typing.cast(bool, value)


def _structure_int(value: Any, _: type) -> int:
    _expect(isinstance(value, int) and not isinstance(value, bool), "expected an integer")
    _expect(abs(value) <= _MAX_INT, f"expected an integer of magnitude at most {_MAX_INT}")
    return typing.cast(int, value)


def _structure_float(value: Any, _: type) -> float:
    _expect(
        isinstance(value, int | float) and not isinstance(value, bool),
        "expected a number",
    )
    number = float(value)
    _expect(math.isfinite(number) and abs(number) <= _MAX_INT, "expected a finite number")
    return number


def _structure_date(value: Any, _: type) -> date:
    _expect(isinstance(value, str) and bool(_DATE.match(value)), "expected a date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Expected("expected a real calendar date YYYY-MM-DD") from None


def _structure_datetime(value: Any, _: type) -> datetime:
    _expect(isinstance(value, str), "expected a datetime string with offset")
    if _NAIVE_DATETIME.match(value):
        raise Expected("expected a datetime with a UTC offset (e.g. +01:00 or Z); naive datetimes are rejected")
    _expect(bool(_DATETIME.match(value)), "expected an ISO 8601 datetime with offset")
    try:
        return datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        raise Expected("expected a real date and time") from None


def _structure_time(value: Any, _: type) -> time:
    _expect(isinstance(value, str) and bool(_TIME.match(value)), "expected a local time HH:MM")
    return time.fromisoformat(value)


def _structure_tidpunkt(value: Any, _: type) -> date | datetime:
    if isinstance(value, str) and ("T" in value or "t" in value or " " in value):
        return _structure_datetime(value, datetime)
    return _structure_date(value, date)


def _structure_personnummer(value: Any, _: type) -> Personnummer:
    _expect(isinstance(value, str), "expected a personnummer string")
    try:
        return Personnummer.parse(value)
    except ValueError as exc:  # the SDK's own errors never carry the number
        raise Expected(str(exc)) from None


def _is_tidpunkt(tp: Any) -> bool:
    args = set(typing.get_args(tp)) - {type(None)}
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and args == {date, datetime}


@functools.cache
def _structure_enum_factory(cls: type[Enum]) -> Callable[[Any, type], Enum]:
    from primarvard_sdk.domain.codelists import label, lookup

    named = [m for m in cls if label(m) != str(m.value)]
    allowed = ", ".join(str(m.value) for m in cls)
    if named:
        allowed += " (or its Swedish name, e.g. " + ", ".join(repr(label(m)) for m in named[:2]) + ")"

    def hook(value: Any, _: type) -> Enum:
        try:
            return cls(value)
        except (ValueError, TypeError):
            pass
        found = lookup(cls, value) if isinstance(value, str) and len(value) <= 200 else None
        if found is None:
            raise Expected(f"expected one of: {allowed}")
        return found

    return hook


def _bounded(inner: Callable[[Any, type], Any], minimum: Any, maximum: Any) -> Callable[[Any, type], Any]:
    def hook(value: Any, tp: type) -> Any:
        if value is None:
            return None
        result = inner(value, tp)
        if minimum is not None:
            _expect(result >= minimum, f"expected a value >= {minimum}")
        if maximum is not None:
            _expect(result <= maximum, f"expected a value <= {maximum}")
        return result

    return hook


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_structure_hook(time, _structure_time)
    conv.register_structure_hook(Personnummer, _structure_personnummer)
    conv.register_structure_hook_func(_is_tidpunkt, _structure_optional_tidpunkt)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _structure_enum_factory
    )
    conv.register_structure_hook_factory(attrs.has, lambda cls: _attrs_hook(conv, cls))

    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_unstructure_hook(time, lambda t: t.isoformat("minutes") if not t.second else t.isoformat())
    conv.register_unstructure_hook(Personnummer, lambda p: p.as_entered())
    # StrEnum before str in the MRO: enums leave as their plain value, not as the member.
    conv.register_unstructure_hook(StrEnum, lambda e: e.value)
    conv.register_unstructure_hook(Enum, lambda e: e.value)
    return conv


def _structure_optional_tidpunkt(value: Any, tp: type) -> date | datetime | None:
    if value is None and type(None) in typing.get_args(tp):
        return None
    return _structure_tidpunkt(value, tp)


def _is_array(tp: Any) -> bool:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return any(_is_array(a) for a in typing.get_args(tp))
    return typing.get_origin(tp) is tuple


def _array(inner: Callable[[Any, type], Any]) -> Callable[[Any, type], Any]:
    # cattrs would turn a string into a tuple of characters and an object into its keys.
    def hook(value: Any, tp: type) -> Any:
        _expect(value is None or isinstance(value, list | tuple), "expected a list")
        return inner(value, tp)

    return hook


def _attrs_hook(conv: cattrs.Converter, cls: type) -> Callable[[Any, type], Any]:
    overrides: dict[str, Any] = {}
    hints = typing.get_type_hints(cls)
    for a in attrs.fields(cls):
        minimum, maximum = a.metadata.get("minimum"), a.metadata.get("maximum")
        if _is_array(hints[a.name]):
            overrides[a.name] = override(struct_hook=_array(conv.get_structure_hook(hints[a.name])))
            continue
        if minimum is None and maximum is None:
            continue
        base = _scalar_of(hints[a.name])
        overrides[a.name] = override(
            struct_hook=_bounded(conv.get_structure_hook(base), minimum, maximum)
        )
    hook: Callable[[Any, type], Any] = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, **overrides
    )

    def structure_object(value: Any, tp: type) -> Any:
        if not isinstance(value, Mapping):
            raise Expected("expected an object")
        return hook(value, tp)

    return structure_object


def _scalar_of(tp: Any) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    return args[0] if args else tp


#: The SDK's one converter. Prefer :func:`structure` and :func:`unstructure`.
converter = _make_converter()


def _format(exc: BaseException, tp: type | None) -> str:
    if isinstance(exc, Expected):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {field_names(exc.extra_fields)}"
    if isinstance(exc, TypeError | AttributeError):
        name = getattr(tp, "__name__", None)
        return f"expected {'a list' if name in (None, 'tuple') else name}"
    return "invalid value"


def _field_errors(exc: BaseException, path: str) -> list[FieldError]:
    errors = []
    for line in transform_error(exc, path=path, format_exception=_format):
        message, _, where = line.rpartition(" @ ")
        errors.append(FieldError(path=where, message=message))
    return errors


def structure(data: Any, cls: type[T], *, path: str = "$") -> T:
    """Structure JSON-compatible ``data`` into ``cls`` or raise :class:`InvalidDocument`."""
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        raise InvalidDocument(_field_errors(exc, path), type_name=cls.__name__) from None
    except (Expected, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise InvalidDocument([FieldError(path, _format(exc, cls))], type_name=cls.__name__) from None


def unstructure(obj: Any) -> Any:
    """JSON-compatible data for any SDK object (documents, results, rules)."""
    return converter.unstructure(obj)


def _reject_constant(name: str) -> Any:
    raise Expected(f"{name} is not valid JSON")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise Expected(f"duplicate key: {field_names([key])}")
        result[key] = value
    return result


def loads(text: str | bytes) -> Any:
    """Parse JSON strictly: UTF-8 only, no NaN/Infinity, no duplicate keys, bounded nesting."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys
        )
    except UnicodeDecodeError as exc:
        raise InvalidDocument([FieldError("$", f"not UTF-8 (byte offset {exc.start})")]) from None
    except json.JSONDecodeError as exc:
        raise InvalidDocument(
            [FieldError("$", f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
        ) from None
    except Expected as exc:
        raise InvalidDocument([FieldError("$", str(exc))]) from None
    except RecursionError:
        raise InvalidDocument([FieldError("$", "JSON nested too deeply")]) from None
    except ValueError:  # e.g. an integer literal longer than Python's int_max_str_digits
        raise InvalidDocument([FieldError("$", "a number in the JSON is too long")]) from None


def dumps(data: Any, *, indent: int | None = None) -> str:
    """Deterministic JSON: sorted keys, no NaN, UTF-8 text (same input, byte-identical output)."""
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(
        unstructure(data),
        sort_keys=True,
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=separators,
    )
