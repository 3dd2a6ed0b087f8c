"""The HTTP API over the fictional Gotland region: resources, evaluation, errors and limits."""

from __future__ import annotations

import json
import logging
import time

import pytest

from primarvard_sdk.service.config import ServiceConfig

from .conftest import REMISS, gotland_sdk, make_client, no_personal_data, post_json

PROBLEM = "application/problem+json"


def test_health_ready_and_versions(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["ready"] is True and ready["regions"] == ["gotland"] and ready["failures"] == []
    info = client.get("/v1/version").json()
    (region,) = info["regions"]
    assert region["distribution"] == "primarvard-gotland 0.0.1"
    assert [e["id"] for e in region["programmes"][0]["editions"]] == ["2024", "2026"]


def test_readyz_names_plugin_failures():
    class Broken:
        __name__ = "broken"

    from primarvard_sdk import Sdk

    with make_client(sdk=Sdk(plugins=[(Broken(), "primarvard-broken 9.9")], entry_points=False)) as c:
        response = c.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failures"][0]["distribution"] == "primarvard-broken 9.9"


def test_regions_programmes_annexes(client):
    assert [r["code"] for r in client.get("/v1/regions").json()] == ["gotland"]
    assert client.get("/v1/regions/gotland").json()["name"].startswith("Region Gotland")
    assert client.get("/v1/regions/gotland/programmes/vardval").json()["code"] == "vardval"
    assert client.get("/v1/regions/gotland/programmes/vardval/annexes").json()[0]["topic"] == "ersattning"
    ref = client.get("/v1/regions/gotland/programmes/vardval/annexes/Ersättning").json()
    assert ref["annex"]["number"] == "1" and ref["citation"]["quote"] == "Bilaga 1 Ersättning."
    for url in ("/v1/regions/skane", "/v1/regions/gotland/programmes/nope",
                "/v1/regions/gotland/programmes/vardval/annexes/nope", "/v1/rules/gotland.vardval.nope.x",
                "/v1/schemas/Nope", "/nowhere"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["type"] == "urn:primarvard:problem:not-found"


def test_rules_filters(client):
    everything = client.get("/v1/rules").json()
    assert len(everything) == 10
    deadlines = client.get("/v1/rules", params={"region": "gotland", "kind": "deadline"}).json()
    assert {r["kind"] for r in deadlines} == {"deadline"} and len(deadlines) == 3
    remiss = client.get("/v1/rules", params={"input_type": "Remiss"}).json()
    assert [r["id"] for r in remiss] == ["gotland.vardval.remiss.forsta_kontakt"]
    assert [r["id"] for r in client.get("/v1/rules", params={"subject": "vardenhet"}).json()] == [
        "gotland.vardval.vardenhet.farjeberedskap", "gotland.vardval.vardenhet.filialledning",
        "gotland.vardval.vardenhet.lakare",
        "gotland.vardval.vardenhet.verksamhetschef"]
    assert client.get("/v1/rules", params={"programme": "vardval"}).json() == everything
    assert client.get("/v1/rules", params={"kind": "bogus"}).status_code == 400
    rule = client.get("/v1/rules/gotland.vardval.remiss.forsta_kontakt").json()
    assert rule["governing_day"] == "inkom"
    assert rule["citation"]["quote"] == "Första kontakt ska ske inom 10 kalenderdagar."


def test_schemas(client):
    names = client.get("/v1/schemas").json()
    assert {"Remiss", "EvaluationRequest", "Result"} <= set(names)
    response = client.get("/v1/schemas/Remiss")
    assert response.headers["content-type"] == "application/schema+json"
    assert response.json()["$id"] == "urn:primarvard-sdk:schema:Remiss"


def test_evaluate_a_referral(client):
    response = post_json(client, "/v1/evaluate", REMISS)
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    # "Första kontakt ska ske inom 10 kalenderdagar": arrived 2025-03-03 → due 2025-03-13, open.
    assert result["rule_id"] == "gotland.vardval.remiss.forsta_kontakt"
    assert result["outcome"] == "open" and result["values"]["due"] == "2025-03-13"
    assert result["governing_day"] == "2025-03-03" and result["edition"] == "2024"
    assert result["reference"] == "R-1"
    assert no_personal_data(response.text)


def test_a_utf8_bom_is_ignored(client):
    response = post_json(client, "/v1/evaluate", b"\xef\xbb\xbf" + json.dumps(REMISS).encode())
    assert response.status_code == 200


def test_invalid_document_names_every_path_and_echoes_nothing(client):
    bad = {**REMISS, "document": {"inkom": "2025-03-03T09:00:00", "patient": {"personnummer": "191212121213",
                                                                              "namn": "Tolvan"}}}
    response = post_json(client, "/v1/evaluate", bad)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == "urn:primarvard:problem:invalid-document" and body["status"] == 422
    paths = {e["path"] for e in body["errors"]}
    assert {"$.document.inkom", "$.document.patient.personnummer"} <= paths
    assert no_personal_data(response.text) and "191212121213" not in response.text


@pytest.mark.parametrize(("change", "path"), [
    ({"region": "skane"}, "$.region"), ({"programme": "nope"}, "$.programme"),
    ({"rule": "gotland.vardval.remiss.nope"}, "$.rule"),
])
def test_unknown_names_are_422_with_their_path(client, change, path):
    response = post_json(client, "/v1/evaluate", {**REMISS, **change})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == path


def test_malformed_and_wrong_media_type(client):
    assert post_json(client, "/v1/evaluate", b"{not json").status_code == 400
    assert post_json(client, "/v1/evaluate", b"").status_code == 400
    response = client.post("/v1/evaluate", content=json.dumps(REMISS), headers={"content-type": "text/plain"})
    assert response.status_code == 415 and response.headers["accept-post"] == "application/json"
    assert client.get("/v1/evaluate").status_code == 405


def test_body_limit():
    with make_client(ServiceConfig(max_body_bytes=300)) as c:
        response = post_json(c, "/v1/evaluate", {**REMISS, "document": {**REMISS["document"], "x": "y" * 400}})
        assert response.status_code == 413 and response.headers["content-type"] == PROBLEM
        assert post_json(c, "/v1/evaluate", REMISS).status_code == 200


def test_time_limit():
    sdk = gotland_sdk()
    original = sdk.evaluate_request

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return original(*args, **kwargs)

    sdk.evaluate_request = slow  # type: ignore[method-assign]
    with make_client(ServiceConfig(request_timeout=0.05), sdk=sdk) as c:
        response = post_json(c, "/v1/evaluate", REMISS)
    assert response.status_code == 503 and response.json()["type"] == "urn:primarvard:problem:timeout"


def test_an_internal_error_is_a_500_problem_without_the_input(caplog):
    sdk = gotland_sdk()

    def boom(*args, **kwargs):
        raise RuntimeError("Tolvan 191212121212")

    sdk.evaluate_request = boom  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO), make_client(sdk=sdk) as c:
        response = post_json(c, "/v1/evaluate", REMISS)
    assert response.status_code == 500 and response.headers["content-type"] == PROBLEM
    assert no_personal_data(response.text)
    assert no_personal_data(caplog.text) and "RuntimeError" in caplog.text


def test_access_log_has_route_templates_only(caplog):
    with caplog.at_level(logging.INFO, logger="primarvard.service.access"), make_client() as c:
        c.get("/v1/rules/gotland.vardval.remiss.forsta_kontakt", params={"x": "191212121212"})
        post_json(c, "/v1/evaluate", REMISS)
    lines = [r.getMessage() for r in caplog.records if r.name == "primarvard.service.access"]
    assert any(line.startswith("GET /v1/rules/{rule_id} 200") for line in lines)
    assert any(line.startswith("POST /v1/evaluate 200") for line in lines)
    assert no_personal_data("\n".join(lines)) and "forsta_kontakt" not in "\n".join(lines)


def test_swagger_ui_is_served_locally(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text
    assert "cdn" not in page.text.lower() and "unpkg" not in page.text.lower()
