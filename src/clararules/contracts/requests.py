"""Requests about a cancellation: the channel (C1), extending or withdrawing it (C7), and
suspension, which does not exist (C8).

>>> check_cancellation_channel("telephone").accepted
False
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from collections.abc import Mapping
from typing import Final

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import Month
from clararules.core.calls import Call, record, recorded
from clararules.core.decisions import Decision, decided
from clararules.core.errors import InvalidInput
from clararules.core.explain import Explained, Figure, Lazy, Row, Step, Steps
from clararules.core.money import Rounding, Yen
from clararules.core.parameters import Parameters
from clararules.core.tax import Charged, TaxedAmount, taxed_parts

__all__ = [
    "FOLLOW_UP_FORMS",
    "CancellationChangeKind",
    "CancellationChangeRequest",
    "CancellationChangeReview",
    "CancellationChannel",
    "ReviewStatus",
    "check_cancellation_channel",
    "request_suspension",
    "review_cancellation_change",
]


# ---------------------------------------------------------------- C1, C8


class CancellationChannel(enum.Enum):
    """How a cancellation request reached the provider (C1)."""

    EMAIL_FORM = "email_form"
    """The cancellation form (解約申込書) attached to an e-mail to the contracts desk."""
    EMAIL_WITHOUT_FORM = "email_without_form"
    TELEPHONE = "telephone"
    POST = "post"
    OTHER = "other"


@recorded(memo=256)  # a decision over a few enum members and flags
def check_cancellation_channel(channel: CancellationChannel | str) -> Decision:
    """C1: only the cancellation form sent by e-mail is accepted; never by telephone.

    >>> check_cancellation_channel(CancellationChannel.TELEPHONE).accepted
    False
    >>> print(check_cancellation_channel("telephone").reasons_ja[0])
    解約のお申し出は、解約申込書を契約担当宛にメールでお送りいただく方法のみお受けしています。お電話によるお申し出はお受けできません。解約申込書をメールでお送りください。
    >>> check_cancellation_channel("email_form").accepted
    True
    """
    kind = check.member(channel, CancellationChannel, "channel")
    accepted = kind is CancellationChannel.EMAIL_FORM
    return decided("cancellation_channel", accepted, (_channel_step(kind),))


@functools.cache  # one per channel: steps are immutable values
def _channel_step(kind: CancellationChannel) -> Step:
    accepted = kind is CancellationChannel.EMAIL_FORM
    return Step("C1", "C1.accepted" if accepted else "C1.refused", {"channel": kind.value})


@functools.lru_cache(maxsize=1024)  # the services a process asks about: a handful
def _suspension_step(name: str) -> Step:
    return Step("C8", "C8.refused", {"service": name})


@recorded(memo=256)  # a decision over the provider's few service names
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
    return decided("suspension", False, (_suspension_step(name),))


# ---------------------------------------------------------------- C7


class CancellationChangeKind(enum.Enum):
    """What a C7 request asks for."""

    EXTEND = "extend"
    """Move the accepted cancellation date later (解約期日延長)."""
    WITHDRAW = "withdraw"
    """Withdraw the cancellation (解約申込取下)."""


class ReviewStatus(enum.Enum):
    """The outcome of a C7 check: never "approved", only eligible for the provider's review."""

    ELIGIBLE_FOR_REVIEW = "eligible_for_review"
    NOT_ELIGIBLE = "not_eligible"


FOLLOW_UP_FORMS: Final[Mapping[CancellationChangeKind, str]] = {
    CancellationChangeKind.EXTEND: "解約期日延長依頼書",
    CancellationChangeKind.WITHDRAW: "解約申込取下依頼書",
}
"""C7: the title of the form the provider e-mails for each request, as the provider names
the document (an identifier, like a service name: it is the value of
:attr:`CancellationChangeReview.follow_up_form`).  Texts name it by the label ``form.<kind>``
of the message catalogs."""


# Each field goes through the input door under its own name.
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
class CancellationChangeReview(Charged, Explained):
    """The C7 check of a request: eligible for review or not, and why."""

    status: ReviewStatus
    kind: CancellationChangeKind
    missing_fields: tuple[str, ...]
    extension_months: int
    tax: TaxedAmount
    """The extension charge: ``extension_charge`` (tax excluded; zero for a withdrawal or when
    no monthly fee was given) and ``extension_charge_with_tax`` read from it."""
    follow_up_form: str | None
    """The form the provider e-mails when the request is eligible: its title as the provider
    names it (``"解約期日延長依頼書"`` or ``"解約申込取下依頼書"``, see
    :data:`FOLLOW_UP_FORMS`), else ``None``."""
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    @property
    def eligible_for_review(self) -> bool:
        """Whether the provider may now review (never: approve) the request."""
        return self.status is ReviewStatus.ELIGIBLE_FOR_REVIEW

    @property
    def extension_charge(self) -> Yen:
        """The extension charge, tax excluded (C7)."""
        return self.amount

    @property
    def extension_charge_with_tax(self) -> Yen:
        """The extension charge with consumption tax, per month of supply (G3)."""
        return self.amount_with_tax

    def _rows(self) -> tuple[Row, ...]:
        return (
            ("review_status", self.status, ""),
            ("change_kind", self.kind, ""),
            ("missing_fields", self.missing_fields or None, "list.field"),
            ("extension_months", self.extension_months, "unit.month"),
            ("extension_charge", self.extension_charge, ""),
            ("extension_charge_with_tax", self.extension_charge_with_tax, ""),
            (
                "follow_up_form",
                self.kind.value if self.follow_up_form is not None else None,
                "list.form",
            ),
        )


def _month_end(day: pendulum.Date) -> pendulum.Date:
    return Month.of(day).last_day


@recorded()
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
    >>> review.table("en")[-1]
    ('Follow-up form', 'extension request form')
    """
    request = check.instance(request, CancellationChangeRequest, "request")
    accepted_on = check.date(accepted_cancellation_on, "accepted_cancellation_on")
    if accepted_on != _month_end(accepted_on):
        raise InvalidInput(
            key="C7.error.accepted_not_month_end",
            accepted_on=accepted_on.isoformat(),
            month_end=_month_end(accepted_on).isoformat(),
        )
    fee = check.optional_yen(monthly_fee, "monthly_fee")
    requested_on = request.requested_at.date()
    ok = True
    # What the steps will say, as (key, figures): made into Steps when the explanation is
    # read (C7).
    said: list[tuple[str | None, dict[str, Figure] | None]] = []
    dates: dict[str, Figure] = {
        "requested_on": requested_on.isoformat(),
        "accepted_on": accepted_on.isoformat(),
    }
    if requested_on <= accepted_on:
        said.append(("C7.deadline_ok", dates))
    else:
        ok = False
        said.append(("C7.deadline_passed", dates))
    if request.from_registered_contact:
        said.append(("C7.contact_ok", None))
    else:
        ok = False
        said.append(("C7.contact_refused", None))

    required = ["customer_number", "service_name", "host_name", "accepted_cancellation_on"]
    required.append(
        "new_cancellation_on"
        if request.kind is CancellationChangeKind.EXTEND
        else "withdrawal_reason"
    )
    missing = tuple(name for name in required if getattr(request, name) is None)
    if missing:
        ok = False
        said.append(("C7.missing", {"missing": missing}))
    stated = request.accepted_cancellation_on
    if stated is not None and stated != _month_end(stated):
        ok = False
        said.append(("C7.stated_not_month_end", {**dates, "stated_on": stated.isoformat()}))
    elif stated is not None and stated != accepted_on:
        ok = False
        said.append(("C7.date_mismatch", {**dates, "stated_on": stated.isoformat()}))

    months = 0
    mode = rounding if type(rounding) is Rounding else check.member(rounding, Rounding, "rounding")
    taxed = _NO_CHARGE[mode]
    new_on = request.new_cancellation_on
    if request.kind is CancellationChangeKind.EXTEND and new_on is not None:
        figures: dict[str, Figure] = {**dates, "new_on": new_on.isoformat()}
        if new_on != _month_end(new_on):
            ok = False
            said.append(("C7.not_month_end", figures))
        elif new_on <= accepted_on:
            ok = False
            said.append(("C7.not_later", figures))
        else:
            after = accepted_on.year * 12 + accepted_on.month  # the month after (an index)
            months = new_on.year * 12 + new_on.month - after
            figures["extension_months"] = months
            if fee is None:
                said.append(("C7.extension_months", figures))
            else:
                charge = fee.amount * months
                # G3: each extended month is supplied from its first day.
                days = [Month.from_index(after + i).first_day for i in range(months)]
                taxed = taxed_parts([(day, fee.amount) for day in days], mode, parameters)
                # The charge is a tax_parts result of its own, recorded as that call (G6).
                parts = tuple((day, fee) for day in days)
                record(taxed, "tax_parts", _TAX_PARTS, (parts, rounding, parameters))
                figures.update(monthly_fee_yen=fee.amount, amount_yen=charge)
                said.append(("C7.extension", figures))
                said.append((None, None))  # the G3 steps of the charge
    if ok:
        said.append(("C7.eligible", {"form": request.kind.value}))
    else:
        said.append(("C7.not_eligible", None))
    return CancellationChangeReview(
        status=ReviewStatus.ELIGIBLE_FOR_REVIEW if ok else ReviewStatus.NOT_ELIGIBLE,
        kind=request.kind,
        missing_fields=missing,
        extension_months=months,
        tax=taxed,
        follow_up_form=FOLLOW_UP_FORMS[request.kind] if ok else None,
        explanation=Lazy(_review_steps, said, taxed),
    )


_TAX_PARTS: Final = ("parts", "rounding", "parameters")
_NO_CHARGE: Final = {mode: TaxedAmount(Yen(0), Yen(0), (), mode) for mode in Rounding}


def _review_steps(
    said: list[tuple[str | None, dict[str, Figure] | None]], taxed: TaxedAmount
) -> list[Step]:
    """The C7 (and G3) steps of a review, from what it said (made when read)."""
    steps: list[Step] = []
    for key, figures in said:
        if key is None:  # the G3 steps of the charge
            steps.extend(taxed.steps())
        else:
            steps.append(Step("C7", key, figures or {}))
    return steps
