"""Where a domain stands on a day (D4, D7, D9).

>>> import pendulum
>>> state = domain_status("example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 4, 1))
>>> dict(state.table("ja"))["状態"]
'復活申請可能'
"""

from __future__ import annotations

import datetime as _dt
import enum

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import add_days
from clararules.core.calls import Call, recorded
from clararules.core.explain import Explained, Figure, Lazy, Row, Step, Steps
from clararules.core.parameters import Dated, Parameters, resolve
from clararules.domains.names import DomainName
from clararules.domains.restore import ProviderDeadline, RestoreWindow, restore_window

__all__ = ["DomainState", "DomainStatus", "domain_status"]


class DomainStatus(enum.Enum):
    """Where a domain stands on a given day (D4, D7, D9)."""

    ACTIVE = "active"
    """Before the renewal order window."""
    RENEWAL_DUE = "renewal_due"
    """From the order window through the contract end, unpaid."""
    RENEWED = "renewed"
    """Paid on or before the contract end."""
    RESTORABLE = "restorable"
    """Past the contract end unpaid, within the restore window."""
    UNPAID_PAST_CONTRACT_END = "unpaid_past_contract_end"
    """Past the contract end unpaid, and the restore window's close is unknown."""
    ABOLISHED = "abolished"
    """Past the restore window: abolished, free for anyone to register."""


@attrs.frozen
class DomainState(Explained):
    """A domain's status on a day, with its renewal dates and restore window."""

    status: DomainStatus
    on: pendulum.Date
    contract_end: pendulum.Date
    restore: RestoreWindow
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def _rows(self) -> tuple[Row, ...]:
        return (
            ("on", self.on, ""),
            ("status", self.status, ""),
            ("contract_end", self.contract_end, ""),
            ("closes", self.restore.closes, ""),
        )


def _steps(
    day: pendulum.Date,
    end: pendulum.Date,
    orders_from: pendulum.Date,
    order: Dated[tuple[int, int]],
    window: RestoreWindow,
    status: DomainStatus,
    paid: pendulum.Date | None,
    rule: str,
    key: str,
) -> tuple[Step, ...]:
    """The D4/D7 steps of a domain's status (made when the explanation is read)."""
    figures: dict[str, Figure] = {
        "on": day.isoformat(),
        "contract_end": end.isoformat(),
        "first": orders_from.isoformat(),
        "first_days": order.value[0],
        "order_window_since": order.since.isoformat(),
        "closes": window.closes.isoformat() if window.closes else None,
    }
    if status is DomainStatus.RENEWED:
        assert paid is not None
        figures["paid_on"] = paid.isoformat()
    # The restore window's first step is the D3 contract-end step.
    return (window.explanation[0], Step(rule, key, figures))


@recorded()
def domain_status(
    domain: DomainName | str,
    registry_expiry: _dt.date,
    on: _dt.date,
    paid_on: _dt.date | None = None,
    provider_deadline: ProviderDeadline | None = None,
    parameters: Parameters | None = None,
) -> DomainState:
    """D4, D7, D9: the domain's status on ``on`` (a date, or an aware datetime read in JST).

    >>> domain_status("example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 3, 1)).status
    <DomainStatus.RENEWAL_DUE: 'renewal_due'>
    >>> domain_status("example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 4, 20)).status
    <DomainStatus.RESTORABLE: 'restorable'>
    >>> domain_status("example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 4, 21)).status
    <DomainStatus.ABOLISHED: 'abolished'>
    """
    day = check.date(on, "on")
    paid = check.optional_date(paid_on, "paid_on")
    params = resolve(parameters)
    window = restore_window(domain, registry_expiry, provider_deadline, params)
    end = window.contract_end
    order = params.order_window_days.at(end)
    orders_from = add_days(end, -order.value[0])
    if paid is not None and paid <= end and paid <= day:
        status, rule, key = DomainStatus.RENEWED, "D4", "D4.status_renewed"
    elif day < orders_from:
        status, rule, key = DomainStatus.ACTIVE, "D4", "D4.status_active"
    elif day <= end:
        status, rule, key = DomainStatus.RENEWAL_DUE, "D4", "D4.status_due"
    elif window.closes is None:
        status, rule, key = DomainStatus.UNPAID_PAST_CONTRACT_END, "D7", "D7.status_unknown"
    elif day <= window.closes:
        status, rule, key = DomainStatus.RESTORABLE, "D7", "D7.status_restorable"
    else:
        status, rule, key = DomainStatus.ABOLISHED, "D7", "D7.status_abolished"

    return DomainState(
        status,
        day,
        end,
        window,
        Lazy(_steps, day, end, orders_from, order, window, status, paid, rule, key),
    )
