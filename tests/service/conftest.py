"""Fixtures of the service tests: the fictional Gotland region behind the app, a fixed clock,
and keys for signing tokens. No network beyond loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("starlette")
pytest.importorskip("fhir.resources")

import primarvard_gotland
from starlette.testclient import TestClient

from primarvard_sdk import Sdk
from primarvard_sdk.service.app import create_app
from primarvard_sdk.service.config import ServiceConfig

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2025, 3, 5, 10, 0, tzinfo=STOCKHOLM)

#: A Gotland referral: arrived 2025-03-03, first contact due 2025-03-13 (10 calendar days,
#: "Första kontakt ska ske inom 10 kalenderdagar"), open on 2025-03-05.
REMISS: dict[str, Any] = {
    "type": "Remiss", "region": "gotland", "programme": "vardval", "as_of": "2025-03-05",
    "document": {"referens": "R-1", "inkom": "2025-03-03T09:00:00+01:00",
                 "patient": {"personnummer": "19121212-1212", "namn": "Tolvan Tolvansson", "adress": "Gatan 1"}},
}
PERSONAL = ("121212", "1212", "Tolvan", "Gatan")


def gotland_sdk() -> Sdk:
    return Sdk(plugins=[(primarvard_gotland.plugin, primarvard_gotland.DISTRIBUTION)], entry_points=False)


def make_client(config: ServiceConfig | None = None, **kwargs: Any) -> TestClient:
    return TestClient(create_app(config, sdk=kwargs.pop("sdk", None) or gotland_sdk(), clock=lambda: NOW, **kwargs),
                      raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with make_client() as c:
        yield c


def post_json(client: TestClient, url: str, data: Any, **kwargs: Any) -> Any:
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    headers = {"content-type": "application/json", **kwargs.pop("headers", {})}
    return client.post(url, content=body, headers=headers, **kwargs)


def no_personal_data(text: str) -> bool:
    return not any(p in text for p in PERSONAL)
