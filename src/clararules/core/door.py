"""The one door in: every input of every public entry is converted or refused here.

Scalar functions, attrs constructors, batch columns, JSON documents and the command line all
call these functions, so the same JST day, month, amount or flag gets the same answer whatever
type carries it, and the same bad value gets the same typed, explained refusal.  The accepted
types of each kind of input are tabulated in ``docs/decisions.md`` ("The input door").

Messages echo at most a short excerpt of what was given (:func:`excerpt`), so a 10 MB string or
an integer of a million digits never ends up whole in a log line.

>>> date("2026-12-01T00:30:00+09:00", "on"), date(datetime.date(2026, 12, 1), "on")
(Date(2026, 12, 1), Date(2026, 12, 1))
>>> month("2026-12", "desired_month"), yen(5000, "monthly_fee")
(Month(year=2026, month=12), Yen(5000))
>>> whole(True, "term")
Traceback (most recent call last):
...
clararules.core.errors.InvalidInputType: term must be a whole number (int), got bool True
"""

from __future__ import annotations

import datetime
import enum
import numbers
import re
from collections.abc import Callable
from typing import Any, Final, TypeVar

import pendulum

from clararules.core.errors import (
    InvalidInput,
    InvalidInputType,
    InvalidMoney,
    InvalidMonth,
    NaiveDateTimeError,
    excerpt,
    type_name,
)
from clararules.core.jst import jst_day, jst_instant
from clararules.core.money import MAX_INPUT_YEN, Yen
from clararules.core.months import Month

E = TypeVar("E", bound=enum.Enum)
C = TypeVar("C")

MAX_TEXT: Final = 500
"""The longest free text (a service name, a customer number...) accepted, in characters."""

_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATE_TIME: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?P<offset>Z|[+-]\d{2}:\d{2})?"
)
_ISO_TEXT_LIMIT: Final = 40


# ---------------------------------------------------------------- time (G1)

_ACCEPTED_DATES: Final = "door.date"
"""The message naming what a day may be."""
_ACCEPTED_INSTANTS: Final = "door.instant"
"""The message naming what an instant may be."""


def _parse_iso(value: str, name: str, accepted: str) -> datetime.date:
    text = value.strip()
    if len(text) > _ISO_TEXT_LIMIT:
        raise InvalidInput(key=accepted, name=name, got=excerpt(value))
    # The extended ISO 8601 forms only (no week dates, no basic '20261201'), as JSON writes them.
    full = _ISO_DATE_TIME.fullmatch(text)
    try:
        if _ISO_DATE.fullmatch(text):
            return datetime.date.fromisoformat(text)
        if full is None:
            raise ValueError(text)
        parsed = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(key=accepted, name=name, got=excerpt(value)) from None
    if full["offset"] is None:
        raise NaiveDateTimeError(key="door.naive_text", name=name, got=excerpt(value))
    return parsed


def _carrier(value: object, name: str, accepted: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return _parse_iso(value, name, accepted)
    raise InvalidInputType(key=accepted, name=name, got=type_name(value))


def date(value: object, name: str) -> pendulum.Date:
    """G1: the JST calendar day carried by ``value`` (see ``_ACCEPTED_DATES``)."""
    if type(value) is pendulum.Date:  # the common case, and every date the rules make
        return value
    return jst_day(_carrier(value, name, _ACCEPTED_DATES), name)


def optional_date(value: object, name: str) -> pendulum.Date | None:
    """``None``, or :func:`date`."""
    return None if value is None else date(value, name)


def instant(value: object, name: str) -> pendulum.DateTime:
    """G1: the JST instant carried by ``value``; a date alone is 00:00 JST that day."""
    return jst_instant(_carrier(value, name, _ACCEPTED_INSTANTS), name)


def to_jst(value: datetime.date | str) -> pendulum.DateTime:
    """G1: the instant ``value`` in Japan Standard Time (a fixed UTC+9).

    An aware datetime in any zone is converted; a plain date means 00:00 JST that day; a
    naive datetime is refused, because it could be JST or UTC.

    >>> to_jst(datetime.datetime(2026, 11, 30, 15, 0, tzinfo=datetime.timezone.utc))
    DateTime(2026, 12, 1, 0, 0, 0, tzinfo=FixedTimezone(32400, name="+09:00"))
    >>> to_jst(datetime.date(2026, 12, 1)).isoformat()
    '2026-12-01T00:00:00+09:00'
    >>> to_jst("1950-06-01T00:00:00Z").isoformat()  # no 1948-51 summer time (G1)
    '1950-06-01T09:00:00+09:00'
    >>> to_jst(datetime.datetime(2026, 12, 1, 9, 0))
    Traceback (most recent call last):
    ...
    clararules.core.errors.NaiveDateTimeError: value 2026-12-01T09:00:00 is a naive datetime ...
    """
    return instant(value, "value")


def to_date(value: datetime.date | str) -> pendulum.Date:
    """G1: the JST calendar date of ``value`` (a date, or an aware datetime in any zone).

    >>> to_date(datetime.datetime(2026, 11, 30, 15, 0, tzinfo=datetime.timezone.utc))
    Date(2026, 12, 1)
    >>> to_date(pendulum.datetime(2026, 1, 1, 12, tz="UTC")), to_date("2024-02-28")
    (Date(2026, 1, 1), Date(2024, 2, 28))
    """
    return date(value, "value")


# ---------------------------------------------------------------- months, money, numbers


def month(value: object, name: str) -> Month:
    """A :class:`Month`, or a ``'YYYY-MM'`` string."""
    if isinstance(value, Month):
        return value
    if isinstance(value, str):
        if len(value) > _ISO_TEXT_LIMIT:
            raise InvalidMonth(key="door.month_text", name=name, got=excerpt(value))
        try:
            return Month.parse(value)
        except InvalidMonth:
            raise InvalidMonth(key="door.month_text", name=name, got=excerpt(value)) from None
    raise InvalidInputType(key="door.month_type", name=name, got=type_name(value))


def optional_month(value: object, name: str) -> Month | None:
    """``None`` or :func:`month`."""
    return None if value is None else month(value, name)


def _integer(value: object) -> int | None:
    """``value`` as an int when it is a whole number type (numpy's included), not a bool."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    return None


def yen(
    value: object, name: str, *, allow_negative: bool = False, limit: int = MAX_INPUT_YEN
) -> Yen:
    """G2: a :class:`Yen`, or an ``int`` of whole yen; at most ``limit`` in size (a fee or a
    price: ``MAX_INPUT_YEN``; an amount to tax, which may be a derived total: ``MAX_YEN``)."""
    amount = yen_amount(value, name, allow_negative=allow_negative, limit=limit)
    return value if isinstance(value, Yen) else Yen.of(amount)


def yen_amount(
    value: object, name: str, *, allow_negative: bool = False, limit: int = MAX_INPUT_YEN
) -> int:
    """:func:`yen`, as the whole number of yen (for a rule that computes on ints)."""
    if isinstance(value, Yen):
        amount = value.amount
    else:
        whole_amount = _integer(value)
        if whole_amount is None:
            raise InvalidMoney(key="door.yen_type", name=name, got=type_name(value))
        amount = whole_amount
    if not allow_negative and amount < 0:
        raise InvalidInput(key="door.negative", name=name, got=excerpt(amount))
    if abs(amount) > limit:
        raise InvalidInput(key="door.too_large_yen", name=name, limit=limit, got=excerpt(amount))
    return amount


def optional_yen(value: object, name: str) -> Yen | None:
    """``None`` or :func:`yen`."""
    return None if value is None else yen(value, name)


def whole(value: object, name: str, *, low: int = 0, high: int = 1200) -> int:
    """An ``int`` (not a bool; numpy integers too) in ``low..high``."""
    number = _integer(value)
    if number is None:
        raise InvalidInputType(key="door.whole_type", name=name, got=type_name(value))
    if not low <= number <= high:
        raise InvalidInput(key="door.range", name=name, low=low, high=high, got=excerpt(number))
    return number


def optional_whole(value: object, name: str, *, low: int = 0, high: int = 1200) -> int | None:
    """``None`` or :func:`whole`."""
    return None if value is None else whole(value, name, low=low, high=high)


# ---------------------------------------------------------------- text, choices, flags


def text(value: object, name: str) -> str:
    """A non-blank ``str`` of at most ``MAX_TEXT`` characters."""
    if not isinstance(value, str):
        raise InvalidInputType(key="door.text_type", name=name, got=type_name(value))
    if not value.strip():
        raise InvalidInput(key="door.blank", name=name)
    if len(value) > MAX_TEXT:
        raise InvalidInput(
            key="door.text_long", name=name, limit=MAX_TEXT, length=len(value), got=excerpt(value)
        )
    return value


def optional_text(value: object, name: str) -> str | None:
    """``None`` (or blank, meaning not given), else :func:`text`, stripped."""
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return text(value, name).strip()


_SPELLINGS: dict[type[enum.Enum], dict[str, enum.Enum]] = {}
"""Each enum's accepted spellings (value or name, case-folded), made on first use."""


def _spellings(kind: type[enum.Enum]) -> dict[str, enum.Enum]:
    found: dict[str, enum.Enum] = {}
    for candidate in kind:  # the first member that a spelling names wins, as it always has
        for spelling in (str(candidate.value).casefold(), candidate.name.casefold()):
            found.setdefault(spelling, candidate)
    return found


def member(value: Any, kind: type[E], name: str) -> E:
    """A member of the enum ``kind``, or its value or name as a string in any case."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str) and len(value) <= _ISO_TEXT_LIMIT:
        spellings = _SPELLINGS.get(kind)
        if spellings is None:
            spellings = _SPELLINGS[kind] = _spellings(kind)
        found = spellings.get(value)
        if found is None:
            found = spellings.get(value.strip().casefold())
        if found is not None:
            return found  # type: ignore[return-value]
    accepted = ", ".join(f"{m.name} ({m.value!r})" for m in kind)
    raise InvalidInput(key="door.choice", name=name, accepted=accepted, got=excerpt(value))


def flag(value: object, name: str) -> bool:
    """A ``bool`` (numpy's too), not an int or a string."""
    if isinstance(value, bool):
        return value
    if type(value).__name__ == "bool_":
        return bool(value)
    raise InvalidInputType(key="door.flag", name=name, got=type_name(value))


def optional_flag(value: object, name: str) -> bool | None:
    """``None`` (not known) or a ``bool``."""
    return None if value is None else flag(value, name)


def field(convert: Callable[[object, str], C], name: str) -> Callable[[object], C]:
    """An attrs converter that sends a field through the door under its own name.

    >>> field(yen, "monthly_fee")(5000)
    Yen(5000)
    """

    def converter(value: object) -> C:
        return convert(value, name)

    converter.__name__ = f"{convert.__name__}_{name}"
    return converter


def instance(value: object, kind: type[C], name: str) -> C:
    """``value`` if it is a ``kind`` (a clararules value such as a Contract)."""
    if not isinstance(value, kind):
        raise InvalidInputType(
            key="door.instance", name=name, kind=kind.__name__, got=type_name(value)
        )
    return value
