"""Access control: open on loopback, tokens and JWTs elsewhere; CDS Hooks JWTs as the spec says."""

from __future__ import annotations

import json
import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from primarvard_sdk.service.config import CdsClient, ConfigError, ServiceConfig

from .conftest import NOW, REMISS, make_client, post_json

EHR = "https://ehr.example.se"
ORDER_SIGN = {"hook": "order-sign", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
              "context": {"userId": "PractitionerRole/1", "patientId": "p1",
                          "draftOrders": {"resourceType": "Bundle", "type": "collection", "entry": []}}}


@pytest.fixture(scope="module")
def keys():
    ehr = ec.generate_private_key(ec.SECP384R1())
    other = ec.generate_private_key(ec.SECP384R1())
    api = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(ehr.public_key()))
    api_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(api.public_key()))
    return {"ehr": ehr, "other": other, "api": api,
            "ehr_jwks": {"keys": [{**jwk, "kid": "ehr-1", "alg": "ES384", "use": "sig"}]},
            "api_jwks": {"keys": [{**api_jwk, "kid": "api-1", "alg": "RS256", "use": "sig"}]}}


def test_loopback_is_open_and_other_addresses_need_credentials():
    assert ServiceConfig().open_access
    with pytest.raises(ConfigError, match="needs credentials"):
        ServiceConfig(host="0.0.0.0").check()
    ServiceConfig(host="0.0.0.0", tokens=("t",)).check()
    assert not ServiceConfig(host="0.0.0.0", tokens=("t",)).open_access
    with pytest.raises(ConfigError, match="audience"):
        ServiceConfig(jwt_jwks="keys.json").check()


def test_static_tokens():
    with make_client(ServiceConfig(tokens=("s3cret", "other"))) as c:
        assert c.get("/v1/regions").status_code == 401
        assert c.get("/v1/regions").headers["www-authenticate"].startswith("Bearer")
        assert c.get("/v1/regions", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/v1/regions", headers={"authorization": "Bearer other"}).status_code == 200
        assert c.get("/healthz").status_code == 200 and c.get("/openapi.json").status_code == 200
        assert c.get("/openapi.json").json()["paths"]["/v1/regions"]["get"]["security"] == [{"bearerAuth": []}]


def _api_token(key, **claims):
    payload = {"iss": "https://idp.example.se", "aud": "primarvard", "exp": int(time.time()) + 60, **claims}
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "api-1"})


@pytest.mark.parametrize(("claims", "signer", "accepted", "reason"), [
    ({}, "api", True, None),
    (None, None, False, "required"),
    ({"exp": int(time.time()) - 3600}, "api", False, "expired"),
    ({}, "wrong", False, "signature"),
    ({"aud": "someone-else"}, "api", False, "audience"),
])
def test_api_jwts(keys, tmp_path, claims, signer, accepted, reason):
    jwks = tmp_path / "keys.json"
    jwks.write_text(json.dumps(keys["api_jwks"]))
    config = ServiceConfig(jwt_jwks=str(jwks), jwt_audience="primarvard", jwt_issuer="https://idp.example.se")
    headers = {}
    if claims is not None:
        key = keys["api"] if signer == "api" else rsa.generate_private_key(public_exponent=65537, key_size=2048)
        headers["authorization"] = f"Bearer {_api_token(key, **claims)}"
    with make_client(config) as c:
        response = c.get("/v1/regions", headers=headers)
    assert (response.status_code == 200) is accepted
    if reason:
        assert reason in response.json()["detail"]


def _hook_token(key, *, aud, kid="ehr-1", **claims):
    now = int(time.time())
    payload = {"iss": EHR, "sub": "client-1", "aud": aud, "iat": now, "exp": now + 120,
               "jti": str(uuid.uuid4()), **claims}
    return jwt.encode(payload, key, algorithm="ES384", headers={"kid": kid, "typ": "JWT"})


def test_cds_hooks_jwt(keys):
    config = ServiceConfig(cds_clients=(CdsClient(EHR, keys["ehr_jwks"]),), public_url="https://cds.example.se")
    url = "/cds-services/gotland-vardval-order-sign"
    aud = "https://cds.example.se" + url
    with make_client(config) as c:
        def call(token):
            headers = {"authorization": f"Bearer {token}"} if token else {}
            return post_json(c, url, ORDER_SIGN, headers=headers)

        good = _hook_token(keys["ehr"], aud=aud)
        assert call(good).status_code == 200
        cases = {
            "missing": None,
            "replayed jti": good,
            "expired": _hook_token(keys["ehr"], aud=aud, exp=int(time.time()) - 3600, iat=int(time.time()) - 3700),
            "wrongly signed": _hook_token(keys["other"], aud=aud),
            "wrong audience": _hook_token(keys["ehr"], aud="https://cds.example.se/cds-services/other"),
            "unknown issuer": _hook_token(keys["ehr"], aud=aud, iss="https://evil.example"),
            "no jti": jwt.encode({"iss": EHR, "sub": "c", "aud": aud, "iat": int(time.time()),
                                  "exp": int(time.time()) + 60}, keys["ehr"], algorithm="ES384", headers={"kid": "ehr-1"}),
            "exp too far ahead": _hook_token(keys["ehr"], aud=aud, exp=int(time.time()) + 3600),
            "wrong algorithm": jwt.encode({"iss": EHR, "sub": "c", "aud": aud, "iat": int(time.time()), "jti": "x",
                                           "exp": int(time.time()) + 60}, "a-shared-secret-of-enough-length!", algorithm="HS256",
                                          headers={"kid": "ehr-1"}),
        }
        for name, token in cases.items():
            response = call(token)
            assert response.status_code == 401, name
            assert response.headers["content-type"] == "application/problem+json", name
        assert c.get("/cds-services").status_code == 200  # discovery needs no token


def test_cds_hooks_open_on_loopback_without_clients():
    with make_client() as c:
        assert post_json(c, "/cds-services/gotland-vardval-order-sign", ORDER_SIGN).status_code == 200
    assert NOW.year == 2025  # the fixed clock the cards are dated by
    assert REMISS["region"] == "gotland"
