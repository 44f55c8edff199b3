"""G2: whole-yen money and its rounding."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import ClaraRulesError, InvalidMoney, Rounding, Yen, round_yen

from ..strategies import any_yen


@pytest.mark.parametrize("bad", [1.5, 12000.0, True, False, "12000", None, Fraction(1, 2)])
def test_yen_refuses_non_integers(bad):
    """G2: floats, bools, strings, None and fractions are refused with a typed error."""
    with pytest.raises(InvalidMoney, match="whole number of yen"):
        Yen(bad)
    with pytest.raises(ValueError):
        Yen(bad)
    with pytest.raises(TypeError):
        Yen(bad)


def test_yen_str():
    """G2: yen print with the yen sign and thousands separators."""
    assert str(Yen(12000)) == "¥12,000"
    assert str(Yen(0)) == "¥0"
    assert str(Yen(-1234567)) == "-¥1,234,567"


def test_yen_refuses_float_arithmetic():
    """G2: multiplying yen by a float is a TypeError, not a silent float."""
    with pytest.raises(TypeError):
        Yen(100) * 1.1  # type: ignore[operator]
    with pytest.raises(TypeError):
        Yen(100) + 5  # type: ignore[operator]


@given(any_yen, any_yen, any_yen, st.integers(-1000, 1000))
def test_yen_arithmetic_is_integer_arithmetic(a, b, c, k):
    """G2: + - * and ordering agree with int arithmetic on the amounts."""
    assert (a + b).amount == a.amount + b.amount
    assert (a - b).amount == a.amount - b.amount
    assert (a * k).amount == a.amount * k == (k * a).amount
    assert (a + b) + c == a + (b + c)
    assert (a < b) == (a.amount < b.amount)
    assert (-a) + a == Yen(0)


@given(st.fractions(min_value=-(10**17), max_value=10**17), st.sampled_from(list(Rounding)))
def test_round_yen_within_one_yen(value, rounding):
    """G3: every rounding mode lands within one yen of the exact value."""
    rounded = round_yen(value, rounding).amount
    assert abs(rounded - value) < 1


@given(st.fractions(min_value=-(10**17), max_value=10**17))
def test_round_yen_modes_are_ordered_in_magnitude(value):
    """G3: |DOWN| <= |HALF_UP| <= |UP|, and DOWN truncates toward zero."""
    down, half, up = (abs(round_yen(value, r).amount) for r in Rounding)
    assert down <= half <= up
    assert down == abs(int(value))


def test_round_yen_half():
    """G3: HALF_UP rounds a half away from zero, DOWN truncates, UP rounds away."""
    assert round_yen(Fraction(5, 2), Rounding.HALF_UP) == Yen(3)
    assert round_yen(Fraction(-5, 2), Rounding.HALF_UP) == Yen(-3)
    assert round_yen(Fraction(5, 2), Rounding.DOWN) == Yen(2)
    assert round_yen(Fraction(21, 10), Rounding.UP) == Yen(3)


def test_round_yen_refuses_unknown_rounding():
    """G3: a rounding that is not a Rounding is refused."""
    with pytest.raises(ClaraRulesError, match="DOWN, HALF_UP, UP"):
        round_yen(Fraction(1, 2), "down")  # type: ignore[arg-type]
