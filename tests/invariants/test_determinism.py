"""Same input → byte-identical JSON, also across processes with different hash seeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, Phase, find, settings

from primarvard_sdk import default_sdk, domain, dumps
from primarvard_sdk import testing as kit


def _requests() -> list[dict[str, object]]:
    """One generated document per programme and input type, evaluated as of a fixed day."""
    sdk, found = default_sdk(), []
    for region in sdk.regions():
        for programme in region.programmes:
            types = sorted({r.input_type for r in sdk.rules(region.code, programme.code) if r.input_type})
            for type_name in types:
                doc = find(kit.documents(type_name), lambda d: True,
                           settings=settings(database=None, phases=[Phase.generate], max_examples=1,
                                             suppress_health_check=list(HealthCheck)))
                found.append({"type": type_name, "region": region.code, "programme": programme.code,
                              "as_of": "2025-06-30", "document": json.loads(dumps(doc))})
    return found


def test_byte_identical_across_processes(tmp_path: Path) -> None:
    requests = _requests()
    assert requests
    source = tmp_path / "requests.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in requests), encoding="utf-8")
    outputs = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-m", "primarvard_sdk", "evaluate", str(source), "--format", "json"],
                             capture_output=True, env=env, timeout=300)
        assert run.returncode in (0, 1), run.stderr.decode()
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] and outputs[0]
    code = ("import sys, json, primarvard_sdk as ps; "
            "[print(ps.dumps(ps.evaluate_json(line))) for line in open(sys.argv[1], encoding='utf-8')]")
    python = [subprocess.run([sys.executable, "-c", code, str(source)], capture_output=True, timeout=300,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert python[0] == python[1] and python[0]
    in_process = [dumps(default_sdk().evaluate_request(
        __import__("primarvard_sdk").parse_request(r))) for r in requests]
    assert python[0].decode("utf-8").splitlines() == in_process


def test_documents_are_frozen_values() -> None:
    for type_name in domain.DOCUMENT_TYPES:
        doc = find(kit.documents(type_name), lambda d: True,
                   settings=settings(database=None, max_examples=1, suppress_health_check=list(HealthCheck)))
        assert hash(dumps(doc)) == hash(dumps(doc))
    assert date(2025, 1, 1)
