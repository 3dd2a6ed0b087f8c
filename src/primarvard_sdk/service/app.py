"""The ASGI application: a thin Starlette shell over :class:`primarvard_sdk.Sdk`.

Handlers parse and check the request, run the SDK in a worker thread under the configured time
limit, and answer JSON; every error is an RFC 9457 problem. The access log names the route
template, the status and the time taken — never a path value, query, header or body.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from primarvard_sdk.convert import dumps, loads, structure, unstructure
from primarvard_sdk.documents import parse_request
from primarvard_sdk.errors import (
    FieldError,
    InvalidDocument,
    PluginError,
    PrimarvardError,
    UnknownAnnexTopic,
    UnknownProgramme,
    UnknownRegion,
    UnknownRule,
)
from primarvard_sdk.host import Sdk
from primarvard_sdk.model import Kind, Result
from primarvard_sdk.service import cds
from primarvard_sdk.service.auth import ApiAuth, CdsAuth
from primarvard_sdk.service.config import ServiceConfig
from primarvard_sdk.service.openapi import API_VERSION, NDJSON, openapi_document
from primarvard_sdk.service.problems import MEDIA_TYPE as PROBLEM
from primarvard_sdk.service.problems import Problem

__all__ = ["create_app"]

log = logging.getLogger("primarvard.service")
access_log = logging.getLogger("primarvard.service.access")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
BOM = b"\xef\xbb\xbf"
_JSON_TYPES = ("application/json",)
_FHIR_TYPES = ("application/fhir+json", "application/json")
BULK_SLICE = 128  #: records evaluated (and written) per worker-thread call in a bulk request
_NDJSON_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/jsonlines")


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return content if isinstance(content, bytes) else dumps(content).encode()


def problem_response(problem: Problem, request: Request | None = None) -> Response:
    body = problem.body()
    return Response(json.dumps(body, ensure_ascii=False).encode(), status_code=problem.status,
                    media_type=PROBLEM, headers=dict(problem.headers))


def _results_json(results: Sequence[Result]) -> str:
    return "[" + ",".join(dumps(r) for r in results) + "]"


# --- request helpers ----------------------------------------------------------------------------


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _require_media(request: Request, accepted: Sequence[str]) -> None:
    media = _media_type(request)
    if media not in accepted and not (media.endswith("+json") and "application/json" in accepted):
        raise Problem("unsupported-media-type", f"send the body as {' or '.join(accepted)}",
                      headers={"Accept-Post": ", ".join(accepted)})


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refusing (413) anything over ``limit`` bytes before reading it where possible."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Problem("payload-too-large", f"the body may be at most {limit} bytes")
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem("payload-too-large", f"the body may be at most {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def parse_json(body: bytes) -> Any:
    """JSON text (a UTF-8 BOM is ignored, as RFC 8259 allows) or a 400 problem."""
    if body.startswith(BOM):
        body = body[len(BOM):]
    if not body.strip():
        raise Problem("malformed-request", "the body is empty", (FieldError("$", "expected JSON"),))
    try:
        return loads(body)
    except InvalidDocument as exc:
        raise Problem("malformed-request", "the body is not valid JSON", exc.errors) from None


def _query_date(request: Request, name: str, required: bool) -> date | None:
    raw = request.query_params.get(name)
    if raw is None:
        if required:
            raise Problem("malformed-request", f"query parameter {name} is required",
                          (FieldError(name, "required: a date YYYY-MM-DD"),))
        return None
    try:
        return structure(raw, date, path=name)
    except InvalidDocument as exc:
        raise Problem("malformed-request", f"query parameter {name} is not a date", exc.errors) from None


def sdk_problem(exc: PrimarvardError, *, body: bool = True) -> Problem:
    """An SDK error as a problem: unknown names in a body are 422 with their JSON path; in a URL 404."""
    if isinstance(exc, InvalidDocument):
        return Problem.invalid(exc.errors, str(exc).split(":", 1)[0])
    for cls, path in ((UnknownRegion, "$.region"), (UnknownProgramme, "$.programme"), (UnknownRule, "$.rule")):
        if isinstance(exc, cls):
            if body:
                return Problem("unknown-name", str(exc), (FieldError(path, str(exc)),))
            return Problem("not-found", str(exc))
    if isinstance(exc, UnknownAnnexTopic):
        return Problem("not-found", str(exc))
    if isinstance(exc, PluginError):
        log.error("plugin failure: %s", exc.distribution)
        return Problem("plugin-failure", f"the plugin {exc.distribution} failed; the failure is logged")
    return Problem("malformed-request", str(exc))


class Service:
    """What the handlers share: the SDK, the settings, the auth checks and the cached documents."""

    def __init__(self, config: ServiceConfig, sdk: Sdk, clock: Callable[[], datetime]) -> None:
        self.config = config
        self.sdk = sdk
        self.api_auth = ApiAuth(config)
        self.cds_auth = CdsAuth(config)  # tokens are checked against the real time
        self.clock = clock
        self._openapi: bytes | None = None
        self._services: dict[str, cds.CdsService] | None = None

    def warm(self) -> None:
        """Load every plugin and programme now, so that the first request is not the slow one."""
        self.sdk.rules()
        self.services()
        self.openapi()

    def openapi(self) -> bytes:
        if self._openapi is None:
            document = openapi_document(
                self.sdk, secured=not self.config.open_access, server_url=self.config.public_url
            )
            self._openapi = json.dumps(document, ensure_ascii=False).encode()
        return self._openapi

    def services(self) -> dict[str, cds.CdsService]:
        if self._services is None:
            self._services = {s.id: s for s in cds.services(self.sdk)}
        return self._services

    def today(self) -> date:
        return self.clock().astimezone(STOCKHOLM).date()

    async def run(self, fn: Callable[[], Any], timeout: float | None = None) -> Any:
        """Run SDK work in a worker thread under the time limit (a 503 problem past it)."""
        limit = timeout or self.config.request_timeout
        try:
            with anyio.fail_after(limit):
                return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
        except TimeoutError:
            raise Problem("timeout", f"the evaluation took longer than {limit:g} s") from None


def _service(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


def _api(request: Request) -> Service:
    service = _service(request)
    service.api_auth.check(request.headers.get("authorization"))
    return service


# --- handlers -----------------------------------------------------------------------------------


async def health(request: Request) -> Response:
    return JSON({"status": "ok"})


def _sdk_version() -> str:
    from primarvard_sdk import __version__

    return __version__


async def ready(request: Request) -> Response:
    sdk = _service(request).sdk
    regions = [r.code for r in sdk.regions()]
    failures = [unstructure(f) for f in sdk.failures]
    body = {"ready": bool(regions), "sdk_version": _sdk_version(), "regions": regions, "failures": failures}
    return JSON(body, status_code=200 if regions else 503)


async def openapi_json(request: Request) -> Response:
    return Response(_service(request).openapi(), media_type="application/json")


def _region_info(service: Service, code: str) -> dict[str, Any]:
    info = next((p for p in service.sdk.plugins() if p.region.code == code), None)
    if info is None:
        service.sdk.region(code)  # raises UnknownRegion with the known codes
        raise Problem("not-found", "no such region")
    return {**unstructure(info.region), "distribution": info.distribution}


async def version(request: Request) -> Response:
    service = _api(request)
    regions = [_region_info(service, r.code) for r in service.sdk.regions()]
    return JSON({
        "api_version": API_VERSION,
        "sdk_version": _sdk_version(),
        "regions": regions,
        "failures": [unstructure(f) for f in service.sdk.failures],
    })


async def list_regions(request: Request) -> Response:
    service = _api(request)
    return JSON([_region_info(service, r.code) for r in service.sdk.regions()])


def _lookup(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except PrimarvardError as exc:
        raise sdk_problem(exc, body=False) from None


async def get_region(request: Request) -> Response:
    service = _api(request)
    return JSON(_lookup(lambda: _region_info(service, request.path_params["region"])))


async def get_programme(request: Request) -> Response:
    service = _api(request)
    region, code = request.path_params["region"], request.path_params["programme"]
    programme = _lookup(lambda: service.sdk.region(region)).programme(code)
    if programme is None:
        raise Problem("not-found", f"region {region!r} has no such programme")
    return JSON(unstructure(programme))


async def list_annexes(request: Request) -> Response:
    service = _api(request)
    p = request.path_params
    return JSON(unstructure(list(_lookup(lambda: service.sdk.annexes(p["region"], p["programme"])))))


async def get_annex(request: Request) -> Response:
    service = _api(request)
    p = request.path_params
    return JSON(unstructure(_lookup(lambda: service.sdk.annex(p["region"], p["programme"], p["topic"]))))


async def list_rules(request: Request) -> Response:
    service = _api(request)
    q = request.query_params
    kind = q.get("kind")
    if kind is not None and kind not in Kind.__members__:
        raise Problem("malformed-request", "unknown kind", (FieldError("kind", f"expected one of: {', '.join(Kind.__members__)}"),))
    region, programme = q.get("region") or None, q.get("programme") or None
    if programme and not region:
        rules = [r for r in _lookup(lambda: service.sdk.rules()) if r.programme == programme]
    else:
        rules = list(_lookup(lambda: service.sdk.rules(region, programme)))
    rules = [
        r for r in rules
        if (q.get("subject") is None or r.subject == q["subject"])
        and (kind is None or r.kind.value == kind)
        and (q.get("input_type") is None or r.input_type == q["input_type"])
    ]
    return JSON(unstructure(rules))


async def get_rule(request: Request) -> Response:
    service = _api(request)
    return JSON(unstructure(_lookup(lambda: service.sdk.rule(request.path_params["rule_id"]))))


async def list_schemas(request: Request) -> Response:
    _api(request)
    from primarvard_sdk.schema import SCHEMA_TYPES

    return JSON(list(SCHEMA_TYPES))


async def get_schema(request: Request) -> Response:
    _api(request)
    from primarvard_sdk.schema import SCHEMA_TYPES, schema_for

    name = request.path_params["type"]
    if name not in SCHEMA_TYPES:
        raise Problem("not-found", f"no schema for that type; known: {', '.join(SCHEMA_TYPES)}")
    return Response(dumps(schema_for(name)).encode(), media_type="application/schema+json")


def _evaluate_one(sdk: Sdk, data: Any, *, region: str | None = None, programme: str | None = None,
                  as_of: date | None = None) -> tuple[Result, ...]:
    try:
        request = parse_request(data)
        return sdk.evaluate_request(request, region=region, programme=programme, as_of=as_of)
    except PrimarvardError as exc:
        raise sdk_problem(exc) from None


async def evaluate(request: Request) -> Response:
    service = _api(request)
    _require_media(request, _JSON_TYPES)
    data = parse_json(await read_body(request, service.config.max_body_bytes))

    def work() -> bytes:
        return ('{"results":' + _results_json(_evaluate_one(service.sdk, data)) + "}").encode()

    return JSON(await service.run(work))


async def evaluate_fhir(request: Request) -> Response:
    service = _api(request)
    _require_media(request, _FHIR_TYPES)
    q = request.query_params
    region, programme = q.get("region"), q.get("programme")
    missing = [FieldError(n, "required") for n, v in (("region", region), ("programme", programme)) if not v]
    if missing:
        raise Problem("malformed-request", "region and programme are required query parameters", tuple(missing))
    as_of = _query_date(request, "as_of", True)
    data = parse_json(await read_body(request, service.config.max_body_bytes))

    def work() -> bytes:
        from primarvard_sdk.service.fhir import FhirInputError, evaluate_resources, response_json

        assert region and programme and as_of
        try:
            evaluated = evaluate_resources(service.sdk, data, region=region, programme=programme, as_of=as_of)
        except FhirInputError as exc:
            raise Problem("fhir-not-mappable", "the FHIR input cannot be mapped", exc.errors) from None
        except PrimarvardError as exc:
            raise sdk_problem(exc) from None
        return response_json(evaluated).encode()

    return JSON(await service.run(work))


# --- bulk: JSON Lines in, JSON Lines out, streamed both ways -------------------------------------


class BulkResponse(Response):
    """Reads the request body while it writes results: input is read ahead into a bounded buffer,
    evaluated in batches of what has arrived, and each batch is written at once."""

    media_type = NDJSON

    def __init__(self, service: Service, request: Request, defaults: dict[str, Any]) -> None:
        super().__init__(None, media_type=NDJSON)
        self.service, self.request, self.defaults = service, request, defaults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cfg = self.service.config
        chunk_buffer = max(1, cfg.bulk_read_ahead_bytes // 65536)
        sender, chunks = anyio.create_memory_object_stream[bytes | None](chunk_buffer)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", NDJSON.encode()), (b"cache-control", b"no-store")]})

        async def produce() -> None:
            async with sender:
                async for chunk in self.request.stream():
                    if chunk:
                        await sender.send(chunk)

        async with anyio.create_task_group() as tg:
            tg.start_soon(produce)
            try:
                await self._consume(chunks, send)
            finally:
                tg.cancel_scope.cancel()
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _consume(self, chunks: Any, send: Send) -> None:
        cfg, sdk = self.service.config, self.service.sdk
        deadline = time.monotonic() + cfg.bulk_timeout
        pending = b""
        number = 0
        skipping = False  # inside an over-long line

        async def write(lines: list[tuple[int, str]]) -> None:
            if lines:
                lines.sort(key=lambda item: item[0])
                body = "\n".join(text for _, text in lines) + "\n"
                await send({"type": "http.response.body", "body": body.encode(), "more_body": True})

        def fail(n: int, problem: Problem) -> tuple[int, str]:
            return n, _problem_line(n, problem)

        async with chunks:
            end = False
            while not end:
                batch: list[bytes] = []
                try:
                    batch.append(await chunks.receive())
                    while len(batch) < 64:  # take what has already arrived, without waiting
                        batch.append(chunks.receive_nowait())
                except anyio.EndOfStream:
                    end = True
                except anyio.WouldBlock:
                    pass
                data = pending + b"".join(batch)
                lines = data.split(b"\n")
                pending = b"" if end else lines.pop()
                out: list[tuple[int, str]] = []
                records: list[tuple[int, bytes]] = []
                if skipping and lines:
                    lines.pop(0)  # the rest of the over-long line
                    skipping = False
                if len(pending) > cfg.max_body_bytes:
                    lines.append(b"\x00too-long")
                    pending, skipping = b"", True
                last: tuple[int, str] | None = None  # the line that ends the response
                for raw in lines:
                    if not raw.strip():
                        continue
                    number += 1
                    if number > cfg.max_bulk_records:
                        last = fail(number, Problem(
                            "payload-too-large", f"at most {cfg.max_bulk_records} records per request; "
                            "this line and the rest were not read"))
                        break
                    if raw == b"\x00too-long" or len(raw) > cfg.max_body_bytes:
                        out.append(fail(number, Problem("payload-too-large", f"a line may be at most {cfg.max_body_bytes} bytes")))
                        continue
                    records.append((number, raw))
                # Evaluate and write in slices: the output held at once stays small.
                for start in range(0, len(records), BULK_SLICE):
                    piece = records[start:start + BULK_SLICE]
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        out.append(fail(piece[0][0], Problem("timeout", f"the bulk request took longer than {cfg.bulk_timeout:g} s; this line and the rest were not evaluated")))
                        await write(out)
                        return
                    try:
                        evaluated = await self.service.run(partial(self._evaluate, sdk, piece), timeout=remaining)
                    except Problem as problem:
                        out.append(fail(piece[0][0], problem))
                        await write(out)
                        return
                    out.extend(evaluated)
                    if start + BULK_SLICE < len(records):
                        await write(out)
                        out = []
                if last is not None:
                    out.append(last)
                    await write(out)
                    return
                await write(out)

    def _evaluate(self, sdk: Sdk, records: list[tuple[int, bytes]]) -> list[tuple[int, str]]:
        out = []
        for number, raw in records:
            try:
                results = _evaluate_one(sdk, parse_json(raw), **self.defaults)
            except Problem as problem:
                out.append((number, _problem_line(number, problem)))
                continue
            out.append((number, '{"line":' + str(number) + ',"results":' + _results_json(results) + "}"))
        return out


def _problem_line(number: int, problem: Problem) -> str:
    return json.dumps({"line": number, "problem": problem.body()}, ensure_ascii=False, separators=(",", ":"))


async def evaluate_bulk(request: Request) -> Response:
    service = _api(request)
    _require_media(request, _NDJSON_TYPES)
    q = request.query_params
    defaults = {"region": q.get("region") or None, "programme": q.get("programme") or None,
                "as_of": _query_date(request, "as_of", False)}
    return BulkResponse(service, request, defaults)


# --- CDS Hooks ----------------------------------------------------------------------------------


async def cds_discovery(request: Request) -> Response:
    service = _service(request)
    return JSON({"services": [s.discovery() for s in service.services().values()]})


async def cds_call(request: Request) -> Response:
    service = _service(request)
    hook = service.services().get(request.path_params["service_id"])
    if hook is None:
        raise Problem("not-found", "no such CDS service; see GET /cds-services")
    base = (service.config.public_url or str(request.base_url)).rstrip("/")
    service.cds_auth.check(request.headers.get("authorization"), f"{base}/cds-services/{hook.id}")
    _require_media(request, _JSON_TYPES)
    data = parse_json(await read_body(request, service.config.max_body_bytes))
    as_of = service.today()

    def work() -> bytes:
        try:
            return dumps(cds.handle(service.sdk, hook, data, as_of=as_of)).encode()
        except PrimarvardError as exc:
            raise sdk_problem(exc) from None

    return JSON(await service.run(work))


# --- errors and logging -------------------------------------------------------------------------


async def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return problem_response(exc, request)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    slug = {404: "not-found", 405: "method-not-allowed", 413: "payload-too-large",
            415: "unsupported-media-type", 406: "not-acceptable"}.get(exc.status_code, "malformed-request")
    detail = "no such resource" if exc.status_code == 404 else "the request cannot be served"
    return problem_response(Problem(slug, detail, headers=dict(exc.headers or {})), request)


async def _internal(request: Request, exc: Exception) -> Response:
    # The exception's message may quote input: log its type only.
    log.error("internal error %s in %s", type(exc).__name__, _route_name(request.scope))
    return problem_response(Problem("internal", "an internal error occurred; it is logged without the input"))


def _route_name(scope: Scope) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "(no route)"


class AccessLog:
    """One line per request: method, route template, status, milliseconds, a request id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        request_id = uuid.uuid4().hex[:16]

        async def sending(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            access_log.info("%s %s %d %.1fms id=%s", scope["method"], _route_name(scope), status,
                            (time.perf_counter() - started) * 1000, request_id)


def create_app(config: ServiceConfig | None = None, *, sdk: Sdk | None = None,
               clock: Callable[[], datetime] | None = None) -> Starlette:
    """The ASGI app over ``sdk`` (default: the installed plugins) with ``config``'s settings.

    :param clock: the time hooks are evaluated at (default: now); tests pass a fixed one.
    """
    config = (config or ServiceConfig()).check()
    if sdk is None:
        from primarvard_sdk.api import default_sdk

        sdk = default_sdk()
    service = Service(config, sdk, clock or (lambda: datetime.now(STOCKHOLM)))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(service.warm)
        yield

    routes = [
        Route("/healthz", health, methods=["GET"]),
        Route("/readyz", ready, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/v1/version", version, methods=["GET"]),
        Route("/v1/regions", list_regions, methods=["GET"]),
        Route("/v1/regions/{region}", get_region, methods=["GET"]),
        Route("/v1/regions/{region}/programmes/{programme}", get_programme, methods=["GET"]),
        Route("/v1/regions/{region}/programmes/{programme}/annexes", list_annexes, methods=["GET"]),
        Route("/v1/regions/{region}/programmes/{programme}/annexes/{topic}", get_annex, methods=["GET"]),
        Route("/v1/rules", list_rules, methods=["GET"]),
        Route("/v1/rules/{rule_id}", get_rule, methods=["GET"]),
        Route("/v1/schemas", list_schemas, methods=["GET"]),
        Route("/v1/schemas/{type}", get_schema, methods=["GET"]),
        Route("/v1/evaluate", evaluate, methods=["POST"]),
        Route("/v1/evaluate/bulk", evaluate_bulk, methods=["POST"]),
        Route("/v1/fhir/evaluate", evaluate_fhir, methods=["POST"]),
        Route("/cds-services", cds_discovery, methods=["GET"]),
        Route("/cds-services/{service_id}", cds_call, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(AccessLog),
            # CDS Hooks requires CORS for browser-based clients; tokens are bearer, not cookies.
            Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["Authorization", "Content-Type"]),
        ],
        exception_handlers={Problem: _problem, HTTPException: _http, Exception: _internal},
        lifespan=lifespan,
    )
    app.state.service = service
    _api_docs(app)
    return app


def _api_docs(app: Starlette) -> None:
    """Swagger UI at ``/docs`` over ``/openapi.json``, its assets served from the package (no CDN)."""
    try:
        from swagger_ui import api_doc
    except ImportError:  # pragma: no cover - part of the server extra
        return
    api_doc(app, config_rel_url="/openapi.json", url_prefix="/docs", title="primarvard-sdk API")


def create_app_from_env() -> Starlette:
    """The app with the settings ``primarvard serve`` put in the environment (uvicorn's factory)."""
    import os

    from primarvard_sdk.service.commands import CONFIG_ENV
    from primarvard_sdk.service.config import from_json

    raw = os.environ.get(CONFIG_ENV)
    config = from_json(raw) if raw else ServiceConfig.from_env()
    logging.getLogger("primarvard.service").setLevel(config.log_level.upper())
    return create_app(config)
