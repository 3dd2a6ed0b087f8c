"""Schemathesis against the live server on loopback: properties generated from the OpenAPI
document; no response is a 5xx and every response conforms to its schema."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

schemathesis = pytest.importorskip("schemathesis")
uvicorn = pytest.importorskip("uvicorn")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from primarvard_sdk.service.app import create_app  # noqa: E402
from primarvard_sdk.service.config import ServiceConfig  # noqa: E402

from .conftest import NOW, gotland_sdk  # noqa: E402

CHECKED = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
           "response_schema_conformance", "response_headers_conformance")


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx, value):  # the bulk body: JSON Lines text as generated (any string)
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else bytes(str(value), "utf-8")


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    """The app on uvicorn in a thread, on a free loopback port (no other network)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # Small limits, so that generated bodies also reach 413 and bulk limits.
    app = create_app(ServiceConfig(max_body_bytes=64 << 10, max_bulk_records=50), sdk=gotland_sdk(), clock=lambda: NOW)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def api_schema(live_server):
    return schemathesis.openapi.from_url(f"{live_server}/openapi.json")


checks = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
EXAMPLES = 25


def test_api(api_schema):
    """Every operation, with generated valid and invalid inputs (hypothesis, derandomized)."""
    calls: dict[tuple[str, str], int] = {}
    operations = [found.ok() for found in api_schema.get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _run(operation, mode, calls)
            except Unsatisfiable:  # an operation without inputs has no invalid ones
                assert mode is GenerationMode.NEGATIVE
    positive = sum(n for (_, m), n in calls.items() if m == "positive")
    print(f"\nschemathesis: {sum(calls.values())} calls ({positive} valid, {sum(calls.values()) - positive} "
          f"invalid) over {len(operations)} operations, no failure")
    assert {label for label, _ in calls} == {o.label for o in operations}


def _run(operation, mode, calls):
    key = (operation.label, mode.value)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(checks=checks, timeout=30)
        calls[key] = calls.get(key, 0) + 1

    run()


def test_every_check_we_rely_on_exists():
    assert {c.__name__ for c in checks} == set(CHECKED)
