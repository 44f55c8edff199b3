"""G1 (time zone), Month arithmetic, and G4 (bank business days)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clararules import (
    InvalidMonth,
    Month,
    NaiveDateTimeError,
    is_bank_business_day,
    next_bank_business_day,
    to_date,
    to_jst,
)
from clararules.core.errors import InvalidInputType

from ..strategies import dates, instants, months

TOKYO = ZoneInfo("Asia/Tokyo")


# ---------------------------------------------------------------- G1


def test_g1_naive_datetime_refused():
    """G1: a naive datetime is refused with NaiveDateTimeError, also a ValueError."""
    with pytest.raises(NaiveDateTimeError, match="aware datetime"):
        to_jst(dt.datetime(2026, 12, 1, 9, 0))
    with pytest.raises(ValueError):
        to_date(dt.datetime(2026, 12, 1, 9, 0))


def test_g1_utc_evening_is_next_jst_day():
    """G1: 2026-11-30 15:00 UTC is 2026-12-01 00:00 JST."""
    assert to_jst(dt.datetime(2026, 11, 30, 15, tzinfo=dt.UTC)) == pendulum.datetime(
        2026, 12, 1, tz="Asia/Tokyo"
    )
    assert to_date(dt.datetime(2026, 11, 30, 14, 59, 59, tzinfo=dt.UTC)) == dt.date(2026, 11, 30)


def test_g1_plain_date_is_jst_midnight():
    """G1: a plain date means 00:00 JST of that date."""
    assert to_jst(dt.date(2026, 12, 1)).isoformat() == "2026-12-01T00:00:00+09:00"


@pytest.mark.parametrize("bad", [20261201, None, 1.0, b"2026-12-01", ["2026-12-01"]])
def test_g1_wrong_types_refused(bad):
    """G1: numbers, bytes, lists and None are refused with a typed error."""
    with pytest.raises(InvalidInputType):
        to_jst(bad)


@given(instants)
@example(dt.datetime(1998, 10, 11, 0, 0, tzinfo=ZoneInfo("Brazil/East")))  # in a DST gap
def test_g1_to_jst_is_the_same_instant(value):
    """G1: conversion keeps the instant and agrees with the stdlib's zoneinfo."""
    jst = to_jst(value)
    # Compare timestamps: Python refuses == across zones for wall times in a DST gap or fold.
    assert jst.timestamp() == value.timestamp()
    assert jst.utcoffset() == dt.timedelta(hours=9)
    stdlib = value.astimezone(TOKYO)
    assert (jst.year, jst.month, jst.day, jst.hour, jst.minute) == (
        stdlib.year,
        stdlib.month,
        stdlib.day,
        stdlib.hour,
        stdlib.minute,
    )
    assert to_date(value) == stdlib.date()


# ---------------------------------------------------------------- Month


@pytest.mark.parametrize(
    ("year", "month"), [(2026, 0), (2026, 13), (0, 1), (10000, 1), (2026, -1)]
)
def test_month_out_of_range(year, month):
    """Month: a month outside 1..12 or a year outside 1..9999 is refused."""
    with pytest.raises(InvalidMonth):
        Month(year, month)


@pytest.mark.parametrize("bad", [1.0, True, "12"])
def test_month_refuses_non_int(bad):
    """Month: floats, bools and strings are refused."""
    with pytest.raises(InvalidInputType):
        Month(2026, bad)


@pytest.mark.parametrize("text", ["2026-13", "2026/12", "26-1-1", "", "２０２６-12"])
def test_month_parse_refuses(text):
    """Month.parse: only YYYY-MM with ASCII digits and a valid month."""
    with pytest.raises(InvalidMonth):
        Month.parse(text)


def test_month_leap_february():
    """Month: February has 29 days in 2024 and 2000, 28 in 2026 and 1900."""
    assert Month(2024, 2).last_day.day == 29
    assert Month(2000, 2).last_day.day == 29
    assert Month(2026, 2).last_day.day == 28
    assert Month(1900, 2).last_day.day == 28


@given(months, st.integers(-1200, 1200))
def test_month_add_sub_round_trip(m, n):
    """Month: (m + n) - n == m and (m + n) - m == n."""
    assert (m + n) - n == m
    assert (m + n) - m == n


@given(months, months)
def test_month_order_matches_difference(a, b):
    """Month: a < b exactly when b - a > 0."""
    assert (a < b) == (b - a > 0)


@given(months)
def test_month_days(m):
    """Month: first day is the 1st, the day after the last day is the next month's first."""
    assert m.first_day.day == 1
    assert m.last_day.add(days=1) == (m + 1).first_day
    assert Month.of(m.last_day) == m == Month.parse(str(m))


@given(dates)
def test_month_of_contains_date(d):
    """Month.of: the date lies between its month's first and last days."""
    m = Month.of(d)
    assert m.first_day <= d <= m.last_day


# ---------------------------------------------------------------- G4


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 12, 31), False),  # bank holiday
        (dt.date(2027, 1, 1), False),
        (dt.date(2027, 1, 2), False),
        (dt.date(2027, 1, 3), False),
        (dt.date(2027, 1, 4), True),
        (dt.date(2026, 5, 6), False),  # substitute holiday (Constitution Day on a Sunday)
        (dt.date(2026, 9, 22), False),  # citizens' holiday between 9/21 and 9/23
        (dt.date(2026, 6, 27), False),  # Saturday
        (dt.date(2026, 6, 28), False),  # Sunday
        (dt.date(2026, 6, 29), True),
        (dt.date(2026, 12, 30), True),
    ],
)
def test_g4_examples(day, expected):
    """G4: weekends, national, substitute, citizens' and 12/31-1/3 bank holidays."""
    assert is_bank_business_day(day) is expected


@given(dates)
def test_g4_next_business_day(d):
    """G4: the next business day is a business day, on or after d, and none lies between."""
    nxt = next_bank_business_day(d)
    assert nxt >= d
    assert is_bank_business_day(nxt)
    assert (nxt - d).days <= 10
    day = pendulum.Date(d.year, d.month, d.day)
    while day < nxt:
        assert not is_bank_business_day(day)
        day = day.add(days=1)


@given(dates)
@example(dt.date(2026, 12, 31))
def test_g4_idempotent(d):
    """G4: next_bank_business_day is idempotent, and returns d itself on a business day."""
    nxt = next_bank_business_day(d)
    assert next_bank_business_day(nxt) == nxt
    if is_bank_business_day(d):
        assert nxt == d


@given(dates)
def test_g4_weekends_are_closed(d):
    """G4: Saturdays and Sundays are never bank business days."""
    if d.isoweekday() >= 6:
        assert not is_bank_business_day(d)
