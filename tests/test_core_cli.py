"""The command line: every failure mode is one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from primarvard_sdk.cli import main

REFERRAL = {
    "type": "Remiss",
    "region": "kalmar",
    "programme": "psykisk_halsa",
    "as_of": "2025-12-20",
    "rule": "kalmar.psykisk_halsa.remiss.forsta_kontakt",
    "document": {"referens": "R-1", "inkom": "2025-12-10T09:15:00+01:00", "typ": "standard"},
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def test_regions_json_lists_each_region_from_its_own_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "regions", "--format", "json")
    assert code == 0
    regions = {r["code"]: r for r in json.loads(out)}
    assert [p["code"] for p in regions["kalmar"]["programmes"]] == ["halsoval", "psykisk_halsa"]
    assert [p["code"] for p in regions["varmland"]["programmes"]] == ["vardcentral"]
    assert [p["code"] for p in regions["vasterbotten"]["programmes"]] == ["halsoval"]
    assert regions["kalmar"]["distribution"].startswith("primarvard-kalmar ")
    assert regions["varmland"]["distribution"].startswith("primarvard-varmland ")
    assert regions["vasterbotten"]["distribution"].startswith("primarvard-vasterbotten ")


def test_rules_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--region", "kalmar", "--programme", "psykisk_halsa", "--format", "json")
    assert code == 0
    rule = next(r for r in json.loads(out) if r["id"] == "kalmar.psykisk_halsa.remiss.forsta_kontakt")
    assert {"id", "region", "programme", "subject", "kind", "title", "parameters", "citation"} <= set(rule)
    assert rule["citation"]["quote"].startswith("Samtliga patienter ska få en första kontakt")
    assert rule["parameters"][0]["values"][0]["value"] == 14


def test_evaluate_text_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "remiss.json", json.dumps(REFERRAL))
    code, out, _ = run(capsys, "evaluate", path)
    assert code == 0 and "remiss.forsta_kontakt" in out and "2025-12-24" in out and "open" in out
    code, out, _ = run(capsys, "evaluate", path, "--format", "json")
    (line,) = out.strip().splitlines()
    (result,) = json.loads(line)["results"]
    assert result["values"]["due"] == "2025-12-24" and result["outcome"] == "open"


def test_evaluate_exits_1_when_a_deadline_is_missed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "late.json", json.dumps({**REFERRAL, "as_of": "2025-12-30"}))
    code, out, _ = run(capsys, "evaluate", path)
    assert code == 1 and "missed" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{", "malformed JSON"),
        ('{"type": "Remiss", "document": {"inkom": "2025-13-01"}}', "$.document.inkom"),
        ('{"type": "Remis", "document": {}}', "$.type"),
        (json.dumps({**REFERRAL, "region": "gotland"}), "unknown region 'gotland'"),
        (json.dumps({**REFERRAL, "rule": "kalmar.psykisk_halsa.remiss.nej"}), "unknown rule"),
        (b'{"type": "Remiss", "document": {"inkom": "\xff"}}', "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | bytes, expected: str
) -> None:
    code, out, err = run(capsys, "evaluate", write(tmp_path, "bad.json", content))
    assert code == 2 and out == ""
    assert expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("evaluate", "finns-inte.json"), "finns-inte.json: no such file"),
        (("rules", "--region", "gotland"), "unknown region 'gotland'"),
        (("annex", "--region", "kalmar", "--programme", "halsoval", "tandvard"), "maps no annex"),
        (("schema", "Okand"), "unknown type 'Okand'"),
    ],
)
def test_unknown_names_and_missing_files_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], expected: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1


def test_schema_command_prints_a_draft_2020_12_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "Remiss")
    assert code == 0 and json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_installed_script_prints_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", "[1, 2")
    run_ = subprocess.run(
        [sys.executable, "-m", "primarvard_sdk", "evaluate", path], capture_output=True, text=True, check=False
    )
    assert run_.returncode == 2 and "Traceback" not in run_.stderr and "malformed JSON" in run_.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "tcsh"])
def test_completion_scripts_follow_the_parser(capsys: pytest.CaptureFixture[str], shell: str) -> None:
    code, out, _ = run(capsys, "completion", shell)
    assert code == 0
    assert "evaluate" in out and "only" in out and "jobs" in out  # commands and options as the parser has them
    assert "primarvard" in out
