"""Plugin faults: each is reported with the distribution name and a clear message, the other
regions keep working, and the conformance suite fails with a readable message."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from datetime import date
from importlib.metadata import Distribution, EntryPoint
from pathlib import Path
from typing import Any

import primarvard_faulty as faulty
import primarvard_gotland
import pytest

from primarvard_sdk import PluginError, Sdk, parse_document
from primarvard_sdk import testing as kit
from primarvard_sdk.cli import main

GOTLAND = (primarvard_gotland.plugin, primarvard_gotland.DISTRIBUTION)
REMISS = {"inkom": "2025-03-03", "referens": "r1"}
AS_OF = date(2025, 3, 10)


class _FakeDistribution(Distribution):
    def __init__(self, name: str, version: str) -> None:
        self._text = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"

    def read_text(self, filename: str) -> str | None:
        return self._text if filename in ("METADATA", "PKG-INFO") else None

    def locate_file(self, path: Any) -> Any:
        return Path(str(path))


def _broken_entry_point() -> EntryPoint:
    ep = EntryPoint("broken", "primarvard_faulty.broken_import:plugin", "primarvard_sdk")
    return ep._for(_FakeDistribution("primarvard-broken", "9.9"))  # type: ignore[attr-defined,no-any-return]


def _sdk(*plugins: tuple[Any, str], entry_points: Any = False) -> Sdk:
    return Sdk(plugins=[GOTLAND, *plugins], entry_points=entry_points)


def _gotland_still_works(sdk: Sdk) -> None:
    results = sdk.evaluate(parse_document(REMISS, "Remiss"), region="gotland", programme="vardval", as_of=AS_OF)
    assert results and all(r.region == "gotland" for r in results)


def test_import_failure_is_reported_with_the_distribution() -> None:
    sdk = _sdk(entry_points=[_broken_entry_point()])
    (failure,) = sdk.failures
    assert failure.distribution == "primarvard-broken 9.9"
    assert failure.message.startswith("failed to import: ImportError")
    _gotland_still_works(sdk)
    with pytest.raises(AssertionError, match=r"plugin primarvard-broken 9\.9: failed to import: ImportError"):
        kit.check_plugins_loaded(sdk)


def test_raising_region_hook_is_reported_and_redacted() -> None:
    sdk = _sdk((faulty.RaisesInRegion(), "faulty-region 1.0"))
    (failure,) = sdk.failures
    assert failure.distribution == "faulty-region 1.0"
    assert "primarvard_sdk_region raised RuntimeError" in failure.message
    assert faulty.SECRET not in failure.message and "191212121212" not in failure.message
    _gotland_still_works(sdk)
    with pytest.raises(AssertionError, match=re.escape("plugin faulty-region 1.0: primarvard_sdk_region raised RuntimeError")):
        kit.check_plugins_loaded(sdk)


def test_raising_rules_hook() -> None:
    sdk = _sdk((faulty.RaisesInRules(), "faulty-rules 1.0"))
    with pytest.raises(PluginError, match=re.escape("plugin faulty-rules 1.0: primarvard_sdk_rules raised KeyError")):
        sdk.rules("raisesrules")
    assert {r.region for r in sdk.rules()} == {"gotland"}  # listing everything skips the broken one
    assert any(f.distribution == "faulty-rules 1.0" for f in sdk.failures)
    _gotland_still_works(sdk)
    with pytest.raises(AssertionError, match=re.escape("plugin faulty-rules 1.0: programme raisesrules.vardval does not load")):
        kit.check_region(sdk, "raisesrules")


@pytest.mark.parametrize(
    ("plugin", "dist", "message"),
    [
        (faulty.RaisesInEvaluate(), "faulty-eval 1.0", "primarvard_sdk_evaluate raised ZeroDivisionError"),
        (faulty.MalformedFinding(), "faulty-malformed 1.0", "returned a malformed finding"),
        (faulty.NonJsonValues(), "faulty-nonjson 1.0", "values cannot be written as JSON"),
    ],
)
def test_faults_in_evaluate(plugin: Any, dist: str, message: str) -> None:
    sdk = _sdk((plugin, dist))
    unit = parse_document({"id": "e1"}, "Vardenhet")
    with pytest.raises(PluginError, match=message) as info:
        sdk.evaluate(unit, region=plugin.code, programme="vardval", as_of=AS_OF)
    assert info.value.distribution == dist and faulty.SECRET not in str(info.value)
    _gotland_still_works(sdk)
    rule = sdk.rule(f"{plugin.code}.vardval.vardenhet.krav")
    with pytest.raises(AssertionError, match=rf"plugin {dist}: rule {rule.id}: .*{message}"):
        kit.evaluate_rule(sdk, rule, unit, AS_OF)


def test_wrong_shape_fails_the_conformance_check() -> None:
    sdk = _sdk((faulty.WrongShape(), "faulty-shape 1.0"))
    rule = sdk.rule("wrongshape.vardval.vardenhet.krav")
    unit = parse_document({"id": "e1"}, "Vardenhet")
    result = kit.evaluate_rule(sdk, rule, unit, AS_OF)
    with pytest.raises(AssertionError) as info:
        kit.check_result(sdk, rule, result, unit)
    text = str(info.value)
    assert text.startswith("plugin faulty-shape 1.0: rule wrongshape.vardval.vardenhet.krav:")
    assert "explanation must be given in Swedish and English" in text
    assert "indeterminate must name the missing inputs, and only indeterminate may" in text


def test_a_decision_with_missing_inputs_is_refused_by_the_core() -> None:
    sdk = _sdk((faulty.PassWithMissing(), "faulty-missing 1.0"))
    rule = sdk.rule("passmissing.vardval.vardenhet.krav")
    with pytest.raises(AssertionError, match="returned a malformed finding: pass names missing inputs; only indeterminate may"):
        kit.evaluate_rule(sdk, rule, parse_document({"id": "e1"}, "Vardenhet"), AS_OF)


def test_bad_metadata_fails_the_conformance_check() -> None:
    sdk = _sdk((faulty.BadMetadata(), "faulty-meta 1.0"))
    with pytest.raises(AssertionError, match=re.escape(
            "plugin faulty-meta 1.0: rule badmeta.vardval.vardenhet.krav: citation needs a document, a section "
            "and a non-empty quote; parameter n has a value without valid_from")):
        kit.check_rule(sdk, sdk.rule("badmeta.vardval.vardenhet.krav"))


def test_claiming_another_plugins_region() -> None:
    sdk = _sdk((faulty.ClaimsRegion("gotland"), "faulty-claim 1.0"))
    assert any(f.distribution == "faulty-claim 1.0" and "also claimed by primarvard-gotland 0.0.1" in f.message
               for f in sdk.failures)
    with pytest.raises(PluginError, match="claimed by more than one plugin"):
        sdk.region("gotland")
    with pytest.raises(AssertionError, match=r"region gotland: PluginError: .*claimed by more than one plugin"):
        kit.check_region(sdk, "gotland")


def test_claiming_another_plugins_rule_id() -> None:
    sdk = _sdk((faulty.ClaimsRule("gotland.vardval.remiss.forsta_kontakt"), "faulty-rule 1.0"))
    with pytest.raises(PluginError, match=re.escape(
            "plugin faulty-rule 1.0: rule 'gotland.vardval.remiss.forsta_kontakt' does not belong to claims.vardval")):
        sdk.rules("claims")
    _gotland_still_works(sdk)
    assert sdk.rule("gotland.vardval.remiss.forsta_kontakt").region == "gotland"
    with pytest.raises(AssertionError, match=re.escape("plugin faulty-rule 1.0: programme claims.vardval does not load")):
        kit.check_region(sdk, "claims")


def test_cli_keeps_other_regions_working(capsys: pytest.CaptureFixture[str]) -> None:
    sdk = _sdk((faulty.RaisesInRules(), "faulty-rules 1.0"), (faulty.RaisesInRegion(), "faulty-region 1.0"))
    assert main(["rules"], sdk=sdk) == 4  # the answer lacks the broken plugins' rules
    out, err = capsys.readouterr()
    assert "gotland.vardval.remiss.forsta_kontakt" in out
    assert "warning: plugin faulty-region 1.0" in err and "warning: plugin faulty-rules 1.0" in err
    assert "Traceback" not in err


def test_conformance_suite_fails_readably_for_a_faulty_plugin(tmp_path: Path) -> None:
    """Run the suite as a plugin author would, in a separate pytest, against a faulty plugin."""
    (tmp_path / "test_author.py").write_text(textwrap.dedent("""
        import primarvard_faulty as faulty
        from primarvard_sdk import Sdk
        from primarvard_sdk.testing import ConformanceTests

        class TestFaulty(ConformanceTests):
            sdk = Sdk(plugins=[(faulty.RaisesInEvaluate(), "faulty-eval 1.0")], entry_points=False)
    """))
    fixtures = Path(__file__).parents[1] / "fixtures"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path),
         "-W", "ignore::DeprecationWarning"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
        env={"PYTHONPATH": str(fixtures), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert run.returncode == 1, run.stdout[-3000:]
    assert "AssertionError: plugin faulty-eval 1.0: rule faulty.vardval.vardenhet.krav" not in run.stdout
    assert ("RuleCrashed: plugin faulty-eval 1.0: rule raiseseval.vardval.vardenhet.krav: "
            "primarvard_sdk_evaluate raised ZeroDivisionError (in primarvard_faulty line ") in run.stdout
    assert faulty.SECRET not in run.stdout
