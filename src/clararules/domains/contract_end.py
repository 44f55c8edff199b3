"""The end of a domain contract (D3): 7 days before a .jp registry expiry, else the expiry.

>>> import pendulum
>>> contract_end("example.co.jp", pendulum.Date(2027, 3, 31))
Date(2027, 3, 24)
"""

from __future__ import annotations

import datetime as _dt

import pendulum

from clararules.core import door as check
from clararules.core.bankdays import Month, add_days, days_in_month
from clararules.core.errors import InvalidInput
from clararules.core.explain import Figure, Step
from clararules.core.parameters import Parameters, resolve
from clararules.domains.names import DomainName, as_domain

__all__ = ["contract_end", "contract_end_of", "contract_end_step", "expiry_of", "not_month_end"]


def not_month_end(domain: object, expiry: _dt.date) -> InvalidInput:
    """D3: the refusal of a .jp registry expiry that is not a month end."""
    last = Month.of(expiry).last_day
    return InvalidInput(
        key="D3.error.not_month_end",
        domain=str(domain),
        expiry=expiry.isoformat(),
        last=last.isoformat(),
    )


def expiry_of(domain: DomainName, registry_expiry: object) -> pendulum.Date:
    """D3: the registry expiry through the door; a .jp expiry must be a month end."""
    expiry = check.date(registry_expiry, "registry_expiry")
    if domain.kind.is_jp and expiry.day != days_in_month(expiry.year, expiry.month):
        raise not_month_end(domain, expiry)
    return expiry


def contract_end_of(
    domain: DomainName, expiry: pendulum.Date, parameters: Parameters
) -> pendulum.Date:
    """D3: the contract end: ``jp_contract_end_days`` (7) days before a .jp registry expiry,
    in force on the expiry; else the expiry itself."""
    if not domain.kind.is_jp:
        return expiry
    return add_days(expiry, -parameters.jp_contract_end_days.at(expiry).value)


def contract_end_step(
    domain: DomainName, expiry: pendulum.Date, end: pendulum.Date, parameters: Parameters
) -> Step:
    """D3: the step that explains the contract ``end`` (:func:`contract_end_of`)."""
    figures: dict[str, Figure] = {
        "domain": str(domain),
        "kind": domain.kind.value,
        "registry_expiry": expiry.isoformat(),
    }
    if domain.kind.is_jp:
        days = parameters.jp_contract_end_days.at(expiry)
        figures.update(
            days=days.value,
            jp_contract_end_since=days.since.isoformat(),
            contract_end=end.isoformat(),
        )
        return Step("D3", "D3.jp", figures)
    figures["contract_end"] = end.isoformat()
    return Step("D3", "D3.other", figures)


def contract_end(
    domain: DomainName | str, registry_expiry: _dt.date, *, parameters: Parameters | None = None
) -> pendulum.Date:
    """D3: the end of the domain contract: 7 days before a .jp registry expiry, else the expiry.

    The 7 days are the parameter ``jp_contract_end_days`` in force on the registry expiry.

    >>> contract_end("example.jp", pendulum.Date(2027, 3, 31))
    Date(2027, 3, 24)
    >>> contract_end("example.com", pendulum.Date(2027, 3, 15))
    Date(2027, 3, 15)
    """
    name = as_domain(domain)
    params = resolve(parameters)
    return contract_end_of(name, expiry_of(name, registry_expiry), params)
