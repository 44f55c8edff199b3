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
        raise InvalidInputType(f"a parameter's source must be a str, got {type_name(value)}")
    return value


@attrs.frozen
class Dated(Generic[T]):
    """One value of a parameter, in force from ``since`` (a JST date) until the next one."""

    since: pendulum.Date = attrs.field(converter=_since)
    value: T
    source: str = attrs.field(default="", converter=_source)


def _check_history(instance: Parameter[T], attribute: object, value: tuple[Dated[T], ...]) -> None:
    if not isinstance(instance.name, str) or not instance.name.strip():
        raise InvalidInputType(
            f"a parameter's name must be a non-blank str, got {excerpt(instance.name)}"
        )
    if not value:
        raise InvalidInput(f"parameter {instance.name!r} needs at least one dated value")
    for earlier, later in itertools.pairwise(value):
        if not earlier.since < later.since:
            raise InvalidInput(
                f"parameter {instance.name!r}: dated values must be in strictly ascending "
                f"order of 'since', got {earlier.since} then {later.since}"
            )


def _history(value: Iterable[Dated[Any]]) -> tuple[Dated[Any], ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInputType(
            f"a parameter's history must be a sequence of Dated values, got {type_name(value)}"
        )
    history = tuple(value)
    for entry in history:
        if not isinstance(entry, Dated):
            raise InvalidInputType(
                f"a parameter's history must hold clararules.Dated values (since, value, "
                f"source), got {type_name(entry)}"
            )
    return history


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInputType(f"expected a sequence of str, got {type_name(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidInputType(f"expected a sequence of str, got an item {type_name(item)}")
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
                f"parameter {self.name!r} has no value before {self.history[0].since}, got "
                f"{day}; pass parameters=... with an earlier dated value to compute it"
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
        raise InvalidInputType(f"a service name must be a str, got {type_name(name)}")
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

    def describe(self) -> str:
        """The list as a sentence fragment."""
        if self.display:
            return ", ".join(self.display)
        items = sorted(self.names) + [f"{p}*" for p in self.prefixes]
        return ", ".join(items)


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


def _summary_en(value: object) -> str:
    return check.text(value, "summary_en")


def _summary_ja(value: object) -> str:
    return check.text(value, "summary_ja")


def _check_rule_value(instance: RestoreRule, attribute: object, value: int | None) -> None:
    if instance.close is RestoreClose.UNKNOWN:
        if value is not None:
            raise InvalidInput(
                f"a restore rule with an unknown close takes value=None, got {excerpt(value)}"
            )
    elif instance.close is RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY:
        check.whole(value, "restore rule day of month", low=1, high=28)
    else:
        check.whole(value, "restore rule days after the contract end", low=1, high=400)


@attrs.frozen
class RestoreRule:
    """The registry rule closing the restore window of one kind of domain name (D9).

    ``value`` is the day of the month (1..28, a day every month has) or the number of days
    (1..400); ``None`` when the close is unknown.
    """

    close: RestoreClose = attrs.field(converter=_close)
    value: int | None = attrs.field(validator=_check_rule_value)
    basis: ClosingBasis = attrs.field(converter=_basis)
    summary_en: str = attrs.field(converter=_summary_en)
    summary_ja: str = attrs.field(converter=_summary_ja)


_JPRS = "JPRS, JP domain name lifecycle (Suspended one month, restore requests on days 1-20)"
_ATTR = "registrar notice of 2014-11-10: attribute .jp restorable until the 15th of the next month"
_RGP = "RFC 3915 and ICANN ERRP: 30-day redemption grace period after deletion (gTLDs)"


def _default_restore_rules() -> Mapping[DomainKind, Parameter[RestoreRule]]:
    jprs = RestoreRule(
        RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY,
        20,
        ClosingBasis.REGISTRY_RULE,
        "JPRS keeps the name Suspended for the month after expiry and takes restore requests "
        "from the 1st to the 20th",
        "JPRS は期限翌月の 1 か月間ドメイン名を Suspended 状態とし、1 日から 20 日まで回復申請を"
        "受け付けます",
    )
    attribute = RestoreRule(
        RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY,
        15,
        ClosingBasis.REGISTRY_RULE,
        "attribute .jp names are restorable until the 15th of the month after abolition",
        "属性型 JP ドメイン名は廃止月の翌月 15 日まで回復できます",
    )
    unknown_attribute = RestoreRule(
        RestoreClose.UNKNOWN,
        None,
        ClosingBasis.UNKNOWN,
        "no restore schedule was published for attribute .jp before 2014-11-10: ask support",
        "2014-11-10 より前の属性型 JP の回復期限は公表されていません。サポートセンターにご相談ください",
    )
    gtld = RestoreRule(
        RestoreClose.DAYS_AFTER_CONTRACT_END,
        30,
        ClosingBasis.ESTIMATE,
        "a gTLD name may stay in auto-renew grace up to 45 days before deletion; deletion starts "
        "a 30-day redemption grace period, then 5 days of pending delete, then the name is free; "
        "this estimate assumes deletion at the contract end",
        "gTLD は期限後最大 45 日の自動更新猶予の後に削除され、削除から 30 日間の償還猶予期間、"
        "5 日間の削除保留を経て取得可能になります。この見積もりは契約終了日の削除を仮定します",
    )
    unknown = RestoreRule(
        RestoreClose.UNKNOWN,
        None,
        ClosingBasis.UNKNOWN,
        "the restore period differs by kind of name and is not known for this one: ask support",
        "復活可能な期間はドメイン名の種類により異なり、この種類については不明です。サポートセンターに"
        "ご相談ください",
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
    """A dated value's start for an explanation: ISO date, or "always" for the first value.

    >>> since_text(pendulum.Date(2019, 10, 1)), since_text(pendulum.Date(1, 1, 1))
    ('2019-10-01', 'always')
    """
    return "always" if since == _EPOCH else since.isoformat()


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
    value: object, name: str, kind: type | tuple[type, ...], what: str
) -> Parameter[Any]:
    parameter = check.instance(value, Parameter, name)
    for entry in parameter.history:
        if isinstance(entry.value, bool) or not isinstance(entry.value, kind):
            raise InvalidInputType(
                f"{name}: each value must be {what}, got {type_name(entry.value)} from "
                f"{entry.since}"
            )
    return parameter


def _os_support_ended(value: object) -> Parameter[ServiceList]:
    return _parameter_of(value, "os_support_ended", ServiceList, "a clararules.ServiceList")


def _annual_prepaid_services(value: object) -> Parameter[ServiceList]:
    return _parameter_of(value, "annual_prepaid_services", ServiceList, "a clararules.ServiceList")


def _fee(value: object) -> Parameter[Yen]:
    parameter = _parameter_of(value, "restore_fee", Yen, "a Yen amount")
    for entry in parameter.history:
        check.yen(entry.value, "restore_fee")
    return parameter


def _restore_rules(value: object) -> Mapping[DomainKind, Parameter[RestoreRule]]:
    if not isinstance(value, Mapping):
        raise InvalidInputType(
            f"restore_rules must be a mapping of DomainKind to Parameter, got {type_name(value)}"
        )
    rules: dict[DomainKind, Parameter[RestoreRule]] = {}
    for key, parameter in value.items():
        kind = check.member(key, DomainKind, "restore_rules key")
        rules[kind] = _parameter_of(
            parameter, f"restore_rules[{kind.value}]", RestoreRule, "a clararules.RestoreRule"
        )
    missing = [kind.value for kind in DomainKind if kind not in rules]
    if missing:
        raise InvalidInput(
            f"restore_rules needs a rule for every kind of name; missing: {', '.join(missing)}"
        )
    return FrozenDict(rules)  # a copy: the caller's dict stays theirs


def _check_rate(instance: Parameters, attribute: object, value: Parameter[Fraction]) -> None:
    _parameter_of(value, "consumption_tax_rate", (Fraction, int), "an exact Fraction")
    for entry in value.history:
        if not isinstance(entry.value, Fraction | int) or isinstance(entry.value, bool):
            raise InvalidInputType(
                f"a tax rate must be an exact fractions.Fraction (e.g. Fraction(10, 100)), "
                f"got {type_name(entry.value)} from {entry.since}"
            )
        if not 0 <= entry.value < 1:
            raise InvalidInput(
                f"a tax rate must be in [0, 1), got {entry.value} from {entry.since}"
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
                        display=("Flex Mini", "Flex Mini 2", "FPS", "VPS series"),
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
        raise InvalidInputType(
            f"parameters must be a clararules.Parameters, got {type(parameters).__name__}"
        )
    return parameters
