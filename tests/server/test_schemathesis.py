"""Property-based tests of the running server against its own OpenAPI document
(schemathesis 4's Python API: ``schemathesis.openapi.from_url`` on the live
``/openapi.json``, one Hypothesis test per operation from ``operation.as_strategy()``; the
schemathesis pytest plugin's ``from_fixture`` fails under pytest 9): for every operation, a bounded number
of generated requests; no answer is a 5xx, and every answer conforms to the schema of its
status (results, problem documents)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.server.conftest import MISSING

pytestmark = pytest.mark.skipif(bool(MISSING), reason="the server extra is not installed")

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

MAX_EXAMPLES = 15
"""Generated requests per operation: 23 operations stay well under a minute."""


@schemathesis.serializer("text/csv")
def csv_body(context: Any, value: Any) -> bytes:
    """A CSV body is sent as the text generated for it (its schema is a string)."""
    return str(value).encode("utf-8")


@pytest.fixture(scope="module")
def api_schema(server_url: str) -> Any:
    """The live document, loaded from the running server (its base URL is the server's)."""
    return schemathesis.openapi.from_url(f"{server_url}/openapi.json")


def operations() -> list[tuple[str, str]]:
    """Every (path, method) of the document, known without a server."""
    from clararules.server.openapi import openapi_document

    paths = openapi_document()["paths"]
    return [(path, method.upper()) for path, item in paths.items() for method in item]


@pytest.mark.parametrize(("path", "method"), operations())
def test_operation(api_schema: Any, path: str, method: str) -> None:
    operation = api_schema[path][method]
    checks = [not_a_server_error, response_schema_conformance]

    @hypothesis.given(operation.as_strategy())
    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(checks=checks)

    run()
