"""The explanation of a restore window (D3, D8, D9), made when it is read.

>>> import pendulum
>>> from clararules import restore_window
>>> [step.key for step in restore_window("example.jp", pendulum.Date(2027, 3, 31)).explanation][:3]
['D3.jp', 'D8.opens', 'D9.rule.jprs']
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

import pendulum

from clararules.core.explain import Step
from clararules.core.money import Yen
from clararules.core.parameters import Dated, Parameters
from clararules.core.tax import percent
from clararules.domains.contract_end import contract_end_step
from clararules.domains.names import DomainName
from clararules.domains.restore_rules import RestoreRule

if TYPE_CHECKING:
    from clararules.domains.restore import ProviderDeadline

__all__ = ["RegistryFigures", "downtime_figure", "restore_steps"]


class RegistryFigures(NamedTuple):
    """D3, D8, D9 as the registry's rules give them for a kind and an expiry, with the dated
    values read (no provider deadline)."""

    end: pendulum.Date
    opens: pendulum.Date
    rule_entry: Dated[RestoreRule]
    registry_closes: pendulum.Date | None
    fee_entry: Dated[Yen]
    rate_entry: Dated[Fraction]
    rate: Fraction
    tax: Yen
    downtime_entry: Dated[int]
    downtime: pendulum.Duration


def downtime_figure(duration: pendulum.Duration) -> tuple[int, str]:
    """D8: a duration in whole hours when it is one, else in minutes, with its unit spec."""
    minutes = int(duration.total_seconds() // 60)
    if minutes % 60 == 0:
        return minutes // 60, "unit.hour"
    return minutes, "unit.minute"


def _downtime_step(duration: pendulum.Duration, since: pendulum.Date) -> Step:
    value, spec = downtime_figure(duration)
    if spec == "unit.hour":
        return Step("D8", "D8.downtime", {"hours": value, "downtime_since": since.isoformat()})
    return Step(
        "D8", "D8.downtime_minutes", {"minutes": value, "downtime_since": since.isoformat()}
    )


def _fee_step(fee: Dated[Yen], tax: Yen, rate: Fraction, rate_since: pendulum.Date) -> Step:
    return Step(
        "D8",
        "D8.fee",
        {
            "fee_yen": fee.value.amount,
            "fee_since": fee.since.isoformat(),
            "rate": percent(rate),
            "rate_since": rate_since.isoformat(),
            "excluded_yen": (fee.value - tax).amount,
            "tax_yen": tax.amount,
        },
    )


def restore_steps(
    name: DomainName,
    expiry: pendulum.Date,
    params: Parameters,
    registry: RegistryFigures,
    provider_deadline: ProviderDeadline | None,
    provider_closes: pendulum.Date | None,
    closes: pendulum.Date | None,
) -> list[Step]:
    """The D3, D8 and D9 steps of a restore window (made when the explanation is read)."""
    end, opens, registry_closes = registry.end, registry.opens, registry.registry_closes
    rule_entry = registry.rule_entry
    rule = rule_entry.value
    made = [
        contract_end_step(name, expiry, end, params),
        Step("D8", "D8.opens", {"opens": opens.isoformat()}),
        Step(
            "D9",
            rule.summary,
            {
                "kind": name.kind.value,
                "rule_since": rule_entry.since.isoformat(),
                "value": rule.value,
                "closes": registry_closes.isoformat() if registry_closes else None,
                "basis": rule.basis.value,
            },
        ),
    ]
    if provider_deadline is not None and provider_closes is not None:
        key = f"D9.provider.{provider_deadline.shape}"
        made.append(
            Step(
                "D9",
                key if registry_closes else f"{key}.registry_unknown",
                {
                    **provider_deadline.figures,
                    "provider_closes": provider_closes.isoformat(),
                    "registry_closes": registry_closes.isoformat() if registry_closes else None,
                    "closes": closes.isoformat() if closes else None,
                },
            )
        )
    made.append(
        _fee_step(registry.fee_entry, registry.tax, registry.rate, registry.rate_entry.since)
    )
    made.extend(Step("D8", f"D8.flow{i}") for i in range(1, 6))
    made.append(_downtime_step(registry.downtime, registry.downtime_entry.since))
    return made
