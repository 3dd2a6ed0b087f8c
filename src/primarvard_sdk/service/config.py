"""The service's settings: where it listens, its limits and who may call it.

Every setting has a default that is safe for development on ``127.0.0.1`` and can be given as a
command-line option of ``primarvard serve`` or an environment variable ``PRIMARVARD_<NAME>``
(the option wins). Anything but a loopback address requires credentials: bearer tokens, JWTs
verified against a configured key set, or both; the service refuses to start without them.

This module imports nothing outside the standard library and attrs, so the command line can
describe the options without the ``server`` extra installed.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["CdsClient", "ConfigError", "ServiceConfig", "is_loopback"]


class ConfigError(ValueError):
    """A setting that cannot work (e.g. a public address without credentials)."""


def is_loopback(host: str) -> bool:
    """``127.0.0.0/8``, ``::1`` and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@attrs.frozen
class CdsClient:
    """An EHR (CDS Client) allowed to call the CDS Hooks services: its ``iss`` and its key set.

    ``jwks`` is a JWKS document (``{"keys": [...]}``), a path to one, or an ``https://`` URL the
    service fetches (and caches) itself. The ``jku`` header of a token is never followed.
    """

    issuer: str
    jwks: str | Mapping[str, Any]


@attrs.frozen
class ServiceConfig:
    """Settings of one service instance (see ``primarvard serve --help``)."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    #: Largest body of a single request (``/v1/evaluate``, FHIR, CDS Hooks) and of one bulk line.
    max_body_bytes: int = 1 << 20
    #: Most records in one bulk request; the rest are answered with one 413 line.
    max_bulk_records: int = 10_000
    #: Bulk input read ahead of the evaluation (lets half-duplex clients send this much unread).
    bulk_read_ahead_bytes: int = 16 << 20
    #: Seconds one evaluation (a single request, a FHIR bundle, a hook call) may take.
    request_timeout: float = 10.0
    #: Seconds a whole bulk request may take.
    bulk_timeout: float = 600.0
    #: Accepted static bearer tokens for ``/v1`` (compared in constant time; never logged).
    tokens: tuple[str, ...] = ()
    #: JWT bearer tokens for ``/v1``: a JWKS (document, path or URL) or a PEM public key file.
    jwt_jwks: str | None = None
    jwt_public_key: str | None = None
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwt_algorithms: tuple[str, ...] = ("RS256", "RS384", "ES256", "ES384", "EdDSA")
    #: The EHRs allowed to call the CDS Hooks services, by ``iss``.
    cds_clients: tuple[CdsClient, ...] = ()
    #: Public base URL of the service (``https://cds.example.se``): a hook token's ``aud`` is this
    #: plus the service path. Default: the URL the request was made to.
    public_url: str | None = None
    #: Allow calls without credentials although the service listens beyond loopback (never use
    #: in production; for a container behind an authenticating proxy only).
    insecure_no_auth: bool = False
    log_level: str = "info"

    @property
    def open_access(self) -> bool:
        """No credentials are asked for: loopback without configured credentials."""
        return not self.has_api_credentials and (is_loopback(self.host) or self.insecure_no_auth)

    @property
    def has_api_credentials(self) -> bool:
        return bool(self.tokens or self.jwt_jwks or self.jwt_public_key)

    @property
    def cds_open(self) -> bool:
        """Hook calls without a JWT are accepted: no CDS client configured, on loopback."""
        return not self.cds_clients and (is_loopback(self.host) or self.insecure_no_auth)

    def check(self) -> ServiceConfig:
        """Raise :class:`ConfigError` for settings that cannot work; return ``self``."""
        for name in ("max_body_bytes", "max_bulk_records", "bulk_read_ahead_bytes", "workers", "port"):
            if getattr(self, name) < (0 if name == "port" else 1):
                raise ConfigError(f"{name} must be positive")
        for name in ("request_timeout", "bulk_timeout"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name} must be positive")
        if not is_loopback(self.host) and not self.insecure_no_auth and not self.has_api_credentials:
            raise ConfigError(
                f"listening on {self.host} needs credentials: --token, --jwt-jwks or "
                "--jwt-public-key (or --insecure-no-auth behind an authenticating proxy)"
            )
        if (self.jwt_jwks or self.jwt_public_key) and not self.jwt_audience:
            raise ConfigError("JWT verification needs --jwt-audience (the audience this service accepts)")
        if self.jwt_jwks and self.jwt_public_key:
            raise ConfigError("give --jwt-jwks or --jwt-public-key, not both")
        return self

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> ServiceConfig:
        """Settings from ``PRIMARVARD_*`` variables; ``overrides`` (not ``None``) win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for a in attrs.fields(cls):
            raw = env.get(f"PRIMARVARD_{a.name.upper()}")
            if raw is None or raw == "":
                continue
            values[a.name] = _parse(a.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _parse(name: str, raw: str) -> Any:
    ints = {"port", "workers", "max_body_bytes", "max_bulk_records", "bulk_read_ahead_bytes"}
    try:
        if name in ints:
            return int(raw)
        if name in ("request_timeout", "bulk_timeout"):
            return float(raw)
    except ValueError:
        raise ConfigError(f"PRIMARVARD_{name.upper()}: expected a number") from None
    if name == "insecure_no_auth":
        return raw.strip().lower() in ("1", "true", "yes")
    if name in ("tokens", "jwt_algorithms"):
        return tuple(t.strip() for t in raw.split(",") if t.strip())
    if name == "cds_clients":
        return tuple(parse_cds_client(item) for item in raw.split(";") if item.strip())
    return raw


def parse_cds_client(text: str) -> CdsClient:
    """``ISS=JWKS`` (JWKS a path or an https URL), as ``--cds-client`` takes it."""
    issuer, sep, jwks = text.strip().partition("=")
    if not sep or not issuer or not jwks:
        raise ConfigError("a CDS client is ISS=JWKS (a JWKS file path or https URL)")
    # The issuer is itself a URL with '='-free syntax in practice; split at the last '=' that
    # starts a path or URL would be guesswork, so the first '=' separates.
    return CdsClient(issuer=issuer, jwks=jwks)


def to_json(config: ServiceConfig) -> str:
    """The settings as JSON (for worker processes)."""
    import json

    data = attrs.asdict(config, recurse=True)
    data["cds_clients"] = [{"issuer": c.issuer, "jwks": c.jwks} for c in config.cds_clients]
    return json.dumps(data)


def from_json(text: str) -> ServiceConfig:
    import json

    data = json.loads(text)
    data["cds_clients"] = tuple(CdsClient(**c) for c in data.get("cds_clients", ()))
    for name in ("tokens", "jwt_algorithms"):
        data[name] = tuple(data.get(name, ()))
    return ServiceConfig(**data)
