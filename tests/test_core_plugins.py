"""The plugin host: a third region from a test package, isolation of faulty plugins, no silent
overwrite of a region."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import primarvard_sdk as ps
from primarvard_sdk import findings
from primarvard_sdk.context import RuleContext
from primarvard_sdk.domain import Etjanstearende, local_day
from primarvard_sdk.hookspecs import hookimpl
from primarvard_sdk.model import (
    Citation,
    Edition,
    Kind,
    Parameter,
    ParameterValue,
    Programme,
    Region,
    Rule,
)

EDITION = Edition("2024", "Testprogrammet 2024", "Testregionen", date(2024, 1, 1))

CITATION = Citation(document="test.txt", title="Testregionens regelbok", section="1", quote="Svar inom två dagar.")


def _rule(region: str, programme: str = "testprogram", name: str = "svar") -> Rule:
    return Rule(
        id=f"{region}.{programme}.tillganglighet.{name}",
        region=region,
        programme=programme,
        subject="tillganglighet",
        kind=Kind.deadline,
        title="Svar inom två kalenderdagar",
        description="Answered within two calendar days.",
        citation=CITATION,
        parameters=(Parameter("calendar_days", (ParameterValue(2, date(2025, 1, 1), None),)),),
        input_type="Etjanstearende",
    )


class FakeRegion:
    """A third region, not in core: one deadline rule on e-service matters."""

    def __init__(self, code: str = "testregion") -> None:
        self.code = code

    @hookimpl
    def primarvard_sdk_region(self) -> Region:
        return Region(self.code, "Testregionen", (Programme("testprogram", "Testprogrammet", editions=(EDITION,)),))

    @hookimpl
    def primarvard_sdk_rules(self, programme: str) -> list[Rule]:
        return [_rule(self.code)]

    @hookimpl
    def primarvard_sdk_annexes(self, programme: str) -> list[Any]:
        return []

    @hookimpl
    def primarvard_sdk_evaluate(self, rule: Rule, document: Etjanstearende, context: RuleContext) -> ps.Finding:
        arrived = local_day(document.inkom)
        due = date.fromordinal(arrived.toordinal() + context.param("calendar_days"))
        return findings.deadline(due, document.besvarad, context.as_of, "Svar senast.", "Answer due.")


class RaisingRegion(FakeRegion):
    @hookimpl
    def primarvard_sdk_evaluate(self, rule: Rule, document: Any, context: RuleContext) -> ps.Finding:
        raise RuntimeError("boom for 19121212-1212")


class BrokenRegionHook:
    @hookimpl
    def primarvard_sdk_region(self) -> Region:
        raise ValueError("cannot read region.yaml")


def test_a_third_region_plugin_registers_and_evaluates() -> None:
    sdk = ps.Sdk([(FakeRegion(), "primarvard-testregion 9.9")])
    assert "testregion" in [r.code for r in sdk.regions()]
    matter = ps.parse_document({"inkom": "2025-01-30", "besvarad": "2025-02-01"}, "Etjanstearende")
    (result,) = sdk.evaluate(matter, region="testregion", programme="testprogram", as_of=date(2025, 2, 5))
    assert result.outcome is ps.Outcome.met
    assert result.values["due"] == date(2025, 2, 1)
    assert result.parameters[0].name == "calendar_days" and result.parameters[0].value == 2
    assert result.citation == CITATION
    # and the installed regions still answer beside it
    assert {"kalmar", "varmland", "vasterbotten"} <= {r.code for r in sdk.regions()}


def test_a_raising_plugin_is_named_and_other_regions_still_answer() -> None:
    sdk = ps.Sdk([(RaisingRegion(), "primarvard-raising 1.0")])
    matter = ps.parse_document({"inkom": "2025-01-30"}, "Etjanstearende")
    with pytest.raises(ps.PluginError) as info:
        sdk.evaluate(matter, region="testregion", programme="testprogram", as_of=date(2025, 2, 5))
    message = str(info.value)
    assert "primarvard-raising 1.0" in message and "RuntimeError" in message
    assert "19121212" not in message and "1212-1212" not in message
    referral = ps.parse_document({"inkom": "2025-12-10"}, "Remiss")
    results = sdk.evaluate(referral, region="kalmar", programme="psykisk_halsa", as_of=date(2025, 12, 11))
    assert results and all(r.region == "kalmar" for r in results)


def test_a_plugin_failing_at_load_is_reported_and_skipped() -> None:
    sdk = ps.Sdk([(BrokenRegionHook(), "primarvard-broken 0.1")])
    assert [f.distribution for f in sdk.failures] == ["primarvard-broken 0.1"]
    # the exception type and where it was raised; never its text, which may quote personal data
    assert sdk.failures[0].message.startswith("primarvard_sdk_region raised ValueError (in test_core_plugins line ")
    assert "region.yaml" not in sdk.failures[0].message
    assert {"kalmar", "varmland", "vasterbotten"} <= {r.code for r in sdk.regions()}


def test_two_plugins_claiming_one_region_is_an_error_not_last_one_wins() -> None:
    sdk = ps.Sdk([(FakeRegion(), "first 1.0"), (FakeRegion(), "second 1.0")], entry_points=False)
    assert "testregion" not in [r.code for r in sdk.regions()]
    assert "also claimed by first 1.0" in sdk.failures[0].message
    with pytest.raises(ps.PluginError, match="claimed by more than one plugin"):
        sdk.rules("testregion")


def test_a_plugin_claiming_an_installed_region_does_not_replace_it() -> None:
    sdk = ps.Sdk([(FakeRegion("kalmar"), "impostor 1.0")])
    with pytest.raises(ps.PluginError, match="primarvard-kalmar"):
        sdk.rules("kalmar")
    assert any(f.distribution == "impostor 1.0" for f in sdk.failures)


def test_rule_ids_outside_the_plugins_region_are_refused() -> None:
    class Poacher(FakeRegion):
        @hookimpl
        def primarvard_sdk_rules(self, programme: str) -> list[Rule]:
            return [_rule("kalmar", "testprogram")]

    sdk = ps.Sdk([(Poacher(), "poacher 1.0")], entry_points=False)
    with pytest.raises(ps.PluginError, match=r"does not belong to testregion\.testprogram"):
        sdk.rules("testregion")


def test_unknown_names_are_typed_errors() -> None:
    sdk = ps.Sdk()
    with pytest.raises(ps.UnknownRegion):
        sdk.rules("gotland")
    with pytest.raises(ps.UnknownProgramme):
        sdk.rules("kalmar", "tandvard")
    with pytest.raises(ps.UnknownRule):
        sdk.rule("kalmar.psykisk_halsa.remiss.finns_inte")


def test_as_of_is_required_and_parameters_outside_their_period_do_not_apply() -> None:
    sdk = ps.Sdk([(FakeRegion(), "primarvard-testregion 9.9")], entry_points=False)
    matter = ps.parse_document({"inkom": "2024-06-01"}, "Etjanstearende")
    (result,) = sdk.evaluate(matter, region="testregion", programme="testprogram", as_of=date(2024, 6, 2))
    assert result.outcome is ps.Outcome.not_applicable
    assert result.values == {"parameter_not_in_force": "calendar_days"}
    with pytest.raises(TypeError):
        sdk.evaluate(matter, region="testregion", programme="testprogram", as_of="2024-06-02")  # type: ignore[arg-type]


def test_regions_marks_a_plugin_that_failed_to_load(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from primarvard_sdk.cli import main

    sdk = ps.Sdk([(BrokenRegionHook(), "primarvard-broken 0.1")])
    assert main(["regions"], sdk=sdk) == 4  # listed, and the plugin fault is in the exit code
    out = capsys.readouterr().out
    assert "primarvard-broken 0.1  NOT LOADED: primarvard_sdk_region raised ValueError" in out
    assert out.startswith("kalmar  ")  # the regions that load are listed as always
    assert main(["regions", "--format", "json"], sdk=sdk) == 4
    listed = json.loads(capsys.readouterr().out)
    assert [e["distribution"] for e in listed if not e["loaded"]] == ["primarvard-broken 0.1"]
    assert all(e["loaded"] for e in listed if "code" in e)
