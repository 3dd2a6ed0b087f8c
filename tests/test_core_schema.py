"""JSON Schemas generated from the attrs classes: valid schemas, and every bundled example
validates and round-trips unstructure → schema-validate → structure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import primarvard_sdk as ps
from primarvard_sdk.schema import SCHEMA_TYPES, schema_for, validator_for

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _example_records() -> list[tuple[str, dict]]:
    records = []
    for path in sorted(EXAMPLES.rglob("*.json*")):
        if path.suffix == ".jsonl":
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    records.append((f"{path.relative_to(EXAMPLES)}:{number}", json.loads(line)))
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
            for index, item in enumerate(data if isinstance(data, list) else [data]):
                records.append((f"{path.relative_to(EXAMPLES)}[{index}]", item))
    return records


RECORDS = _example_records()


@pytest.mark.parametrize("type_name", SCHEMA_TYPES)
def test_every_public_type_has_a_valid_draft_2020_12_schema(type_name: str) -> None:
    schema = schema_for(type_name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_follows_the_attrs_fields() -> None:
    remiss = schema_for("Remiss")
    assert remiss["required"] == ["inkom"]
    assert remiss["additionalProperties"] is False
    assert remiss["$defs"]["Person"]["properties"]["personnummer"]["x-personal-data"] is True
    typ = remiss["properties"]["typ"]
    assert typ["anyOf"][1] == {"type": "null"}
    assert {"standard", "vfsp"} <= set(typ["anyOf"][0]["enum"])


def test_there_are_examples_for_every_region() -> None:
    regions = {r.get("region") for _, r in RECORDS}
    assert {"kalmar", "varmland", "vasterbotten"} <= regions


@pytest.mark.parametrize(("where", "record"), RECORDS, ids=[w for w, _ in RECORDS])
def test_example_validates_and_round_trips(where: str, record: dict) -> None:
    assert list(validator_for("EvaluationRequest").iter_errors(record)) == []
    request = ps.parse_request(record)
    data = ps.unstructure(request.document)
    assert list(validator_for(request.type).iter_errors(data)) == []
    again = ps.parse_document(json.loads(json.dumps(data)), request.type)
    assert again == request.document


@pytest.mark.parametrize(("where", "record"), RECORDS, ids=[w for w, _ in RECORDS])
def test_example_results_validate_against_the_result_schema(where: str, record: dict) -> None:
    for result in ps.evaluate_json(record):
        assert list(validator_for("Result").iter_errors(json.loads(json.dumps(result)))) == []


def test_schema_rejects_what_the_converter_rejects() -> None:
    bad = {"inkom": "2025-01-02T08:00:00", "typ": "akut"}
    assert {tuple(e.absolute_path) for e in validator_for("Remiss").iter_errors(bad)} == {("inkom",), ("typ",)}
