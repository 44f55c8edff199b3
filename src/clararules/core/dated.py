"""Dated values (G6): a parameter's values over time, each with the date it holds from and its
source, in the manner of OpenFisca's parameters; and the service lists of C9 and C10.

Internal: import the public names from ``clararules``.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.errors import (
    InvalidInput,
    InvalidInputType,
    ParameterNotInForce,
    excerpt,
    type_name,
)

__all__ = ["Dated", "Parameter", "ServiceList", "normalise_service_name", "since_text"]

T = TypeVar("T")

EPOCH = pendulum.Date(1, 1, 1)


def _since(value: object) -> pendulum.Date:
    return check.date(value, "since")


def _source(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInputType(key="G6.error.source_type", got=type_name(value))
    return value


_URL = re.compile(r"https?://\S+")


def _url(value: object) -> str | None:
    if value is None:
        return None
    url = check.text(value, "url")
    if not _URL.fullmatch(url):
        raise InvalidInput(key="G6.error.url", got=excerpt(url))
    return url


@attrs.frozen
class Dated(Generic[T]):
    """One value of a parameter, in force from ``since`` (a JST date) until the next one.

    ``source`` says where the value comes from; ``url`` is its address, where one is known.
    """

    since: pendulum.Date = attrs.field(converter=_since)
    value: T
    source: str = attrs.field(default="", converter=_source)
    url: str | None = attrs.field(default=None, converter=_url, kw_only=True)


def _check_history(instance: Parameter[T], attribute: object, value: tuple[Dated[T], ...]) -> None:
    if not isinstance(instance.name, str) or not instance.name.strip():
        raise InvalidInputType(key="G6.error.name_type", got=excerpt(instance.name))
    if not value:
        raise InvalidInput(key="G6.error.empty", name=excerpt(instance.name))
    for earlier, later in itertools.pairwise(value):
        if not earlier.since < later.since:
            raise InvalidInput(
                key="G6.error.order",
                name=excerpt(instance.name),
                earlier=earlier.since.isoformat(),
                later=later.since.isoformat(),
            )


def _history(value: Iterable[Dated[Any]]) -> tuple[Dated[Any], ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInputType(key="G6.error.history_type", got=type_name(value))
    history = tuple(value)
    for entry in history:
        if not isinstance(entry, Dated):
            raise InvalidInputType(key="G6.error.history_item", got=type_name(entry))
    return history


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInputType(key="G6.error.strings_type", got=type_name(value))
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidInputType(key="G6.error.strings_item", got=type_name(item))
    return items


@attrs.frozen
class Parameter(Generic[T]):
    """A named parameter: its values over time, oldest first.

    >>> from fractions import Fraction
    >>> rate = Parameter("tax", (Dated(pendulum.Date(2014, 4, 1), Fraction(8, 100)),
    ...                          Dated(pendulum.Date(2019, 10, 1), Fraction(10, 100))))
    >>> rate.at(pendulum.Date(2019, 9, 30)).value
    Fraction(2, 25)
    >>> rate.at(pendulum.Date(2019, 10, 1)).since
    Date(2019, 10, 1)
    >>> rate.at(pendulum.Date(2010, 1, 1))
    Traceback (most recent call last):
    ...
    clararules.core.errors.ParameterNotInForce: parameter 'tax' has no value before 2014-04-01...
    """

    name: str
    history: tuple[Dated[T], ...] = attrs.field(converter=_history, validator=_check_history)
    _starts: tuple[pendulum.Date, ...] = attrs.field(init=False, repr=False, eq=False)

    @_starts.default
    def _starts_default(self) -> tuple[pendulum.Date, ...]:
        return tuple(entry.since for entry in self.history)

    def at(self, on: _dt.date | str) -> Dated[T]:
        """The value in force on ``on`` (a date, or an aware datetime read in JST)."""
        kind = type(on)
        # A plain date is compared as it is (no pendulum copy); the rest through the door.
        day: _dt.date = (
            on  # type: ignore[assignment]  # by the exact type tested
            if kind is pendulum.Date or kind is _dt.date
            else check.date(on, "on")
        )
        starts = self._starts
        if len(starts) == 1 and day >= starts[0]:  # most parameters have one value
            return self.history[0]
        index = bisect.bisect_right(starts, day) - 1
        if index < 0:
            raise ParameterNotInForce(
                key="G6.error.not_in_force",
                name=excerpt(self.name),
                first=self.history[0].since.isoformat(),
                day=day.isoformat(),
            )
        return self.history[index]

    def until(self, entry: Dated[T]) -> pendulum.Date | None:
        """The day the value after ``entry`` (one of this history's) takes over; ``None`` for
        the last one.  With :meth:`at`, what a rule reading many ascending days needs to look
        up only when the value changes.

        >>> from fractions import Fraction
        >>> rate = Parameter("tax", (Dated(pendulum.Date(2014, 4, 1), Fraction(8, 100)),
        ...                          Dated(pendulum.Date(2019, 10, 1), Fraction(10, 100))))
        >>> rate.until(rate.history[0]), rate.until(rate.history[1])
        (Date(2019, 10, 1), None)
        """
        index = bisect.bisect_right(self._starts, entry.since)
        return self._starts[index] if index < len(self._starts) else None

    def with_value(self, since: _dt.date, value: T, source: str = "caller") -> Parameter[T]:
        """A copy with ``value`` in force from ``since`` (replacing a value of the same date)."""
        entry = Dated(since, value, source)
        kept = [e for e in self.history if e.since != entry.since]
        kept.append(entry)
        kept.sort(key=lambda e: e.since)
        return Parameter(self.name, tuple(kept))


def normalise_service_name(name: str) -> str:
    """A service name as compared by the rules: NFKC, case-folded, single spaces.

    >>> normalise_service_name("  ＦＬＥＸ   mini 2 ")
    'flex mini 2'
    """
    if not isinstance(name, str):
        raise InvalidInputType(key="G6.error.service_name_type", got=type_name(name))
    return _normalised(name)


@functools.lru_cache(maxsize=1024)
def _normalised(name: str) -> str:
    """The normal form of a service name (a pure function of a short string, kept for the
    names asked: a billing run asks the same few services again and again)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise_service_name(v) for v in _strings(values))


def _prefixes(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(normalise_service_name(v) for v in _strings(values)))


@attrs.frozen
class ServiceList:
    """A set of services: exact names (normalised) and name prefixes (e.g. the VPS series).

    >>> eol = ServiceList(names=["Flex Mini", "FPS"], prefixes=["VPS"])
    >>> eol.matches("flex mini"), eol.matches("VPS Pro 2"), eol.matches("Flex Mini Cube")
    (True, True, False)
    """

    names: frozenset[str] = attrs.field(converter=_names)
    prefixes: tuple[str, ...] = attrs.field(converter=_prefixes, default=())
    display: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def matches(self, service: str) -> bool:
        """Whether ``service`` is in the list."""
        name = normalise_service_name(service)
        return name in self.names or any(name.startswith(p) for p in self.prefixes)

    def shown(self) -> tuple[str, ...]:
        """The list as it is shown: ``display`` if given, else the names and ``prefix*``s.

        A prefix (an item ending in ``*``) reads as a series: "VPS series", 「VPSシリーズ」.
        """
        if self.display:
            return self.display
        return tuple(sorted(self.names)) + tuple(f"{p}*" for p in self.prefixes)

    def describe(self, lang: str = "en") -> str:
        """The list as a sentence fragment in ``lang``.

        >>> ServiceList(names=["FPS"], prefixes=["VPS"]).describe("ja")
        'fps、vpsシリーズ'
        """
        from clararules.core.i18n import format_figure

        return format_figure(self.shown(), "services", lang)


def since_text(since: pendulum.Date) -> str:
    """A dated value's start as a figure: its ISO date, ``0001-01-01`` for a first value.

    A message renders it with ``{x:since}`` ("always" / 「当初から」 for ``0001-01-01``).

    >>> since_text(pendulum.Date(2019, 10, 1)), since_text(pendulum.Date(1, 1, 1))
    ('2019-10-01', '0001-01-01')
    """
    return since.isoformat()
