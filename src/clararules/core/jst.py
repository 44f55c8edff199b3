"""G1: Japan Standard Time, a fixed UTC+9 for every instant.

The conversions here take date and datetime *objects*; strings and every other carrier go
through the input door (``core.door``), which calls these.  JST is a fixed offset for every
instant, historical ones included: G1 puts the 1948-51 summer time and pre-1888 local mean
time outside the rules, so the zone database's Asia/Tokyo history is not used.
"""

from __future__ import annotations

import datetime as _dt
from typing import Final

import pendulum

from clararules.core.errors import InvalidInput, InvalidInputType, NaiveDateTimeError

__all__ = ["JST", "jst_day", "jst_instant"]

JST: Final = pendulum.FixedTimezone(9 * 3600, name="+09:00")
"""Japan Standard Time: UTC+9 with no DST, the zone every rule is evaluated in (G1)."""

_NINE_HOURS: Final = _dt.timedelta(hours=9)


def _jst_wall(value: _dt.datetime, name: str) -> _dt.datetime:
    """The wall time of an aware ``value`` at UTC+9 (refusing naive datetimes, G1)."""
    # Convert with the offset the value's own zone gives it (its rule for wall times in a DST
    # gap or fold), never by re-reading the wall time in another library's zone rules.
    offset = value.utcoffset()
    if offset is None:  # no zone, or a zone that gives no offset
        raise NaiveDateTimeError(key="jst.naive", name=name, value=value.isoformat())
    try:
        # Wall time + (9 h - offset): no detour through UTC, so 0001-01-01T05:00+09:00 works.
        if type(value) is _dt.datetime:
            # A stdlib sum is on wall fields and keeps the zone, of which only the fields are
            # read: no replace(), which costs more than the rest of the conversion.
            return value + (_NINE_HOURS - offset)
        # Other classes (pendulum's) may add in absolute time across their zone's changes.
        return _dt.datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
        ) + (_NINE_HOURS - offset)
    except OverflowError:
        raise InvalidInput(key="jst.range", name=name, value=value.isoformat()) from None


def jst_instant(value: _dt.date, name: str = "value") -> pendulum.DateTime:
    """G1: an aware datetime as a JST instant; a date is 00:00 JST that day."""
    if type(value) is pendulum.DateTime and value.tzinfo is JST:
        return value  # already a JST instant (what the library itself hands on)
    if isinstance(value, _dt.datetime):
        # Already at UTC+9 (in any zone): its own wall time; else converted (G1).
        local = value if value.utcoffset() == _NINE_HOURS else _jst_wall(value, name)
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
    if isinstance(value, _dt.date):
        return pendulum.DateTime(value.year, value.month, value.day, tzinfo=JST)
    raise InvalidInputType(key="jst.instant_type", name=name, got=type(value).__name__)


def jst_day(value: _dt.date, name: str = "value") -> pendulum.Date:
    """G1: the JST calendar day of a date or an aware datetime (pendulum's included)."""
    if isinstance(value, _dt.datetime):  # before date: pendulum.DateTime is a pendulum.Date
        local = _jst_wall(value, name)
        return pendulum.Date(local.year, local.month, local.day)
    if type(value) is pendulum.Date:
        return value
    if isinstance(value, _dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    raise InvalidInputType(key="jst.date_type", name=name, got=type(value).__name__)
