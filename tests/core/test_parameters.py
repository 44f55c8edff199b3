"""G6: dated parameters."""

import datetime as dt
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    DEFAULT_PARAMETERS,
    Dated,
    InvalidInput,
    InvalidInputType,
    Parameter,
    ParameterNotInForce,
    Parameters,
)

from ..strategies import dates


def test_g6_history_must_ascend():
    """G6: dated values out of order or duplicated are refused."""
    with pytest.raises(InvalidInput, match="ascending"):
        Parameter("x", (Dated(dt.date(2020, 1, 1), 1), Dated(dt.date(2019, 1, 1), 2)))
    with pytest.raises(InvalidInput, match="ascending"):
        Parameter("x", (Dated(dt.date(2020, 1, 1), 1), Dated(dt.date(2020, 1, 1), 2)))
    with pytest.raises(InvalidInput, match="at least one"):
        Parameter("x", ())


def test_g6_before_first_value_is_refused():
    """G6: no silent value before a parameter's first date: the error names the date."""
    with pytest.raises(ParameterNotInForce, match="2022-06-16"):
        DEFAULT_PARAMETERS.os_support_ended.at(dt.date(2022, 6, 15))
    assert DEFAULT_PARAMETERS.os_support_ended.at(dt.date(2022, 6, 16)).value.matches("FPS")


def test_g6_tax_rate_must_be_exact():
    """G6/G2: a float tax rate is refused; so is a rate of 100% or more."""
    with pytest.raises(InvalidInputType, match="Fraction"):
        DEFAULT_PARAMETERS.with_tax_rate(dt.date(2030, 1, 1), 0.12)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"\[0, 1\)"):
        DEFAULT_PARAMETERS.with_tax_rate(dt.date(2030, 1, 1), Fraction(1))


def test_g6_with_value_replaces_same_date():
    """G6: giving a value for an existing date replaces it; the original is untouched."""
    p = DEFAULT_PARAMETERS.with_tax_rate(dt.date(2019, 10, 1), Fraction(11, 100), "test")
    assert p.consumption_tax_rate.at(dt.date(2020, 1, 1)).value == Fraction(11, 100)
    assert len(p.consumption_tax_rate.history) == len(
        DEFAULT_PARAMETERS.consumption_tax_rate.history
    )
    assert DEFAULT_PARAMETERS.consumption_tax_rate.at(dt.date(2020, 1, 1)).value == Fraction(1, 10)


@given(st.lists(dates, min_size=1, max_size=8, unique=True), dates)
def test_g6_lookup_is_latest_not_after(starts, day):
    """G6: the value in force is the one with the latest start on or before the day."""
    starts = sorted(starts)
    param = Parameter("x", tuple(Dated(s, i) for i, s in enumerate(starts)))
    earlier = [i for i, s in enumerate(starts) if s <= day]
    if not earlier:
        with pytest.raises(ParameterNotInForce):
            param.at(day)
    else:
        entry = param.at(day)
        assert entry.value == earlier[-1]
        assert entry.since == pendulum.Date(
            starts[entry.value].year, starts[entry.value].month, starts[entry.value].day
        )


def test_g6_every_default_value_names_its_source():
    """G6: each default dated value carries a source."""
    p = Parameters()
    params = [p.consumption_tax_rate, p.os_support_ended, p.annual_prepaid_services, p.restore_fee]
    params.extend(p.restore_rules.values())
    for param in params:
        for entry in param.history:
            assert entry.source, (param.name, entry.since)
