"""The OpenAPI 3.1 document of the service, assembled from the SDK's generated JSON Schemas.

OpenAPI 3.1 schemas are JSON Schema 2020-12, the dialect :func:`primarvard_sdk.schema.schema_for`
already generates, so every document type, the evaluation request and the result come from that
one generator: their ``$defs`` become ``components/schemas`` and nothing is written twice.
What the SDK does not type, this module adds in one place:

- ``Result`` becomes a union discriminated by ``kind`` (``DeadlineResult``, ``EligibilityResult``,
  …), each with a typed ``values`` object (``DeadlineValues``: ``due``, ``actual``;
  ``EligibilityValues``: ``decision``, ``route``; …) following the conventions of
  :mod:`primarvard_sdk.findings`, so generated C# or Java clients get classes, not maps. Values a
  single rule adds stay allowed (``additionalProperties``) and typed as JSON;
- the service's own envelopes (problems, bulk lines, readiness) and the CDS Hooks 2.0 types.

This module needs only the core (no web framework), so the documentation build can write the
same document the server serves.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from primarvard_sdk.service.problems import MEDIA_TYPE as PROBLEM_MEDIA_TYPE
from primarvard_sdk.service.problems import field_error_schema, problem_schema

if TYPE_CHECKING:
    from primarvard_sdk.host import Sdk

__all__ = ["API_VERSION", "NDJSON", "openapi_document"]

API_VERSION = "1.0.0"
NDJSON = "application/x-ndjson"

_DATE = {"type": "string", "format": "date"}
_DATETIME = {"type": "string", "format": "date-time"}
_WHEN = {"anyOf": [_DATE, _DATETIME], "description": "A date (YYYY-MM-DD) or a datetime with offset."}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _rewrite_refs(node: Any) -> Any:
    """``#/$defs/X`` → ``#/components/schemas/X``, recursively."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = "#/components/schemas/" + value[len("#/$defs/"):]
            else:
                out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def _add(schemas: dict[str, Any], name: str, schema: Mapping[str, Any]) -> None:
    if name in schemas and schemas[name] != schema:
        raise ValueError(f"two different schemas are named {name}")
    schemas[name] = schema


def _sdk_schemas(schemas: dict[str, Any], extensions: Any = ()) -> None:
    """Every public type of :func:`primarvard_sdk.schema.schema_for`, and the model types the
    service answers with (regions, programmes), from the same generator."""
    from primarvard_sdk import model
    from primarvard_sdk.schema import SCHEMA_TYPES, _Builder, schema_for

    for type_name in SCHEMA_TYPES:
        schema = copy.deepcopy(dict(schema_for(type_name, extensions)))
        defs = schema.pop("$defs", {})
        schema.pop("$schema", None)
        schema.pop("$id", None)  # an $id would change the base URI of the component's $refs
        for name, sub in defs.items():
            _add(schemas, name, _rewrite_refs(sub))
        _add(schemas, type_name, _rewrite_refs(schema))
    builder = _Builder()
    for cls in (model.Region, model.Programme, model.Annex):
        builder.define(cls)
    for name, sub in builder.defs.items():
        _add(schemas, name, _rewrite_refs(sub))


# --- typed result values ------------------------------------------------------------------------

_COMMON_VALUES: dict[str, Any] = {
    "reason": {
        "type": "string",
        "description": "Why the rule does not apply (not_applicable) or what decided it: a code, "
        "e.g. `no_rulebook_in_force`, a scope reason, `adult`.",
    },
    "day": {**_DATE, "description": "With reason `no_rulebook_in_force`: the governing day."},
    "parameter_not_in_force": {"type": "string", "description": "A parameter with no value in force that day."},
}

_KIND_VALUES: dict[str, tuple[str, dict[str, Any]]] = {
    "deadline": (
        "A deadline from an event: `due` and, when recorded, `actual`; outcome met, missed or open.",
        {
            "due": {**_WHEN, "description": "The due day (inclusive) or instant."},
            "actual": {"anyOf": [_DATE, _DATETIME, {"type": "null"}], "description": "When it was done."},
        },
    ),
    "eligibility": (
        "A decision on a person, referral or listing: accept (pass), reject (fail) or route (fail, "
        "with `route` naming where it goes instead).",
        {
            "decision": {"type": "string", "enum": ["accept", "reject", "route"]},
            "route": {"type": "string", "description": "Where the person or referral goes instead."},
        },
    ),
    "requirement": (
        "A declared fact of a care unit: pass or fail, with what is required and declared.",
        {
            "required": {"description": "What the text requires (a number, code or list of codes)."},
            "declared": {"description": "What the document declares, in the same form."},
        },
    ),
    "threshold": (
        "A required quantity compared with the declared one.",
        {
            "required": {"anyOf": [{"type": "number"}, {"type": "object", "additionalProperties": {"type": "number"}}]},
            "declared": {"anyOf": [{"type": "number"}, {"type": "object", "additionalProperties": {"type": "number"}}]},
        },
    ),
    "allocation": (
        "A quantity split between units: `allocation` (unit id → share) and `total`.",
        {
            "allocation": {"type": "object", "additionalProperties": {"type": "number"}},
            "total": {"type": "number"},
        },
    ),
    "annex": ("An annex mapping (no document is evaluated).", {}),
}


def _result_schemas(schemas: dict[str, Any]) -> None:
    base = schemas.pop("Result")
    base = copy.deepcopy(base)
    base["title"] = "ResultCommon"
    base["description"] = "What every result has; `values` is typed by `kind` (see Result)."
    schemas["ResultCommon"] = base
    mapping = {}
    for kind, (description, properties) in _KIND_VALUES.items():
        title = kind.capitalize()
        schemas[f"{title}Values"] = {
            "type": "object",
            "title": f"{title}Values",
            "description": description + " Rule-specific values may be added; each rule's page "
            "names them.",
            "properties": {**_COMMON_VALUES, **properties},
        }
        schemas[f"{title}Result"] = {
            "title": f"{title}Result",
            "description": f"The result of a {kind} rule.",
            "allOf": [
                _ref("ResultCommon"),
                {
                    "type": "object",
                    "properties": {"kind": {"const": kind}, "values": _ref(f"{title}Values")},
                    "required": ["kind", "values"],
                },
            ],
        }
        mapping[kind] = f"#/components/schemas/{title}Result"
    schemas["Result"] = {
        "title": "Result",
        "description": "The result of one rule on one document, typed by `kind`.",
        "oneOf": [{"$ref": ref} for ref in mapping.values()],
        "discriminator": {"propertyName": "kind", "mapping": mapping},
    }


# --- the service's own envelopes ----------------------------------------------------------------


def _service_schemas(schemas: dict[str, Any]) -> None:
    schemas["Problem"] = problem_schema()
    schemas["FieldError"] = field_error_schema()
    schemas["EvaluationResponse"] = {
        "type": "object",
        "title": "EvaluationResponse",
        "properties": {"results": {"type": "array", "items": _ref("Result")}},
        "required": ["results"],
    }
    schemas["BulkResultLine"] = {
        "type": "object",
        "title": "BulkResultLine",
        "description": "The results of one input line (lines count from 1; blank lines are skipped).",
        "properties": {
            "line": {"type": "integer", "minimum": 1},
            "results": {"type": "array", "items": _ref("Result")},
        },
        "required": ["line", "results"],
    }
    schemas["BulkErrorLine"] = {
        "type": "object",
        "title": "BulkErrorLine",
        "description": "Why one input line (or, with status 413 or 503, the rest of the input) "
        "was not evaluated.",
        "properties": {"line": {"type": "integer", "minimum": 1}, "problem": _ref("Problem")},
        "required": ["line", "problem"],
    }
    schemas["BulkLine"] = {
        "title": "BulkLine",
        "description": "One line of the bulk output, in the order of the input lines.",
        "oneOf": [_ref("BulkResultLine"), _ref("BulkErrorLine")],
    }
    schemas["PluginFailure"] = {
        "type": "object",
        "title": "PluginFailure",
        "properties": {"distribution": {"type": "string"}, "message": {"type": "string"}},
        "required": ["distribution", "message"],
    }
    region = copy.deepcopy(schemas["Region"])
    region["title"] = "RegionInfo"
    region["description"] = ("A region, the distribution (plugin name and version) that provides "
                             "it, and its programmes with their rulebook editions.")
    region["properties"]["distribution"] = {"type": "string"}
    region["required"] = [*region.get("required", []), "distribution"]
    schemas["RegionInfo"] = region
    schemas["ServiceInfo"] = {
        "type": "object",
        "title": "ServiceInfo",
        "description": "Versions: the API, the SDK, and every plugin with its rulebook editions.",
        "properties": {
            "api_version": {"type": "string"},
            "sdk_version": {"type": "string"},
            "regions": {"type": "array", "items": _ref("RegionInfo")},
            "failures": {"type": "array", "items": _ref("PluginFailure")},
        },
        "required": ["api_version", "sdk_version", "regions", "failures"],
    }
    schemas["Health"] = {
        "type": "object",
        "properties": {"status": {"type": "string", "enum": ["ok"]}},
        "required": ["status"],
    }
    schemas["Readiness"] = {
        "type": "object",
        "title": "Readiness",
        "description": "Ready when at least one region plugin is loaded; failures name the plugins "
        "that could not be used.",
        "properties": {
            "ready": {"type": "boolean"},
            "sdk_version": {"type": "string"},
            "regions": {"type": "array", "items": {"type": "string"}},
            "failures": {"type": "array", "items": _ref("PluginFailure")},
        },
        "required": ["ready", "sdk_version", "regions", "failures"],
    }
    schemas["FhirDocumentResults"] = {
        "type": "object",
        "title": "FhirDocumentResults",
        "description": "The document mapped from one FHIR resource and its results.",
        "properties": {
            "source": {"type": "string", "description": "The FHIR resource it was mapped from (`ServiceRequest/123`)."},
            "type": {"type": "string", "description": "The document type (Remiss, Vardkontakt, Vardenhet)."},
            "results": {"type": "array", "items": _ref("Result")},
            "fhir_paths": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "For each JSON path in a result's `missing`, the FHIR element that "
                "would supply it (absent where FHIR has none).",
            },
        },
        "required": ["source", "type", "results", "fhir_paths"],
    }
    schemas["FhirEvaluationResponse"] = {
        "type": "object",
        "title": "FhirEvaluationResponse",
        "properties": {"documents": {"type": "array", "items": _ref("FhirDocumentResults")}},
        "required": ["documents"],
    }
    schemas["FhirResource"] = {
        "type": "object",
        "title": "FhirResource",
        "description": "A FHIR R4 resource in JSON (a Bundle, ServiceRequest, Encounter, Appointment or Organization).",
        "properties": {"resourceType": {"type": "string"}},
        "required": ["resourceType"],
    }
    _cds_schemas(schemas)


def _cds_schemas(schemas: dict[str, Any]) -> None:
    """The CDS Hooks 2.0 types the service sends and receives (as the specification gives them)."""
    schemas["CdsService"] = {
        "type": "object",
        "title": "CdsService",
        "properties": {
            "hook": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "id": {"type": "string"},
            "prefetch": {"type": "object", "additionalProperties": {"type": "string"}},
            "usageRequirements": {"type": "string"},
        },
        "required": ["hook", "description", "id"],
    }
    schemas["CdsDiscovery"] = {
        "type": "object",
        "title": "CdsDiscovery",
        "properties": {"services": {"type": "array", "items": _ref("CdsService")}},
        "required": ["services"],
    }
    schemas["CdsHookRequest"] = {
        "type": "object",
        "title": "CdsHookRequest",
        "description": "A hook call from the EHR (CDS Hooks 2.0): `context` holds the draft orders "
        "or appointments as a FHIR R4 Bundle; `prefetch` the Patient and the performer.",
        "properties": {
            "hook": {"type": "string"},
            "hookInstance": {"type": "string"},
            "fhirServer": {"type": "string"},
            "fhirAuthorization": {"type": "object"},
            "context": {"type": "object"},
            "prefetch": {"type": "object", "additionalProperties": {"anyOf": [{"type": "object"}, {"type": "null"}]}},
        },
        "required": ["hook", "hookInstance", "context"],
    }
    coding = {
        "type": "object",
        "properties": {"system": {"type": "string"}, "code": {"type": "string"}, "display": {"type": "string"}},
        "required": ["code"],
    }
    schemas["CdsCoding"] = coding
    schemas["CdsSource"] = {
        "type": "object",
        "title": "CdsSource",
        "description": "The rulebook and section the card's rule cites.",
        "properties": {
            "label": {"type": "string"},
            "url": {"type": "string"},
            "topic": _ref("CdsCoding"),
        },
        "required": ["label"],
    }
    schemas["CdsLink"] = {
        "type": "object",
        "properties": {
            "label": {"type": "string"},
            "url": {"type": "string"},
            "type": {"type": "string", "enum": ["absolute", "smart"]},
        },
        "required": ["label", "url", "type"],
    }
    schemas["CdsCard"] = {
        "type": "object",
        "title": "CdsCard",
        "properties": {
            "uuid": {"type": "string"},
            "summary": {"type": "string", "maxLength": 140},
            "detail": {"type": "string"},
            "indicator": {"type": "string", "enum": ["info", "warning", "critical"]},
            "source": _ref("CdsSource"),
            "selectionBehavior": {"type": "string"},
            "suggestions": {"type": "array", "items": {"type": "object"}},
            "overrideReasons": {"type": "array", "items": _ref("CdsCoding")},
            "links": {"type": "array", "items": _ref("CdsLink")},
        },
        "required": ["summary", "indicator", "source"],
    }
    schemas["CdsResponse"] = {
        "type": "object",
        "title": "CdsResponse",
        "properties": {
            "cards": {"type": "array", "items": _ref("CdsCard")},
            "systemActions": {"type": "array", "items": {"type": "object"}},
        },
        "required": ["cards"],
    }


# --- paths --------------------------------------------------------------------------------------


def _json(schema: Mapping[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": dict(schema)}}}


def _problems(*statuses: int) -> dict[str, Any]:
    text = {
        400: "Malformed request (not JSON, bad query parameter)",
        401: "Credentials missing or invalid",
        404: "No such resource",
        413: "Body larger than the configured limit",
        415: "Unsupported media type",
        422: "Invalid document: every invalid field with its path",
        500: "Internal error or a region plugin failed (no input is echoed)",
        503: "Evaluation took longer than the configured limit, or not ready",
    }
    return {
        str(s): {"description": text[s], "content": {PROBLEM_MEDIA_TYPE: {"schema": _ref("Problem")}}}
        for s in statuses
    }


def _param(name: str, where: str, schema: Mapping[str, Any], description: str, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path",
            "description": description, "schema": dict(schema)}


def _paths(regions: list[str] | None, secured: bool) -> dict[str, Any]:
    region_schema: dict[str, Any] = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
    if regions:
        region_schema = {"type": "string", "enum": regions}
    code = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
    region_p = _param("region", "path", region_schema, "Region code (kalmar, varmland, vasterbotten, …)")
    programme_p = _param("programme", "path", code, "Programme code (halsoval, psykisk_halsa, vardcentral, …)")
    auth = (401,) if secured else ()
    security: list[dict[str, list[str]]] = [{"bearerAuth": []}] if secured else []
    v1: dict[str, Any] = {"security": security, "tags": ["v1"]}

    def op(operation_id: str, summary: str, responses: dict[str, Any], **more: Any) -> dict[str, Any]:
        return {"operationId": operation_id, "summary": summary, "responses": responses, **v1, **more}

    evaluate_body = {
        "required": True,
        "content": {"application/json": {"schema": _ref("EvaluationRequest")}},
    }
    as_of = _param("as_of", "query", _DATE, "Evaluation day YYYY-MM-DD", required=True)
    return {
        "/healthz": {"get": {"operationId": "health", "summary": "The process is up", "tags": ["ops"],
                             "security": [], "responses": {"200": _json(_ref("Health"), "Up")}}},
        "/readyz": {"get": {"operationId": "ready", "summary": "Plugins are loaded (failures named)",
                            "tags": ["ops"], "security": [],
                            "responses": {"200": _json(_ref("Readiness"), "Ready"),
                                          "503": _json(_ref("Readiness"), "No region plugin could be loaded")}}},
        "/v1/version": {"get": op("version", "SDK, API and plugin versions with rulebook editions",
                                  {"200": _json(_ref("ServiceInfo"), "Versions"), **_problems(*auth)})},
        "/v1/regions": {"get": op("listRegions", "Regions and their programmes",
                                  {"200": _json({"type": "array", "items": _ref("RegionInfo")}, "Regions"),
                                   **_problems(*auth)})},
        "/v1/regions/{region}": {"get": op("getRegion", "One region", {
            "200": _json(_ref("RegionInfo"), "The region"), **_problems(*auth, 404)}, parameters=[region_p])},
        "/v1/regions/{region}/programmes/{programme}": {"get": op("getProgramme", "One programme with its editions", {
            "200": _json(_ref("Programme"), "The programme"), **_problems(*auth, 404)},
            parameters=[region_p, programme_p])},
        "/v1/regions/{region}/programmes/{programme}/annexes": {"get": op("listAnnexes", "The annex mapping of a programme", {
            "200": _json({"type": "array", "items": _ref("Annex")}, "Annexes"), **_problems(*auth, 404)},
            parameters=[region_p, programme_p])},
        "/v1/regions/{region}/programmes/{programme}/annexes/{topic}": {"get": op(
            "getAnnex", "Which annex or section covers a topic (aliases and titles accepted)",
            {"200": _json(_ref("AnnexReference"), "The annex and its citation"), **_problems(*auth, 404)},
            parameters=[region_p, programme_p, _param("topic", "path", {"type": "string", "maxLength": 200},
                                                      "Topic: ersattning, lokaler, … or an alias")])},
        "/v1/rules": {"get": op("listRules", "Rules, filtered by region, programme, subject, kind, input type", {
            "200": _json({"type": "array", "items": _ref("Rule")}, "Rules sorted by id"), **_problems(*auth, 400, 404)},
            parameters=[
                _param("region", "query", region_schema, "Only this region"),
                _param("programme", "query", code, "Only this programme"),
                _param("subject", "query", code, "Only this subject (remiss, vardenhet, …)"),
                _param("kind", "query", {"type": "string", "enum": list(_KIND_VALUES)}, "Only this kind"),
                _param("input_type", "query", {"type": "string"}, "Only rules evaluating this document type"),
            ])},
        "/v1/rules/{rule_id}": {"get": op("getRule", "One rule with parameters, citation, scope and needs", {
            "200": _json(_ref("Rule"), "The rule"), **_problems(*auth, 404)},
            parameters=[_param("rule_id", "path", {"type": "string", "maxLength": 200},
                               "e.g. kalmar.psykisk_halsa.remiss.forsta_kontakt")])},
        "/v1/schemas": {"get": op("listSchemas", "The types a JSON Schema is published for", {
            "200": _json({"type": "array", "items": {"type": "string"}}, "Type names"), **_problems(*auth)})},
        "/v1/schemas/{type}": {"get": op("getSchema", "The JSON Schema (Draft 2020-12) of a type", {
            "200": {"description": "The schema", "content": {"application/schema+json": {"schema": {"type": "object"}}}},
            **_problems(*auth, 404)},
            parameters=[_param("type", "path", {"type": "string", "maxLength": 100}, "Remiss, EvaluationRequest, Result, …")])},
        "/v1/evaluate": {"post": op("evaluate", "Evaluate one document: every applicable rule, or one", {
            "200": _json(_ref("EvaluationResponse"), "The results, in rule order"),
            **_problems(*auth, 400, 413, 415, 422, 500, 503)}, requestBody=evaluate_body)},
        "/v1/evaluate/bulk": {"post": op(
            "evaluateBulk",
            "Evaluate JSON Lines: one evaluation request per line in, one line per input line out, in order",
            {"200": {"description": "One BulkLine per non-blank input line, streamed as it is evaluated.",
                     "content": {NDJSON: {"schema": {"type": "string"}, "x-line-schema": _ref("BulkLine")}}},
             **_problems(*auth, 400, 413, 415)},
            requestBody={"required": True, "description": "JSON Lines: one EvaluationRequest per line.",
                         "content": {NDJSON: {"schema": {"type": "string"}, "x-line-schema": _ref("EvaluationRequest")}}},
            description="The body is read as it arrives and results are written as each line is "
            "evaluated: neither side is held whole. A line that is not valid gets a BulkErrorLine "
            "and the rest go on. A client that writes the whole body before reading (HTTP/1.1 "
            "half-duplex) may send up to the configured read-ahead (16 MiB by default) at once.")},
        "/v1/fhir/evaluate": {"post": op(
            "evaluateFhir",
            "Evaluate FHIR R4 resources (a Bundle or one resource) mapped to documents",
            {"200": _json(_ref("FhirEvaluationResponse"), "The mapped documents and their results"),
             **_problems(*auth, 400, 413, 415, 422, 500, 503)},
            parameters=[_param("region", "query", region_schema, "Region", required=True),
                        _param("programme", "query", code, "Programme", required=True), as_of],
            requestBody={"required": True, "content": {
                "application/fhir+json": {"schema": _ref("FhirResource")},
                "application/json": {"schema": _ref("FhirResource")}}})},
        "/cds-services": {"get": {"operationId": "cdsDiscovery", "summary": "CDS Hooks discovery",
                                  "tags": ["cds-hooks"], "security": [],
                                  "responses": {"200": _json(_ref("CdsDiscovery"), "The services")}}},
        "/cds-services/{service_id}": {"post": {
            "operationId": "cdsCall", "summary": "Call a CDS Hooks service", "tags": ["cds-hooks"],
            "security": [{"cdsHooksJwt": []}] if secured else [],
            "parameters": [_param("service_id", "path", {"type": "string", "maxLength": 200}, "A service id from discovery")],
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("CdsHookRequest")}}},
            "responses": {"200": _json(_ref("CdsResponse"), "Cards"), **_problems(400, 401, 404, 413, 415, 422, 500, 503)},
        }},
    }


def openapi_document(sdk: Sdk | None = None, *, secured: bool = False, server_url: str | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 document.

    :param sdk: when given, region codes are listed as enums (the plugins this instance serves).
    :param secured: the ``/v1`` operations require a bearer token (and hooks a CDS Hooks JWT).
    """
    from primarvard_sdk import __version__

    schemas: dict[str, Any] = {}
    _sdk_schemas(schemas, sdk.extensions() if sdk is not None else ())
    _result_schemas(schemas)
    _service_schemas(schemas)
    regions = [r.code for r in sdk.regions()] if sdk is not None else None
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "primarvard-sdk service",
            "version": API_VERSION,
            "summary": "Swedish regional primary-care rules: evaluate documents, FHIR resources and CDS Hooks.",
            "description": "Every result cites its rule (rulebook, section, verbatim quote). Errors are "
            "RFC 9457 problem details naming each invalid field by JSON path. No personnummer, name "
            f"or address is ever echoed. SDK {__version__}.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "paths": _paths(regions, secured),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A configured token or a JWT verified against the configured key set."},
                "cdsHooksJwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                                "description": "CDS Hooks: a JWT signed by the EHR (iss, aud = the service URL, exp, iat, jti)."},
            },
        },
        "tags": [
            {"name": "v1", "description": "Regions, rules, schemas, annexes and evaluation"},
            {"name": "cds-hooks", "description": "CDS Hooks 2.0 services"},
            {"name": "ops", "description": "Health and readiness"},
        ],
    }
    if server_url:
        document["servers"] = [{"url": server_url}]
    return document


def main() -> None:  # pragma: no cover - ``python -m primarvard_sdk.service.openapi > openapi.json``
    print(json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=False))


if __name__ == "__main__":  # pragma: no cover
    main()
