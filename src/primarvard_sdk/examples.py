"""Worked examples: cases written from a rulebook's text, each with the words that decide it.

A programme ships ``data/<programme>.examples.yaml`` beside its rules. Each case names a rule, a
document (optionally built on a named base document), the evaluation day and the expected
outcome, values and missing inputs, and quotes the deciding words. They are the format a
region's jurist reviews and extends: the test suite runs them all, the conformance kit runs a
plugin's own, and the documentation shows them on each rule's page.

File format::

    region: kalmar
    programme: psykisk_halsa
    bases:                     # named documents cases start from (optional)
      remiss: {inkom: "2025-03-03T09:00:00+01:00"}
    examples:
    - rule: kalmar.psykisk_halsa.remiss.forsta_kontakt
      case: boundary           # typical | boundary | scope | missing | other
      name: first contact on day 14 is in time
      deciding: "senast inom 14 kalenderdagar från det att remiss inkommit"
      as_of: 2025-03-20
      base: remiss             # the document is deep-merged over the base (lists replace)
      document: {forsta_kontakt: "2025-03-17"}
      remove: [patient]        # dotted keys deleted after the merge (optional)
      expect: {outcome: met, values: {due: "2025-03-17"}, missing: []}
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from primarvard_sdk.convert import structure
from primarvard_sdk.errors import InvalidDocument, RulebookDataError
from primarvard_sdk.model import Kind, Outcome, Result, Rule

if TYPE_CHECKING:
    from primarvard_sdk.host import Sdk

__all__ = [
    "Case",
    "Example",
    "Expectation",
    "check_example",
    "coverage_problems",
    "load_examples",
    "needs_pattern",
    "run_example",
    "unread_parameters",
]


class Case(StrEnum):
    """What an example shows."""

    typical = "typical"  #: the ordinary case
    boundary = "boundary"  #: one side of a boundary (the due day, the birthday, the cap)
    scope = "scope"  #: outside the rule's scope: not_applicable
    missing = "missing"  #: an input the rule needs is absent: indeterminate
    other = "other"


@attrs.frozen
class Expectation:
    """What the rule must answer."""

    outcome: Outcome
    values: Mapping[str, Any] | None = None  #: a subset of the result's values, in JSON form
    missing: tuple[str, ...] | None = None  #: exactly the result's missing paths (any order)


@attrs.frozen
class Example:
    """One worked example of one rule."""

    rule: str
    case: Case
    name: str
    deciding: str  #: the words of the text that decide the case
    as_of: date
    document: Mapping[str, Any]  #: the document as JSON, with its base merged in
    expect: Expectation
    source: str = ""  #: ``<file>#<index>``, for messages


@attrs.frozen
class _ExampleData:
    rule: str
    case: Case
    name: str
    deciding: str
    as_of: date
    expect: Expectation
    document: dict[str, Any] = attrs.field(factory=dict)
    base: str | None = None
    remove: tuple[str, ...] = ()


@attrs.frozen
class _ExamplesFile:
    region: str
    programme: str
    examples: tuple[_ExampleData, ...]
    bases: dict[str, dict[str, Any]] = attrs.field(factory=dict)


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(over)


def _remove(document: dict[str, Any], dotted: str, where: str) -> None:
    *parents, last = dotted.split(".")
    node: Any = document
    for name in parents:
        node = node.get(name) if isinstance(node, dict) else None
    if not isinstance(node, dict) or last not in node:
        raise RulebookDataError(f"{where}.remove: {dotted} is not in the document")
    del node[last]


def parse_examples(data: Any, where: str, lines: Mapping[str, int] | None = None) -> tuple[Example, ...]:
    """Validate the data of one examples file and build its examples; ``lines`` (JSON path → YAML
    line, :func:`primarvard_sdk.plugin.yaml_lines`) puts the line in messages and sources."""
    from primarvard_sdk.plugin import _dates_to_text, locate

    lines = lines or {}
    try:
        parsed = structure(_dates_to_text(data), _ExamplesFile)
    except InvalidDocument as exc:
        raise RulebookDataError(f"{where}: " + "; ".join(locate(str(e), lines, data) for e in exc.errors)) from None
    examples = []
    for i, e in enumerate(parsed.examples):
        line = lines.get(f"$.examples[{i}]")
        at = f"{where}:{line}" if line else f"{where}#{i}"
        here = f"{at}: $.examples[{i}] ({e.rule})"
        if e.base is not None and e.base not in parsed.bases:
            raise RulebookDataError(f"{here}.base: no base document named {e.base!r}")
        document = _merge(copy.deepcopy(parsed.bases.get(e.base, {})) if e.base else {}, e.document)
        for dotted in e.remove:
            _remove(document, dotted, here)
        examples.append(
            Example(e.rule, e.case, e.name, " ".join(e.deciding.split()), e.as_of, document, e.expect, at)
        )
    return tuple(examples)


def load_examples(package: str, programme: str) -> tuple[Example, ...]:
    """The examples of ``<package>/data/<programme>.examples.yaml`` and of its parts
    ``<programme>.<part>.examples.yaml`` (none when there is no file)."""
    from importlib import resources

    import yaml

    from primarvard_sdk.plugin import data_parts, yaml_lines

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    examples: list[Example] = []
    for name in data_parts(package, programme, "examples"):
        resource = resources.files(package).joinpath("data", name)
        if not resource.is_file():
            continue
        text = resource.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=loader)
        except yaml.YAMLError as exc:
            raise RulebookDataError(f"{package}/data/{name}: cannot be read: {exc}") from None
        examples.extend(parse_examples(data, f"{package}/data/{name}", yaml_lines(text)))
    return tuple(examples)


def needs_pattern(need: str) -> re.Pattern[str]:
    """A ``needs`` path as a pattern: ``[*]`` matches any index."""
    return re.compile(re.escape(need).replace(r"\[\*\]", r"\[\d+\]") + "$")


def _matches_need(path: str, needs: Iterable[str]) -> bool:
    return any(needs_pattern(n).match(path) for n in needs)


def check_example(sdk: Sdk, example: Example) -> list[str]:
    """Run one example; the problems found (empty when the rule answers as the text says)."""
    return run_example(sdk, example)[1]


def run_example(sdk: Sdk, example: Example) -> tuple[Result | None, list[str]]:
    """Run one example: the rule's result (``None`` when it gave none) and the problems found. A
    rule that raises is a problem naming the module and line, not an exception."""
    from primarvard_sdk.convert import unstructure
    from primarvard_sdk.documents import parse_document
    from primarvard_sdk.errors import PluginError

    rule = sdk.rule(example.rule)
    if rule.input_type is None:
        return None, [f"{example.rule} takes no document: annex rules have no examples"]
    try:
        document = parse_document(example.document, rule.input_type)
    except InvalidDocument as exc:
        return None, [f"the document is not a valid {rule.input_type}: {'; '.join(map(str, exc.errors))}"]
    try:
        (result,) = sdk.evaluate(document, region=rule.region, programme=rule.programme, as_of=example.as_of,
                                 rule=rule.id)
    except PluginError as exc:
        if exc.__cause__ is not None:  # only with PRIMARVARD_DEBUG=1 (see host.debugging)
            import sys
            import traceback

            traceback.print_exception(exc.__cause__, file=sys.stderr)
        return None, [exc.detail.removeprefix(f"rule {rule.id}: ")]
    problems = []
    if result.outcome is not example.expect.outcome:
        problems.append(f"outcome {result.outcome.value}, expected {example.expect.outcome.value}")
    if example.expect.values is not None:
        actual = unstructure(dict(result.values))
        for key, wanted in example.expect.values.items():
            if key not in actual:
                problems.append(f"values.{key} is absent, expected {wanted!r}")
            elif not _same(actual[key], wanted):
                problems.append(f"values.{key} = {actual[key]!r}, expected {wanted!r}")
    if example.expect.missing is not None and sorted(result.missing) != sorted(example.expect.missing):
        problems.append(f"missing {list(result.missing)}, expected {list(example.expect.missing)}")
    for path in result.missing:
        if not _matches_need(path, rule.needs) and path != f"$.{rule.governing_day}":
            problems.append(f"reports {path} missing, which the rule's data does not list in `needs`")
    if problems:
        problems.append(f"explanation: {result.explanation.en}")
    return result, problems


def unread_parameters(rules: Sequence[Rule], results: Iterable[Result]) -> list[str]:
    """Parameters a rule declares that no result of its examples read (through ``ctx.param``):
    a number in the data the code never uses, or a case the examples never reach."""
    read: dict[str, set[str]] = {}
    for result in results:
        read.setdefault(result.rule_id, set()).update(u.name for u in result.parameters)
    return [
        f"{rule.id}: parameter {p.name} is declared but no example's result reads it"
        for rule in rules if rule.kind is not Kind.annex
        for p in rule.parameters if p.name not in read.get(rule.id, set())
    ]


def _same(actual: Any, wanted: Any) -> bool:
    if isinstance(wanted, date):
        wanted = wanted.isoformat()
    if isinstance(actual, float) or isinstance(wanted, float):
        try:
            return abs(float(actual) - float(wanted)) <= 1e-9 * max(1.0, abs(float(wanted)))
        except (TypeError, ValueError):
            return False
    if isinstance(wanted, Mapping) and isinstance(actual, Mapping):
        return wanted.keys() == actual.keys() and all(_same(actual[k], v) for k, v in wanted.items())
    if isinstance(wanted, list) and isinstance(actual, list):
        return len(wanted) == len(actual) and all(_same(a, w) for a, w in zip(actual, wanted, strict=True))
    return bool(actual == wanted)


def _has_boundary_parameter(rule: Rule) -> bool:
    """A rule with a number or a date among its parameters has a boundary to show both sides of."""

    def numeric(value: Any) -> bool:
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            return True
        if isinstance(value, Mapping):
            return any(numeric(v) for v in value.values())
        if isinstance(value, tuple | list):
            return any(numeric(v) for v in value)
        return isinstance(value, str) and bool(re.fullmatch(r"\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}", value))

    return any(numeric(v.value) for p in rule.parameters for v in p.values)


def coverage_problems(rules: Sequence[Rule], examples: Sequence[Example]) -> list[str]:
    """What the examples of a programme leave out: for every rule a typical case, both sides of
    its boundaries, each scope exclusion and each missing input it needs."""
    by_rule: dict[str, list[Example]] = {}
    for e in examples:
        by_rule.setdefault(e.rule, []).append(e)
    known = {r.id for r in rules}
    problems = [f"{e.source}: no rule {e.rule} in the programme" for e in examples if e.rule not in known]
    for rule in rules:
        if rule.kind is Kind.annex:
            continue
        cases = by_rule.get(rule.id, [])
        if not any(e.case is Case.typical for e in cases):
            problems.append(f"{rule.id}: no typical example")
        boundary = {e.expect.outcome for e in cases if e.case is Case.boundary}
        # A rule its data switches off in every edition (a dated flag) can only show that it is off.
        switched_off = bool(cases) and all(e.expect.outcome is Outcome.not_applicable for e in cases)
        if _has_boundary_parameter(rule) and len(boundary) < (1 if switched_off else 2):
            problems.append(f"{rule.id}: no boundary examples on both sides (different outcomes)")
        if rule.scope and not any(e.case is Case.scope and e.expect.outcome is Outcome.not_applicable for e in cases):
            problems.append(f"{rule.id}: has a scope but no scope example answering not_applicable")
        for need in rule.needs:
            pattern = needs_pattern(need)
            if not any(any(pattern.match(m) for m in e.expect.missing or ()) for e in cases):
                problems.append(f"{rule.id}: no example where {need} is missing")
    return problems
