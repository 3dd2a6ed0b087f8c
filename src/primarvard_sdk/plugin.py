"""What a region plugin is built from: data files for rules, parameters, citations and annexes,
and one Python function per rule.

A plugin package holds ``data/region.yaml`` (the region and its programmes), one
``data/<programme>.yaml`` per programme (rules with dated, cited parameters; annexes), and one
module per programme whose rule functions are registered with :class:`Implementations`.
:class:`RegionPlugin` implements the hooks from them and validates everything when a programme
is first loaded: a malformed data file is a :class:`~primarvard_sdk.errors.RulebookDataError`
naming the file and the JSON path.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from primarvard_sdk.context import RuleContext
from primarvard_sdk.convert import structure
from primarvard_sdk.errors import InvalidDocument, RulebookDataError
from primarvard_sdk.examples import Example, load_examples
from primarvard_sdk.hookspecs import hookimpl
from primarvard_sdk.model import (
    AS_OF,
    EACH_ITEM,
    RULE_ID_PATTERN,
    Annex,
    Citation,
    Edition,
    Finding,
    Kind,
    Parameter,
    ParameterValue,
    Programme,
    Region,
    Rule,
    SourceDocument,
)
from primarvard_sdk.vectorised import Column, VectorisedRule

if TYPE_CHECKING:
    from primarvard_sdk.shapes import Shape

__all__ = ["Implementations", "RegionPlugin", "RuleFunction", "hookimpl", "load_rulebook"]

D = TypeVar("D")
#: A rule implementation: the document and the context in, a finding out.
RuleFunction = Callable[[Any, RuleContext], Finding]


# --- the data file format -------------------------------------------------------------------


@attrs.frozen
class _CitationData:
    document: str
    section: str
    quote: str


@attrs.frozen
class _ValueData:
    value: Any
    valid_from: date
    valid_to: date | None = None
    citation: _CitationData | None = None


@attrs.frozen
class _ParameterData:
    name: str
    values: tuple[_ValueData, ...]
    description: str | None = None
    unit: str | None = None


@attrs.frozen
class _RuleData:
    id: str
    kind: Kind
    title: str
    description: str
    citation: _CitationData
    description_sv: str | None = None
    input: str | None = None
    notes: str | None = None
    parameters: tuple[_ParameterData, ...] = ()
    governing_day: str | None = None
    scope: str | None = None
    needs: tuple[str, ...] = ()


@attrs.frozen
class _AnnexData:
    topic: str
    title: str
    number: str | None = None
    section: str | None = None
    aliases: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    rule_id: str | None = None


@attrs.frozen
class _RulebookData:
    region: str
    programme: str
    rules: tuple[_RuleData, ...]
    annexes: tuple[_AnnexData, ...] = ()


@attrs.frozen
class _EditionData:
    id: str
    title: str
    issuer: str
    valid_from: date
    valid_to: date | None = None
    notes: str | None = None


@attrs.frozen
class _ProgrammeData:
    code: str
    title: str
    documents: tuple[SourceDocument, ...]
    editions: tuple[_EditionData, ...] = ()


@attrs.frozen
class _RegionData:
    code: str
    name: str
    programmes: tuple[_ProgrammeData, ...]


@attrs.frozen
class Rulebook:
    """A programme's validated rules and annexes."""

    rules: tuple[Rule, ...]
    annexes: tuple[Annex, ...]


def _read_yaml(package: str, name: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
        return _dates_to_text(yaml.load(text, Loader=loader))
    except (OSError, yaml.YAMLError) as exc:
        raise RulebookDataError(f"{package}/data/{name}: cannot be read: {exc}") from None


# --- where a problem is: YAML lines and rule ids --------------------------------------------

_PATH_IN = re.compile(r"\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*")


def yaml_lines(text: str) -> dict[str, int]:
    """The 1-based line of every node of a YAML text, by JSON path (``$.rules[2].citation``);
    a mapping value is placed on its key's line."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    marks: dict[str, int] = {}

    def walk(node: Any, path: str, line: int) -> None:
        marks[path] = line
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    walk(value, f"{path}.{key.value}", key.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                walk(value, f"{path}[{i}]", value.start_mark.line + 1)

    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return marks
    if root is not None:
        walk(root, "$", root.start_mark.line + 1)
    return marks


def _file_lines(package: str, name: str) -> dict[str, int]:
    try:
        return yaml_lines(resources.files(package).joinpath("data", name).read_text(encoding="utf-8"))
    except OSError:
        return {}


def locate(problem: str, lines: Mapping[str, int], data: Any) -> str:
    """``problem`` prefixed with the YAML line of the first JSON path it names and, under
    ``$.rules[i]``, the rule's id: ``line 23 (rule x.y.z): $.rules[2].citation.quote: empty``."""
    found = _PATH_IN.search(problem)
    if found is None or found.group(0) == "$":
        return problem
    path = probe = found.group(0)
    while probe not in lines and probe != "$":
        probe = re.sub(r"(\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])$", "", probe)
    where = f"line {lines[probe]}" if probe in lines else ""
    item = re.match(r"\$\.(rules|examples)\[([0-9]+)\]", path)
    if item and isinstance(data, Mapping):
        entries = data.get(item.group(1))
        k = int(item.group(2))
        if isinstance(entries, list) and k < len(entries) and isinstance(entries[k], Mapping):
            ident = entries[k].get("id" if item.group(1) == "rules" else "rule")
            if isinstance(ident, str) and _PATH_IN.fullmatch(ident) is None:
                where += f" (rule {ident})"
    return f"{where.strip()}: {problem}" if where else problem


def _rule_line(rule_id: str, lines: Mapping[str, int], data: Any) -> str:
    rules = data.get("rules") if isinstance(data, Mapping) else None
    for k, r in enumerate(rules if isinstance(rules, list) else ()):
        if isinstance(r, Mapping) and r.get("id") == rule_id and f"$.rules[{k}]" in lines:
            return f"{rule_id} (line {lines[f'$.rules[{k}]']})"
    return rule_id


def _data_error(where: str, package: str, name: str, problems: Sequence[str], data: Any) -> RulebookDataError:
    lines = _file_lines(package, name)
    return RulebookDataError(f"{where}: " + "; ".join(locate(p, lines, data) for p in problems))


def _dates_to_text(data: Any) -> Any:
    # YAML turns 2025-01-01 into a date; the converter reads dates from ISO text like JSON does.
    if isinstance(data, dict):
        return {k: _dates_to_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates_to_text(v) for v in data]
    if isinstance(data, date):
        return data.isoformat()
    return data


def _structure_data(data: Any, cls: type[D], where: str, package: str | None = None, name: str | None = None) -> D:
    try:
        return structure(data, cls)
    except InvalidDocument as exc:
        problems = [str(e) for e in exc.errors]
        if package is not None and name is not None:
            raise _data_error(where, package, name, problems, data) from None
        raise RulebookDataError(f"{where}: {'; '.join(problems)}") from None


#: A rulebook's key in a plugin: readable words joined by "-", never a file name.
_DOCUMENT_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_region(package: str) -> Region:
    """Read and validate ``<package>/data/region.yaml``."""
    where = f"{package}/data/region.yaml"
    raw = _read_yaml(package, "region.yaml")
    data = _structure_data(raw, _RegionData, where, package, "region.yaml")
    problems = []
    for i, p in enumerate(data.programmes):
        for k, d in enumerate(p.documents):
            if not _DOCUMENT_KEY.match(d.id):
                problems.append(f"$.programmes[{i}].documents[{k}].id: a readable key such as "
                                f"'{data.code}-{p.code.replace('_', '-')}-uppdrag' (lower case, digits, '-'), not a file name")
        if not p.editions:
            problems.append(f"$.programmes[{i}].editions: every programme declares its rulebook edition(s)")
        spans = sorted(p.editions, key=lambda e: e.valid_from)
        for k, e in enumerate(spans):
            if e.valid_to is not None and e.valid_to < e.valid_from:
                problems.append(f"$.programmes[{i}].editions ({e.id}): valid_to before valid_from")
            if k and (spans[k - 1].valid_to is None or spans[k - 1].valid_to >= e.valid_from):  # type: ignore[operator]
                problems.append(f"$.programmes[{i}].editions ({e.id}): overlaps the edition before it")
    if problems:
        raise _data_error(where, package, "region.yaml", problems, raw)
    return Region(
        code=data.code,
        name=data.name,
        programmes=tuple(
            Programme(p.code, p.title, p.documents, tuple(Edition(**attrs.asdict(e)) for e in p.editions))
            for p in data.programmes
        ),
    )


def data_parts(package: str, programme: str, kind: str = "") -> tuple[str, ...]:
    """The data files of a programme under ``<package>/data/``: ``<programme>.yaml`` first, then its
    parts ``<programme>.<part>.yaml`` in name order (with ``kind="examples"``:
    ``<programme>.examples.yaml`` and ``<programme>.<part>.examples.yaml``). A rulebook long enough
    to split keeps one part per subject; ids, editions and checks do not depend on the split."""
    suffix = f".{kind}.yaml" if kind else ".yaml"
    head = f"{programme}{suffix}"
    part = re.compile(rf"^{re.escape(programme)}\.([a-z0-9_-]+){re.escape(suffix)}$")
    try:
        names = sorted(
            e.name for e in resources.files(package).joinpath("data").iterdir()
            if (m := part.match(e.name)) and m.group(1) != "examples"
        )
    except OSError:
        names = []
    return (head, *names)


def load_rulebook(package: str, region: Region, programme: str, implementations: Implementations) -> Rulebook:
    """Read, validate and bind ``<package>/data/<programme>.yaml`` and its parts to the rule functions."""
    declared = region.programme(programme)
    documents = {d.id: d for d in (declared.documents if declared else ())}
    rules: list[Rule] = []
    annexes: list[Annex] = []
    annex_ids: set[str] = set()
    seen: set[str] = set()
    problems: list[str] = []
    where = f"{package}/data/{programme}.yaml"
    sources: list[tuple[str, Any, list[str], list[tuple[str, int]]]] = []
    for name in data_parts(package, programme):
        here = f"{package}/data/{name}"
        raw = _read_yaml(package, name)
        data = _structure_data(raw, _RulebookData, here, package, name)
        found: list[str] = []
        if data.region != region.code or data.programme != programme or declared is None:
            found.append(f"$: declares {data.region}.{data.programme}, expected {region.code}.{programme}")
        for i, r in enumerate(data.rules):
            path = f"$.rules[{i}]"
            found.extend(_check_rule(r, path, region.code, programme, documents, seen))
            found.extend(_check_dating(r, path, declared.editions if declared else ()))
            rules.append(_bind_rule(r, region.code, programme, documents))
        annex_ids |= _annex_ids(data)
        annexes.extend(Annex(**attrs.asdict(a, recurse=False)) for a in data.annexes)
        sources.append((name, raw, found, [(a.rule_id, i) for i, a in enumerate(data.annexes) if a.rule_id]))
    missing = sorted(seen - set(implementations.functions) - annex_ids)
    extra = sorted(set(implementations.functions) - seen)
    unplaced = set(missing)
    for name, raw, found, annexed in sources:
        found.extend(f"$.annexes[{i}].rule_id: unknown rule {rule_id}" for rule_id, i in annexed if rule_id not in seen)
        lines = _file_lines(package, name) if found or missing else {}
        shown = [_rule_line(m, lines, raw) for m in missing]
        unplaced -= {m for m, text in zip(missing, shown, strict=True) if text != m}
        placed = [text for m, text in zip(missing, shown, strict=True) if text != m]
        if placed:
            found.append(f"rules without an implementation: {', '.join(placed)}")
        prefix = "" if name == f"{programme}.yaml" else f"{package}/data/{name}: "
        problems.extend(prefix + locate(p, lines, raw) for p in found)
    if unplaced:
        problems.append(f"rules without an implementation: {', '.join(sorted(unplaced))}")
    if extra:
        places = getattr(implementations, "places", {})
        shown_extra = ", ".join(f"{e} ({places[e]})" if e in places else e for e in extra)
        problems.append(f"implementations without a rule in the data: {shown_extra}")
    if problems:
        raise RulebookDataError(f"{where}: " + "; ".join(problems))
    return Rulebook(rules=tuple(rules), annexes=tuple(annexes))


def _annex_ids(data: _RulebookData) -> set[str]:
    return {r.id for r in data.rules if r.kind is Kind.annex}


def _check_rule(
    r: _RuleData, path: str, region: str, programme: str, documents: Mapping[str, SourceDocument], seen: set[str]
) -> list[str]:
    problems = []
    if not RULE_ID_PATTERN.match(r.id) or not r.id.startswith(f"{region}.{programme}."):
        problems.append(f"{path}.id: expected {region}.{programme}.<subject>[.<name>]")
    if r.id in seen:
        problems.append(f"{path}.id: duplicate rule id {r.id}")
    seen.add(r.id)
    if r.citation.document not in documents:
        problems.append(f"{path}.citation.document: not a document of the programme")
    if not r.citation.quote.strip():
        problems.append(f"{path}.citation.quote: empty")
    if (r.kind is Kind.annex) != (r.input is None):
        problems.append(f"{path}.input: annex rules take no input; every other rule names one")
    # Imported here, not with the module: regions are listed without building the document types.
    from primarvard_sdk.domain import DOCUMENT_TYPES

    if r.input is not None and r.input not in DOCUMENT_TYPES:
        problems.append(f"{path}.input: expected one of {', '.join(DOCUMENT_TYPES)}")
    if r.input is not None:
        if r.governing_day is None:
            problems.append(f"{path}.governing_day: name the document field whose day picks the edition, or as_of")
        elif r.governing_day not in (AS_OF, EACH_ITEM) and not _is_day_field(DOCUMENT_TYPES.get(r.input), r.governing_day):
            problems.append(f"{path}.governing_day: {r.governing_day} is not a date field of {r.input}")
    for k, need in enumerate(r.needs):
        if not need.startswith("$."):
            problems.append(f"{path}.needs[{k}]: expected a JSON path starting with $.")
    return problems


def _is_day_field(cls: type | None, dotted: str) -> bool:
    """Whether ``dotted`` names a date or datetime field reachable from ``cls`` without lists."""
    import typing

    for name in dotted.split("."):
        if cls is None or not attrs.has(cls):
            return False
        hints = typing.get_type_hints(cls)
        if name not in hints:
            return False
        options = [a for a in typing.get_args(hints[name]) if a is not type(None)] or [hints[name]]
        cls = options[0] if len(options) == 1 else (date if date in options else None)
    return cls is date or (isinstance(cls, type) and issubclass(cls, date))


def _check_dating(r: _RuleData, path: str, editions: Sequence[Edition]) -> list[str]:
    """Parameter values lie inside an edition and do not overlap, and between two of its values a
    parameter leaves no day of an edition uncovered (also across an edition's end: a value that
    ends a day early). A parameter may start after, or end before, its editions (a provision
    that takes effect or lapses within one)."""
    problems = []
    for j, p in enumerate(r.parameters):
        here = f"{path}.parameters[{j}] ({p.name})"
        periods = sorted(p.values, key=lambda v: v.valid_from)
        for k, v in enumerate(periods):
            if v.valid_to is not None and v.valid_to < v.valid_from:
                problems.append(f"{path}.parameters[{j}]: valid_to before valid_from")
            home = next((e for e in editions if e.in_force(v.valid_from)), None)
            if home is None or (home.valid_to is not None and (v.valid_to is None or v.valid_to > home.valid_to)):
                problems.append(f"{here}: value from {v.valid_from} is not inside one edition")
            if not k:
                continue
            before = periods[k - 1].valid_to
            if before is None or before >= v.valid_from:
                problems.append(f"{here}: overlapping validity periods")
                continue
            first, last = before + timedelta(days=1), v.valid_from - timedelta(days=1)
            for e in editions:
                start = max(first, e.valid_from)
                end = last if e.valid_to is None else min(last, e.valid_to)
                if start <= end:
                    problems.append(f"{here}: no value from {start} to {end} inside edition {e.id} "
                                    f"(the value before ends {before}, the next starts {v.valid_from})")
    return problems


def _citation(c: _CitationData, documents: Mapping[str, SourceDocument]) -> Citation:
    d = documents.get(c.document)
    if d is None:
        return Citation(document=c.document, title=c.document, section=c.section, quote=c.quote)
    return Citation(document=d.id, title=d.title, section=c.section, quote=c.quote,
                    issuer=d.issuer, edition=d.edition, annex=d.annex)


def _bind_rule(r: _RuleData, region: str, programme: str, documents: Mapping[str, SourceDocument]) -> Rule:
    parameters = tuple(
        Parameter(
            name=p.name,
            description=p.description,
            unit=p.unit,
            values=tuple(
                ParameterValue(
                    value=_freeze(v.value),
                    valid_from=v.valid_from,
                    valid_to=v.valid_to,
                    citation=_citation(v.citation, documents) if v.citation else None,
                )
                for v in p.values
            ),
        )
        for p in r.parameters
    )
    return Rule(
        id=r.id,
        region=region,
        programme=programme,
        subject=r.id.split(".")[2],
        kind=r.kind,
        title=r.title,
        description=" ".join(r.description.split()),
        description_sv=" ".join(r.description_sv.split()) if r.description_sv else None,
        citation=_citation(r.citation, documents),
        parameters=parameters,
        input_type=r.input,
        notes=" ".join(r.notes.split()) if r.notes else None,
        governing_day=r.governing_day or AS_OF,
        scope=" ".join(r.scope.split()) if r.scope else None,
        needs=r.needs,
    )


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return _FrozenDict({k: _freeze(v) for k, v in value.items()})
    return value


class _FrozenDict(dict[str, Any]):
    """A dict parameter value that cannot be changed after loading."""

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("parameter values are read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


# --- rule functions -------------------------------------------------------------------------


def _place(frame: Any) -> str:
    """``<package dir>/<file>.py:<line>`` of a frame: where a rule function was registered."""
    name = frame.f_code.co_filename
    return f"{os.path.join(os.path.basename(os.path.dirname(name)), os.path.basename(name))}:{frame.f_lineno}"


class Implementations:
    """The rule functions of one programme, registered by rule id.

    >>> from primarvard_sdk.plugin import Implementations
    >>> rules = Implementations("exempel.program")
    >>> @rules.implement("exempel.program.remiss.svar")
    ... def svar(remiss, ctx): ...
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.functions: dict[str, RuleFunction] = {}
        #: Where each rule function was registered (``file:line``), for error messages.
        self.places: dict[str, str] = {}
        #: Vectorised twins by rule id (see :meth:`vectorised`).
        self.twins: dict[str, VectorisedRule] = {}

    def implement(self, rule_id: str) -> Callable[[Callable[[D, RuleContext], Finding]], Callable[[D, RuleContext], Finding]]:
        place = _place(sys._getframe(1))
        if not rule_id.startswith(self.prefix + "."):
            raise ValueError(f"{rule_id} ({place}) is not a rule of {self.prefix}")

        def register(function: Callable[[D, RuleContext], Finding]) -> Callable[[D, RuleContext], Finding]:
            if rule_id in self.functions:
                raise ValueError(f"{rule_id} is implemented twice: {self.places.get(rule_id, '?')} and {place}")
            self.functions[rule_id] = function
            self.places[rule_id] = place
            return function

        return register

    def shape(self, shape: Shape) -> Shape:
        """Register a rule stated as a shape (:mod:`primarvard_sdk.shapes`): its rule function and
        its columnar twin are both derived from the one statement."""
        place = _place(sys._getframe(1))
        self.implement(shape.rule_id)(shape.evaluate)
        self.places[shape.rule_id] = place
        twin = shape.twin()
        self.vectorised(shape.rule_id, *twin.columns)(twin.function)
        return shape

    def vectorised(self, rule_id: str, *columns: Column) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register the vectorised twin of rule ``rule_id``, reading the declared ``columns``.

        The twin is ``def twin(cols: Columns, ctx: BatchContext) -> BatchFinding`` (see
        :mod:`primarvard_sdk.batch`); it must give, row by row, what the rule function gives on
        the same document. Import numpy-using modules inside the twin, never at module level.
        """
        if not rule_id.startswith(self.prefix + "."):
            raise ValueError(f"{rule_id} is not a rule of {self.prefix}")
        names = [c.name for c in columns]
        if len(set(names)) != len(names):
            raise ValueError(f"{rule_id}: a column is declared twice")

        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            if rule_id in self.twins:
                raise ValueError(f"{rule_id} has two vectorised twins")
            self.twins[rule_id] = VectorisedRule(rule_id, tuple(columns), function)
            return function

        return register


class RegionPlugin:
    """The standard region plugin: implements every hook from data files and rule functions.

    :param package: the plugin's import package (holds ``data/``).
    :param implementations: programme code → ``"module:attribute"`` of its :class:`Implementations`,
        imported on first use so that loading the plugin stays cheap.
    :param extensions: document type → ``"module:Class"`` of the attrs class of the region's own
        facts on that document (``tillagg.<region>``; see
        :func:`~primarvard_sdk.hookspecs.primarvard_sdk_extensions`), imported when first asked for.
    """

    def __init__(self, package: str, implementations: Mapping[str, str],
                 extensions: Mapping[str, str] | None = None) -> None:
        self.package = package
        self._implementations = dict(implementations)
        self._extensions = dict(extensions or {})
        self._region: Region | None = None
        self._rulebooks: dict[str, Rulebook] = {}
        self._functions: dict[str, RuleFunction] = {}
        self._twins: dict[str, VectorisedRule] = {}
        self._lock = threading.Lock()

    @property
    def region(self) -> Region:
        if self._region is None:
            self._region = load_region(self.package)
        return self._region

    def rulebook(self, programme: str) -> Rulebook:
        with self._lock:
            if programme not in self._rulebooks:
                if programme not in self._implementations:
                    raise RulebookDataError(f"{self.package}: no programme {programme!r}")
                module, _, attribute = self._implementations[programme].partition(":")
                implementations: Implementations = getattr(importlib.import_module(module), attribute)
                book = load_rulebook(self.package, self.region, programme, implementations)
                twins = getattr(implementations, "twins", {})
                orphans = sorted(set(twins) - set(implementations.functions))
                if orphans:
                    raise RulebookDataError(f"{self.package}: vectorised twins without a rule function: {', '.join(orphans)}")
                self._functions.update(implementations.functions)
                self._twins.update(twins)
                self._rulebooks[programme] = book
            return self._rulebooks[programme]

    @hookimpl
    def primarvard_sdk_region(self) -> Region:
        return self.region

    @hookimpl
    def primarvard_sdk_rules(self, programme: str) -> Sequence[Rule]:
        return self.rulebook(programme).rules

    @hookimpl
    def primarvard_sdk_annexes(self, programme: str) -> Sequence[Annex]:
        return self.rulebook(programme).annexes

    @hookimpl
    def primarvard_sdk_evaluate(self, rule: Rule, document: Any, context: RuleContext) -> Finding:
        return self._functions[rule.id](document, context)

    @hookimpl
    def primarvard_sdk_examples(self, programme: str) -> Sequence[Example]:
        self.rulebook(programme)
        return load_examples(self.package, programme)

    @hookimpl
    def primarvard_sdk_extensions(self) -> Mapping[str, type]:
        found = {}
        for type_name, target in self._extensions.items():
            module, _, attribute = target.partition(":")
            found[type_name] = getattr(importlib.import_module(module), attribute)
        return found

    @hookimpl
    def primarvard_sdk_vectorised(self, rule: Rule) -> VectorisedRule | None:
        self.rulebook(rule.programme)
        return self._twins.get(rule.id)
