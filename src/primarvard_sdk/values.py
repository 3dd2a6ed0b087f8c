"""A result's values, checked once where they leave a plugin, and frozen.

:func:`freeze` copies what a plugin returned into read-only containers (:class:`FrozenValues`,
:class:`FrozenList`), so neither the plugin (keeping a reference) nor a caller can change a
result afterwards. On the way it refuses anything that is not JSON data, personal data objects
first, withholds personnummer and the document's names in every text, and writes the JSON with
the encoder that prints it: a value that cannot be written is found here, for its own rule, and
never half-way through an output stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from enum import Enum
from typing import Any

import attrs

from primarvard_sdk.convert import converter, unstructure
from primarvard_sdk.personnummer import Personnummer
from primarvard_sdk.privacy import may_hold_personal_data, redact

__all__ = ["FrozenList", "FrozenValues", "NotJson", "freeze"]

_DEPTH = 32
_SURROGATE_FREE = "utf-8"


class NotJson(ValueError):
    """Values that cannot leave the SDK; the message says why, never what."""


class FrozenValues(Mapping[str, Any]):
    """A read-only mapping of a result's values; equal to a ``dict`` with the same items."""

    __slots__ = ("_data", "json")

    def __init__(self, data: Mapping[str, Any], json: str | None = None) -> None:
        self._data = dict(data)
        self.json = json  #: the values as printed (compact, sorted keys), when known

    @classmethod
    def _own(cls, data: dict[str, Any], json: str | None = None) -> FrozenValues:
        """Wrap a dict nobody else holds (no copy)."""
        values = cls.__new__(cls)
        values._data, values.json = data, json
        return values

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenValues, (self._data, self.json))


class FrozenList(tuple[Any, ...]):
    """A read-only list in a result's values; equal to a ``list`` with the same items."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return tuple.__eq__(self, tuple(other) if isinstance(other, list) else other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__

    def __repr__(self) -> str:
        return repr(list(self))


def _personal_kind(value: Any) -> str | None:
    if isinstance(value, Personnummer):
        return "a personnummer"
    if attrs.has(type(value)) and any(a.metadata.get("personal") for a in attrs.fields(type(value))):
        return f"a {type(value).__name__}"
    return None


_LEAVES = frozenset({type(None), bool, int, float})


def _freeze(value: Any, personal: frozenset[str] | None, depth: int) -> tuple[Any, Any]:
    """``(frozen, plain JSON form)`` of one value."""
    kind = type(value)
    if kind in _LEAVES or (kind is str and personal is None and value.isascii()):  # the common cases
        return value, value
    if kind is date:
        return value, value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value, value
    if isinstance(value, str):
        try:
            value.encode(_SURROGATE_FREE)
        except UnicodeEncodeError:
            raise NotJson("values hold text that is not valid Unicode") from None
        if isinstance(value, Enum):
            return value, value.value
        shown = value if personal is None else redact(value, personal)
        return shown, shown
    if isinstance(value, date | time):  # datetime is a date
        return value, value.isoformat() if isinstance(value, date | datetime) else unstructure(value)
    if depth >= _DEPTH:
        raise NotJson(f"values are nested more than {_DEPTH} deep")
    if isinstance(value, Mapping):
        frozen, plain = {}, {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise NotJson("values have a key that is not text")
            shown = key if personal is None else redact(key, personal)
            if shown in frozen:
                raise NotJson("values are keyed by personal data")
            frozen[shown], plain[shown] = _freeze(item, personal, depth + 1)
        return FrozenValues._own(frozen), plain
    if isinstance(value, list | tuple):
        pairs = [_freeze(item, personal, depth + 1) for item in value]
        return FrozenList(f for f, _ in pairs), [p for _, p in pairs]
    if isinstance(value, Enum):
        return value, _freeze(value.value, personal, depth + 1)[1]
    personal_kind = _personal_kind(value)
    if personal_kind:
        raise NotJson(f"values hold personal data ({personal_kind})")
    raise NotJson("values hold an object that is not JSON data (text, number, boolean, day, list, object)")


def freeze(values: Any, personal: frozenset[str] = frozenset()) -> FrozenValues:
    """A frozen, redacted copy of ``values`` with its JSON, or :class:`NotJson` saying why not.

    ``personal`` holds the words of the document's names and addresses (see
    :func:`primarvard_sdk.privacy.words`).
    """
    if not isinstance(values, Mapping):
        raise NotJson("values must be a mapping with text keys")
    if not values:  # most results of a record: nothing to encode, nothing to withhold
        return _EMPTY
    text = _write(values)  # the check, by the encoder that prints them
    if may_hold_personal_data(text, personal):  # rare: then every text is looked at
        frozen, plain = _freeze(values, personal, 0)
        return FrozenValues._own(frozen._data, _write(plain))
    return FrozenValues._own(_copy(values, 0), text)


_EMPTY = FrozenValues._own({}, "{}")  # read-only: one shared instance is safe


def _write(values: Any) -> str:
    try:
        text = _encode(values)
        if not text.isascii():
            text.encode("utf-8")
    except NotJson:
        raise
    except UnicodeEncodeError:
        raise NotJson("values hold text that is not valid Unicode") from None
    except (TypeError, ValueError, RecursionError):  # e.g. an int of more than 4300 digits, a cycle
        raise NotJson("values cannot be written as JSON") from None
    return text


def _default(value: Any) -> Any:
    """What the encoder writes for the types JSON lacks; refuses everything else."""
    if isinstance(value, date):  # and datetime
        return value.isoformat()
    if isinstance(value, time | Enum):
        return unstructure(value)
    if isinstance(value, FrozenValues | FrozenList):
        return unstructure(value)
    kind = _personal_kind(value)
    if kind:
        raise NotJson(f"values hold personal data ({kind})")
    raise NotJson("values hold an object that is not JSON data (text, number, boolean, day, list, object)")


_encode_py = json.JSONEncoder(sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                              default=_default).encode
# The same encoder, called without JSONEncoder.encode's set-up on every call. markers=None: no
# shared cycle bookkeeping (thread-safe); a cycle ends in RecursionError, refused like the rest.
_c_make_encoder: Any = getattr(json.encoder, "c_make_encoder", None)
_c_encoder: Any = (None if _c_make_encoder is None else
                   _c_make_encoder(None, _default, json.encoder.encode_basestring, None, ":", ",", True, False, False))
_encode_text: Any = json.encoder.encode_basestring


def _encode(values: Any) -> str:
    if _c_encoder is None:  # pragma: no cover - CPython has the C encoder
        return _encode_py(values)
    if type(values) is str:
        return _encode_text(values)  # type: ignore[no-any-return]
    return "".join(_c_encoder(values, 0))


_SCALARS = frozenset({type(None), bool, int, float, str, date})  # immutable: kept as they are


def _copy(value: Any, depth: int) -> Any:
    """``value`` with its containers copied into frozen ones (the leaves are immutable)."""
    kind = type(value)
    if kind is dict or (kind is not str and isinstance(value, Mapping)):
        if depth >= _DEPTH:
            raise NotJson(f"values are nested more than {_DEPTH} deep")
        if not all(type(k) is str for k in value):
            raise NotJson("values have a key that is not text")
        copied = {k: v if type(v) in _SCALARS else _copy(v, depth + 1) for k, v in value.items()}
        return copied if depth == 0 else FrozenValues._own(copied)
    if kind is list or kind is tuple or kind is FrozenList:
        return FrozenList(_copy(v, depth + 1) for v in value)
    return value


converter.register_unstructure_hook(FrozenValues, lambda v: {k: converter.unstructure(x) for k, x in v.items()})
converter.register_unstructure_hook(FrozenList, lambda v: [converter.unstructure(x) for x in v])
