"""Renewal planning (D1-D9): what to do about a domain's renewal today, and by when.

One answer for support staff, made of the renewal timeline (D1-D7), the domain's status
(D4, D7) and, past the contract end, the restore window (D8, D9), each computed by its own rule
function from the same inputs, so that the plan never disagrees with them.

>>> import pendulum
>>> plan = renewal_plan("example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 3, 10))
>>> plan.status.value, plan.pay_by, [str(d) for d in plan.reminders]
('renewal_due', Date(2027, 3, 24), ['2027-03-17', '2027-03-21', '2027-03-24'])
>>> late = renewal_plan("example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 4, 2))
>>> late.status.value, late.restore.closes, str(late.restore.fee)
('restorable', Date(2027, 4, 20), '¥12,000')
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.calls import Call, recorded
from clararules.core.explain import Explained, Figure, Lazy, Row, Step, Steps
from clararules.core.parameters import Parameters, resolve
from clararules.domains.names import DomainName, as_domain
from clararules.domains.restore import RestoreWindow
from clararules.domains.status import DomainState, DomainStatus, domain_status
from clararules.domains.timeline import (
    DateWindow,
    PaymentMethod,
    RenewalTimeline,
    renewal_timeline,
)

__all__ = ["RenewalPlan", "renewal_plan"]

_timeline = renewal_timeline.__wrapped__  # type: ignore[attr-defined]  # one record: the plan's
_status = domain_status.__wrapped__  # type: ignore[attr-defined]

_TO_PAY = frozenset({DomainStatus.ACTIVE, DomainStatus.RENEWAL_DUE})
"""The statuses in which the renewal is still to be paid (by the contract end, D4)."""
_PAST_END = frozenset(
    {
        DomainStatus.RESTORABLE,
        DomainStatus.UNPAID_PAST_CONTRACT_END,
        DomainStatus.ABOLISHED,
    }
)
"""The statuses past the contract end, unpaid: the restore window decides (D8, D9)."""


@attrs.frozen
class RenewalPlan(Explained):
    """What to do about a domain's renewal on ``today``, and by when (D1-D9)."""

    domain: DomainName
    registry_expiry: pendulum.Date
    today: pendulum.Date
    status: DomainStatus
    """Where the domain stands on ``today`` (:func:`~clararules.domain_status`)."""
    contract_end: pendulum.Date
    payment: PaymentMethod
    order_window: DateWindow
    """When the renewal order is created (D1), whether still ahead, open or past."""
    pay_by: pendulum.Date | None
    """The last day to pay (D4, the contract end) while the renewal is still to be paid
    (status ``ACTIVE`` or ``RENEWAL_DUE``); ``None`` once renewed or past the contract end."""
    debit_on: pendulum.Date | None
    """For direct debit while still to be paid: the debit date (D5, the notice's arrival
    estimated); else ``None``."""
    reminders: tuple[pendulum.Date, ...]
    """The reminder e-mails still to come: the timeline's reminders after ``today`` (D6)."""
    restore: RestoreWindow | None
    """Past the contract end unpaid: the restore window, its fee (tax included) and the basis
    of its close (D8, D9), open, closed or of unknown close as ``status`` says; else ``None``."""
    paid_on: pendulum.Date | None
    timeline: RenewalTimeline
    """The renewal timeline the plan is read from (D1-D7), with its own explanation."""
    state: DomainState
    """The status on ``today`` the plan is read from (D4, D7, with its restore window, D8-D9):
    together with ``timeline``, every dated figure the plan used is named with its date."""
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def _rows(self) -> tuple[Row, ...]:
        rows: list[Row] = [
            ("domain", self.domain, ""),
            ("on", self.today, ""),
            ("status", self.status, ""),
            ("contract_end", self.contract_end, ""),
            ("payment", self.payment, ""),
            ("order_window", self.order_window, ""),
            ("pay_by", self.pay_by, ""),
        ]
        if self.debit_on is not None:
            rows.append(("debit_on", self.debit_on, ""))
        rows.append(("reminders", self.reminders or None, ""))
        if self.restore is not None:
            window = self.restore
            fee = Step(
                "D8",
                "D8.fee_row",
                {
                    "fee_yen": window.fee.amount,
                    "excluded_yen": window.fee_excluding_tax.amount,
                    "tax_yen": window.fee_tax.amount,
                },
            )
            rows.extend(
                (
                    ("closes", window.closes, ""),
                    ("closing_basis", window.closing_basis, ""),
                    ("fee", fee, ""),
                )
            )
        return tuple(rows)


def _to_pay_steps(
    timeline: RenewalTimeline,
    today: pendulum.Date,
    reminders: tuple[pendulum.Date, ...],
) -> list[Step]:
    """D1, D4-D6: the order window, how the method pays, the last day, the reminders to come."""
    made = [timeline.explanation[1]]  # D1: the order window
    made.extend(s for s in timeline.explanation if s.rule in ("D5", "G4"))  # the method's
    days = (timeline.pay_by - today).days
    figures: dict[str, Figure] = {
        "payment": timeline.payment.value,
        "pay_by": timeline.pay_by.isoformat(),
    }
    if days:
        figures.update(today=today.isoformat(), days=days)
    made.append(Step("D4", "D4.plan.pay" if days else "D4.plan.pay_today", figures))
    if reminders:
        dates = tuple(d.isoformat() for d in reminders)
        made.append(Step("D6", "D6.plan.reminders", {"today": today.isoformat(), "dates": dates}))
    else:
        made.append(Step("D6", "D6.plan.no_reminders", {"today": today.isoformat()}))
    return made


def _past_end_steps(
    status: DomainStatus, window: RestoreWindow, today: pendulum.Date
) -> list[Step]:
    """D8, D9: the close of the restore window and, while a restore may be asked, its fee and
    flow."""
    steps = window.explanation
    made = [s for s in steps if s.rule == "D9"]  # the registry's rule, the provider's
    if status is DomainStatus.ABOLISHED:
        assert window.closes is not None
        figures = {"closes": window.closes.isoformat(), "basis": window.closing_basis.value}
        made.append(Step("D9", "D9.plan.closed", figures))
        return made
    fee = window.fee.amount
    if status is DomainStatus.RESTORABLE:
        assert window.closes is not None
        made.append(
            Step(
                "D8",
                "D8.plan.restore",
                {
                    "closes": window.closes.isoformat(),
                    "basis": window.closing_basis.value,
                    "today": today.isoformat(),
                    "days": (window.closes - today).days,
                    "fee_yen": fee,
                },
            )
        )
    else:
        made.append(Step("D8", "D8.plan.restore_unknown", {"fee_yen": fee}))
    made.extend(s for s in steps if s.key == "D8.fee" or s.key.startswith("D8.flow"))
    return made


def _plan_steps(
    day: Any,
    reminders: Any,
    state: Any,
    status: Any,
    timeline: Any,
    to_pay: Any,
    window: Any,
) -> list[Step]:
    """The steps of :func:`renewal_plan` (made when the explanation is read)."""
    made = [timeline.explanation[0], state.explanation[1]]  # D3 the end; D4/D7 the status
    made.extend(s for s in timeline.explanation if s.key == "D4.paid_late")
    if to_pay:
        made.extend(_to_pay_steps(timeline, day, reminders))
    elif window is not None:
        made.extend(_past_end_steps(status, window, day))
    else:
        assert timeline.paid_on is not None  # renewed: paid by the contract end
        made.append(Step("D4", "D4.plan.done", {"paid_on": timeline.paid_on.isoformat()}))
    return made


@recorded()
def renewal_plan(
    domain: DomainName | str,
    registry_expiry: _dt.date,
    today: _dt.date,
    payment: PaymentMethod = PaymentMethod.CREDIT_CARD,
    domain_only: bool = False,
    paid_on: _dt.date | None = None,
    parameters: Parameters | None = None,
) -> RenewalPlan:
    """D1-D9: what to do about a domain's renewal on ``today``, and by when.

    ``today`` is a date, or an aware datetime read in JST.  The plan is the status of
    :func:`~clararules.domain_status` for the same day, with:

    - while the renewal is to be paid (``ACTIVE``, ``RENEWAL_DUE``): the last day to pay (the
      contract end, D4) and how the payment method pays (D5; for direct debit the debit date,
      the notice's arrival estimated), the order window (D1), and the reminder e-mails still to
      come: those of :func:`~clararules.renewal_timeline` after ``today`` (D6);
    - once renewed (``RENEWED``): nothing left to do;
    - past the contract end unpaid: the restore window of :func:`~clararules.restore_window`,
      its last day and the basis of that day, or that it has closed, or that its close is not
      known (ask support), with the restore fee, tax included (D8, D9).

    ``payment``, ``domain_only`` and ``paid_on`` are those of the timeline: a payment on or
    before the contract end renews from its day on; a later one does not (D4).  The registry's
    own restore rule applies (no provider deadline).

    >>> import pendulum
    >>> plan = renewal_plan("example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 1, 10),
    ...                     "direct_debit")
    >>> plan.status.value, plan.order_window.text(), plan.debit_on, plan.pay_by
    ('active', '2027-02-02 to 2027-02-07', Date(2027, 3, 1), Date(2027, 3, 24))
    >>> print(plan.explanation[-2].en)
    To do: pay the renewal by direct debit by the contract end, 2027-03-24 (73 days after 2027-01-10).
    >>> gone = renewal_plan("example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 4, 21))
    >>> gone.status.value, gone.restore.closes, gone.pay_by, gone.reminders
    ('abolished', Date(2027, 4, 20), None, ())
    >>> print(gone.explanation[-1].ja)
    復活申請の期限（2027-04-20、レジストリの規定）を過ぎているため、ドメインの復活はできません。
    """
    name = as_domain(domain)
    day = check.date(today, "today")
    params = resolve(parameters)
    timeline: RenewalTimeline = _timeline(
        name, registry_expiry, payment, domain_only, paid_on, parameters=params
    )
    state = _status(name, registry_expiry, day, paid_on, None, params)
    status: DomainStatus = state.status
    to_pay = status in _TO_PAY
    window = state.restore if status in _PAST_END else None
    reminders = tuple(d for d in timeline.reminders if d > day)

    return RenewalPlan(
        domain=name,
        registry_expiry=timeline.registry_expiry,
        today=day,
        status=status,
        contract_end=timeline.contract_end,
        payment=timeline.payment,
        order_window=timeline.order_window,
        pay_by=timeline.pay_by if to_pay else None,
        debit_on=timeline.debit_on if to_pay else None,
        reminders=reminders,
        restore=window,
        paid_on=timeline.paid_on,
        timeline=timeline,
        state=state,
        explanation=Lazy(_plan_steps, day, reminders, state, status, timeline, to_pay, window),
    )
