"""Dated parameters (G6): figures the provider changes over time, held as data.

Every value carries the date from which it holds and its source, in the manner of OpenFisca's
parameters.  A computation looks values up by its own date, and names each value it used
(with that date) in its explanation (G5).  A caller can pass its own :class:`Parameters`
(e.g. with a future tax rate) without editing the package.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.dated import (
    EPOCH,
    Dated,
    Parameter,
    ServiceList,
    normalise_service_name,
    since_text,
)
from clararules.core.errors import (
    InvalidInput,
    InvalidInputType,
    type_name,
)
from clararules.core.frozen import FrozenDict
from clararules.core.money import Yen
from clararules.domains.names import DomainKind
from clararules.domains.restore_rules import (
    ClosingBasis,
    RestoreClose,
    RestoreRule,
    default_restore_rules,
)

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
    "resolve",
    "since_text",
]

_TAX_SOURCE = "Consumption Tax Act and its amendments (standard rate)"


def _default_tax() -> Parameter[Fraction]:
    return Parameter(
        "consumption_tax_rate",
        (
            Dated(EPOCH, Fraction(0), "no consumption tax before 1989-04-01"),
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
            (Dated(EPOCH, Yen(12000), "EX-CLOUD domain renewal guide (D8), tax included"),),
        ),
    )
    """The domain restore fee, tax included (D8)."""
    restore_rules: Mapping[DomainKind, Parameter[RestoreRule]] = attrs.field(
        converter=_restore_rules, factory=default_restore_rules
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
