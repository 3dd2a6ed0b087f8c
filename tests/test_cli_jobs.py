"""``primarvard evaluate --jobs N`` (issue 16): worker processes over ordered chunks of a JSON
Lines file give the same output, byte for byte, as one process — order kept, error records and
stderr messages in place, the same exit code — and a pipe is still answered record by record."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

import pytest

from primarvard_sdk import cli
from primarvard_sdk.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork")


def _records() -> list[str]:
    """Referrals, listings and contacts of all three regions, every applicable rule."""
    found = []
    for file in sorted(EXAMPLES.glob("*/*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            if record.get("type") in ("Remiss", "Listning", "Vardkontakt"):
                record.pop("rule", None)
                found.append(json.dumps(record, ensure_ascii=False))
    return found


BROKEN = {37: '{"type": "Remiss", broken', 90: '{"type": "Listning", "document": {"okand_falt": 1}}',
          91: "[1, 2", 140: '{"type": "Remiss", "document": {"inkom": "2025-13-01"}}'}


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A JSON Lines file of 160 records (8 chunks of 20) with invalid records among them."""
    monkeypatch.setattr(cli, "POOL_CHUNK", 20)
    monkeypatch.chdir(tmp_path)
    base = _records()
    lines = [BROKEN.get(i, base[i % len(base)]) for i in range(1, 161)]
    lines.insert(60, "")  # a blank line keeps the line numbers right
    Path("big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "big.jsonl"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["json", "jsonl-lean", "csv", "text"])
def test_two_jobs_write_what_one_writes(capsys: pytest.CaptureFixture[str], big: str, fmt: str) -> None:
    extra = ["--error-records"] if fmt == "json" else []
    one = _run(capsys, "evaluate", big, "--format", fmt, "--jobs", "1", *extra)
    two = _run(capsys, "evaluate", big, "--format", fmt, "--jobs", "2", *extra)
    three = _run(capsys, "evaluate", big, big, "--format", fmt, "--jobs", "3", *extra)
    assert one == two
    assert one[0] == 3  # some rules failed (1) and some records are invalid (2)
    if fmt != "text":  # two files: the second's answers after the first's, in order
        header = 1 if fmt == "csv" else 0
        lines = one[1].splitlines()
        assert three[1].splitlines() == lines + lines[header:]
        assert three[2] == one[2] * 2


def test_the_order_and_the_error_records_are_kept(capsys: pytest.CaptureFixture[str], big: str) -> None:
    code, out, err = _run(capsys, "evaluate", big, "--format", "jsonl-lean", "--jobs", "2")
    lines = [json.loads(line) for line in out.splitlines()]
    numbers = [int(line["source"].rsplit(":", 1)[1]) for line in lines]
    assert numbers == sorted(numbers) and len(numbers) == 160  # every record, in order
    errors = {n: line["error"]["kind"] for n, line in zip(numbers, lines, strict=True) if "error" in line}
    # the blank line inserted at index 60 moves the records after it one line down
    assert errors == {37: "invalid_input", 91: "invalid_input", 92: "invalid_input", 141: "invalid_input"}
    assert [line.split(":")[1] for line in err.splitlines()] == [" error", " error", " error", " error"]
    assert [int(line.split(":")[3]) for line in err.splitlines()] == [37, 91, 92, 141]
    assert code == 3


def test_a_small_input_starts_no_workers(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    monkeypatch.setattr(cli._Pool, "_start", lambda self: started.append(self))
    path = tmp_path / "few.jsonl"
    path.write_text("\n".join(_records()[:5]) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "evaluate", str(path), "--format", "jsonl-lean", "--jobs", "2")
    assert len(out.splitlines()) == 5 and not started and code & 2 == 0


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str], big: str) -> None:
    for bad in ("0", "-1", "two"):
        with pytest.raises(SystemExit) as exit_:
            main(["evaluate", big, "--jobs", bad])
        assert exit_.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_the_default_is_every_core() -> None:
    args = cli.build_parser().parse_args(["evaluate", "x"])
    assert args.jobs is None and cli.cores() >= 1


def _read_line(stream: object, seconds: float = 60) -> str:
    fd = stream.fileno()  # type: ignore[attr-defined]
    ready, _, _ = select.select([fd], [], [], seconds)
    assert ready, "no answer within the time"
    return stream.readline()  # type: ignore[attr-defined,no-any-return]


def test_a_pipe_is_answered_record_by_record_whatever_the_jobs() -> None:
    record = {"type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa", "as_of": "2025-12-20",
              "rule": "kalmar.psykisk_halsa.remiss.forsta_kontakt",
              "document": {"referens": "R-1", "inkom": "2025-12-10T09:15:00+01:00", "typ": "standard"}}
    child = subprocess.Popen(
        [sys.executable, "-m", "primarvard_sdk", "evaluate", "-", "--format", "jsonl-lean", "--jobs", "2"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(json.dumps(record) + "\n")
        child.stdin.flush()
        first = json.loads(_read_line(child.stdout))  # before the second record is written
        assert first["source"] == "-:1" and first["results"][0]["outcome"] == "open"
        child.stdin.write(json.dumps({**record, "as_of": "2025-12-30"}) + "\n")
        child.stdin.close()
        second = json.loads(_read_line(child.stdout))
        assert second["source"] == "-:2" and second["results"][0]["outcome"] == "missed"
        assert child.wait(30) == 1
    finally:
        child.kill()
        child.wait()
