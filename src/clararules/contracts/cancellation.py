"""Cancellation: when it takes effect (C2-C4) and what it costs under the minimum term (C5,
C6, C12).  The requests about a cancellation (C1, C7, C8) are in
:mod:`clararules.contracts.requests`.

>>> import pendulum
>>> contract = Contract("Clara Cloud Flex", Yen(5000), pendulum.Date(2026, 4, 15), 12)
>>> q = quote_cancellation(contract, pendulum.datetime(2026, 9, 10, 12, tz="Asia/Tokyo"))
>>> q.date.effective_on, q.charge.months_short, q.charge.amount, q.charge.amount_with_tax
(Date(2026, 10, 31), 6, Yen(30000), Yen(33000))
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools

import attrs
import pendulum

from clararules.contracts.cancellation_steps import charge_steps, date_steps
from clararules.core import door as check
from clararules.core.bankdays import JST, Month
from clararules.core.calls import Call, record, recorded
from clararules.core.errors import InvalidInput
from clararules.core.explain import Explained, Figure, Lazy, Row, Step, Steps
from clararules.core.money import Rounding, Yen
from clararules.core.parameters import Parameters
from clararules.core.tax import Charged, TaxedAmount, taxed_one

__all__ = [
    "CancellationDate",
    "CancellationQuote",
    "Contract",
    "MinimumTermCharge",
    "TermSource",
    "cancellation_effective_date",
    "minimum_term_charge",
    "quote_cancellation",
]


# ---------------------------------------------------------------- C2-C4


@attrs.frozen
class CancellationDate(Explained):
    """When a cancellation takes effect (C2-C4)."""

    month: Month
    effective_on: pendulum.Date
    desired_month: Month | None
    shifted: bool
    received_at: pendulum.DateTime
    deadline: pendulum.DateTime
    """The last instant at which the form could arrive for ``month`` (C2)."""
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def _rows(self) -> tuple[Row, ...]:
        return (
            ("form_arrived", self.received_at, ""),
            ("desired_month", self.desired_month, ""),
            ("cancellation_month", self.month, ""),
            ("effective_on", self.effective_on, ""),
            ("shifted", self.shifted, ""),
            ("form_deadline", self.deadline, ""),
        )


def month_of_cancellation(arrival_month: Month, desired: Month | None) -> tuple[Month, bool]:
    """C2-C4: the cancellation month and whether it was moved (C3), from the arrival month.

    The one formulation of the rule, used by the scalar and the batch functions alike.
    """
    earliest = arrival_month.index + 1  # on month indices: one Month made, not three
    if desired is None:
        return Month.from_index(earliest), False
    if desired.index < earliest:
        return Month.from_index(earliest), True
    return desired, False


def term_usage(
    activated_on: pendulum.Date, term_months: int, month: Month
) -> tuple[Month, int, int]:
    """C5-C6: the first month of the term, the months used and the months short.

    Refuses a cancellation month before the activation month.
    """
    activation = activated_on.year * 12 + activated_on.month - 1  # month indices
    cancelled = month.year * 12 + month.month - 1
    if cancelled < activation:
        raise InvalidInput(
            key="C6.error.before_activation",
            month=str(month),
            activation_month=str(Month.from_index(activation)),
            activated_on=activated_on.isoformat(),
        )
    start = activation + 1
    used = 0 if cancelled < start else cancelled - start + 1
    return Month.from_index(start), used, max(0, term_months - used)


def _deadline_for(month: Month) -> pendulum.DateTime:
    return _deadline_of(month.year * 12 + month.month - 1)


@functools.lru_cache(maxsize=4096)
def _deadline_of(index: int) -> pendulum.DateTime:
    """C2: 23:59:59 JST on the last day of the month before the month ``index`` (a pure
    function of the month, kept for the months asked)."""
    last = Month.from_index(index - 1).last_day
    return pendulum.DateTime(last.year, last.month, last.day, 23, 59, 59, tzinfo=JST)


@recorded()
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
    arrival_month = Month.from_index(arrived.year * 12 + arrived.month - 1)
    month, shifted = month_of_cancellation(arrival_month, desired)
    effective_on = month.last_day
    if desired is not None and desired.year == 1 and desired.month == 1:
        # A desired month of 0001-01 has no deadline: refused now, as ever, not when read.
        _ = Month.from_index(11)

    return CancellationDate(
        month=month,
        effective_on=effective_on,
        desired_month=desired,
        shifted=shifted,
        received_at=arrived,
        deadline=_deadline_of(month.year * 12 + month.month - 1),
        explanation=Lazy(
            date_steps, arrived, arrival_month, desired, month, shifted, effective_on
        ),
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


class TermSource(enum.Enum):
    """Where the minimum term in force comes from (C5)."""

    PRICE_LIST = "price_list"
    SPECIAL_AGREEMENT = "special_agreement"
    """A special agreement (特約), which overrides the price list."""


@attrs.frozen
class MinimumTermCharge(Charged, Explained):
    """What cancelling in a given month costs under the minimum term (C5-C6)."""

    term_start: Month
    term_end: Month
    """The last month of the period (the month before ``term_start`` when the term is 0)."""
    term_months: int
    cancellation_month: Month
    months_used: int
    months_short: int
    monthly_fee: Yen
    tax: TaxedAmount
    """The charge: ``amount`` (tax excluded) and ``amount_with_tax`` read from it (G3, taxed
    as of the cancellation date)."""
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def _term_row(self) -> Row:
        if not self.term_months:
            return ("term", 0, "unit.month")
        span: dict[str, Figure] = {
            "term_months": self.term_months,
            "term_start": str(self.term_start),
            "term_end": str(self.term_end),
        }
        return ("term", Step("C5", "C5.term_span", span), "")

    def _charge_rows(self) -> tuple[Row, ...]:
        """The rows of the charge, without the cancellation month (a quote shows it once)."""
        return (
            self._term_row(),
            ("months_used", self.months_used, "unit.month"),
            ("months_short", self.months_short, "unit.month"),
            ("amount", self.amount, ""),
            ("amount_with_tax", self.amount_with_tax, ""),
        )

    def _rows(self) -> tuple[Row, ...]:
        return (("cancellation_month", self.cancellation_month, ""), *self._charge_rows())


def _contract(value: object) -> Contract:
    return check.instance(value, Contract, "contract")


@recorded()
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
    >>> print(charge.explanation[1].en)
    Cancelling in 2026-10 uses 6 months of the term; 6 months short.
    >>> charge.table("ja")[1]
    ('最低利用期間', '12か月（2026-05〜2027-04）')
    """
    contract = _contract(contract)
    month = check.month(cancellation_month, "cancellation_month")
    term = contract.term_months  # C5: the special agreement's, else the price list's
    start, used, short = term_usage(contract.activated_on, term, month)
    end = Month.from_index(start.year * 12 + start.month - 2 + term)
    fee = contract.monthly_fee
    amount = fee.amount * short
    effective_on = month.last_day
    mode = rounding if type(rounding) is Rounding else check.member(rounding, Rounding, "rounding")
    taxed = taxed_one(effective_on, amount, mode, parameters)
    source = (
        TermSource.PRICE_LIST
        if contract.special_agreement_term_months is None
        else TermSource.SPECIAL_AGREEMENT
    )

    return MinimumTermCharge(
        term_start=start,
        term_end=end,
        term_months=term,
        cancellation_month=month,
        months_used=used,
        months_short=short,
        monthly_fee=fee,
        tax=taxed,
        explanation=Lazy(
            charge_steps,
            term,
            source,
            contract.activated_on,
            start,
            end,
            month,
            used,
            short,
            fee.amount,
            amount,
            effective_on,
            taxed,
        ),
    )


@attrs.frozen
class CancellationQuote(Explained):
    """A cancellation date and its minimum-term charge together (C2-C6)."""

    date: CancellationDate
    charge: MinimumTermCharge
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    @property
    def explanation(self) -> tuple[Step, ...]:
        """The date's steps, then the charge's."""
        return self.date.explanation + self.charge.explanation

    def _rows(self) -> tuple[Row, ...]:
        return (*self.date._rows(), *self.charge._charge_rows())


@recorded()
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
    # The parts are computed by the rule functions themselves (unwrapped: one record each,
    # made here, rather than a wrapper call each).
    date = _effective_date(received_at, desired_month)
    record(
        date,
        "cancellation_effective_date",
        ("received_at", "desired_month"),
        (received_at, desired_month),
    )
    charge = _charge(contract, date.month, rounding, parameters)
    record(
        charge,
        "minimum_term_charge",
        ("contract", "cancellation_month", "rounding", "parameters"),
        (contract, date.month, rounding, parameters),
    )
    return CancellationQuote(date, charge)


_effective_date = cancellation_effective_date.__wrapped__  # type: ignore[attr-defined]
_charge = minimum_term_charge.__wrapped__  # type: ignore[attr-defined]
