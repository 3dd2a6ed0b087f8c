"""``primarvard check``: everything a region plugin can get wrong, found before a user does.

:func:`check` loads every installed plugin eagerly (nothing is left lazy) and, for each programme,
validates the data files (``region.yaml``, ``<programme>.yaml``, ``<programme>.examples.yaml``:
keys, ids, editions, dated parameters and the gaps between them, citations, annexes), binds every
rule to its function, runs every worked example, and reports what the examples leave out: rules
without a typical case or both sides of a boundary, scope and missing-input cases, and
parameters no example's result reads. The conformance kit (:mod:`primarvard_sdk.testing`) runs
the same checks per programme; this module needs neither pytest nor hypothesis.

Each problem names where to look: the data file and line, the rule id, the example's file and line
with its deciding words, or the plugin's module and line that raised. Nothing of a document's
personal data is printed: the examples are fictional, and plugin faults are reported by type and
place (``PRIMARVARD_DEBUG=1`` adds the traceback on stderr).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

import attrs

from primarvard_sdk.errors import PrimarvardError
from primarvard_sdk.examples import Example, coverage_problems, run_example, unread_parameters
from primarvard_sdk.host import Sdk
from primarvard_sdk.model import Result

__all__ = ["Problem", "Report", "check", "check_programme", "example_problems", "print_report"]


@attrs.frozen
class Problem:
    """One fault: where (``region``, ``region.programme`` or a distribution) and what."""

    where: str
    message: str
    kind: str = "data"  #: load | data | example | coverage


@attrs.frozen
class Report:
    """What :func:`check` found."""

    problems: tuple[Problem, ...]
    #: ``(region.programme, rules, examples)`` of every programme checked.
    programmes: tuple[tuple[str, int, int], ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def example_problems(sdk: Sdk, examples: Sequence[Example]) -> tuple[list[str], list[Result]]:
    """Run every example: one message per failing example (file:line, rule, name, the deciding
    words and what differs) and the results of all of them."""
    messages, results = [], []
    for example in examples:
        try:
            result, problems = run_example(sdk, example)
        except PrimarvardError as exc:
            result, problems = None, [f"{type(exc).__name__}: {exc}"]
        if result is not None:
            results.append(result)
        if problems:
            messages.append(
                f"{example.source}: {example.rule} — {example.name} ({example.case.value}, as of {example.as_of})\n"
                f"    deciding: “{example.deciding}”\n" + "".join(f"    {p}\n" for p in problems).rstrip("\n")
            )
    return messages, results


def check_programme(sdk: Sdk, region: str, programme: str) -> tuple[list[Problem], int, int]:
    """The problems of one programme, its number of rules and of examples."""
    where = f"{region}.{programme}"
    try:
        rules = sdk.rules(region, programme)
        sdk.annexes(region, programme)
    except PrimarvardError as exc:
        return [Problem(where, _detail(exc), "load")], 0, 0
    try:
        examples = sdk.examples(region, programme)
    except PrimarvardError as exc:
        return [Problem(where, _detail(exc), "load")], len(rules), 0
    failing, results = example_problems(sdk, examples)
    problems = [Problem(where, m, "example") for m in failing]
    if not examples:
        problems.append(Problem(where, f"no worked examples: add data/{programme}.examples.yaml", "coverage"))
    else:
        problems.extend(Problem(where, m, "coverage") for m in coverage_problems(rules, examples))
        problems.extend(Problem(where, m, "coverage") for m in unread_parameters(rules, results))
    return problems, len(rules), len(examples)


def _detail(exc: Exception) -> str:
    return str(getattr(exc, "detail", None) or exc)


def check(sdk: Sdk, regions: Sequence[str] | None = None) -> Report:
    """Check the plugins of ``sdk`` (only ``regions`` when given)."""
    problems: list[Problem] = [Problem(f.distribution, f.message, "load") for f in sdk.failures]
    known = {r.code: r for r in sdk.regions()}
    for code in regions or ():
        if code not in known:
            problems.append(Problem(code, f"no installed plugin provides region {code!r}", "load"))
    programmes = []
    for code, region in sorted(known.items()):
        if regions and code not in regions:
            continue
        try:  # the region's own facts (tillagg.<region>) load now, not on the first document
            sdk.extension_types(code)
        except PrimarvardError as exc:
            problems.append(Problem(code, f"extensions: {_detail(exc)}", "load"))
        for programme in region.programmes:
            found, n_rules, n_examples = check_programme(sdk, code, programme.code)
            problems.extend(found)
            programmes.append((f"{code}.{programme.code}", n_rules, n_examples))
    return Report(tuple(problems), tuple(programmes))


def print_report(report: Report, out: TextIO, clean: Any = str) -> None:
    """The report as text: one block per programme with problems, then a summary line."""
    shown: set[str] = set()
    for where, n_rules, n_examples in report.programmes:
        mine = [p for p in report.problems if p.where == where]
        state = "ok" if not mine else f"{len(mine)} problem{'s' * (len(mine) != 1)}"
        print(f"{where}: {n_rules} rules, {n_examples} examples: {state}", file=out)
        for p in mine:
            print(f"  {p.kind}: " + "\n  ".join(clean(line) for line in p.message.split("\n")), file=out)
        shown.add(where)
    for p in report.problems:
        if p.where not in shown:
            print(f"{clean(p.where)}: {p.kind}: {clean(p.message)}", file=out)
    n = len(report.problems)
    print(f"{n} problem{'s' * (n != 1)} in {len(report.programmes)} programme{'s' * (len(report.programmes) != 1)}"
          if n else f"all {len(report.programmes)} programmes pass", file=out)
