"""Plan changes on one-year prepaid contracts (C9-C11).

>>> import pendulum
>>> q = plan_change("Clara Cloud Flex", Yen(10000), Yen(15000), Month(2026, 4),
...                 pendulum.Date(2026, 10, 15))
>>> q.direction, q.remaining_months, q.amount, q.amount_with_tax
(<Direction.UPGRADE: 'upgrade'>, 6, Yen(30000), Yen(33000))
"""

from __future__ import annotations

import datetime as _dt
import enum

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import Month
from clararules.core.calls import Call, recorded
from clararules.core.dated import Dated, ServiceList
from clararules.core.errors import InvalidInput, PlanChangeNotAllowed, UnknownService, excerpt
from clararules.core.explain import Explained, Figure, Lazy, Row, Step, Steps
from clararules.core.money import Rounding, Yen
from clararules.core.parameters import Parameters, resolve
from clararules.core.tax import Charged, TaxedAmount, taxed_parts

__all__ = ["Direction", "PlanChangeQuote", "RemainingMonthsPolicy", "plan_change"]


class Direction(enum.Enum):
    """Which way a plan change goes (C9)."""

    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    SAME_FEE = "same_fee"
    """A change between plans of equal monthly fee (not named by the sources; costs nothing)."""


class RemainingMonthsPolicy(enum.Enum):
    """C11: how the remaining months of the contract year are counted."""

    INCLUDING_CHANGE_MONTH = "including_change_month"
    """The default: from the month of the change through the last month of the year."""
    FROM_NEXT_MONTH = "from_next_month"
    """From the month after the change through the last month of the year."""


@attrs.frozen
class PlanChangeQuote(Charged, Explained):
    """The cost of a plan change on a one-year prepaid contract (C9-C11)."""

    service: str
    direction: Direction
    current_monthly_fee: Yen
    new_monthly_fee: Yen
    term_start: Month
    term_end: Month
    changed_on: pendulum.Date
    remaining_months: int
    tax: TaxedAmount
    """The charge: ``amount`` (tax excluded; zero for a downgrade, nothing is refunded) and
    ``amount_with_tax`` (each month at the rate of its supply, G3) read from it."""
    next_term_monthly_fee: Yen
    next_term_start: Month
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def _rows(self) -> tuple[Row, ...]:
        next_term: dict[str, Figure] = {
            "next_term_start": str(self.next_term_start),
            "fee_yen": self.next_term_monthly_fee.amount,
        }
        return (
            ("direction", self.direction, ""),
            ("remaining_months", self.remaining_months, "unit.month"),
            ("amount", self.amount, ""),
            ("amount_with_tax", self.amount_with_tax, ""),
            ("next_term", Step("C9", "C9.next_term_span", next_term), ""),
        )


def _steps(
    new: Yen,
    current: Yen,
    remaining: int,
    amount: Yen,
    name: str,
    eol: Dated[ServiceList],
    annual: Dated[ServiceList],
    year: Dated[int],
    start: Month,
    end: Month,
    day: pendulum.Date,
    policy: RemainingMonthsPolicy,
    direction: Direction,
    taxed: TaxedAmount,
) -> tuple[Step, ...]:
    """The C9-C11 and G3 steps of a plan change (made when the explanation is read)."""
    fees = {
        "new_fee_yen": new.amount,
        "current_fee_yen": current.amount,
        "remaining_months": remaining,
        "amount_yen": amount.amount,
    }
    return (
        Step(
            "C10",
            "C10.allowed",
            {
                "service": name,
                "eol_services": eol.value.shown(),
                "eol_since": eol.since.isoformat(),
            },
        ),
        Step(
            "C9",
            "C9.service",
            {
                "service": name,
                "annual_services": annual.value.shown(),
                "annual_since": annual.since.isoformat(),
            },
        ),
        Step(
            "C11",
            "C11.remaining",
            {
                "year_months": year.value,
                "contract_year_since": year.since.isoformat(),
                "term_start": str(start),
                "term_end": str(end),
                "changed_on": day.isoformat(),
                "remaining_months": remaining,
                "counting": policy.value,
            },
        ),
        Step("C9", f"C9.{direction.value}", fees),
        *taxed.steps(),
    )


@recorded()
def plan_change(
    service: str,
    current_monthly_fee: Yen,
    new_monthly_fee: Yen,
    term_start: Month,
    changed_on: _dt.date,
    counting: RemainingMonthsPolicy = RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH,
    rounding: Rounding = Rounding.DOWN,
    parameters: Parameters | None = None,
) -> PlanChangeQuote:
    """C9-C11: what a plan change costs within the current contract year.

    ``term_start`` is the first month of the current contract year (of ``contract_year_months``,
    12, in force on its first day); ``changed_on`` the day the new plan takes effect.  Services whose OS support has ended raise ``PlanChangeNotAllowed``
    (C10); services that are not one-year prepaid raise ``UnknownService``.

    >>> import pendulum
    >>> plan_change("Flex Web", Yen(15000), Yen(10000), Month(2026, 4),
    ...             pendulum.Date(2026, 10, 15)).amount
    Yen(0)
    >>> plan_change("Flex Mini 2", Yen(1000), Yen(2000), Month(2026, 4),
    ...             pendulum.Date(2026, 10, 15))
    Traceback (most recent call last):
    ...
    clararules.core.errors.PlanChangeNotAllowed: 'Flex Mini 2': the OS support of this service has ended...
    """
    name = check.text(service, "service")
    current = check.yen(current_monthly_fee, "current_monthly_fee")
    new = check.yen(new_monthly_fee, "new_monthly_fee")
    start = check.month(term_start, "term_start")
    day = check.date(changed_on, "changed_on")
    policy = check.member(counting, RemainingMonthsPolicy, "counting")
    mode = check.member(rounding, Rounding, "rounding")
    params = resolve(parameters)

    eol = params.os_support_ended.at(day)
    annual = params.annual_prepaid_services.at(day)
    if eol.value.matches(name):
        raise PlanChangeNotAllowed(
            key="C10.error.os_support_ended",
            service=excerpt(name),
            eol_services=eol.value.shown(),
            eol_since=eol.since.isoformat(),
            annual_services=annual.value.shown(),
        )
    if not annual.value.matches(name):
        raise UnknownService(
            key="C9.error.not_annual",
            service=excerpt(name),
            annual_services=annual.value.shown(),
        )
    year = params.contract_year_months.at(start.first_day)
    end = start + (year.value - 1)
    change_month = Month.of(day)
    if not start <= change_month <= end:
        raise InvalidInput(
            key="C11.error.outside_year",
            changed_on=day.isoformat(),
            term_start=str(start),
            term_end=str(end),
            first_day=start.first_day.isoformat(),
            last_day=end.last_day.isoformat(),
        )
    first_billed = (
        change_month
        if policy is RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH
        else (change_month + 1)
    )
    remaining = end - first_billed + 1
    if new > current:
        direction = Direction.UPGRADE
    elif new < current:
        direction = Direction.DOWNGRADE
    else:
        direction = Direction.SAME_FEE
    difference = new - current
    amount = difference * remaining if direction is Direction.UPGRADE else Yen(0)
    if amount:
        # G3: each remaining month is supplied from its first day (the change day for the
        # month of the change), and taxed at the rate in force then.
        first = first_billed.index
        parts = [
            (max(Month.from_index(first + i).first_day, day), difference.amount)
            for i in range(remaining)
        ]
        taxed = taxed_parts(parts, mode, params)
    else:
        taxed = TaxedAmount(Yen.of(0), Yen.of(0), (), mode)

    return PlanChangeQuote(
        service=name,
        direction=direction,
        current_monthly_fee=current,
        new_monthly_fee=new,
        term_start=start,
        term_end=end,
        changed_on=day,
        remaining_months=remaining,
        tax=taxed,
        next_term_monthly_fee=new,
        next_term_start=start + year.value,
        explanation=Lazy(
            _steps,
            new,
            current,
            remaining,
            amount,
            name,
            eol,
            annual,
            year,
            start,
            end,
            day,
            policy,
            direction,
            taxed,
        ),
    )
