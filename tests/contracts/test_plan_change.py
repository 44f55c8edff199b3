"""C9-C11: plan changes on one-year prepaid contracts."""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    DEFAULT_PARAMETERS,
    Direction,
    InvalidInput,
    InvalidMoney,
    Month,
    ParameterNotInForce,
    PlanChangeNotAllowed,
    RemainingMonthsPolicy,
    UnknownService,
    Yen,
    plan_change,
)

from ..strategies import yen

ANNUAL = ["Clara Cloud Flex", "Flex Mini Cube", "Flex Web", "KUSANAGI with Cube"]
term_starts = st.builds(Month, st.integers(2023, 2090), st.integers(1, 12))


def test_c9_worked_upgrade():
    """C9/C11: 10,000 -> 15,000 on 2026-10-15, year from April 2026: 6 months, 30,000 yen."""
    q = plan_change(
        "Clara Cloud Flex", Yen(10000), Yen(15000), Month(2026, 4), dt.date(2026, 10, 15)
    )
    assert q.direction is Direction.UPGRADE
    assert q.remaining_months == 6
    assert q.amount == Yen(30000)
    assert q.amount_with_tax == Yen(33000)
    assert q.next_term_monthly_fee == Yen(15000)
    assert q.next_term_start == Month(2027, 4)
    assert [s.rule for s in q.explanation] == ["C10", "C9", "C11", "C9", "G3"]


def test_c11_from_next_month_policy():
    """C11: counting from the next month gives 5 months for the same change."""
    q = plan_change(
        "Flex Web",
        Yen(10000),
        Yen(15000),
        Month(2026, 4),
        dt.date(2026, 10, 15),
        counting=RemainingMonthsPolicy.FROM_NEXT_MONTH,
    )
    assert q.remaining_months == 5
    assert q.amount == Yen(25000)


def test_c9_downgrade_refunds_nothing():
    """C9: a downgrade costs nothing and the next year renews at the lower fee."""
    q = plan_change("Flex Web", Yen(15000), Yen(10000), Month(2026, 4), dt.date(2026, 10, 15))
    assert q.direction is Direction.DOWNGRADE
    assert q.amount == q.amount_with_tax == Yen(0)
    assert q.next_term_monthly_fee == Yen(10000)
    assert "nothing is refunded" in q.explanation[3].en


def test_c9_same_fee():
    """C9 (decision): a change between plans of equal fee costs nothing."""
    q = plan_change("Flex Web", Yen(10000), Yen(10000), Month(2026, 4), dt.date(2026, 10, 15))
    assert q.direction is Direction.SAME_FEE
    assert q.amount == Yen(0)


@pytest.mark.parametrize(
    "service",
    ["Flex Mini 2", "Flex Mini", "FPS", "VPS", "VPS Pro", "vps-2", "ｆｌｅｘ ｍｉｎｉ ２"],
)
def test_c10_os_support_ended(service):
    """C10: Flex Mini, Flex Mini 2, FPS and the VPS series refuse a plan change."""
    with pytest.raises(PlanChangeNotAllowed, match="OS support"):
        plan_change(service, Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15))


def test_c10_is_also_value_error():
    """C10: PlanChangeNotAllowed is a ValueError too."""
    with pytest.raises(ValueError):
        plan_change("Flex Mini 2", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15))


def test_c10_flex_mini_cube_is_not_flex_mini():
    """C10: "Flex Mini Cube" is a C9 service, not the ended "Flex Mini"."""
    q = plan_change("Flex Mini Cube", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15))
    assert q.amount == Yen(6000)


def test_c9_unknown_service():
    """C9: a service that is not one-year prepaid is refused naming the accepted ones."""
    with pytest.raises(UnknownService, match="Clara Cloud Flex"):
        plan_change("Shared Hosting", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15))


@pytest.mark.parametrize("changed_on", [dt.date(2026, 3, 31), dt.date(2027, 4, 1)])
def test_c11_change_outside_contract_year(changed_on):
    """C11: a change date outside the contract year is an error naming the year."""
    with pytest.raises(InvalidInput, match=r"2026-04\.\.2027-03"):
        plan_change("Flex Web", Yen(1000), Yen(2000), Month(2026, 4), changed_on)


def test_c11_year_edges():
    """C11: the first day of the year leaves 12 months, the last day 1."""
    first = plan_change("Flex Web", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 4, 1))
    last = plan_change("Flex Web", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2027, 3, 31))
    assert (first.remaining_months, last.remaining_months) == (12, 1)


def test_c10_list_has_a_date():
    """C10/G6: the list holds from 2022-06-16; an earlier change is refused, not guessed."""
    with pytest.raises(ParameterNotInForce, match="2022-06-16"):
        plan_change("Flex Web", Yen(1000), Yen(2000), Month(2021, 4), dt.date(2021, 10, 15))


def test_g3_upgrade_split_at_a_future_rate():
    """G3: remaining months straddling a caller's future rate are taxed per part."""
    params = DEFAULT_PARAMETERS.with_tax_rate(dt.date(2027, 1, 1), Fraction(12, 100))
    q = plan_change(
        "Flex Web", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15), parameters=params
    )
    # Oct, Nov, Dec at 10%; Jan, Feb, Mar at 12%.
    assert [(line.rate, line.base) for line in q.tax.lines] == [
        (Fraction(1, 10), Yen(3000)),
        (Fraction(12, 100), Yen(3000)),
    ]
    assert q.amount_with_tax == Yen(6000 + 300 + 360)


@pytest.mark.parametrize("bad", [1000.0, True, "1000"])
def test_c9_refuses_non_yen_fees(bad):
    """C9/G2: fees must be whole yen (Yen or int), never a float, bool or string."""
    with pytest.raises(InvalidMoney):
        plan_change("Flex Web", bad, Yen(2000), Month(2026, 4), dt.date(2026, 10, 15))


@given(
    st.sampled_from(ANNUAL),
    yen,
    yen,
    term_starts,
    st.integers(0, 11),
    st.integers(1, 28),
    st.sampled_from(list(RemainingMonthsPolicy)),
)
def test_c9_amount_formula(service, current, new, start, offset, day, policy):
    """C9: an upgrade costs difference × remaining months; a downgrade nothing; never negative."""
    month = start + offset
    changed = dt.date(month.year, month.month, day)
    q = plan_change(service, current, new, start, changed, counting=policy)
    # Remaining months counted directly: months of the year from the first billed month.
    year = [start + i for i in range(12)]
    first = month if policy is RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH else month + 1
    assert q.remaining_months == sum(1 for m in year if m >= first)
    if new > current:
        assert q.amount == (new - current) * q.remaining_months
    else:
        assert q.amount == Yen(0)
    assert q.amount >= Yen(0)
    assert q.amount_with_tax >= q.amount
    assert q.next_term_monthly_fee == new


@given(yen, yen, yen, term_starts, st.integers(0, 11))
def test_c9_monotone_in_new_fee(current, a, b, start, offset):
    """C9: a dearer new plan never costs less."""
    low, high = sorted([a, b])
    month = start + offset
    day = month.first_day
    assert (
        plan_change("Flex Web", current, low, start, day).amount
        <= plan_change("Flex Web", current, high, start, day).amount
    )
