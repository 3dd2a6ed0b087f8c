"""Streaming JSON Lines through ``primarvard evaluate``: flat memory, order, bad lines, progress."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from primarvard_sdk.cli import main
from primarvard_sdk.convert import dumps, loads
from primarvard_sdk.documents import parse_request
from primarvard_sdk.host import Sdk
from primarvard_sdk.streaming import Progress, records, results_json

RULE = "kalmar.psykisk_halsa.remiss.forsta_kontakt"


def request(i: int, contact: str | None = "2025-06-20") -> dict[str, Any]:
    doc: dict[str, Any] = {"referens": f"R-{i}", "inkom": "2025-06-18T09:00:00+02:00", "typ": "standard"}
    if contact:
        doc["forsta_kontakt"] = contact
    return {"type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa", "as_of": "2025-06-30",
            "rule": RULE, "document": doc}


def run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    path = tmp_path / "in.jsonl"
    path.write_text(text, encoding="utf-8")
    code = main(["evaluate", str(path), "--format", "json", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_jsonl_in_order_bad_lines_reported_and_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps(request(i)) for i in range(5000)]
    lines[10] = '{"type": "Remiss", "document": {"inkom": "not a date"}}'
    lines[20] = "{not json"
    lines.insert(30, "")
    code, out, err = run(tmp_path, "\n".join(lines) + "\n", capsys)
    assert code == 2
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert len(sources) == 4998
    numbers = [int(s.rsplit(":", 1)[1]) for s in sources]
    assert numbers == sorted(numbers) and 11 not in numbers and 21 not in numbers
    assert ":11: " in err and "$.document.inkom" in err and ":21: " in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = "\n".join(json.dumps(request(i)) for i in range(3))
    assert run(tmp_path, good, capsys)[0] == 0
    late = good + "\n" + json.dumps(request(9, contact="2025-07-20"))
    assert run(tmp_path, late, capsys)[0] == 1


def test_single_document_and_array_still_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(tmp_path, json.dumps(request(1), indent=2), capsys)
    assert code == 0 and json.loads(out)["source"].endswith("in.jsonl")
    code, out, _ = run(tmp_path, json.dumps([request(1), request(2)], indent=2), capsys)
    assert code == 0 and [json.loads(line)["source"][-3:] for line in out.splitlines()] == ["[0]", "[1]"]
    code, out, _ = run(tmp_path, json.dumps(request(1)) + "\n", capsys)
    assert code == 0 and json.loads(out)["source"].endswith("in.jsonl")


class _NoWholeRead(io.BytesIO):
    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("JSON Lines must be streamed, never read whole")
        return super().read(size)


def test_jsonl_is_read_line_by_line() -> None:
    data = b"\n".join(json.dumps(request(i)).encode() for i in range(100))
    found = list(records("x", _NoWholeRead(data)))
    assert [w for w, _ in found][:2] == ["x:1", "x:2"] and len(found) == 100


def test_first_line_bad_record_is_still_streamed() -> None:
    data = b'{"type": "Remiss", "document": {}\n' + json.dumps(request(1)).encode() + b"\n"
    found = list(records("x", _NoWholeRead(data)))
    assert [w for w, _ in found] == ["x:1", "x:2"]


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        progress = Progress(stream)
        progress.start("x", io.BytesIO(b"12345"))
        progress._drawn = -1.0  # draw on the next advance
        progress.advance(1, 5)
        progress.close()
    assert "records" in tty.getvalue() and pipe.getvalue() == ""


SDK = Sdk()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 40), st.sampled_from(["2025-06-20", "2025-07-30", None]),
       st.sampled_from(["standard", "vfsp", "digital_mottagning"]), st.text(max_size=8))
def test_fast_serialisation_is_byte_identical(i: int, contact: str | None, typ: str, where: str) -> None:
    data = request(i, contact)
    del data["rule"]
    data["document"]["typ"] = typ
    results = SDK.evaluate_request(parse_request(loads(json.dumps(data))))
    assert results_json(where, results) == dumps({"source": where, "results": list(results)})
