"""Hostile input through the CLI and the Python API: every case is a typed error naming the JSON
path, exit code 2 from the CLI, one line on stderr, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from primarvard_sdk import (
    InvalidDocument,
    PrimarvardError,
    evaluate_json,
    parse_document,
    parse_request,
)
from primarvard_sdk.cli import main

GOOD_DOC = {"inkom": "2025-03-03", "referens": "r1"}


def request(document: Any = None, **extra: Any) -> dict[str, Any]:
    return {"type": "Remiss", "region": "kalmar", "programme": "psykisk_halsa", "as_of": "2025-03-10",
            "document": GOOD_DOC if document is None else document, **extra}


def doc(**fields: Any) -> dict[str, Any]:
    return request({**GOOD_DOC, **fields})


# (name, request text or bytes, the JSON path the error must name)
CASES: list[tuple[str, str | bytes, str]] = [
    ("empty", "", "$"),
    ("truncated", json.dumps(request())[:-7], "$"),
    ("trailing garbage", json.dumps(request()) + " }", "$"),
    ("not json", "primarvard", "$"),
    ("non-utf8", b'{"type": "Remiss", "document": {"inkom": "2025-03-03", "referens": "\xff\xfe"}}', "$"),
    ("nan", json.dumps(request()).replace('"r1"', "NaN"), "$"),
    ("infinity", json.dumps(request()).replace('"r1"', "-Infinity"), "$"),
    ("deep array", "[" * 100_000, "$"),
    ("deep object", '{"a":' * 50_000, "$"),
    ("deep document", json.dumps(request()).replace('"r1"', "[" * 900 + "]" * 900), "$.document.referens"),
    ("huge integer literal", json.dumps(request()).replace('"r1"', "9" * 5000), "$"),
    ("duplicate key", '{"type": "Remiss", "type": "Remiss", "document": {}}', "$"),
    ("top-level number", "12", "$"),
    ("top-level null", "null", "$"),
    ("wrong type: document", json.dumps(request("x")), "$.document"),
    ("wrong type: list for object", json.dumps(doc(patient=[1])), "$.document.patient"),
    ("string for list", json.dumps(doc(kompletteringar="abc")), "$.document.kompletteringar"),
    ("object for list", json.dumps(doc(kompletteringar={"begard": "2025-01-01"})), "$.document.kompletteringar"),
    ("bool for bool-less", json.dumps(doc(referens=True)), "$.document.referens"),
    ("huge number", json.dumps({"type": "Fordelning", "document": {"avser": "annan", "timmar": 1e300}}),
     "$.document.timmar"),
    ("overflowing float literal", '{"type": "Fordelning", "document": {"avser": "annan", "timmar": 1e400}}',
     "$.document.timmar"),
    ("huge int", json.dumps({"type": "Vardenhet", "document": {"id": "x", "ptp_platser": 10**30}}),
     "$.document.ptp_platser"),
    ("negative count", json.dumps({"type": "Vardenhet", "document": {"id": "x", "ptp_platser": -1}}),
     "$.document.ptp_platser"),
    ("naive datetime", json.dumps(doc(inkom="2025-03-03T10:00")), "$.document.inkom"),
    ("impossible date", json.dumps(doc(inkom="2025-02-29")), "$.document.inkom"),
    ("impossible month", json.dumps(doc(inkom="2025-13-01")), "$.document.inkom"),
    ("impossible time", json.dumps(doc(inkom="2025-03-03T24:30+01:00")), "$.document.inkom"),
    ("impossible as_of", json.dumps(request(as_of="2025-04-31")), "$.as_of"),
    ("invalid personnummer", json.dumps(doc(patient={"personnummer": "19121212-1213"})),
     "$.document.patient.personnummer"),
    ("personnummer bad date", json.dumps(doc(patient={"personnummer": "19121312-1212"})),
     "$.document.patient.personnummer"),
    ("personnummer non-ascii digits", json.dumps(doc(patient={"personnummer": "١٩١٢١٢١٢-١٢١٢"})),
     "$.document.patient.personnummer"),
    ("unknown enum", json.dumps(doc(typ="akut")), "$.document.typ"),
    ("unknown field", json.dumps(doc(okand=1)), "$.document"),
    ("unknown request field", json.dumps(request(extra=1)), "$"),
    ("unknown type", json.dumps({"type": "Patient", "document": {}}), "$.type"),
    # found by the fuzzer: an unhashable type name crashed parse_request with a TypeError
    ("object as type", '{"type": {"akuttelefon": null}}', "$.type"),
    ("list as type", json.dumps({"type": ["Remiss"], "document": {}}), "$.type"),
    ("lone surrogate", json.dumps(request()).replace('"r1"', '"\\ud800"'), "$.document.referens"),
    ("missing required", json.dumps(request({"referens": "r1"})), "$.document.inkom"),
]


@pytest.mark.parametrize(("name", "text", "path"), CASES, ids=[c[0] for c in CASES])
def test_api_gives_a_typed_error_with_the_path(name: str, text: str | bytes, path: str) -> None:
    with pytest.raises(InvalidDocument) as info:
        evaluate_json(text)
    assert path in [e.path for e in info.value.errors], info.value
    assert "Traceback" not in str(info.value) and len(str(info.value)) < 5000


@pytest.mark.parametrize(("name", "text", "path"), CASES, ids=[c[0] for c in CASES])
def test_cli_exits_2_with_one_line(name: str, text: str | bytes, path: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    assert main(["evaluate", str(source), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("primarvard: error: ") and path in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evaluate", "{missing}"], "no such file"),
        (["evaluate", "{dir}"], "a directory without *.json or *.jsonl files"),
        (["evaluate", "{file}", "--region", "gotlandia", "--programme", "x", "--as-of", "2025-01-01"],
         "unknown region 'gotlandia'"),
        (["evaluate", "{file}", "--rule", "kalmar.psykisk_halsa.remiss.finns_ej", "--region", "kalmar",
          "--programme", "psykisk_halsa", "--as-of", "2025-01-01"], "unknown rule"),
        (["evaluate", "{file}", "--as-of", "2025-02-30"], "--as-of"),
        (["rules", "--region", "gotlandia"], "unknown region"),
        (["rules", "--region", "kalmar", "--programme", "nope"], "has no programme 'nope'"),
        (["schema", "Patient"], "unknown type"),
        (["annex", "nope", "--region", "kalmar", "--programme", "halsoval"], "maps no annex"),
    ],
)
def test_cli_unknown_names_and_files(argv: list[str], message: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"type": "Remiss", "document": GOOD_DOC}))
    (tmp_path / "empty").mkdir()  # a directory stands for its *.json and *.jsonl files (issue 16)
    argv = [a.format(missing=tmp_path / "nope.json", dir=tmp_path / "empty", file=good) for a in argv]
    assert main(argv) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and message in err and "Traceback" not in err, err


def test_jsonl_bad_line_does_not_stop_the_good_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps(request()), '{"type": "Remiss", "document": {"inkom": "2025-02-30"}}', json.dumps(request())]
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(lines))
    assert main(["evaluate", str(source), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 2 and err.count("\n") == 1 and "many.jsonl:2" in err


def test_very_large_document_is_handled(tmp_path: Path) -> None:
    staff = [{"id": f"m{i}", "yrke": "lakare", "legitimerad": True, "namn": "Anna Andersson"} for i in range(50_000)]
    text = json.dumps({"type": "Vardenhet", "region": "kalmar", "programme": "halsoval", "as_of": "2025-06-01",
                       "document": {"id": "e1", "personal": staff}})
    results = evaluate_json(text)
    assert isinstance(results, list)
    huge_string = json.dumps(doc(referens="x" * 20_000_000))
    with pytest.raises(InvalidDocument, match=r"\$\.document\.referens: expected at most 1000 characters"):
        evaluate_json(huge_string)  # a reference is repeated in every result: text is bounded


def test_parse_functions_directly() -> None:
    with pytest.raises(InvalidDocument) as info:
        parse_document({"inkom": 5, "typ": "x", "kompletteringar": [{"begard": "2025-01-01T10:00"}]}, "Remiss")
    assert [e.path for e in info.value.errors] == ["$.inkom", "$.typ", "$.kompletteringar[0].begard"]
    with pytest.raises(InvalidDocument):
        parse_document(None, "Remiss")
    with pytest.raises(InvalidDocument):
        parse_document({}, "Finns")
    for bad in (None, [], "x", 5, {"type": 5, "document": []}):
        with pytest.raises(InvalidDocument):
            parse_request(bad)
    with pytest.raises(PrimarvardError):
        evaluate_json({"type": "Remiss", "document": GOOD_DOC})  # no region, programme, as_of


@pytest.mark.parametrize(
    "text",
    [b"[" * 100_000, b'{"type": "Remiss", "document": {"inkom": "2025-02-30"}}', b"\xff\xfe\x00"],
)
def test_no_traceback_from_the_real_command(text: bytes, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(text)
    run = subprocess.run([sys.executable, "-m", "primarvard_sdk", "evaluate", str(source)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
