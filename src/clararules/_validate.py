"""Small argument checks shared by the rule modules; each raises a typed, explained error."""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any, TypeVar

import pendulum

from ._calendar import Month, to_date, to_jst
from ._errors import InvalidInput, InvalidInputType, InvalidMoney
from ._money import Yen

E = TypeVar("E", bound=enum.Enum)


def yen(value: object, name: str, *, allow_negative: bool = False) -> Yen:
    """``value`` if it is a :class:`Yen` (non-negative unless allowed)."""
    if not isinstance(value, Yen):
        raise InvalidMoney(
            f"{name} must be a Yen amount (e.g. Yen(5000)), got {type(value).__name__} {value!r}"
        )
    if not allow_negative and value.amount < 0:
        raise InvalidInput(f"{name} must not be negative, got {value}")
    return value


def month(value: object, name: str) -> Month:
    """``value`` if it is a :class:`Month`."""
    if not isinstance(value, Month):
        raise InvalidInputType(
            f"{name} must be a clararules.Month (e.g. Month(2026, 12)), got "
            f"{type(value).__name__} {value!r}"
        )
    return value


def optional_month(value: object, name: str) -> Month | None:
    """``None`` or a :class:`Month`."""
    return None if value is None else month(value, name)


def date(value: object, name: str) -> pendulum.Date:
    """The JST date of a date or aware datetime."""
    if not isinstance(value, _dt.date):
        raise InvalidInputType(
            f"{name} must be a date or an aware datetime, got {type(value).__name__} {value!r}"
        )
    return to_date(value)


def instant(value: object, name: str) -> pendulum.DateTime:
    """The JST instant of an aware datetime, or 00:00 JST of a date (G1)."""
    if not isinstance(value, _dt.date):
        raise InvalidInputType(
            f"{name} must be an aware datetime or a date (00:00 JST), got "
            f"{type(value).__name__} {value!r}"
        )
    return to_jst(value)


def whole(value: object, name: str, *, low: int = 0, high: int = 1200) -> int:
    """An ``int`` (not a bool) in ``low..high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputType(f"{name} must be a whole number (int), got {type(value).__name__}")
    if not low <= value <= high:
        raise InvalidInput(f"{name} must be in {low}..{high}, got {value}")
    return value


def text(value: object, name: str) -> str:
    """A non-blank ``str``."""
    if not isinstance(value, str):
        raise InvalidInputType(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise InvalidInput(f"{name} must not be blank")
    return value


def member(value: Any, kind: type[E], name: str) -> E:
    """A member of the enum ``kind``, also accepted by its value (e.g. ``"upgrade"``)."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except (ValueError, TypeError):
        accepted = ", ".join(f"{m.name} ({m.value!r})" for m in kind)
        raise InvalidInput(f"{name} must be one of {accepted}; got {value!r}") from None


def flag(value: object, name: str) -> bool:
    """A ``bool`` (not an int or a string)."""
    if not isinstance(value, bool):
        raise InvalidInputType(
            f"{name} must be True or False, got {type(value).__name__} {value!r}"
        )
    return value


def optional_flag(value: object, name: str) -> bool | None:
    """``None`` (not known) or a ``bool``."""
    return None if value is None else flag(value, name)
