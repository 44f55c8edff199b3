"""Money (G2): whole yen, never floats, and the rounding modes of G3."""

from __future__ import annotations

import enum
from fractions import Fraction
from typing import Final

import attrs

from clararules.core.errors import InvalidInput, InvalidMoney, excerpt, type_name

__all__ = ["MAX_INPUT_YEN", "MAX_YEN", "Rounding", "Yen", "round_ratio", "round_yen"]

MAX_YEN: Final = 10**18
"""The largest magnitude a :class:`Yen` holds: every figure fits a signed 64-bit column."""

MAX_INPUT_YEN: Final = 10**12
"""The largest amount accepted as input (a fee, a price): one trillion yen.  Every figure the
rules derive from such inputs (x 12 months, x the months to year 9999, with tax) stays within
:data:`MAX_YEN`."""


def _check_amount(instance: Yen, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidMoney(key="money.type", got=type_name(value))
    if not -MAX_YEN <= value <= MAX_YEN:
        raise InvalidInput(key="money.range", got=excerpt(value))


@attrs.frozen(order=True, repr=False)
class Yen:
    """A whole number of yen (G2).

    >>> Yen(5000) * 6 + Yen(3000)
    Yen(33000)
    >>> str(Yen(12000)), str(Yen(-500))
    ('¥12,000', '-¥500')
    >>> Yen(1.5)
    Traceback (most recent call last):
    ...
    clararules.core.errors.InvalidMoney: Yen(amount) takes a whole number of yen as an int ...
    """

    amount: int = attrs.field(validator=_check_amount)

    @classmethod
    def of(cls, amount: int) -> Yen:
        """``Yen(amount)`` for an ``int`` the library computed itself: the range is checked,
        the type is not (the hot path of every charge).

        >>> Yen.of(12000) == Yen(12000)
        True
        """
        if not -MAX_YEN <= amount <= MAX_YEN:
            raise InvalidInput(key="money.range", got=excerpt(amount))
        made = _new(Yen)
        _set_amount(made, amount)
        return made

    def __add__(self, other: Yen) -> Yen:
        if not isinstance(other, Yen):
            return NotImplemented
        return Yen.of(self.amount + other.amount)

    def __sub__(self, other: Yen) -> Yen:
        if not isinstance(other, Yen):
            return NotImplemented
        return Yen.of(self.amount - other.amount)

    def __mul__(self, factor: int) -> Yen:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Yen.of(self.amount * int(factor))

    __rmul__ = __mul__

    def __neg__(self) -> Yen:
        return Yen.of(-self.amount)

    def __bool__(self) -> bool:
        return self.amount != 0

    def __int__(self) -> int:
        return self.amount

    def __repr__(self) -> str:
        return f"Yen({self.amount})"

    def __str__(self) -> str:
        sign = "-" if self.amount < 0 else ""
        return f"{sign}¥{abs(self.amount):,}"


_new = object.__new__
_set_amount = Yen.__dict__["amount"].__set__  # the slot itself, for Yen.of


class Rounding(enum.Enum):
    """G3: how consumption tax is rounded to whole yen (the seller chooses; DOWN by default).

    Each mode rounds the magnitude, so a credit (negative amount) mirrors a charge.
    """

    DOWN = "down"
    """切り捨て: towards zero (the default)."""
    HALF_UP = "half_up"
    """四捨五入: to nearest, halves away from zero."""
    UP = "up"
    """切り上げ: away from zero."""


def round_yen(value: Fraction, rounding: Rounding = Rounding.DOWN) -> Yen:
    """An exact yen figure rounded to whole yen.

    >>> round_yen(Fraction(25, 2)), round_yen(Fraction(25, 2), Rounding.HALF_UP)
    (Yen(12), Yen(13))
    >>> round_yen(Fraction(-1, 3), Rounding.UP)
    Yen(-1)
    """
    if not isinstance(rounding, Rounding):
        raise InvalidMoney(key="money.rounding", got=excerpt(rounding))
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        raise InvalidMoney(key="money.round_type", got=type_name(value))
    if isinstance(value, int):
        return Yen.of(value)
    return Yen.of(round_ratio(value.numerator, value.denominator, rounding))


def round_ratio(numerator: int, denominator: int, rounding: Rounding) -> int:
    """``numerator / denominator`` (``denominator`` > 0) rounded to a whole number, in whole
    numbers only: the magnitude is rounded, so a credit mirrors a charge (G3).

    >>> round_ratio(25, 2, Rounding.DOWN), round_ratio(25, 2, Rounding.HALF_UP), round_ratio(-1, 3, Rounding.UP)
    (12, 13, -1)
    """
    whole, rest = divmod(abs(numerator), denominator)
    if rest and (
        rounding is Rounding.UP or (rounding is Rounding.HALF_UP and 2 * rest >= denominator)
    ):
        whole += 1
    return -whole if numerator < 0 else whole
