"""The ASGI application (Starlette): routes, body reading and problem answers.

Internal.  Every request is answered from its own body and headers alone: no state is kept
between requests.  A computation is quick and pure, so it runs on the event loop; a batch or a
replay, which may be larger, runs in Starlette's thread pool.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Final

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import clararules
from clararules.core.errors import ClaraRulesError
from clararules.server.batch import (
    ARROW_STREAM,
    BATCHES,
    Batch,
    compute_arrow,
    compute_batch,
    rows_of_csv,
    rows_of_json,
)
from clararules.server.endpoints import ENDPOINTS, Endpoint, read_inputs
from clararules.server.openapi import openapi_document
from clararules.server.problems import (
    BODY_LIMIT,
    MEDIA_TYPE,
    Problem,
    parse_json,
    problem_document,
    request_lang,
)

__all__ = ["create_app"]

_log: Final = logging.getLogger("clararules.server")
_TRUE: Final = {"1": True, "true": True, "0": False, "false": False}

Handler = Callable[[Request], Awaitable[Response]]


def _answer(problem: Problem, request: Request, headers: dict[str, str] | None = None) -> Response:
    lang = request_lang(request.headers.get("accept-language"))
    document = problem_document(problem, lang, request.url.path)
    return JSONResponse(
        document,
        status_code=problem.status,
        media_type=MEDIA_TYPE,
        headers={"Content-Language": lang, **(headers or {})},
    )


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().casefold()


def _check_media(request: Request, accepted: tuple[str, ...]) -> str:
    got = _media_type(request)
    if got not in accepted:
        figures = {"got": repr(got) if got else "(none)", "accepted": " or ".join(accepted)}
        raise Problem(415, "server.media_type", figures)
    return got


async def _body(request: Request) -> bytes:
    """The body, at most :data:`BODY_LIMIT` bytes: a larger declared length is refused before
    anything is read, a longer stream as soon as it passes the limit."""
    too_large = Problem(413, "server.too_large", {"limit": BODY_LIMIT})
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > BODY_LIMIT:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BODY_LIMIT:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def _json_body(request: Request) -> Any:
    _check_media(request, ("application/json",))
    body = await _body(request)
    return parse_json(body) if body.strip() else {}


def _audit_asked(request: Request) -> bool:
    given = request.query_params.get("audit")
    if given is None:
        return False
    asked = _TRUE.get(given.strip().casefold())
    if asked is None:
        figures = {"name": "audit", "choices": "1, true, 0, false", "got": repr(given[:60])}
        raise Problem(400, "server.query", figures)
    return asked


def _guarded(handler: Handler) -> Handler:
    """``handler`` with its refusals answered as problems, never a traceback."""

    async def guarded(request: Request) -> Response:
        try:
            return await handler(request)
        except Problem as problem:
            return _answer(problem, request)
        except ClaraRulesError as error:
            return _answer(Problem.of(error), request)
        except Exception as error:
            _log.exception("unexpected error at %s", request.url.path)
            return _answer(
                Problem(
                    500, "server.internal", {"kind": type(error).__name__}, error="InternalError"
                ),
                request,
            )

    return guarded


def _computing(endpoint: Endpoint) -> Handler:
    async def handle(request: Request) -> Response:
        audit = _audit_asked(request) if endpoint.auditable else False
        data = await _json_body(request)
        inputs = read_inputs(endpoint.command, data)
        result = endpoint.compute(inputs)
        answer = result if isinstance(result, dict) else clararules.to_dict(result)
        if audit:
            answer = {"result": answer, "audit": clararules.to_audit(result)}
        return JSONResponse(answer)

    return _guarded(handle)


def _batching(batch: Batch) -> Handler:
    async def handle(request: Request) -> Response:
        kind = _check_media(request, ("application/json", "text/csv", ARROW_STREAM))
        body = await _body(request)
        if kind == ARROW_STREAM:
            return JSONResponse(await run_in_threadpool(compute_arrow, batch, body))
        csv = kind == "text/csv"
        rows = rows_of_csv(body, batch) if csv else rows_of_json(parse_json(body))
        return JSONResponse(await run_in_threadpool(compute_batch, batch, rows))

    return _guarded(handle)


def _replayed(record: Any) -> dict[str, Any]:
    from clararules.cli.audit import replay_data

    try:
        found = clararules.replay(record)
    except ClaraRulesError as error:
        raise Problem.of(error) from None
    data = replay_data(found)
    data["explanation"] = {"en": found.explain("en"), "ja": found.explain("ja")}
    data["result"] = clararules.to_dict(found.result)
    return data


async def _replay(request: Request) -> Response:
    record = await _json_body(request)
    return JSONResponse(await run_in_threadpool(_replayed, record))


async def _parameters(request: Request) -> Response:
    from clararules.core.parameter_set import canonical, fingerprint

    parameters = clararules.DEFAULT_PARAMETERS
    document = {"fingerprint": fingerprint(parameters), "parameters": canonical(parameters)}
    return JSONResponse(document)


async def _health(request: Request) -> Response:
    return JSONResponse({"status": "ok", "version": clararules.__version__})


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if error.status_code == 405:
        allowed = (error.headers or {}).get("Allow", "")
        figures = {"method": request.method, "path": request.url.path, "allowed": allowed}
        problem = Problem(405, "server.method", figures, error="MethodNotAllowed")
        return _answer(problem, request, {"Allow": allowed})
    if error.status_code == 404:
        problem = Problem(404, "server.not_found", {"path": request.url.path}, error="NotFound")
        return _answer(problem, request)
    figures = {"kind": f"HTTP {error.status_code}"}
    return _answer(
        Problem(error.status_code, "server.internal", figures, error="HTTPError"), request
    )


def create_app() -> Starlette:
    """The ASGI application: every endpoint of ``docs/server.md``."""
    document = openapi_document()

    async def openapi(request: Request) -> Response:
        return JSONResponse(document)

    routes = [
        Route(endpoint.path, _computing(endpoint), methods=["POST"]) for endpoint in ENDPOINTS
    ]
    routes += [
        Route(f"/batch/{name}", _batching(batch), methods=["POST"])
        for name, batch in BATCHES.items()
    ]
    routes += [
        Route("/audit/replay", _guarded(_replay), methods=["POST"]),
        Route("/parameters", _guarded(_parameters), methods=["GET"]),
        Route("/health", _health, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
