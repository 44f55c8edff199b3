"""Domain renewal dates (D1-D7): contract end, order window, fee notice, payment, reminders.

>>> import pendulum
>>> t = renewal_timeline("example.jp", pendulum.Date(2027, 3, 31))
>>> t.contract_end, t.order_window.first, t.order_window.last
(Date(2027, 3, 24), Date(2027, 2, 2), Date(2027, 2, 7))
>>> dict(t.table("ja"))["更新注文の作成"]
'2027-02-02〜2027-02-07'
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from typing import Any

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import add_days
from clararules.core.calls import Call, recorded
from clararules.core.errors import InvalidInput, PaymentMethodNotAllowed
from clararules.core.explain import Explained, Lazy, Row, Step, Steps
from clararules.core.frozen import maker
from clararules.core.i18n import render
from clararules.core.parameters import Parameters, resolve
from clararules.domains.contract_end import (
    contract_end,
    contract_end_of,
    contract_end_step,
    expiry_of,
    not_month_end,
)
from clararules.domains.debit import DirectDebit, direct_debit
from clararules.domains.names import DomainName, as_domain

__all__ = [
    "DateWindow",
    "PaymentMethod",
    "RenewalTimeline",
    "check_payment",
    "contract_end",  # D3, from clararules.domains.contract_end
    "contract_end_of",
    "expiry_of",
    "not_month_end",
    "renewal_timeline",
]


class PaymentMethod(enum.Enum):
    """How a domain renewal is paid (D5)."""

    CREDIT_CARD = "credit_card"
    INVOICE = "invoice"
    DIRECT_DEBIT = "direct_debit"


def _check_window(instance: DateWindow, attribute: object, value: pendulum.Date) -> None:
    if instance.first > value:
        raise InvalidInput(
            key="D1.error.window_inverted",
            first=instance.first.isoformat(),
            last=value.isoformat(),
        )


def _first(value: _dt.date) -> pendulum.Date:
    return check.date(value, "first")


def _last(value: _dt.date) -> pendulum.Date:
    return check.date(value, "last")


@attrs.frozen
class DateWindow:
    """An inclusive range of JST dates.

    >>> w = DateWindow(pendulum.Date(2027, 2, 2), pendulum.Date(2027, 2, 7))
    >>> w.days, pendulum.Date(2027, 2, 7) in w
    (6, True)
    >>> w.text("en"), w.text("ja")
    ('2027-02-02 to 2027-02-07', '2027-02-02〜2027-02-07')
    """

    first: pendulum.Date = attrs.field(converter=_first)
    last: pendulum.Date = attrs.field(converter=_last, validator=_check_window)

    @property
    def days(self) -> int:
        """How many days the window holds, both ends included."""
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        """Whether the JST day of ``day`` is in the window (a naive datetime is refused, G1)."""
        if not isinstance(day, _dt.date | str):
            return False
        d = check.date(day, "day")
        return self.first <= d <= self.last

    def text(self, lang: str = "en") -> str:
        """The range as ``lang`` writes it (message ``D1.window``)."""
        return render(
            "D1.window", {"first": self.first.isoformat(), "last": self.last.isoformat()}, lang
        )


_make_window = maker(DateWindow, "first", "last")


# ---------------------------------------------------------------- D5


def check_payment(method: PaymentMethod, domain_only: bool) -> None:
    """D5: a customer with a domain contract only may pay by credit card only."""
    if domain_only and method is not PaymentMethod.CREDIT_CARD:
        raise PaymentMethodNotAllowed(key="D5.error.domain_only_card", method=method.value)


# ---------------------------------------------------------------- D1, D2, D4-D7


@attrs.frozen
class RenewalTimeline(Explained):
    """The dates of a domain renewal (D1-D7)."""

    domain: DomainName
    registry_expiry: pendulum.Date
    contract_end: pendulum.Date
    order_window: DateWindow
    fee_notice_on: pendulum.Date
    reminders: tuple[pendulum.Date, ...]
    """Ascending, the contract-end day last (unless dropped after payment)."""
    payment: PaymentMethod
    domain_only: bool
    pay_by: pendulum.Date
    """The last day to pay (D4): the contract end."""
    invoice_window: DateWindow | None
    debit: DirectDebit | None
    debit_notice_estimated: bool
    paid_on: pendulum.Date | None
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    @property
    def debit_on(self) -> pendulum.Date | None:
        """The direct-debit date, for ``PaymentMethod.DIRECT_DEBIT``."""
        return None if self.debit is None else self.debit.debit_on

    def _rows(self) -> tuple[Row, ...]:
        rows: list[Row] = [
            ("domain", self.domain, ""),
            ("kind", self.domain.kind, ""),
            ("registry_expiry", self.registry_expiry, ""),
            ("contract_end", self.contract_end, ""),
            ("order_window", self.order_window, ""),
            ("fee_notice_on", self.fee_notice_on, ""),
            ("payment", self.payment, ""),
            ("pay_by", self.pay_by, ""),
        ]
        if self.invoice_window is not None:
            rows.append(("invoice_window", self.invoice_window, ""))
        if self.debit is not None:
            notice: object = self.debit.notice_arrived_on
            if self.debit_notice_estimated:
                notice = Step(
                    "D5", "D5.notice_estimated", {"on": self.debit.notice_arrived_on.isoformat()}
                )
            rows.append(("debit_notice", notice, ""))
            rows.append(("debit_on", self.debit.debit_on, ""))
        rows.append(("reminders", self.reminders or None, ""))
        return tuple(rows)


def _payment(
    method: PaymentMethod,
    window: DateWindow,
    end: pendulum.Date,
    debit_notice_arrived_on: _dt.date | None,
    parameters: Parameters,
) -> tuple[DirectDebit | None, bool]:
    """D5: the direct debit of the payment method (none for card or invoice) and whether its
    notice's arrival is estimated."""
    if method is not PaymentMethod.DIRECT_DEBIT:
        return None, False
    if debit_notice_arrived_on is None:
        delay = parameters.debit_notice_delay_days.at(end)
        arrival = add_days(window.last, delay.value)
    else:
        arrival = check.date(debit_notice_arrived_on, "debit_notice_arrived_on")
    return direct_debit(arrival, parameters=parameters), debit_notice_arrived_on is None


def _payment_steps(
    method: PaymentMethod,
    window: DateWindow,
    end: pendulum.Date,
    debit: DirectDebit | None,
    estimated: bool,
    parameters: Parameters,
) -> list[Step]:
    """D5: the steps of the payment method."""
    span = {"first": window.first.isoformat(), "last": window.last.isoformat()}
    if method is PaymentMethod.CREDIT_CARD:
        return [Step("D5", "D5.card")]
    if method is PaymentMethod.INVOICE or debit is None:
        return [Step("D5", "D5.invoice", span)]
    steps = [Step("D5", "D5.debit_data", span)]
    if estimated:
        delay = parameters.debit_notice_delay_days.at(end)
        steps.append(
            Step(
                "D5",
                "D5.debit_estimate",
                {
                    "days": delay.value,
                    "notice_delay_since": delay.since.isoformat(),
                    "on": debit.notice_arrived_on.isoformat(),
                },
            )
        )
    steps.extend(debit.explanation)
    if debit.debit_on > end:
        steps.append(
            Step(
                "D5",
                "D5.debit_late",
                {"debit_on": debit.debit_on.isoformat(), "contract_end": end.isoformat()},
            )
        )
    return steps


@functools.lru_cache(maxsize=4096)
def _dates(
    end: pendulum.Date,
    first_days: int,
    last_days: int,
    notice_days: int,
    reminders: tuple[int, ...],
) -> tuple[DateWindow, pendulum.Date, tuple[pendulum.Date, ...]]:
    """D1, D2, D6: the order window, the fee-notice day and the reminder days before ``end``
    (a pure function of small values, kept for the contract ends asked: .jp expiries are
    month ends, so a book repeats them)."""
    first, last = add_days(end, -first_days), add_days(end, -last_days)
    # Two library-made days in order need no door; out of order, the class refuses them (D1).
    window = _make_window(first, last) if first <= last else DateWindow(first, last)
    return window, add_days(end, -notice_days), tuple(add_days(end, -d) for d in reminders)


def _timeline_steps(
    all_reminders: Any,
    debit: Any,
    end: Any,
    estimated: Any,
    expiry: Any,
    fee_notice: Any,
    first_days: Any,
    last_days: Any,
    method: Any,
    name: Any,
    notice_on: Any,
    order: Any,
    paid: Any,
    params: Any,
    reminder_days: Any,
    window: Any,
) -> list[Step]:
    """The steps of :func:`renewal_timeline` (made when the explanation is read)."""
    made = [
        contract_end_step(name, expiry, end, params),
        Step(
            "D1",
            "D1.order",
            {
                "first_days": first_days,
                "last_days": last_days,
                "order_window_since": order.since.isoformat(),
                "first": window.first.isoformat(),
                "last": window.last.isoformat(),
            },
        ),
        Step(
            "D2",
            "D2.notice",
            {
                "days": fee_notice.value,
                "fee_notice_since": fee_notice.since.isoformat(),
                "on": notice_on.isoformat(),
            },
        ),
    ]
    made.extend(_payment_steps(method, window, end, debit, estimated, params))
    made.append(Step("D4", "D4.prepaid", {"contract_end": end.isoformat()}))
    made.append(
        Step(
            "D6",
            "D6.reminders",
            {
                "days": tuple(str(days) for days in reminder_days.value),
                "reminder_days_since": reminder_days.since.isoformat(),
                "dates": tuple(d.isoformat() for d in all_reminders),
            },
        )
    )
    if paid is not None:
        if paid > end:
            made.append(
                Step(
                    "D4",
                    "D4.paid_late",
                    {"paid_on": paid.isoformat(), "contract_end": end.isoformat()},
                )
            )
        else:
            dropped = [d.isoformat() for d in all_reminders if d >= paid]
            made.append(
                Step(
                    "D6",
                    "D6.paid",
                    {"paid_on": paid.isoformat(), "dropped": tuple(dropped)},
                )
            )
    made.append(Step("D7", "D7.expiry"))
    return made


@recorded()
def renewal_timeline(
    domain: DomainName | str,
    registry_expiry: _dt.date,
    payment: PaymentMethod = PaymentMethod.CREDIT_CARD,
    domain_only: bool = False,
    paid_on: _dt.date | None = None,
    debit_notice_arrived_on: _dt.date | None = None,
    *,
    parameters: Parameters | None = None,
) -> RenewalTimeline:
    """D1-D7: the renewal order window, fee notice, payment and reminder dates.

    ``domain_only`` customers (no hosting plan) may pay by credit card only
    (``PaymentMethodNotAllowed``).  ``paid_on`` drops the reminders from the payment day on.
    For direct debit, ``debit_notice_arrived_on`` gives the notice's arrival; without it the
    arrival is estimated (and said to be).  The figures (the order window's 50 to 45 days, the
    fee notice's 45, the reminders' 45, 15, 7, 3 and 0, the estimated 5 days of the notice) are
    the ``parameters`` in force on the contract end; the debit day the one in force on the
    notice's arrival; the .jp contract end's 7 days the one in force on the registry expiry.

    >>> t = renewal_timeline("example.jp", pendulum.Date(2027, 3, 31))
    >>> t.fee_notice_on, t.reminders[-1]
    (Date(2027, 2, 7), Date(2027, 3, 24))
    >>> [str(d) for d in t.reminders]
    ['2027-02-07', '2027-03-09', '2027-03-17', '2027-03-21', '2027-03-24']
    >>> renewal_timeline("example.jp", pendulum.Date(2027, 3, 31), PaymentMethod.INVOICE,
    ...                  domain_only=True)
    Traceback (most recent call last):
    ...
    clararules.core.errors.PaymentMethodNotAllowed: a customer with a domain contract only may pay by credit card only (D5); got invoice
    """
    name = as_domain(domain)
    method = check.member(payment, PaymentMethod, "payment")
    check_payment(method, check.flag(domain_only, "domain_only"))
    expiry = expiry_of(name, registry_expiry)
    paid = check.optional_date(paid_on, "paid_on")
    params = resolve(parameters)
    end = contract_end_of(name, expiry, params)
    order = params.order_window_days.at(end)
    first_days, last_days = order.value
    fee_notice = params.fee_notice_days.at(end)
    reminder_days = params.reminder_days.at(end)
    window, notice_on, all_reminders = _dates(
        end, first_days, last_days, fee_notice.value, reminder_days.value
    )
    debit, estimated = _payment(method, window, end, debit_notice_arrived_on, params)
    reminders = all_reminders
    if paid is not None and paid <= end:
        reminders = tuple(d for d in all_reminders if d < paid)

    return RenewalTimeline(
        domain=name,
        registry_expiry=expiry,
        contract_end=end,
        order_window=window,
        fee_notice_on=notice_on,
        reminders=reminders,
        payment=method,
        domain_only=domain_only,
        pay_by=end,
        invoice_window=window if method is PaymentMethod.INVOICE else None,
        debit=debit,
        debit_notice_estimated=estimated,
        paid_on=paid,
        explanation=Lazy(
            _timeline_steps,
            all_reminders,
            debit,
            end,
            estimated,
            expiry,
            fee_notice,
            first_days,
            last_days,
            method,
            name,
            notice_on,
            order,
            paid,
            params,
            reminder_days,
            window,
        ),
    )
