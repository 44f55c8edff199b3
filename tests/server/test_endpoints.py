"""The HTTP service against a real uvicorn server: endpoints in English and Japanese, the
audit record and its replay, batches (JSON and CSV), and every refusal as problem+json."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.server.conftest import MISSING

pytestmark = pytest.mark.skipif(bool(MISSING), reason="the server extra is not installed")

httpx = pytest.importorskip("httpx")

PROBLEM = "application/problem+json"
QUOTE = {
    "received_at": "2026-12-01T00:00+09:00",
    "desired_month": "2026-12",
    "fee": 5000,
    "activated_on": "2026-04-15",
    "term_months": 12,
}


@pytest.fixture(scope="module")
def client(server_url: str) -> Any:
    with httpx.Client(base_url=server_url, timeout=30.0) as session:
        yield session


def post(client: Any, path: str, body: object, lang: str = "en", **kwargs: Any) -> Any:
    return client.post(path, json=body, headers={"Accept-Language": lang}, **kwargs)


def assert_problem(
    response: Any, status: int, error: str, key: str | None = None
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    document: dict[str, Any] = response.json()
    assert document["status"] == status
    assert document["error"] == error
    assert document["type"] == f"https://clararules.example/problems/{error}"
    assert document["title"] and document["detail"]
    if key is not None:
        assert document["key"] == key
    return document


def test_health_and_parameters(client):
    assert client.get("/health").json()["status"] == "ok"
    document = client.get("/parameters").json()
    assert document["fingerprint"].startswith("sha256:")
    rates = document["parameters"]["consumption_tax_rate"]
    assert {"since": "2019-10-01", "value": "1/10"}.items() <= rates[-1].items()
    assert all("source" in entry for entry in rates)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_quote_is_to_dict_with_both_languages(client, lang):
    import clararules

    response = post(client, "/cancellation/quote", QUOTE, lang)
    assert response.status_code == 200
    answer = response.json()
    contract = clararules.Contract("service", 5000, clararules.to_date("2026-04-15"), 12)
    expected = clararules.quote_cancellation(
        contract, clararules.to_jst("2026-12-01T00:00+09:00"), "2026-12"
    )
    assert answer == json.loads(clararules.to_json(expected))
    assert answer["charge"]["amount_with_tax"] == 16500
    steps = answer["date"]["explanation"]
    assert steps and all(step["en"] and step["ja"] for step in steps)


def test_same_document_as_the_command_line_input(client, tmp_path, capsys):
    from clararules.cli.main import main

    path = tmp_path / "quote.json"
    path.write_text(json.dumps(QUOTE), encoding="utf-8")
    assert main(["cancel", "--input", str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert post(client, "/cancellation/quote", QUOTE).json() == printed


CASES = [
    ("/cancellation/deadline", {"month": "2027-03"}, "deadline", "2027-02-28T23:59:59+09:00"),
    ("/cancellation/channel", {"channel": "email_form"}, "accepted", True),
    ("/suspension", {"service": "Flex Web"}, "accepted", False),
    ("/debit", {"notice_arrived_on": "2026-06-03"}, "debit_on", "2026-06-29"),
    ("/domains/status", {"name": "example.jp", "expires_on": "2027-03-31", "on": "2027-04-01"},
     "status", "restorable"),
    ("/procedures/seal", {"kind": "company_seal", "full_name": "yes"}, "accepted", None),
    ("/procedures/resale", {}, "accepted", True),
    ("/procedures/delegation-release",
     {"representative_in_contracting_org": False, "via_release_form": True}, "accepted", None),
    ("/procedures/contact-change", {"from_registered_contact": "yes", "via_change_form": "yes"},
     "accepted", True),
    ("/procedures/dealer-certificate", {"subject": "古物商許可申請について"}, "accepted", None),
    ("/procedures/ip-plan", {"intent": "move_to_main_ip", "dns": "A", "panel": "plesk"},
     "steps", None),
    ("/plan-change", {"service": "Clara Cloud Flex", "current_fee": 10000, "new_fee": 15000,
                      "term_start_month": "2026-04", "changed_on": "2026-10-15"}, "amount", None),
    ("/cancellation/change-review",
     {"kind": "withdraw", "requested_at": "2026-11-20T10:00+09:00",
      "from_registered_contact": "yes", "accepted_cancellation_on": "2026-11-30"},
     "status", None),
    ("/cancellation/options", {"received_at": "2026-11-01", "fee": 5000,
                               "activated_on": "2026-04-15", "term_months": 12, "months": 3},
     "options", None),
    ("/domains/timeline", {"name": "example.jp", "expires_on": "2027-03-31"}, "contract_end",
     "2027-03-24"),
    ("/domains/plan", {"name": "example.jp", "expires_on": "2027-03-31", "today": "2027-01-01"},
     "status", "active"),
    ("/domains/restore", {"name": "example.jp", "expires_on": "2027-03-31"}, "fee", None),
]  # fmt: skip


@pytest.mark.parametrize(("path", "body", "field", "value"), CASES)
def test_each_endpoint(client, path, body, field, value):
    response = post(client, path, body, "ja")
    assert response.status_code == 200, response.text
    answer = response.json()
    assert field in answer
    if value is not None:
        assert answer[field] == value


def test_audit_record_and_replay(client):
    body = {"notice_arrived_on": "2026-06-03"}
    answer = client.post("/debit?audit=1", json=body).json()
    assert answer["result"] == client.post("/debit", json=body).json()
    assert answer["audit"]["format"] == "clararules.audit.v1"
    found = post(client, "/audit/replay", answer["audit"], "ja").json()
    assert found["identical"] is True
    assert found["computation"] == "direct_debit"
    assert "一致" in found["explanation"]["ja"]
    assert found["result"] == answer["result"]
    changed = {
        **answer["audit"],
        "result": {**answer["audit"]["result"], "debit_on": "2026-06-30"},
    }
    assert client.post("/audit/replay", json=changed).json()["identical"] is False


def test_replay_refuses_a_bad_record(client):
    assert_problem(post(client, "/audit/replay", {"format": "nope"}, "ja"), 422, "InvalidInput")


def test_batch_quotes_json_and_csv_agree(client):
    rows = [
        {"monthly_fee": 5000, "activated_on": "2026-04-15", "minimum_term_months": 12,
         "received_at": "2026-11-30T14:59:00Z", "desired_month": "2026-12"},
        {"monthly_fee": 5000, "activated_on": "2026-04-15", "minimum_term_months": 12,
         "received_at": "2026-11-30T15:00:00Z", "desired_month": "2026-12"},
    ]  # fmt: skip
    answer = client.post("/batch/quotes", json=rows).json()
    assert [row["effective_on"] for row in answer] == ["2026-12-31", "2027-01-31"]
    assert [row["amount_with_tax"] for row in answer] == [22000, 16500]
    csv = (
        "monthly_fee,activated_on,minimum_term_months,received_at,desired_month\n"
        '"5,000",2026-04-15,12,2026-11-30T14:59:00Z,2026-12\n'
        "5000,2026-04-15,12,2026-11-30T15:00:00Z,2026-12\n"
    )
    response = client.post("/batch/quotes", content=csv, headers={"Content-Type": "text/csv"})
    assert response.json() == answer


def test_batch_quotes_arrow_stream_agrees_with_json(client):
    """An Arrow IPC stream of typed columns (date32, UTC timestamps) takes the vector path and
    answers the rows the JSON body gives."""
    import datetime as dt

    pa = pytest.importorskip("pyarrow")
    utc = dt.UTC
    table = pa.table(
        {
            "monthly_fee": pa.array([5000, 5000], pa.int64()),
            "activated_on": pa.array([dt.date(2026, 4, 15)] * 2, pa.date32()),
            "minimum_term_months": pa.array([12, 12], pa.int64()),
            "received_at": pa.array(
                [
                    dt.datetime(2026, 11, 30, 14, 59, tzinfo=utc),
                    dt.datetime(2026, 11, 30, 15, tzinfo=utc),
                ],
                pa.timestamp("s", tz="UTC"),
            ),
        }
    )
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    stream = "application/vnd.apache.arrow.stream"
    response = client.post(
        "/batch/quotes", content=sink.getvalue().to_pybytes(), headers={"Content-Type": stream}
    )
    assert response.status_code == 200, response.text
    rows = [{k: table.column(k)[i].as_py() for k in table.column_names} for i in range(2)]
    as_json = [
        {
            **row,
            "activated_on": row["activated_on"].isoformat(),
            "received_at": row["received_at"].isoformat(),
        }
        for row in rows
    ]
    assert response.json() == client.post("/batch/quotes", json=as_json).json()
    assert [row["effective_on"] for row in response.json()] == ["2026-12-31", "2027-01-31"]
    broken = client.post("/batch/quotes", content=b"not arrow", headers={"Content-Type": stream})
    assert_problem(broken, 400, "BadRequest", "server.arrow")


def test_batch_timelines(client):
    csv = (
        "domain,registry_expiry,domain_only\nexample.jp,2027-03-31,yes\nexample.com,2027-03-10,\n"
    )
    response = client.post("/batch/timelines", content=csv, headers={"Content-Type": "text/csv"})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert [row["contract_end"] for row in answer] == ["2027-03-24", "2027-03-10"]
    assert isinstance(answer[0]["reminders"], list)


def test_batch_refusals_name_the_row(client):
    rows = [{"monthly_fee": 5000, "activated_on": "2026-04-15", "minimum_term_months": 12,
             "received_at": "2026-11-30T15:00:00"}]  # fmt: skip
    document = assert_problem(post(client, "/batch/quotes", rows, "ja"), 422, "NaiveDateTimeError")
    assert "received_at" in document["detail"]
    assert_problem(post(client, "/batch/quotes", {"x": 1}), 422, "InvalidInput", "server.rows")
    unknown = [{**rows[0], "colour": "red"}]
    assert_problem(post(client, "/batch/quotes", unknown), 422, "InvalidInput")
    bad = "domain,registry_expiry\nexample.jp\n"
    response = client.post("/batch/timelines", content=bad, headers={"Content-Type": "text/csv"})
    assert_problem(response, 422, "InvalidInput", "server.csv_cells")


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(("lang", "word"), [("en", "offset"), ("ja", "オフセット")])
def test_library_refusal_in_the_language_asked(client, lang, word):
    body = {"received_at": "2026-12-01T00:00"}
    document = assert_problem(post(client, "/cancellation/quote", body, lang), 422,
                              "NaiveDateTimeError")  # fmt: skip
    assert word in document["detail"]
    assert document["key"]
    assert client.post("/cancellation/quote", json=body, headers={"Accept-Language": lang}
                       ).headers["content-language"] == lang  # fmt: skip


def test_accept_language_quality_values(client):
    body = {"received_at": "2026-12-01T00:00"}
    headers = {"Accept-Language": "fr-FR, ja;q=0.9, en;q=0.8"}
    response = client.post("/cancellation/quote", json=body, headers=headers)
    assert response.json()["title"] == "入力を受け付けられません"


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"received_at": 5}, "cli.json.type"),
        ({}, "server.missing"),
        ({"received_at": "2026-12-01T00:00+09:00", "colour": "red"}, "cli.json.unknown"),
        ({"received_at": "2026-12-01T00:00+09:00", "rounding": "sideways"}, "cli.json.enum"),
        ({"received_at": "2026-12-01T00:00+09:00", "term_months": 5000}, "cli.json.range"),
        ({"received_at": "2026-12-01T00:00+09:00", "fee": 5000}, "cli.error.fee_together"),
        ([1, 2], "cli.json.type"),
    ],
)
def test_schema_refusals(client, body, key):
    for lang in ("en", "ja"):
        assert_problem(post(client, "/cancellation/quote", body, lang), 422, "InvalidInput", key)


def test_parameters_file_is_not_an_input(client):
    body = {"notice_arrived_on": "2026-06-03", "parameters": "/etc/passwd"}
    assert_problem(post(client, "/debit", body), 422, "InvalidInput", "cli.json.unknown")


def test_transport_refusals(client):
    headers = {"Content-Type": "application/json", "Accept-Language": "ja"}
    document = assert_problem(
        client.post("/debit", content=b'{"notice', headers=headers), 400, "BadRequest"
    )
    assert "JSON" in document["detail"]
    assert_problem(client.post("/debit", content=b"\xff{}", headers=headers), 400, "BadRequest")
    form = client.post("/debit", data={"notice_arrived_on": "2026-06-03"})
    assert_problem(form, 415, "UnsupportedMediaType", "server.media_type")
    assert_problem(client.get("/nowhere"), 404, "NotFound", "server.not_found")
    response = client.get("/debit")
    assert_problem(response, 405, "MethodNotAllowed", "server.method")
    assert response.headers["allow"] == "POST"
    assert_problem(client.post("/debit?audit=maybe", json={}), 400, "BadRequest", "server.query")


def test_body_size_limit(client):
    from clararules.server.problems import BODY_LIMIT

    big = b"[" + b"0," * (BODY_LIMIT // 2) + b"0]"
    headers = {"Content-Type": "application/json"}
    response = client.post("/debit", content=big, headers=headers)
    assert_problem(response, 413, "ContentTooLarge", "server.too_large")

    def chunks():  # no Content-Length: the stream is cut at the limit
        for _ in range(20):
            yield b" " * 100_000

    response = client.post("/debit", content=chunks(), headers=headers)
    assert_problem(response, 413, "ContentTooLarge")


def test_no_state_between_requests(client):
    first = client.post("/debit", json={"notice_arrived_on": "2026-06-03"}).json()
    post(client, "/debit", {"notice_arrived_on": "2026-06-0x"}, "ja")
    assert client.post("/debit", json={"notice_arrived_on": "2026-06-03"}).json() == first


def test_openapi_lists_every_route(client):
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    from clararules.server.endpoints import ENDPOINTS

    for endpoint in ENDPOINTS:
        operation = document["paths"][endpoint.path]["post"]
        assert "422" in operation["responses"]
        assert operation["requestBody"]["content"]["application/json"]["schema"]["properties"] \
            is not None  # fmt: skip
    for path in ("/batch/quotes", "/batch/timelines", "/audit/replay", "/parameters", "/health"):
        assert path in document["paths"]
