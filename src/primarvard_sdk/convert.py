"""The one cattrs converter: JSON in, JSON out.

Dates and datetimes are ISO 8601 within :data:`FIRST_DAY`–:data:`LAST_DAY`; datetimes must carry
an offset (a naive datetime is rejected); enums go by value; unknown keys are rejected on every
class; numbers are finite and within the bounds a field declares; text is at most
:data:`MAX_TEXT` characters and a list at most :data:`MAX_ITEMS` items. Identity enters only
through the identity fields: text holding a personnummer anywhere else is refused. Structuring
errors become one :class:`InvalidDocument` that lists the invalid fields by JSON path (the first
:data:`~primarvard_sdk.errors.MAX_ERRORS`, then a count). No message ever repeats an input value,
so personal data in a wrong place is not echoed.
"""

from __future__ import annotations

import functools
import heapq
import json
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, time
from enum import Enum, StrEnum
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, override

from primarvard_sdk.errors import MAX_ERRORS, FieldError, InvalidDocument
from primarvard_sdk.personnummer import Personnummer
from primarvard_sdk.privacy import contains_personnummer

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_ITEMS",
    "MAX_TEXT",
    "Expected",
    "converter",
    "dumps",
    "encode",
    "line_safe",
    "loads",
    "structure",
    "structure_day",
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
#: The days a document may name: the Swedish calendar is computed for 1900–2100, and the last
#: year is kept free for deadlines that run past a document's last day.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2099, 12, 31)
#: Characters in one text field (ids, references, notes): a reference is repeated in every result.
MAX_TEXT = 1000
#: Items in one list field.
MAX_ITEMS = 100_000


class Expected(ValueError):
    """A value that is not what a field expects; the message says what was expected, never the value."""


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise Expected(message)


def _structure_str(value: Any, cls: type) -> str:
    # Registered for str, so every StrEnum reaches this hook too (single dispatch by MRO).
    if cls is not str and issubclass(cls, Enum):
        return typing.cast(str, _structure_enum_factory(cls)(value, cls))
    return _text(value)


def _text(value: Any) -> str:
    _expect(isinstance(value, str), "expected a string")
    _expect(_is_unicode(value), "expected valid Unicode text (lone surrogate)")
    return typing.cast(str, value)


def _structure_personal_text(value: Any, _: type) -> str:
    """Text of a document's identity field (a name, an address): bounded, not inspected."""
    text = _text(value)
    _expect(len(text) <= MAX_TEXT, f"expected at most {MAX_TEXT} characters")
    return text


def _structure_text(value: Any, cls: type) -> str:
    """Any other text of a document (ids, references, notes): bounded, and never identity."""
    text = _structure_personal_text(value, cls)
    _expect(
        not contains_personnummer(text),
        "holds a personnummer or samordningsnummer: identity goes only in the personnummer field "
        "(references are pseudonymous)",
    )
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]{0,63}")  # as every field is spelt; "Tolvan" is not
_NAMES_SHOWN = 20


def _is_unicode(text: str) -> bool:
    # JSON's \ud800 escapes decode to lone surrogates that no UTF-8 output can carry.
    return text.isascii() or not _SURROGATE.search(text)


def field_names(keys: Any) -> str:
    """Unknown keys for an error message: up to 20 names that look like field names; the rest are
    withheld (a key may be personal data pasted into the wrong place) and counted."""
    names = {k for k in keys if isinstance(k, str) and _FIELD_NAME.fullmatch(k)}
    shown = heapq.nsmallest(_NAMES_SHOWN, names)
    hidden = len(keys) - len(shown)
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


_OUT_OF_RANGE = f"expected a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


def _structure_date(value: Any, _: type) -> date:
    _expect(isinstance(value, str) and bool(_DATE.match(value)), "expected a date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Expected("expected a real calendar date YYYY-MM-DD") from None


def _in_range(moment: date) -> None:
    day = moment.date() if isinstance(moment, datetime) else moment
    _expect(FIRST_DAY <= day <= LAST_DAY, _OUT_OF_RANGE)


def _structure_day(value: Any, tp: type) -> date:
    """A document's date: a real one, in the supported years."""
    day = _structure_date(value, tp)
    _in_range(day)
    return day


def _structure_moment(value: Any, tp: type) -> datetime:
    moment = _structure_datetime(value, tp)
    _in_range(moment)
    return moment


def _structure_input_tidpunkt(value: Any, tp: type) -> date | datetime:
    moment = _structure_tidpunkt(value, tp)
    _in_range(moment)
    return moment


def structure_day(value: Any, *, path: str) -> date:
    """An evaluation day given as text (``as_of``, ``--as-of``), in the supported years, or
    :class:`InvalidDocument` naming ``path``."""
    try:
        return _structure_day(value, date)
    except Expected as exc:
        raise InvalidDocument([FieldError(path, str(exc))]) from None


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
    _expect(isinstance(value, str) and (value == "24:00" or bool(_TIME.match(value))), "expected a local time HH:MM")
    # "24:00" is the end of the day: held as 00:00, which as an interval's end means midnight.
    return time(0, 0) if value == "24:00" else time.fromisoformat(value)


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


#: Entries in one document's ``tillagg`` (one per region at most).
MAX_EXTENSIONS = 50
#: Classes outside the domain package structured as document input (region extensions):
#: bounded text and days, no identity in free text.
_INPUT_CLASSES: set[type] = set()


def mark_input(cls: type) -> None:
    """Structure ``cls`` (and the attrs classes it holds) as document input, like the domain
    types; the SDK marks each class a plugin declares as an extension."""
    if cls in _INPUT_CLASSES or not attrs.has(cls):
        return
    _INPUT_CLASSES.add(cls)
    for tp in typing.get_type_hints(cls).values():
        for inner in (tp, *typing.get_args(tp), *(a for t in typing.get_args(tp) for a in typing.get_args(t))):
            if isinstance(inner, type) and attrs.has(inner):
                mark_input(inner)


def _structure_tillagg(value: Any, _: type) -> Any:
    """``tillagg`` at the edge, before any region is known: an object of region code → object.
    Each entry is checked against its region's declaration before a rule runs."""
    from primarvard_sdk.domain._fields import REGION_KEY, Tillagg

    if value is None:
        return None
    _expect(isinstance(value, Mapping), "expected an object keyed by region code")
    _expect(len(value) <= MAX_EXTENSIONS, f"expected at most {MAX_EXTENSIONS} regions")
    bad = [k for k in value if not isinstance(k, str) or not REGION_KEY.match(k)]
    _expect(not bad, f"expected region codes as keys (a-z, 0-9, _), not: {field_names(bad)}")
    errors = []
    for key, entry in value.items():
        if not isinstance(entry, Mapping):
            exc = Expected("expected an object: the facts the region's plugin declares")
            exc.__notes__ = [AttributeValidationNote(f"Structuring tillagg.{key}", key, dict)]
            errors.append(exc)
    if errors:
        raise ClassValidationError("invalid tillagg", errors, Tillagg)
    return Tillagg(value)


def _is_plain_optional(tp: Any) -> bool:
    """``X | None`` (``Optional[X]``) of one type X."""
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return False
    args = typing.get_args(tp)
    return len(args) == 2 and type(None) in args


def _optional_of(conv: cattrs.Converter, tp: Any) -> Callable[[Any, type], Any]:
    inner_type = next(a for a in typing.get_args(tp) if a is not type(None))
    inner: list[Callable[[Any, type], Any]] = []  # resolved on first use: a class may refer to itself

    def hook(value: Any, _: type) -> Any:
        if value is None:
            return None
        if not inner:
            inner.append(conv.get_structure_hook(inner_type))
        return inner[0](value, inner_type)

    return hook


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # First, so that every more specific hook below wins: ``X | None`` resolved to X's hook once,
    # not looked up again on every value (cattrs' generic optional hook dispatches per call).
    conv.register_structure_hook_factory(_is_plain_optional, lambda tp: _optional_of(conv, tp))
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_structure_hook(time, _structure_time)
    conv.register_structure_hook(Personnummer, _structure_personnummer)
    conv.register_structure_hook_func(_is_tidpunkt, _structure_optional_tidpunkt)
    conv.register_structure_hook_func(_is_tillagg, _structure_tillagg)
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
    conv.register_unstructure_hook_func(
        _is_tillagg, lambda t: None if t is None else {k: conv.unstructure(v) for k, v in t.items()}
    )
    return conv


def _is_tillagg(tp: Any) -> bool:
    fields = sys.modules.get("primarvard_sdk.domain._fields")
    if fields is None:  # no document type exists yet (the plugins' data files): not imported for them
        return False
    Tillagg = fields.Tillagg
    return tp is Tillagg or (typing.get_origin(tp) in (typing.Union, types.UnionType) and Tillagg in typing.get_args(tp))


def _structure_optional_tidpunkt(value: Any, tp: type) -> date | datetime | None:
    if value is None and type(None) in typing.get_args(tp):
        return None
    return _structure_tidpunkt(value, tp)


def _is_array(tp: Any) -> bool:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return any(_is_array(a) for a in typing.get_args(tp))
    return typing.get_origin(tp) is tuple


def _item_type(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return next(_item_type(a) for a in typing.get_args(tp) if _is_array(a))
    return typing.get_args(tp)[0]


class ItemErrors(Exception):
    """The invalid items of a list: ``(index, error)`` for the first few, and how many more."""

    def __init__(self, items: list[tuple[int, Exception]], more: int) -> None:
        super().__init__("invalid list items")
        self.items, self.more = items, more


def _array(conv: cattrs.Converter, tp: Any, strict: bool) -> Callable[[Any, type], Any]:
    # Our own loop, not cattrs': bounded length, and only the first invalid items are kept, so
    # a long list of bad items costs one pass. (cattrs would also turn a string into a tuple of
    # characters and an object into its keys.)
    item_type = _item_type(tp)
    item = _input_hook(conv, item_type) if strict else conv.get_structure_hook(item_type)

    def hook(value: Any, _: type) -> Any:
        if value is None:
            return None
        _expect(isinstance(value, list | tuple), "expected a list")
        _expect(len(value) <= MAX_ITEMS, f"expected at most {MAX_ITEMS} items")
        items: list[Any] = []
        errors: list[tuple[int, Exception]] = []
        more = 0
        for index, element in enumerate(value):
            try:
                items.append(item(element, item_type))
            except Exception as exc:
                if len(errors) < MAX_ERRORS:
                    errors.append((index, exc))
                else:
                    more += 1
        if errors:
            raise ItemErrors(errors, more)
        return tuple(items)

    return hook


_INPUT_HOOKS: dict[Any, Callable[[Any, type], Any]] = {
    str: _structure_text,
    date: _structure_day,
    datetime: _structure_moment,
}


def _input_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any, type], Any]:
    """The hook for a field of a document: the input bounds on text and days, else the usual."""
    if _is_tidpunkt(tp):
        return _optional(_structure_input_tidpunkt) if type(None) in typing.get_args(tp) else _structure_input_tidpunkt
    base = _scalar_of(tp)
    if base in _INPUT_HOOKS:
        return _optional(_INPUT_HOOKS[base]) if base is not tp else _INPUT_HOOKS[base]
    return conv.get_structure_hook(tp)


def _attrs_hook(conv: cattrs.Converter, cls: type) -> Callable[[Any, type], Any]:
    # Documents (the domain types) are input: bounded text and days, no identity in free text.
    # Plugin data and the rule model are not.
    strict = cls.__module__.startswith("primarvard_sdk.domain") or cls in _INPUT_CLASSES
    overrides: dict[str, Any] = {}
    hints = typing.get_type_hints(cls)
    for a in attrs.fields(cls):
        minimum, maximum = a.metadata.get("minimum"), a.metadata.get("maximum")
        tp = hints[a.name]
        if _is_tillagg(tp):
            overrides[a.name] = override(struct_hook=_structure_tillagg)
            continue
        if _is_array(tp):
            overrides[a.name] = override(struct_hook=_array(conv, tp, strict))
            continue
        if strict and a.metadata.get("personal") and _scalar_of(tp) is str:
            overrides[a.name] = override(struct_hook=_optional(_structure_personal_text))
            continue
        field_hook = _input_hook(conv, tp) if strict else None
        if minimum is not None or maximum is not None:
            field_hook = _bounded(field_hook or conv.get_structure_hook(_scalar_of(tp)), minimum, maximum)
        if field_hook is not None:
            overrides[a.name] = override(struct_hook=field_hook)
    # Extra keys are forbidden by the converter's own setting, which the generated function follows.
    hook: Callable[[Any, type], Any] = make_dict_structure_fn(cls, conv, **overrides)

    ordered = {"fran", "till"} <= {a.name for a in attrs.fields(cls)} and hints.get("till") in (time, time | None)
    agreeing = {"personnummer", "fodelsedatum"} <= {a.name for a in attrs.fields(cls)}

    def structure_object(value: Any, tp: type) -> Any:
        if not isinstance(value, Mapping):
            raise Expected("expected an object")
        result = hook(value, tp)
        if agreeing and result.personnummer is not None and result.fodelsedatum is not None:
            _expect(result.personnummer.agrees_with(result.fodelsedatum),
                    "expected fodelsedatum to be the birth date of the personnummer (give one of them)")
        if ordered and isinstance(result.fran, time) and isinstance(result.till, time):
            _expect(result.till == time(0, 0) or result.fran < result.till,
                    "expected till after fran (00:00 or 24:00 as till is midnight; an interval past "
                    "midnight is two intervals)")
        return result

    return structure_object


def _optional(inner: Callable[[Any, type], Any]) -> Callable[[Any, type], Any]:
    def hook(value: Any, tp: type) -> Any:
        return None if value is None else inner(value, tp)

    return hook


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


def _field_errors(exc: BaseException, path: str, tp: Any = None) -> Iterator[FieldError]:
    """Every invalid field under ``exc`` by JSON path, in document order, lazily.

    Walks cattrs' exception groups through their public API (``group_exceptions`` and the notes'
    ``name``/``index``/``type``), never through its message texts.
    """
    if isinstance(exc, ItemErrors):
        for index, item in exc.items:
            yield from _field_errors(item, f"{path}[{index}]")
        for _ in range(exc.more):
            yield FieldError(f"{path}[…]", "invalid item")
    elif isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            where = f"{path}.{note.name}" if isinstance(note, AttributeValidationNote) else f"{path}[{note.index}]"
            yield from _field_errors(inner, where, note.type)
        for inner in without:
            yield from _field_errors(inner, path)
    else:
        yield FieldError(path, _format(exc, tp))


def structure(data: Any, cls: type[T], *, path: str = "$") -> T:
    """Structure JSON-compatible ``data`` into ``cls`` or raise :class:`InvalidDocument`."""
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ItemErrors) as exc:
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
    """Parse JSON strictly: UTF-8 only (a leading byte-order mark is skipped, as Windows tools
    write one), no NaN/Infinity, no duplicate keys, bounded nesting."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
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
    """Deterministic JSON: sorted keys, no NaN, UTF-8 text (same input, byte-identical output).

    The line and paragraph separators U+2028, U+2029 and U+0085 are written escaped: some JSON
    Lines readers (and Python's ``str.splitlines``) split records there.
    """
    separators = (",", ": ") if indent is not None else (",", ":")
    return line_safe(json.dumps(
        unstructure(data),
        sort_keys=True,
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=separators,
    ))


#: Compact deterministic JSON of plain data (what :func:`dumps` writes without indent).
encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode

_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def line_safe(text: str) -> str:
    """JSON text with U+2028, U+2029 and U+0085 escaped (they occur only inside strings)."""
    if not text.isascii():
        for raw, escaped in _LINE_BREAKS.items():
            if raw in text:
                text = text.replace(raw, escaped)
    return text
