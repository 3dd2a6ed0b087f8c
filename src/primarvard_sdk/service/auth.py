"""Who may call: bearer tokens and JWTs for ``/v1``, and the CDS Hooks JWT of each EHR.

JWTs are verified with PyJWT against a configured key: a JWKS (a document, a file or an https
URL, fetched and cached by :class:`jwt.PyJWKClient`) or a PEM public key. A CDS Hooks call
carries a JWT signed by the EHR as the specification requires: ``iss`` names a configured CDS
client, whose key set verifies the signature; ``aud`` is the URL of the service called; ``exp``,
``iat``, ``sub`` and ``jti`` are required, ``exp`` at most five minutes ahead, and a ``jti`` is
accepted once. A token's ``jku`` header is never followed. Tokens are never logged.
"""

from __future__ import annotations

import hmac
import json
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jwt

from primarvard_sdk.service.config import CdsClient, ServiceConfig
from primarvard_sdk.service.problems import Problem

__all__ = ["ApiAuth", "CdsAuth", "bearer"]

#: The algorithms CDS Hooks 2.0 requires a service to accept.
CDS_ALGORITHMS = ("ES384", "RS384")
LEEWAY = 30  # seconds of clock skew tolerated


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer …`` header (``None`` when absent or another scheme)."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _unauthorized(detail: str) -> Problem:
    return Problem("unauthorized", detail, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


class _KeySource:
    """Signing keys by ``kid``: from a JWKS document, file or URL, or one PEM public key."""

    def __init__(self, jwks: str | Mapping[str, Any] | None = None, pem: str | None = None) -> None:
        self._client: jwt.PyJWKClient | None = None
        self._set: jwt.PyJWKSet | None = None
        self._pem: str | None = None
        if pem is not None:
            self._pem = Path(pem).read_text() if "BEGIN" not in pem else pem
        elif isinstance(jwks, Mapping):
            self._set = jwt.PyJWKSet.from_dict(dict(jwks))
        elif isinstance(jwks, str) and jwks.startswith(("https://", "http://")):
            self._client = jwt.PyJWKClient(jwks, cache_keys=True, lifespan=300, timeout=5)
        elif isinstance(jwks, str):
            self._set = jwt.PyJWKSet.from_dict(json.loads(Path(jwks).read_text()))
        else:
            raise ValueError("no key configured")

    def key_for(self, token: str) -> Any:
        if self._pem is not None:
            return self._pem
        if self._client is not None:
            try:
                return self._client.get_signing_key_from_jwt(token).key
            except jwt.PyJWKClientError:
                raise _unauthorized("no key of the configured key set matches the token") from None
        assert self._set is not None
        kid = jwt.get_unverified_header(token).get("kid")
        keys = [k for k in self._set.keys if kid is None or k.key_id == kid]
        if kid is None and len(keys) != 1:
            raise _unauthorized("the token names no key (kid) and the key set has more than one")
        if not keys:
            raise _unauthorized("no key of the configured key set matches the token (kid)")
        return keys[0].key


def _reason(exc: jwt.PyJWTError) -> str:
    if isinstance(exc, jwt.ExpiredSignatureError):
        return "the token has expired"
    if isinstance(exc, jwt.InvalidAudienceError):
        return "the token's audience (aud) is not this service"
    if isinstance(exc, jwt.InvalidIssuerError):
        return "the token's issuer (iss) is not accepted"
    if isinstance(exc, jwt.InvalidSignatureError):
        return "the token's signature does not verify"
    if isinstance(exc, jwt.MissingRequiredClaimError):
        return f"the token lacks the claim {exc.claim!r}"
    if isinstance(exc, jwt.ImmatureSignatureError):
        return "the token is not valid yet"
    if isinstance(exc, jwt.InvalidAlgorithmError):
        return "the token's algorithm is not accepted"
    if isinstance(exc, jwt.DecodeError):
        return "the token is malformed"
    return "the token is not valid"


class ApiAuth:
    """Access control of ``/v1``: open on loopback without credentials; else a configured token
    or a JWT verified against the configured key."""

    def __init__(self, config: ServiceConfig) -> None:
        self.open = config.open_access
        self._tokens = [t.encode() for t in config.tokens]
        self._keys = (
            _KeySource(config.jwt_jwks, config.jwt_public_key)
            if (config.jwt_jwks or config.jwt_public_key) else None
        )
        self._issuer = config.jwt_issuer
        self._audience = config.jwt_audience
        self._algorithms = list(config.jwt_algorithms)

    def check(self, authorization: str | None) -> None:
        """Raise a 401 :class:`Problem` unless the request may proceed."""
        if self.open:
            return
        token = bearer(authorization)
        if token is None:
            raise _unauthorized("a bearer token is required")
        given = token.encode()
        # Compare with every configured token, always, in constant time each.
        matched = False
        for known in self._tokens:
            matched |= hmac.compare_digest(given, known)
        if matched:
            return
        if self._keys is None or token.count(".") != 2:
            raise _unauthorized("the bearer token is not accepted")
        try:
            jwt.decode(
                token, self._keys.key_for(token), algorithms=self._algorithms, audience=self._audience,
                issuer=self._issuer, leeway=LEEWAY, options={"require": ["exp", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise _unauthorized(_reason(exc)) from None


class CdsAuth:
    """The CDS Hooks JWT of each call, verified against the calling EHR's key set."""

    def __init__(self, config: ServiceConfig, clock: Any = time.time) -> None:
        self.open = config.cds_open
        self._clients: dict[str, tuple[CdsClient, _KeySource]] = {
            c.issuer: (c, _KeySource(c.jwks)) for c in config.cds_clients
        }
        self._seen: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def check(self, authorization: str | None, audience: str) -> dict[str, Any] | None:
        """The verified claims (``None`` when hooks are open); a 401 :class:`Problem` otherwise."""
        token = bearer(authorization)
        if token is None:
            if self.open:
                return None
            raise _unauthorized("a CDS Hooks JWT is required (Authorization: Bearer)")
        try:
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError as exc:
            raise _unauthorized(_reason(exc)) from None
        if not isinstance(issuer, str) or issuer not in self._clients:
            raise _unauthorized("the token's issuer (iss) is not a configured CDS client")
        _, keys = self._clients[issuer]
        try:
            claims: dict[str, Any] = jwt.decode(
                token, keys.key_for(token), algorithms=list(CDS_ALGORITHMS), audience=audience,
                issuer=issuer, leeway=LEEWAY,
                options={"require": ["iss", "sub", "aud", "exp", "iat", "jti"]},
            )
        except jwt.PyJWTError as exc:
            raise _unauthorized(_reason(exc)) from None
        now = self._clock()
        if claims["exp"] > now + 300 + LEEWAY:
            raise _unauthorized("the token's expiry (exp) is more than five minutes ahead")
        key = (issuer, str(claims["jti"]))
        with self._lock:
            for seen, until in list(self._seen.items()):
                if until < now - LEEWAY:
                    del self._seen[seen]
            if key in self._seen:
                raise _unauthorized("the token's jti has been used before")
            self._seen[key] = float(claims["exp"])
        return claims
