"""Domain renewal, payment, expiry and restore (D1-D9).

>>> import pendulum
>>> t = renewal_timeline("example.jp", pendulum.Date(2027, 3, 31))
>>> t.contract_end, t.order_window.first, t.order_window.last
(Date(2027, 3, 24), Date(2027, 2, 2), Date(2027, 2, 7))
>>> restore_window("example.jp", pendulum.Date(2027, 3, 31)).closes
Date(2027, 4, 20)
"""

from __future__ import annotations

import datetime as _dt
import enum
from fractions import Fraction

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import (
    Month,
    add_days,
    next_bank_business_day,
    previous_bank_business_day,
)
from clararules.core.errors import InvalidInput, PaymentMethodNotAllowed
from clararules.core.explain import Figure, Step
from clararules.core.money import Rounding, Yen, round_yen
from clararules.core.parameters import ClosingBasis, Parameters, RestoreClose, resolve, since_text
from clararules.core.tax import percent
from clararules.domains.names import DomainKind, DomainName, as_domain

__all__ = [
    "DateWindow",
    "DirectDebit",
    "DomainState",
    "DomainStatus",
    "PaymentMethod",
    "ProviderDeadline",
    "RenewalTimeline",
    "RestoreWindow",
    "contract_end",
    "direct_debit",
    "direct_debit_on",
    "domain_status",
    "renewal_timeline",
    "restore_window",
]

JP_CONTRACT_END_DAYS = 7
"""D3 (decision): .jp contracts end exactly this many days before the registry expiry."""
ORDER_WINDOW_DAYS = (50, 45)
"""D1: the renewal order is created between these many days before the contract end."""
FEE_NOTICE_DAYS = 45
"""D2: the fee notice goes out this many days before the contract end."""
REMINDER_DAYS = (45, 15, 7, 3, 0)
"""D6: reminder e-mails this many days before the contract end (0: the day itself)."""
DEBIT_DAY = 27
"""D5: direct debits fall on the 27th, moved to the next bank business day."""
DEBIT_NOTICE_DELAY_DAYS = 5
"""D5 (decision): the debit notice is estimated to arrive this many days after the order
window closes ("a few days later"), when the caller does not give its arrival date."""
RESTORE_DOWNTIME = pendulum.duration(hours=1)
"""D8: about one hour without service follows a restore."""


_KIND_TEXT = {
    DomainKind.GENERIC_JP: "generic .jp",
    DomainKind.ATTRIBUTE_JP: "attribute-type .jp",
    DomainKind.GEOGRAPHIC_JP: "geographic-type .jp",
    DomainKind.GTLD: "gTLD",
    DomainKind.OTHER: "other",
}


class PaymentMethod(enum.Enum):
    """How a domain renewal is paid (D5)."""

    CREDIT_CARD = "credit_card"
    INVOICE = "invoice"
    DIRECT_DEBIT = "direct_debit"


def _check_window(instance: DateWindow, attribute: object, value: pendulum.Date) -> None:
    if instance.first > value:
        raise InvalidInput(
            f"a date window must not end ({value}) before it starts ({instance.first})"
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


# ---------------------------------------------------------------- D3


def not_month_end(domain: object, expiry: _dt.date) -> InvalidInput:
    """D3: the refusal of a .jp registry expiry that is not a month end."""
    last = Month.of(expiry).last_day
    return InvalidInput(
        f"registry expiry {expiry} of {domain} is not a month end; .jp registry expiry dates "
        f"are always the last day of a month (D3), e.g. {last}"
    )


def check_payment(method: PaymentMethod, domain_only: bool) -> None:
    """D5: a customer with a domain contract only may pay by credit card only."""
    if domain_only and method is not PaymentMethod.CREDIT_CARD:
        raise PaymentMethodNotAllowed(
            f"a customer with a domain contract only may pay by credit card only (D5); got "
            f"{method.value}"
        )


def expiry_of(domain: DomainName, registry_expiry: object) -> pendulum.Date:
    """D3: the registry expiry through the door; a .jp expiry must be a month end."""
    expiry = check.date(registry_expiry, "registry_expiry")
    if domain.kind.is_jp and expiry != Month.of(expiry).last_day:
        raise not_month_end(domain, expiry)
    return expiry


def contract_end_of(domain: DomainName, expiry: pendulum.Date) -> pendulum.Date:
    """D3: the contract end: 7 days before a .jp registry expiry, else the expiry itself."""
    return add_days(expiry, -JP_CONTRACT_END_DAYS) if domain.kind.is_jp else expiry


def _contract_end(domain: DomainName, expiry: pendulum.Date) -> tuple[pendulum.Date, Step]:
    figures: dict[str, Figure] = {
        "domain": str(domain),
        "kind": _KIND_TEXT[domain.kind],
        "registry_expiry": expiry.isoformat(),
    }
    end = contract_end_of(domain, expiry)
    if domain.kind.is_jp:
        figures.update(days=JP_CONTRACT_END_DAYS, contract_end=end.isoformat())
        return end, Step("D3", "D3.jp", figures)
    figures["contract_end"] = end.isoformat()
    return end, Step("D3", "D3.other", figures)


def contract_end(domain: DomainName | str, registry_expiry: _dt.date) -> pendulum.Date:
    """D3: the end of the domain contract: 7 days before a .jp registry expiry, else the expiry.

    >>> contract_end("example.jp", pendulum.Date(2027, 3, 31))
    Date(2027, 3, 24)
    >>> contract_end("example.com", pendulum.Date(2027, 3, 15))
    Date(2027, 3, 15)
    """
    name = as_domain(domain)
    return _contract_end(name, expiry_of(name, registry_expiry))[0]


# ---------------------------------------------------------------- D5 direct debit


@attrs.frozen
class DirectDebit:
    """When a direct debit is taken, from the day its notice arrived (D5, G4)."""

    notice_arrived_on: pendulum.Date
    debit_on: pendulum.Date
    debit_month: Month
    next_month: bool
    """Whether the notice came after its month's debit date, so the next month's applies."""
    explanation: tuple[Step, ...]


def _debit_in(month: Month) -> tuple[pendulum.Date, pendulum.Date]:
    day27 = add_days(month.first_day, DEBIT_DAY - 1)
    return day27, next_bank_business_day(day27)


def direct_debit(notice_arrived_on: _dt.date) -> DirectDebit:
    """D5: the debit date for a notice arriving on ``notice_arrived_on``, explained.

    >>> d = direct_debit(pendulum.Date(2026, 6, 3))
    >>> d.debit_on, [s.rule for s in d.explanation]
    (Date(2026, 6, 29), ['D5', 'G4', 'D5'])
    """
    arrived = check.date(notice_arrived_on, "notice_arrived_on")
    month = Month.of(arrived)
    day27, debit_on = _debit_in(month)
    figures: dict[str, Figure] = {"arrived_on": arrived.isoformat()}
    steps = []
    next_month = arrived > debit_on
    if next_month:
        figures["missed"] = debit_on.isoformat()
        month = month + 1
        day27, debit_on = _debit_in(month)
        figures["day27"] = day27.isoformat()
        steps.append(Step("D5", "D5.debit_next_month", figures))
    else:
        figures["day27"] = day27.isoformat()
        steps.append(Step("D5", "D5.debit_27", figures))
    if debit_on != day27:
        steps.append(
            Step("G4", "G4.moved", {"day27": day27.isoformat(), "debit_on": debit_on.isoformat()})
        )
    steps.append(Step("D5", "D5.debit_fallback", {"debit_on": debit_on.isoformat()}))
    return DirectDebit(arrived, debit_on, month, next_month, tuple(steps))


def direct_debit_on(notice_arrived_on: _dt.date) -> pendulum.Date:
    """D5: the debit date: the 27th of the arrival month, or the next bank business day (G4);
    the next month's when the notice arrives after that month's debit date.

    >>> direct_debit_on(pendulum.Date(2026, 6, 3))   # the 27th is a Saturday
    Date(2026, 6, 29)
    >>> direct_debit_on(pendulum.Date(2026, 6, 30))  # after June's debit: July's
    Date(2026, 7, 27)
    """
    return direct_debit(notice_arrived_on).debit_on


# ---------------------------------------------------------------- D1, D2, D4-D7


@attrs.frozen
class RenewalTimeline:
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
    explanation: tuple[Step, ...]

    @property
    def debit_on(self) -> pendulum.Date | None:
        """The direct-debit date, for ``PaymentMethod.DIRECT_DEBIT``."""
        return None if self.debit is None else self.debit.debit_on


def renewal_timeline(
    domain: DomainName | str,
    registry_expiry: _dt.date,
    payment: PaymentMethod = PaymentMethod.CREDIT_CARD,
    domain_only: bool = False,
    paid_on: _dt.date | None = None,
    debit_notice_arrived_on: _dt.date | None = None,
) -> RenewalTimeline:
    """D1-D7: the renewal order window, fee notice, payment and reminder dates.

    ``domain_only`` customers (no hosting plan) may pay by credit card only
    (``PaymentMethodNotAllowed``).  ``paid_on`` drops the reminders from the payment day on.
    For direct debit, ``debit_notice_arrived_on`` gives the notice's arrival; without it the
    arrival is estimated (and said to be).

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
    end, end_step = _contract_end(name, expiry)
    window = DateWindow(add_days(end, -ORDER_WINDOW_DAYS[0]), add_days(end, -ORDER_WINDOW_DAYS[1]))
    notice_on = add_days(end, -FEE_NOTICE_DAYS)
    span = {"first": window.first.isoformat(), "last": window.last.isoformat()}
    steps = [
        end_step,
        Step("D1", "D1.order", span),
        Step("D2", "D2.notice", {"on": notice_on.isoformat()}),
    ]

    invoice_window = None
    debit = None
    estimated = False
    if method is PaymentMethod.CREDIT_CARD:
        steps.append(Step("D5", "D5.card"))
    elif method is PaymentMethod.INVOICE:
        invoice_window = window
        steps.append(Step("D5", "D5.invoice", span))
    else:
        steps.append(Step("D5", "D5.debit_data", span))
        if debit_notice_arrived_on is None:
            estimated = True
            arrival = add_days(window.last, DEBIT_NOTICE_DELAY_DAYS)
            steps.append(
                Step(
                    "D5",
                    "D5.debit_estimate",
                    {"days": DEBIT_NOTICE_DELAY_DAYS, "on": arrival.isoformat()},
                )
            )
        else:
            arrival = check.date(debit_notice_arrived_on, "debit_notice_arrived_on")
        debit = direct_debit(arrival)
        steps.extend(debit.explanation)
        if debit.debit_on > end:
            steps.append(
                Step(
                    "D5",
                    "D5.debit_late",
                    {"debit_on": debit.debit_on.isoformat(), "contract_end": end.isoformat()},
                )
            )
    steps.append(Step("D4", "D4.prepaid", {"contract_end": end.isoformat()}))

    all_reminders = tuple(add_days(end, -days) for days in REMINDER_DAYS)
    steps.append(
        Step("D6", "D6.reminders", {"dates": ", ".join(d.isoformat() for d in all_reminders)})
    )
    reminders = all_reminders
    if paid is not None:
        if paid > end:
            steps.append(
                Step(
                    "D4",
                    "D4.paid_late",
                    {"paid_on": paid.isoformat(), "contract_end": end.isoformat()},
                )
            )
        else:
            reminders = tuple(d for d in all_reminders if d < paid)
            dropped = [d.isoformat() for d in all_reminders if d >= paid]
            steps.append(
                Step("D6", "D6.paid", {"paid_on": paid.isoformat(), "dropped": ", ".join(dropped)})
            )
    steps.append(Step("D7", "D7.expiry"))
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
        invoice_window=invoice_window,
        debit=debit,
        debit_notice_estimated=estimated,
        paid_on=paid,
        explanation=tuple(steps),
    )


# ---------------------------------------------------------------- D8, D9


class DeadlineRule(enum.Enum):
    """The shape of a provider's own restore deadline (D9)."""

    DAY_OF_NEXT_MONTH = "day_of_next_month"
    DAYS_AFTER_CONTRACT_END = "days_after_contract_end"


def _deadline_rule(value: object) -> DeadlineRule:
    return check.member(value, DeadlineRule, "rule")


@attrs.frozen
class ProviderDeadline:
    """A provider's own restore deadline, earlier than the registry's (D9), set by the caller.

    >>> rule = ProviderDeadline.day_of_next_month(15)
    >>> rule.closes(pendulum.Date(2027, 2, 28), pendulum.Date(2027, 2, 21))  # 3/15 is a Monday
    Date(2027, 3, 15)
    >>> ProviderDeadline.days_after_contract_end(17).closes(
    ...     pendulum.Date(2027, 2, 28), pendulum.Date(2027, 2, 21))
    Date(2027, 3, 10)
    """

    rule: DeadlineRule = attrs.field(converter=_deadline_rule)
    value: int = attrs.field()
    roll_back_to_business_day: bool = attrs.field()

    @value.validator
    def _check_value(self, attribute: object, value: object) -> None:
        if self.rule is DeadlineRule.DAY_OF_NEXT_MONTH:
            check.whole(value, "day", low=1, high=28)
        else:
            check.whole(value, "days", low=1, high=400)

    @roll_back_to_business_day.default
    def _roll_back_default(self) -> bool:
        return self.rule is DeadlineRule.DAY_OF_NEXT_MONTH

    @roll_back_to_business_day.validator
    def _check_roll_back(self, attribute: object, value: object) -> None:
        check.flag(value, "roll_back_to_business_day")
        if value and self.rule is DeadlineRule.DAYS_AFTER_CONTRACT_END:
            raise InvalidInput(
                "roll_back_to_business_day applies to a day of the next month only; a deadline "
                "of days after the contract end is never moved (D9)"
            )

    @classmethod
    def day_of_next_month(
        cls, day: int, roll_back_to_business_day: bool = True
    ) -> ProviderDeadline:
        """The ``day`` of the month after the registry expiry, rolled back to a business day."""
        return cls(DeadlineRule.DAY_OF_NEXT_MONTH, day, roll_back_to_business_day)

    @classmethod
    def days_after_contract_end(cls, days: int) -> ProviderDeadline:
        """``days`` days after the contract end."""
        return cls(DeadlineRule.DAYS_AFTER_CONTRACT_END, days, False)

    def closes(self, registry_expiry: pendulum.Date, contract_end: pendulum.Date) -> pendulum.Date:
        """The provider's last day for restore requests."""
        if self.rule is DeadlineRule.DAYS_AFTER_CONTRACT_END:
            return add_days(contract_end, self.value)
        day = add_days((Month.of(registry_expiry) + 1).first_day, self.value - 1)
        return previous_bank_business_day(day) if self.roll_back_to_business_day else day

    def describe(self) -> tuple[str, str]:
        """The rule in English and Japanese."""
        if self.rule is DeadlineRule.DAYS_AFTER_CONTRACT_END:
            return (f"{self.value} days after the contract end", f"契約終了日の {self.value} 日後")
        roll = self.roll_back_to_business_day
        return (
            f"the {self.value}th of the month after expiry"
            + (", rolled back to a business day" if roll else ""),
            f"期限翌月の {self.value} 日" + ("（営業日でない場合は前営業日）" if roll else ""),
        )


@attrs.frozen
class RestoreWindow:
    """When and at what cost an expired domain can be restored (D8, D9)."""

    domain: DomainName
    kind: DomainKind
    contract_end: pendulum.Date
    opens: pendulum.Date
    closes: pendulum.Date | None
    """The last day to request a restore; ``None`` when unknown (ask support)."""
    closing_basis: ClosingBasis
    registry_closes: pendulum.Date | None
    provider_closes: pendulum.Date | None
    fee: Yen
    fee_includes_tax: bool
    fee_excluding_tax: Yen
    fee_tax: Yen
    downtime: pendulum.Duration
    explanation: tuple[Step, ...]

    def __contains__(self, day: object) -> bool:
        """Whether the JST day of ``day`` is in the window (a naive datetime is refused, G1)."""
        if not isinstance(day, _dt.date | str):
            return False
        d = check.date(day, "day")
        return self.opens <= d and (self.closes is None or d <= self.closes)


def restore_window(
    domain: DomainName | str,
    registry_expiry: _dt.date,
    provider_deadline: ProviderDeadline | None = None,
    parameters: Parameters | None = None,
) -> RestoreWindow:
    """D8-D9: the restore window, its fee (tax included) and the restore flow.

    >>> w = restore_window("example.co.jp", pendulum.Date(2027, 3, 31))
    >>> w.opens, w.closes, w.closing_basis.value
    (Date(2027, 3, 25), Date(2027, 4, 15), 'registry_rule')
    >>> g = restore_window("example.com", pendulum.Date(2027, 3, 10))
    >>> g.closes, g.closing_basis.value, str(g.fee), g.fee_includes_tax
    (Date(2027, 4, 9), 'estimate', '¥12,000', True)
    >>> restore_window("example.uk", pendulum.Date(2027, 3, 10)).closes is None
    True
    """
    name = as_domain(domain)
    expiry = expiry_of(name, registry_expiry)
    if provider_deadline is not None:
        check.instance(provider_deadline, ProviderDeadline, "provider_deadline")
    params = resolve(parameters)
    end, end_step = _contract_end(name, expiry)
    opens = add_days(end, 1)
    rule_entry = params.restore_rules[name.kind].at(end)
    rule = rule_entry.value
    if rule.close is RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY:
        assert rule.value is not None
        registry_closes: pendulum.Date | None = (Month.of(expiry) + 1).first_day.add(
            days=rule.value - 1
        )
    elif rule.close is RestoreClose.DAYS_AFTER_CONTRACT_END:
        assert rule.value is not None
        registry_closes = add_days(end, rule.value)
    else:
        registry_closes = None
    closes, basis = registry_closes, rule.basis
    steps = [
        end_step,
        Step("D8", "D8.opens", {"opens": opens.isoformat()}),
        Step(
            "D9",
            "D9.rule",
            {
                "kind": _KIND_TEXT[name.kind],
                "rule_since": since_text(rule_entry.since),
                "summary": rule.summary_en,
                "summary_ja": rule.summary_ja,
                "closes": (
                    f"on {registry_closes} ({rule.basis.value.replace('_', ' ')})"
                    if registry_closes
                    else "on a date not known"
                ),
                "closes_ja": (
                    f"{registry_closes}（{'見積もり' if rule.basis is ClosingBasis.ESTIMATE else 'レジストリの規則'}）"
                    if registry_closes
                    else "不明"
                ),
            },
        ),
    ]
    provider_closes = None
    if provider_deadline is not None:
        provider_closes = provider_deadline.closes(expiry, end)
        if closes is None or provider_closes < closes:
            closes, basis = provider_closes, ClosingBasis.PROVIDER_DEADLINE
        en, ja = provider_deadline.describe()
        steps.append(
            Step(
                "D9",
                "D9.provider",
                {
                    "provider_rule": en,
                    "provider_rule_ja": ja,
                    "provider_closes": provider_closes.isoformat(),
                    "registry_closes": registry_closes.isoformat()
                    if registry_closes
                    else "unknown",
                    "closes": closes.isoformat(),
                },
            )
        )
    if closes is not None and closes < opens:
        # A provider deadline before the window opens leaves no window; say so, do not invert.
        raise InvalidInput(
            f"the restore window of {name} would close ({closes}) before it opens ({opens}); "
            f"check the provider deadline"
        )
    fee = params.restore_fee.at(opens).value
    rate_entry = params.consumption_tax_rate.at(opens)
    rate = Fraction(rate_entry.value)
    tax = round_yen(fee.amount * rate / (1 + rate), Rounding.DOWN)
    steps.append(
        Step(
            "D8",
            "D8.fee",
            {
                "fee_yen": fee.amount,
                "rate": percent(rate),
                "rate_since": since_text(rate_entry.since),
                "excluded_yen": (fee - tax).amount,
                "tax_yen": tax.amount,
            },
        )
    )
    steps.extend(Step("D8", f"D8.flow{i}") for i in range(1, 6))
    steps.append(
        Step("D8", "D8.downtime", {"minutes": int(RESTORE_DOWNTIME.total_seconds() // 60)})
    )
    return RestoreWindow(
        domain=name,
        kind=name.kind,
        contract_end=end,
        opens=opens,
        closes=closes,
        closing_basis=basis,
        registry_closes=registry_closes,
        provider_closes=provider_closes,
        fee=fee,
        fee_includes_tax=True,
        fee_excluding_tax=fee - tax,
        fee_tax=tax,
        downtime=RESTORE_DOWNTIME,
        explanation=tuple(steps),
    )


# ---------------------------------------------------------------- status (D4, D7)


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
class DomainState:
    """A domain's status on a day, with its renewal dates and restore window."""

    status: DomainStatus
    on: pendulum.Date
    contract_end: pendulum.Date
    restore: RestoreWindow
    explanation: tuple[Step, ...]


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
    window = restore_window(domain, registry_expiry, provider_deadline, parameters)
    end = window.contract_end
    orders_from = add_days(end, -ORDER_WINDOW_DAYS[0])
    figures: dict[str, Figure] = {
        "on": day.isoformat(),
        "contract_end": end.isoformat(),
        "first": orders_from.isoformat(),
        "closes": window.closes.isoformat() if window.closes else None,
    }
    if paid is not None and paid <= end and paid <= day:
        status = DomainStatus.RENEWED
        step = Step("D4", "D4.status_renewed", {**figures, "paid_on": paid.isoformat()})
    elif day < orders_from:
        status, step = DomainStatus.ACTIVE, Step("D4", "D4.status_active", figures)
    elif day <= end:
        status, step = DomainStatus.RENEWAL_DUE, Step("D4", "D4.status_due", figures)
    elif window.closes is None:
        status = DomainStatus.UNPAID_PAST_CONTRACT_END
        step = Step("D7", "D7.status_unknown", figures)
    elif day <= window.closes:
        status, step = DomainStatus.RESTORABLE, Step("D7", "D7.status_restorable", figures)
    else:
        status, step = DomainStatus.ABOLISHED, Step("D7", "D7.status_abolished", figures)
    # The restore window's first step is the D3 contract-end step.
    return DomainState(status, day, end, window, (window.explanation[0], step))
