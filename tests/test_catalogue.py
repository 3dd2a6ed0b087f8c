"""The plugins against the rule catalogue: every id, kind, citation and parameter name.

The catalogue (``../shared/spec/rules.yaml``) sits beside the checkout in CI; the project does not
read it at run time. Without it, the per-region counts below still hold the plugins to the
catalogue's 116 rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import primarvard_sdk as ps
from primarvard_sdk.domain.codelists import LABELS, lookup
from primarvard_sdk.model import RULE_ID_PATTERN

SHARED = Path(__file__).resolve().parents[2] / "shared"
CATALOGUE = SHARED / "spec" / "rules.yaml"
REGULATIONS = SHARED / "regulations"

#: Rules per region in the catalogue (kalmar: 28 hälsoval + 23 psykisk hälsa).
EXPECTED_COUNTS = {"kalmar": 51, "varmland": 33, "vasterbotten": 32}

needs_catalogue = pytest.mark.skipif(
    not CATALOGUE.exists(), reason="../shared/spec/rules.yaml is not beside this checkout"
)


def _normalise(text: str) -> str:
    # The catalogue's own normalisation: the PDFs were extracted with line-break hyphenation.
    return re.sub(r"[\s\-\u00ad\u2010-\u2014]", "", text).casefold()


@pytest.fixture(scope="module")
def catalogue() -> dict[str, dict]:
    return {entry["id"]: entry for entry in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def implemented() -> dict[str, ps.Rule]:
    return {rule.id: rule for rule in ps.rules()}


@pytest.mark.parametrize("region", sorted(EXPECTED_COUNTS))
def test_every_region_has_its_catalogue_count(region: str) -> None:
    assert len(ps.rules(region)) == EXPECTED_COUNTS[region]


@needs_catalogue
@pytest.mark.parametrize("region", sorted(EXPECTED_COUNTS))
def test_no_catalogue_id_is_missing_or_extra(region: str, catalogue: dict, implemented: dict) -> None:
    expected = {i for i in catalogue if i.startswith(region + ".")}
    actual = {i for i in implemented if i.startswith(region + ".")}
    assert sorted(expected - actual) == [], "catalogue rules not implemented"
    assert sorted(actual - expected) == [], "implemented rules not in the catalogue"


@needs_catalogue
def test_kind_citation_and_parameters_match_the_catalogue(catalogue: dict, implemented: dict) -> None:
    problems = []
    for rule_id, entry in sorted(catalogue.items()):
        rule = implemented.get(rule_id)
        if rule is None:
            continue  # reported by test_no_catalogue_id_is_missing_or_extra
        source = entry["source"]
        if rule.kind.value != entry["kind"]:
            problems.append(f"{rule_id}: kind {rule.kind.value} != {entry['kind']}")
        if rule.citation.document != source["document"]:
            problems.append(f"{rule_id}: document {rule.citation.document} != {source['document']}")
        if rule.citation.section != source["section"]:
            problems.append(f"{rule_id}: section {rule.citation.section!r} != {source['section']!r}")
        if rule.citation.quote != source["quote"]:
            problems.append(f"{rule_id}: quote differs from the catalogue")
        names = {p.name for p in rule.parameters}
        missing = set(entry.get("parameters") or {}) - names
        if missing:
            problems.append(f"{rule_id}: parameters missing: {sorted(missing)}")
    assert problems == []


@needs_catalogue
def test_catalogue_parameter_values_are_the_plugins_values(catalogue: dict, implemented: dict) -> None:
    problems = []
    for rule_id, entry in sorted(catalogue.items()):
        rule = implemented.get(rule_id)
        if rule is None:
            continue
        for name, expected in (entry.get("parameters") or {}).items():
            values = [v.value for v in rule.parameter(name).values] if name in {p.name for p in rule.parameters} else []
            if not any(_covers(_plain(v), _plain(expected)) for v in values):
                problems.append(f"{rule_id}.{name}: catalogue {expected!r} not among {values!r}")
    assert problems == []


def _covers(value: object, expected: object) -> bool:
    """The plugin's value is the catalogue's; a list may name more codes (a synonym the rule's
    notes give), never fewer."""
    if isinstance(value, list) and isinstance(expected, list):
        return all(e in value for e in expected)
    return value == expected


def _plain(value: object) -> object:
    """Codes by their code: the catalogue writes some by the text's names ("NDR", "Diabetesregistret")."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        for codes in LABELS:
            found = lookup(codes, value)
            if found is not None:
                return str(found.value)
    return value


@needs_catalogue
def test_every_quote_is_found_in_its_source_text(implemented: dict) -> None:
    texts = {p.name: _normalise(p.read_text(encoding="utf-8")) for p in REGULATIONS.glob("*.txt")}
    missing = [
        rule.id
        for rule in implemented.values()
        if _normalise(rule.citation.quote) not in texts.get(rule.citation.document, "")
    ]
    assert missing == []


def test_every_rule_is_cited_and_dated() -> None:
    for rule in ps.rules():
        assert rule.citation.quote.strip() and rule.citation.section.strip() and rule.citation.title
        assert RULE_ID_PATTERN.match(rule.id)
        for parameter in rule.parameters:
            assert parameter.values, f"{rule.id}.{parameter.name} has no value"
            assert all(v.valid_from is not None for v in parameter.values)
