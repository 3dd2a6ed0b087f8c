"""What a reader sees names the rulebook, never a source file or an internal planning reference.

The patterns live in ``docs/check_public_text.py``, which the docs session also runs over the
built site. Here: ``primarvard rules`` (JSON and the text table), ``primarvard regions``, the
JSON of every rule and programme, a result's citation, and the JSON Schemas.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

import primarvard_sdk as ps
from primarvard_sdk.cli import main
from primarvard_sdk.convert import unstructure
from primarvard_sdk.schema import SCHEMA_TYPES, schema_for

_spec = importlib.util.spec_from_file_location(
    "check_public_text", Path(__file__).resolve().parents[1] / "docs" / "check_public_text.py"
)
assert _spec is not None and _spec.loader is not None
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def _problems(text: str, where: str) -> list[str]:
    return list(check.problems(text, where))


def test_the_patterns_catch_what_they_are_for() -> None:
    assert _problems("source: 000_70f0d1d439b99300.txt", "x")
    assert _problems("the SPEC default", "x") and _problems("as the Briefing says", "x")
    assert _problems("see rules.yaml", "x") and _problems("in ../shared", "x")
    assert not _problems("a spec can gain arguments; constraints.txt pins versions", "x")


@pytest.mark.parametrize("argv", [
    ("rules", "--format", "json"),
    ("rules",),
    ("regions", "--format", "json"),
    ("regions",),
], ids=" ".join)
def test_cli_listings_name_no_file_and_no_planning_reference(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    assert main(list(argv)) == 0
    out = capsys.readouterr().out
    assert out.strip()
    assert _problems(out, " ".join(argv)) == []


def test_every_rule_and_programme_as_json() -> None:
    text = json.dumps([unstructure(r) for r in ps.rules()], ensure_ascii=False)
    text += json.dumps([unstructure(r) for r in ps.regions()], ensure_ascii=False)
    assert _problems(text, "rules") == []


def test_a_citation_names_the_rulebook_issuer_edition_and_section() -> None:
    [result] = ps.evaluate(
        ps.parse_document({"referens": "R-1", "inkom": "2025-12-10T09:15:00+01:00"}, "Remiss"),
        region="kalmar", programme="psykisk_halsa", as_of=date(2025, 12, 12),
        rule="kalmar.psykisk_halsa.remiss.forsta_kontakt",
    )
    c = result.citation
    assert c.document == "kalmar-psykisk-halsa-uppdrag"
    assert c.reference == "Region Kalmar län — Vårdval Psykisk hälsa primärvård i Kalmar län — uppdragsbeskrivning"
    assert c.section == "Tillgänglighet › Kontakt med vården; Remisskrav" and c.quote.startswith("Samtliga patienter")
    assert {"document", "title", "issuer", "edition", "annex", "section", "quote"} <= set(unstructure(c))
    dated = next(r for r in ps.rules("vasterbotten")).citation
    assert (dated.issuer, dated.edition) == ("Region Västerbotten", "2025")
    assert dated.reference == "Region Västerbotten — Uppdrag och regler 2025, Hälsoval Primärvård Västerbotten"


def test_an_annex_citation_says_which_annex() -> None:
    cited = [r.citation for r in ps.rules("kalmar") if r.citation.document == "kalmar-bilaga-8-samverkan"]
    assert cited and all(c.annex and "Bilaga 8" in c.annex and "Bilaga 8" in c.reference for c in cited)


def test_every_citation_carries_title_and_issuer() -> None:
    for rule in ps.rules():
        c = rule.citation
        assert c.title and c.issuer and c.issuer in c.reference, rule.id
        assert c.document != c.title, rule.id


@pytest.mark.parametrize("type_name", SCHEMA_TYPES)
def test_schemas_name_no_file(type_name: str) -> None:
    assert _problems(json.dumps(schema_for(type_name), ensure_ascii=False), type_name) == []
