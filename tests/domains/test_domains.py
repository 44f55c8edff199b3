"""D1-D9: contract end, renewal timeline, direct debit, status and restore."""

import datetime as dt

import pendulum
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from clararules import (
    CalendarNotCovered,
    ClosingBasis,
    DomainKind,
    DomainStatus,
    InvalidInput,
    PaymentMethod,
    PaymentMethodNotAllowed,
    ProviderDeadline,
    Yen,
    contract_end,
    direct_debit,
    direct_debit_on,
    domain_status,
    is_bank_business_day,
    renewal_timeline,
    restore_window,
)

from ..strategies import dates, domain_and_expiry, pdates

D = dt.date


# ---------------------------------------------------------------- worked examples


def test_worked_example_jp():
    """D1/D3/D9: example.jp, expiry 2027-03-31: end 03-24, orders 02-02..02-07, restore to 04-20."""
    t = renewal_timeline("example.jp", D(2027, 3, 31))
    assert t.contract_end == D(2027, 3, 24)
    assert (t.order_window.first, t.order_window.last) == (D(2027, 2, 2), D(2027, 2, 7))
    assert t.fee_notice_on == D(2027, 2, 7)
    assert t.reminders == (
        D(2027, 2, 7),
        D(2027, 3, 9),
        D(2027, 3, 17),
        D(2027, 3, 21),
        D(2027, 3, 24),
    )
    w = restore_window("example.jp", D(2027, 3, 31))
    assert (w.opens, w.closes) == (D(2027, 3, 25), D(2027, 4, 20))
    assert w.closing_basis is ClosingBasis.REGISTRY_RULE


def test_worked_example_debit_saturday():
    """D5/G4: a notice arriving 2026-06-03 is debited 2026-06-29 (the 27th is a Saturday)."""
    assert direct_debit_on(D(2026, 6, 3)) == D(2026, 6, 29)
    debit = direct_debit(D(2026, 6, 3))
    assert [s.rule for s in debit.explanation] == ["D5", "G4", "D5"]
    assert "bank transfer" in debit.explanation[-1].en


@pytest.mark.parametrize(
    ("arrived", "debit"),
    [
        (D(2026, 6, 29), D(2026, 6, 29)),  # on the debit day itself: that day
        (D(2026, 6, 30), D(2026, 7, 27)),  # after it: next month
        (D(2026, 6, 28), D(2026, 6, 29)),  # after the 27th but before the moved debit
        (D(2026, 12, 1), D(2026, 12, 28)),  # 12/27 is a Sunday
        (D(2027, 3, 1), D(2027, 3, 29)),  # 3/27 Saturday
        (D(2026, 12, 28), D(2026, 12, 28)),
        (D(2026, 12, 29), D(2027, 1, 27)),
    ],
)
def test_d5_debit_examples(arrived, debit):
    """D5: the 27th, moved to the next bank business day; next month when arriving after it."""
    assert direct_debit_on(arrived) == debit


def test_d3_contract_end_kinds():
    """D3: every .jp kind ends 7 days before a month-end expiry; other names on the expiry."""
    assert contract_end("example.co.jp", D(2024, 2, 29)) == D(2024, 2, 22)
    assert contract_end("ex.osaka.jp", D(2027, 1, 31)) == D(2027, 1, 24)
    assert contract_end("example.net", D(2027, 1, 15)) == D(2027, 1, 15)
    assert contract_end("例え.jp", D(2027, 3, 31)) == D(2027, 3, 24)


def test_d3_jp_expiry_must_be_month_end():
    """D3: a .jp registry expiry that is not a month end is refused, naming the month end."""
    with pytest.raises(InvalidInput, match="2027-03-31"):
        contract_end("example.jp", D(2027, 3, 30))


def test_d5_domain_only_card_only():
    """D5: a domain-only customer may pay by credit card only."""
    for method in (PaymentMethod.INVOICE, PaymentMethod.DIRECT_DEBIT):
        with pytest.raises(PaymentMethodNotAllowed, match="credit card only"):
            renewal_timeline("example.jp", D(2027, 3, 31), method, domain_only=True)
    t = renewal_timeline("example.jp", D(2027, 3, 31), PaymentMethod.CREDIT_CARD, domain_only=True)
    assert any("never charged automatically" in s.en for s in t.explanation)


def test_d5_invoice_window():
    """D5: an invoice is sent 45-50 days before the contract end."""
    t = renewal_timeline("example.jp", D(2027, 3, 31), PaymentMethod.INVOICE)
    assert t.invoice_window == t.order_window
    assert t.debit is None


def test_d5_direct_debit_given_and_estimated():
    """D5: with the notice's arrival the debit is exact; without it, estimated and said so."""
    exact = renewal_timeline(
        "example.jp", D(2027, 3, 31), "direct_debit", debit_notice_arrived_on=D(2027, 2, 10)
    )
    assert exact.debit_on == D(2027, 3, 1)  # 2/27 is a Saturday
    assert not exact.debit_notice_estimated
    guess = renewal_timeline("example.jp", D(2027, 3, 31), PaymentMethod.DIRECT_DEBIT)
    assert guess.debit_notice_estimated
    assert guess.debit_on == D(2027, 3, 1)
    assert any("estimated" in s.en for s in guess.explanation)


def test_d5_debit_after_contract_end_warns():
    """D5/D4: a debit date after the contract end is pointed out."""
    t = renewal_timeline(
        "example.jp", D(2027, 3, 31), "direct_debit", debit_notice_arrived_on=D(2027, 3, 28)
    )
    assert t.debit_on > t.contract_end
    assert any(s.key == "D5.debit_late" for s in t.explanation)


def test_d6_paid_on_drops_later_reminders():
    """D6: reminders on or after the payment day are dropped, and the explanation names them."""
    t = renewal_timeline("example.jp", D(2027, 3, 31), paid_on=D(2027, 3, 17))
    assert t.reminders == (D(2027, 2, 7), D(2027, 3, 9))
    assert any("2027-03-17, 2027-03-21, 2027-03-24" in s.en for s in t.explanation)
    late = renewal_timeline("example.jp", D(2027, 3, 31), paid_on=D(2027, 3, 25))
    assert len(late.reminders) == 5
    assert any(s.key == "D4.paid_late" for s in late.explanation)


def test_d9_kinds():
    """D9: attribute .jp closes the 15th, geographic the 20th, gTLD +30 (estimate), other unknown."""
    attr = restore_window("example.co.jp", D(2027, 3, 31))
    assert attr.closes == D(2027, 4, 15) and attr.closing_basis is ClosingBasis.REGISTRY_RULE
    geo = restore_window("example.tokyo.jp", D(2027, 12, 31))
    assert geo.closes == D(2028, 1, 20)
    gtld = restore_window("example.com", D(2027, 3, 10))
    assert gtld.opens == D(2027, 3, 11)
    assert gtld.closes == D(2027, 4, 9) and gtld.closing_basis is ClosingBasis.ESTIMATE
    other = restore_window("example.uk", D(2027, 3, 10))
    assert other.closes is None and other.closing_basis is ClosingBasis.UNKNOWN
    assert any("ask support" in s.en for s in other.explanation)


def test_d9_attribute_rule_dated():
    """D9/G6: the attribute .jp schedule holds from 2014-11-10; before it the close is unknown."""
    before = restore_window("example.co.jp", D(2014, 10, 31))
    after = restore_window("example.co.jp", D(2014, 11, 30))
    assert before.closes is None
    assert after.closes == D(2014, 12, 15)


def test_d8_fee_and_flow():
    """D8: 12,000 yen tax included (10,910 + 1,090 at 10%), five flow steps, one hour down."""
    w = restore_window("example.jp", D(2027, 3, 31))
    assert w.fee == Yen(12000) and w.fee_includes_tax
    assert (w.fee_excluding_tax, w.fee_tax) == (Yen(10910), Yen(1090))
    assert w.downtime == pendulum.duration(hours=1)
    flow = [s for s in w.explanation if s.key.startswith("D8.flow")]
    assert [s.en[:2] for s in flow] == ["1.", "2.", "3.", "4.", "5."]
    assert "registry" in flow[3].en


def test_d9_provider_deadline_earlier():
    """D9: a provider deadline earlier than the registry's closes the window; both are named."""
    rule = ProviderDeadline.day_of_next_month(15)
    w = restore_window("example.jp", D(2027, 4, 30), provider_deadline=rule)
    # 5/15/2027 is a Saturday: rolled back to Friday 5/14.
    assert w.registry_closes == D(2027, 5, 20)
    assert w.provider_closes == D(2027, 5, 14)
    assert w.closes == D(2027, 5, 14) and w.closing_basis is ClosingBasis.PROVIDER_DEADLINE
    step = next(s for s in w.explanation if s.key.startswith("D9.provider."))
    assert "2027-05-20" in step.en and "2027-05-14" in step.en


def test_d9_provider_deadline_later_keeps_registry():
    """D9: a provider deadline later than the registry's does not extend the window."""
    w = restore_window("example.com", D(2027, 3, 10), ProviderDeadline.days_after_contract_end(40))
    assert w.closes == w.registry_closes == D(2027, 4, 9)
    assert w.closing_basis is ClosingBasis.ESTIMATE


def test_d9_provider_deadline_for_unknown_kind():
    """D9: for a name whose registry close is unknown, the provider deadline is the close."""
    w = restore_window("example.uk", D(2027, 3, 10), ProviderDeadline.days_after_contract_end(17))
    assert w.closes == D(2027, 3, 27) and w.closing_basis is ClosingBasis.PROVIDER_DEADLINE


def test_status_walk():
    """D4/D7/D9: active, renewal due, restorable, abolished; renewed when paid in time."""
    exp = D(2027, 3, 31)
    assert domain_status("example.jp", exp, D(2027, 2, 1)).status is DomainStatus.ACTIVE
    assert domain_status("example.jp", exp, D(2027, 2, 2)).status is DomainStatus.RENEWAL_DUE
    assert domain_status("example.jp", exp, D(2027, 3, 24)).status is DomainStatus.RENEWAL_DUE
    assert domain_status("example.jp", exp, D(2027, 3, 25)).status is DomainStatus.RESTORABLE
    assert domain_status("example.jp", exp, D(2027, 4, 21)).status is DomainStatus.ABOLISHED
    paid = domain_status("example.jp", exp, D(2027, 4, 1), paid_on=D(2027, 3, 20))
    assert paid.status is DomainStatus.RENEWED
    unknown = domain_status("example.uk", D(2027, 3, 10), D(2027, 5, 1))
    assert unknown.status is DomainStatus.UNPAID_PAST_CONTRACT_END


def test_status_reads_instants_in_jst():
    """G1/D7: 2027-03-24 15:00 UTC is already 03-25 in Japan: past the contract end."""
    state = domain_status(
        "example.jp", D(2027, 3, 31), dt.datetime(2027, 3, 24, 15, tzinfo=dt.UTC)
    )
    assert state.status is DomainStatus.RESTORABLE


# ---------------------------------------------------------------- properties


@given(domain_and_expiry(), st.sampled_from(list(PaymentMethod)))
def test_d1_d6_timeline_shape(name_expiry, method):
    """D1/D2/D6: window 6 days ending 45 days before; reminders ascending, end day last."""
    name, expiry = name_expiry
    t = renewal_timeline(name, expiry, method)
    assert t.order_window.days == 6
    assert (t.contract_end - t.order_window.last).days == 45
    assert t.fee_notice_on == t.order_window.last
    assert all(a < b for a, b in zip(t.reminders, t.reminders[1:], strict=False))
    assert all(r <= t.contract_end for r in t.reminders)
    assert t.reminders[-1] == t.contract_end
    assert t.contract_end <= t.registry_expiry


@given(domain_and_expiry(), pdates)
def test_d6_paid_on_keeps_only_earlier_reminders(name_expiry, paid):
    """D6: with a payment in time, every reminder kept is before it, every one dropped is not."""
    name, expiry = name_expiry
    full = renewal_timeline(name, expiry)
    t = renewal_timeline(name, expiry, paid_on=paid)
    assert set(t.reminders) <= set(full.reminders)
    if paid <= t.contract_end:
        assert all(r < paid for r in t.reminders)
        assert all(r >= paid for r in set(full.reminders) - set(t.reminders))


@given(domain_and_expiry())
def test_d3_contract_end_by_kind(name_expiry):
    """D3: 7 days before the expiry for .jp kinds, the expiry itself otherwise."""
    name, expiry = name_expiry
    t = renewal_timeline(name, expiry)
    gap = (t.registry_expiry - t.contract_end).days
    assert gap == (7 if t.domain.kind.is_jp else 0)


def oracle_debit(arrived: dt.date) -> dt.date:
    """The debit date by search: the first 'business day on or after a 27th' not before arrival."""
    for k in range(3):  # candidates ascend: the first one not before arrival is the answer
        y, m = divmod(arrived.year * 12 + arrived.month - 1 + k, 12)
        day = dt.date(y, m + 1, 27)
        while not is_bank_business_day(day):
            day += dt.timedelta(days=1)
        if day >= arrived:
            return day
    raise AssertionError("no debit date within three months")


@given(dates)
@example(D(2026, 6, 3))
@example(D(2019, 3, 28))  # Golden Week 2019: ten closed days in a row
@example(D(2026, 12, 29))
def test_d5_debit_properties(arrived):
    """D5/G4: a bank business day, on or after arrival, within 42 days (the 27th of the next
    month at most 31 days on, then up to the 10 closed days of Golden Week 2019), equal to the
    search."""
    debit = direct_debit_on(arrived)
    assert is_bank_business_day(debit)
    assert debit >= arrived
    assert (debit - arrived).days <= 42
    assert debit == oracle_debit(arrived)


@given(dates, dates)
def test_d5_debit_monotone(a, b):
    """D5: a later notice is never debited earlier."""
    early, late = sorted([a, b])
    assert direct_debit_on(early) <= direct_debit_on(late)


@given(domain_and_expiry())
def test_d9_window_never_closes_before_opening(name_expiry):
    """D9: opens the day after the contract end; closes (when known) on or after it opens."""
    name, expiry = name_expiry
    w = restore_window(name, expiry)
    assert w.opens == w.contract_end + dt.timedelta(days=1)
    if w.closes is None:
        assert w.closing_basis is ClosingBasis.UNKNOWN
        assert w.kind is DomainKind.OTHER or w.kind is DomainKind.ATTRIBUTE_JP
    else:
        assert w.closes >= w.opens
        assert w.opens in w and w.closes in w


@given(
    domain_and_expiry(),
    st.one_of(
        st.integers(1, 28).map(ProviderDeadline.day_of_next_month),
        st.integers(1, 60).map(ProviderDeadline.days_after_contract_end),
    ),
)
@example(("example.jp", D(2099, 12, 31)), ProviderDeadline.day_of_next_month(4))
def test_d9_provider_deadline_never_extends(name_expiry, rule):
    """D9: a provider deadline only ever closes the window earlier, never after the registry.
    (Rolled back to a business day in 2100, it is refused: no holidays are known then, G4.)"""
    name, expiry = name_expiry
    try:
        w = restore_window(name, expiry, provider_deadline=rule)
    except CalendarNotCovered:
        assert expiry.year == 2099 and rule.roll_back_to_business_day
        return
    except InvalidInput as error:
        assert "before it opens" in str(error)
        return
    plain = restore_window(name, expiry)
    assert w.closes is not None
    assert w.closes >= w.opens
    if plain.closes is not None:
        assert w.closes <= plain.closes
    assert w.closes == min(d for d in (plain.closes, w.provider_closes) if d is not None)


@given(domain_and_expiry(), pdates, pdates)
def test_status_is_monotone_in_time(name_expiry, a, b):
    """D4/D7: unpaid, a domain's status only moves forward in time."""
    name, expiry = name_expiry
    order = [
        DomainStatus.ACTIVE,
        DomainStatus.RENEWAL_DUE,
        DomainStatus.RESTORABLE,
        DomainStatus.UNPAID_PAST_CONTRACT_END,
        DomainStatus.ABOLISHED,
    ]
    early, late = sorted([a, b])
    s1 = domain_status(name, expiry, early).status
    s2 = domain_status(name, expiry, late).status
    assume(s1 in order and s2 in order)
    assert order.index(s1) <= order.index(s2)
