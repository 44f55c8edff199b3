"""Calendar months (the unit of every contract rule) as values.

Month arithmetic happens on :class:`Month` values, never on dates, so that no result depends on
how a library clamps "January 31 + 1 month".
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
from typing import overload

import attrs
import pendulum

from clararules.core.errors import InvalidInputType, InvalidMonth, excerpt

__all__ = ["Month", "days_in_month"]


def _check_year(instance: Month, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputType(key="months.type", part="year", got=type(value).__name__)
    if not 1 <= value <= 9999:
        raise InvalidMonth(key="months.year_range", got=excerpt(value))


def _check_month(instance: Month, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputType(key="months.type", part="month", got=type(value).__name__)
    if not 1 <= value <= 12:
        raise InvalidMonth(key="months.month_range", got=excerpt(value))


@attrs.frozen(order=False)
class Month:
    """A calendar month, the unit of every contract rule.

    >>> m = Month(2026, 11)
    >>> m.first_day, m.last_day
    (Date(2026, 11, 1), Date(2026, 11, 30))
    >>> m + 2, m - 11, Month(2027, 3) - m
    (Month(year=2027, month=1), Month(year=2025, month=12), 4)
    >>> Month.of(pendulum.Date(2024, 2, 10)).last_day
    Date(2024, 2, 29)
    >>> str(Month.parse("2026-12"))
    '2026-12'
    >>> Month(2026, 13)
    Traceback (most recent call last):
    ...
    clararules.core.errors.InvalidMonth: Month.month must be in 1..12 (January..December), got 13
    """

    year: int = attrs.field(validator=_check_year)
    month: int = attrs.field(validator=_check_month)

    @classmethod
    def of(cls, value: _dt.date) -> Month:
        """The month containing ``value`` (an aware datetime is read in JST, G1)."""
        from clararules.core.door import date  # the input door imports this module

        d = date(value, "value")
        return cls.from_index(d.year * 12 + d.month - 1)

    @classmethod
    def parse(cls, text: str) -> Month:
        """A month from ``"YYYY-MM"``."""
        if not isinstance(text, str):
            raise InvalidInputType(key="months.text_type", got=type(text).__name__)
        parts = text.strip().split("-")
        if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
            raise InvalidMonth(key="months.text", got=excerpt(text))
        return cls(int(parts[0]), int(parts[1]))

    @property
    def index(self) -> int:
        """Months since January of year 0: ``Month(a) - Month(b) == a.index - b.index``."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Month:
        """The inverse of :attr:`index`.

        Months are immutable values, so the one made for an index is kept and handed out
        again (at most 119,988 of them: years 1..9999), as are its first and last days.
        """
        made = _MONTHS.get(index)
        if made is not None:
            return made
        year, month0 = divmod(index, 12)
        if not 1 <= year <= 9999:
            raise InvalidMonth(key="months.range", year=year)
        # The month is in 1..12 by construction; skip the validators on this hot path.
        made = object.__new__(Month)
        object.__setattr__(made, "year", year)
        object.__setattr__(made, "month", month0 + 1)
        _MONTHS[index] = made
        return made

    def __lt__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    def __le__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) <= (other.year, other.month)

    def __gt__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) > (other.year, other.month)

    def __ge__(self, other: Month) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) >= (other.year, other.month)

    @property
    def first_day(self) -> pendulum.Date:
        """The first day of the month."""
        index = self.year * 12 + self.month - 1
        day = _FIRST_DAYS.get(index)
        if day is None:
            day = _FIRST_DAYS[index] = pendulum.Date(self.year, self.month, 1)
        return day

    @property
    def last_day(self) -> pendulum.Date:
        """The last day of the month (28, 29, 30 or 31)."""
        index = self.year * 12 + self.month - 1
        day = _LAST_DAYS.get(index)
        if day is None:
            day = _LAST_DAYS[index] = pendulum.Date(
                self.year, self.month, days_in_month(self.year, self.month)
            )
        return day

    def __add__(self, months: int) -> Month:
        if not isinstance(months, int) or isinstance(months, bool):
            return NotImplemented
        return Month.from_index(self.index + months)

    __radd__ = __add__

    @overload
    def __sub__(self, other: Month) -> int: ...
    @overload
    def __sub__(self, other: int) -> Month: ...
    def __sub__(self, other: Month | int) -> Month | int:
        if isinstance(other, Month):
            return self.index - other.index
        if isinstance(other, int) and not isinstance(other, bool):
            return Month.from_index(self.index - other)
        return NotImplemented

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


_MONTHS: dict[int, Month] = {}
"""Every month made by :meth:`Month.from_index`, by index (pure: a month is a value)."""
_LAST_DAYS: dict[int, pendulum.Date] = {}
"""The last day of each month asked, by index (pure)."""
_FIRST_DAYS: dict[int, pendulum.Date] = {}
"""The first day of each month asked, by index (pure)."""


def clear_caches() -> None:
    """Forget the months and days kept (for tests that check what the code computes)."""
    _MONTHS.clear()
    _LAST_DAYS.clear()
    _FIRST_DAYS.clear()
    days_in_month.cache_clear()


@functools.lru_cache(maxsize=10000)
def days_in_month(year: int, month: int) -> int:
    """How many days the month has (28..31).

    >>> days_in_month(2024, 2), days_in_month(2100, 2)
    (29, 28)
    """
    return calendar.monthrange(year, month)[1]
