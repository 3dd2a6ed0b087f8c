"""Every entry point, fed the same catalogue of hostile inputs (catalogue.py): each answers with
results or a typed error naming the JSON path, within a time proportional to the input's size,
with no personal data in any channel (results, stdout, stderr, exceptions, log records), no
traceback, no terminal control character in the text table and one JSON line per record.

Entry points: the Python API (text, and parsed JSON), the CLI on a file (JSON and the text
table), the CLI on stdin, one line of a JSON Lines stream between two good ones, and the HTTP
service (when its extra is installed).
"""

from __future__ import annotations

import io
import json
import logging
import re
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from catalogue import BASE, MARKERS, Hostile, catalogue

import primarvard_sdk as ps
from primarvard_sdk.cli import main

CATALOGUE = catalogue()
ENTRY_POINTS = ("api", "api-parsed", "cli-file", "cli-text", "cli-stdin", "jsonl", "http")
GOOD = json.dumps(BASE).encode()
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@attrs.define
class Seen:
    answered: bool = False
    paths: list[str] = attrs.Factory(list)  # what a refusal named
    texts: list[str] = attrs.Factory(list)  # every channel
    out: str = ""


def _parsed(data: bytes) -> Any:
    try:
        return ps.loads(data)
    except ps.PrimarvardError:
        return None


def _api(data: Any) -> Seen:
    seen = Seen()
    try:
        results = ps.evaluate_json(data)
    except ps.InvalidDocument as exc:
        seen.paths, seen.texts = [e.path for e in exc.errors], [str(exc), repr(exc)]
    except ps.PrimarvardError as exc:
        seen.texts = [str(exc), repr(exc)]
    else:
        seen.answered, seen.texts = True, [ps.dumps(results)]
    return seen


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Seen:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err and all(line.startswith("primarvard: ") for line in err.splitlines()), err[:500]
    assert code & 4 == 0, err[:500]  # the real plugins never fault
    paths = re.findall(r"(\$[^\s:;]*): ", err)
    return Seen(answered=bool(out.strip()) and not code & 2, paths=paths, texts=[out, err], out=out)


def _http(data: bytes) -> Seen:
    starlette = pytest.importorskip("starlette.testclient")
    from primarvard_sdk.service.app import create_app

    global _client
    if _client is None:
        _client = starlette.TestClient(create_app(sdk=ps.default_sdk()), raise_server_exceptions=False)
    response = _client.post("/v1/evaluate", content=data, headers={"content-type": "application/json"})
    assert response.status_code < 500, response.text[:500]
    if response.status_code == 413:  # over the service's own body limit: refused before reading
        return Seen(paths=["(too large)"], texts=[response.text])
    return Seen(answered=response.status_code == 200, paths=re.findall(r'"(\$[^"]*)"', response.text),
                texts=[response.text, str(response.headers)])


_client: Any = None


def run(entry: str, hostile: Hostile, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Seen:
    data = hostile.data
    if entry == "api":
        return _api(data)
    if entry == "api-parsed":
        return _api(_parsed(data))
    if entry == "http":
        return _http(data)
    source = tmp_path / "in.json"
    if entry == "jsonl":
        source.write_bytes(b"\n".join((GOOD, data, GOOD)))
        seen = _cli(["evaluate", str(source), "--format", "json"], capsys)
        lines = seen.out.splitlines()
        assert [json.loads(line)["source"] for line in lines][::len(lines) - 1] == [f"{source}:1", f"{source}:3"]
        seen.answered = len(lines) == 3
        return seen
    source.write_bytes(data)
    if entry == "cli-stdin":
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        return _cli(["evaluate", "-", "--format", "json"], capsys)
    seen = _cli(["evaluate", str(source), "--format", "text" if entry == "cli-text" else "json"], capsys)
    if entry == "cli-text":
        assert not _CONTROL.search(seen.out), "a control character reached the terminal"
    else:
        assert all(json.loads(line) for line in seen.out.splitlines()), "stdout is not JSON Lines"
    return seen


def _applies(entry: str, hostile: Hostile) -> bool:
    if entry == "api-parsed":
        return _parsed(hostile.data) is not None
    if entry == "jsonl":  # one line of a stream: a single-line input only
        return bool(hostile.data.strip()) and b"\n" not in hostile.data and b"\r" not in hostile.data
    return True


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "hostile" in metafunc.fixturenames:
        cases = [(e, h) for h in CATALOGUE for e in ENTRY_POINTS if _applies(e, h)]
        metafunc.parametrize(("entry", "hostile"), cases, ids=[f"{e}:{h.name}" for e, h in cases])


def test_every_entry_point_answers_or_names_the_path(entry: str, hostile: Hostile, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    started = time.perf_counter()
    seen = run(entry, hostile, tmp_path, capsys, monkeypatch)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0 + 3e-6 * len(hostile.data), f"{elapsed:.1f} s for {len(hostile.data)} bytes"
    for text in [*seen.texts, caplog.text]:
        for marker in MARKERS:
            assert marker not in text, f"personal data in {entry} output"
    expect = "refused" if hostile.files_only and entry in ("api", "api-parsed", "http", "jsonl") else hostile.expect
    if seen.paths == ["(too large)"]:
        assert len(hostile.data) > 100_000
    elif expect == "answered":
        assert seen.answered, seen.texts[-1][:500]
    elif expect == "refused":
        assert not seen.answered
        if hostile.path is not None:
            assert hostile.path in seen.paths, (seen.paths, seen.texts[-1][:500])
