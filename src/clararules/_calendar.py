"""Time (G1), calendar months and bank business days (G4).

Dates move only by whole days; month arithmetic happens on :class:`Month` values, never on
dates, so that no result depends on how a library clamps "January 31 + 1 month".
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
from typing import Final, overload

import attrs
import holidays
import pendulum

from ._errors import InvalidInput, InvalidInputType, InvalidMonth, NaiveDateTimeError

__all__ = [
    "JST",
    "Month",
    "add_days",
    "is_bank_business_day",
    "next_bank_business_day",
    "previous_bank_business_day",
    "to_date",
    "to_jst",
]

JST: Final = pendulum.timezone("Asia/Tokyo")
"""Japan Standard Time (UTC+9, no DST): the zone every rule is evaluated in (G1)."""

_UTC_PLUS_9: Final = _dt.timezone(_dt.timedelta(hours=9))
# Japan last observed daylight saving time in 1951; from 1952 on, Asia/Tokyo is a fixed +09:00,
# so the stdlib's fixed offset gives the same wall time much faster than the zone rules.
_FIXED_FROM_YEAR: Final = 1952
_MIN_ORDINAL: Final = _dt.date.min.toordinal()
_MAX_ORDINAL: Final = _dt.date.max.toordinal()

_ACCEPTED_INSTANTS = "an aware datetime.datetime / pendulum.DateTime, or a date (00:00 JST)"


def to_jst(value: _dt.date) -> pendulum.DateTime:
    """G1: the instant ``value`` in Japan Standard Time.

    An aware datetime in any zone is converted; a plain date means 00:00 JST that day; a
    naive datetime is refused, because it could be JST or UTC.

    >>> import datetime
    >>> to_jst(datetime.datetime(2026, 11, 30, 15, 0, tzinfo=datetime.timezone.utc))
    DateTime(2026, 12, 1, 0, 0, 0, tzinfo=Timezone('Asia/Tokyo'))
    >>> to_jst(datetime.date(2026, 12, 1))
    DateTime(2026, 12, 1, 0, 0, 0, tzinfo=Timezone('Asia/Tokyo'))
    >>> to_jst(datetime.datetime(2026, 12, 1, 9, 0))
    Traceback (most recent call last):
    ...
    clararules._errors.NaiveDateTimeError: naive datetime 2026-12-01T09:00:00 has no time zone...
    """
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDateTimeError(
                f"naive datetime {value.isoformat()} has no time zone; it could be JST or UTC."
                f" Give an aware datetime (e.g. tzinfo=ZoneInfo('Asia/Tokyo')) or a plain date"
            )
        # Convert with the offset the stdlib gives the value (its own rule for wall times in a
        # DST gap or fold), not by re-reading the wall time in another library's zone rules.
        try:
            local = value.astimezone(_UTC_PLUS_9)
        except OverflowError:
            raise InvalidInput(
                f"{value.isoformat()} is outside the supported dates in JST "
                f"(0001-01-01..9999-12-31)"
            ) from None
        if local.year >= _FIXED_FROM_YEAR:
            return pendulum.DateTime(
                local.year,
                local.month,
                local.day,
                local.hour,
                local.minute,
                local.second,
                local.microsecond,
                tzinfo=JST,
            )
        return pendulum.instance(value.astimezone(_dt.UTC)).in_timezone(JST)
    if isinstance(value, _dt.date):
        return pendulum.datetime(value.year, value.month, value.day, tz=JST)
    raise InvalidInputType(f"expected {_ACCEPTED_INSTANTS}, got {type(value).__name__}")


def to_date(value: _dt.date) -> pendulum.Date:
    """G1: the JST calendar date of ``value`` (a date, or an aware datetime in any zone).

    >>> import datetime
    >>> to_date(datetime.datetime(2026, 11, 30, 15, 0, tzinfo=datetime.timezone.utc))
    Date(2026, 12, 1)
    >>> to_date(datetime.date(2026, 2, 28))
    Date(2026, 2, 28)
    """
    if isinstance(value, pendulum.Date):
        return value
    if isinstance(value, _dt.datetime):
        jst = to_jst(value)
        return pendulum.Date(jst.year, jst.month, jst.day)
    if isinstance(value, _dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    raise InvalidInputType(
        f"expected a date or an aware datetime, got {type(value).__name__}: {value!r}"
    )


def _check_year(instance: Month, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputType(f"Month.year must be an int, got {type(value).__name__}")
    if not 1 <= value <= 9999:
        raise InvalidMonth(f"Month.year must be in 1..9999, got {value}")


def _check_month(instance: Month, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputType(f"Month.month must be an int, got {type(value).__name__}")
    if not 1 <= value <= 12:
        raise InvalidMonth(f"Month.month must be in 1..12 (January..December), got {value}")


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
    clararules._errors.InvalidMonth: Month.month must be in 1..12 (January..December), got 13
    """

    year: int = attrs.field(validator=_check_year)
    month: int = attrs.field(validator=_check_month)

    @classmethod
    def of(cls, value: _dt.date) -> Month:
        """The month containing ``value`` (an aware datetime is read in JST, G1)."""
        d = to_date(value)
        return cls(d.year, d.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """A month from ``"YYYY-MM"``."""
        if not isinstance(text, str):
            raise InvalidInputType(f"expected a 'YYYY-MM' string, got {type(text).__name__}")
        parts = text.strip().split("-")
        if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
            raise InvalidMonth(f"expected a month as 'YYYY-MM' (e.g. '2026-12'), got {text!r}")
        return cls(int(parts[0]), int(parts[1]))

    @property
    def index(self) -> int:
        """Months since January of year 0: ``Month(a) - Month(b) == a.index - b.index``."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Month:
        """The inverse of :attr:`index`."""
        year, month0 = divmod(index, 12)
        if not 1 <= year <= 9999:
            raise InvalidMonth(f"month arithmetic left the years 1..9999 (year {year})")
        # The month is in 1..12 by construction; skip the validators on this hot path.
        made = object.__new__(cls)
        object.__setattr__(made, "year", year)
        object.__setattr__(made, "month", month0 + 1)
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
        return pendulum.Date(self.year, self.month, 1)

    @property
    def last_day(self) -> pendulum.Date:
        """The last day of the month (28, 29, 30 or 31)."""
        return pendulum.Date(self.year, self.month, _days_in_month(self.year, self.month))

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


@functools.lru_cache(maxsize=10000)
def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@functools.lru_cache(maxsize=512)
def _bank_holidays(year: int) -> frozenset[_dt.date]:
    """G4: Japanese national holidays (substitute and citizens' holidays included) and the
    bank holidays 12/31, 1/1-1/3, from the ``holidays`` package's PUBLIC + BANK categories."""
    calendar_ = holidays.country_holidays(
        "JP", categories=(holidays.PUBLIC, holidays.BANK), years=year
    )
    return frozenset(calendar_.keys())


def add_days(value: pendulum.Date, days: int) -> pendulum.Date:
    """``value`` moved by a whole number of days (the only way dates move in clararules).

    >>> add_days(pendulum.Date(2024, 2, 28), 1), add_days(pendulum.Date(2027, 3, 31), -7)
    (Date(2024, 2, 29), Date(2027, 3, 24))
    """
    ordinal = value.toordinal() + days
    if not _MIN_ORDINAL <= ordinal <= _MAX_ORDINAL:
        raise InvalidInput(
            f"{value} moved by {days} day(s) leaves the supported dates 0001-01-01..9999-12-31"
        )
    return pendulum.Date.fromordinal(ordinal)


def is_bank_business_day(value: _dt.date) -> bool:
    """G4: Monday-Friday, not a national holiday, not 12/31 or 1/1-1/3.

    >>> is_bank_business_day(pendulum.Date(2026, 6, 29))   # a Monday
    True
    >>> is_bank_business_day(pendulum.Date(2026, 6, 27))   # a Saturday
    False
    >>> is_bank_business_day(pendulum.Date(2026, 12, 31))  # bank holiday
    False
    """
    d = to_date(value)
    return d.isoweekday() <= 5 and d not in _bank_holidays(d.year)


def next_bank_business_day(value: _dt.date) -> pendulum.Date:
    """G4: ``value`` itself when it is a bank business day, else the next one.

    >>> next_bank_business_day(pendulum.Date(2026, 12, 27))  # Sunday, then 12/31..1/3
    Date(2026, 12, 28)
    >>> next_bank_business_day(pendulum.Date(2026, 12, 31))
    Date(2027, 1, 4)
    """
    d = to_date(value)
    while not is_bank_business_day(d):
        d = add_days(d, 1)
    return d


def previous_bank_business_day(value: _dt.date) -> pendulum.Date:
    """G4: ``value`` itself when it is a bank business day, else the one before.

    >>> previous_bank_business_day(pendulum.Date(2027, 1, 3))
    Date(2026, 12, 30)
    """
    d = to_date(value)
    while not is_bank_business_day(d):
        d = add_days(d, -1)
    return d
