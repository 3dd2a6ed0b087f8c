"""``primarvard evaluate`` for people and pipelines (issue 16): the text report and CSV against
golden files, --only, the lean JSON Lines form, error records in order, bare documents, a
directory as input, -o, --version, and a pipe answered record by record."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from primarvard_sdk.cli import main

GOLDEN = Path(__file__).parent / "data" / "golden"
REGENERATE = os.environ.get("PRIMARVARD_REGENERATE_GOLDEN") == "1"

REFERRAL = {
    "type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa", "as_of": "2025-12-20",
    "rule": "kalmar.psykisk_halsa.remiss.forsta_kontakt",
    "document": {"referens": "R-1", "inkom": "2025-12-10T09:15:00+01:00", "typ": "standard"},
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The golden input in a working directory of its own, so sources print the same everywhere."""
    shutil.copy(GOLDEN / "bulk_input.jsonl", tmp_path / "batch.jsonl")
    monkeypatch.chdir(tmp_path)
    return "batch.jsonl"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_bytes().decode("utf-8"), f"differs from {path} (PRIMARVARD_REGENERATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize(("fmt", "only", "golden"), [
    ("text", None, "evaluate.txt"),
    ("text", "fail,missed,indeterminate", "evaluate_only.txt"),
    ("csv", None, "evaluate.csv"),
])
def test_text_and_csv_match_their_golden_files(capsys: pytest.CaptureFixture[str], batch: str, fmt: str,
                                               only: str | None, golden: str) -> None:
    code, out, err = run(capsys, "evaluate", batch, "--format", fmt, *(("--only", only) if only else ()))
    assert code == 3, err  # a missed deadline and a bad record
    _golden(golden, out)


def test_the_text_report_reads_as_words(capsys: pytest.CaptureFixture[str], batch: str) -> None:
    _, out, _ = run(capsys, "evaluate", batch)
    assert out.startswith("Summary: 3 documents, ")
    assert "1 record not evaluated" in out
    assert "route           remiss.alder — goes to barn och ungdomshalsan" in out  # where the case goes
    assert "Supply: Resource Utilization Band (0-5) — $.rub" in out  # the fact to supply, its path
    assert "{" not in out and "…" not in out  # no raw JSON, nothing cut off
    assert "not_applicable" not in out and "not applicable" in out


def test_only_shows_problems_but_the_summary_counts_everything(capsys: pytest.CaptureFixture[str], batch: str) -> None:
    _, out, _ = run(capsys, "evaluate", batch, "--only", "missed", "--format", "csv")
    rows = out.strip().splitlines()
    assert rows[0].startswith("source,reference,region") and all(",missed," in r for r in rows[1:]) and len(rows) == 3
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", batch, "--only", "passed"])
    assert exit_.value.code == 2 and "expected some of fail, missed" in capsys.readouterr().err


def test_lean_lines_refer_to_rules_by_id_and_keep_every_answer(capsys: pytest.CaptureFixture[str], batch: str) -> None:
    _, full, _ = run(capsys, "evaluate", batch, "--format", "json", "--error-records")
    code, lean, _ = run(capsys, "evaluate", batch, "--format", "jsonl-lean")
    assert code == 3
    full_lines = [json.loads(line) for line in full.splitlines()]
    lean_lines = [json.loads(line) for line in lean.splitlines()]
    assert [d["source"] for d in full_lines] == [d["source"] for d in lean_lines]
    assert len(lean) < len(full) / 2
    _, rules, _ = run(capsys, "rules", "--format", "json")
    known = {r["id"] for r in json.loads(rules)}
    for f, lean_line in zip(full_lines, lean_lines, strict=True):
        if "error" in f:
            assert f == lean_line
            continue
        assert lean_line["reference"] == f["results"][0]["reference"]
        for a, b in zip(f["results"], lean_line["results"], strict=True):
            assert b["rule_id"] in known and "citation" not in b and "notes" not in b
            assert {k: a[k] for k in b} == b


def test_an_invalid_record_is_an_error_record_in_its_place(capsys: pytest.CaptureFixture[str], batch: str) -> None:
    code, out, err = run(capsys, "evaluate", batch, "--format", "jsonl-lean")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["source"] for d in lines] == [f"batch.jsonl:{n}" for n in (1, 2, 3, 4)]
    error = lines[3]["error"]
    assert error["kind"] == "invalid_input" and error["errors"][0]["path"] == "$.document.inkom"
    assert "batch.jsonl:4" in err and code == 3


def test_only_keeps_one_line_per_record_for_pipelines(capsys: pytest.CaptureFixture[str], batch: str) -> None:
    _, out, _ = run(capsys, "evaluate", batch, "--format", "json", "--only", "fail", "--error-records")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 4 and lines[0]["results"] == []
    assert {r["outcome"] for d in lines[:3] for r in d["results"]} == {"fail"}


def test_bare_documents_with_type(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bare.jsonl"
    path.write_text(json.dumps(REFERRAL["document"]) + "\n" + json.dumps({"inkom": "2025-13-01"}) + "\n")
    code, out, err = run(capsys, "evaluate", str(path), "--type", "Remiss", "--region", "kalmar",
                         "--programme", "psykisk_halsa", "--as-of", "2025-12-20", "--format", "jsonl-lean")
    first, second = (json.loads(line) for line in out.splitlines())
    assert any(r["rule_id"].endswith("forsta_kontakt") and r["outcome"] == "open" for r in first["results"])
    assert second["error"]["errors"][0]["path"] == "$.inkom"  # a path in the document as given
    assert code & 2
    code, _, err = run(capsys, "evaluate", str(path), "--type", "Remis")
    assert code == 2 and "unknown document type 'Remis'" in err


def test_a_directory_and_an_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.json").write_text(json.dumps(REFERRAL))
    (tmp_path / "in" / "sub" / "b.jsonl").write_text(json.dumps(REFERRAL) + "\n")
    (tmp_path / "in" / "notes.txt").write_text("not read")
    target = tmp_path / "answers.jsonl"
    code, out, _ = run(capsys, "evaluate", str(tmp_path / "in"), "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    sources = [json.loads(line)["source"] for line in target.read_text().splitlines()]
    assert sources == [str(tmp_path / "in" / "a.json"), str(tmp_path / "in" / "sub" / "b.jsonl")]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0 and out.startswith("primarvard-sdk ") and "primarvard-kalmar" in out


def _read_line(stream: object, seconds: float = 30.0) -> str:
    fd = stream.fileno()  # type: ignore[attr-defined]
    ready, _, _ = select.select([fd], [], [], seconds)
    assert ready, "no answer within the time"
    return stream.readline()  # type: ignore[attr-defined,no-any-return]


@pytest.mark.skipif(sys.platform == "win32", reason="select on pipes")
def test_a_pipe_is_answered_record_by_record() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "primarvard_sdk", "evaluate", "-", "--format", "jsonl-lean"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(json.dumps(REFERRAL) + "\n")
        child.stdin.flush()
        first = json.loads(_read_line(child.stdout))  # before the second record is written
        assert first["source"] == "-:1" and first["results"][0]["outcome"] == "open"
        child.stdin.write('{"type": "Remiss", "document": {"inkom": "2025-13-01"}}\n')
        child.stdin.flush()
        second = json.loads(_read_line(child.stdout))
        assert second["source"] == "-:2" and second["error"]["kind"] == "invalid_input"
        child.stdin.write(json.dumps({**REFERRAL, "as_of": "2025-12-30"}) + "\n")
        child.stdin.close()
        third = json.loads(_read_line(child.stdout))
        assert third["source"] == "-:3" and third["results"][0]["outcome"] == "missed"
        assert child.wait(30) == 3
    finally:
        child.kill()
        child.wait()


def test_the_text_lists_ten_facts_to_supply_and_counts_the_rest(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path) -> None:
    staff = [{"id": f"p{i}"} for i in range(30)]  # no profession: each staff rule misses 30 facts
    unit = tmp_path / "enhet.json"
    unit.write_text(json.dumps({"type": "Vardenhet", "region": "kalmar", "programme": "halsoval",
                                "as_of": "2025-06-01", "document": {"id": "E", "personal": staff}}))
    main(["evaluate", str(unit), "--only", "indeterminate"])
    out = capsys.readouterr().out
    assert "… and 20 more facts to supply (all of them: --format json)" in out
    assert "— $.personal[9]." in out and "— $.personal[10]." not in out
