"""JSON round trips for every result type (G5 explanations included), and strict reading."""

import datetime as dt
import json

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import clararules as cr
from clararules import (
    CancellationChangeKind,
    CancellationChangeRequest,
    CancellationChangeReview,
    CancellationDate,
    CancellationQuote,
    ClaraRulesError,
    Contract,
    DateWindow,
    Decision,
    DirectDebit,
    DomainState,
    InvalidInput,
    InvalidInputType,
    InvalidMoney,
    InvalidMonth,
    MinimumTermCharge,
    Month,
    NaiveDateTimeError,
    PaymentMethod,
    PlanChangeQuote,
    Procedure,
    ProcedureStep,
    ProviderDeadline,
    RemainingMonthsPolicy,
    RenewalTimeline,
    RestoreWindow,
    SealDecision,
    SealKind,
    Step,
    TaxedAmount,
    TaxLine,
    Yen,
    additional_ip_cancellation_plan,
    cancellation_effective_date,
    check_cancellation_channel,
    check_seal,
    direct_debit,
    domain_status,
    from_dict,
    from_json,
    minimum_term_charge,
    plan_change,
    quote_cancellation,
    renewal_timeline,
    request_suspension,
    restore_window,
    review_cancellation_change,
    to_dict,
    to_json,
)
from clararules.core import door as check
from clararules.io.json import MAX_JSON_TEXT, RESULT_CLASSES

from ..procedures.test_procedures import COMBOS
from ..strategies import (
    contracts,
    dates,
    domain_and_expiry,
    instants,
    months,
    pdates,
    yen,
)


def round_trip(result, cls):
    text = to_json(result)
    json.loads(text)  # valid JSON
    back = from_json(text, cls)
    assert back == result
    assert to_json(back) == text
    return json.loads(text)


@given(instants, st.none() | months)
def test_json_cancellation_date(received, desired):
    """C2-C4: CancellationDate survives a JSON round trip unchanged."""
    round_trip(cancellation_effective_date(received, desired), CancellationDate)


@given(contracts, instants, st.none() | months)
def test_json_quote_and_charge(contract, received, desired):
    """C5-C6: CancellationQuote and MinimumTermCharge survive a JSON round trip."""
    try:
        quote = quote_cancellation(contract, received, desired)
    except ClaraRulesError:
        assume(False)
    data = round_trip(quote, CancellationQuote)
    assert data["charge"]["amount_with_tax"] == quote.charge.amount_with_tax.amount
    round_trip(minimum_term_charge(contract, quote.date.month), MinimumTermCharge)


@given(
    st.sampled_from(["Clara Cloud Flex", "Flex Web"]),
    yen,
    yen,
    st.builds(Month, st.integers(2023, 2090), st.integers(1, 12)),
    st.integers(0, 11),
    st.sampled_from(list(RemainingMonthsPolicy)),
)
def test_json_plan_change(service, current, new, start, offset, policy):
    """C9-C11: PlanChangeQuote survives a JSON round trip."""
    quote = plan_change(service, current, new, start, (start + offset).first_day, policy)
    data = round_trip(quote, PlanChangeQuote)
    assert data["amount"] == quote.amount.amount


@given(pdates, st.integers(1, 12), st.none() | yen, st.booleans())
def test_json_cancellation_review(accepted_day, months_ahead, fee, registered):
    """C7: CancellationChangeReview survives a JSON round trip."""
    accepted = Month.of(accepted_day).last_day
    request = CancellationChangeRequest(
        kind=CancellationChangeKind.EXTEND,
        requested_at=pendulum.datetime(accepted.year, accepted.month, 1, tz="Asia/Tokyo"),
        from_registered_contact=registered,
        customer_number="C-1",
        service_name="Flex Web",
        host_name="www.example.jp",
        accepted_cancellation_on=accepted,
        new_cancellation_on=(Month.of(accepted) + months_ahead).last_day,
    )
    round_trip(review_cancellation_change(request, accepted, fee), CancellationChangeReview)


@given(domain_and_expiry(), st.sampled_from(list(PaymentMethod)), st.none() | pdates)
def test_json_renewal_timeline(name_expiry, method, paid):
    """D1-D7: RenewalTimeline survives a JSON round trip."""
    name, expiry = name_expiry
    data = round_trip(renewal_timeline(name, expiry, method, paid_on=paid), RenewalTimeline)
    assert all(isinstance(d, str) for d in data["reminders"])


@given(dates)
def test_json_direct_debit(arrived):
    """D5: DirectDebit survives a JSON round trip."""
    round_trip(direct_debit(arrived), DirectDebit)


@given(
    domain_and_expiry(),
    st.none() | st.integers(1, 40).map(ProviderDeadline.days_after_contract_end),
)
def test_json_restore_window(name_expiry, deadline):
    """D8-D9: RestoreWindow survives a JSON round trip, downtime as ISO 8601."""
    name, expiry = name_expiry
    data = round_trip(restore_window(name, expiry, deadline), RestoreWindow)
    assert data["downtime"] == "PT3600S"
    assert data["fee"] == 12000


@given(domain_and_expiry(), pdates)
def test_json_domain_state(name_expiry, on):
    """D4/D7: DomainState survives a JSON round trip."""
    name, expiry = name_expiry
    round_trip(domain_status(name, expiry, on), DomainState)


@pytest.mark.parametrize(("intent", "pattern", "panel"), COMBOS)
def test_json_procedure(intent, pattern, panel):
    """P1: Procedure survives a JSON round trip."""
    round_trip(additional_ip_cancellation_plan(intent, pattern, panel), Procedure)


@given(st.sampled_from(list(SealKind)), st.none() | st.booleans(), st.booleans())
def test_json_decisions(kind, full, electronic):
    """P2/C1/C8: SealDecision and Decision survive a JSON round trip."""
    round_trip(check_seal(kind, full, electronic), SealDecision)
    round_trip(request_suspension("Flex Web"), Decision)
    round_trip(check_cancellation_channel("telephone"), Decision)


def test_json_shapes():
    """JSON: dates ISO 8601, yen integers, months YYYY-MM, explanation with both languages."""
    contract_quote = quote_cancellation(
        __import__("clararules").Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 12),
        pendulum.datetime(2026, 12, 1, tz="Asia/Tokyo"),
        Month(2026, 12),
    )
    data = to_dict(contract_quote)
    assert data["date"]["effective_on"] == "2027-01-31"
    assert data["date"]["received_at"] == "2026-12-01T00:00:00+09:00"
    assert data["charge"]["amount"] == 15000
    assert data["charge"]["amount_with_tax"] == 16500
    assert data["charge"]["term_start"] == "2026-05"
    step = data["explanation"][1]
    assert step["rule"] == "C3" and step["en"] and step["ja"]


def test_json_bad_input():
    """JSON: invalid JSON or wrong data raise InvalidInput (a ClaraRulesError)."""
    with pytest.raises(InvalidInput, match="not valid JSON"):
        from_json("{", CancellationDate)
    with pytest.raises(InvalidInput, match="CancellationDate"):
        from_dict({"month": "2026-13"}, CancellationDate)


# ---------------------------------------------------------------- strict reading (issue 9)

TOKYO = "Asia/Tokyo"


def _samples():
    """At least one value of every class that from_dict reads."""
    contract = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 12)
    quote = quote_cancellation(contract, pendulum.datetime(2026, 12, 1, tz=TOKYO), Month(2026, 12))
    timeline = renewal_timeline("example.jp", pendulum.Date(2027, 3, 31), PaymentMethod.INVOICE)
    debit_timeline = renewal_timeline(
        "example.com", pendulum.Date(2027, 3, 10), PaymentMethod.DIRECT_DEBIT
    )
    procedure = additional_ip_cancellation_plan(*COMBOS[0])
    accepted = pendulum.Date(2026, 12, 31)
    review = review_cancellation_change(
        CancellationChangeRequest(
            kind=CancellationChangeKind.EXTEND,
            requested_at=pendulum.datetime(2026, 12, 1, tz=TOKYO),
            from_registered_contact=True,
            customer_number="C-1",
            service_name="Flex Web",
            host_name="www.example.jp",
            accepted_cancellation_on=accepted,
            new_cancellation_on=pendulum.Date(2027, 3, 31),
        ),
        accepted,
        Yen(5000),
    )
    largest = minimum_term_charge(
        Contract("Flex Web", Yen(10**12), dt.date(2026, 4, 15), 1200), Month(2026, 6)
    )
    samples = {
        CancellationDate: [quote.date, cancellation_effective_date("2026-12-01T23:00:00+09:00")],
        CancellationQuote: [quote],
        MinimumTermCharge: [quote.charge, largest],
        CancellationChangeReview: [review],
        PlanChangeQuote: [
            plan_change("Flex Web", Yen(3000), Yen(5000), Month(2026, 4), dt.date(2026, 9, 1))
        ],
        Decision: [request_suspension("Flex Web"), check_cancellation_channel("telephone")],
        SealDecision: [check_seal(SealKind.COMPANY_SEAL, None, True)],
        Procedure: [procedure],
        DirectDebit: [direct_debit(dt.date(2026, 6, 3))],
        RenewalTimeline: [timeline, debit_timeline],
        RestoreWindow: [restore_window("example.co.jp", pendulum.Date(2027, 3, 31))],
        DomainState: [domain_status("例え.jp", pendulum.Date(2027, 3, 31), dt.date(2027, 4, 2))],
        TaxedAmount: [quote.charge.tax],
        TaxLine: [quote.charge.tax.lines[0]],
        DateWindow: [timeline.order_window],
        Step: [quote.date.explanation[0], quote.charge.explanation[-1]],
        ProcedureStep: [procedure.steps[0]],
    }
    options = cr.cancellation_options(
        cr.Contract("Flex Web", Yen(5000), pendulum.Date(2026, 4, 15), 12),
        pendulum.datetime(2026, 12, 1, 9, tz="Asia/Tokyo"),
        months=3,
    )
    samples[cr.CancellationOptions] = [options]
    samples[cr.CancellationOption] = list(options.options)
    samples[cr.RenewalPlan] = [
        cr.renewal_plan("example.jp", pendulum.Date(2027, 3, 31), day)
        for day in (pendulum.Date(2027, 1, 10), pendulum.Date(2027, 4, 2))
    ]
    return samples


SAMPLES = _samples()
QUOTE = to_dict(SAMPLES[CancellationQuote][0])


def test_json_samples_cover_every_result_class():
    """Every class from_dict reads has samples for the round-trip and mutation tests."""
    assert set(SAMPLES) == set(RESULT_CLASSES)


@pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda c: c.__name__)
def test_json_round_trip_every_class(cls):
    """to_json -> from_json gives back an equal value of every class read, largest figures too."""
    for sample in SAMPLES[cls]:
        round_trip(sample, cls)


def test_json_reads_figures_beyond_the_input_cap():
    """Result figures may exceed the ¥10**12 input cap (12 months of the largest fee, with tax):
    they are read up to Yen's own range (10**18), so such results still round-trip."""
    largest = SAMPLES[MinimumTermCharge][1]
    assert largest.amount_with_tax > Yen(10**12)
    data = round_trip(largest, MinimumTermCharge)
    too_big = {**data, "tax": {**data["tax"], "base": 10**18 + 1}}
    with pytest.raises(InvalidInput, match=r"\$\.tax\.base: Yen\(amount\) holds at most 10\*\*18"):
        from_dict(too_big, MinimumTermCharge)
    with pytest.raises(InvalidInput, match=r"TaxedAmount: \$: Yen\(amount\) holds at most"):
        from_dict({"base": 10**18, "tax": 10**18, "lines": [], "rounding": "down"}, TaxedAmount)


def _set(data, path, value):
    """A deep copy of ``data`` with the item at ``path`` (keys and indices) set or deleted."""
    data = json.loads(json.dumps(data))
    target = data
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()
RATE = ("charge", "tax", "lines", 0, "rate")

# Each coercion the old reader made, now refused: (path, bad JSON value, error, message part).
COERCIONS = [
    (("date", "shifted"), "false", InvalidInputType, r"\$\.date\.shifted: expected true or false"),
    (("date", "shifted"), 0, InvalidInputType, r"\$\.date\.shifted: expected true or false"),
    (("date", "shifted"), None, InvalidInputType, r"\$\.date\.shifted: .* got null"),
    (("charge", "term_months"), 5.9, InvalidInputType, r"\$\.charge\.term_months: .* number 5\.9"),
    (("charge", "term_months"), 12.0, InvalidInputType, r"\$\.charge\.term_months: expected an int"),
    (("charge", "term_months"), True, InvalidInputType, r"\$\.charge\.term_months: .* got true"),
    (("charge", "term_months"), "12", InvalidInputType, r"\$\.charge\.term_months: .* string '12'"),
    (("charge", "explanation", 0, "rule"), None, InvalidInputType, r"explanation\[0\]\.rule: .* null"),
    (("charge", "explanation", 0, "key"), 5, InvalidInputType, r"explanation\[0\]\.key: expected a str"),
    (RATE, 0.1, InvalidInputType, r"\$\.charge\.tax\.lines\[0\]\.rate: .* number 0\.1"),
    (RATE, "0.1", InvalidInputType, r"\$\.charge\.tax\.lines\[0\]\.rate: .* '1/10', got string '0\.1'"),
    (RATE, "1e999999", InvalidInputType, r"lines\[0\]\.rate: expected an exact fraction"),
    (RATE, 1, InvalidInputType, r"lines\[0\]\.rate: .* got integer 1"),
    (("charge", "tax", "base"), 15000.0, InvalidMoney, r"\$\.charge\.tax\.base: expected whole yen .* 15000\.0"),
    (("charge", "tax", "base"), "15000", InvalidMoney, r"\$\.charge\.tax\.base: .* string '15000'"),
    (("charge", "tax", "base"), True, InvalidMoney, r"\$\.charge\.tax\.base: .* got true"),
    (("charge", "tax", "base"), 10**19, InvalidInput, r"\$\.charge\.tax\.base: Yen\(amount\) holds at most"),
    (("date", "effective_on"), 20270131, InvalidInputType, r"\$\.date\.effective_on: expected a date"),
    (("date", "effective_on"), "2027/01/31", InvalidInput, r"\$\.date\.effective_on: the date must be"),
    (("date", "received_at"), None, InvalidInputType, r"\$\.date\.received_at: expected an instant"),
    (("date", "month"), "2027-13", InvalidMonth, r"\$\.date\.month: the month"),
    (("date", "month"), 202701, InvalidInputType, r"\$\.date\.month: expected a month"),
    (("charge", "tax", "rounding"), "sideways", InvalidInput, r"\$\.charge\.tax\.rounding: .*'down'"),
    (("charge", "tax", "rounding"), 1, InvalidInputType, r"\$\.charge\.tax\.rounding: expected one of"),
    (("date", "explanation"), "C2", InvalidInputType, r"\$\.date\.explanation: expected an array"),
    (("charge", "tax", "lines"), {"0": {}}, InvalidInputType, r"\$\.charge\.tax\.lines: expected an array"),
    (("charge",), [], InvalidInputType, r"\$\.charge: expected an object \(a MinimumTermCharge\)"),
    (("date", "explanation", 0, "figures", "arrival_month"), 1.5, InvalidInputType,
     r"\$\.date\.explanation\[0\]\.figures\.arrival_month: a figure is"),
    (("date", "month"), _DELETE, InvalidInput, r"\$\.date\.month: a required key is missing"),
    (("date", "surprise"), 1, InvalidInput, r"\$\.date\.surprise: unknown key; a CancellationDate has"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "bad", "error", "message"), COERCIONS)
def test_json_refuses_coercions(path, bad, error, message):
    """Strict reading: each field takes only its exact JSON type; the message names the path."""
    data = _set(QUOTE, path, bad)
    with pytest.raises(error, match=message) as caught:
        from_dict(data, CancellationQuote)
    assert isinstance(caught.value, InvalidInput) and isinstance(caught.value, ClaraRulesError)
    assert str(caught.value).startswith("cannot read a CancellationQuote: $.")
    with pytest.raises(error, match=message):
        from_json(json.dumps(data), CancellationQuote)


def test_json_optional_fields_take_null_and_only_null():
    """A str field takes null only where it is optional (follow_up_form, desired_month...)."""
    review = to_dict(SAMPLES[CancellationChangeReview][0])
    assert from_dict({**review, "follow_up_form": None}, CancellationChangeReview)
    with pytest.raises(InvalidInputType, match=r"\$\.follow_up_form: expected a string"):
        from_dict({**review, "follow_up_form": 0}, CancellationChangeReview)
    date = to_dict(SAMPLES[CancellationDate][1])
    assert from_dict({**date, "desired_month": None}, CancellationDate).desired_month is None
    with pytest.raises(InvalidInputType, match=r"\$\.service: expected a string, got null"):
        from_dict({**to_dict(SAMPLES[PlanChangeQuote][0]), "service": None}, PlanChangeQuote)


def test_json_durations_are_strictly_whole_seconds():
    """A duration is read only as 'PT<int>S', the form to_json writes."""
    window = to_dict(SAMPLES[RestoreWindow][0])
    for bad in ("PT1H", "PT3600.5S", "P1D", "PT-5S", 3600, "3600"):
        with pytest.raises(InvalidInput, match=r"\$\.downtime: expected a duration"):
            from_dict({**window, "downtime": bad}, RestoreWindow)


def test_json_derived_keys_are_ignored_but_optional():
    """The derived keys to_dict writes are accepted (and ignored), and may be left out."""
    data = json.loads(json.dumps(QUOTE))
    data["charge"]["amount_with_tax"] = 1  # ignored: recomputed from the tax
    del data["explanation"]
    assert from_dict(data, CancellationQuote) == SAMPLES[CancellationQuote][0]
    tax = to_dict(SAMPLES[TaxedAmount][0])
    assert tax["with_tax"] == 16500
    assert from_dict({**tax, "with_tax": "x"}, TaxedAmount) == SAMPLES[TaxedAmount][0]


def test_json_naive_instant_is_refused():
    """G1: an instant without an offset could be JST or UTC: refused, naming the path."""
    data = _set(QUOTE, ("date", "received_at"), "2026-12-01T00:00:00")
    with pytest.raises(NaiveDateTimeError, match=r"\$\.date\.received_at: .* no offset"):
        from_dict(data, CancellationQuote)
    with pytest.raises(NaiveDateTimeError, match=r"\$\.received_at"):
        from_json(json.dumps(data["date"]), CancellationDate)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_json_date_only_instant_is_midnight_jst(day):
    """A date alone for an instant is 00:00 JST that day, as everywhere else (check.instant)."""
    data = {**to_dict(SAMPLES[CancellationDate][0]), "received_at": day.isoformat()}
    read = from_dict(data, CancellationDate).received_at
    assert read == check.instant(day.isoformat(), "received_at")
    assert read.isoformat() == f"{day.isoformat()}T00:00:00+09:00"


def test_json_instants_in_other_offsets_are_read_in_jst():
    """An instant with any offset is the same instant in JST."""
    data = {**to_dict(SAMPLES[CancellationDate][0]), "received_at": "2026-11-30T15:00:00Z"}
    assert from_dict(data, CancellationDate).received_at.isoformat() == "2026-12-01T00:00:00+09:00"


HOSTILE = [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"a":' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    ('{"month": 1e999999}', r"\$\.month: expected a month .* number inf"),
    ('{"month": ' + "9" * 100_000 + "}", "an integer of 100000 digits"),
    ('{"month": -' + "9" * 5000 + "}", "an integer of 5000 digits"),
    ('{"month": NaN}', "NaN is not a JSON number"),
    ('{"month": -Infinity}', "-Infinity is not a JSON number"),
    ('{"month": "2026-12", "month": "2027-01"}', "the key 'month' appears twice"),
    ('"' + "x" * 20_000_000 + '"', "is 20,000,002 characters long; at most 10,000,000"),
    (b"\xff\xfe\x00", "not valid JSON"),
    (b'"\xc3\x28"', "not valid JSON"),
    ("{", "not valid JSON"),
    ("", "not valid JSON"),
    ('"' + "x" * 1_000_000 + '"', r"\$: expected an object .* string 'xxx"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE, ids=lambda v: repr(v)[:30])
def test_json_hostile_documents(text, message):
    """Hostile documents raise InvalidInput (a ClaraRulesError) with a short message."""
    with pytest.raises(InvalidInput, match=message) as caught:
        from_json(text, CancellationDate)
    assert len(str(caught.value)) < 1000


def test_json_huge_bytes_refused():
    """The size cap holds for bytes too."""
    with pytest.raises(InvalidInput, match="bytes long"):
        from_json(b" " * (MAX_JSON_TEXT + 1), CancellationDate)


@pytest.mark.parametrize("cls", [dict, object, list, int, Contract, Yen, Month, ClaraRulesError])
def test_json_unsupported_classes(cls):
    """Only the result classes are read; any other class is refused, naming the accepted ones."""
    with pytest.raises(InvalidInputType, match=r"the result classes read are CancellationDate, "):
        from_json(to_json(SAMPLES[CancellationDate][0]), cls)


@pytest.mark.parametrize("cls", ["CancellationDate", None, 5, SAMPLES[CancellationDate][0]])
def test_json_class_argument_must_be_a_class(cls):
    """A class argument that is not a class at all is refused too."""
    with pytest.raises(InvalidInputType, match=r"cls must be a result class"):
        from_dict({}, cls)


@pytest.mark.parametrize("text", [None, 5, ["{}"], bytearray(b"{}"), {"month": "2026-12"}])
def test_json_text_must_be_str_or_bytes(text):
    """from_json reads str or bytes only."""
    with pytest.raises(InvalidInputType, match=r"expected JSON text \(str or bytes\)"):
        from_json(text, CancellationDate)


def test_json_messages_list_several_problems_briefly():
    """A document with many problems names the first three paths and counts the rest."""
    data = dict.fromkeys(to_dict(SAMPLES[CancellationDate][0]))
    with pytest.raises(InvalidInput, match=r"\$\.month: .*; \$\.effective_on: .*\(and 3 more"):
        from_dict(data, CancellationDate)
    with pytest.raises(InvalidInput, match=r"'xxxxx.*…\[\+999940\]"):
        from_dict(
            {**to_dict(SAMPLES[CancellationDate][0]), "month": "x" * 10**6}, CancellationDate
        )


def test_json_long_bad_arrays_stop_early():
    """An array (or figures) with a million bad items stops after ten: bounded time and memory."""
    data = {**to_dict(SAMPLES[CancellationDate][0]), "explanation": [None] * 1_000_000}
    with pytest.raises(
        InvalidInputType,
        match=r"\$\.explanation\[0\]: expected an object .*\(and 8 more problems\)",
    ):
        from_dict(data, CancellationDate)
    step = {"rule": "C2", "key": "C2.arrived", "figures": {f"f{i}": 1.5 for i in range(10**5)}}
    with pytest.raises(InvalidInputType, match=r"\$\.figures\.f0: a figure is .*\(and 8 more"):
        from_dict(step, Step)


# ---------------------------------------------------------------- property: refuse or read

_TEXTS = st.sampled_from(
    ["", "2026-12-01", "2026-12", "2026-12-01T09:00:00+09:00", "2026-12-01T09:00:00", "1/10",
     "PT3600S", "down", "DOWN", "invoice", "example.jp", "C2", "C2.arrived", "true", "null",
     "12", "-1", "1/0", "0/1", "P1D", "9999-12-31", "0001-01-01T00:00:00+09:00"]
)  # fmt: skip
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(10**25), 10**25)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | _TEXTS
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8) | _TEXTS, children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data, prefix=()):
    """Every path (keys and indices) inside ``data``, the root excluded."""
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


@st.composite
def mutated(draw, cls):
    """A valid to_dict output of ``cls`` with one to three random changes."""
    data = to_dict(draw(st.sampled_from(SAMPLES[cls])))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        how = draw(st.sampled_from(["replace", "delete", "add"]))
        if how == "add" or not paths:
            containers = [(), *(p for p in paths if isinstance(_get(data, p), dict | list))]
            where = draw(st.sampled_from(containers))
            target = _get(data, where)
            if isinstance(target, dict):
                key = draw(st.text(max_size=8) | st.sampled_from(sorted(target) or ["x"]))
                data = (
                    _set(data, (*where, key), draw(json_values))
                    if where
                    else {**data, key: draw(json_values)}
                )
            else:
                data = _set(data, where, [*target, draw(json_values)])
        else:
            path = draw(st.sampled_from(paths))
            data = _set(data, path, draw(json_values) if how == "replace" else _DELETE)
    return data


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def _read_or_refuse(doc, cls):
    try:
        value = from_dict(doc, cls)
    except InvalidInput:
        return
    assert isinstance(value, cls)
    written = to_json(value)  # a valid value can be written...
    assert from_json(written, cls) == value  # ...and read back equal


@pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_json_any_document_is_read_or_refused(cls, data):
    """For any JSON document, from_dict returns a valid value or raises InvalidInput."""
    doc = data.draw(json_values | mutated(cls), label="doc")
    _read_or_refuse(doc, cls)
    _read_or_refuse(json.loads(json.dumps(doc)), cls)


def _quote_data():
    contract = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 12)
    quote = quote_cancellation(contract, dt.date(2026, 12, 1), Month(2026, 12))
    return quote, json.loads(to_json(quote))


def test_json_keeps_the_recorded_sentences():
    """G5 (issue 11): a step read back keeps the sentences it was written with, instead of
    re-rendering them from today's catalogs; the result is still equal to the original."""
    quote, data = _quote_data()
    step = data["date"]["explanation"][0]
    step["en"], step["ja"] = "As shown on 2026-12-01.", "2026-12-01 時点の文言。"
    read = from_dict(data, CancellationQuote)
    assert read == quote
    assert read.date.explanation[0].en == "As shown on 2026-12-01."
    assert read.date.explanation[0].text("ja") == "2026-12-01 時点の文言。"
    assert json.loads(to_json(read))["date"]["explanation"][0]["en"] == "As shown on 2026-12-01."


def test_json_reads_a_step_whose_message_was_renamed():
    """G5 (issue 11): a recorded step whose message key the catalogs no longer have is read
    with its recorded sentences; without them it is refused, naming the key."""
    _, data = _quote_data()
    step = data["date"]["explanation"][0]
    step["key"] = "C2.arrived_as_renamed_later"
    read = from_dict(data, CancellationQuote)
    assert read.date.explanation[0].en == step["en"]
    del step["en"], step["ja"]
    with pytest.raises(InvalidInput, match=r"C2\.arrived_as_renamed_later"):
        from_dict(data, CancellationQuote)


def test_json_without_sentences_is_checked_against_the_catalogs():
    """G5: a step without recorded sentences must fill today's message."""
    _, data = _quote_data()
    step = data["date"]["explanation"][0]
    del step["en"], step["ja"]
    step["figures"] = {}
    with pytest.raises(
        InvalidInput, match=r"the figures do not fill the sentences of 'C2\.arrived'"
    ):
        from_dict(data, CancellationQuote)
