"""Contracts and cancellation (C1-C8).

>>> import pendulum
>>> contract = Contract("Clara Cloud Flex", Yen(5000), pendulum.Date(2026, 4, 15), 12)
>>> q = quote_cancellation(contract, pendulum.datetime(2026, 9, 10, 12, tz="Asia/Tokyo"))
>>> q.date.effective_on, q.charge.months_short, q.charge.amount, q.charge.amount_with_tax
(Date(2026, 10, 31), 6, Yen(30000), Yen(33000))
"""

from __future__ import annotations

import datetime as _dt
import enum

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import JST, Month
from clararules.core.decisions import Decision
from clararules.core.errors import InvalidInput
from clararules.core.explain import Figure, Step
from clararules.core.money import Rounding, Yen
from clararules.core.parameters import Parameters
from clararules.core.tax import TaxedAmount, tax_parts

__all__ = [
    "CancellationChangeKind",
    "CancellationChangeRequest",
    "CancellationChangeReview",
    "CancellationChannel",
    "CancellationDate",
    "CancellationQuote",
    "Contract",
    "MinimumTermCharge",
    "ReviewStatus",
    "cancellation_effective_date",
    "check_cancellation_channel",
    "minimum_term_charge",
    "quote_cancellation",
    "request_suspension",
    "review_cancellation_change",
]


# ---------------------------------------------------------------- C2-C4


@attrs.frozen
class CancellationDate:
    """When a cancellation takes effect (C2-C4)."""

    month: Month
    effective_on: pendulum.Date
    desired_month: Month | None
    shifted: bool
    received_at: pendulum.DateTime
    deadline: pendulum.DateTime
    """The last instant at which the form could arrive for ``month`` (C2)."""
    explanation: tuple[Step, ...]


def month_of_cancellation(arrival_month: Month, desired: Month | None) -> tuple[Month, bool]:
    """C2-C4: the cancellation month and whether it was moved (C3), from the arrival month.

    The one formulation of the rule, used by the scalar and the batch functions alike.
    """
    earliest = arrival_month + 1
    if desired is None:
        return earliest, False
    if desired < earliest:
        return earliest, True
    return desired, False


def term_usage(
    activated_on: pendulum.Date, term_months: int, month: Month
) -> tuple[Month, int, int]:
    """C5-C6: the first month of the term, the months used and the months short.

    Refuses a cancellation month before the activation month.
    """
    activation_month = Month(activated_on.year, activated_on.month)
    if month < activation_month:
        raise InvalidInput(
            f"cancellation month {month} is before the activation month {activation_month} "
            f"(activated {activated_on}); give a month on or after activation"
        )
    start = activation_month + 1
    used = 0 if month < start else (month - start) + 1
    return start, used, max(0, term_months - used)


def _deadline_for(month: Month) -> pendulum.DateTime:
    last = (month - 1).last_day
    return pendulum.DateTime(last.year, last.month, last.day, 23, 59, 59, tzinfo=JST)


def cancellation_effective_date(
    received_at: _dt.date, desired_month: Month | None = None
) -> CancellationDate:
    """C2-C4: the cancellation month and the day it takes effect.

    ``received_at`` is when the form *arrived* (an aware datetime in any zone, or a JST date).
    The form must arrive by 23:59:59 JST on the last day of the month before the desired month;
    later, the month after the month of arrival applies (C3); with no desired month, the
    earliest possible one (C4).

    >>> import pendulum
    >>> on_time = cancellation_effective_date(
    ...     pendulum.datetime(2026, 11, 30, 23, 59, 59, tz="Asia/Tokyo"), Month(2026, 12))
    >>> on_time.effective_on, on_time.shifted
    (Date(2026, 12, 31), False)
    >>> late = cancellation_effective_date(
    ...     pendulum.datetime(2026, 11, 30, 15, 0, tz="UTC"), Month(2026, 12))
    >>> late.effective_on, late.shifted
    (Date(2027, 1, 31), True)
    >>> print(late.explanation[1].en)
    It arrived after the deadline for 2026-12 (2026-11-30 23:59:59 JST), so it is handled the
    following month: the cancellation month moved from 2026-12 to 2027-01.
    """
    arrived = check.instant(received_at, "received_at")
    desired = check.optional_month(desired_month, "desired_month")
    arrival_month = Month(arrived.year, arrived.month)
    month, shifted = month_of_cancellation(arrival_month, desired)
    steps = [
        Step(
            "C2",
            "C2.arrived",
            {
                "arrived_at": f"{arrived:%Y-%m-%d %H:%M:%S}",
                "arrival_month": str(arrival_month),
            },
        )
    ]
    if desired is None:
        steps.append(Step("C4", "C4.earliest", {"month": str(month)}))
    else:
        figures = {
            "desired_month": str(desired),
            "deadline": (desired - 1).last_day.isoformat(),
            "month": str(month),
        }
        steps.append(
            Step("C3", "C3.shifted", figures) if shifted else Step("C2", "C2.in_time", figures)
        )
    effective_on = month.last_day
    steps.append(Step("C2", "C2.effective", {"effective_on": effective_on.isoformat()}))
    return CancellationDate(
        month=month,
        effective_on=effective_on,
        desired_month=desired,
        shifted=shifted,
        received_at=arrived,
        deadline=_deadline_for(month),
        explanation=tuple(steps),
    )


# ---------------------------------------------------------------- C5-C6, C12


# Each field goes through the input door under its own name.
def _service(value: object) -> str:
    return check.text(value, "service")


def _monthly_fee(value: object) -> Yen:
    return check.yen(value, "monthly_fee")


def _activated_on(value: object) -> pendulum.Date:
    return check.date(value, "activated_on")


def _minimum_term_months(value: object) -> int:
    return check.whole(value, "minimum_term_months")


def _special_agreement_term_months(value: object) -> int | None:
    return check.optional_whole(value, "special_agreement_term_months")


def _requested_at(value: object) -> pendulum.DateTime:
    return check.instant(value, "requested_at")


def _from_registered_contact(value: object) -> bool:
    return check.flag(value, "from_registered_contact")


def _customer_number(value: object) -> str | None:
    return check.optional_text(value, "customer_number")


def _service_name(value: object) -> str | None:
    return check.optional_text(value, "service_name")


def _host_name(value: object) -> str | None:
    return check.optional_text(value, "host_name")


def _accepted_cancellation_on(value: object) -> pendulum.Date | None:
    return check.optional_date(value, "accepted_cancellation_on")


def _new_cancellation_on(value: object) -> pendulum.Date | None:
    return check.optional_date(value, "new_cancellation_on")


def _withdrawal_reason(value: object) -> str | None:
    return check.optional_text(value, "withdrawal_reason")


def _kind(value: object) -> CancellationChangeKind:
    return check.member(value, CancellationChangeKind, "kind")


@attrs.frozen
class Contract:
    """A hosting contract (C5).

    ``minimum_term_months`` comes from the price list; a special agreement (特約) sets
    ``special_agreement_term_months``, which then overrides it (C5).  A term of 0 means no
    minimum term.

    >>> import pendulum
    >>> c = Contract("Flex Web", Yen(5000), pendulum.Date(2026, 4, 15), 12)
    >>> c.term_start, c.term_months
    (Month(year=2026, month=5), 12)
    >>> Contract("Flex Web", Yen(5000), pendulum.Date(2026, 4, 15), -1)
    Traceback (most recent call last):
    ...
    clararules.core.errors.InvalidInput: minimum_term_months must be in 0..1200, got -1
    """

    service: str = attrs.field(converter=_service)
    monthly_fee: Yen = attrs.field(converter=_monthly_fee)
    activated_on: pendulum.Date = attrs.field(converter=_activated_on)
    minimum_term_months: int = attrs.field(converter=_minimum_term_months)
    special_agreement_term_months: int | None = attrs.field(
        default=None,
        converter=_special_agreement_term_months,
        kw_only=True,
    )

    @property
    def term_months(self) -> int:
        """The minimum term in force: the special agreement's, else the price list's (C5)."""
        if self.special_agreement_term_months is not None:
            return self.special_agreement_term_months
        return self.minimum_term_months

    @property
    def term_start(self) -> Month:
        """C5/C12: the month after the activation month, whatever the activation day."""
        return Month.of(self.activated_on) + 1


@attrs.frozen
class MinimumTermCharge:
    """What cancelling in a given month costs under the minimum term (C5-C6)."""

    term_start: Month
    term_end: Month
    """The last month of the period (the month before ``term_start`` when the term is 0)."""
    term_months: int
    cancellation_month: Month
    months_used: int
    months_short: int
    monthly_fee: Yen
    amount: Yen
    """Tax excluded."""
    tax: TaxedAmount
    explanation: tuple[Step, ...]

    @property
    def amount_with_tax(self) -> Yen:
        """The charge with consumption tax (G3) as of the cancellation date."""
        return self.tax.with_tax


def _contract(value: object) -> Contract:
    return check.instance(value, Contract, "contract")


def minimum_term_charge(
    contract: Contract,
    cancellation_month: Month,
    rounding: Rounding = Rounding.DOWN,
    parameters: Parameters | None = None,
) -> MinimumTermCharge:
    """C5-C6: the charge for the months short of the minimum term.

    Months used run from the month after activation through the cancellation month.

    >>> import pendulum
    >>> c = Contract("Flex Web", Yen(5000), pendulum.Date(2026, 4, 15), 12)
    >>> charge = minimum_term_charge(c, Month(2026, 10))
    >>> charge.term_start, charge.term_end, charge.months_used, charge.months_short
    (Month(year=2026, month=5), Month(year=2027, month=4), 6, 6)
    >>> charge.amount, charge.amount_with_tax
    (Yen(30000), Yen(33000))
    """
    contract = _contract(contract)
    month = check.month(cancellation_month, "cancellation_month")
    term = contract.term_months
    start, used, short = term_usage(contract.activated_on, term, month)
    end = start + (term - 1)
    amount = contract.monthly_fee * short
    effective_on = month.last_day
    taxed = (
        tax_parts([(effective_on, amount)], rounding, parameters)
        if amount
        else TaxedAmount(amount, Yen(0), (), rounding)
    )
    special = contract.special_agreement_term_months is not None
    steps = (
        Step(
            "C5",
            "C5.term",
            {
                "term_months": term,
                "term_source": "special agreement" if special else "price list",
                "term_source_ja": "特約" if special else "料金表",
                "activated_on": contract.activated_on.isoformat(),
                "term_start": str(start),
                "term_end": str(end),
            },
        ),
        Step(
            "C6",
            "C6.used",
            {"cancellation_month": str(month), "months_used": used, "months_short": short},
        ),
        Step(
            "C6",
            "C6.charge",
            {
                "monthly_fee_yen": contract.monthly_fee.amount,
                "months_short": short,
                "amount_yen": amount.amount,
                "effective_on": effective_on.isoformat(),
            },
        ),
        *taxed.steps(),
    )
    return MinimumTermCharge(
        term_start=start,
        term_end=end,
        term_months=term,
        cancellation_month=month,
        months_used=used,
        months_short=short,
        monthly_fee=contract.monthly_fee,
        amount=amount,
        tax=taxed,
        explanation=steps,
    )


@attrs.frozen
class CancellationQuote:
    """A cancellation date and its minimum-term charge together (C2-C6)."""

    date: CancellationDate
    charge: MinimumTermCharge

    @property
    def explanation(self) -> tuple[Step, ...]:
        """The date's steps, then the charge's."""
        return self.date.explanation + self.charge.explanation


def quote_cancellation(
    contract: Contract,
    received_at: _dt.date,
    desired_month: Month | None = None,
    rounding: Rounding = Rounding.DOWN,
    parameters: Parameters | None = None,
) -> CancellationQuote:
    """C2-C6: when a cancellation takes effect and what it costs.

    >>> import pendulum
    >>> c = Contract("Flex Web", Yen(5000), pendulum.Date(2026, 4, 15), 12)
    >>> q = quote_cancellation(c, pendulum.datetime(2026, 12, 1, tz="Asia/Tokyo"), Month(2026, 12))
    >>> q.date.month, q.date.shifted, q.charge.months_short, q.charge.amount_with_tax
    (Month(year=2027, month=1), True, 3, Yen(16500))
    """
    date = cancellation_effective_date(received_at, desired_month)
    return CancellationQuote(date, minimum_term_charge(contract, date.month, rounding, parameters))


# ---------------------------------------------------------------- C1, C8


class CancellationChannel(enum.Enum):
    """How a cancellation request reached the provider (C1)."""

    EMAIL_FORM = "email_form"
    """The cancellation form (解約申込書) attached to an e-mail to the contracts desk."""
    EMAIL_WITHOUT_FORM = "email_without_form"
    TELEPHONE = "telephone"
    POST = "post"
    OTHER = "other"


_CHANNEL_TEXT = {
    CancellationChannel.EMAIL_FORM: ("as the form by e-mail", "解約申込書のメール送付"),
    CancellationChannel.EMAIL_WITHOUT_FORM: ("by e-mail without the form", "申込書のないメール"),
    CancellationChannel.TELEPHONE: ("by telephone", "お電話"),
    CancellationChannel.POST: ("by post", "郵送"),
    CancellationChannel.OTHER: ("by another channel", "その他の方法"),
}


def check_cancellation_channel(channel: CancellationChannel | str) -> Decision:
    """C1: only the cancellation form sent by e-mail is accepted; never by telephone.

    >>> check_cancellation_channel(CancellationChannel.TELEPHONE).accepted
    False
    >>> check_cancellation_channel("email_form").accepted
    True
    """
    kind = check.member(channel, CancellationChannel, "channel")
    en, ja = _CHANNEL_TEXT[kind]
    accepted = kind is CancellationChannel.EMAIL_FORM
    step = Step(
        "C1",
        "C1.accepted" if accepted else "C1.refused",
        {"channel": en, "channel_ja": ja},
    )
    return Decision("cancellation_channel", accepted, (step,))


def request_suspension(service: str) -> Decision:
    """C8: a service cannot be suspended; the refusal names the alternative.

    >>> d = request_suspension("Flex Web")
    >>> d.accepted
    False
    >>> print(d.reasons[0])
    There is no suspension of Flex Web: the only way is to cancel (cancellation form, C1-C2) and
    sign a new contract later.
    """
    name = check.text(service, "service")
    return Decision("suspension", False, (Step("C8", "C8.refused", {"service": name}),))


# ---------------------------------------------------------------- C7


class CancellationChangeKind(enum.Enum):
    """What a C7 request asks for."""

    EXTEND = "extend"
    """Move the accepted cancellation date later (解約期日延長)."""
    WITHDRAW = "withdraw"
    """Withdraw the cancellation (解約申込取下げ)."""


class ReviewStatus(enum.Enum):
    """The outcome of a C7 check: never "approved", only eligible for the provider's review."""

    ELIGIBLE_FOR_REVIEW = "eligible_for_review"
    NOT_ELIGIBLE = "not_eligible"


@attrs.frozen(kw_only=True)
class CancellationChangeRequest:
    """A request to extend or withdraw an accepted cancellation (C7), as the customer sent it.

    Fields the customer left out are ``None``; :func:`review_cancellation_change` names them.
    """

    kind: CancellationChangeKind = attrs.field(converter=_kind)
    requested_at: pendulum.DateTime = attrs.field(converter=_requested_at)
    from_registered_contact: bool = attrs.field(converter=_from_registered_contact)
    customer_number: str | None = attrs.field(default=None, converter=_customer_number)
    service_name: str | None = attrs.field(default=None, converter=_service_name)
    host_name: str | None = attrs.field(default=None, converter=_host_name)
    """The server host name, or the domain name."""
    accepted_cancellation_on: pendulum.Date | None = attrs.field(
        default=None, converter=_accepted_cancellation_on
    )
    """The accepted cancellation date as the customer states it (a month end, C2)."""
    new_cancellation_on: pendulum.Date | None = attrs.field(
        default=None, converter=_new_cancellation_on
    )
    """For an extension: the desired new date (a month end)."""
    withdrawal_reason: str | None = attrs.field(default=None, converter=_withdrawal_reason)


@attrs.frozen
class CancellationChangeReview:
    """The C7 check of a request: eligible for review or not, and why."""

    status: ReviewStatus
    kind: CancellationChangeKind
    missing_fields: tuple[str, ...]
    extension_months: int
    extension_charge: Yen
    """Tax excluded; zero for a withdrawal or when no monthly fee was given."""
    tax: TaxedAmount
    follow_up_form: str | None
    """The form the provider e-mails when the request is eligible (Japanese name)."""
    explanation: tuple[Step, ...]

    @property
    def eligible_for_review(self) -> bool:
        """Whether the provider may now review (never: approve) the request."""
        return self.status is ReviewStatus.ELIGIBLE_FOR_REVIEW

    @property
    def extension_charge_with_tax(self) -> Yen:
        """The extension charge with consumption tax, per month of supply (G3)."""
        return self.tax.with_tax


_FIELD_NAMES = {
    "customer_number": "お客様番号",
    "service_name": "対象サービス名",
    "host_name": "サーバホスト名（またはドメイン名）",
    "accepted_cancellation_on": "受理済解約日",
    "new_cancellation_on": "延長希望日",
    "withdrawal_reason": "解約取下理由",
}

_FORMS = {
    CancellationChangeKind.EXTEND: ("解約期日延長依頼書", "cancellation-date extension request"),
    CancellationChangeKind.WITHDRAW: ("解約申込取下依頼書", "cancellation withdrawal request"),
}


def review_cancellation_change(
    request: CancellationChangeRequest,
    accepted_cancellation_on: _dt.date,
    monthly_fee: Yen | None = None,
    rounding: Rounding = Rounding.DOWN,
    parameters: Parameters | None = None,
) -> CancellationChangeReview:
    """C7: whether a request to extend or withdraw an accepted cancellation may be reviewed.

    ``accepted_cancellation_on`` is the date on the provider's record.  The request must come
    on or before it (JST), from a registered contact, with every required field.  The result
    is at most *eligible for review*; the extended months are billed at ``monthly_fee``.

    >>> import pendulum
    >>> request = CancellationChangeRequest(
    ...     kind=CancellationChangeKind.EXTEND,
    ...     requested_at=pendulum.datetime(2026, 11, 20, 10, tz="Asia/Tokyo"),
    ...     from_registered_contact=True, customer_number="C-1001", service_name="Flex Web",
    ...     host_name="www.example.jp", accepted_cancellation_on=pendulum.Date(2026, 11, 30),
    ...     new_cancellation_on=pendulum.Date(2027, 2, 28))
    >>> review = review_cancellation_change(request, pendulum.Date(2026, 11, 30), Yen(5000))
    >>> review.status, review.extension_months, review.extension_charge_with_tax
    (<ReviewStatus.ELIGIBLE_FOR_REVIEW: 'eligible_for_review'>, 3, Yen(16500))
    >>> review.follow_up_form
    '解約期日延長依頼書'
    """
    request = check.instance(request, CancellationChangeRequest, "request")
    accepted_on = check.date(accepted_cancellation_on, "accepted_cancellation_on")
    if accepted_on != Month.of(accepted_on).last_day:
        raise InvalidInput(
            f"accepted_cancellation_on {accepted_on} is not a month end: a cancellation always "
            f"takes effect on the last day of a month (C2), e.g. {Month.of(accepted_on).last_day}"
        )
    fee = check.optional_yen(monthly_fee, "monthly_fee")
    requested_on = request.requested_at.date()
    ok = True
    steps: list[Step] = []
    dates = {"requested_on": requested_on.isoformat(), "accepted_on": accepted_on.isoformat()}
    if requested_on <= accepted_on:
        steps.append(Step("C7", "C7.deadline_ok", dates))
    else:
        ok = False
        steps.append(Step("C7", "C7.deadline_passed", dates))
    if request.from_registered_contact:
        steps.append(Step("C7", "C7.contact_ok"))
    else:
        ok = False
        steps.append(Step("C7", "C7.contact_refused"))

    required = ["customer_number", "service_name", "host_name", "accepted_cancellation_on"]
    required.append(
        "new_cancellation_on"
        if request.kind is CancellationChangeKind.EXTEND
        else "withdrawal_reason"
    )
    missing = tuple(name for name in required if getattr(request, name) is None)
    if missing:
        ok = False
        steps.append(
            Step(
                "C7",
                "C7.missing",
                {
                    "missing": ", ".join(missing),
                    "missing_ja": "、".join(_FIELD_NAMES[m] for m in missing),
                },
            )
        )
    stated = request.accepted_cancellation_on
    if stated is not None and stated != Month.of(stated).last_day:
        ok = False
        steps.append(
            Step("C7", "C7.stated_not_month_end", {**dates, "stated_on": stated.isoformat()})
        )
    elif stated is not None and stated != accepted_on:
        ok = False
        steps.append(Step("C7", "C7.date_mismatch", {**dates, "stated_on": stated.isoformat()}))

    months = 0
    charge = Yen(0)
    taxed = TaxedAmount(Yen(0), Yen(0), (), rounding)
    new_on = request.new_cancellation_on
    if request.kind is CancellationChangeKind.EXTEND and new_on is not None:
        figures: dict[str, Figure] = {**dates, "new_on": new_on.isoformat()}
        if new_on != Month.of(new_on).last_day:
            ok = False
            steps.append(Step("C7", "C7.not_month_end", figures))
        elif new_on <= accepted_on:
            ok = False
            steps.append(Step("C7", "C7.not_later", figures))
        else:
            months = Month.of(new_on) - Month.of(accepted_on)
            figures["extension_months"] = months
            if fee is None:
                steps.append(Step("C7", "C7.extension_months", figures))
            else:
                first = Month.of(accepted_on) + 1
                charge = fee * months
                taxed = tax_parts(
                    [((first + i).first_day, fee) for i in range(months)], rounding, parameters
                )
                figures.update(monthly_fee_yen=fee.amount, amount_yen=charge.amount)
                steps.append(Step("C7", "C7.extension", figures))
                steps.extend(taxed.steps())
    form_ja, form_en = _FORMS[request.kind]
    if ok:
        steps.append(Step("C7", "C7.eligible", {"form_ja": form_ja, "form_en": form_en}))
    else:
        steps.append(Step("C7", "C7.not_eligible"))
    return CancellationChangeReview(
        status=ReviewStatus.ELIGIBLE_FOR_REVIEW if ok else ReviewStatus.NOT_ELIGIBLE,
        kind=request.kind,
        missing_fields=missing,
        extension_months=months,
        extension_charge=charge,
        tax=taxed,
        follow_up_form=form_ja if ok else None,
        explanation=tuple(steps),
    )
