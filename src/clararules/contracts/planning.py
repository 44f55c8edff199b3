"""Cancellation planning (C2-C6): by when a form must arrive for each cancellation month, what
each month costs from now on, and the first month that owes no minimum-term charge.

The answers support staff are asked for; each is computed by the rules of
:mod:`clararules.contracts.cancellation` (the deadline of C2, the earliest month of C4, the
charge of C5-C6 taxed at the rate in force on the cancellation date, G3), never by a second
formulation of them.

>>> import pendulum
>>> contract = Contract("Flex Web", 5000, pendulum.Date(2026, 4, 15), 12)
>>> cancellation_deadline(Month(2026, 12))
DateTime(2026, 11, 30, 23, 59, 59, tzinfo=FixedTimezone(32400, name="+09:00"))
>>> plan = cancellation_options(contract, pendulum.datetime(2026, 9, 10, 12, tz="Asia/Tokyo"), 3)
>>> [(str(o.month), o.months_short, o.amount_with_tax) for o in plan.options]
[('2026-10', 6, Yen(33000)), ('2026-11', 5, Yen(27500)), ('2026-12', 4, Yen(22000))]
>>> first_free_cancellation_month(contract)
Month(year=2027, month=4)
"""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum

from clararules.contracts.cancellation import (
    Contract,
    MinimumTermCharge,
    _deadline_for,
    minimum_term_charge,
)
from clararules.core import door as check
from clararules.core.bankdays import Month
from clararules.core.calls import Call, recorded
from clararules.core.explain import Explained, Lazy, Row, Step, Steps
from clararules.core.money import Rounding
from clararules.core.parameters import Parameters
from clararules.core.tax import Charged, TaxedAmount

__all__ = [
    "CancellationOption",
    "CancellationOptions",
    "cancellation_deadline",
    "cancellation_options",
    "first_free_cancellation_month",
]

MAX_OPTION_MONTHS = 120
"""The most cancellation months :func:`cancellation_options` lists (ten years)."""

_charge = minimum_term_charge.__wrapped__  # type: ignore[attr-defined]  # one record: the options'


def _wall(instant: pendulum.DateTime) -> str:
    """An instant as the steps write it (JST wall time to the second; the sentence adds JST)."""
    return f"{instant:%Y-%m-%d %H:%M:%S}"


# ---------------------------------------------------------------- C2


def cancellation_deadline(month: Month | str) -> pendulum.DateTime:
    """C2: the last instant at which a cancellation form still arrives in time for ``month``:
    23:59:59 JST on the last day of the month before.

    The deadline is stated to the second, as C2 states it; a form stamped within that last
    second (23:59:59.9 JST) is still in time, since the month of arrival decides
    (docs/decisions.md).  One second later, the form is handled the following month (C3).

    >>> cancellation_deadline(Month(2027, 3)).isoformat()
    '2027-02-28T23:59:59+09:00'
    >>> cancellation_deadline("2024-03").isoformat()
    '2024-02-29T23:59:59+09:00'
    >>> cancellation_deadline(Month(1, 1))
    Traceback (most recent call last):
    ...
    clararules.core.errors.InvalidMonth: month arithmetic left the years 1..9999 (year 0)
    """
    return _deadline_for(check.month(month, "month"))


# ---------------------------------------------------------------- C5, C6


def first_free_cancellation_month(contract: Contract) -> Month:
    """C5-C6: the first cancellation month that owes no minimum-term charge.

    It is the last month of the minimum term in force (the special agreement's, else the
    price list's): the activation month plus the term, since the term starts the month after
    activation (C5).  With no minimum term (0 months), it is the activation month itself, the
    earliest month a cancellation may name (C6 refuses an earlier one).

    >>> import pendulum
    >>> first_free_cancellation_month(Contract("Flex Web", 5000, pendulum.Date(2026, 4, 15), 12))
    Month(year=2027, month=4)
    >>> first_free_cancellation_month(Contract("Flex Web", 5000, pendulum.Date(2026, 4, 15), 0))
    Month(year=2026, month=4)
    >>> first_free_cancellation_month(Contract(
    ...     "Flex Web", 5000, pendulum.Date(2026, 4, 15), 12, special_agreement_term_months=24))
    Month(year=2028, month=4)
    """
    contract = check.instance(contract, Contract, "contract")
    activated = contract.activated_on  # C5: the term starts the month after activation
    return Month.from_index(activated.year * 12 + activated.month - 1 + contract.term_months)


# ---------------------------------------------------------------- C2-C6 options


@attrs.frozen
class CancellationOption(Charged, Explained):
    """One cancellation month of a :class:`CancellationOptions`: by when the form must arrive,
    when the cancellation takes effect, and what it costs (C2, C5, C6, G3).

    ``amount`` and ``amount_with_tax`` are read from ``tax`` (the charge taxed at the rate in
    force on ``effective_on``), as for every charge (:class:`~clararules.core.tax.Charged`).
    """

    month: Month
    deadline: pendulum.DateTime
    """The last instant at which the form arrives in time for ``month`` (C2)."""
    effective_on: pendulum.Date
    months_short: int
    tax: TaxedAmount
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)

    def _rows(self) -> tuple[Row, ...]:
        return (
            ("cancellation_month", self.month, ""),
            ("form_deadline", self.deadline, ""),
            ("effective_on", self.effective_on, ""),
            ("months_short", self.months_short, "unit.month"),
            ("amount", self.amount, ""),
            ("amount_with_tax", self.amount_with_tax, ""),
        )

    def _span(self) -> Step:
        """The option as one table value: the month, its deadline, date and charge."""
        return Step(
            "C6",
            "C6.plan.option_span",
            {
                "month": str(self.month),
                "deadline_at": _wall(self.deadline),
                "effective_on": self.effective_on.isoformat(),
                "amount_with_tax_yen": self.amount_with_tax.amount,
            },
        )


@attrs.frozen
class CancellationOptions(Explained):
    """The cancellation months open to a contract from a given instant, one option each, in
    ascending order (C2-C6)."""

    received_at: pendulum.DateTime
    """When the form would arrive (the ``now`` asked about), in JST."""
    first_free_month: Month
    """The first month whose cancellation owes no minimum-term charge
    (:func:`first_free_cancellation_month`)."""
    options: tuple[CancellationOption, ...]
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def option(self, month: Month | str) -> CancellationOption | None:
        """The option for ``month``, or ``None`` when it is not among the options.

        >>> import pendulum
        >>> c = Contract("Flex Web", 5000, pendulum.Date(2026, 4, 15), 12)
        >>> plan = cancellation_options(c, pendulum.Date(2026, 9, 10), 3)
        >>> plan.option("2026-11").amount, plan.option("2027-11") is None
        (Yen(25000), True)
        """
        wanted = check.month(month, "month")
        return next((o for o in self.options if o.month == wanted), None)

    def _rows(self) -> tuple[Row, ...]:
        return (
            ("form_arrived", self.received_at, ""),
            ("first_free_month", self.first_free_month, ""),
            *(("cancellation_month", option._span(), "") for option in self.options),
        )


def _option(
    contract: Contract, month: Month, rounding: Rounding, parameters: Parameters | None
) -> CancellationOption:
    """C2, C5, C6: the option of one cancellation month, its charge by the rule itself."""
    charge: MinimumTermCharge = _charge(contract, month, rounding, parameters)
    deadline = _deadline_for(month)
    effective_on = month.last_day

    def steps() -> tuple[Step, ...]:
        figures = {
            "month": str(month),
            "deadline_at": _wall(deadline),
            "effective_on": effective_on.isoformat(),
        }
        return (Step("C2", "C2.plan.deadline", figures), *charge.explanation)

    return CancellationOption(
        month=month,
        deadline=deadline,
        effective_on=effective_on,
        months_short=charge.months_short,
        tax=charge.tax,
        explanation=Lazy(steps),
    )


@recorded()
def cancellation_options(
    contract: Contract,
    now: _dt.date,
    months: int = 12,
    rounding: Rounding = Rounding.DOWN,
    parameters: Parameters | None = None,
) -> CancellationOptions:
    """C2-C6: the next ``months`` cancellation months (1..120) open to a form arriving at
    ``now``, each with its deadline, cancellation date and minimum-term charge.

    ``now`` is when the form would arrive (an aware datetime in any zone, or a JST date for
    00:00 JST).  The first option is the earliest month C4 gives, the month after arrival, so
    it is what :func:`~clararules.quote_cancellation` quotes for ``now``; a later month may be
    asked for (C2), with each later option's deadline still ahead.  A cancellation month
    cannot be before the activation month (C6): for a contract activated later, the options
    start with the activation month, and the explanation says so.  Each charge is
    :func:`~clararules.minimum_term_charge` itself, taxed at the rate in force on the
    cancellation date (G3), so the tax-included amount may rise between two months across a
    change of rate even though the tax-excluded amount never does.

    The result is audited like the others (``inputs``); its explanation states the earliest
    month, the term and the first free month, then one line per option; each option explains
    itself in full (``option.explanation``).

    >>> import pendulum
    >>> c = Contract("Flex Web", 5000, pendulum.Date(2026, 4, 15), 12)
    >>> plan = cancellation_options(c, pendulum.datetime(2027, 1, 31, 23, 59, 59, tz="Asia/Tokyo"))
    >>> [str(o.month) for o in plan.options][:4], len(plan.options)
    (['2027-02', '2027-03', '2027-04', '2027-05'], 12)
    >>> [o.amount for o in plan.options][:4]
    [Yen(10000), Yen(5000), Yen(0), Yen(0)]
    >>> plan.options[0].deadline.isoformat(), plan.first_free_month
    ('2027-01-31T23:59:59+09:00', Month(year=2027, month=4))
    >>> print(plan.explanation[-12].en)
    Cancelling in 2027-02 (form by 2027-01-31 23:59:59 JST, effective 2027-02-28): 2 months
    short, ¥10,000 tax excluded, ¥11,000 tax included.
    >>> cancellation_options(c, pendulum.Date(2027, 1, 1), months=0)
    Traceback (most recent call last):
    ...
    clararules.core.errors.InvalidInput: months must be in 1..120, got 0
    """
    contract = check.instance(contract, Contract, "contract")
    arrived = check.instant(now, "now")
    count = check.whole(months, "months", low=1, high=MAX_OPTION_MONTHS)
    mode = check.member(rounding, Rounding, "rounding")
    arrival_month = Month(arrived.year, arrived.month)
    earliest = arrival_month + 1  # C4: the month after arrival
    activation_month = Month.of(contract.activated_on)
    first = max(earliest, activation_month)
    options = tuple(_option(contract, first + i, mode, parameters) for i in range(count))
    free = first_free_cancellation_month(contract)
    # The term as the charges state it (C5): the first option's first step, made on read.
    first_option = options[0]

    def steps() -> list[Step]:
        made = [
            Step(
                "C4",
                "C4.plan.earliest",
                {
                    "received_at": _wall(arrived),
                    "arrival_month": str(arrival_month),
                    "month": str(earliest),
                },
            )
        ]
        if first != earliest:
            made.append(
                Step(
                    "C6",
                    "C6.plan.from_activation",
                    {
                        "activated_on": contract.activated_on.isoformat(),
                        "activation_month": str(activation_month),
                        "month": str(first),
                    },
                )
            )
        made.append(first_option.explanation[1])  # the C5 term step of its charge
        if contract.term_months:
            made.append(
                Step(
                    "C6",
                    "C6.plan.first_free",
                    {"term_months": contract.term_months, "month": str(free)},
                )
            )
        else:
            made.append(Step("C6", "C6.plan.no_term", {"month": str(free)}))
        made.extend(
            Step(
                "C6",
                "C6.plan.option",
                {
                    "month": str(option.month),
                    "deadline_at": _wall(option.deadline),
                    "effective_on": option.effective_on.isoformat(),
                    "months_short": option.months_short,
                    "amount_yen": option.amount.amount,
                    "amount_with_tax_yen": option.amount_with_tax.amount,
                },
            )
            for option in options
        )
        return made

    return CancellationOptions(
        received_at=arrived,
        first_free_month=free,
        options=options,
        explanation=Lazy(steps),
    )
