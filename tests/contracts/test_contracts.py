"""C1-C8: cancellation date, minimum-term charge, change requests, channel, suspension."""

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from clararules import (
    CancellationChangeKind,
    CancellationChangeRequest,
    CancellationChannel,
    ClaraRulesError,
    Contract,
    InvalidInput,
    InvalidInputType,
    InvalidMoney,
    Month,
    NaiveDateTimeError,
    ReviewStatus,
    Yen,
    cancellation_effective_date,
    check_cancellation_channel,
    minimum_term_charge,
    quote_cancellation,
    request_suspension,
    review_cancellation_change,
)

from ..strategies import contracts, instants, months, pdates, terms, yen

TOKYO = ZoneInfo("Asia/Tokyo")


def jst(*args):
    return pendulum.datetime(*args, tz="Asia/Tokyo")


# ---------------------------------------------------------------- C2-C4 examples


def test_c2_last_second_of_deadline():
    """C2: a form received 2026-11-30 23:59:59 JST for December takes effect 2026-12-31."""
    result = cancellation_effective_date(jst(2026, 11, 30, 23, 59, 59), Month(2026, 12))
    assert result.month == Month(2026, 12)
    assert result.effective_on == dt.date(2026, 12, 31)
    assert not result.shifted
    assert [s.rule for s in result.explanation] == ["C2", "C2", "C2"]


def test_c3_first_second_after_deadline():
    """C3: a form received 2026-12-01 00:00 JST for December moves to 2027-01-31, and says so."""
    result = cancellation_effective_date(jst(2026, 12, 1), Month(2026, 12))
    assert result.month == Month(2027, 1)
    assert result.effective_on == dt.date(2027, 1, 31)
    assert result.shifted
    assert result.desired_month == Month(2026, 12)
    step = result.explanation[1]
    assert step.rule == "C3"
    assert "moved from 2026-12 to 2027-01" in step.en
    assert "2026-12 から 2027-01 に変更" in step.ja


def test_c3_utc_instant_after_jst_midnight():
    """C3 with G1: 2026-11-30 15:00 UTC is 12-01 00:00 JST, already late for December."""
    result = cancellation_effective_date(
        dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC), Month(2026, 12)
    )
    assert result.shifted
    assert result.month == Month(2027, 1)
    on_time = cancellation_effective_date(
        dt.datetime(2026, 11, 30, 14, 59, 59, tzinfo=dt.UTC), Month(2026, 12)
    )
    assert not on_time.shifted
    assert on_time.month == Month(2026, 12)


def test_c4_no_desired_month():
    """C4: with no desired month the month after arrival applies, not shifted."""
    result = cancellation_effective_date(jst(2024, 1, 31, 12))
    assert result.month == Month(2024, 2)
    assert result.effective_on == dt.date(2024, 2, 29)
    assert not result.shifted
    assert result.explanation[1].rule == "C4"


def test_c2_desired_month_far_ahead():
    """C2: a desired month well ahead is kept as asked."""
    result = cancellation_effective_date(jst(2026, 3, 3), Month(2026, 9))
    assert result.month == Month(2026, 9)
    assert not result.shifted
    assert result.deadline == jst(2026, 8, 31, 23, 59, 59)


def test_c2_refuses_naive_and_wrong_types():
    """G1/C2: a naive receipt time is refused; a desired month must be a Month."""
    with pytest.raises(NaiveDateTimeError):
        cancellation_effective_date(dt.datetime(2026, 11, 30, 23, 0))
    with pytest.raises(InvalidInputType, match="Month"):
        cancellation_effective_date(jst(2026, 11, 1), 202612)  # type: ignore[arg-type]


# ---------------------------------------------------------------- C2-C4 properties


def oracle_month(arrival: dt.datetime, desired: Month | None) -> Month:
    """The cancellation month by another formulation: try the desired month's deadline."""
    local = arrival.astimezone(TOKYO)
    if desired is not None:
        before = desired - 1
        deadline = dt.datetime(
            before.year, before.month, before.last_day.day, 23, 59, 59, tzinfo=TOKYO
        )
        if local.replace(microsecond=0) <= deadline:
            return desired
    nxt = local.date().replace(day=28) + dt.timedelta(days=4)
    return Month(nxt.year, nxt.month)


@given(instants, st.none() | months)
@example(dt.datetime(2026, 11, 30, 14, 59, 59, 999999, tzinfo=dt.UTC), Month(2026, 12))
def test_c2_c4_agree_with_deadline_formulation(arrival, desired):
    """C2-C4: the month equals the one found by comparing with the deadline directly."""
    result = cancellation_effective_date(arrival, desired)
    assert result.month == oracle_month(arrival, desired)
    assert result.shifted == (desired is not None and result.month != desired)


@given(instants, instants, st.none() | months)
def test_c2_later_receipt_never_earlier_month(a, b, desired):
    """C2-C3: a later receipt never gives an earlier cancellation month."""
    early, late = sorted([a, b], key=lambda x: x.timestamp())
    assert (
        cancellation_effective_date(early, desired).month
        <= cancellation_effective_date(late, desired).month
    )


@given(instants, st.none() | months)
def test_c2_effective_date_is_month_end_after_arrival(arrival, desired):
    """C2: the effective date is the last day of its month and after the arrival; the
    arrival is never after the deadline of the month given."""
    result = cancellation_effective_date(arrival, desired)
    assert result.effective_on == result.month.last_day
    assert result.effective_on.add(days=1).day == 1
    assert result.effective_on > result.received_at.date()
    assert result.received_at.replace(microsecond=0) <= result.deadline
    if desired is not None and not result.shifted:
        assert result.month == desired


# ---------------------------------------------------------------- C5, C6, C12


def test_c6_worked_example():
    """C5-C6: activated 2026-04-15, 12 months, 5,000 yen, cancelled Oct 2026: 6 short, 30,000/33,000."""
    contract = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 12)
    charge = minimum_term_charge(contract, Month(2026, 10))
    assert charge.term_start == Month(2026, 5)
    assert charge.term_end == Month(2027, 4)
    assert (charge.months_used, charge.months_short) == (6, 6)
    assert charge.amount == Yen(30000)
    assert charge.amount_with_tax == Yen(33000)
    assert [s.rule for s in charge.explanation] == ["C5", "C6", "C6", "G3"]
    assert "¥30,000" in charge.explanation[2].en


def test_c5_activation_on_first_or_last_day():
    """C5/C12: the period starts the next month whether activation was on the 1st or the 31st."""
    first = Contract("Flex Web", Yen(1000), dt.date(2026, 1, 1), 3)
    last = Contract("Flex Web", Yen(1000), dt.date(2026, 1, 31), 3)
    assert first.term_start == last.term_start == Month(2026, 2)
    assert minimum_term_charge(first, Month(2026, 1)).months_short == 3
    assert minimum_term_charge(first, Month(2026, 4)).months_short == 0


def test_c5_special_agreement_overrides():
    """C5: a special agreement's term overrides the price list's, and the explanation says so."""
    contract = Contract(
        "Flex Web", Yen(1000), dt.date(2026, 1, 10), 12, special_agreement_term_months=24
    )
    charge = minimum_term_charge(contract, Month(2026, 12))
    assert charge.term_months == 24
    assert charge.months_short == 13
    assert "special agreement" in charge.explanation[0].en
    assert "特約" in charge.explanation[0].ja


def test_c6_zero_term():
    """C6: a zero term never charges; the period is empty."""
    contract = Contract("Flex Web", Yen(1000), dt.date(2026, 1, 10), 0)
    charge = minimum_term_charge(contract, Month(2026, 1))
    assert charge.amount == Yen(0)
    assert charge.months_short == 0
    assert charge.term_end == charge.term_start - 1


def test_c6_cancellation_before_activation_refused():
    """C6: a cancellation month before the activation month is refused."""
    contract = Contract("Flex Web", Yen(1000), dt.date(2026, 5, 10), 12)
    with pytest.raises(InvalidInput, match="before the activation month"):
        minimum_term_charge(contract, Month(2026, 4))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"monthly_fee": 5000.0}, InvalidMoney, "Yen"),
        ({"monthly_fee": Yen(-1)}, InvalidInput, "negative"),
        ({"minimum_term_months": -1}, InvalidInput, r"0\.\.1200"),
        ({"minimum_term_months": True}, InvalidInputType, "int"),
        ({"minimum_term_months": 1.5}, InvalidInputType, "int"),
        ({"service": ""}, InvalidInput, "blank"),
        ({"activated_on": 20260415}, InvalidInputType, "date"),
        ({"activated_on": "2026-04-15T09:00"}, NaiveDateTimeError, "offset"),
        ({"activated_on": "15/04/2026"}, InvalidInput, "ISO 8601"),
        ({"activated_on": dt.datetime(2026, 4, 15, 9)}, NaiveDateTimeError, "naive"),
    ],
)
def test_c5_contract_refuses_bad_fields(kwargs, error, match):
    """C5: bad contract fields raise typed errors that say what is accepted."""
    fields = {
        "service": "Flex Web",
        "monthly_fee": Yen(5000),
        "activated_on": dt.date(2026, 4, 15),
        "minimum_term_months": 12,
        **kwargs,
    }
    with pytest.raises(error, match=match):
        Contract(**fields)


@given(contracts, months)
def test_c6_short_in_range_and_charge_formula(contract, month):
    """C6: months short in [0, term]; charge = fee × short, never negative."""
    assume(month >= Month.of(contract.activated_on))
    charge = minimum_term_charge(contract, month)
    assert 0 <= charge.months_short <= contract.term_months
    assert charge.months_used + charge.months_short >= contract.term_months or (
        charge.months_short == 0
    )
    assert charge.amount == contract.monthly_fee * charge.months_short
    assert charge.amount >= Yen(0)
    assert charge.amount_with_tax >= charge.amount


@given(contracts, st.integers(0, 240), st.integers(0, 240))
def test_c6_later_cancellation_never_costs_more(contract, i, j):
    """C6: cancelling later never raises the charge (months short is non-increasing).

    The months are drawn from the activation month on (filtering random months made
    Hypothesis's filter health check fail now and then)."""
    activation = Month.of(contract.activated_on)
    early, late = activation + min(i, j), activation + max(i, j)
    assert (
        minimum_term_charge(contract, late).months_short
        <= minimum_term_charge(contract, early).months_short
    )


@given(pdates, terms, yen, yen, months)
def test_c6_charge_grows_with_fee(activated, term, fee_a, fee_b, month):
    """C6: a higher monthly fee never gives a lower charge."""
    assume(month >= Month.of(activated))
    low, high = sorted([fee_a, fee_b])
    c_low = Contract("Flex Web", low, activated, term)
    c_high = Contract("Flex Web", high, activated, term)
    assert minimum_term_charge(c_low, month).amount <= minimum_term_charge(c_high, month).amount
    assert (
        minimum_term_charge(c_low, month).amount_with_tax
        <= minimum_term_charge(c_high, month).amount_with_tax
    )


@given(pdates, terms, months)
def test_c6_months_short_by_counting(activated, term, month):
    """C6: months short equals the count of term months after the cancellation month."""
    assume(month >= Month.of(activated))
    contract = Contract("Flex Web", Yen(100), activated, term)
    start = Month.of(activated) + 1
    term_months = [start + i for i in range(term)]
    expected = sum(1 for m in term_months if m > month)
    assert minimum_term_charge(contract, month).months_short == expected


def test_quote_combines_date_and_charge():
    """C2-C6: a quote's charge is for the cancellation month its date gives."""
    contract = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 12)
    quote = quote_cancellation(contract, jst(2026, 12, 1), Month(2026, 12))
    assert quote.date.month == quote.charge.cancellation_month == Month(2027, 1)
    assert quote.charge.months_short == 3
    assert quote.explanation[: len(quote.date.explanation)] == quote.date.explanation


# ---------------------------------------------------------------- C1, C8


@pytest.mark.parametrize("channel", list(CancellationChannel))
def test_c1_only_form_by_email(channel):
    """C1: only the cancellation form by e-mail is accepted; telephone never."""
    decision = check_cancellation_channel(channel)
    assert decision.accepted is (channel is CancellationChannel.EMAIL_FORM)
    assert decision.explanation[0].rule == "C1"
    if channel is CancellationChannel.TELEPHONE:
        assert "telephone" in decision.reasons[0]
        assert "お電話" in decision.reasons_ja[0]


def test_c1_unknown_channel():
    """C1: an unknown channel name is refused listing the accepted ones."""
    with pytest.raises(InvalidInput, match="EMAIL_FORM"):
        check_cancellation_channel("fax")


def test_c8_no_suspension():
    """C8: suspension is refused and the alternative (cancel, sign again) is named."""
    decision = request_suspension("Flex Web")
    assert not decision.accepted
    assert decision.explanation[0].rule == "C8"
    assert "cancel" in decision.reasons[0]
    assert "new contract" in decision.reasons[0]
    assert "改めて" in decision.reasons_ja[0]


# ---------------------------------------------------------------- C7


def _request(**overrides):
    fields = {
        "kind": CancellationChangeKind.EXTEND,
        "requested_at": jst(2026, 11, 20, 10),
        "from_registered_contact": True,
        "customer_number": "C-1001",
        "service_name": "Flex Web",
        "host_name": "www.example.jp",
        "accepted_cancellation_on": dt.date(2026, 11, 30),
        "new_cancellation_on": dt.date(2027, 2, 28),
    }
    fields.update(overrides)
    return CancellationChangeRequest(**fields)


def test_c7_eligible_extension():
    """C7: a complete, timely extension is eligible for review (not approved), 3 months billed."""
    review = review_cancellation_change(_request(), dt.date(2026, 11, 30), Yen(5000))
    assert review.status is ReviewStatus.ELIGIBLE_FOR_REVIEW
    assert review.eligible_for_review
    assert review.extension_months == 3
    assert review.extension_charge == Yen(15000)
    assert review.extension_charge_with_tax == Yen(16500)
    assert review.follow_up_form == "解約期日延長依頼書"
    assert "approved" not in review.explanation[-1].en.replace("not yet approved", "")
    assert "P2" in review.explanation[-1].en


def test_c7_on_the_accepted_date_is_still_in_time():
    """C7: a request on the accepted date itself (23:59 JST) is still in time."""
    review = review_cancellation_change(
        _request(requested_at=jst(2026, 11, 30, 23, 59)), dt.date(2026, 11, 30)
    )
    assert review.eligible_for_review


def test_c7_after_the_date_not_eligible():
    """C7: a request after the accepted date (JST) is not eligible, whatever else it has."""
    late = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)  # 12-01 00:00 JST
    review = review_cancellation_change(_request(requested_at=late), dt.date(2026, 11, 30))
    assert review.status is ReviewStatus.NOT_ELIGIBLE
    assert review.follow_up_form is None
    assert any("has passed" in s.en for s in review.explanation)


def test_c7_missing_fields_named():
    """C7: missing fields are named, for an extension and for a withdrawal."""
    review = review_cancellation_change(
        _request(customer_number=None, host_name="  ", new_cancellation_on=None),
        dt.date(2026, 11, 30),
    )
    assert review.missing_fields == ("customer_number", "host_name", "new_cancellation_on")
    assert not review.eligible_for_review
    withdraw = review_cancellation_change(
        _request(kind="withdraw", new_cancellation_on=None), dt.date(2026, 11, 30)
    )
    assert withdraw.missing_fields == ("withdrawal_reason",)
    ok = review_cancellation_change(
        _request(kind="withdraw", new_cancellation_on=None, withdrawal_reason="continuing"),
        dt.date(2026, 11, 30),
    )
    assert ok.eligible_for_review
    assert ok.follow_up_form == "解約申込取下依頼書"


def test_c7_unregistered_contact():
    """C7: a request from an unregistered contact is not eligible."""
    review = review_cancellation_change(
        _request(from_registered_contact=False), dt.date(2026, 11, 30)
    )
    assert not review.eligible_for_review


@pytest.mark.parametrize(
    ("new_on", "text"),
    [(dt.date(2027, 2, 27), "month end"), (dt.date(2026, 10, 31), "not after")],
)
def test_c7_new_date_must_be_later_month_end(new_on, text):
    """C7: the desired new date must be a month end after the accepted date."""
    review = review_cancellation_change(
        _request(new_cancellation_on=new_on), dt.date(2026, 11, 30)
    )
    assert not review.eligible_for_review
    assert any(text in s.en for s in review.explanation)


def test_c7_stated_date_must_match_record():
    """C7: an accepted date that differs from the record is pointed out."""
    review = review_cancellation_change(
        _request(accepted_cancellation_on=dt.date(2026, 12, 31)), dt.date(2026, 11, 30)
    )
    assert not review.eligible_for_review


def test_c7_no_fee_gives_months_only():
    """C7: without a monthly fee the extension months are still given, no amount."""
    review = review_cancellation_change(_request(), dt.date(2026, 11, 30))
    assert review.extension_months == 3
    assert review.extension_charge == Yen(0)
    assert "no fee was given" in review.explanation[-2].en


@given(pdates, st.integers(1, 36), yen)
def test_c7_extension_charge_is_fee_times_months(accepted_day, months_ahead, fee):
    """C7: an extension of n months costs fee × n (tax excluded), never negative."""
    accepted = Month.of(accepted_day).last_day
    new = (Month.of(accepted) + months_ahead).last_day
    request = _request(
        requested_at=pendulum.datetime(
            accepted.year, accepted.month, accepted.day, tz="Asia/Tokyo"
        ),
        accepted_cancellation_on=accepted,
        new_cancellation_on=new,
    )
    review = review_cancellation_change(request, accepted, fee)
    assert review.extension_months == months_ahead
    assert review.extension_charge == fee * months_ahead
    assert review.extension_charge_with_tax >= review.extension_charge


def test_c7_refuses_wrong_types():
    """C7: the request must be a CancellationChangeRequest; the kind a known one."""
    with pytest.raises(ClaraRulesError):
        review_cancellation_change({"kind": "extend"}, dt.date(2026, 11, 30))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="EXTEND"):
        _request(kind="postpone")


def test_c7_extension_charge_is_a_tax_parts_result_that_replays():
    """C7, G3, G6: the extension charge of a review is recorded as the tax_parts call that
    makes it (each extended month from its first day), and its audit record replays."""
    import clararules as cr

    request = cr.CancellationChangeRequest(
        kind="extend",
        requested_at=pendulum.datetime(2026, 11, 20, 10, tz="Asia/Tokyo"),
        from_registered_contact=True,
        customer_number="C-1001",
        service_name="Flex Web",
        host_name="www.example.jp",
        accepted_cancellation_on=pendulum.Date(2026, 12, 31),
        new_cancellation_on=pendulum.Date(2027, 3, 31),
    )
    review = cr.review_cancellation_change(request, pendulum.Date(2026, 12, 31), Yen(5000))
    record = cr.to_audit(review.tax)
    assert record["computation"] == "tax_parts"
    assert cr.replay(record).identical
    assert review.tax == cr.tax_parts(
        [(pendulum.Date(2027, month, 1), Yen(5000)) for month in (1, 2, 3)]
    )
