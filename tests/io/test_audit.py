"""Audit records (G5, G6): to_audit -> JSON text -> replay, tampering, parameter sets, refusals.

The catalogue of tests/golden.py has a case for every result type and every branch of the
rules; each is written as a record, sent through JSON text and replayed.  The values a record
says were read are checked against the values the computation really looked up (a spy on
``Parameter.at``), not against the figures that ``to_audit`` reads them from.
"""

from __future__ import annotations

import copy
import json
import pickle

import jsonschema
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clararules as cr
from clararules import Month, Yen
from clararules.core.calls import computations
from clararules.core.dated import Parameter
from clararules.core.parameter_set import canonical, fingerprint, from_document
from clararules.io.audit import ABSENT, FORMAT, SINCE_FIGURES
from clararules.io.json import RESULT_CLASSES

from ..golden import _cases

CASES = {
    **_cases(),
    # Not in the approved-output catalogue (its parts are, inside every charge).
    "G3 tax parts": lambda: cr.tax_parts(
        [("2019-09-30", 1000), ("2019-10-01T00:00:00+09:00", Yen(1000)), ("2014-04-01", -10)]
    ),
}
RESULTS = {name: make() for name, make in CASES.items()}
AUDITED = {name: result for name, result in RESULTS.items() if hasattr(result, "inputs")}


def _through_json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_every_result_type_of_the_catalogue_is_audited():
    """The catalogue reaches every result type (bar the parts of results) and every function."""
    types = {type(result) for result in AUDITED.values()}
    parts = {cr.TaxLine, cr.DateWindow, cr.Step, cr.ProcedureStep, cr.CancellationOption}
    assert types == set(RESULT_CLASSES) - parts
    # The recorded functions are the public ones wrapped by @recorded (functools.wraps).
    recorded = {
        n
        for n in cr.__all__
        if hasattr(getattr(cr, n), "__wrapped__")
        and getattr(getattr(cr, n), "__code__", None) is not None
        and getattr(cr, n).__code__.co_name == "call"
    }
    assert recorded == set(computations())
    assert {result.inputs.function for result in AUDITED.values()} == recorded


@pytest.mark.parametrize("name", sorted(AUDITED))
def test_catalogue_record_replays_identical_through_json(name):
    result = AUDITED[name]
    record = cr.to_audit(result)
    jsonschema.validate(record, cr.audit_schema())
    text = _through_json(record)
    replayed = cr.replay(text)
    assert replayed.identical, replayed.explain()
    assert replayed.wording == ()
    assert replayed.result == result
    assert cr.to_audit(replayed.result) == json.loads(text)


def test_schema_is_a_valid_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(cr.audit_schema())


def test_schema_refuses_what_replay_refuses():
    record = cr.to_audit(AUDITED["C6 quote"])
    for broken in (
        {**record, "format": "clararules.audit.v0"},
        {**record, "extra": 1},
        {k: v for k, v in record.items() if k != "inputs"},
        {**record, "parameters": {**record["parameters"], "fingerprint": "md5:1"}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, cr.audit_schema())


@pytest.mark.parametrize("name", sorted(AUDITED))
def test_values_read_are_the_values_looked_up(name, monkeypatch):
    """The ``read`` list names exactly the (parameter, since) pairs the computation looked up,
    observed by a spy on Parameter.at while the case is computed again."""
    looked_up: set[tuple[str, str]] = set()
    real_at = Parameter.at

    def spy(self, on):
        entry = real_at(self, on)
        looked_up.add((self.name, entry.since.isoformat()))
        return entry

    monkeypatch.setattr(Parameter, "at", spy)
    from clararules.domains import restore

    restore.clear_caches()  # the D8-D9 figures kept from an earlier case: looked up again
    result = CASES[name]()
    monkeypatch.undo()
    record = cr.to_audit(result)
    if record["parameters"] is None:
        assert looked_up == set()
        return
    read = {(entry["parameter"], entry["since"]) for entry in record["parameters"]["read"]}
    assert read == looked_up


def test_every_since_figure_of_the_catalogue_is_mapped():
    """A step figure ending in ``_since`` names a parameter's start: each one is known."""
    for result in AUDITED.values():
        for step in _all_steps(cr.to_dict(result)):
            for figure in step["figures"]:
                if figure.endswith("_since"):
                    assert figure in SINCE_FIGURES, figure


def _all_steps(data):
    if isinstance(data, dict):
        if {"rule", "key", "figures"} <= data.keys():
            yield data
        for value in data.values():
            yield from _all_steps(value)
    elif isinstance(data, list):
        for value in data:
            yield from _all_steps(value)


# ---------------------------------------------------------------- properties

DAYS = st.dates(pendulum.Date(2015, 1, 1), pendulum.Date(2040, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)
INSTANTS = st.datetimes(
    pendulum.datetime(2016, 1, 1).naive(),
    pendulum.datetime(2040, 12, 31).naive(),
    timezones=st.sampled_from([pendulum.timezone("Asia/Tokyo"), pendulum.timezone("UTC")]),
)
FEES = st.integers(0, 10**7).map(Yen)
ROUNDINGS = st.sampled_from(list(cr.Rounding))
DOMAINS = st.sampled_from(
    ["example.jp", "shop.co.jp", "town.chiyoda.tokyo.jp", "example.com", "例え.jp", "x.uk"]
)


@st.composite
def contracts(draw):
    return cr.Contract(
        draw(st.sampled_from(["Flex Web", "Flex Mini", "VPS Pro 2"])),
        draw(FEES),
        draw(DAYS),
        draw(st.integers(0, 36)),
        special_agreement_term_months=draw(st.none() | st.integers(1, 48)),
    )


@st.composite
def provider_parameters(draw):
    """The defaults, or the defaults with a later tax rate and D3/D1 days of the provider's."""
    p = cr.Parameters()
    if draw(st.booleans()):
        return p
    p = p.with_tax_rate(draw(DAYS), draw(st.fractions(0, 0.5, max_denominator=100)), "test")
    since = draw(DAYS)
    p = cr.Parameters(
        **{
            **{f: getattr(p, f) for f in ("consumption_tax_rate",)},
            "jp_contract_end_days": p.jp_contract_end_days.with_value(
                since, draw(st.integers(0, 20)), "test"
            ),
        }
    )
    return p


def _computations(draw):
    """One result of a rule function, with drawn arguments (every result type)."""
    params = draw(provider_parameters())
    kind = draw(
        st.sampled_from(
            [
                "quote",
                "date",
                "charge",
                "plan",
                "timeline",
                "restore",
                "status",
                "debit",
                "tax",
                "seal",
                "channel",
                "ip",
                "review",
            ]
        )
    )
    if kind == "quote":
        return cr.quote_cancellation(
            draw(contracts()), draw(INSTANTS), None, draw(ROUNDINGS), params
        )
    if kind == "date":
        return cr.cancellation_effective_date(draw(INSTANTS), draw(st.none()))
    if kind == "charge":
        return cr.minimum_term_charge(
            draw(contracts()), Month.of(draw(DAYS)), draw(ROUNDINGS), parameters=params
        )
    if kind == "plan":
        start = Month.of(draw(DAYS))
        return cr.plan_change(
            "Flex Web",
            draw(FEES),
            draw(FEES),
            start,
            draw(st.sampled_from([start.first_day, start.last_day, (start + 5).first_day])),
            draw(st.sampled_from(list(cr.RemainingMonthsPolicy))),
            draw(ROUNDINGS),
            params,
        )
    if kind == "timeline":
        method = draw(st.sampled_from(list(cr.PaymentMethod)))
        return cr.renewal_timeline(draw(DOMAINS), draw(DAYS), method, parameters=params)
    if kind == "restore":
        return cr.restore_window(draw(DOMAINS), draw(DAYS), parameters=params)
    if kind == "status":
        expiry = draw(DAYS)
        return cr.domain_status(
            draw(DOMAINS), expiry, expiry.add(days=draw(st.integers(-90, 90))), parameters=params
        )
    if kind == "debit":
        return cr.direct_debit(draw(DAYS), parameters=params)
    if kind == "tax":
        parts = draw(st.lists(st.tuples(DAYS, st.integers(-(10**6), 10**6)), max_size=4))
        return cr.tax_parts(iter(parts), draw(ROUNDINGS), params)
    if kind == "seal":
        return cr.check_seal(
            draw(st.sampled_from(list(cr.SealKind))),
            draw(st.none() | st.booleans()),
            draw(st.booleans()),
        )
    if kind == "channel":
        return cr.check_cancellation_channel(draw(st.sampled_from(list(cr.CancellationChannel))))
    if kind == "ip":
        return cr.additional_ip_cancellation_plan(
            draw(st.sampled_from(list(cr.IpIntent))), draw(st.sampled_from(list(cr.DnsPattern)))
        )
    request = cr.CancellationChangeRequest(
        kind="extend",
        requested_at=draw(INSTANTS),
        from_registered_contact=draw(st.booleans()),
        customer_number="C-1",
        service_name="Flex Web",
        host_name="www.example.jp",
        accepted_cancellation_on=pendulum.Date(2026, 11, 30),
        new_cancellation_on=pendulum.Date(2027, 2, 28),
    )
    return cr.review_cancellation_change(
        request, pendulum.Date(2026, 11, 30), draw(st.none() | FEES), parameters=params
    )


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_property_to_audit_json_replay_is_identical(data):
    """For results of every type with drawn inputs and parameter sets (defaults or a
    provider's): to_audit -> JSON text -> replay is identical, and the record is valid."""
    try:
        result = _computations(data.draw)
    except cr.ClaraRulesError:
        return  # inputs the rules refuse (e.g. a day the calendar does not cover)
    record = cr.to_audit(result)
    jsonschema.validate(record, cr.audit_schema())
    replayed = cr.replay(_through_json(record))
    assert replayed.identical, replayed.explain()
    assert replayed.result == result


# ---------------------------------------------------------------- parameters


PROVIDER_FILE = """
[[jp_contract_end_days]]
since = 2030-01-01
value = 10
source = "provider notice 2029-10"

[[restore_fee]]
since = 2030-01-01
value = 15000
source = "provider price list 2030"
"""


@pytest.fixture
def provider(tmp_path):
    path = tmp_path / "provider.toml"
    path.write_text(PROVIDER_FILE, encoding="utf-8")
    return cr.Parameters.load(path)


def test_record_with_provider_parameters_replays_identically_under_the_defaults(provider):
    """The recorded values are used: a record made with a provider's file replays identical
    in a process that has only the defaults — where computing afresh would differ."""
    window = cr.restore_window("example.jp", pendulum.Date(2031, 3, 31), parameters=provider)
    record = json.loads(_through_json(cr.to_audit(window)))
    assert window.contract_end == pendulum.Date(2031, 3, 21)  # D3: 10 days, from the file
    assert window.fee == Yen(15000)
    read = [(r["parameter"], r["since"], r["value"]) for r in record["parameters"]["read"]]
    assert ("jp_contract_end_days", "2030-01-01", 10) in read
    assert ("restore_fee", "2030-01-01", 15000) in read
    assert record["parameters"]["fingerprint"] != fingerprint(cr.DEFAULT_PARAMETERS)
    replayed = cr.replay(record)
    assert replayed.identical
    assert replayed.result == window
    afresh = cr.restore_window("example.jp", pendulum.Date(2031, 3, 31))
    assert afresh != window  # the defaults would not give the recorded answer


def test_explanation_names_the_providers_value_and_date(provider):
    window = cr.restore_window("example.jp", pendulum.Date(2031, 3, 31), parameters=provider)
    text = window.explain("en")
    assert "¥15,000" in text and "fee in force from 2030-01-01" in text
    assert "10 days" in text and "2030-01-01" in window.explain("ja")


def test_parameter_set_round_trips_and_fingerprint_is_canonical(provider):
    document = canonical(provider)
    assert from_document(document, "x") == provider
    assert fingerprint(provider) == fingerprint(json.loads(json.dumps(document)))
    reordered = dict(reversed(list(document.items())))
    assert fingerprint(reordered) == fingerprint(provider)
    assert fingerprint(provider) != fingerprint(cr.DEFAULT_PARAMETERS)


# ---------------------------------------------------------------- tampering


def _record(name="C6 quote"):
    return json.loads(_through_json(cr.to_audit(AUDITED[name])))


def test_tampered_result_is_reported_field_by_field():
    record = _record()
    record["result"]["charge"]["amount"] = 29999
    record["result"]["date"]["effective_on"] = "2026-11-30"
    record["result"]["charge"]["explanation"][0]["figures"]["fee_yen"] = 1
    replayed = cr.replay(record)
    assert not replayed.identical
    assert sorted(d.path for d in replayed.differences) == [
        "$.result.charge.amount",
        "$.result.charge.explanation[0].figures.fee_yen",
        "$.result.date.effective_on",
    ]
    amount = next(d for d in replayed.differences if d.path.endswith("charge.amount"))
    assert (amount.recorded, amount.recomputed) == (29999, 30000)
    assert "$.result.charge.amount: recorded 29999, recomputed 30000" in replayed.explain("en")
    assert "記録 29999、再計算 30000" in replayed.explain("ja")


def test_tampered_input_changes_the_result_and_is_reported():
    record = _record()
    record["inputs"]["contract"]["monthly_fee"] = 6000
    replayed = cr.replay(record)
    amount = next(d for d in replayed.differences if d.path == "$.result.charge.amount")
    assert amount.recomputed == 36000


def test_tampered_parameter_value_is_reported_with_the_fingerprint():
    record = _record()
    rates = record["parameters"]["set"]["consumption_tax_rate"]
    rates[-1]["value"] = "1/8"
    replayed = cr.replay(record)
    paths = {d.path for d in replayed.differences}
    assert "$.parameters.fingerprint" in paths
    assert "$.parameters.read[0].value" in paths
    assert "$.result.charge.tax.lines[0].tax" in paths


def test_added_and_removed_fields_are_reported_as_absent():
    record = _record()
    del record["result"]["charge"]["amount"]
    record["result"]["charge"]["bonus"] = 1
    differences = {d.path: d for d in cr.replay(record).differences}
    assert differences["$.result.charge.amount"].recorded == ABSENT
    assert differences["$.result.charge.bonus"].recomputed == ABSENT
    assert "(absent)" in cr.replay(record).explain("en")


def test_reworded_sentence_is_wording_not_a_difference():
    record = _record()
    record["result"]["date"]["explanation"][0]["en"] = "Worded otherwise, years ago."
    replayed = cr.replay(record)
    assert replayed.identical
    assert [d.path for d in replayed.wording] == ["$.result.date.explanation[0].en"]
    assert "not a difference" in replayed.explain("en")


def test_a_changed_message_key_is_a_difference():
    record = _record()
    record["result"]["date"]["explanation"][0]["key"] = "C2.renamed"
    assert [d.path for d in cr.replay(record).differences] == ["$.result.date.explanation[0].key"]


def test_replay_does_not_change_the_record():
    record = _record()
    kept = copy.deepcopy(record)
    cr.replay(record)
    assert record == kept


# ---------------------------------------------------------------- refusals


def test_result_read_from_json_has_no_inputs_and_is_refused():
    quote = AUDITED["C6 quote"]
    read_back = cr.from_json(cr.to_json(quote), cr.CancellationQuote)
    assert read_back == quote and read_back.inputs is None
    with pytest.raises(cr.InvalidInput) as caught:
        cr.to_audit(read_back)
    assert "carries no record of its inputs" in str(caught.value)
    assert "入力の記録がありません" in caught.value.text("ja")


def test_inputs_survive_pickle_and_deepcopy():
    quote = AUDITED["C6 quote"]
    for copied in (pickle.loads(pickle.dumps(quote)), copy.deepcopy(quote)):
        assert cr.to_audit(copied) == cr.to_audit(quote)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: [], "an audit record is a JSON object"),
        (lambda r: {**r, "format": "other"}, "not a clararules audit record"),
        (lambda r: {**r, "computation": "os.system"}, "is not a computation of clararules"),
        (lambda r: {**r, "surprise": 1}, "unknown keys 'surprise'"),
        (lambda r: {k: v for k, v in r.items() if k != "result"}, "missing keys result"),
        (lambda r: {**r, "inputs": []}, "$.inputs: expected object"),
        (
            lambda r: {**r, "inputs": {**r["inputs"], "received_at": "2026-09-30T10:00"}},
            "quote_cancellation refuses the recorded inputs",
        ),
        (
            lambda r: {**r, "inputs": {**r["inputs"], "colour": "red"}},
            "unexpected keyword argument",
        ),
        (
            lambda r: {
                **r,
                "parameters": {
                    **r["parameters"],
                    "set": {
                        **r["parameters"]["set"],
                        "restore_fee": [{"since": "0001-01-01", "value": -5, "source": "x"}],
                    },
                },
            },
            "$.parameters.set, restore_fee[0].value",
        ),
    ],
)
def test_bad_records_are_refused_naming_the_field(change, expected):
    with pytest.raises(cr.InvalidInput) as caught:
        cr.replay(change(_record()))
    assert expected in str(caught.value)
    assert caught.value.text("ja")  # every refusal reads in Japanese too


def test_bad_json_text_is_refused():
    with pytest.raises(cr.InvalidInput, match="not valid JSON"):
        cr.replay('{"format": ')


def test_record_format_constant():
    assert cr.audit_schema()["properties"]["format"]["const"] == FORMAT


def test_published_schema_in_the_docs_is_the_shipped_one():
    """docs/audit.md publishes the schema; it is the file the package ships, word for word."""
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "audit.md").read_text(encoding="utf-8")
    published = page.split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(published) == cr.audit_schema()
