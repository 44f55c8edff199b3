"""C2-C6 planning: the deadline of each cancellation month, the options from now, and the first
month with no minimum-term charge (clararules.contracts.planning)."""

import datetime as dt
import pickle

import pendulum
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from clararules import (
    ClaraRulesError,
    Contract,
    InvalidInput,
    InvalidInputType,
    InvalidMonth,
    Month,
    NaiveDateTimeError,
    Rounding,
    Yen,
    cancellation_effective_date,
    minimum_term_charge,
    quote_cancellation,
)
from clararules.contracts.planning import (
    CancellationOption,
    CancellationOptions,
    cancellation_deadline,
    cancellation_options,
    first_free_cancellation_month,
)

from ..strategies import contracts, instants, months

ONE_SECOND = dt.timedelta(seconds=1)
CONTRACT = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 12)


def jst(*args):
    return pendulum.datetime(*args, tz="Asia/Tokyo")


def options_or_refusal(contract, now, count=12, rounding=Rounding.DOWN):
    """The options, or ``None`` when the rules refuse them (a month beyond year 9999)."""
    try:
        return cancellation_options(contract, now, count, rounding)
    except InvalidMonth:
        return None


# ---------------------------------------------------------------- C2: the deadline


@given(months.filter(lambda m: m > Month(1990, 2)))
@example(Month(2024, 3))  # a leap February
@example(Month(2027, 1))  # across the year
def test_c2_deadline_is_the_last_instant_for_its_month(month):
    """C2: a form arriving at the deadline of ``month`` is in time for it (asked for or not);
    one second later it is handled the following month (C3)."""
    deadline = cancellation_deadline(month)
    assert deadline.tzinfo.utcoffset(deadline) == dt.timedelta(hours=9)
    assert (deadline + ONE_SECOND).day == 1  # the last second of a month
    for desired in (month, None):
        in_time = cancellation_effective_date(deadline, desired)
        assert in_time.month == month
        assert not in_time.shifted
        assert in_time.deadline == deadline
        late = cancellation_effective_date(deadline + ONE_SECOND, desired)
        assert late.month > month
        assert late.month == month + 1
        assert late.shifted == (desired is not None)


def test_c2_deadline_holds_through_its_last_second():
    """C2 (docs/decisions.md): the deadline is stated to the second; a form stamped within
    that second (23:59:59.999999 JST) is still in time, the next microsecond is not."""
    deadline = cancellation_deadline(Month(2026, 12))
    assert deadline == jst(2026, 11, 30, 23, 59, 59)
    last = deadline + dt.timedelta(microseconds=999_999)
    assert cancellation_effective_date(last, Month(2026, 12)).month == Month(2026, 12)
    assert cancellation_effective_date(last + dt.timedelta(microseconds=1)).month == Month(2027, 1)


def test_c2_deadline_reads_its_input_through_the_door():
    """C2: the month may be a 'YYYY-MM' string; anything else is refused, and so is a month
    with no month before it."""
    assert cancellation_deadline("2027-03") == jst(2027, 2, 28, 23, 59, 59)
    with pytest.raises(InvalidInputType, match="month"):
        cancellation_deadline(dt.date(2027, 3, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidMonth):
        cancellation_deadline(Month(1, 1))


# ---------------------------------------------------------------- C2-C6: the options


@given(contracts, instants, st.integers(1, 24))
def test_options_ascend_by_month_from_the_earliest(contract, now, count):
    """C2-C4: one option a month, ascending without gaps, from the month after arrival (or the
    activation month, if later), as many as asked."""
    plan = options_or_refusal(contract, now, count)
    assume(plan is not None)
    arrived = pendulum.instance(now).in_timezone("Asia/Tokyo")
    earliest = Month(arrived.year, arrived.month) + 1
    activation = Month.of(contract.activated_on)
    assert len(plan.options) == count
    assert plan.options[0].month == max(earliest, activation)
    for before, after in zip(plan.options, plan.options[1:], strict=False):
        assert after.month == before.month + 1


@given(contracts, instants, st.integers(2, 36), st.sampled_from(list(Rounding)))
def test_charge_never_grows_for_a_later_month(contract, now, count, rounding):
    """C6: a later cancellation month is never short of more months, and never costs more
    before tax."""
    plan = options_or_refusal(contract, now, count, rounding)
    assume(plan is not None)
    for before, after in zip(plan.options, plan.options[1:], strict=False):
        assert after.months_short <= before.months_short
        assert after.amount <= before.amount
        assert after.months_short in (before.months_short, before.months_short - 1)


@given(contracts, instants, st.integers(1, 24))
def test_every_option_is_what_the_rules_give(contract, now, count):
    """C2-C6: each option is reachable from ``now`` (the form arriving now is in time for its
    month), states the deadline and date of C2, and charges what minimum_term_charge does."""
    plan = options_or_refusal(contract, now, count)
    assume(plan is not None)
    for option in plan.options:
        date = cancellation_effective_date(now, option.month)
        assert date.month == option.month
        assert not date.shifted
        assert date.received_at <= option.deadline == cancellation_deadline(option.month)
        assert option.effective_on == date.effective_on == option.month.last_day
        charge = minimum_term_charge(contract, option.month)
        assert option.months_short == charge.months_short
        assert (option.amount, option.amount_with_tax) == (charge.amount, charge.amount_with_tax)
        assert option.tax == charge.tax


@given(contracts, instants)
def test_first_option_is_the_quote_for_now(contract, now):
    """C2-C6: the first option is what quote_cancellation quotes for a form arriving now,
    whenever the quote is not refused (a cancellation before activation)."""
    try:
        quote = quote_cancellation(contract, now)
    except ClaraRulesError:
        return
    first = cancellation_options(contract, now, 1).options[0]
    assert first.month == quote.date.month
    assert first.deadline == quote.date.deadline
    assert first.effective_on == quote.date.effective_on
    assert first.months_short == quote.charge.months_short
    assert first.tax == quote.charge.tax


@given(contracts, st.integers(0, 11), st.integers(1, 28))
def test_first_free_month_charges_nothing_and_the_month_before_does(contract, ahead, day):
    """C5-C6: the first free month's option charges 0; the month before charges (when the
    fee is above 0 and there is a term); asked early enough, both are among the options."""
    free = first_free_cancellation_month(contract)
    assert free == minimum_term_charge(contract, free).cancellation_month
    assert minimum_term_charge(contract, free).amount == Yen(0)
    if contract.term_months and contract.monthly_fee > Yen(0):
        assert minimum_term_charge(contract, free - 1).amount > Yen(0)
    elif not contract.term_months:
        assert free == Month.of(contract.activated_on)
        with pytest.raises(InvalidInput):  # C6: no cancellation month before activation
            minimum_term_charge(contract, free - 1)
    # A form arriving ``ahead + 1`` months before the free month sees it among its options.
    arrival = free - (ahead + 1)
    assume(arrival.year >= 1990)
    plan = cancellation_options(contract, jst(arrival.year, arrival.month, day), 12)
    assert plan.first_free_month == free
    option = plan.option(free)
    assert option is not None
    assert option.amount == option.amount_with_tax == Yen(0)
    before = plan.option(free - 1)
    if before is not None and contract.monthly_fee > Yen(0):
        assert before.amount > Yen(0)
        assert before.months_short == 1


@given(contracts, instants, st.integers(1, 120))
def test_options_explain_themselves(contract, now, count):
    """G5: the summary cites C4 (and C6 when activation moves the start), the term (C5), the
    first free month and one C6 line per option; each option explains its deadline (C2) and
    its charge (C5, C6, G3)."""
    plan = options_or_refusal(contract, now, count)
    assume(plan is not None)
    keys = [step.key for step in plan.explanation]
    assert keys[0] == "C4.plan.earliest"
    assert keys.count("C6.plan.option") == count
    assert ("C6.plan.from_activation" in keys) == (
        plan.options[0].month == Month.of(contract.activated_on)
        and plan.options[0].month != Month.of(plan.received_at) + 1
    )
    for option in plan.options[:3]:
        assert [s.rule for s in option.explanation][:4] == ["C2", "C5", "C6", "C6"]
        assert "{" not in option.explain("ja")


# ---------------------------------------------------------------- examples


def test_worked_example_in_english():
    """C2-C6: activated 2026-04-15, 12 months at ¥5,000; a form arriving 2026-09-10."""
    plan = cancellation_options(CONTRACT, jst(2026, 9, 10, 12), 8)
    assert isinstance(plan, CancellationOptions)
    assert all(isinstance(o, CancellationOption) for o in plan.options)
    assert [str(o.month) for o in plan.options] == [
        "2026-10",
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
        "2027-03",
        "2027-04",
        "2027-05",
    ]
    assert [o.amount_with_tax.amount for o in plan.options] == [
        33000,
        27500,
        22000,
        16500,
        11000,
        5500,
        0,
        0,
    ]
    assert plan.first_free_month == Month(2027, 4)
    text = plan.explain("en").splitlines()
    assert text[0] == (
        "[C4] If the cancellation form arrives at 2026-09-10 12:00:00 JST (in 2026-09), the"
        " earliest possible cancellation month is 2026-10, the month after arrival; a later"
        " month can be asked for."
    )
    assert text[2] == (
        "[C6] The last month of the minimum term of 12 months is 2027-04: a cancellation in"
        " 2027-04 or later owes no minimum-term charge."
    )
    assert text[-2] == (
        "[C6] Cancelling in 2027-04 (form by 2027-03-31 23:59:59 JST, effective 2027-04-30):"
        " 0 months short, ¥0 tax excluded, ¥0 tax included."
    )
    one = plan.options[5].explanation
    assert one[0].en == (
        "For a cancellation in 2027-03, the cancellation form must arrive by 2027-02-28"
        " 23:59:59 JST, the last day of the month before; the cancellation takes effect on"
        " 2027-03-31."
    )
    assert "1 month short" in one[2].en
    table = plan.table("en")
    assert table[0] == ("Form arrived (JST)", "2026-09-10 12:00:00")
    assert table[1] == ("First month with no minimum-term charge", "2027-04")
    assert table[2] == (
        "Cancellation month",
        "2026-10: form by 2026-09-30 23:59:59 JST, effective 2026-10-31, ¥33,000 tax included",
    )
    assert dict(plan.options[0].table("en"))["Deadline for this month (JST)"] == (
        "2026-09-30 23:59:59"
    )


def test_worked_example_in_japanese():
    """G5: the same plan in Japanese, in the glossary's words (必着, 前月末日, 解約日, 税込)."""
    plan = cancellation_options(CONTRACT, jst(2026, 9, 10, 12), 8)
    text = plan.explain("ja").splitlines()
    assert text[0] == (
        "[C4] 解約申込書が 2026-09-10 12:00:00 JST（2026-09）に到着した場合、最も早い解約月は"
        "到着月の翌月 2026-10 です。それより後の月を解約希望月としてご指定いただくこともできます。"
    )
    assert text[2] == (
        "[C6] 最低利用期間（12か月）の最終月は 2027-04 のため、2027-04 以降の解約では"
        "最低利用期間に満たない月数分の料金はかかりません。"
    )
    assert text[3] == (
        "[C6] 2026-10 の解約（2026-09-30 23:59:59 JST必着、解約日 2026-10-31）: 不足月数 6か月、"
        "料金は ¥30,000（税抜）、¥33,000（税込）です。"
    )
    assert plan.options[0].explanation[0].ja == (
        "解約月 2026-10 の解約申込書は、前月末日 2026-09-30 23:59:59 JST必着です。"
        "解約日は 2026-10-31 です。"
    )
    table = dict(plan.table("ja"))
    assert table["最低利用期間に満たない月数分の料金がかからない最初の解約月"] == "2027-04"
    rows = [value for label, value in plan.table("ja") if label == "解約月"]
    assert rows[0] == "2026-10（2026-09-30 23:59:59 JST必着、解約日 2026-10-31、¥33,000（税込））"
    assert dict(plan.options[1].table("ja"))["不足月数"] == "5か月"


def test_contract_activated_later_starts_at_activation():
    """C6: a form arriving months before activation: the options start with the activation
    month (a cancellation month cannot be earlier), and the explanation says why."""
    plan = cancellation_options(CONTRACT, jst(2026, 1, 20), 2)
    assert [o.month for o in plan.options] == [Month(2026, 4), Month(2026, 5)]
    assert plan.options[0].months_short == 12
    step = plan.explanation[1]
    assert (step.rule, step.key) == ("C6", "C6.plan.from_activation")
    assert step.en == (
        "The contract was activated on 2026-04-15: a cancellation month cannot be before the"
        " activation month 2026-04, so the options start with 2026-04."
    )
    assert "開通月 2026-04 より前の月を解約月とすることはできません" in step.ja
    with pytest.raises(InvalidInput):  # the quote for the same instant is refused (C6)
        quote_cancellation(CONTRACT, jst(2026, 1, 20))


def test_no_term_and_special_agreement():
    """C5: with no term every option is free from the activation month; a special agreement's
    term moves the first free month."""
    zero = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 0)
    plan = cancellation_options(zero, jst(2026, 5, 1), 3)
    assert {o.amount for o in plan.options} == {Yen(0)}
    assert plan.first_free_month == Month(2026, 4)
    assert plan.explanation[1].key == "C5.no_term"
    assert plan.explanation[2].en == (
        "With no minimum term, a cancellation in any month from the activation month 2026-04"
        " on owes no minimum-term charge."
    )
    special = Contract(
        "Flex Web", Yen(5000), dt.date(2026, 4, 15), 12, special_agreement_term_months=24
    )
    assert first_free_cancellation_month(special) == Month(2028, 4)
    assert "特約" in cancellation_options(special, jst(2026, 5, 1), 1).explain("ja")


def test_tax_included_charge_can_rise_across_a_rate_change():
    """G3: each option is taxed at the rate in force on its cancellation date, so across the
    2019-10-01 change (8% to 10%) a later month may cost more tax included although it is
    short of one month less (C6: the tax-excluded charge never grows)."""
    contract = Contract("Flex Web", Yen(1000), dt.date(2019, 3, 10), 60)
    plan = cancellation_options(contract, jst(2019, 8, 5), 2)
    september, october = plan.options
    assert (september.months_short, october.months_short) == (54, 53)
    assert september.amount > october.amount
    assert (september.amount_with_tax, october.amount_with_tax) == (Yen(58320), Yen(58300))
    longer = Contract("Flex Web", Yen(1000), dt.date(2019, 3, 10), 120)
    september, october = cancellation_options(longer, jst(2019, 8, 5), 2).options
    assert september.amount > october.amount
    assert september.amount_with_tax < october.amount_with_tax  # 123,120 < 124,300


def test_rounding_reaches_every_option():
    """G3: the rounding asked for is the rounding of every option's tax."""
    odd = Contract("Flex Web", Yen(999), dt.date(2026, 1, 5), 12)
    down = cancellation_options(odd, jst(2026, 3, 1), 2, Rounding.DOWN).options[0]
    up = cancellation_options(odd, jst(2026, 3, 1), 2, "up").options[0]
    assert up.amount == down.amount
    assert up.amount_with_tax.amount == down.amount_with_tax.amount + 1


def test_refusals():
    """The input door: months in 1..120, a Contract, an aware instant, a rounding."""
    now = jst(2026, 9, 10)
    for count in (0, 121, -1):
        with pytest.raises(InvalidInput, match=r"1\.\.120"):
            cancellation_options(CONTRACT, now, count)
    with pytest.raises(InvalidInputType):
        cancellation_options(CONTRACT, now, True)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputType, match="Contract"):
        cancellation_options({"service": "Flex Web"}, now)  # type: ignore[arg-type]
    with pytest.raises(NaiveDateTimeError):
        cancellation_options(CONTRACT, dt.datetime(2026, 9, 10, 12))
    with pytest.raises(InvalidInput, match="rounding"):
        cancellation_options(CONTRACT, now, 3, "nearest")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputType, match="Contract"):
        first_free_cancellation_month("Flex Web")  # type: ignore[arg-type]
    assert cancellation_options(CONTRACT, "2026-09-10", 1).received_at == jst(2026, 9, 10)


def test_options_are_recorded_and_travel_with_their_steps():
    """G5: the result records its call (for audit); it pickles with its explanation made."""
    plan = cancellation_options(CONTRACT, jst(2026, 9, 10, 12), 3, parameters=None)
    assert plan.inputs is not None
    assert plan.inputs.function == "cancellation_options"
    assert dict(plan.inputs.arguments) == {
        "contract": CONTRACT,
        "now": jst(2026, 9, 10, 12),
        "months": 3,
        "parameters": None,
    }
    copy = pickle.loads(pickle.dumps(plan))
    assert copy == plan
    assert copy.explain("ja") == plan.explain("ja")
    assert copy.options[0].explain("en") == plan.options[0].explain("en")
    assert plan.option("2026-11").months_short == 5
    assert plan.option(Month(2030, 1)) is None
