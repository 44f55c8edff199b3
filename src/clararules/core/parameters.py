"""Dated parameters (G6): figures the provider changes over time, held as data.

Every value carries the date from which it holds and its source, in the manner of OpenFisca's
parameters.  A computation looks values up by its own date, and names each value it used
(with that date) in its explanation (G5).  A caller can pass its own :class:`Parameters`
(e.g. with a future tax rate) without editing the package.

The defaults are data, ``core/data/parameters.toml`` (one array of tables per parameter), read
through ``cattrs`` on first use (nothing is read at ``import clararules``); a provider's own
file in the same format is read by :meth:`Parameters.load`.  ``docs/parameters.md`` is written
from the same file.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import os
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from clararules.core import door as check
from clararules.core.dated import (
    Dated,
    Parameter,
    ServiceList,
    normalise_service_name,
    since_text,
)
from clararules.core.errors import (
    InvalidInput,
    InvalidInputType,
    excerpt,
    type_name,
)
from clararules.core.frozen import FrozenDict
from clararules.core.money import Yen
from clararules.domains.names import DomainKind
from clararules.domains.restore_rules import (
    ClosingBasis,
    RestoreClose,
    RestoreRule,
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
    "default_parameters",
    "normalise_service_name",
    "resolve",
    "since_text",
]


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


def _whole_numbers(value: object, name: str, low: int, high: int) -> Parameter[int]:
    """A parameter whose values are whole numbers in ``low..high``."""
    parameter = _parameter_of(value, name, int, "int")
    for entry in parameter.history:
        check.whole(entry.value, name, low=low, high=high)
    return parameter


def _day_list(value: object, name: str, size: int | None) -> Parameter[tuple[int, ...]]:
    """A parameter whose values are days before a date, each in 0..400, in descending order
    (strictly, unless ``size`` fixes how many: a window of two may be one day wide)."""
    parameter = _parameter_of(value, name, tuple, "tuple[int, ...]")
    for entry in parameter.history:
        days = entry.value
        for day in days:
            check.whole(day, name, low=0, high=400)
        if size is None:
            ordered = bool(days) and all(a > b for a, b in itertools.pairwise(days))
        else:
            ordered = len(days) == size and all(a >= b for a, b in itertools.pairwise(days))
        if not ordered:
            raise InvalidInput(
                key="G6.error.days_order" if size is None else "G6.error.window_days",
                name=name,
                got=excerpt(days),
                since=entry.since.isoformat(),
            )
    return parameter


def _order_window_days(value: object) -> Parameter[tuple[int, ...]]:
    return _day_list(value, "order_window_days", 2)


def _reminder_days(value: object) -> Parameter[tuple[int, ...]]:
    return _day_list(value, "reminder_days", None)


def _fee_notice_days(value: object) -> Parameter[int]:
    return _whole_numbers(value, "fee_notice_days", 0, 400)


def _jp_contract_end_days(value: object) -> Parameter[int]:
    return _whole_numbers(value, "jp_contract_end_days", 0, 28)


def _debit_day(value: object) -> Parameter[int]:
    return _whole_numbers(value, "debit_day", 1, 28)


def _debit_notice_delay_days(value: object) -> Parameter[int]:
    return _whole_numbers(value, "debit_notice_delay_days", 0, 60)


def _restore_downtime_minutes(value: object) -> Parameter[int]:
    return _whole_numbers(value, "restore_downtime_minutes", 0, 10080)


def _contract_year_months(value: object) -> Parameter[int]:
    return _whole_numbers(value, "contract_year_months", 1, 120)


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


def _tax_rate(value: object) -> Parameter[Fraction]:
    parameter = _parameter_of(value, "consumption_tax_rate", (Fraction, int), "fractions.Fraction")
    for entry in parameter.history:
        if not isinstance(entry.value, Fraction | int) or isinstance(entry.value, bool):
            raise InvalidInputType(
                key="G6.error.rate_type", got=type_name(entry.value), since=entry.since.isoformat()
            )
        if not 0 <= entry.value < 1:
            raise InvalidInput(
                key="G6.error.rate_range", rate=str(entry.value), since=entry.since.isoformat()
            )
    return parameter


def _check_rate(instance: Parameters, attribute: object, value: Parameter[Fraction]) -> None:
    _tax_rate(value)


def _restore_rule(name: str) -> Callable[[object], Parameter[RestoreRule]]:
    def check_rule(value: object) -> Parameter[RestoreRule]:
        return _parameter_of(value, name, RestoreRule, "clararules.RestoreRule")

    return check_rule


RESTORE_RULE_NAMES: Mapping[DomainKind, str] = FrozenDict(
    {kind: f"restore_{kind.value}" for kind in DomainKind}
)
"""The parameter holding the restore rule of each kind of name: ``restore_<kind>`` (D9)."""

_CHECKS: Mapping[str, Callable[[object], Parameter[Any]]] = {
    "consumption_tax_rate": _tax_rate,
    "os_support_ended": _os_support_ended,
    "annual_prepaid_services": _annual_prepaid_services,
    "restore_fee": _fee,
    "order_window_days": _order_window_days,
    "fee_notice_days": _fee_notice_days,
    "jp_contract_end_days": _jp_contract_end_days,
    "debit_day": _debit_day,
    "debit_notice_delay_days": _debit_notice_delay_days,
    "reminder_days": _reminder_days,
    "restore_downtime_minutes": _restore_downtime_minutes,
    "contract_year_months": _contract_year_months,
    **{name: _restore_rule(name) for name in RESTORE_RULE_NAMES.values()},
}
PARAMETER_NAMES = tuple(_CHECKS)
"""The name of every parameter, as a parameter file writes it (``docs/parameters.md``)."""


def check_parameter(name: str, parameter: Parameter[Any]) -> None:
    """Refuses ``parameter`` as the parameter ``name`` the way its field of Parameters does."""
    _CHECKS[name](parameter)


@functools.cache
def default_parameters() -> Parameters:
    """The parameters as published in the sources, read from ``core/data/parameters.toml``
    on first use (``DEFAULT_PARAMETERS``)."""
    from clararules.core.parameter_file import shipped

    return shipped()


@attrs.frozen
class Parameters:
    """The parameter set a computation uses (G6); ``DEFAULT_PARAMETERS`` unless given.

    ``Parameters()`` is the defaults; a field given replaces that parameter's whole history.

    >>> import pendulum
    >>> from clararules import DEFAULT_PARAMETERS
    >>> p = DEFAULT_PARAMETERS.with_tax_rate(pendulum.Date(2030, 4, 1), Fraction(12, 100))
    >>> p.consumption_tax_rate.at(pendulum.Date(2030, 4, 1)).value
    Fraction(3, 25)
    >>> DEFAULT_PARAMETERS.consumption_tax_rate.at(pendulum.Date(2030, 4, 1)).value
    Fraction(1, 10)
    """

    consumption_tax_rate: Parameter[Fraction] = attrs.field(
        factory=lambda: default_parameters().consumption_tax_rate, validator=_check_rate
    )
    """The consumption tax rate, national and local together (G3)."""
    os_support_ended: Parameter[ServiceList] = attrs.field(
        converter=_os_support_ended, factory=lambda: default_parameters().os_support_ended
    )
    """The services whose OS support has ended (C10)."""
    annual_prepaid_services: Parameter[ServiceList] = attrs.field(
        converter=_annual_prepaid_services,
        factory=lambda: default_parameters().annual_prepaid_services,
    )
    """The one-year prepaid services (C9)."""
    restore_fee: Parameter[Yen] = attrs.field(
        converter=_fee, factory=lambda: default_parameters().restore_fee
    )
    """The domain restore fee, tax included (D8)."""
    restore_rules: Mapping[DomainKind, Parameter[RestoreRule]] = attrs.field(
        converter=_restore_rules, factory=lambda: default_parameters().restore_rules
    )
    """The registry rule closing the restore window, by kind of name (D9)."""
    order_window_days: Parameter[tuple[int, ...]] = attrs.field(
        converter=_order_window_days,
        factory=lambda: default_parameters().order_window_days,
    )
    """The renewal order window, as (first, last) days before the contract end (D1)."""
    fee_notice_days: Parameter[int] = attrs.field(
        converter=_fee_notice_days, factory=lambda: default_parameters().fee_notice_days
    )
    """The days before the contract end that the fee notice goes out (D2)."""
    jp_contract_end_days: Parameter[int] = attrs.field(
        converter=_jp_contract_end_days,
        factory=lambda: default_parameters().jp_contract_end_days,
    )
    """The days a .jp contract ends before its registry expiry (D3), by the expiry."""
    debit_day: Parameter[int] = attrs.field(
        converter=_debit_day, factory=lambda: default_parameters().debit_day
    )
    """The day of the month of a direct debit (D5), by the notice's arrival."""
    debit_notice_delay_days: Parameter[int] = attrs.field(
        converter=_debit_notice_delay_days,
        factory=lambda: default_parameters().debit_notice_delay_days,
    )
    """The estimated days from the order window's close to the debit notice's arrival (D5)."""
    reminder_days: Parameter[tuple[int, ...]] = attrs.field(
        converter=_reminder_days, factory=lambda: default_parameters().reminder_days
    )
    """The days before the contract end of the reminder e-mails, descending; 0 is the day
    itself (D6)."""
    restore_downtime_minutes: Parameter[int] = attrs.field(
        converter=_restore_downtime_minutes,
        factory=lambda: default_parameters().restore_downtime_minutes,
    )
    """The time without service after a restore, in minutes (D8)."""
    contract_year_months: Parameter[int] = attrs.field(
        converter=_contract_year_months,
        factory=lambda: default_parameters().contract_year_months,
    )
    """The months of a one-year prepaid contract year (C9, C11), by the year's first day."""

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Parameters:
        """The defaults with a provider's own TOML parameter file ``path`` merged in.

        The file has the format of the defaults (``docs/parameters.md``): one array of tables
        per parameter, any subset of them; each entry has ``since``, ``value``, ``source`` and
        optionally ``url``.  A parameter's entries are merged into its default history by
        ``since``: an entry replaces the default value of the same date, and adds one
        otherwise.  A file that cannot be read, is not TOML, names an unknown parameter or
        key, has a value of the wrong type or out of range, or dates not ascending, is refused
        with one :class:`InvalidInput` naming the file and the key (e.g.
        ``consumption_tax_rate[2].value``; indices count from 0).
        """
        from clararules.core.parameter_file import load

        return load(path, default_parameters())

    def with_tax_rate(self, since: _dt.date, rate: Fraction, source: str = "caller") -> Parameters:
        """A copy with the consumption-tax ``rate`` in force from ``since``."""
        return attrs.evolve(
            self, consumption_tax_rate=self.consumption_tax_rate.with_value(since, rate, source)
        )


DEFAULT_PARAMETERS: Parameters
"""The parameters as published in the sources: ``docs/parameters.md`` lists each value with its
date and source.  Read from the package's data on first use."""


def __getattr__(name: str) -> Any:
    # DEFAULT_PARAMETERS is read on first use, not at import (nothing is read at import).
    if name == "DEFAULT_PARAMETERS":
        value = globals()[name] = default_parameters()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def resolve(parameters: Parameters | None) -> Parameters:
    """``parameters``, or the defaults; refuses anything else."""
    if parameters is None:
        return default_parameters()
    if not isinstance(parameters, Parameters):
        raise InvalidInputType(key="G6.error.parameters_type", got=type(parameters).__name__)
    return parameters
