"""``primarvard serve`` and ``primarvard fhir``: the command-line side of the service.

This module imports only the standard library at import time, so ``primarvard --help`` works
without the ``server`` or ``fhir`` extra; each command imports what it needs when it runs and
says which extra to install when it is missing.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, TextIO

__all__ = ["add_subcommands", "fhir", "serve"]

CONFIG_ENV = "PRIMARVARD_SERVICE_CONFIG"


def add_subcommands(sub: Any) -> None:
    """Add ``serve`` and ``fhir`` to the ``primarvard`` parser's subcommands."""
    p = sub.add_parser(
        "serve",
        help="run the HTTP API (OpenAPI 3.1, FHIR in, CDS Hooks); needs primarvard-sdk[server]",
        description="Run the HTTP service on uvicorn. On 127.0.0.1 no credentials are needed; any "
        "other address needs --token or --jwt-jwks/--jwt-public-key. Every option can also be set "
        "as an environment variable PRIMARVARD_<OPTION> (e.g. PRIMARVARD_TOKENS=a,b).",
    )
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default 8000)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default 1)")
    p.add_argument("--max-body-bytes", type=int, default=None, help="largest request body or bulk line (default 1 MiB)")
    p.add_argument("--max-bulk-records", type=int, default=None, help="records per bulk request (default 10000)")
    p.add_argument("--request-timeout", type=float, default=None, help="seconds per evaluation (default 10)")
    p.add_argument("--bulk-timeout", type=float, default=None, help="seconds per bulk request (default 600)")
    p.add_argument("--token", action="append", dest="tokens", metavar="TOKEN",
                   help="accept this bearer token for /v1 (repeatable; prefer PRIMARVARD_TOKENS)")
    p.add_argument("--jwt-jwks", help="accept JWTs for /v1 signed by a key in this JWKS (file or https URL)")
    p.add_argument("--jwt-public-key", help="accept JWTs for /v1 signed by this PEM public key (file)")
    p.add_argument("--jwt-issuer", help="the iss a /v1 JWT must have")
    p.add_argument("--jwt-audience", help="the aud a /v1 JWT must have (required with JWTs)")
    p.add_argument("--cds-client", action="append", dest="cds_clients", metavar="ISS=JWKS",
                   help="an EHR allowed to call the CDS Hooks services: its iss and JWKS (file or https URL)")
    p.add_argument("--public-url", help="the service's public base URL (CDS Hooks tokens' aud)")
    p.add_argument("--insecure-no-auth", action="store_true", default=None,
                   help="no credentials although not on loopback (only behind an authenticating proxy)")
    p.add_argument("--log-level", default=None, choices=("critical", "error", "warning", "info", "debug"))

    p = sub.add_parser(
        "fhir",
        help="evaluate a FHIR R4 Bundle or resource (ServiceRequest, Encounter, ...); needs primarvard-sdk[fhir]",
        description="Map FHIR R4 resources to documents and evaluate them; prints what "
        "POST /v1/fhir/evaluate answers. Unmappable input names each FHIR path.",
    )
    p.add_argument("file", metavar="FILE", help="FHIR JSON file, or '-' for stdin")
    p.add_argument("--region", required=True)
    p.add_argument("--programme", required=True)
    p.add_argument("--as-of", dest="as_of", required=True, help="evaluation day YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json"), default="text")


def _missing_extra(extra: str, exc: ImportError) -> int:
    print(f"primarvard: error: this command needs primarvard-sdk[{extra}] ({exc.name} is not installed): "
          f"pip install 'primarvard-sdk[{extra}]'", file=sys.stderr)
    return 2


def _config(args: argparse.Namespace) -> Any:
    from primarvard_sdk.service.config import ServiceConfig, parse_cds_client

    overrides = {name: getattr(args, name) for name in (
        "host", "port", "workers", "max_body_bytes", "max_bulk_records", "request_timeout", "bulk_timeout",
        "jwt_jwks", "jwt_public_key", "jwt_issuer", "jwt_audience", "public_url", "insecure_no_auth", "log_level")}
    if args.tokens:
        overrides["tokens"] = tuple(args.tokens)
    if args.cds_clients:
        overrides["cds_clients"] = tuple(parse_cds_client(c) for c in args.cds_clients)
    return ServiceConfig.from_env(**overrides).check()


def serve(sdk: Any, args: argparse.Namespace, out: TextIO) -> int:
    """Run the service until interrupted."""
    from primarvard_sdk.errors import PrimarvardError
    from primarvard_sdk.service.config import ConfigError

    try:
        import uvicorn

        import primarvard_sdk.service.app  # noqa: F401 - fail early when the extra is missing
    except ImportError as exc:
        return _missing_extra("server", exc)
    try:
        config = _config(args)
    except ConfigError as exc:
        raise PrimarvardError(str(exc)) from None
    from primarvard_sdk.service.config import to_json

    # Workers are separate processes: they read the settings from the environment.
    os.environ[CONFIG_ENV] = to_json(config)
    log_config = _log_config(uvicorn, config.log_level)
    where = f"http://{config.host}:{config.port}"
    print(f"primarvard: serving on {where} (OpenAPI {where}/openapi.json, docs {where}/docs)", file=sys.stderr)
    uvicorn.run(
        "primarvard_sdk.service.app:create_app_from_env", factory=True, host=config.host, port=config.port,
        workers=config.workers, log_config=log_config, log_level=config.log_level, access_log=False,
        server_header=False, timeout_graceful_shutdown=10,
    )
    return 0


def _log_config(uvicorn: Any, level: str) -> dict[str, Any]:
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["primarvard.service"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config


def fhir(sdk: Any, args: argparse.Namespace, out: TextIO) -> int:
    from datetime import date

    from primarvard_sdk.convert import loads, structure
    from primarvard_sdk.errors import PrimarvardError

    try:
        import fhir.resources  # noqa: F401

        from primarvard_sdk.service.fhir import FhirInputError, evaluate_resources, response_json
    except ImportError as exc:
        return _missing_extra("fhir", exc)
    as_of = structure(args.as_of, date, path="--as-of")
    if args.file == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            with open(args.file, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise PrimarvardError(f"{args.file}: cannot be read ({exc.strerror})") from None
    data = loads(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw)
    try:
        evaluated = evaluate_resources(sdk, data, region=args.region, programme=args.programme, as_of=as_of)
    except FhirInputError as exc:
        raise PrimarvardError(f"{args.file}: FHIR input cannot be mapped: {exc}") from None
    if args.format == "json":
        print(response_json(evaluated), file=out)
    else:
        for mapped, results in evaluated:
            print(f"\n{mapped.source} → {mapped.type_name}", file=out)
            for r in results:
                print(f"  {r.rule_id.split('.', 2)[2]:<40} {r.outcome.value:<15} {r.explanation.en}", file=out)
    return 1 if any(r.outcome.is_failure for _, results in evaluated for r in results) else 0
