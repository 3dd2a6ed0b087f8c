"""Test helpers for primarvard-sdk and for region-plugin authors: strategies and a conformance kit.

Needs the ``test`` extra (``pip install "primarvard-sdk[test]"``: pytest and hypothesis); the rest
of the SDK never imports this module.

Strategies (hypothesis)
    :func:`documents` builds valid documents of any domain type from the attrs classes: every field's
    strategy is derived from its type hint and metadata (``minimum``/``maximum``), optional fields
    are sometimes absent, list fields are short and keep ``id``/``enhet_id`` unique. Leaves:
    :func:`dates` (2000–2099, biased towards public holidays, eves, month ends and DST days),
    :func:`datetimes` (aware, Europe/Stockholm including the DST days, sometimes in the fixed offset
    or UTC that JSON gives), :func:`personnummer_texts` (valid Luhn digit, 10 or 12 digits,
    samordningsnummer too), :func:`person_names`. :func:`document_json` gives the JSON form and
    :func:`near_valid_json` a JSON document with exactly one field broken, with the JSON path the
    error must name.

Document transformations (generic, rule-agnostic)
    :func:`shift_dates` (every date and datetime by the same number of days), :func:`permute`
    (every list field shuffled), :func:`removable_paths` / :func:`remove` (set optional fields to
    absent or empty), :func:`grow_population` (increase population figures), :func:`resolve`
    (read a JSON path such as ``$.personal[2].yrke``).

Checks (raise :class:`AssertionError` with a message that names the plugin's distribution)
    :func:`check_plugins_loaded`, :func:`check_region`, :func:`check_rule`, :func:`evaluate_rule`,
    :func:`check_result`, :func:`check_round_trip`, :func:`check_deadline`,
    :func:`check_threshold_monotone`, :func:`check_allocation`, :func:`check_order_independent`,
    :func:`check_indeterminate_never_guesses`.

The conformance suite
    Subclass :class:`ConformanceTests` in your plugin's tests — one line::

        from primarvard_sdk.testing import ConformanceTests

        class TestConformance(ConformanceTests):
            regions = ("kalmar",)  # omit to test every installed region

    Its tests are parametrised over the regions, programmes and rules of the SDK under test (the
    installed plugins by default; set ``sdk = Sdk(plugins=[(plugin, "my-dist 1.0")],
    entry_points=False)`` for a plugin that is not installed). :func:`register_profiles` registers
    hypothesis profiles ``ci`` and ``nightly``.
"""

from __future__ import annotations

import functools
import json
import math
import operator
import random
import re
import time as clock
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import Enum
from typing import Any, ClassVar

import attrs

try:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - the test extra is missing
    raise ImportError(
        "primarvard_sdk.testing needs hypothesis: pip install 'primarvard-sdk[test]'"
    ) from exc

from stdnum import luhn

from primarvard_sdk import calendar, domain
from primarvard_sdk.convert import dumps, structure
from primarvard_sdk.documents import parse_document
from primarvard_sdk.errors import InvalidDocument, PluginError
from primarvard_sdk.host import Sdk
from primarvard_sdk.model import EACH_ITEM, RULE_ID_PATTERN, Kind, Outcome, Result, Rule
from primarvard_sdk.personnummer import Personnummer

__all__ = [
    "DECISIVE",
    "POPULATION_FIELDS",
    "ConformanceTests",
    "FaultMatrixTests",
    "RuleCrashed",
    "as_of_dates",
    "check_allocation",
    "check_deadline",
    "check_example_coverage",
    "check_examples",
    "check_fault_contained",
    "check_indeterminate_never_guesses",
    "check_order_independent",
    "check_plugins_loaded",
    "check_region",
    "check_result",
    "check_round_trip",
    "check_rule",
    "check_threshold_monotone",
    "dates",
    "datetimes",
    "document_json",
    "documents",
    "evaluate_rule",
    "grow_population",
    "kit_settings",
    "near_valid_json",
    "permute",
    "person_names",
    "personnummer_forms",
    "personnummer_texts",
    "register_profiles",
    "removable_paths",
    "remove",
    "resolve",
    "shift_dates",
    "times",
]

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)

#: Outcomes that decide: a rule that lacks an input must never answer one of these.
DECISIVE = frozenset({Outcome.passed, Outcome.fail, Outcome.met, Outcome.missed})
_DEADLINE_OUTCOMES = frozenset(
    {Outcome.met, Outcome.missed, Outcome.open, Outcome.not_applicable, Outcome.indeterminate}
)
_OTHER_OUTCOMES = frozenset(
    {Outcome.passed, Outcome.fail, Outcome.warning, Outcome.not_applicable, Outcome.indeterminate}
)
_JSON_PATH = re.compile(r"^\$((\.[A-Za-z_][A-Za-z0-9_]*)|(\[[0-9]+\]))*$")
_PATH_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]")

#: The fields that hold population figures: thresholds must be monotone in them.
POPULATION_FIELDS: Mapping[type, tuple[str, ...]] = {
    domain.Befolkning: tuple(a.name for a in attrs.fields(domain.Befolkning)),
    domain.Vardenhet: ("invanare_inom_1_mil",),
    domain.Andel: ("underlag",),
}

# --- leaves --------------------------------------------------------------------------------


@functools.cache
def _special_days(first: date, last: date) -> tuple[date, ...]:
    days: set[date] = set()
    for year in range(first.year, last.year + 1):
        for holiday in calendar.non_working_holidays(year):
            days.update({holiday, holiday - timedelta(days=1), holiday + timedelta(days=1)})
        for month in range(1, 13):
            end = calendar.add_months(date(year, month, 1), 1) - timedelta(days=1)
            days.update({end, date(year, month, 1)})
        days.update(_dst_days(year))
    return tuple(sorted(d for d in days if first <= d <= last))


def _dst_days(year: int) -> tuple[date, date]:
    def last_sunday(month: int) -> date:
        d = calendar.add_months(date(year, month, 1), 1) - timedelta(days=1)
        return d - timedelta(days=(d.weekday() + 1) % 7)

    return last_sunday(3), last_sunday(10)


def dates(first: date = FIRST_DAY, last: date = LAST_DAY) -> st.SearchStrategy[date]:
    """Days in ``first``–``last``, half of them holidays, eves, days around them, month ends or DST days."""
    return st.one_of(st.dates(first, last), _pick(_special_days(first, last)))


def _pick(items: Sequence[Any]) -> st.SearchStrategy[Any]:
    # sampled_from would print every item in a failing example's strategy repr.
    return st.integers(0, len(items) - 1).map(items.__getitem__)


def as_of_dates() -> st.SearchStrategy[date]:
    """Evaluation days: mostly 2024–2030 (when the rulebooks are in force), sometimes any day."""
    return st.one_of(dates(date(2024, 1, 1), date(2030, 12, 31)), dates())


def times() -> st.SearchStrategy[time]:
    """Local wall-clock times with minute precision (what the schema's ``HH:MM`` carries)."""
    return st.builds(time, st.integers(0, 23), st.sampled_from((0, 0, 15, 30, 45, 59, 1)))


def _exists(local: datetime) -> bool:
    back = local.astimezone(UTC).astimezone(calendar.STOCKHOLM)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


@st.composite
def datetimes(draw: st.DrawFn, first: date = FIRST_DAY, last: date = LAST_DAY) -> datetime:
    """Aware datetimes: a Europe/Stockholm wall time (DST days included, never a nonexistent one),
    given in the zone itself, in the fixed offset JSON carries, or in UTC."""
    years = draw(st.integers(first.year, last.year))
    day = draw(st.one_of(dates(first, last), _pick(_dst_days(years)).filter(lambda d: first <= d <= last)))
    hour = draw(st.one_of(st.integers(0, 23), st.sampled_from((1, 2, 3))))
    minute = draw(st.sampled_from((0, 0, 30, 59, 1, 15)))
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=calendar.STOCKHOLM, fold=draw(st.integers(0, 1)))
    if not _exists(local):
        local = local.replace(hour=(hour + 1) % 24)
    form = draw(st.sampled_from(("zone", "offset", "utc")))
    if form == "offset":
        offset = local.utcoffset()
        assert offset is not None
        return local.astimezone(timezone(offset))
    if form == "utc":
        return local.astimezone(UTC)
    return local


def tidpunkter() -> st.SearchStrategy[date | datetime]:
    """A bare local day or an aware datetime (the domain's ``Tidpunkt``)."""
    return st.one_of(dates(), datetimes())


@st.composite
def personnummer_texts(
    draw: st.DrawFn, *, born_from: date = date(1900, 1, 1), born_to: date = date(1999, 12, 31)
) -> str:
    """Valid personnummer or samordningsnummer text (Luhn check digit), in any accepted form.

    Birth dates default to the 1900s so that a 12-digit number is never born after an as-of day
    in 2000–2099.
    """
    born = draw(st.dates(born_from, born_to))
    coordination = draw(st.booleans())
    day = born.day + (60 if coordination else 0)
    nine = f"{born.year % 100:02d}{born.month:02d}{day:02d}{draw(st.integers(1, 999)):03d}"
    ten = nine + luhn.calc_check_digit(nine)
    form = draw(st.sampled_from(("yymmdd-nnnn", "yymmddnnnn", "yyyymmddnnnn", "yyyymmdd-nnnn")))
    century = f"{born.year // 100:02d}"
    return {
        "yymmdd-nnnn": f"{ten[:6]}-{ten[6:]}",
        "yymmddnnnn": ten,
        "yyyymmddnnnn": century + ten,
        "yyyymmdd-nnnn": f"{century}{ten[:6]}-{ten[6:]}",
    }[form]


def personnummer_forms(text: str, reference: date = date(2050, 1, 1)) -> tuple[str, ...]:
    """Every way the number can be written: 12 digits with and without ``-``, 10 digits with
    ``-``, ``+`` or nothing. A privacy check looks for all of them."""
    digits = Personnummer.parse(text).canonical(reference)
    ten = digits[2:]
    return (digits, f"{digits[:8]}-{digits[8:]}", ten, f"{ten[:6]}-{ten[6:]}", f"{ten[:6]}+{ten[6:]}")


def person_names() -> st.SearchStrategy[str]:
    """Names and addresses: two capitalised words, distinctive enough not to occur by chance."""
    word = st.from_regex(r"[A-ZÅÄÖ][a-zåäöé]{5,9}", fullmatch=True)
    return st.tuples(word, word, st.sampled_from(("", "väg 12", "-Öberg"))).map(
        lambda t: f"{t[0]} {t[1]}{(' ' + t[2]) if t[2] and not t[2].startswith('-') else t[2]}"
    )


# --- documents -------------------------------------------------------------------------------

_VOCAB_WORD = re.compile(r"[a-z][a-z0-9_]{1,40}")


@functools.cache
def _description_words(cls: type, name: str) -> tuple[str, ...]:
    """Codes a field's description lists in parentheses: ``(kalmar, varmland, vasterbotten)``."""
    text = str(attrs.fields_dict(cls)[name].metadata.get("description", ""))
    words = {w for group in re.findall(r"\(([^)]*)\)", text) for w in re.split(r"[,\s]+", group)}
    return tuple(sorted(w for w in words if _VOCAB_WORD.fullmatch(w)))


def _string_strategy(cls: type, name: str, vocabulary: Sequence[str]) -> st.SearchStrategy[str]:
    field = attrs.fields_dict(cls)[name]
    if field.metadata.get("personal"):
        return person_names()
    words = tuple(sorted(set(_description_words(cls, name)) | set(vocabulary)))
    free = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=12)
    if name in ("id", "enhet_id", "mottagande_enhet", "huvudmottagning_id", "tidigare_enhet", "vardnadshavares_enhet", "part"):
        free = st.sampled_from(("e1", "e2", "e3", "u1", "m1", "m2", "m3"))
    return st.one_of(st.sampled_from(words), free) if words else free


def _unique_key(element: Any) -> str | None:
    if attrs.has(element):
        names = attrs.fields_dict(element)
        for key in ("id", "enhet_id"):
            if key in names:
                return key
    return None


def _type_strategy(tp: Any, cls: type, name: str, metadata: Mapping[str, Any], vocabulary: Sequence[str]) -> st.SearchStrategy[Any]:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = tidpunkter() if set(options) == {date, datetime} else st.one_of(
            *[_type_strategy(a, cls, name, metadata, vocabulary) for a in options]
        )
        return st.one_of(st.none(), inner) if type(None) in args else inner
    if origin is tuple:
        element = args[0]
        key = _unique_key(element)
        inner = _type_strategy(element, cls, name, metadata, vocabulary)
        if key is not None:
            unique: Callable[[Any], Any] = operator.attrgetter(key)
            return st.lists(inner, max_size=4, unique_by=unique).map(tuple)
        return st.lists(inner, max_size=4).map(tuple)
    if tp is Personnummer:
        return personnummer_texts().map(Personnummer.parse)
    if tp is domain.Tillagg:  # region extensions: added per region by with_extension, where it is known
        return st.none()
    if tp is date and cls is domain.Person and name == "fodelsedatum":
        # Born in the 1900s, like personnummer_texts: never after a day the document or as_of
        # names (a birth after it is an input error).
        return dates(date(1900, 1, 1), date(1999, 12, 31))
    if attrs.has(tp):
        return st.deferred(lambda: documents(tp, vocabulary=tuple(vocabulary)))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    if tp is bool:
        return st.booleans()
    if tp is int:
        low = metadata.get("minimum", -1000)
        high = metadata.get("maximum", 10**6)
        return st.one_of(st.integers(low, min(high, low + 20)), st.integers(low, high))
    if tp is float:
        low = float(metadata.get("minimum", -1000.0))
        high = float(metadata.get("maximum", 10.0**6))
        return st.one_of(
            st.integers(math.ceil(low), math.floor(min(high, low + 60))).map(float),
            st.floats(low, high, allow_nan=False, allow_infinity=False),
        )
    if tp is str:
        return _string_strategy(cls, name, vocabulary)
    if tp is datetime:
        return datetimes()
    if tp is date:
        return dates()
    if tp is time:
        return times()
    if tp is Personnummer:
        return personnummer_texts().map(Personnummer.parse)
    raise TypeError(f"no strategy for {tp!r} ({cls.__name__}.{name})")


def _ordered(obj: Any) -> Any:
    # Periods and intervals are valid only with fran <= till (times: fran < till).
    names = attrs.fields_dict(type(obj))
    for start, end in (("fran", "till"), ("fran", "forvantad_till")):
        if start in names and end in names:
            a, b = getattr(obj, start), getattr(obj, end)
            if a is not None and b is not None and type(a) is type(b) and a > b:
                obj = attrs.evolve(obj, **{start: b, end: a})
    # A birth date given beside a personnummer must be the one the number encodes.
    pnr, born = getattr(obj, "personnummer", None), getattr(obj, "fodelsedatum", None)
    if isinstance(pnr, Personnummer) and isinstance(born, date) and not pnr.agrees_with(born):
        obj = attrs.evolve(obj, fodelsedatum=None)
    return obj


def _valid_intervals(obj: Any) -> bool:
    fran, till = getattr(obj, "fran", None), getattr(obj, "till", None)
    return not (isinstance(fran, time) and isinstance(till, time) and fran >= till)


@functools.cache
def _documents(cls: type, vocabulary: tuple[str, ...]) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    fields = {
        a.alias: _type_strategy(hints[a.name], cls, a.name, a.metadata, vocabulary)
        for a in attrs.fields(cls)
        if a.init
    }
    return st.builds(cls, **fields).map(_ordered).filter(_valid_intervals)


def documents(type_or_name: type | str, *, vocabulary: Sequence[str] = ()) -> st.SearchStrategy[Any]:
    """Valid documents of a domain type (a class or a name in ``domain.DOCUMENT_TYPES``).

    :param vocabulary: extra strings for text fields (codes a rulebook compares with), drawn as
        often as free text.
    """
    cls = domain.DOCUMENT_TYPES[type_or_name] if isinstance(type_or_name, str) else type_or_name
    return _documents(cls, tuple(sorted(set(vocabulary))))


def with_extension(sdk: Sdk, region: str, document: Any, vocabulary: Sequence[str] = ()) -> st.SearchStrategy[Any]:
    """``document`` as drawn, or carrying the region's own facts (``tillagg.<region>``) when its
    plugin declares an extension of the document's type: absent, reported empty, or generated
    from the plugin's class like every other field (so the rules that read them are exercised)."""
    declared = sdk.extension_types(region).get(type(document).__name__)
    if declared is None:
        return st.just(document)
    entries = st.one_of(st.none(), st.just({}), documents(declared, vocabulary=vocabulary).map(lambda e: {region: e}))
    return entries.map(lambda e: document if e is None else attrs.evolve(document, tillagg=domain.Tillagg(e)))


def document_json(type_name: str, *, vocabulary: Sequence[str] = ()) -> st.SearchStrategy[Any]:
    """The JSON form (dicts, lists, text) of valid documents of ``type_name``."""
    return documents(type_name, vocabulary=vocabulary).map(lambda d: json.loads(dumps(d)))


# --- near-valid JSON -------------------------------------------------------------------------


def _leaves(data: Any, cls: type, path: str = "$") -> Iterator[tuple[str, Any, type, str, Any]]:
    """(path, value, owner class, field name, type hint) of every field present in JSON data."""
    hints = typing.get_type_hints(cls)
    for a in attrs.fields(cls):
        if a.name not in data:
            continue
        value, tp = data[a.name], hints[a.name]
        here = f"{path}.{a.name}"
        yield here, value, cls, a.name, tp
        base = _options(tp)[0]
        if typing.get_origin(base) is tuple:
            element = typing.get_args(base)[0]
            if attrs.has(element) and isinstance(value, list):
                for i, item in enumerate(value):
                    yield from _leaves(item, element, f"{here}[{i}]")
        elif attrs.has(base) and isinstance(value, dict):
            yield from _leaves(value, base, here)


def _objects(data: Any, cls: type, path: str = "$") -> Iterator[tuple[str, Any, type]]:
    yield path, data, cls
    for here, value, _, _, tp in _leaves(data, cls, path):
        base = _options(tp)[0]
        if attrs.has(base) and isinstance(value, dict):
            yield here, value, base
        elif typing.get_origin(base) is tuple and attrs.has(typing.get_args(base)[0]) and isinstance(value, list):
            for i, item in enumerate(value):
                yield f"{here}[{i}]", item, typing.get_args(base)[0]


def _options(tp: Any) -> list[Any]:
    """The non-null members of a union, or the type itself."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [x for x in typing.get_args(tp) if x is not type(None)]
    return [tp]


def _wrong_values(tp: Any, metadata: Mapping[str, Any]) -> list[Any]:
    options = _options(tp)
    base = options[0]
    if set(options) == {date, datetime}:
        return ["2025-02-30", "2025-03-30T02:30", "igår", 20250101]
    if typing.get_origin(base) is tuple:
        return [5, "a", {"x": 1}]
    if attrs.has(base):
        return ["x", 5, [1]]
    if isinstance(base, type) and issubclass(base, Enum):
        return ["okand_kod", 3, ""]
    if base is bool:
        return ["true", 1, "ja"]
    if base in (int, float):
        wrong: list[Any] = ["1", 10**13, -(10**13), True]
        if base is int:
            wrong.append(1.5)
        if "minimum" in metadata:
            wrong.append(metadata["minimum"] - 1)
        if "maximum" in metadata:
            wrong.append(metadata["maximum"] + 1)
        return wrong
    if base is str:
        return [5, ["x"], {"x": "y"}]
    if base is date:
        return ["2025-02-29", "2025-13-01", "1/1/2025", "2025-01-01T10:00+01:00", 2025]
    if base is datetime:
        return ["2025-06-01T10:00", "2025-06-01T25:00+02:00", "2025-02-30T10:00Z", 1.5]
    if base is time:
        return ["24:00", "7", "07:00:00.5", 700]
    if base is Personnummer:
        return ["19121212-1213", "191313131313", "12345", 191212121212]
    return [object()]


@st.composite
def near_valid_json(draw: st.DrawFn, type_name: str) -> tuple[Any, str]:
    """A JSON document of ``type_name`` with exactly one field broken, and the JSON path that the
    :class:`~primarvard_sdk.errors.InvalidDocument` must name (for an unknown or missing key: the
    object's path)."""
    cls = domain.DOCUMENT_TYPES[type_name]
    data = draw(document_json(type_name))
    leaves = [leaf for leaf in _leaves(data, cls) if leaf[1] is not None]
    objects = list(_objects(data, cls))
    how = draw(st.sampled_from(("value", "value", "unknown_key", "missing_key") if leaves else ("unknown_key",)))
    if how == "value":
        path, _, owner, name, tp = draw(st.sampled_from(leaves))
        wrong = draw(st.sampled_from(_wrong_values(tp, attrs.fields_dict(owner)[name].metadata)))
        return _set_path(data, path, wrong), path
    if how == "missing_key":
        required = [
            (f"{path}", obj, a.name)
            for path, obj, owner in objects
            for a in attrs.fields(owner)
            if a.default is attrs.NOTHING and a.name in obj
        ]
        if required:
            path, obj, name = draw(st.sampled_from(required))
            return _set_path(data, path, {k: v for k, v in obj.items() if k != name}), path
    path, obj, _ = draw(st.sampled_from(objects))
    return _set_path(data, path, {**obj, "okant_falt": 1}), path


def _steps(path: str) -> list[str | int]:
    if not _JSON_PATH.match(path):
        raise ValueError(f"not a JSON path: {path}")
    return [name if name else int(index) for name, index in _PATH_STEP.findall(path[1:])]


def _set_path(data: Any, path: str, value: Any) -> Any:
    steps = _steps(path)
    if not steps:
        return value
    copy = json.loads(json.dumps(data))
    target = copy
    for step in steps[:-1]:
        target = target[step]
    target[steps[-1]] = value
    return copy


# --- transformations of documents -----------------------------------------------------------


def _transform(obj: Any, leaf: Callable[[Any], Any], sequence: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None) -> Any:
    if isinstance(obj, Personnummer):
        return leaf(obj)
    if attrs.has(type(obj)):
        changes = {a.alias: _transform(getattr(obj, a.name), leaf, sequence) for a in attrs.fields(type(obj)) if a.init}
        return attrs.evolve(obj, **changes)
    if isinstance(obj, tuple):
        items = tuple(_transform(x, leaf, sequence) for x in obj)
        return sequence(items) if sequence else items
    return leaf(obj)


def shift_dates(document: Any, days: int) -> Any:
    """The document with every date and datetime moved ``days`` days later (earlier if negative)."""
    delta = timedelta(days=days)

    def move(value: Any) -> Any:
        if isinstance(value, date):  # datetimes too: a datetime is a date
            return value + delta
        return value

    return _transform(document, move)


def permute(document: Any, rnd: random.Random) -> Any:
    """The document with every list field (staff, dates, candidates, ...) in a random order."""

    def shuffle(items: tuple[Any, ...]) -> tuple[Any, ...]:
        listed = list(items)
        rnd.shuffle(listed)
        return tuple(listed)

    return _transform(document, lambda v: v, shuffle)


def _walk(obj: Any, path: str = "$") -> Iterator[tuple[str, Any, attrs.Attribute[Any], Any]]:
    """(path, owner, field, value) for every field of every attrs object in the document."""
    if isinstance(obj, Personnummer) or not attrs.has(type(obj)):
        return
    for a in attrs.fields(type(obj)):
        value = getattr(obj, a.name)
        here = f"{path}.{a.name}"
        yield here, obj, a, value
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                yield from _walk(item, f"{here}[{i}]")
        else:
            yield from _walk(value, here)


def removable_paths(document: Any) -> list[str]:
    """JSON paths of the optional fields (``null`` when absent) that are present now.

    Not included: list fields that default to empty (an empty list says "none declared") and
    fields whose description gives absence a meaning ("absent means standard"): those are
    statements, not missing inputs.
    """
    return [
        path
        for path, _, a, value in _walk(document)
        if a.default is None and value is not None and not _absence_means_something(a)
    ]


def _absence_means_something(a: attrs.Attribute[Any]) -> bool:
    # "absent means standard", "absent when nobody": the description gives absence a meaning.
    text = str(a.metadata.get("description", "")).lower()
    return "absent" in text and "indeterminate" not in text


def remove(document: Any, paths: Sequence[str]) -> Any:
    """The document with the fields at ``paths`` absent (``None``, or ``()`` for list fields)."""
    for path in sorted(paths, key=lambda p: -len(p)):  # deepest first: parents may go too
        steps = _steps(path)
        document = _without(document, steps)
    return document


def _without(obj: Any, steps: list[str | int]) -> Any:
    head, rest = steps[0], steps[1:]
    if isinstance(head, int):
        if not isinstance(obj, tuple) or head >= len(obj):
            return obj
        return (*obj[:head], _without(obj[head], rest), *obj[head + 1 :]) if rest else obj
    if obj is None or not attrs.has(type(obj)):
        return obj
    a = attrs.fields_dict(type(obj))[head]
    if rest:
        return attrs.evolve(obj, **{str(a.alias): _without(getattr(obj, head), rest)})
    return attrs.evolve(obj, **{str(a.alias): () if a.default == () else None})


def resolve(document: Any, path: str) -> Any:
    """The value at a JSON path (``None`` when the path runs through an absent value)."""
    value = document
    for step in _steps(path):
        if value is None:
            return None
        if isinstance(step, int):
            value = value[step] if isinstance(value, tuple) and step < len(value) else None
        else:
            value = getattr(value, step, None)
    return value


def grow_population(document: Any, rnd: random.Random) -> Any:
    """The document with every population figure (:data:`POPULATION_FIELDS`) that is present
    increased by a random non-negative amount (within the field's maximum)."""

    def grow(obj: Any) -> Any:
        if attrs.has(type(obj)) and type(obj) in POPULATION_FIELDS:
            changes = {}
            for name in POPULATION_FIELDS[type(obj)]:
                value = getattr(obj, name)
                if isinstance(value, int):
                    top = attrs.fields_dict(type(obj))[name].metadata.get("maximum", value + 10**5)
                    changes[name] = min(top, value + rnd.choice((0, 1, 7, 100, 2500, 10**5)))
            return attrs.evolve(obj, **changes)
        return obj

    def walk(obj: Any) -> Any:
        if isinstance(obj, Personnummer):
            return obj
        if attrs.has(type(obj)):
            changes = {a.alias: walk(getattr(obj, a.name)) for a in attrs.fields(type(obj)) if a.init}
            return grow(attrs.evolve(obj, **changes))
        if isinstance(obj, tuple):
            return tuple(walk(x) for x in obj)
        return obj

    return walk(document)


def _days_in(document: Any) -> set[date]:
    return {domain.local_day(v) for _, _, _, v in _walk(document) if isinstance(v, date)} | {
        domain.local_day(x)
        for _, _, _, v in _walk(document)
        if isinstance(v, tuple)
        for x in v
        if isinstance(x, date)
    }


def _instants_in(document: Any) -> set[datetime]:
    found: set[datetime] = set()
    for _, _, _, v in _walk(document):
        for x in v if isinstance(v, tuple) else (v,):
            if isinstance(x, datetime):
                found.add(x)
    return found


def _personal_strings(document: Any) -> set[str]:
    found: set[str] = set()
    for _, _, a, v in _walk(document):
        if not a.metadata.get("personal") or v is None:
            continue
        if isinstance(v, Personnummer):
            found.update(personnummer_forms(v.as_entered()))
        elif isinstance(v, str) and len(v) >= 8:
            found.add(v)
    return found


# --- checks --------------------------------------------------------------------------------


def _who(sdk: Sdk, region: str) -> str:
    for info in sdk.plugins():
        if info.region.code == region:
            return f"plugin {info.distribution}"
    return f"region {region}"


def _fail(sdk: Sdk, rule: Rule, message: str, document: Any = None, as_of: date | None = None) -> AssertionError:
    where = f"{_who(sdk, rule.region)}: rule {rule.id}: {message}"
    if document is not None:
        where += f"\n  as_of: {as_of}\n  document: {dumps(document)[:3000]}"
    return AssertionError(where)


def check_plugins_loaded(sdk: Sdk) -> None:
    """Every plugin loaded and registered: no :attr:`Sdk.failures`."""
    failures = sdk.failures
    if failures:
        lines = "\n".join(f"  plugin {f.distribution}: {f.message}" for f in failures)
        raise AssertionError(f"{len(failures)} plugin(s) failed to load:\n{lines}")


def check_region(sdk: Sdk, region: str) -> None:
    """The region is served by exactly one plugin and every programme's rules and annexes load."""
    try:
        info = sdk.region(region)
    except Exception as exc:
        raise AssertionError(f"region {region}: {type(exc).__name__}: {exc}") from None
    if not info.programmes:
        raise AssertionError(f"{_who(sdk, region)}: region {region} declares no programme")
    for programme in info.programmes:
        try:
            rules = sdk.rules(region, programme.code)
            sdk.annexes(region, programme.code)
        except Exception as exc:
            raise AssertionError(
                f"{_who(sdk, region)}: programme {region}.{programme.code} does not load: {type(exc).__name__}: {exc}"
            ) from None
        for annex in sdk.annexes(region, programme.code):
            if annex.rule_id is not None and annex.rule_id not in {r.id for r in rules}:
                raise AssertionError(f"{_who(sdk, region)}: annex {annex.topic} cites unknown rule {annex.rule_id}")
    ids = [r.id for r in sdk.rules(region)]
    if len(ids) != len(set(ids)):
        raise AssertionError(f"{_who(sdk, region)}: duplicate rule ids")


def check_rule(sdk: Sdk, rule: Rule) -> None:
    """A rule's metadata: id grammar and ownership, kind and input, citation, dated parameters."""
    problems = []
    if not RULE_ID_PATTERN.match(rule.id):
        problems.append("id does not match <region>.<programme>.<subject>[.<name>]")
    if rule.id.split(".")[:3] != [rule.region, rule.programme, rule.subject]:
        problems.append("id does not start with its region, programme and subject")
    if (rule.kind is Kind.annex) != (rule.input_type is None):
        problems.append("annex rules take no input; every other rule names an input type")
    if rule.input_type is not None and rule.input_type not in domain.DOCUMENT_TYPES:
        problems.append(f"input type {rule.input_type!r} is not a document type")
    if not rule.title.strip() or not rule.description.strip():
        problems.append("empty title or description")
    c = rule.citation
    if not (c.document.strip() and c.section.strip() and c.quote.strip()):
        problems.append("citation needs a document, a section and a non-empty quote")
    for p in rule.parameters:
        if not p.values:
            problems.append(f"parameter {p.name} has no value")
        for v in p.values:
            if v.valid_from is None:
                problems.append(f"parameter {p.name} has a value without valid_from")
            elif v.valid_to is not None and v.valid_to < v.valid_from:
                problems.append(f"parameter {p.name}: valid_to before valid_from")
    if problems:
        raise _fail(sdk, rule, "; ".join(problems))


class RuleCrashed(AssertionError):
    """A rule raised, hung or returned something that is not a finding (not a wrong answer).

    The kit reports the first one at once instead of shrinking it: the message names the rule, the
    plugin's module and line, and (with ``PRIMARVARD_DEBUG=1``) chains the plugin's traceback.
    """


def evaluate_rule(sdk: Sdk, rule: Rule, document: Any, as_of: date) -> Result:
    """Evaluate one rule; any exception becomes an AssertionError (:class:`RuleCrashed` for a
    plugin fault) naming plugin, rule, the module and line that raised, and the document."""
    from primarvard_sdk.host import debugging

    try:
        results = sdk.evaluate(document, region=rule.region, programme=rule.programme, as_of=as_of, rule=rule.id)
    except PluginError as exc:
        detail = exc.detail.removeprefix(f"rule {rule.id}: ").removeprefix(f"rule {rule.id} ")
        hint = "" if debugging() or " raised " not in detail else " (set PRIMARVARD_DEBUG=1 to see the plugin's traceback)"
        crash = _fail(sdk, rule, f"{detail}{hint}", document, as_of)
        raise RuleCrashed(str(crash)) from exc.__cause__
    except Exception as exc:
        raise _fail(sdk, rule, f"raised {type(exc).__name__}: {exc}", document, as_of) from None
    if len(results) != 1:
        raise _fail(sdk, rule, f"evaluating one rule gave {len(results)} results", document, as_of)
    return results[0]


def _programme_problems(sdk: Sdk, region: str, programme: str, kinds: frozenset[str]) -> None:
    from primarvard_sdk.check import check_programme

    problems, _, _ = check_programme(sdk, region, programme)
    shown = [p for p in problems if p.kind in kinds or p.kind == "load"]
    if shown:
        lines = "\n".join(f"  {p.message}" for p in shown)
        raise AssertionError(f"{_who(sdk, region)}: programme {region}.{programme}: {len(shown)} problem(s):\n{lines}")


def check_examples(sdk: Sdk, region: str, programme: str) -> None:
    """Every worked example of the programme answers as expected; the message lists each failing
    example with its file and line, rule, name, deciding words and what differs."""
    _programme_problems(sdk, region, programme, frozenset({"example"}))


def check_example_coverage(sdk: Sdk, region: str, programme: str) -> None:
    """The examples cover every rule (:func:`primarvard_sdk.examples.coverage_problems`) and read
    every declared parameter (:func:`primarvard_sdk.examples.unread_parameters`)."""
    _programme_problems(sdk, region, programme, frozenset({"coverage"}))


def _is_due(value: Any) -> bool:
    return isinstance(value, date) or (
        isinstance(value, tuple | list) and bool(value) and all(isinstance(v, date) for v in value)
    )


def check_result(sdk: Sdk, rule: Rule, result: Result, document: Any) -> None:
    """The documented shape of a result (see :mod:`primarvard_sdk.findings` for the conventions)."""
    problems: list[str] = []
    expected = (rule.id, rule.region, rule.programme, rule.subject, rule.kind, rule.citation, rule.notes)
    got = (result.rule_id, result.region, result.programme, result.subject, result.kind, result.citation, result.notes)
    if got != expected:
        problems.append("identity, kind, citation or notes differ from the rule")
    allowed = _DEADLINE_OUTCOMES if rule.kind is Kind.deadline else _OTHER_OUTCOMES
    if result.outcome not in allowed:
        problems.append(f"outcome {result.outcome.value} is not one a {rule.kind.value} rule answers")
    if not result.explanation.sv.strip() or not result.explanation.en.strip():
        problems.append("explanation must be given in Swedish and English")
    if (result.outcome is Outcome.indeterminate) != bool(result.missing):
        problems.append("indeterminate must name the missing inputs, and only indeterminate may")
    for path in result.missing:
        if not _JSON_PATH.match(path):
            problems.append(f"missing path {path!r} is not a JSON path like $.patient.fodelsedatum")
        elif _present(resolve(document, path)) and path not in (result.values.get("inconsistent") or ()):
            problems.append(f"reports {path} as missing but the document has it")
    names = {p.name for p in rule.parameters}
    for used in result.parameters:
        if used.name not in names:
            problems.append(f"used parameter {used.name} is not declared")
        day = result.governing_day or result.as_of
        if rule.governing_day == EACH_ITEM:
            continue  # each item reads the values in force on its own day
        if (used.valid_from and used.valid_from > day) or (used.valid_to and used.valid_to < day):
            problems.append(f"parameter {used.name} is not in force on the governing day {day}")
    if result.edition is None and result.outcome is not Outcome.indeterminate and rule.governing_day != EACH_ITEM \
            and values_reason(result) != "no_rulebook_in_force":
        problems.append("a result outside every rulebook edition must be not_applicable (no_rulebook_in_force)")
    values = result.values
    if rule.kind is Kind.deadline and result.outcome in (Outcome.met, Outcome.missed, Outcome.open):
        no_limit = "due" in values and values["due"] is None and "days_elapsed" in values
        if no_limit and result.outcome is Outcome.missed:  # "snarast": no number of days, so never late
            problems.append("a deadline with no number of days (values['due'] null) cannot be missed")
        elif not no_limit and not _is_due(values.get("due")):
            problems.append("a deadline result needs values['due'] (a date or datetime), or, where the text "
                            "gives no number of days, values['due'] null with values['days_elapsed']")
        elif "actual" not in values:
            problems.append("a deadline result needs values['actual'] (null when nothing is recorded)")
    if rule.kind is Kind.eligibility and result.outcome in (Outcome.passed, Outcome.fail, Outcome.warning):
        decisions: dict[Outcome, tuple[str, ...]] = {
            Outcome.passed: ("accept",), Outcome.fail: ("reject", "route"), Outcome.warning: (),
        }
        if "decision" in values and values["decision"] not in decisions[result.outcome]:
            problems.append(f"an eligibility {result.outcome.value} has values['decision'] not in "
                            f"{decisions[result.outcome]}")
        elif values.get("decision") == "route" and not values.get("route"):
            problems.append("a route decision needs values['route']")
    if rule.kind is Kind.threshold and result.outcome in (Outcome.passed, Outcome.fail) and "required" not in values:
        problems.append("a threshold result needs values['required'] (and 'declared')")
    if rule.kind is Kind.allocation and result.outcome in (Outcome.passed, Outcome.fail, Outcome.warning) \
            and not ("allocation" in values and "total" in values):
        problems.append("an allocation result needs values['allocation'] and values['total']")
    reference = getattr(document, "referens", None)
    if reference is not None and result.reference != reference:
        problems.append("the caller's referens must be carried into the result")
    text = dumps(result)
    if any(secret in text for secret in _personal_strings(document)):
        problems.append("personal data (personnummer, name or address) appears in the result")
    if problems:
        raise _fail(sdk, rule, "; ".join(problems), document, result.as_of)


def values_reason(result: Result) -> Any:
    """``values['reason']`` of a result, if any."""
    return result.values.get("reason")


def check_round_trip(sdk: Sdk, rule: Rule, result: Result, document: Any) -> None:
    """Result and document: JSON → schema validation → structure → byte-identical JSON."""
    from primarvard_sdk.schema import validator_for

    for name, obj in (("Result", result), (type(document).__name__, document)):
        text = dumps(obj)
        data = json.loads(text)
        errors = sorted(validator_for(name).iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            where = ".".join(map(str, errors[0].absolute_path))
            raise _fail(sdk, rule, f"{name} JSON fails its schema at $.{where}: {errors[0].validator}", document, result.as_of)
        try:
            again = parse_document(data, name) if name in domain.DOCUMENT_TYPES else structure(data, Result)
        except InvalidDocument as exc:
            raise _fail(sdk, rule, f"{name} JSON does not structure back: {exc}", document, result.as_of) from None
        if dumps(again) != text:
            raise _fail(sdk, rule, f"{name} changes in a JSON round trip", document, result.as_of)
    if dumps(evaluate_rule(sdk, rule, document, result.as_of)) != dumps(result):
        raise _fail(sdk, rule, "evaluating the same document twice gives different JSON", document, result.as_of)


def check_order_independent(sdk: Sdk, rule: Rule, document: Any, as_of: date, rnd: random.Random) -> None:
    """The result (outcome, conventional values, missing inputs) does not depend on the order of
    list fields."""
    first = _substance(evaluate_rule(sdk, rule, document, as_of))
    shuffled = permute(document, rnd)
    if _substance(evaluate_rule(sdk, rule, shuffled, as_of)) != first:
        raise _fail(sdk, rule, "result depends on the order of list fields; shuffled document:\n  "
                    + dumps(shuffled)[:3000], document, as_of)


def check_indeterminate_never_guesses(sdk: Sdk, rule: Rule, document: Any, as_of: date, rnd: random.Random) -> None:
    """Once a rule answers indeterminate, removing more inputs never makes it decide.

    (That a result naming missing inputs is itself indeterminate is checked by :func:`check_result`.)
    """
    result = evaluate_rule(sdk, rule, document, as_of)
    if result.outcome is not Outcome.indeterminate:
        # Remove inputs at random until the rule asks for something.
        paths = removable_paths(document)
        if not paths:
            return
        document = remove(document, rnd.sample(paths, rnd.randint(1, len(paths))))
        result = evaluate_rule(sdk, rule, document, as_of)
        if result.outcome is not Outcome.indeterminate:
            return
    paths = removable_paths(document)
    if not paths or result.values.get("inconsistent"):
        return  # an unusable value, once removed, may leave a decidable case
    fewer = remove(document, rnd.sample(paths, rnd.randint(1, len(paths))))
    again = evaluate_rule(sdk, rule, fewer, as_of)
    if again.outcome in DECISIVE:
        raise _fail(sdk, rule, f"indeterminate on the document (missing {', '.join(result.missing)}), but "
                    f"{again.outcome.value} with fewer inputs:\n  " + dumps(fewer)[:3000], document, as_of)


def _add_months(months: int, day: date) -> date:
    return calendar.add_months(day, months)


def _present(value: Any) -> bool:
    # A bare date where a rule needs the time of day counts as missing that time.
    return value not in (None, ()) and not (isinstance(value, date) and not isinstance(value, datetime))


_INDEX = re.compile(r"\[[0-9]+\]")
#: The values that carry a result's substance (see :mod:`primarvard_sdk.findings`).
_KEY_VALUES = ("due", "decision", "route", "required", "declared", "allocation", "total")


def _substance(result: Result) -> str:
    """Outcome, the conventional values and the missing paths, without list positions (a path
    such as ``$.personal[2].yrke`` names a record by its position, which a shuffle changes)."""
    values = {k: result.values.get(k) for k in _KEY_VALUES if k in result.values}
    missing = sorted(_INDEX.sub("[]", p) for p in result.missing)
    return dumps({"outcome": result.outcome, "values": values, "missing": missing})


def _used(result: Result) -> dict[str, Any]:
    return {p.name: p.value for p in result.parameters}


def check_deadline(sdk: Sdk, rule: Rule, document: Any, as_of: date, days: int) -> None:
    """Deadline invariants.

    - ``calendar_days`` N: due is exactly N days after a day of the document (never moved);
      ``weekdays`` N: due is a vardag, the N-th after a day of the document; ``hours`` N: due is
      N real hours after an instant of the document; ``months``/``months_after``/``years`` N:
      due is that many months/years after a day of the document; so due is never before its event.
    - Shifting every date, datetime and the as-of day ``days`` later never moves due earlier.
    """
    result = evaluate_rule(sdk, rule, document, as_of)
    due = result.values.get("due")
    if not isinstance(due, date):
        return
    due_day = domain.local_day(due)
    used = _used(result)
    events = _days_in(document)
    checks: list[tuple[str, Callable[[date], Any]]] = []
    alone = len(used) == 1
    n = used.get("calendar_days")
    if isinstance(n, int) and alone:
        checks.append((f"{n} calendar days after", lambda e: calendar.add_calendar_days(e, n)))
    n_w = used.get("weekdays")
    if isinstance(n_w, int) and n_w > 0:
        if not calendar.is_vardag(due_day):
            raise _fail(sdk, rule, f"due {due_day} of a {n_w}-vardagar deadline is not a vardag", document, as_of)
        checks.append((f"the {n_w}th vardag after", lambda e: calendar.nth_vardag_after(e, n_w)))
    for key, months in (("months", 1), ("months_after", 1), ("years", 12)):
        n_m = used.get(key)
        if isinstance(n_m, int) and alone:
            checks.append((f"{n_m} {key} after", functools.partial(_add_months, n_m * months)))
    for label, compute in checks:
        if not any(compute(e) == due_day for e in events if FIRST_DAY <= e <= LAST_DAY):
            raise _fail(sdk, rule, f"due {due_day} is not {label} any day of the document", document, as_of)
    hours = used.get("hours")
    if isinstance(hours, int | float) and isinstance(due, datetime) and alone:
        instants = _instants_in(document)
        if not any(calendar.add_hours(i, hours) == due for i in instants):
            raise _fail(sdk, rule, f"due {due.isoformat()} is not {hours} hours after an instant of the document", document, as_of)
    days = min(days, (LAST_DAY - max(events | {as_of})).days)
    if days <= 0:
        return
    moved = shift_dates(document, days)
    later = evaluate_rule(sdk, rule, moved, as_of + timedelta(days=days))
    due_later = later.values.get("due")
    if isinstance(due_later, date) and type(due_later) is type(due) and _used(later) == used:
        earlier = due_later < due if isinstance(due, datetime) else domain.local_day(due_later) < due_day
        if earlier:
            raise _fail(sdk, rule, f"moving every date {days} days later moved due from {due} to {due_later}", document, as_of)


def _numbers(value: Any) -> dict[str, float] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return {"": float(value)}
    if isinstance(value, Mapping) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()):
        return {str(k): float(v) for k, v in value.items()}
    return None


def check_threshold_monotone(sdk: Sdk, rule: Rule, document: Any, as_of: date, rnd: random.Random) -> None:
    """A required quantity never falls when the population grows."""
    before = evaluate_rule(sdk, rule, document, as_of)
    required = _numbers(before.values.get("required"))
    if required is None:
        return
    bigger = grow_population(document, rnd)
    after = _numbers(evaluate_rule(sdk, rule, bigger, as_of).values.get("required"))
    if after is None:
        return
    for key, value in required.items():
        if key in after and after[key] < value - 1e-9:
            raise _fail(sdk, rule, f"required{('[' + key + ']') if key else ''} fell from {value} to {after[key]} "
                        "when the population grew:\n  " + dumps(bigger)[:3000], document, as_of)


def check_allocation(sdk: Sdk, rule: Rule, document: Any, as_of: date) -> None:
    """Allocated shares are non-negative and sum exactly to the total."""
    result = evaluate_rule(sdk, rule, document, as_of)
    allocation, total = result.values.get("allocation"), result.values.get("total")
    if allocation is None or total is None:
        return
    if not isinstance(allocation, Mapping) or not isinstance(total, int | float):
        raise _fail(sdk, rule, "allocation must map unit ids to numbers and total must be a number", document, as_of)
    shares = list(allocation.values())
    if not all(isinstance(s, int | float) and not isinstance(s, bool) for s in shares):
        raise _fail(sdk, rule, "every allocated share must be a number", document, as_of)
    if any(s < 0 for s in shares):
        raise _fail(sdk, rule, f"negative share in {dict(allocation)}", document, as_of)
    if shares and abs(math.fsum(shares) - total) > 1e-9 * max(1.0, abs(total)):
        raise _fail(sdk, rule, f"shares sum to {math.fsum(shares)}, not to the total {total}", document, as_of)


# --- the conformance suite -----------------------------------------------------------------


_COMMON: dict[str, Any] = {
    "deadline": None,  # the first call of a rule loads its programme: never a time limit per example
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    "print_blob": True,
}


def register_profiles() -> None:
    """Register hypothesis profiles ``ci`` (12 derandomized examples a property), ``nightly`` (400)
    and ``survey`` (no shrinking: many failing rules reported quickly). It only registers them:
    :class:`ConformanceTests` applies its own settings (``ci`` unless ``HYPOTHESIS_PROFILE`` or a
    loaded profile says otherwise, always without a deadline), so a plugin needs no conftest."""
    # CI is derandomized: the same examples every run, so a red CI reproduces locally.
    settings.register_profile("ci", max_examples=12, derandomize=True, **_COMMON)
    settings.register_profile("nightly", max_examples=400, **_COMMON)
    # A survey of many failing rules: no shrinking, so every failure is reported quickly.
    settings.register_profile("survey", max_examples=12, phases=[Phase.generate], **_COMMON)


def kit_settings() -> settings:
    """The settings the conformance kit runs its properties with: the profile named by
    ``HYPOTHESIS_PROFILE``, else the profile the caller loaded, else ``ci`` — with the kit's own
    deadline (none) and health checks, whatever the profile says."""
    import os

    register_profiles()
    name = os.environ.get("HYPOTHESIS_PROFILE")
    if name:
        base = settings.get_profile(name)
    elif getattr(settings, "_current_profile", "default") == "default":
        base = settings.get_profile("ci")
    else:
        base = settings.default or settings.get_profile("ci")
    return settings(base, **_COMMON)


def _run_property(test: Callable[..., None], **strategies: Any) -> None:
    """Run ``test`` as a hypothesis property with :func:`kit_settings`; a rule that crashes
    (:class:`RuleCrashed`) is reported at once, on the first document that made it crash, instead
    of being shrunk for minutes."""
    crashes: list[RuleCrashed] = []

    def guarded(**kwargs: Any) -> None:
        try:
            test(**kwargs)
        except RuleCrashed as exc:
            crashes.append(exc)
            raise _StopProperty from None  # not an Exception: hypothesis stops without shrinking

    try:
        kit_settings()(given(**strategies)(guarded))()
    except _StopProperty:
        raise crashes[0] from crashes[0].__cause__ if crashes else None


class _StopProperty(BaseException):
    """Ends a property at the first crash of a rule (see :func:`_run_property`)."""


def _vocabulary(sdk: Sdk, region: str, programme: str) -> tuple[str, ...]:
    words: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, str):
            words.add(value)
        elif isinstance(value, Mapping):
            for k, v in value.items():
                collect(k)
                collect(v)
        elif isinstance(value, tuple | list):
            for v in value:
                collect(v)

    for rule in sdk.rules(region, programme):
        for p in rule.parameters:
            for v in p.values:
                collect(v.value)
    words.update({region, programme})
    return tuple(sorted(w for w in words if 0 < len(w) <= 60))


class ConformanceTests:
    """The conformance suite for region plugins; subclass it in a test module (see the module doc).

    :cvar sdk: the SDK under test; ``None`` means the installed plugins (entry points).
    :cvar regions: the region codes to test; ``None`` means every region of ``sdk``.
    """

    sdk: ClassVar[Sdk | None] = None
    regions: ClassVar[Sequence[str] | None] = None

    @classmethod
    def _sdk(cls) -> Sdk:
        if cls.sdk is None:
            from primarvard_sdk.api import default_sdk

            return default_sdk()
        return cls.sdk

    @classmethod
    def _regions(cls) -> list[str]:
        sdk = cls._sdk()
        return list(cls.regions) if cls.regions is not None else [r.code for r in sdk.regions()]

    @classmethod
    def _rules(cls, kinds: frozenset[Kind] | None = None) -> list[str]:
        sdk = cls._sdk()
        found: list[str] = []
        for region in cls._regions():
            try:
                rules = sdk.rules(region)
            except Exception:  # reported by test_region
                continue
            found.extend(r.id for r in rules if r.input_type is not None and (kinds is None or r.kind in kinds))
        return found

    @classmethod
    def _programmes(cls) -> list[str]:
        sdk = cls._sdk()
        found: list[str] = []
        for region in cls._regions():
            try:
                found.extend(f"{region}.{p.code}" for p in sdk.region(region).programmes)
            except Exception:  # reported by test_region
                continue
        return found

    def pytest_generate_tests(self, metafunc: Any) -> None:
        """Parametrise over regions (``region``) and rules (``rule_id``, ``deadline_rule_id``, ...)."""
        names = metafunc.fixturenames
        if "region" in names:
            metafunc.parametrize("region", self._regions())
        if "programme" in names:
            keys = self._programmes()
            programmes: list[str | None] = list(keys) or [None]
            metafunc.parametrize("programme", programmes, ids=keys or ["no-programme"])
        for arg, kinds in (
            ("rule_id", None),
            ("deadline_rule_id", frozenset({Kind.deadline})),
            ("threshold_rule_id", frozenset({Kind.threshold})),
            ("allocation_rule_id", frozenset({Kind.allocation})),
        ):
            if arg in names:
                ids = self._rules(kinds)
                values: list[str | None] = list(ids) or [None]
                metafunc.parametrize(arg, values, ids=ids or ["no-such-rule"])

    def _rule(self, rule_id: str | None) -> Rule:
        if rule_id is None:
            import pytest

            pytest.skip("no rule of this kind is installed")
        return self._sdk().rule(rule_id)

    def _draw(self, data: Any, rule: Rule) -> tuple[Any, date]:
        assert rule.input_type is not None
        vocabulary = _vocabulary(self._sdk(), rule.region, rule.programme)
        document = data.draw(documents(rule.input_type, vocabulary=vocabulary), label="document")
        document = data.draw(with_extension(self._sdk(), rule.region, document, vocabulary), label="tillagg")
        return document, data.draw(as_of_dates(), label="as_of")

    # --- the tests ---

    def test_plugins_loaded(self) -> None:
        check_plugins_loaded(self._sdk())

    def test_region(self, region: str) -> None:
        check_region(self._sdk(), region)

    def test_rule_metadata(self, rule_id: str | None) -> None:
        check_rule(self._sdk(), self._rule(rule_id))

    def test_examples(self, programme: str | None) -> None:
        """The plugin's worked examples: every rule answers as the text says."""
        check_examples(self._sdk(), *self._programme_key(programme))

    def test_example_coverage(self, programme: str | None) -> None:
        """Every rule has its cases (typical, boundaries, scope, missing inputs); every declared
        parameter is read by some example."""
        check_example_coverage(self._sdk(), *self._programme_key(programme))

    @staticmethod
    def _programme_key(programme: str | None) -> tuple[str, str]:
        if programme is None:
            import pytest

            pytest.skip("no programme is installed")
        region, _, code = programme.partition(".")
        return region, code

    # The properties are built when the test runs, with the kit's own settings (kit_settings).

    def test_rule_result(self, rule_id: str | None) -> None:
        """Any valid document: never raises, documented shape, JSON round trip, deterministic."""
        rule, sdk = self._rule(rule_id), self._sdk()

        def check(data: Any) -> None:
            document, as_of = self._draw(data, rule)
            result = evaluate_rule(sdk, rule, document, as_of)
            check_result(sdk, rule, result, document)
            check_round_trip(sdk, rule, result, document)

        _run_property(check, data=st.data())

    def test_rule_order_and_missing_inputs(self, rule_id: str | None) -> None:
        """List order does not matter; a missing input never turns into a decision."""
        rule, sdk = self._rule(rule_id), self._sdk()

        def check(data: Any, rnd: random.Random) -> None:
            document, as_of = self._draw(data, rule)
            check_order_independent(sdk, rule, document, as_of, rnd)
            check_indeterminate_never_guesses(sdk, rule, document, as_of, rnd)

        _run_property(check, data=st.data(), rnd=st.randoms(use_true_random=False))

    def test_deadline(self, deadline_rule_id: str | None) -> None:
        """Due dates follow from the document's days and move monotonically with them."""
        rule, sdk = self._rule(deadline_rule_id), self._sdk()

        def check(data: Any, days: int) -> None:
            document, as_of = self._draw(data, rule)
            check_deadline(sdk, rule, document, as_of, days)

        _run_property(check, data=st.data(), days=st.integers(1, 400))

    def test_threshold(self, threshold_rule_id: str | None) -> None:
        """Required quantities are monotone in the population."""
        rule, sdk = self._rule(threshold_rule_id), self._sdk()

        def check(data: Any, rnd: random.Random) -> None:
            document, as_of = self._draw(data, rule)
            check_threshold_monotone(sdk, rule, document, as_of, rnd)

        _run_property(check, data=st.data(), rnd=st.randoms(use_true_random=False))

    def test_allocation(self, allocation_rule_id: str | None) -> None:
        """Allocations are non-negative and sum exactly to the total."""
        rule, sdk = self._rule(allocation_rule_id), self._sdk()

        def check(data: Any) -> None:
            document, as_of = self._draw(data, rule)
            check_allocation(sdk, rule, document, as_of)

        _run_property(check, data=st.data())


# --- the plugin fault matrix -------------------------------------------------------------------


@functools.cache
def _sample_document(type_name: str) -> Any:
    """One valid document of a type, the same every run."""
    from hypothesis import find

    return find(documents(type_name), lambda _: True,
                settings=settings(database=None, derandomize=True, phases=[Phase.generate],
                                  suppress_health_check=list(HealthCheck)))


def _answers(sdk: Sdk, regions: Sequence[str]) -> dict[str, str]:
    """What these regions of ``sdk`` answer for one document of each type (results or error)."""
    found: dict[str, str] = {}
    for region in sdk.regions():
        if region.code not in regions:
            continue
        for programme in region.programmes:
            for type_name in domain.DOCUMENT_TYPES:
                key = f"{region.code}.{programme.code} {type_name}"
                try:
                    found[key] = dumps(sdk.evaluate(_sample_document(type_name), region=region.code,
                                                    programme=programme.code, as_of=date(2025, 6, 30)))
                except Exception as exc:
                    found[key] = f"{type(exc).__name__}: {exc}"
    return found


def check_fault_contained(fault: Any, plugins: Sequence[Any] = (), entry_points: bool = True,
                          plugin_timeout: float = 0.5) -> None:
    """One hostile plugin (a :class:`primarvard_sdk.faults.Fault`) beside the plugins under test:
    it is reported with its distribution name, within the time limit, without any personal data
    in any message or result, and every other region answers exactly as without it (a region it
    claims is refused, never taken over)."""
    from importlib.metadata import entry_points as installed

    from primarvard_sdk import faults

    eps = sorted(installed(group="primarvard_sdk"), key=lambda e: e.name) if entry_points else []
    healthy = Sdk(plugins=plugins, entry_points=list(eps))
    claimed = healthy.regions()[0].code if fault.claims else None
    plugin = faults.claimant(claimed) if claimed else fault.plugin
    extra = [(plugin, fault.distribution)] if plugin is not None else []
    sdk = Sdk(plugins=[*plugins, *extra], entry_points=[*eps, *([fault.entry_point] if fault.entry_point else [])],
              plugin_timeout=plugin_timeout)
    started = clock.monotonic()
    texts = [f.message for f in sdk.failures]
    region = str(getattr(plugin, "code", ""))
    document = parse_document(faults.DOCUMENT, "Remiss")

    def fails(call: Callable[[], Any]) -> str:
        try:
            call()
        except PluginError as exc:
            assert exc.distribution == fault.distribution, f"{fault.name}: blamed {exc.distribution}"
            return str(exc)
        raise AssertionError(f"{fault.name}: no PluginError")

    if fault.where == "load":
        mine = [f.message for f in sdk.failures if f.distribution == fault.distribution]
        assert any(fault.message in m for m in mine), f"{fault.name}: reported {mine or sdk.failures}"
    elif fault.where == "rules":
        texts.append(fails(lambda: sdk.rules(region)))
        assert fault.message in texts[-1], texts[-1]
    elif fault.where == "evaluate":
        texts.append(fails(lambda: sdk.evaluate(document, region=region, programme="vardval", as_of=date(2025, 3, 10))))
        assert fault.message in texts[-1], texts[-1]
        texts.append(fails(lambda: sdk.evaluate(document, region=region, programme="vardval", as_of=date(2025, 3, 10))))
    else:
        results = sdk.evaluate(document, region=region, programme="vardval", as_of=date(2025, 3, 10))
        shown = dumps(results)
        texts.append(shown)
        if fault.where == "frozen":
            sdk.evaluate(document, region=region, programme="vardval", as_of=date(2025, 3, 10))
            assert dumps(results) == shown, f"{fault.name}: a result changed after it was returned"
            try:
                results[0].values["calls"] = 99  # type: ignore[index]
            except TypeError:
                pass
            else:
                raise AssertionError(f"{fault.name}: a result's values can be changed")
    assert clock.monotonic() - started < 4 * plugin_timeout + 5, f"{fault.name}: not cut off in time"
    texts += [f.message for f in sdk.failures]
    for text in texts:
        for secret in faults.PERSONAL:
            assert secret not in text, f"{fault.name}: personal data in {text[:200]!r}"
    others = [r.code for r in healthy.regions() if r.code != claimed]
    assert _answers(sdk, others) == _answers(healthy, others), f"{fault.name}: other regions changed"
    if claimed:
        try:
            sdk.rules(claimed)
        except PluginError as exc:
            assert fault.distribution in str(exc), exc
        else:
            raise AssertionError(f"{fault.name}: region {claimed} was taken over")


class FaultMatrixTests:
    """The plugin fault matrix: every hostile plugin of :mod:`primarvard_sdk.faults` (import
    errors, a ``None`` entry point, ``SystemExit``, hangs, malformed and unserialisable results,
    personal data in results, claims on another region or rule id, ...) installed beside the
    plugins under test, one test each. Subclass it like :class:`ConformanceTests`.

    :cvar plugins: plugins under test that are not installed, as ``(plugin, distribution)``.
    :cvar entry_points: also the installed plugins.
    :cvar plugin_timeout: the limit the hanging faults are cut off at.
    """

    plugins: ClassVar[Sequence[Any]] = ()
    entry_points: ClassVar[bool] = True
    plugin_timeout: ClassVar[float] = 0.5

    def pytest_generate_tests(self, metafunc: Any) -> None:
        if "fault" in metafunc.fixturenames:
            from primarvard_sdk.faults import FAULTS

            metafunc.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])

    def test_fault_is_contained(self, fault: Any) -> None:
        check_fault_contained(fault, self.plugins, self.entry_points, self.plugin_timeout)
