"""Bank business days (G4), and the re-exports of the time and month values (G1).

Dates move only by whole days (:func:`add_days`); month arithmetic happens on
:class:`~clararules.Month` values, never on dates.

G4's weekends and the bank holidays 12/31 and 1/1-1/3 hold in every year.  National holidays
come from the ``holidays`` package, which knows Japan's for a range of years only (1949-2099 in
the versions this project supports); for a weekday outside that range the answer is a
:class:`~clararules.CalendarNotCovered` refusal naming the covered years, never a guess.
"""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Final

import pendulum

from clararules.core import door as check
from clararules.core.door import to_date, to_jst
from clararules.core.errors import CalendarNotCovered, InvalidInput
from clararules.core.jst import JST
from clararules.core.months import Month, days_in_month

__all__ = [
    "JST",
    "Month",
    "add_days",
    "covered_years",
    "days_in_month",
    "is_bank_business_day",
    "next_bank_business_day",
    "previous_bank_business_day",
    "to_date",
    "to_jst",
]

_MIN_ORDINAL: Final = _dt.date.min.toordinal()
_MAX_ORDINAL: Final = _dt.date.max.toordinal()
_date_of_ordinal: Final = _dt.date.__dict__["fromordinal"].__get__(None, pendulum.Date)
"""``pendulum.Date.fromordinal`` through the C constructor (pendulum's own is pure Python,
three times slower): a ``pendulum.Date`` from a proleptic Gregorian ordinal."""

_BANK_CLOSED: Final = ((12, 31), (1, 1), (1, 2), (1, 3))
"""G4: the bank holidays that hold in every year (Banking Act enforcement order)."""


@functools.cache
def covered_years() -> range:
    """The years whose Japanese national holidays the calendar source knows (G4).

    >>> covered_years()[0], covered_years()[-1]
    (1949, 2099)
    """
    import holidays  # imported when a bank day is first asked for, not at import

    japan = holidays.country_holidays("JP")
    return range(japan.start_year, japan.end_year + 1)


@functools.lru_cache(maxsize=512)
def _national_holidays(year: int) -> frozenset[_dt.date]:
    """G4: Japan's national holidays (substitute and citizens' holidays included) and bank
    holidays of ``year``, from the ``holidays`` package's PUBLIC + BANK categories."""
    import holidays

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
        raise InvalidInput(key="G4.error.add_days", day=value.isoformat(), days=days)
    day: pendulum.Date = _date_of_ordinal(ordinal)
    return day


def _is_business_day(d: _dt.date) -> bool:
    if d.isoweekday() > 5 or (d.month, d.day) in _BANK_CLOSED:
        return False
    if d.year not in covered_years():
        years = covered_years()
        raise CalendarNotCovered(
            key="G4.error.not_covered",
            year=d.year,
            first=years[0],
            last=years[-1],
            day=d.isoformat(),
        )
    return d not in _national_holidays(d.year)


_BUSINESS: dict[int, bool] = {}
"""Whether each day asked (by ordinal) is a bank business day (pure, within the calendar)."""
_NEXT: dict[int, pendulum.Date] = {}
_PREVIOUS: dict[int, pendulum.Date] = {}
"""The bank business day on or after (before) each day asked, by ordinal (pure)."""


_LIMIT: Final = 100_000
"""Days kept at most per cache (the calendar's 151 years are about 55,000 days)."""


def clear_caches() -> None:
    """Forget the days kept (for tests that check what the code computes)."""
    for kept in (_BUSINESS, _NEXT, _PREVIOUS):
        kept.clear()


def _ordinal(value: object) -> int:
    """The JST day of ``value`` as an ordinal (a plain date as it is; the rest by the door)."""
    kind = type(value)
    if kind is pendulum.Date or kind is _dt.date:
        return value.toordinal()  # type: ignore[attr-defined,no-any-return]
    return check.date(value, "day").toordinal()


def _business(ordinal: int) -> bool:
    known = _BUSINESS.get(ordinal)
    if known is None:
        # Day 1 (0001-01-01) is a Monday: a weekend is told from the ordinal alone.
        weekend = (ordinal - 1) % 7 >= 5
        known = not weekend and _is_business_day(_dt.date.fromordinal(ordinal))
        if len(_BUSINESS) >= _LIMIT:  # any day of years 1-9999 may be asked (a server's input)
            _BUSINESS.clear()
        _BUSINESS[ordinal] = known
    return known


def _moved(ordinal: int, step: int, kept: dict[int, pendulum.Date]) -> pendulum.Date:
    found = kept.get(ordinal)
    if found is None:
        moved = ordinal
        while not _business(moved):
            moved += step
            if not _MIN_ORDINAL <= moved <= _MAX_ORDINAL:  # as add_days refuses it
                day = _dt.date.fromordinal(moved - step).isoformat()
                raise InvalidInput(key="G4.error.add_days", day=day, days=step)
        found = _date_of_ordinal(moved)
        if len(kept) >= _LIMIT:
            kept.clear()
        kept[ordinal] = found
    return found


def is_bank_business_day(value: _dt.date | str) -> bool:
    """G4: Monday-Friday, not a national holiday, not 12/31 or 1/1-1/3.

    >>> is_bank_business_day(pendulum.Date(2026, 6, 29))   # a Monday
    True
    >>> is_bank_business_day(pendulum.Date(2026, 6, 27))   # a Saturday
    False
    >>> is_bank_business_day(pendulum.Date(2026, 12, 31))  # bank holiday
    False
    >>> is_bank_business_day("2100-01-01")  # 1/1 is closed in every year
    False
    >>> is_bank_business_day("2100-01-04")
    Traceback (most recent call last):
    ...
    clararules.core.errors.CalendarNotCovered: the national holidays of 2100 are not known ...
    """
    return _business(_ordinal(value))


def next_bank_business_day(value: _dt.date | str) -> pendulum.Date:
    """G4: ``value`` itself when it is a bank business day, else the next one.

    >>> next_bank_business_day(pendulum.Date(2026, 12, 27))  # Sunday, then 12/31..1/3
    Date(2026, 12, 28)
    >>> next_bank_business_day(pendulum.Date(2026, 12, 31))
    Date(2027, 1, 4)
    """
    return _moved(_ordinal(value), 1, _NEXT)


def previous_bank_business_day(value: _dt.date | str) -> pendulum.Date:
    """G4: ``value`` itself when it is a bank business day, else the one before.

    >>> previous_bank_business_day(pendulum.Date(2027, 1, 3))
    Date(2026, 12, 30)
    """
    return _moved(_ordinal(value), -1, _PREVIOUS)
