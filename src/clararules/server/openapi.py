"""``GET /openapi.json``: the OpenAPI 3.1 document of the service, made from the same schemas
as the command line's (``clararules schema NAME [--output]``).

Internal.  A request body's schema is the endpoint's input schema (``server.endpoints``); an
answer's schema is that of the result classes, as ``clararules schema NAME --output`` makes it
(``clararules.cli.schemas``), their ``$defs`` moved to ``components/schemas``; the audit record's
is the package's ``audit.v1`` schema, moved the same way under ``Audit_`` names.  Every error
answer is a problem document (RFC 9457).
"""

from __future__ import annotations

import copy
from typing import Any, Final

import clararules
from clararules.cli.schemas import _type_schema
from clararules.cli.types import DATE, WHEN, YEN, ChoiceType, WholeType
from clararules.server.batch import BATCHES
from clararules.server.endpoints import ENDPOINTS, Endpoint, input_schema
from clararules.server.problems import BODY_LIMIT, PROBLEM_TYPE

__all__ = ["openapi_document"]

_REF: Final = "#/components/schemas/"

PROBLEM_SCHEMA: Final[dict[str, Any]] = {
    "type": "object",
    "description": "An RFC 9457 problem document; detail is in the language of Accept-Language.",
    "properties": {
        "type": {"type": "string", "description": PROBLEM_TYPE + "<error class name>"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "error": {"type": "string", "description": "The library's error class name."},
        "key": {"type": "string", "description": "The message key of the refusal."},
        "instance": {"type": "string"},
    },
    "required": ["type", "title", "status", "detail", "error", "key"],
}

_ERRORS: Final = {
    "400": "The body is not JSON (or CSV) text.",
    "413": f"The body is larger than {BODY_LIMIT} bytes.",
    "415": "The body is of another media type.",
    "422": "An input is refused (the library's message, in the language asked for).",
    "500": "A bug.",
}


def _moved(schema: Any, prefix: str) -> Any:
    """``schema`` with its ``#/$defs/X`` references pointing at ``components/schemas``."""
    if isinstance(schema, dict):
        out = {}
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = _REF + prefix + value.removeprefix("#/$defs/")
            else:
                out[key] = _moved(value, prefix)
        return out
    if isinstance(schema, list):
        return [_moved(item, prefix) for item in schema]
    return schema


def _bare(schema: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in schema.items() if k not in ("$schema", "$id", "$defs")}


def _errors(statuses: tuple[str, ...]) -> dict[str, Any]:
    return {
        status: {
            "description": _ERRORS[status],
            "content": {"application/problem+json": {"schema": {"$ref": _REF + "Problem"}}},
        }
        for status in statuses
    }


def _json(schema: dict[str, Any], description: str = "The result.") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_LANG: Final = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "ja or en: the language of error messages (results carry both).",
    "schema": {"type": "string", "enum": ["en", "ja"]},
}
_AUDIT: Final = {
    "name": "audit",
    "in": "query",
    "required": False,
    "description": "1 or true: answer {result, audit}, the audit record of the computation.",
    "schema": {"type": "string", "enum": ["0", "1", "false", "true"]},
}


def _operation(endpoint: Endpoint, defs: dict[str, Any]) -> dict[str, Any]:
    if endpoint.output_schema is not None:
        result: dict[str, Any] = dict(endpoint.output_schema)
    else:
        refs = [_type_schema(cls, defs) for cls in endpoint.outputs]
        result = refs[0] if len(refs) == 1 else {"anyOf": refs}
    answer = _moved(result, "")
    parameters: list[dict[str, Any]] = [_LANG]
    if endpoint.auditable:
        parameters.append(_AUDIT)
        wrapped = {
            "type": "object",
            "properties": {"result": answer, "audit": {"$ref": _REF + "AuditRecord"}},
            "required": ["result", "audit"],
            "additionalProperties": False,
        }
        answer = {"anyOf": [answer, wrapped]}
    body = _bare(input_schema(endpoint.command))
    return {
        "operationId": endpoint.name,
        "summary": endpoint.summary,
        "description": body.pop("description", ""),
        "parameters": parameters,
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {"200": _json(answer), **_errors(("400", "413", "415", "422", "500"))},
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_CELLS: Final = {
    "monthly_fee": YEN.json_schema(),
    "activated_on": DATE.json_schema(),
    "minimum_term_months": WholeType(0, 1200).json_schema(),
    "special_agreement_term_months": WholeType(0, 1200).json_schema(),
    "received_at": WHEN.json_schema(),
    "desired_month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
    "service": {"type": "string"},
    "domain": {"type": "string"},
    "registry_expiry": DATE.json_schema(),
    "payment": ChoiceType(clararules.PaymentMethod).json_schema(),
    "domain_only": {"type": "boolean"},
}


def _batch_operation(name: str) -> dict[str, Any]:
    batch = BATCHES[name]
    cells = {column: _nullable(_CELLS[column]) for column in batch.columns}
    row = batch.row_schema(cells)
    out = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": dict(batch.out),
            "required": list(batch.out),
            "additionalProperties": False,
        },
    }
    return {
        "operationId": f"batch-{name}",
        "summary": f"clararules.{batch.function} over rows (JSON array or CSV)",
        "parameters": [_LANG],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "array", "items": row}},
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.apache.arrow.stream": {
                    "schema": {"type": "string", "format": "binary"}
                },
            },
        },
        "responses": {"200": _json(out, "The computed rows."), **_errors(tuple(_ERRORS))},
    }


def _replay_operation() -> dict[str, Any]:
    difference = {
        "type": "object",
        "properties": {"path": {"type": "string"}, "recorded": {}, "recomputed": {}},
        "required": ["path", "recorded", "recomputed"],
    }
    found = {
        "type": "object",
        "properties": {
            "identical": {"type": "boolean"},
            "computation": {"type": "string"},
            "recorded_version": {"type": "string"},
            "version": {"type": "string"},
            "differences": {"type": "array", "items": difference},
            "wording": {"type": "array", "items": difference},
            "explanation": {
                "type": "object",
                "properties": {"en": {"type": "string"}, "ja": {"type": "string"}},
            },
            "result": {},
        },
        "required": ["identical", "computation", "differences", "explanation"],
    }
    return {
        "operationId": "audit-replay",
        "summary": "Compute an audit record again and compare (clararules.replay)",
        "parameters": [_LANG],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": _REF + "AuditRecord"}}},
        },
        "responses": {"200": _json(found, "What the replay found."), **_errors(tuple(_ERRORS))},
    }


def _get(operation_id: str, summary: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [_LANG],
            "responses": {"200": _json(schema, summary)},
        }
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of every endpoint."""
    defs: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for endpoint in ENDPOINTS:
        paths[endpoint.path] = {"post": _operation(endpoint, defs)}
    for name in BATCHES:
        paths[f"/batch/{name}"] = {"post": _batch_operation(name)}
    paths["/audit/replay"] = {"post": _replay_operation()}
    entry = {
        "type": "object",
        "properties": {
            "since": {"type": "string"},
            "value": {},
            "source": {"type": "string"},
            "url": {"type": "string"},
        },
        "required": ["since", "value", "source"],
    }
    parameters = {
        "type": "object",
        "properties": {
            "fingerprint": {"type": "string"},
            "parameters": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": entry},
            },
        },
        "required": ["fingerprint", "parameters"],
    }
    paths["/parameters"] = _get(
        "parameters", "The parameters in force, dated and sourced", parameters
    )
    health = {
        "type": "object",
        "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
        "required": ["status", "version"],
    }
    paths["/health"] = _get("health", "Liveness", health)
    audit = copy.deepcopy(clararules.audit_schema())
    schemas: dict[str, Any] = {
        "Problem": PROBLEM_SCHEMA,
        "AuditRecord": _moved(_bare(audit), "Audit_"),
    }
    schemas.update({f"Audit_{k}": _moved(v, "Audit_") for k, v in audit.get("$defs", {}).items()})
    schemas.update({k: _moved(v, "") for k, v in sorted(defs.items())})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "clararules",
            "version": clararules.__version__,
            "description": "Contract, billing and domain rules, computed and explained. Each POST "
            "body is the JSON document the command line's --input takes.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": schemas},
    }
