"""Regression tests for the reliability review (F-1 … F-17): each failed before its fix."""

from __future__ import annotations

import json
import time
from datetime import date
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

import pytest

import primarvard_sdk as ps
from primarvard_sdk import faults, streaming
from primarvard_sdk.cli import main
from primarvard_sdk.context import ParameterNotInForce, RuleContext
from primarvard_sdk.model import Explanation, Finding, Outcome, UsedParameter
from primarvard_sdk.streaming import results_json

NUMBER, NAME = "19121212-1212", "Tolvan Tolvansson"
SECRETS = ("19121212", "121212-1212", "1212121212", "Tolvan", "Storgatan")
REFERRAL = {"type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa", "as_of": "2025-03-10",
            "document": {"referens": "R-1", "typ": "standard", "inkom": "2025-03-03"}}
MISSED = {**REFERRAL, "as_of": "2025-12-30", "rule": "kalmar.psykisk_halsa.remiss.forsta_kontakt"}


def request(**document: Any) -> dict[str, Any]:
    return {**REFERRAL, "document": {**REFERRAL["document"], **document}}


def paths_of(data: Any) -> list[str]:
    with pytest.raises(ps.InvalidDocument) as info:
        ps.evaluate_json(json.dumps(data) if not isinstance(data, str | bytes) else data)
    text = str(info.value)
    assert not any(s in text for s in SECRETS), text
    return [e.path for e in info.value.errors]


def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str | bytes, *args: str,
        sdk: ps.Sdk | None = None, name: str = "in.jsonl") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    code = main(["evaluate", str(path), *args], sdk=sdk)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def with_plugin(plugin: Any, name: str = "faulty-x 0.0", **options: Any) -> ps.Sdk:
    return ps.Sdk(plugins=[(plugin, name)], **options)


def referral(**patient: Any) -> Any:
    return ps.parse_document({**faults.DOCUMENT, "patient": {**faults.DOCUMENT["patient"], **patient}}, "Remiss")


class Plugin(faults.Healthy):
    def __init__(self, code: str, finding: Any) -> None:
        self.code, self._finding = code, finding

    def finding(self, document: Any, context: RuleContext) -> Any:
        return self._finding(document, context)


# F-1 ----------------------------------------------------------------------------------------


def test_f1_error_reporting_is_linear_and_capped() -> None:
    data = request(kompletteringar=[{"begard": 1}] * 100_000)
    started = time.perf_counter()
    with pytest.raises(ps.InvalidDocument) as info:
        ps.evaluate_json(json.dumps(data))
    assert time.perf_counter() - started < 3
    assert len(info.value.errors) == 100 and info.value.more == 99_900


def test_f1_a_10000_item_invalid_list_is_answered_fast_and_capped() -> None:
    data = request(kompletteringar=[1] * 10_000)
    started = time.perf_counter()
    with pytest.raises(ps.InvalidDocument) as info:
        ps.evaluate_json(json.dumps(data))
    assert time.perf_counter() - started < 0.5
    assert len(info.value.errors) == 100 and info.value.more == 9_900
    assert len(str(info.value)) < 10_000 and str(info.value).endswith("and 9900 more")


# F-2, F-10, F-11: plugins that break at load, exit, or hang ---------------------------------


def installed() -> list[EntryPoint]:
    return sorted(entry_points(group="primarvard_sdk"), key=lambda e: e.name)


def _entry_point(name: str, action: Any) -> EntryPoint:
    return faults._Loads(name, action)


@pytest.mark.parametrize(
    ("action", "message"),
    [(lambda: None, "is not a plugin"), (faults._raise(SystemExit(7)), "failed to import: SystemExit"),
     (faults._raise(KeyboardInterrupt()), "failed to import: KeyboardInterrupt")],
    ids=["none", "system-exit", "keyboard-interrupt"],
)
def test_f2_f10_a_plugin_broken_at_import_is_named_and_the_others_answer(action: Any, message: str) -> None:
    sdk = ps.Sdk(entry_points=[*installed(), _entry_point("broken", action)])
    assert next(f.message for f in sdk.failures if f.distribution == "faulty-broken-import").startswith(message)
    assert {"kalmar", "varmland", "vasterbotten"} <= {r.code for r in sdk.regions()}
    assert sdk.evaluate_request(ps.parse_request(REFERRAL))


def test_f10_system_exit_in_a_hook_is_a_plugin_error_and_the_run_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sdk = with_plugin(Plugin("exits", lambda d, c: faults._raise(SystemExit(f"exit {NUMBER}"))()))
    exiting = {"type": "Remiss", "region": "exits", "programme": "vardval", "as_of": "2025-03-10",
               "document": {"inkom": "2025-03-03"}}
    code, out, err = cli(capsys, tmp_path, "\n".join(json.dumps(r) for r in (exiting, REFERRAL)), "--format", "json", sdk=sdk)
    assert code == 4 and len(out.splitlines()) == 1 and "raised SystemExit" in err and "19121212" not in err


def test_f11_a_hanging_plugin_is_cut_off_and_reported() -> None:
    sdk = with_plugin(Plugin("hangs", lambda d, c: faults._sleep()), plugin_timeout=0.3)
    document = ps.parse_document({"inkom": "2025-03-03"}, "Remiss")
    sdk.rules()  # loaded before the clock starts
    started = time.monotonic()
    with pytest.raises(ps.PluginError, match=r"did not answer within 0\.3 s; the plugin is cut off"):
        sdk.evaluate(document, region="hangs", programme="vardval", as_of=date(2025, 3, 10))
    with pytest.raises(ps.PluginError, match="cut off"):  # at once, from now on
        sdk.evaluate(document, region="hangs", programme="vardval", as_of=date(2025, 3, 10))
    assert time.monotonic() - started < 5  # it sleeps for ten minutes
    assert any("cut off" in f.message for f in sdk.failures)
    assert sdk.evaluate_request(ps.parse_request(REFERRAL))


def test_f11_a_slow_import_is_cut_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sdk = ps.Sdk(entry_points=[*installed(), _entry_point("slow", faults._sleep)],
                 plugin_timeout=0.3)
    started = time.monotonic()
    code, out, err = cli(capsys, tmp_path, json.dumps(REFERRAL), "--format", "json", sdk=sdk)
    assert time.monotonic() - started < 10  # it sleeps for ten minutes
    assert code == 4 and json.loads(out)["results"] and "its import did not answer within 0.3 s" in err


def test_f11_the_timeout_is_an_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, _ = cli(capsys, tmp_path, json.dumps(REFERRAL), "--format", "json")
    assert code == 0
    assert main(["--plugin-timeout", "0", "regions"]) == 0
    assert main(["--plugin-timeout", "2.5", "regions"]) == 0
    with pytest.raises(SystemExit):
        main(["--plugin-timeout", "soon", "regions"])


# F-3: a value that cannot be written ---------------------------------------------------------


def test_f3_an_unwritable_value_is_that_rules_plugin_error_and_nothing_else_is_lost(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sdk = with_plugin(Plugin("bigint", lambda d, c: Finding(Outcome.passed, Explanation("Ja.", "Yes."), {"n": 10**5000})))
    bad = {"type": "Remiss", "region": "bigint", "programme": "vardval", "as_of": "2025-03-10",
           "document": {"inkom": "2025-03-03"}}
    code, out, err = cli(capsys, tmp_path, "\n".join(json.dumps(r) for r in (REFERRAL, bad, REFERRAL)), "--format", "json", sdk=sdk)
    assert code == 4 and [json.loads(line)["source"].rsplit(":", 1)[1] for line in out.splitlines()] == ["1", "3"]
    assert "rule bigint.vardval.remiss.krav returned a malformed finding: values cannot be written as JSON" in err


def test_f3_the_other_rules_of_the_document_keep_their_results() -> None:
    class TwoRules(Plugin):
        @faults.hookimpl
        def primarvard_sdk_rules(self, programme: str) -> Any:
            return (faults._rule("tworules"), faults._rule("tworules", rule_id="tworules.vardval.remiss.annan"))

    def finding(document: Any, context: RuleContext) -> Any:
        bad = context.rule.id.endswith("krav")
        return Finding(Outcome.passed, Explanation("Ja.", "Yes."), {"x": object() if bad else 1})

    sdk = with_plugin(TwoRules("tworules", finding))
    with pytest.raises(ps.PluginError) as info:
        sdk.evaluate(ps.parse_document({"inkom": "2025-03-03"}, "Remiss"), region="tworules", programme="vardval",
                     as_of=date(2025, 3, 10))
    assert [r.rule_id for r in info.value.results] == ["tworules.vardval.remiss.annan"]


# F-4: identity never enters through a free-text field ----------------------------------------

FREE_TEXT = [
    ("Remiss", {"inkom": "2025-03-03", "referens": "{}"}, "$.document.referens"),
    ("Remiss", {"inkom": "2025-03-03", "mottagande_enhet": "{}"}, "$.document.mottagande_enhet"),
    ("Remiss", {"inkom": "2025-03-03", "patient": {"referens": "{}"}}, "$.document.patient.referens"),
    ("Remiss", {"inkom": "2025-03-03", "utfardare": {"enhet_id": "{}"}}, "$.document.utfardare.enhet_id"),
    ("Vardenhet", {"id": "{}"}, "$.document.id"),
    ("Vardenhet", {"id": "e1", "ort": "{}"}, "$.document.ort"),
    ("Vardenhet", {"id": "e1", "personal": [{"id": "{}"}]}, "$.document.personal[0].id"),
    ("Listning", {"tidigare_enhet": "{}"}, "$.document.tidigare_enhet"),
    ("Listning", {"enhet_id": "{}"}, "$.document.enhet_id"),
    ("Tillganglighet", {"enhet_id": "{}"}, "$.document.enhet_id"),
    ("Fordelning", {"omrade": "{}"}, "$.document.omrade"),
    ("Uppfoljning", {"noteringar": ["{}"]}, "$.document.noteringar[0]"),
]


@pytest.mark.parametrize("number", [NUMBER, "121212-1212", "19121212 1212", "121212–1212", "1912121212 12",
                                    "191212121212", "１９１２１２１２－１２１２", "samordning 701063-2391"])
@pytest.mark.parametrize(("type_name", "document", "path"), FREE_TEXT, ids=[p for _, _, p in FREE_TEXT])
def test_f4_a_personnummer_in_a_free_text_field_is_refused_naming_the_path(
        type_name: str, document: dict[str, Any], path: str, number: str) -> None:
    text = json.dumps(document).replace("{}", f"ref {number}")
    data = {"type": type_name, "region": "kalmar", "programme": "halsoval", "as_of": "2025-03-10",
            "document": json.loads(text)}
    with pytest.raises(ps.InvalidDocument) as info:
        ps.evaluate_json(json.dumps(data))
    found = {e.path: e.message for e in info.value.errors}
    assert "personnummer" in found[path] and number not in str(info.value)


def test_f4_identity_fields_take_what_they_are_for_and_text_is_bounded() -> None:
    results = ps.evaluate_json(json.dumps(request(patient={"personnummer": NUMBER, "namn": NAME, "adress": "Storgatan 1"})))
    assert results and not any(s in json.dumps(results) for s in SECRETS)
    assert paths_of(request(referens="x" * 1001)) == ["$.document.referens"]
    assert ps.evaluate_json(json.dumps(request(referens="Remiss 2025-03-03 nr 1212")))  # dates and numbers are fine


# F-5, F-6: days outside the calendar, births after the event ----------------------------------


@pytest.mark.parametrize("inkom", ["0001-01-15", "1899-12-31", "2100-12-31", "9999-12-31T23:59:59+01:00"])
def test_f5_days_outside_the_supported_years_are_input_errors(
        inkom: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert paths_of(request(inkom=inkom)) == ["$.document.inkom"]
    code, out, err = cli(capsys, tmp_path, json.dumps(request(inkom=inkom)), "--format", "json")
    assert code == 2 and out == "" and "$.document.inkom: expected a day from 1900-01-01 to 2099-12-31" in err
    assert "plugin" not in err


def test_f5_f6_a_birth_after_the_event_is_an_input_error_naming_the_path() -> None:
    assert paths_of(request(patient={"personnummer": "20301212-1236"})) == ["$.document.patient.personnummer"]
    assert paths_of(request(patient={"fodelsedatum": "2099-12-31"})) == ["$.document.patient.fodelsedatum"]
    assert paths_of(request(patient={"fodelsedatum": "9999-12-31"})) == ["$.document.patient.fodelsedatum"]
    assert paths_of({**REFERRAL, "as_of": "0001-01-01"}) == ["$.as_of"]
    with pytest.raises(ps.InvalidDocument):  # the Python API too
        ps.evaluate(ps.parse_document({"inkom": "2025-03-03"}, "Remiss"), region="kalmar",
                    programme="psykisk_halsa", as_of=date(1, 1, 1))


# F-7: the fast JSON path keeps true, 1 and 1.0 apart -----------------------------------------


def test_f7_parameter_cache_keeps_types_apart() -> None:
    (result,) = ps.evaluate(ps.parse_document({"inkom": "2025-03-03"}, "Remiss"), region="kalmar",
                            programme="psykisk_halsa", as_of=date(2025, 3, 10),
                            rule="kalmar.psykisk_halsa.remiss.forsta_kontakt")
    import attrs

    variants = [attrs.evolve(result, parameters=(UsedParameter("n", v, None, None),)) for v in (True, 1, 1.0)]
    for order in (variants, variants[::-1]):
        streaming._parameters.clear()
        for r in order:
            assert results_json("x", [r]) == ps.dumps({"source": "x", "results": [r]})


# F-8, F-9: plugin text and values never carry personal data ----------------------------------


def test_f8_plugin_exception_text_is_withheld_and_blame_stays_with_the_plugin() -> None:
    sdk = with_plugin(Plugin("raises", lambda d, c: faults._raise(ValueError(f"boom {NAME} Storgatan 1, 1912121212 12"))()))
    with pytest.raises(ps.PluginError) as info:
        sdk.evaluate(referral(), region="raises", programme="vardval", as_of=date(2025, 3, 10))
    assert "raised ValueError (in " in str(info.value) and not any(s in str(info.value) for s in SECRETS)
    sdk = with_plugin(Plugin("blames", lambda d, c: faults._raise(ps.PluginError("primarvard-kalmar 0.1.0", "broken"))()))
    with pytest.raises(ps.PluginError) as info:
        sdk.evaluate(referral(), region="blames", programme="vardval", as_of=date(2025, 3, 10))
    assert info.value.distribution == "faulty-x 0.0" and "primarvard-kalmar" not in str(info.value)


def test_f9_person_objects_are_refused_and_texts_redacted() -> None:
    for value, kind in ((lambda d: d.patient, "a Person"), (lambda d: d.patient.personnummer, "a personnummer")):
        sdk = with_plugin(Plugin("leaks", lambda d, c, value=value: Finding(Outcome.passed, Explanation("J", "Y"), {"who": value(d)})))
        with pytest.raises(ps.PluginError, match=f"values hold personal data \\({kind}\\)"):
            sdk.evaluate(referral(), region="leaks", programme="vardval", as_of=date(2025, 3, 10))
    sdk = with_plugin(Plugin("talks", lambda d, c: Finding(
        Outcome.passed, Explanation(f"{d.patient.namn} {NUMBER}", f"{d.patient.adress}"), {"who": f"{d.patient.namn}"})))
    (result,) = sdk.evaluate(referral(), region="talks", programme="vardval", as_of=date(2025, 3, 10))
    assert not any(s in ps.dumps(result) for s in SECRETS) and "<redacted>" in result.explanation.sv
    sdk = with_plugin(Plugin("notinforce", lambda d, c: faults._raise(ParameterNotInForce(c.rule.id, NUMBER, date(2025, 1, 1)))()))
    with pytest.raises(ps.PluginError, match="does not declare"):
        sdk.evaluate(referral(), region="notinforce", programme="vardval", as_of=date(2025, 3, 10))


# F-12: a broken multi-line document is one error ---------------------------------------------


@pytest.mark.parametrize("text", [
    "{\n" + f' "x": 1,\n {json.dumps(REFERRAL)}\n' + "}\n",            # line 3 is a whole request
    "[\n" + json.dumps(REFERRAL) + ",\n" + json.dumps(REFERRAL) + "\n",  # the closing bracket is missing
], ids=["pretty-printed", "array-without-bracket"])
def test_f12_a_broken_document_is_never_evaluated_in_fragments(
        text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, tmp_path, text, "--format", "json", name="in.json")
    assert code == 2 and out == "" and err.count("\n") == 1 and "in.json: invalid document" in err


# F-13: exit codes -----------------------------------------------------------------------------


def test_f13_exit_codes_are_bit_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = '{"type": "Remiss"}'
    assert cli(capsys, tmp_path, json.dumps(REFERRAL), "--format", "json")[0] == 0
    assert cli(capsys, tmp_path, json.dumps(MISSED), "--format", "json")[0] == 1
    assert cli(capsys, tmp_path, bad, "--format", "json")[0] == 2
    assert cli(capsys, tmp_path, f"{json.dumps(MISSED)}\n{bad}", "--format", "json")[0] == 3
    sdk = with_plugin(Plugin("raises", lambda d, c: 1 / 0))
    raising = json.dumps({**REFERRAL, "region": "raises", "programme": "vardval"})
    code, _, err = cli(capsys, tmp_path, f"{json.dumps(MISSED)}\n{bad}\n{raising}", "--format", "json", sdk=sdk)
    assert code == 7 and "plugin error:" in err and "error: " in err


def test_f13_broken_plugins_are_named_even_when_the_command_fails(capsys: pytest.CaptureFixture[str]) -> None:
    sdk = ps.Sdk(entry_points=[*installed(), _entry_point("broken", lambda: None)])
    assert main(["rules", "--region", "nowhere"], sdk=sdk) == 2 | 4
    err = capsys.readouterr().err
    assert "unknown region" in err and "warning: plugin faulty-broken-import: is not a plugin" in err


# F-14: limits -----------------------------------------------------------------------------------


def test_f14_huge_text_many_keys_and_long_lists_are_refused_quickly() -> None:
    started = time.perf_counter()
    assert paths_of(request(referens="x" * 50_000_000)) == ["$.document.referens"]
    keys = {f"k{i}": 1 for i in range(200_000)}
    with pytest.raises(ps.InvalidDocument) as info:
        ps.evaluate_json(json.dumps(request(**keys)))
    assert len(str(info.value)) < 2_000 and "key(s) not shown" in str(info.value)
    assert paths_of(request(kompletteringar=[{}] * 100_001)) == ["$.document.kompletteringar"]
    assert time.perf_counter() - started < 10


def test_f14_a_record_over_the_size_limit_is_skipped_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streaming, "MAX_DOCUMENT", 2_000)
    big = json.dumps(request(referens="x" * 900, ort="y" * 3_000))
    code, out, err = cli(capsys, tmp_path, "\n".join((json.dumps(REFERRAL), big, json.dumps(REFERRAL))), "--format", "json")
    assert code == 2 and len(out.splitlines()) == 2 and "in.jsonl:2: invalid document: $: record larger than" in err
    code, out, err = cli(capsys, tmp_path, json.dumps([REFERRAL] * 20, indent=1), "--format", "json", name="in.json")
    assert code == 2 and out == "" and "document larger than" in err


# F-15: nothing can take over the terminal or split a JSON line ---------------------------------


def test_f15_control_characters_are_escaped_in_text_and_separators_in_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "R1\u001b]0;pwned\u0007\u001b[2J\r\nFAKE LINE  pass\u2028\u0085"
    code, out, _ = cli(capsys, tmp_path, json.dumps(request(referens=hostile)), name="in.json")
    assert code == 0 and not any(c in out for c in "\x1b\x07\r\u2028\x85")
    assert not any(line.startswith("FAKE") for line in out.splitlines())
    code, out, _ = cli(capsys, tmp_path, json.dumps(request(referens=hostile)), "--format", "json", name="in.json")
    assert len(out.splitlines()) == 1 and json.loads(out)["results"][0]["reference"] == hostile
    assert results_json("x", ps.default_sdk().evaluate_request(ps.parse_request(request(referens=hostile)))) == \
        ps.dumps({"source": "x", "results": list(ps.default_sdk().evaluate_request(ps.parse_request(request(referens=hostile))))})


# F-16: BOM, frozen values -------------------------------------------------------------------------


def test_f16_a_utf8_bom_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "\ufeff" + json.dumps(REFERRAL)
    assert ps.evaluate_json(text) == ps.evaluate_json(text.encode("utf-8")) == ps.evaluate_json(json.dumps(REFERRAL))
    for name in ("in.json", "in.jsonl"):
        code, out, _ = cli(capsys, tmp_path, text.encode("utf-8"), "--format", "json", name=name)
        assert code == 0 and json.loads(out)["results"]


def test_f16_result_values_are_frozen() -> None:
    (result, *_) = ps.evaluate(ps.parse_document({"inkom": "2025-03-03"}, "Remiss"), region="kalmar",
                               programme="psykisk_halsa", as_of=date(2025, 3, 10))
    with pytest.raises(TypeError):
        result.values["due"] = "never"  # type: ignore[index]
    assert result.values == dict(result.values)


# F-17: command-line values and file names ------------------------------------------------------


def test_f17_command_line_values_and_file_names_are_not_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", NUMBER]) == 2
    assert "1212" not in capsys.readouterr().err
    code, out, _err = cli(capsys, tmp_path, json.dumps(REFERRAL), "--format", "json", name=f"{NUMBER}.json")
    assert code == 0 and "1212" not in out and "<redacted>.json" in json.loads(out)["source"]
    assert main(["evaluate", str(tmp_path / f"{NUMBER} 2.json")]) == 2
    assert "1212" not in capsys.readouterr().err


def test_f11_a_forked_child_evaluates_with_its_own_worker() -> None:
    import multiprocessing

    ps.evaluate_json(json.dumps(REFERRAL))  # the parent's worker exists now
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_evaluate_referral, ()) > 0


def _evaluate_referral() -> int:
    return len(ps.evaluate_json(json.dumps(REFERRAL)))


# Dependencies ------------------------------------------------------------------------------------


def test_runtime_dependencies_are_bounded_and_pinned_for_ci() -> None:
    import re
    import tomllib

    root = Path(__file__).parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in (root / "constraints.txt").read_text().splitlines()
              if "==" in line}
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group().lower()  # type: ignore[union-attr]
        assert "<" in requirement, f"{requirement}: no upper bound"
        assert name in pinned, f"{name} is not in constraints.txt"


def test_json_paths_do_not_rest_on_cattrs_private_names() -> None:
    source = (Path(__file__).parents[1] / "src/primarvard_sdk/convert.py").read_text()
    for private in ("_cattrs_", "transform_error", "cattrs.v", "cattrs._", " @ "):
        assert private not in source, private
    with pytest.raises(ps.InvalidDocument) as info:
        ps.parse_document({"personal": [{"id": "a"}, {"id": 1, "utbildningar": [{"omrade": "x"}]}], "okand": 1}, "Vardenhet")
    assert [(e.path, e.message) for e in info.value.errors] == [
        ("$.id", "required field missing"),
        ("$.personal[1].id", "expected a string"),
        ("$.personal[1].utbildningar[0].omrade", info.value.errors[2].message),
        ("$", "unknown field(s): okand"),
    ]
    assert info.value.errors[2].message.startswith("expected one of: ")
