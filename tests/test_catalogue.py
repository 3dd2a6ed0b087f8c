"""The plugins against the rule catalogue: every id, kind, citation and parameter name.

The catalogue (``../shared/spec/rules.yaml``, with the further obligations found in the same
texts in ``rules-additions.yaml``) and the rulebook texts (``../shared/regulations/``)
sit beside the checkout in CI; the project does not read them at run time. In a fresh clone
without them, the same checks run against ``tests/data/rulebooks.yaml``: the catalogue's ids,
kinds, sections and parameter values, a hash of every quote, and which rulebook text each
citation key stands for. That manifest is the only place a rulebook's source file name is kept;
when the catalogue is present, a test holds the manifest to it (regenerate with
``python tests/test_catalogue.py --write-manifest``).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

import primarvard_sdk as ps
from primarvard_sdk.domain.codelists import LABELS, lookup
from primarvard_sdk.model import RULE_ID_PATTERN

#: ``PRIMARVARD_SHARED=/nowhere`` runs the suite as a fresh clone does.
SHARED = Path(os.environ.get("PRIMARVARD_SHARED") or Path(__file__).resolve().parents[2] / "shared")
CATALOGUE = SHARED / "spec" / "rules.yaml"
ADDITIONS = SHARED / "spec" / "rules-additions.yaml"
REGULATIONS = SHARED / "regulations"
MANIFEST = Path(__file__).resolve().parent / "data" / "rulebooks.yaml"

#: Rules per region in the catalogue (kalmar: 28 hälsoval + 23 psykisk hälsa).
CATALOGUE_COUNTS = {"kalmar": 51, "varmland": 33, "vasterbotten": 32}
#: The further obligations per region (kalmar: 36 hälsoval + 23 psykisk hälsa).
ADDITION_COUNTS = {"kalmar": 59, "varmland": 50, "vasterbotten": 73}
#: Regions whose further obligations are all implemented: the test requires every one of them.
#: (Elsewhere an implemented addition is checked like any rule, and none may be unknown.)
COMPLETE = {"kalmar", "varmland", "vasterbotten"}
EXPECTED_COUNTS = {r: n + (ADDITION_COUNTS[r] if r in COMPLETE else 0) for r, n in CATALOGUE_COUNTS.items()}

#: The rulebook text each citation key stands for (the catalogue names texts by file).
SOURCE_FILES = {
    "kalmar-psykisk-halsa-uppdrag": "000_70f0d1d439b99300.txt",
    "kalmar-halsoval-uppdrag-2025": "001_410661f8640e86a4.txt",
    "kalmar-bilaga-8-samverkan": "002_3f2fd1c1ffa8769a.txt",
    "varmland-krav-och-kvalitetsbok-del-2": "003_868a6012f1f57046.txt",
    "vasterbotten-uppdrag-och-regler-2025": "004_a9651fc42b91a24f.txt",
}

def _normalise(text: str) -> str:
    # The catalogue's own normalisation: the PDFs were extracted with line-break hyphenation.
    return re.sub(r"[\s\-\u00ad\u2010-\u2014]", "", text).casefold()


def _quote_hash(quote: str) -> str:
    """The quote exactly as the catalogue copies it (the catalogue's quotes are found in the texts)."""
    return hashlib.sha256(quote.encode("utf-8")).hexdigest()


def _manifest_from_catalogue() -> dict:
    """The manifest as the catalogue and the rulebook texts give it."""
    keys = {file: key for key, file in SOURCE_FILES.items()}
    entries = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    additions = yaml.safe_load(ADDITIONS.read_text(encoding="utf-8"))
    return {
        "documents": {
            key: {"source": file, "sha256": hashlib.sha256((REGULATIONS / file).read_bytes()).hexdigest()}
            for key, file in SOURCE_FILES.items()
        },
        "rules": {
            e["id"]: {
                "kind": e["kind"],
                "document": keys[e["source"]["document"]],
                "section": e["source"]["section"],
                "quote_sha256": _quote_hash(e["source"]["quote"]),
                **({"parameters": e["parameters"]} if e.get("parameters") else {}),
                **({"addition": True} if addition else {}),
            }
            for addition, group in ((False, entries), (True, additions))
            for e in group
        },
    }


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue(manifest: dict) -> dict[str, dict]:
    """Rule id → {kind, document (a citation key), section, quote_sha256, parameters}: from the
    catalogue beside the checkout when it is there, else from the checked-in manifest."""
    return (_manifest_from_catalogue() if CATALOGUE.exists() else manifest)["rules"]


def test_the_manifest_is_the_catalogue(manifest: dict) -> None:
    if CATALOGUE.exists():
        assert manifest == _manifest_from_catalogue(), "run python tests/test_catalogue.py --write-manifest"
    else:  # a fresh clone: the manifest is whole (116 + 182 rules, five rulebooks)
        assert len(manifest["rules"]) == sum(CATALOGUE_COUNTS.values()) + sum(ADDITION_COUNTS.values())
        assert {e["document"] for e in manifest["rules"].values()} == set(manifest["documents"])


def test_every_citation_key_names_one_rulebook_text(manifest: dict) -> None:
    documents = {d.id for r in ps.regions() for p in r.programmes for d in p.documents}
    assert documents == set(manifest["documents"]) == set(SOURCE_FILES)
    for key in documents:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key), key


@pytest.fixture(scope="module")
def implemented() -> dict[str, ps.Rule]:
    return {rule.id: rule for rule in ps.rules()}


@pytest.mark.parametrize("region", sorted(EXPECTED_COUNTS))
def test_every_region_has_its_catalogue_count(region: str) -> None:
    assert len(ps.rules(region)) == EXPECTED_COUNTS[region]


@pytest.mark.parametrize("region", sorted(EXPECTED_COUNTS))
def test_no_catalogue_id_is_missing_or_extra(region: str, catalogue: dict, implemented: dict) -> None:
    expected = {i for i, e in catalogue.items() if i.startswith(region + ".")
                and (region in COMPLETE or not e.get("addition"))}
    known = {i for i in catalogue if i.startswith(region + ".")}
    actual = {i for i in implemented if i.startswith(region + ".")}
    assert sorted(expected - actual) == [], "catalogue rules not implemented"
    assert sorted(actual - known) == [], "implemented rules not in the catalogue"


def test_kind_citation_and_parameters_match_the_catalogue(catalogue: dict, implemented: dict) -> None:
    problems = []
    for rule_id, entry in sorted(catalogue.items()):
        rule = implemented.get(rule_id)
        if rule is None:
            continue  # reported by test_no_catalogue_id_is_missing_or_extra
        if rule.kind.value != entry["kind"]:
            problems.append(f"{rule_id}: kind {rule.kind.value} != {entry['kind']}")
        if rule.citation.document != entry["document"]:
            problems.append(f"{rule_id}: document {rule.citation.document} != {entry['document']}")
        if rule.citation.section != entry["section"]:
            problems.append(f"{rule_id}: section {rule.citation.section!r} != {entry['section']!r}")
        if _quote_hash(rule.citation.quote) != entry["quote_sha256"]:
            problems.append(f"{rule_id}: quote differs from the catalogue")
        names = {p.name for p in rule.parameters}
        missing = set(entry.get("parameters") or {}) - names
        if missing:
            problems.append(f"{rule_id}: parameters missing: {sorted(missing)}")
    assert problems == []


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


def test_every_quote_is_found_in_its_source_text(manifest: dict, implemented: dict) -> None:
    """In the rulebook text when it is beside the checkout, else by the catalogue quote's hash."""
    if REGULATIONS.exists():
        texts = {p.name: _normalise(p.read_text(encoding="utf-8")) for p in REGULATIONS.glob("*.txt")}
        found = lambda rule: _normalise(rule.citation.quote) in texts.get(SOURCE_FILES.get(rule.citation.document, ""), "")  # noqa: E731
    else:
        known = manifest["rules"]
        found = lambda rule: _quote_hash(rule.citation.quote) == known.get(rule.id, {}).get("quote_sha256")  # noqa: E731
    assert [rule.id for rule in implemented.values() if not found(rule)] == []


def test_every_parameter_value_quote_is_known(manifest: dict, implemented: dict) -> None:
    """A parameter value with its own citation cites a known rulebook, with a quote found in it
    (checked against the text when it is beside the checkout)."""
    texts = ({key: _normalise((REGULATIONS / file).read_text(encoding="utf-8")) for key, file in SOURCE_FILES.items()}
             if REGULATIONS.exists() else None)
    for rule in implemented.values():
        for parameter in rule.parameters:
            for value in parameter.values:
                c = value.citation
                if c is None:
                    continue
                assert c.document in manifest["documents"], f"{rule.id}.{parameter.name}"
                if texts is not None:
                    assert _normalise(c.quote) in texts[c.document], f"{rule.id}.{parameter.name}"


def test_every_rule_is_cited_and_dated() -> None:
    for rule in ps.rules():
        assert rule.citation.quote.strip() and rule.citation.section.strip() and rule.citation.title
        assert rule.description_sv and rule.description_sv != rule.description, f"{rule.id}: no Swedish statement"
        assert RULE_ID_PATTERN.match(rule.id)
        for parameter in rule.parameters:
            assert parameter.values, f"{rule.id}.{parameter.name} has no value"
            assert all(v.valid_from is not None for v in parameter.values)


if __name__ == "__main__" and sys.argv[1:] == ["--write-manifest"]:
    header = ("# Written by `python tests/test_catalogue.py --write-manifest` from the rule catalogue and the\n"
              "# rulebook texts beside the checkout; the catalogue test reads it when they are not there.\n"
              "# The only place a rulebook's source file name is kept: never in the plugins or the docs.\n")
    MANIFEST.write_text(header + yaml.safe_dump(_manifest_from_catalogue(), allow_unicode=True, sort_keys=True, width=100),
                        encoding="utf-8")
