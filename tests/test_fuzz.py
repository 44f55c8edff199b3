"""Fuzzing: arbitrary text, numbers, dates, datetimes in any zone and None at every public
function.  Each call returns a valid result or raises a ClaraRulesError subclass — never
another exception, a negative charge or an impossible date."""

import datetime as dt
from fractions import Fraction

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clararules as cr
from clararules import ClaraRulesError, Month, Yen

from .strategies import months, pdates

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.binary(max_size=5),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.timezones()),
    # pendulum, zoneinfo and fixed-offset datetimes, and pendulum dates (G1)
    st.datetimes(timezones=st.timezones()).map(pendulum.instance),
    st.builds(
        lambda naive, minutes: naive.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes))),
        st.datetimes(),
        st.integers(-23 * 60 - 59, 23 * 60 + 59),
    ),
    st.dates().map(lambda d: pendulum.Date(d.year, d.month, d.day)),
    st.datetimes().map(lambda d: pendulum.naive(d.year, d.month, d.day, d.hour)),
    st.fractions(),
    st.integers(-(10**12), 10**12).map(Yen),
    st.integers(min_value=10**4000, max_value=10**4400),
    st.builds(Month, st.integers(1, 9999), st.integers(1, 12)),
    st.lists(st.integers(), max_size=3),
    st.sampled_from(["2026-12", "example.jp", "credit_card", "A", "plesk", "company_seal"]),
)


def mix(valid):
    """Mostly valid values of the right kind, often anything at all."""
    return st.one_of(valid, anything)


instants = st.one_of(st.datetimes(timezones=st.timezones()), st.dates(), st.datetimes(), pdates)
dates = st.one_of(st.dates(), pdates, st.datetimes(timezones=st.timezones()))
yens = st.integers(-(10**9), 10**9).map(Yen)
jp_month_ends = st.builds(Month, st.integers(1, 9999), st.integers(1, 12)).map(
    lambda m: m.last_day
)
domains = st.one_of(
    st.sampled_from(["example.jp", "a.co.jp", "x.tokyo.jp", "example.com", "ex.uk", "例え.jp"]),
    st.text(max_size=30),
)

SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def check_result(result):
    """Whatever came back is sane: no negative money, month-end effective dates, ordered windows."""
    for name in ("amount", "amount_with_tax", "extension_charge", "fee"):
        value = getattr(result, name, None)
        if isinstance(value, Yen):
            assert value.amount >= 0, (name, value)
    if isinstance(result, cr.CancellationDate):
        assert result.effective_on == result.month.last_day
        assert result.effective_on > result.received_at.date()
    if isinstance(result, cr.MinimumTermCharge):
        assert 0 <= result.months_short <= result.term_months
    if isinstance(result, cr.RenewalTimeline):
        assert list(result.reminders) == sorted(set(result.reminders))
        assert result.order_window.first <= result.order_window.last <= result.contract_end
    if isinstance(result, cr.RestoreWindow) and result.closes is not None:
        assert result.opens <= result.closes
    if hasattr(result, "explanation"):
        for step in result.explanation:
            assert step.en
            assert step.ja


def call(fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
    except ClaraRulesError:
        return None
    check_result(result)
    return result


@given(anything)
def test_fuzz_one_argument_functions(value):
    """G1-G4, D3, D5, C1, C8: one-argument functions accept or refuse cleanly."""
    for fn in (
        cr.to_jst,
        cr.to_date,
        cr.Month.parse,
        cr.Month.of,
        cr.Yen,
        cr.consumption_tax_rate,
        cr.is_bank_business_day,
        cr.next_bank_business_day,
        cr.previous_bank_business_day,
        cr.DomainName.parse,
        cr.direct_debit_on,
        cr.direct_debit,
        cr.cancellation_effective_date,
        cr.check_cancellation_channel,
        cr.request_suspension,
    ):
        call(fn, value)


@given(mix(instants), mix(st.none() | months))
def test_fuzz_cancellation_date(received, desired):
    """C2-C4: arbitrary receipt times and months."""
    call(cr.cancellation_effective_date, received, desired)


@given(
    mix(st.text(max_size=10)),
    mix(yens),
    mix(dates),
    mix(st.integers(-5, 1300)),
    mix(instants),
    mix(st.none() | months),
)
@SLOW
def test_fuzz_contract_and_quote(service, fee, activated, term, received, desired):
    """C5-C6: arbitrary contracts and receipts."""
    contract = call(cr.Contract, service, fee, activated, term)
    if contract is not None:
        call(cr.quote_cancellation, contract, received, desired)
        call(cr.minimum_term_charge, contract, desired)


@given(
    mix(st.sampled_from(["Flex Web", "Flex Mini 2", "VPS x", "Other"])),
    mix(yens),
    mix(yens),
    mix(months),
    mix(dates),
    mix(st.sampled_from(list(cr.RemainingMonthsPolicy))),
)
@SLOW
def test_fuzz_plan_change(service, current, new, start, changed, policy):
    """C9-C11: arbitrary plan changes."""
    call(cr.plan_change, service, current, new, start, changed, policy)


@given(mix(yens), mix(dates), mix(st.sampled_from(list(cr.Rounding))))
def test_fuzz_tax(amount, on, rounding):
    """G3: arbitrary amounts, dates and roundings (negative amounts are credits, allowed)."""
    try:
        total = cr.add_consumption_tax(amount, on, rounding)
    except ClaraRulesError:
        return
    rate = cr.consumption_tax_rate(on)
    base = int(amount)  # a Yen, or an int of whole yen (both accepted, G2)
    assert abs(total.amount - base * (1 + rate)) < 1
    assert (total.amount >= 0) == (base >= 0)


@given(
    domains,
    mix(st.one_of(jp_month_ends, dates)),
    mix(st.sampled_from([m.value for m in cr.PaymentMethod])),
    mix(st.booleans()),
    mix(st.none() | dates),
    mix(st.none() | dates),
)
@SLOW
def test_fuzz_domains(name, expiry, payment, domain_only, paid_on, notice):
    """D1-D9: arbitrary names, expiries and payment details."""
    call(cr.contract_end, name, expiry)
    call(cr.renewal_timeline, name, expiry, payment, domain_only, paid_on, notice)
    call(cr.restore_window, name, expiry)
    call(cr.domain_status, name, expiry, paid_on, notice)


@given(
    mix(st.sampled_from(["delete_domain", "move_to_main_ip"])),
    mix(st.sampled_from(["A", "B", "C"])),
    mix(st.none() | st.sampled_from(["plesk", "webmin", "none"])),
    mix(st.sampled_from([m.value for m in cr.SealKind])),
    mix(st.none() | st.booleans()),
    mix(st.booleans()),
)
def test_fuzz_procedures(intent, pattern, panel, seal, full, flag):
    """P1-P6: arbitrary procedure and request inputs."""
    call(cr.additional_ip_cancellation_plan, intent, pattern, panel)
    call(cr.check_seal, seal, full, flag)
    call(cr.check_delegation_release, full, flag)
    call(cr.check_contact_change, full, flag)
    call(cr.check_dealer_certificate_request, intent, pattern, panel, flag)


@given(anything, st.sampled_from([cr.CancellationDate, cr.RestoreWindow, cr.Procedure]))
def test_fuzz_from_json(text, cls):
    """JSON: arbitrary text is read or refused with a ClaraRulesError."""
    if isinstance(text, int) and text.bit_length() > 10_000:
        text = (
            "1" * 5000
        )  # str() of such an int raises in the test itself; a 5000-digit JSON number
    call(cr.from_json, text if isinstance(text, str | bytes) else str(text), cls)


@given(
    st.dictionaries(
        st.sampled_from(
            ["monthly_fee", "activated_on", "minimum_term_months", "received_at", "desired_month"]
        ),
        st.lists(anything, max_size=3),
    )
)
def test_fuzz_batch(book):
    """Batch: arbitrary columns are computed or refused with a ClaraRulesError."""
    call(cr.quote_cancellations, book)
    call(
        cr.renewal_timelines,
        {"domain": book.get("desired_month", []), "registry_expiry": book.get("activated_on", [])},
    )


def test_fuzz_found_extremes():
    """Edge values found by fuzzing stay refusals, not crashes."""
    for fn, args in [
        (cr.next_bank_business_day, (dt.date(9999, 12, 31),)),
        (cr.previous_bank_business_day, (dt.date(1, 1, 1),)),
        (cr.direct_debit_on, (dt.date(9999, 12, 28),)),
        (cr.renewal_timeline, ("example.jp", dt.date(1, 1, 31))),
        (cr.restore_window, ("example.jp", dt.date(9999, 12, 31))),
        (cr.cancellation_effective_date, (dt.datetime(9999, 12, 31, 23, tzinfo=dt.UTC),)),
        (cr.to_jst, (dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))),)),
        (cr.round_yen, (Fraction(10**30, 3),)),
        (cr.Month(9999, 12).__add__, (1,)),
        (cr.consumption_tax_rate, (pendulum.Date(1, 1, 1),)),
    ]:
        call(fn, *args)


CONSTRUCTORS = {
    "Contract": lambda a, b, c, d: cr.Contract(a, b, c, d, special_agreement_term_months=a),
    "CancellationChangeRequest": lambda a, b, c, d: cr.CancellationChangeRequest(
        kind=a, requested_at=b, from_registered_contact=c, accepted_cancellation_on=d
    ),
    "Parameters": lambda a, b, c, d: cr.Parameters(consumption_tax_rate=a, restore_rules=b),
    "Parameter": lambda a, b, c, d: cr.Parameter(a, b),
    "Dated": lambda a, b, c, d: cr.Dated(a, b, c),
    "ServiceList": lambda a, b, c, d: cr.ServiceList(a, b, c),
    "RestoreRule": lambda a, b, c, d: cr.RestoreRule(a, b, c, d),
    "ProviderDeadline": lambda a, b, c, d: cr.ProviderDeadline(a, b, c),
    "DomainName": lambda a, b, c, d: cr.DomainName(a, b, c),
    "DateWindow": lambda a, b, c, d: cr.DateWindow(a, b),
    "Month": lambda a, b, c, d: cr.Month(a, b),
    "Yen": lambda a, b, c, d: cr.Yen(a),
    "Step": lambda a, b, c, d: cr.Step(a, b, c),
    "Decision": lambda a, b, c, d: cr.Decision(a, b, c, d),
    "with_tax_rate": lambda a, b, c, d: cr.DEFAULT_PARAMETERS.with_tax_rate(a, b, c),
}


@given(st.sampled_from(sorted(CONSTRUCTORS)), anything, anything, anything, anything)
def test_fuzz_constructors(name, a, b, c, d):
    """Every constructor of a value a caller may build refuses bad fields with a
    ClaraRulesError (never AttributeError, KeyError, AssertionError or TypeError)."""
    call(CONSTRUCTORS[name], a, b, c, d)
