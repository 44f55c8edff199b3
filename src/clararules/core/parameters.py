"""Dated parameters (G6): figures the provider changes over time, held as data.

Every value carries the date from which it holds and its source, in the manner of OpenFisca's
parameters.  A computation looks values up by its own date, and names each value it used
(with that date) in its explanation (G5).  A caller can pass its own :class:`Parameters`
(e.g. with a future tax rate) without editing the package.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from fractions import Fraction
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
from clararules.core.frozen import FrozenDict
from clararules.core.money import Yen
from clararules.domains.names import DomainKind

__all__ = [
    "DEFAULT_PARAMETERS",
    "ClosingBasis",
    "Dated",
    "Parameter",
    "Parameters",
    "RestoreClose",
    "RestoreRule",
    "ServiceList",
    "normalise_service_name",
]

T = TypeVar("T")

_EPOCH = pendulum.Date(1, 1, 1)


def _since(value: object) -> pendulum.Date:
    return check.date(value, "since")


def _source(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInputType(key="G6.error.source_type", got=type_name(value))
    return value


@attrs.frozen
class Dated(Generic[T]):
    """One value of a parameter, in force from ``since`` (a JST date) until the next one."""

    since: pendulum.Date = attrs.field(converter=_since)
    value: T
    source: str = attrs.field(default="", converter=_source)


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

    def at(self, on: _dt.date) -> Dated[T]:
        """The value in force on ``on`` (a date, or an aware datetime read in JST)."""
        day = check.date(on, "on")
        index = bisect.bisect_right(self._starts, day) - 1
        if index < 0:
            raise ParameterNotInForce(
                key="G6.error.not_in_force",
                name=excerpt(self.name),
                first=self.history[0].since.isoformat(),
                day=day.isoformat(),
            )
        return self.history[index]

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


class ClosingBasis(enum.Enum):
    """Where the closing date of a restore window comes from (D9)."""

    REGISTRY_RULE = "registry_rule"
    """A registry's published rule (JPRS, or the registrars' schedule for attribute .jp)."""
    ESTIMATE = "estimate"
    """An estimate from a general rule (gTLD redemption period, assuming deletion at the end)."""
    PROVIDER_DEADLINE = "provider_deadline"
    """The provider's own deadline, set by the caller, which falls before the registry's."""
    UNKNOWN = "unknown"
    """Not known: ask support."""


class RestoreClose(enum.Enum):
    """How a restore window's closing date is computed (D9)."""

    DAY_OF_MONTH_AFTER_EXPIRY = "day_of_month_after_expiry"
    """The given day of the month after the registry expiry month."""
    DAYS_AFTER_CONTRACT_END = "days_after_contract_end"
    """The given number of days after the contract end."""
    UNKNOWN = "unknown"


def _close(value: object) -> RestoreClose:
    return check.member(value, RestoreClose, "close")


def _basis(value: object) -> ClosingBasis:
    return check.member(value, ClosingBasis, "basis")


_SUMMARY_KEY = re.compile(r"D9\.rule\.[a-z0-9_]{1,40}")
"""The keys of the D9 sentences that state a restore rule (``D9.rule.jprs``...)."""


def _summary(value: object) -> str:
    key = check.text(value, "summary")
    if not _SUMMARY_KEY.fullmatch(key):
        raise InvalidInput(key="D9.error.summary_key", got=excerpt(key))
    return key


_NO_CLOSE_SUMMARIES = frozenset({"D9.rule.attribute_jp_unpublished", "D9.rule.unknown"})
"""The D9 sentences of a rule whose close is unknown (they name no closing date)."""


def _check_summary(instance: RestoreRule, attribute: object, value: str) -> None:
    if (instance.close is RestoreClose.UNKNOWN) != (value in _NO_CLOSE_SUMMARIES):
        raise InvalidInput(
            key="D9.error.summary_close", summary=excerpt(value), close=instance.close.value
        )


def _check_rule_value(instance: RestoreRule, attribute: object, value: int | None) -> None:
    if instance.close is RestoreClose.UNKNOWN:
        if value is not None:
            raise InvalidInput(key="D9.error.rule_value_unknown", got=excerpt(value))
    elif instance.close is RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY:
        check.whole(value, "restore rule day of month", low=1, high=28)
    else:
        check.whole(value, "restore rule days after the contract end", low=1, high=400)


@attrs.frozen
class RestoreRule:
    """The registry rule closing the restore window of one kind of domain name (D9).

    ``value`` is the day of the month (1..28, a day every month has) or the number of days
    (1..400); ``None`` when the close is unknown.  ``summary`` is the key of the D9 sentence
    that states the rule in the explanation (``D9.rule.jprs``, ``D9.rule.attribute_jp``,
    ``D9.rule.attribute_jp_unpublished``, ``D9.rule.gtld``, ``D9.rule.unknown``); its figures
    are the kind of name, the rule's start (``rule_since``), ``value``, the registry's closing
    date (``closes``, ``None`` when unknown) and ``basis``.  A rule with an unknown close takes
    one of the sentences that say so (``...unpublished``, ``...unknown``).

    >>> RestoreRule(RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY, 25, ClosingBasis.REGISTRY_RULE,
    ...             "D9.rule.jprs").summary
    'D9.rule.jprs'
    """

    close: RestoreClose = attrs.field(converter=_close)
    value: int | None = attrs.field(validator=_check_rule_value)
    basis: ClosingBasis = attrs.field(converter=_basis)
    summary: str = attrs.field(converter=_summary, validator=_check_summary)


_JPRS = "JPRS, JP domain name lifecycle (Suspended one month, restore requests on days 1-20)"
_ATTR = "registrar notice of 2014-11-10: attribute .jp restorable until the 15th of the next month"
_RGP = "RFC 3915 and ICANN ERRP: 30-day redemption grace period after deletion (gTLDs)"


def _default_restore_rules() -> Mapping[DomainKind, Parameter[RestoreRule]]:
    jprs = RestoreRule(
        RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY,
        20,
        ClosingBasis.REGISTRY_RULE,
        "D9.rule.jprs",
    )
    attribute = RestoreRule(
        RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY,
        15,
        ClosingBasis.REGISTRY_RULE,
        "D9.rule.attribute_jp",
    )
    unknown_attribute = RestoreRule(
        RestoreClose.UNKNOWN,
        None,
        ClosingBasis.UNKNOWN,
        "D9.rule.attribute_jp_unpublished",
    )
    gtld = RestoreRule(
        RestoreClose.DAYS_AFTER_CONTRACT_END,
        30,
        ClosingBasis.ESTIMATE,
        "D9.rule.gtld",
    )
    unknown = RestoreRule(
        RestoreClose.UNKNOWN,
        None,
        ClosingBasis.UNKNOWN,
        "D9.rule.unknown",
    )
    return FrozenDict(
        {
            DomainKind.GENERIC_JP: Parameter("restore_generic_jp", (Dated(_EPOCH, jprs, _JPRS),)),
            DomainKind.GEOGRAPHIC_JP: Parameter(
                "restore_geographic_jp", (Dated(_EPOCH, jprs, _JPRS),)
            ),
            DomainKind.ATTRIBUTE_JP: Parameter(
                "restore_attribute_jp",
                (
                    Dated(_EPOCH, unknown_attribute, "no published schedule"),
                    Dated(pendulum.Date(2014, 11, 10), attribute, _ATTR),
                ),
            ),
            DomainKind.GTLD: Parameter("restore_gtld", (Dated(_EPOCH, gtld, _RGP),)),
            DomainKind.OTHER: Parameter(
                "restore_other", (Dated(_EPOCH, unknown, "sources: ask support"),)
            ),
        }
    )


def since_text(since: pendulum.Date) -> str:
    """A dated value's start as a figure: its ISO date, ``0001-01-01`` for a first value.

    A message renders it with ``{x:since}`` ("always" / 「当初から」 for ``0001-01-01``).

    >>> since_text(pendulum.Date(2019, 10, 1)), since_text(pendulum.Date(1, 1, 1))
    ('2019-10-01', '0001-01-01')
    """
    return since.isoformat()


_TAX_SOURCE = "Consumption Tax Act and its amendments (standard rate)"


def _default_tax() -> Parameter[Fraction]:
    return Parameter(
        "consumption_tax_rate",
        (
            Dated(_EPOCH, Fraction(0), "no consumption tax before 1989-04-01"),
            Dated(pendulum.Date(1989, 4, 1), Fraction(3, 100), _TAX_SOURCE),
            Dated(pendulum.Date(1997, 4, 1), Fraction(5, 100), _TAX_SOURCE),
            Dated(pendulum.Date(2014, 4, 1), Fraction(8, 100), _TAX_SOURCE),
            Dated(pendulum.Date(2019, 10, 1), Fraction(10, 100), _TAX_SOURCE),
        ),
    )


_FAQ_2022 = "Clara support FAQ, updated 2022-06-16"


def _parameter_of(
    value: object, name: str, kind: type | tuple[type, ...], expected: str
) -> Parameter[Any]:
    parameter = check.instance(value, Parameter, name)
    for entry in parameter.history:
        if isinstance(entry.value, bool) or not isinstance(entry.value, kind):
            raise InvalidInputType(
                key="G6.error.value_type",
                name=name,
                expected=expected,
                got=type_name(entry.value),
                since=entry.since.isoformat(),
            )
    return parameter


def _os_support_ended(value: object) -> Parameter[ServiceList]:
    return _parameter_of(value, "os_support_ended", ServiceList, "clararules.ServiceList")


def _annual_prepaid_services(value: object) -> Parameter[ServiceList]:
    return _parameter_of(value, "annual_prepaid_services", ServiceList, "clararules.ServiceList")


def _fee(value: object) -> Parameter[Yen]:
    parameter = _parameter_of(value, "restore_fee", Yen, "clararules.Yen")
    for entry in parameter.history:
        check.yen(entry.value, "restore_fee")
    return parameter


def _restore_rules(value: object) -> Mapping[DomainKind, Parameter[RestoreRule]]:
    if not isinstance(value, Mapping):
        raise InvalidInputType(key="G6.error.rules_type", got=type_name(value))
    rules: dict[DomainKind, Parameter[RestoreRule]] = {}
    for key, parameter in value.items():
        kind = check.member(key, DomainKind, "restore_rules key")
        rules[kind] = _parameter_of(
            parameter, f"restore_rules[{kind.value}]", RestoreRule, "clararules.RestoreRule"
        )
    missing = tuple(kind.value for kind in DomainKind if kind not in rules)
    if missing:
        raise InvalidInput(key="D9.error.rules_missing", missing=missing)
    return FrozenDict(rules)  # a copy: the caller's dict stays theirs


def _check_rate(instance: Parameters, attribute: object, value: Parameter[Fraction]) -> None:
    _parameter_of(value, "consumption_tax_rate", (Fraction, int), "fractions.Fraction")
    for entry in value.history:
        if not isinstance(entry.value, Fraction | int) or isinstance(entry.value, bool):
            raise InvalidInputType(
                key="G6.error.rate_type", got=type_name(entry.value), since=entry.since.isoformat()
            )
        if not 0 <= entry.value < 1:
            raise InvalidInput(
                key="G6.error.rate_range", rate=str(entry.value), since=entry.since.isoformat()
            )


@attrs.frozen
class Parameters:
    """The parameter set a computation uses (G6); ``DEFAULT_PARAMETERS`` unless given.

    >>> p = DEFAULT_PARAMETERS.with_tax_rate(pendulum.Date(2030, 4, 1), Fraction(12, 100))
    >>> p.consumption_tax_rate.at(pendulum.Date(2030, 4, 1)).value
    Fraction(3, 25)
    >>> DEFAULT_PARAMETERS.consumption_tax_rate.at(pendulum.Date(2030, 4, 1)).value
    Fraction(1, 10)
    """

    consumption_tax_rate: Parameter[Fraction] = attrs.field(
        factory=_default_tax, validator=_check_rate
    )
    os_support_ended: Parameter[ServiceList] = attrs.field(
        converter=_os_support_ended,
        factory=lambda: Parameter(
            "os_support_ended",
            (
                Dated(
                    pendulum.Date(2022, 6, 16),
                    ServiceList(
                        names=["Flex Mini", "Flex Mini 2", "FPS"],
                        prefixes=["VPS"],
                        display=("Flex Mini", "Flex Mini 2", "FPS", "VPS*"),
                    ),
                    f"{_FAQ_2022} (C10)",
                ),
            ),
        ),
    )
    annual_prepaid_services: Parameter[ServiceList] = attrs.field(
        converter=_annual_prepaid_services,
        factory=lambda: Parameter(
            "annual_prepaid_services",
            (
                Dated(
                    pendulum.Date(2022, 6, 16),
                    ServiceList(
                        names=[
                            "Clara Cloud Flex",
                            "Flex Mini Cube",
                            "Flex Web",
                            "KUSANAGI with Cube",
                        ],
                        display=(
                            "Clara Cloud Flex",
                            "Flex Mini Cube",
                            "Flex Web",
                            "KUSANAGI with Cube",
                        ),
                    ),
                    f"{_FAQ_2022} (C9)",
                ),
            ),
        ),
    )

    restore_fee: Parameter[Yen] = attrs.field(
        converter=_fee,
        factory=lambda: Parameter(
            "restore_fee",
            (Dated(_EPOCH, Yen(12000), "EX-CLOUD domain renewal guide (D8), tax included"),),
        ),
    )
    """The domain restore fee, tax included (D8)."""
    restore_rules: Mapping[DomainKind, Parameter[RestoreRule]] = attrs.field(
        converter=_restore_rules, factory=_default_restore_rules
    )
    """The registry rule closing the restore window, by kind of name (D9)."""

    def with_tax_rate(self, since: _dt.date, rate: Fraction, source: str = "caller") -> Parameters:
        """A copy with the consumption-tax ``rate`` in force from ``since``."""
        return attrs.evolve(
            self, consumption_tax_rate=self.consumption_tax_rate.with_value(since, rate, source)
        )


DEFAULT_PARAMETERS = Parameters()
"""The parameters as published in the sources (see docs/rules.md for each value's source)."""


def resolve(parameters: Parameters | None) -> Parameters:
    """``parameters``, or the defaults; refuses anything else."""
    if parameters is None:
        return DEFAULT_PARAMETERS
    if not isinstance(parameters, Parameters):
        raise InvalidInputType(key="G6.error.parameters_type", got=type(parameters).__name__)
    return parameters
