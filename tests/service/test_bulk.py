"""The bulk endpoint: JSON Lines in and out, in order, streamed both ways, within limits."""

from __future__ import annotations

import json

import anyio

from primarvard_sdk.service.app import create_app
from primarvard_sdk.service.config import ServiceConfig

from .conftest import NOW, REMISS, gotland_sdk, make_client, no_personal_data

NDJSON = {"content-type": "application/x-ndjson"}


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_order_errors_and_blank_lines(client):
    good = json.dumps(REMISS)
    body = "\n".join([good, "", "{broken", json.dumps({**REMISS, "region": "skane"}), good]) + "\n"
    out = lines(client.post("/v1/evaluate/bulk", content=body, headers=NDJSON).text)
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert "results" in out[0] and "results" in out[3]
    assert out[1]["problem"]["status"] == 400 and out[2]["problem"]["errors"][0]["path"] == "$.region"


def test_defaults_from_the_query(client):
    bare = {"type": "Remiss", "document": REMISS["document"]}
    response = client.post("/v1/evaluate/bulk", content=json.dumps(bare),
                           params={"region": "gotland", "programme": "vardval", "as_of": "2025-03-05"}, headers=NDJSON)
    (out,) = lines(response.text)
    assert out["results"][0]["outcome"] == "open"
    assert no_personal_data(response.text)


def test_media_type_and_empty_body(client):
    assert client.post("/v1/evaluate/bulk", content=json.dumps(REMISS), headers={"content-type": "application/json"}).status_code == 415
    response = client.post("/v1/evaluate/bulk", content=b"", headers=NDJSON)
    assert response.status_code == 200 and response.text == ""


def test_record_and_line_limits():
    with make_client(ServiceConfig(max_bulk_records=3, max_body_bytes=600)) as c:
        body = "\n".join([json.dumps(REMISS)] * 5)
        out = lines(c.post("/v1/evaluate/bulk", content=body, headers=NDJSON).text)
        assert [o["line"] for o in out] == [1, 2, 3, 4] and out[3]["problem"]["status"] == 413
        long = json.dumps({**REMISS, "document": {**REMISS["document"], "referens": "x" * 2000}})
        out = lines(c.post("/v1/evaluate/bulk", content="\n".join([long, json.dumps(REMISS)]), headers=NDJSON).text)
        assert out[0]["problem"]["status"] == 413 and "results" in out[1]


def test_results_are_written_before_the_body_ends():
    """The first line's results go out while the client has not finished sending."""
    app = create_app(sdk=gotland_sdk(), clock=lambda: NOW)
    events: list[str] = []
    first = (json.dumps(REMISS) + "\n").encode()

    async def run() -> None:
        sent = anyio.Event()
        chunks = [first, b"", first]

        async def receive():
            if chunks:
                chunk = chunks.pop(0)
                if not chunk:  # hold the rest of the body until the first result is out
                    with anyio.fail_after(5):
                        await sent.wait()
                    events.append("client sends line 2")
                    chunk = chunks.pop(0)
                return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
            await anyio.sleep_forever()

        async def send(message):
            if message["type"] == "http.response.body" and message.get("body"):
                events.append(f"server writes line {json.loads(message['body'])['line']}")
                sent.set()

        scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
                 "method": "POST", "path": "/v1/evaluate/bulk", "raw_path": b"/v1/evaluate/bulk",
                 "query_string": b"", "root_path": "", "scheme": "http", "server": ("127.0.0.1", 80),
                 "client": ("127.0.0.1", 1), "headers": [(b"content-type", b"application/x-ndjson")],
                 "state": {}, "app": app}
        app.state.service.warm()
        await app(scope, receive, send)

    anyio.run(run)
    assert events == ["server writes line 1", "client sends line 2", "server writes line 2"]
