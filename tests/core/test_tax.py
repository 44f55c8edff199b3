"""G3: consumption tax by date of supply, rounded once per rate."""

import datetime as dt
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    DEFAULT_PARAMETERS,
    InvalidInput,
    InvalidMoney,
    Rounding,
    Yen,
    add_consumption_tax,
    consumption_tax_rate,
    tax_parts,
)

from ..strategies import dates, yen

# The rate history written out independently of the package's parameter table (G3).
HISTORY = [
    (dt.date(1989, 4, 1), Fraction(3, 100)),
    (dt.date(1997, 4, 1), Fraction(5, 100)),
    (dt.date(2014, 4, 1), Fraction(8, 100)),
    (dt.date(2019, 10, 1), Fraction(10, 100)),
]


def oracle_rate(day):
    rate = Fraction(0)
    for since, value in HISTORY:
        if day >= since:
            rate = value
    return rate


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        (dt.date(1989, 3, 31), Fraction(0)),
        (dt.date(1989, 4, 1), Fraction(3, 100)),
        (dt.date(1997, 3, 31), Fraction(3, 100)),
        (dt.date(1997, 4, 1), Fraction(5, 100)),
        (dt.date(2014, 3, 31), Fraction(5, 100)),
        (dt.date(2014, 4, 1), Fraction(8, 100)),
        (dt.date(2019, 9, 30), Fraction(8, 100)),
        (dt.date(2019, 10, 1), Fraction(10, 100)),
    ],
)
def test_g3_rate_on_both_sides_of_each_change(day, rate):
    """G3: the rate on the day before and the day of each change."""
    assert consumption_tax_rate(day) == rate


def test_g3_rate_follows_jst_date_of_an_instant():
    """G3 with G1: 2019-09-30 15:00 UTC is already 2019-10-01 in Japan, so 10%."""
    instant = dt.datetime(2019, 9, 30, 15, 0, tzinfo=dt.UTC)
    assert consumption_tax_rate(instant) == Fraction(1, 10)


@given(dates)
def test_g3_rate_matches_independent_history(day):
    """G3: the parameter table agrees with the rate history written out by hand."""
    assert consumption_tax_rate(day) == oracle_rate(day)


def test_g3_worked_examples():
    """G3: 30,000 yen in October 2026 is 33,000 with tax; 999 yen at 8% truncates to 1,078."""
    assert add_consumption_tax(Yen(30000), dt.date(2026, 10, 31)) == Yen(33000)
    assert add_consumption_tax(Yen(999), dt.date(2019, 9, 30)) == Yen(1078)
    assert add_consumption_tax(Yen(999), dt.date(2019, 9, 30), Rounding.HALF_UP) == Yen(1079)
    assert add_consumption_tax(Yen(999), dt.date(2019, 9, 30), Rounding.UP) == Yen(1079)
    assert add_consumption_tax(Yen(1005), dt.date(2019, 9, 30), Rounding.HALF_UP) == Yen(1085)


@given(yen, yen, dates, st.sampled_from(list(Rounding)))
def test_g3_monotone_in_amount(a, b, day, rounding):
    """G3: a larger amount never has less tax-included total."""
    low, high = sorted([a, b])
    assert add_consumption_tax(low, day, rounding) <= add_consumption_tax(high, day, rounding)


@given(yen, dates, st.sampled_from(list(Rounding)))
def test_g3_within_one_yen_of_exact(amount, day, rounding):
    """G3: each rounding mode stays within one yen of the exact tax."""
    exact = amount.amount * (1 + oracle_rate(day))
    assert abs(add_consumption_tax(amount, day, rounding).amount - exact) < 1
    assert add_consumption_tax(amount, day, rounding) >= amount


@given(st.lists(st.tuples(dates, yen), min_size=1, max_size=12), st.sampled_from(list(Rounding)))
def test_g3_rounded_once_per_rate(parts, rounding):
    """G3: the tax is the sum over rates of the rounded tax of each rate's total, never per line."""
    taxed = tax_parts(parts, rounding)
    totals: dict[Fraction, Fraction] = {}
    for day, amount in parts:
        r = oracle_rate(day)
        totals[r] = totals.get(r, Fraction(0)) + amount.amount * r
    assert len(taxed.lines) == len(totals)
    assert taxed.base == Yen(sum(a.amount for _, a in parts))
    for line in taxed.lines:
        assert abs(line.tax.amount - totals[line.rate]) < 1
    assert abs(taxed.tax.amount - sum(totals.values())) < len(totals)


def test_g3_split_at_rate_change():
    """G3: months straddling 2019-10-01 are taxed 8% then 10%, each rounded once."""
    taxed = tax_parts(
        [(pendulum.Date(2019, 9, 1), Yen(1001)), (pendulum.Date(2019, 10, 1), Yen(1001))]
    )
    assert [(line.rate, line.tax) for line in taxed.lines] == [
        (Fraction(8, 100), Yen(80)),
        (Fraction(10, 100), Yen(100)),
    ]
    assert taxed.with_tax == Yen(2002 + 180)
    assert [step.rule for step in taxed.steps()] == ["G3", "G3"]
    assert "8%" in taxed.steps()[0].en
    assert "2014-04-01" in taxed.steps()[0].en


def test_g3_caller_supplied_future_rate():
    """G3/G6: a caller's future rate applies from its date, without editing the package."""
    params = DEFAULT_PARAMETERS.with_tax_rate(dt.date(2030, 4, 1), Fraction(12, 100))
    assert add_consumption_tax(Yen(1000), dt.date(2030, 3, 31), parameters=params) == Yen(1100)
    assert add_consumption_tax(Yen(1000), dt.date(2030, 4, 1), parameters=params) == Yen(1120)
    assert add_consumption_tax(Yen(1000), dt.date(2030, 4, 1)) == Yen(1100)


def test_g3_refuses_non_yen():
    """G2/G3: tax is computed on whole yen only (Yen or int), never on a float or a string."""
    for bad in (1000.0, "1000", True):
        with pytest.raises(InvalidMoney):
            add_consumption_tax(bad, dt.date(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        add_consumption_tax(Yen(1000), dt.date(2026, 1, 1), "nearest")  # type: ignore[arg-type]
    assert add_consumption_tax(1000, dt.date(2026, 1, 1)) == Yen(1100)  # type: ignore[arg-type]
