"""Every programme's worked examples: cases written from the rulebook's text, each run through the
rule it names, and the coverage every rule owes (typical case, both sides of each boundary, each
scope exclusion, each missing input it needs)."""

from __future__ import annotations

import pytest

import primarvard_sdk as ps
from primarvard_sdk.examples import Example, check_example, coverage_problems

SDK = ps.default_sdk()
PROGRAMMES = [(r.code, p.code) for r in SDK.regions() for p in r.programmes]
EXAMPLES: list[Example] = [e for region, programme in PROGRAMMES for e in SDK.examples(region, programme)]


def test_every_programme_has_examples() -> None:
    assert PROGRAMMES
    for region, programme in PROGRAMMES:
        assert SDK.examples(region, programme), f"{region}.{programme} ships no worked examples"


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.rule}:{e.name}" for e in EXAMPLES])
def test_example(example: Example) -> None:
    problems = check_example(SDK, example)
    assert not problems, f"{example.source} ({example.name}) — deciding words: “{example.deciding}”\n  " + "\n  ".join(problems)


@pytest.mark.parametrize(("region", "programme"), PROGRAMMES)
def test_examples_cover_every_rule(region: str, programme: str) -> None:
    problems = coverage_problems(SDK.rules(region, programme), SDK.examples(region, programme))
    assert not problems, f"{len(problems)} gaps:\n  " + "\n  ".join(problems)
