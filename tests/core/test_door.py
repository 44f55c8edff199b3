"""The one input door (G1, G2): every carrier of the same JST day, month or amount gives the same
answer; every refusal is a ClaraRulesError that names what is accepted and echoes little."""

import copy
import datetime as dt
import pickle
from fractions import Fraction
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import clararules as cr
from clararules import ClaraRulesError, Month, Yen

from ..golden import _cases

D = dt.date

# ---------------------------------------------------------------- carriers of one JST day


def _zone_at(day: dt.date, zone: dt.tzinfo, hour_jst: int) -> dt.datetime:
    """An aware datetime in ``zone`` whose JST calendar day is ``day`` (hour ``hour_jst`` JST)."""
    jst = dt.datetime(
        day.year, day.month, day.day, hour_jst, tzinfo=dt.timezone(dt.timedelta(hours=9))
    )
    return jst.astimezone(zone)


DAYS = st.dates(min_value=D(1990, 1, 2), max_value=D(2099, 10, 31))


@st.composite
def day_carriers(draw):
    """A JST day and the same day carried by another accepted type (G1)."""
    day = draw(DAYS)
    hour = draw(st.integers(0, 23))
    kind = draw(
        st.sampled_from(
            ["pendulum", "iso", "stdlib utc", "zoneinfo", "fixed", "pendulum dt", "iso instant"]
        )
    )
    if kind == "pendulum":
        carrier: object = pendulum.Date(day.year, day.month, day.day)
    elif kind == "iso":
        carrier = day.isoformat()
    elif kind == "stdlib utc":
        carrier = _zone_at(day, dt.UTC, hour)
    elif kind == "zoneinfo":
        zone = draw(
            st.sampled_from(
                ["America/New_York", "Europe/London", "Asia/Tokyo", "Pacific/Kiritimati"]
            )
        )
        carrier = _zone_at(day, ZoneInfo(zone), hour)
    elif kind == "fixed":
        minutes = draw(st.integers(-14 * 60, 14 * 60))
        carrier = _zone_at(day, dt.timezone(dt.timedelta(minutes=minutes)), hour)
    elif kind == "pendulum dt":
        carrier = pendulum.instance(_zone_at(day, dt.UTC, hour)).in_timezone("America/Los_Angeles")
    else:
        carrier = _zone_at(day, dt.timezone(dt.timedelta(hours=-5)), hour).isoformat()
    return day, carrier


def _outcome(call):
    try:
        return ("ok", call())
    except ClaraRulesError as error:
        return (type(error).__name__, str(error))


CONTRACT = cr.Contract("Flex Web", Yen(5000), D(2026, 4, 15), 12)
ANNUAL_START = Month(2026, 4)

# Every public function (and constructor) that takes a date, with the date in one place.
DATE_TAKERS = {
    "is_bank_business_day": lambda d: cr.is_bank_business_day(d),
    "next_bank_business_day": lambda d: cr.next_bank_business_day(d),
    "previous_bank_business_day": lambda d: cr.previous_bank_business_day(d),
    "to_date": lambda d: cr.to_date(d),
    "Month.of": lambda d: Month.of(d),
    "consumption_tax_rate": lambda d: cr.consumption_tax_rate(d),
    "add_consumption_tax": lambda d: cr.add_consumption_tax(Yen(999), d),
    "tax_parts": lambda d: cr.tax_parts([(d, Yen(999)), (D(2019, 9, 30), Yen(1))]),
    "Contract.activated_on": lambda d: cr.Contract("Flex Web", Yen(5000), d, 12),
    "minimum_term_charge": lambda d: cr.minimum_term_charge(
        cr.Contract("Flex Web", Yen(5000), d, 12), Month.of(cr.to_date(d)) + 3
    ),
    "plan_change": lambda d: cr.plan_change(
        "Flex Web", Yen(1000), Yen(2000), Month.of(cr.to_date(d)), d
    ),
    "review_cancellation_change": lambda d: cr.review_cancellation_change(
        cr.CancellationChangeRequest(
            kind="withdraw", requested_at=D(1990, 1, 1), from_registered_contact=True
        ),
        Month.of(cr.to_date(d)).last_day,
    ),
    "CancellationChangeRequest dates": lambda d: cr.CancellationChangeRequest(
        kind="extend",
        requested_at=D(2026, 1, 1),
        from_registered_contact=True,
        accepted_cancellation_on=d,
        new_cancellation_on=d,
    ),
    "contract_end": lambda d: cr.contract_end("example.com", d),
    "renewal_timeline": lambda d: cr.renewal_timeline("example.com", d),
    "renewal_timeline paid_on": lambda d: cr.renewal_timeline(
        "example.com", D(2099, 12, 31), paid_on=d
    ),
    "renewal_timeline notice": lambda d: cr.renewal_timeline(
        "example.com", D(2099, 12, 31), "direct_debit", debit_notice_arrived_on=d
    ),
    "direct_debit": lambda d: cr.direct_debit(d),
    "direct_debit_on": lambda d: cr.direct_debit_on(d),
    "domain_status": lambda d: cr.domain_status("example.com", D(2050, 1, 1), d),
    "domain_status paid_on": lambda d: cr.domain_status(
        "example.com", D(2050, 1, 1), D(2049, 12, 1), d
    ),
    "restore_window": lambda d: cr.restore_window("example.com", d),
    "Parameter.at": lambda d: cr.DEFAULT_PARAMETERS.consumption_tax_rate.at(d),
    "Dated.since": lambda d: cr.Dated(d, 1),
    "DateWindow": lambda d: cr.DateWindow(d, d),
    "DateWindow in": lambda d: d in cr.DateWindow(D(2000, 1, 1), D(2050, 1, 1)),
    "with_tax_rate": lambda d: cr.DEFAULT_PARAMETERS.with_tax_rate(d, Fraction(1, 5)),
}


@pytest.mark.parametrize("name", sorted(DATE_TAKERS))
@given(day_carrier=day_carriers())
def test_g1_same_jst_day_same_answer(name, day_carrier):
    """G1: every date-taking public function gives the same answer (or the same refusal)
    whichever accepted type carries the same JST day."""
    day, carrier = day_carrier
    call = DATE_TAKERS[name]
    assert _outcome(lambda: call(carrier)) == _outcome(lambda: call(day))


def test_pendulum_datetime_is_read_as_its_jst_day():
    """G1 (regression): a pendulum.DateTime is a pendulum.Date subclass, yet is converted."""
    noon_jst = pendulum.datetime(2026, 1, 1, 12, tz="Asia/Tokyo")
    assert cr.is_bank_business_day(noon_jst) is False  # 1/1 is a bank holiday
    late_utc = pendulum.datetime(2026, 3, 31, 20, tz="UTC")  # 2026-04-01 05:00 JST
    assert cr.Contract("Flex Web", Yen(1), late_utc, 1).activated_on == D(2026, 4, 1)
    with pytest.raises(cr.NaiveDateTimeError):
        cr.Contract("Flex Web", Yen(1), pendulum.naive(2026, 4, 1), 1)
    with pytest.raises(cr.NaiveDateTimeError):
        cr.direct_debit_on(pendulum.naive(2026, 4, 1))


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 1, 1)))
def test_g1_instant_carriers_agree(naive):
    """G1/C2: the same instant as a stdlib, pendulum or ISO value gives the same quote."""
    aware = naive.replace(tzinfo=dt.UTC)
    carriers = [
        aware,
        pendulum.instance(aware),
        aware.isoformat(),
        aware.astimezone(ZoneInfo("Asia/Tokyo")),
    ]
    quotes = [_outcome(lambda c=c: cr.quote_cancellation(CONTRACT, c)) for c in carriers]
    assert all(q == quotes[0] for q in quotes)


@pytest.mark.parametrize(
    "bad",
    [
        "2026-12-01T09:00",
        "2026-13-01",
        "01/12/2026",
        "",
        "2026-12-01T09:00:00+25:00",
        "x" * 10_000,
    ],
)
def test_g1_bad_strings_refused(bad):
    """G1: a naive or malformed ISO string is refused with a typed error naming the forms."""
    with pytest.raises(cr.InvalidInput) as info:
        cr.to_date(bad)
    assert len(str(info.value)) < 400


# ---------------------------------------------------------------- money and numbers


@given(st.integers(0, 10**12))
def test_g2_int_and_yen_are_the_same_amount(amount):
    """G2: whole yen as an int or a Yen give the same contract and charge."""
    a = cr.Contract("Flex Web", amount, D(2026, 4, 15), 12)
    b = cr.Contract("Flex Web", Yen(amount), D(2026, 4, 15), 12)
    assert a == b
    assert cr.minimum_term_charge(a, Month(2026, 6)) == cr.minimum_term_charge(b, Month(2026, 6))


@pytest.mark.parametrize("bad", [5000.0, "5000", True, None, Fraction(5000), 10**13, -1])
def test_g2_fee_refusals(bad):
    """G2: floats, strings, bools, fractions, negative and absurd amounts are refused."""
    with pytest.raises(cr.InvalidInput):
        cr.Contract("Flex Web", bad, D(2026, 4, 15), 12)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: Yen(10**5000), id="huge0"),
        pytest.param(lambda: cr.Contract("Flex Web", 10**5000, D(2026, 4, 15), 12), id="huge1"),
        pytest.param(lambda: cr.Contract("Flex Web", 1, D(2026, 4, 15), 10**5000), id="huge2"),
        pytest.param(lambda: cr.ProviderDeadline.day_of_next_month(-(10**5000)), id="huge3"),
        pytest.param(lambda: cr.round_yen(Fraction(10**5000, 3)), id="huge4"),
        pytest.param(lambda: cr.Contract("x" * 10_000_000, 1, D(2026, 4, 15), 1), id="huge5"),
        pytest.param(lambda: cr.DomainName.parse("a" * 10_000_000 + ".jp"), id="huge6"),
        pytest.param(lambda: cr.check_cancellation_channel("x" * 10_000_000), id="huge7"),
        pytest.param(lambda: cr.to_jst("9" * 5000), id="huge8"),
    ],
)
def test_huge_input_short_message(call):
    """Integers past 4,300 digits and 10 MB strings are refused with a short message."""
    with pytest.raises(cr.InvalidInput) as info:
        call()
    assert len(str(info.value)) < 500


# ---------------------------------------------------------------- G4 coverage


def test_g4_fixed_bank_holidays_hold_in_every_year():
    """G4: 12/31 and 1/1-1/3 are closed in every year, in and out of the covered years."""
    for year in (1, 1900, 1948, 1949, 2026, 2099, 2100, 2500, 9999):
        for month, day in ((12, 31), (1, 1), (1, 2), (1, 3)):
            assert cr.is_bank_business_day(D(year, month, day)) is False


def test_g4_weekends_hold_in_every_year():
    """G4: Saturdays and Sundays are known closed outside the covered years too."""
    assert cr.is_bank_business_day(D(2100, 1, 9)) is False  # a Saturday
    assert cr.is_bank_business_day(D(1948, 12, 26)) is False  # a Sunday


@pytest.mark.parametrize(
    ("day", "known"),
    [
        (D(1948, 12, 30), False),
        (D(1949, 1, 4), True),
        (D(2099, 12, 30), True),
        (D(2100, 1, 4), False),
    ],
)
def test_g4_both_sides_of_the_covered_years(day, known):
    """G4: a weekday in a covered year is answered; outside, refused naming the years."""
    years = cr.covered_years()
    assert (years[0], years[-1]) == (1949, 2099)
    if known:
        assert cr.is_bank_business_day(day) is True
    else:
        with pytest.raises(cr.CalendarNotCovered, match="1949-2099"):
            cr.is_bank_business_day(day)


def test_g4_walks_stop_at_the_edge():
    """G4/D5: a walk into an uncovered year is refused, never guessed."""
    assert cr.next_bank_business_day(D(2099, 12, 30)) == D(2099, 12, 30)
    with pytest.raises(cr.CalendarNotCovered):
        cr.next_bank_business_day(D(2099, 12, 31))
    with pytest.raises(cr.CalendarNotCovered):
        cr.direct_debit_on(D(2099, 12, 29))  # after December's debit: 2100-01-27


# ---------------------------------------------------------------- G3 once per rate


def _restated(*history):
    return cr.Parameters(
        consumption_tax_rate=cr.Parameter(
            "consumption_tax_rate", tuple(cr.Dated(since, rate, "test") for since, rate in history)
        )
    )


def test_g3_restated_rate_is_one_rate():
    """G3: 10% stated again from a later date is still one rate: summed, then rounded once."""
    params = _restated(
        (D(1, 1, 1), Fraction(0)),
        (D(2019, 10, 1), Fraction(1, 10)),
        (D(2030, 1, 1), Fraction(10, 100)),
    )
    taxed = cr.tax_parts([(D(2029, 12, 1), Yen(5)), (D(2030, 1, 1), Yen(5))], parameters=params)
    assert len(taxed.lines) == 1 and taxed.tax == Yen(1)  # 10 x 10% = 1, not 0 + 0
    assert taxed.lines[0].rate_sinces == (D(2019, 10, 1), D(2030, 1, 1))


def test_g3_returning_rate_is_one_rate():
    """G3: 10% -> 8% -> 10%: the two 10% periods are one rate."""
    params = _restated(
        (D(1, 1, 1), Fraction(1, 10)),
        (D(2030, 1, 1), Fraction(8, 100)),
        (D(2031, 1, 1), Fraction(1, 10)),
    )
    taxed = cr.tax_parts(
        [(D(2029, 6, 1), Yen(5)), (D(2030, 6, 1), Yen(5)), (D(2031, 6, 1), Yen(5))],
        parameters=params,
    )
    assert [line.rate for line in taxed.lines] == [Fraction(1, 10), Fraction(2, 25)]
    assert taxed.tax == Yen(1)  # 10% of 10 = 1; 8% of 5 = 0.4 -> 0


rates = st.sampled_from([Fraction(0), Fraction(1, 20), Fraction(2, 25), Fraction(1, 10)])


@given(
    st.lists(st.tuples(st.integers(1, 60), rates), min_size=1, max_size=6),
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(-(10**6), 10**6)), min_size=1, max_size=12
    ),
    st.sampled_from(list(cr.Rounding)),
)
def test_g3_once_per_rate_against_a_day_walk(steps, parts, rounding):
    """G3: tax_parts equals a separate formulation: walk the history day by day to find each
    part's rate, sum the parts per rate value, round each sum once."""
    history, since = [(D(2000, 1, 1), Fraction(0))], D(2000, 1, 1)
    for gap, rate in steps:
        since = since + dt.timedelta(days=gap)
        history.append((since, rate))
    params = _restated(*history)
    dated = [(D(2000, 1, 1) + dt.timedelta(days=offset), Yen(amount)) for offset, amount in parts]
    sums: dict[Fraction, Fraction] = {}
    for day, amount in dated:
        rate = Fraction(0)
        walk = D(2000, 1, 1)
        while walk <= day:  # the rate in force on each day, one day at a time
            for start, value in history:
                if start == walk:
                    rate = value
            walk += dt.timedelta(days=1)
        sums[rate] = sums.get(rate, Fraction(0)) + amount.amount * rate
    expected = sum(cr.round_yen(total, rounding).amount for total in sums.values())
    assert cr.tax_parts(dated, rounding, params).tax.amount == expected


# ---------------------------------------------------------------- constructors


def test_parameters_copy_the_callers_mapping():
    """G6: a caller's dict of restore rules is copied: mutating it later changes nothing."""
    rules = dict(cr.DEFAULT_PARAMETERS.restore_rules)
    params = cr.Parameters(restore_rules=rules)
    before = cr.restore_window("example.com", D(2027, 3, 10), parameters=params)
    rules[cr.DomainKind.GTLD] = rules[cr.DomainKind.OTHER]
    assert cr.restore_window("example.com", D(2027, 3, 10), parameters=params) == before


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: cr.Parameters(consumption_tax_rate=5), id="ctor0"),
        pytest.param(
            lambda: cr.Parameters(os_support_ended=cr.DEFAULT_PARAMETERS.restore_fee), id="ctor1"
        ),
        pytest.param(
            lambda: cr.Parameters(
                restore_fee=cr.Parameter("fee", (cr.Dated(D(2020, 1, 1), 12000),))
            ),
            id="ctor2",
        ),
        pytest.param(lambda: cr.Parameters(restore_rules={}), id="ctor3"),
        pytest.param(lambda: cr.Parameters(restore_rules={"nope": 1}), id="ctor4"),
        pytest.param(lambda: cr.Parameter("x", [1, 2]), id="ctor5"),
        pytest.param(lambda: cr.Parameter("x", "abc"), id="ctor6"),
        pytest.param(lambda: cr.Dated(D(2020, 1, 1), 1, source=5), id="ctor7"),
        pytest.param(
            lambda: cr.RestoreRule(
                "day_of_month_after_expiry", 31, "registry_rule", "D9.rule.jprs"
            ),
            id="ctor8",
        ),
        pytest.param(
            lambda: cr.RestoreRule(
                "day_of_month_after_expiry", 0, "registry_rule", "D9.rule.jprs"
            ),
            id="ctor9",
        ),
        pytest.param(
            lambda: cr.RestoreRule("unknown", 5, "unknown", "D9.rule.unknown"), id="ctor10"
        ),
        pytest.param(
            lambda: cr.RestoreRule("sometimes", 5, "unknown", "D9.rule.unknown"), id="ctor11"
        ),
        pytest.param(
            lambda: cr.ProviderDeadline(cr.DeadlineRule.DAY_OF_NEXT_MONTH, 0), id="ctor12"
        ),
        pytest.param(
            lambda: cr.ProviderDeadline(cr.DeadlineRule.DAY_OF_NEXT_MONTH, 31), id="ctor13"
        ),
        pytest.param(
            lambda: cr.ProviderDeadline(cr.DeadlineRule.DAYS_AFTER_CONTRACT_END, 17, True),
            id="ctor14",
        ),
        pytest.param(lambda: cr.ProviderDeadline("weekly", 3), id="ctor15"),
        pytest.param(
            lambda: cr.ProviderDeadline(cr.DeadlineRule.DAY_OF_NEXT_MONTH, 15, "yes"), id="ctor16"
        ),
        pytest.param(
            lambda: cr.DomainName("example.jp", "example.jp", cr.DomainKind.GTLD), id="ctor17"
        ),
        pytest.param(lambda: cr.DomainName(5, "x", "y"), id="ctor18"),
        pytest.param(lambda: cr.Step("C2", "no.such.key"), id="ctor19"),
        pytest.param(lambda: cr.Step("C2", "C2.effective", {"effective_on": 1.5}), id="ctor20"),
        pytest.param(lambda: cr.Decision("x", "yes", ()), id="ctor21"),
        pytest.param(lambda: cr.Decision("x", True, 5), id="ctor22"),
    ],
)
def test_constructors_validate(call):
    """G6/D9/G5: caller-built values are checked at construction, with library errors."""
    with pytest.raises(ClaraRulesError):
        call()


def test_provider_deadline_defaults():
    """D9: rolling back applies to a day of the next month only, and is its default."""
    assert cr.ProviderDeadline(cr.DeadlineRule.DAY_OF_NEXT_MONTH, 15).roll_back_to_business_day
    days = cr.ProviderDeadline(cr.DeadlineRule.DAYS_AFTER_CONTRACT_END, 17)
    assert days.roll_back_to_business_day is False
    assert days == cr.ProviderDeadline.days_after_contract_end(17)


# ---------------------------------------------------------------- pickle and deepcopy


@pytest.mark.parametrize(("name", "case"), sorted(_cases().items()))
def test_every_result_pickles_and_deep_copies(name, case):
    """Every result type (each approved-output case) survives pickle and deepcopy unchanged,
    explanation included, for Dask, multiprocessing and caches."""
    result = case()
    for copied in (pickle.loads(pickle.dumps(result)), copy.deepcopy(result)):
        assert copied == result
        assert [s.en for s in getattr(copied, "explanation", ())] == [
            s.en for s in getattr(result, "explanation", ())
        ]


def test_parameters_pickle_and_deep_copy():
    """G6: a parameter set survives pickle and deepcopy (its restore rules are a frozen map)."""
    params = cr.DEFAULT_PARAMETERS.with_tax_rate(D(2030, 1, 1), Fraction(3, 25))
    assert pickle.loads(pickle.dumps(params)) == params == copy.deepcopy(params)
    assert hash(params) == hash(copy.deepcopy(params))


# ---------------------------------------------------------------- C7


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)))
@example(D(2026, 11, 29))
def test_c7_accepted_date_must_be_a_month_end(day):
    """C7/C2: a recorded accepted cancellation date that is not a month end is refused; a
    stated one makes the request not eligible, explained."""
    request = cr.CancellationChangeRequest(
        kind="withdraw",
        requested_at=D(1999, 1, 1),
        from_registered_contact=True,
        customer_number="1",
        service_name="Flex Web",
        host_name="h",
        accepted_cancellation_on=day,
        withdrawal_reason="staying",
    )
    month_end = Month.of(day).last_day
    if day != month_end:
        with pytest.raises(cr.InvalidInput, match="month end"):
            cr.review_cancellation_change(request, day)
        review = cr.review_cancellation_change(request, month_end)
        assert not review.eligible_for_review
        assert "C7.stated_not_month_end" in [s.key for s in review.explanation]
    else:
        assert cr.review_cancellation_change(request, day).eligible_for_review


def test_g4_both_sides_of_every_fixed_bank_holiday():
    """G4: around 12/31-1/3 in every covered year, 12/30 and 1/4 are business days when they
    fall on a weekday (neither is ever a national holiday), and the four days never are."""
    for year in cr.covered_years():
        for day in (D(year, 12, 30), D(year, 1, 4)):
            assert cr.is_bank_business_day(day) is (day.isoweekday() <= 5), day
        for month, dom in ((12, 31), (1, 1), (1, 2), (1, 3)):
            assert cr.is_bank_business_day(D(year, month, dom)) is False
