"""Boundary cases found by mutation testing: each pins one edge of a rule or a type check."""

import datetime as dt
from fractions import Fraction

import pendulum
import pytest

import clararules as cr
from clararules import DEFAULT_PARAMETERS, Month, Yen

D = dt.date


def extension_request(new_on):
    """A complete C7 request to extend the cancellation accepted for 2026-11-30 to ``new_on``."""
    return cr.CancellationChangeRequest(
        kind="extend",
        requested_at=D(2026, 11, 1),
        from_registered_contact=True,
        customer_number="1",
        service_name="s",
        host_name="h",
        accepted_cancellation_on=D(2026, 11, 30),
        new_cancellation_on=new_on,
    )


def future():
    """The default parameters with a 12% rate from 2027-01-01 (built inside each test)."""
    return DEFAULT_PARAMETERS.with_tax_rate(D(2027, 1, 1), Fraction(12, 100), "test")


class NoOffset(dt.tzinfo):
    """A tzinfo that does not know its offset: such a datetime is naive (G1)."""

    def utcoffset(self, value):
        return None

    def dst(self, value):
        return None


def test_g1_tzinfo_without_offset_is_naive():
    """G1: a tzinfo whose utcoffset() is None makes the datetime naive, refused."""
    with pytest.raises(cr.NaiveDateTimeError):
        cr.to_jst(dt.datetime(2026, 1, 1, tzinfo=NoOffset()))


def test_g1_is_a_fixed_offset_before_1952_too():
    """G1: JST is UTC+9 for every instant: the 1948-51 summer time and local mean time are
    outside the rules, and 0001-01-01T05:00+09:00 is in range."""
    local = cr.to_jst(dt.datetime(1950, 6, 1, tzinfo=dt.UTC))
    assert (local.hour, local.utcoffset()) == (9, dt.timedelta(hours=9))
    assert cr.to_jst(dt.datetime(1887, 1, 1, tzinfo=dt.UTC)).hour == 9
    early = cr.to_jst(dt.datetime(1, 1, 1, 5, tzinfo=dt.timezone(dt.timedelta(hours=9))))
    assert early.isoformat() == "0001-01-01T05:00:00+09:00"
    assert cr.to_date("0001-01-01T05:00:00+09:00") == dt.date(1, 1, 1)


def test_month_and_yen_refuse_other_types():
    """Month and Yen arithmetic with other types is a TypeError, never a silent result."""
    with pytest.raises(TypeError):
        Month(2026, 1) < 5  # noqa: B015
    with pytest.raises(TypeError):
        Month(2026, 1) <= "2026-01"  # noqa: B015
    with pytest.raises(TypeError):
        Month(2026, 1) > 1.0  # noqa: B015
    with pytest.raises(TypeError):
        Month(2026, 1) >= None  # noqa: B015
    with pytest.raises(TypeError):
        Month(2026, 1) + 1.5
    with pytest.raises(TypeError):
        Month(2026, 1) + True
    with pytest.raises(TypeError):
        Month(2026, 1) - True
    with pytest.raises(TypeError):
        Yen(5) * True
    with pytest.raises(TypeError):
        Yen(5) * 2.0


def test_month_and_date_range_edges():
    """Month arithmetic and day moves reach the first and last supported days, not beyond."""
    assert Month(2, 1) - 12 == Month(1, 1)
    assert Month(9998, 12) + 12 == Month(9999, 12)
    with pytest.raises(cr.InvalidMonth):
        Month(1, 1) - 1
    with pytest.raises(cr.InvalidMonth):
        Month(9999, 12) + 1
    assert cr.add_days(pendulum.Date(1, 1, 2), -1) == D(1, 1, 1)
    assert cr.add_days(pendulum.Date(9999, 12, 30), 1) == D(9999, 12, 31)
    with pytest.raises(cr.InvalidInput):
        cr.add_days(pendulum.Date(1, 1, 1), -1)


def test_round_yen_zero_and_negative():
    """G3: rounding zero gives zero; a negative exact value rounds in magnitude."""
    assert cr.round_yen(Fraction(0), cr.Rounding.UP) == Yen(0)
    assert cr.round_yen(Fraction(-3, 2), cr.Rounding.DOWN) == Yen(-1)


def test_percent_text():
    """G5: rates print as whole percentages, or as an exact fraction of a percent."""
    assert cr.core.tax.percent(Fraction(1, 10)) == "10%"
    assert cr.core.tax.percent(Fraction(1, 40)) == "5/2%"
    assert cr.core.tax.percent(Fraction(1, 200)) == "1/2%"


def test_g6_with_value_keeps_name_and_source():
    """G6: a caller's value keeps the parameter's name and records its source ("caller" by
    default)."""
    rate = DEFAULT_PARAMETERS.consumption_tax_rate.with_value(D(2031, 1, 1), Fraction(1, 5))
    assert rate.name == "consumption_tax_rate"
    assert rate.at(D(2031, 1, 1)).source == "caller"
    param = future().consumption_tax_rate
    assert param.name == "consumption_tax_rate"
    assert param.at(D(2027, 1, 1)).source == "test"
    assert (
        DEFAULT_PARAMETERS.with_tax_rate(D(2030, 1, 1), Fraction(1, 8))
        .consumption_tax_rate.at(D(2030, 1, 1))
        .source
        == "caller"
    )


def test_parameters_are_passed_through():
    """G6: quote_cancellation, review_cancellation_change, restore_window and domain_status use
    the caller's parameters, not the defaults."""
    contract = cr.Contract("Flex Web", Yen(1000), D(2026, 4, 15), 24)
    quote = cr.quote_cancellation(contract, D(2027, 1, 5), parameters=future())
    assert quote.charge.amount_with_tax == quote.charge.amount + Yen(
        quote.charge.amount.amount * 12 // 100
    )
    request = extension_request(D(2027, 1, 31))
    review = cr.review_cancellation_change(
        request, D(2026, 11, 30), Yen(1000), parameters=future()
    )
    assert review.extension_charge_with_tax == Yen(1000 + 100 + 1000 + 120)
    cheaper = DEFAULT_PARAMETERS.with_tax_rate(D(2027, 3, 1), Fraction(5, 100))
    assert cr.restore_window("example.jp", D(2027, 3, 31), parameters=cheaper).fee_tax == Yen(571)
    state = cr.domain_status(
        "example.jp",
        D(2027, 3, 31),
        D(2027, 4, 16),
        provider_deadline=cr.ProviderDeadline.day_of_next_month(15),
        parameters=cheaper,
    )
    assert state.status is cr.DomainStatus.ABOLISHED
    assert state.restore.fee_tax == Yen(571)


def test_c7_new_date_equal_to_accepted_is_not_later():
    """C7: a "new" date equal to the accepted date is not an extension."""
    request = extension_request(D(2026, 11, 30))
    review = cr.review_cancellation_change(request, D(2026, 11, 30))
    assert not review.eligible_for_review
    assert review.extension_months == 0


def test_c6_cancel_in_first_term_month_uses_one():
    """C6: cancelling in the first month of the period uses one month."""
    contract = cr.Contract("Flex Web", Yen(1000), D(2026, 4, 15), 12)
    charge = cr.minimum_term_charge(contract, Month(2026, 5))
    assert (charge.months_used, charge.months_short) == (1, 11)


def test_d3_classify_edges():
    """D3: attribute and prefecture labels count only in the second-level place of 3+ labels."""
    assert cr.DomainName.parse("co.example.jp").kind is cr.DomainKind.GENERIC_JP
    assert cr.DomainName.parse("tokyo.example.jp").kind is cr.DomainKind.GENERIC_JP
    assert cr.DomainName.parse("a.b.tokyo.jp").kind is cr.DomainKind.GEOGRAPHIC_JP
    assert cr.DomainName.parse("co.uk").kind is cr.DomainKind.OTHER
    assert cr.DomainName.parse("jp.com").kind is cr.DomainKind.GTLD


def test_d3_ascii_fast_path_edges():
    """D3: upper case, one trailing dot, 253 characters, hyphens in places 3-4."""
    assert cr.DomainName.parse("EXAMPLE.JP.").ascii == "example.jp"
    longest = ".".join(["a" * 63] * 3 + ["a" * 58, "jp"])
    assert len(longest) == 253
    assert cr.DomainName.parse(longest).ascii == longest
    with pytest.raises(cr.InvalidDomainName):
        cr.DomainName.parse("a" + longest)
    with pytest.raises(cr.InvalidDomainName):
        cr.DomainName.parse("ab--cd.jp")
    assert cr.DomainName.parse("a-b--c.jp").ascii == "a-b--c.jp"
    assert cr.DomainName.parse("jp.co.jp").kind is cr.DomainKind.ATTRIBUTE_JP


def test_d4_status_edges():
    """D4/D7: paid on the contract end renews; a payment later today counts from that day;
    the close day itself is still restorable."""
    exp = D(2027, 3, 31)
    assert cr.domain_status("example.jp", exp, D(2027, 3, 24), paid_on=D(2027, 3, 24)).status is (
        cr.DomainStatus.RENEWED
    )
    assert cr.domain_status("example.jp", exp, D(2027, 3, 20), paid_on=D(2027, 3, 20)).status is (
        cr.DomainStatus.RENEWED
    )
    assert cr.domain_status("example.jp", exp, D(2027, 3, 19), paid_on=D(2027, 3, 20)).status is (
        cr.DomainStatus.RENEWAL_DUE
    )
    assert cr.domain_status("example.jp", exp, D(2027, 4, 20)).status is cr.DomainStatus.RESTORABLE


def test_d5_debit_on_contract_end_is_not_late():
    """D5: a debit on the contract-end day itself is in time (no warning)."""
    t = cr.renewal_timeline(
        "example.com", D(2027, 4, 27), "direct_debit", debit_notice_arrived_on=D(2027, 4, 1)
    )
    assert t.debit_on == t.contract_end
    assert all(s.key != "D5.debit_late" for s in t.explanation)


def test_d9_provider_deadline_equal_to_registry_keeps_registry_basis():
    """D9: a provider deadline on the registry's own date leaves the registry as the basis."""
    w = cr.restore_window(
        "example.com", D(2027, 3, 10), cr.ProviderDeadline.days_after_contract_end(30)
    )
    assert w.closes == w.registry_closes == w.provider_closes
    assert w.closing_basis is cr.ClosingBasis.ESTIMATE


def test_d9_window_membership():
    """D9: a window holds its open and close days, nothing before or after; an unknown close
    holds every day from the opening."""
    w = cr.restore_window("example.jp", D(2027, 3, 31))
    assert w.opens in w and w.closes in w
    assert cr.add_days(w.opens, -1) not in w and cr.add_days(w.closes, 1) not in w
    assert "2027-04-01" in w and 20270401 not in w  # an ISO date is its JST day (G1)
    other = cr.restore_window("example.uk", D(2027, 3, 10))
    assert D(2099, 1, 1) in other and D(2027, 3, 10) not in other


def test_d9_deadline_rules_are_kept():
    """D9: each ProviderDeadline constructor records its rule and value."""
    day = cr.ProviderDeadline.day_of_next_month(15)
    days = cr.ProviderDeadline.days_after_contract_end(17)
    assert (day.rule, day.value, day.roll_back_to_business_day) == (
        cr.DeadlineRule.DAY_OF_NEXT_MONTH,
        15,
        True,
    )
    assert (days.rule, days.value, days.roll_back_to_business_day) == (
        cr.DeadlineRule.DAYS_AFTER_CONTRACT_END,
        17,
        False,
    )


def test_date_window_single_day():
    """A date window may be a single day; it may not end before it starts."""
    assert cr.DateWindow(D(2027, 1, 1), D(2027, 1, 1)).days == 1
    with pytest.raises(cr.InvalidInput):
        cr.DateWindow(D(2027, 1, 2), D(2027, 1, 1))


def test_step_text_languages():
    """G5/P1: a step's sentence comes in English and Japanese from the catalogs, nothing else."""
    step = cr.Step("C2", "C2.effective", {"effective_on": "2026-12-31"})
    assert step.text() == step.text("en") == step.en and step.text("ja") == step.ja
    with pytest.raises(cr.InvalidInput, match="en, ja"):
        step.text("EN")


def test_g3_credit_is_taxed_as_a_negative_amount():
    """G3: a credit (negative amount) is taxed too, mirroring a charge."""
    assert cr.add_consumption_tax(Yen(-1000), D(2026, 1, 1)) == Yen(-1100)
    assert cr.add_consumption_tax(Yen(-999), D(2026, 1, 1)) == Yen(-1098)


def test_d3_top_level_label_is_checked():
    """D3: the top-level label is the last one, whatever the number of labels."""
    with pytest.raises(cr.InvalidDomainName, match="'123' is not alphabetic"):
        cr.DomainName.parse("a.b.123")
    with pytest.raises(
        cr.InvalidDomainName,
        match=r"^'東京\.jp' is not a valid domain name: '東京\.jp' is a \.jp second-level zone",
    ):
        cr.DomainName.parse("東京.jp")


def test_date_window_membership():
    """A date window holds its first and last days and what lies between, nothing else."""
    window = cr.DateWindow(D(2027, 2, 2), D(2027, 2, 7))
    assert D(2027, 2, 2) in window and D(2027, 2, 7) in window and D(2027, 2, 4) in window
    assert D(2027, 2, 1) not in window and D(2027, 2, 8) not in window
    assert "2027-02-03" in window  # an ISO date is the same JST day (G1)
    assert 20270203 not in window and None not in window
