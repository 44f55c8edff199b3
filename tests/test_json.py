"""JSON round trips for every result type (G5 explanations included)."""

import datetime as dt
import json

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from clararules import (
    CancellationChangeKind,
    CancellationChangeRequest,
    CancellationChangeReview,
    CancellationDate,
    CancellationQuote,
    ClaraRulesError,
    Decision,
    DirectDebit,
    DomainState,
    InvalidInput,
    MinimumTermCharge,
    Month,
    PaymentMethod,
    PlanChangeQuote,
    Procedure,
    ProviderDeadline,
    RemainingMonthsPolicy,
    RenewalTimeline,
    RestoreWindow,
    SealDecision,
    SealKind,
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

from .strategies import (
    contracts,
    dates,
    domain_and_expiry,
    instants,
    months,
    pdates,
    yen,
)
from .test_procedures import COMBOS


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
