"""The explanations of a cancellation date (C2-C4) and a minimum-term charge (C5, C6, G3),
made when they are read from what the rule functions computed.

>>> import pendulum
>>> from clararules import cancellation_effective_date
>>> [s.key for s in cancellation_effective_date(pendulum.Date(2026, 11, 30)).explanation]
['C2.arrived', 'C4.earliest', 'C2.effective']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pendulum

from clararules.core.bankdays import Month
from clararules.core.explain import Step
from clararules.core.tax import TaxedAmount

if TYPE_CHECKING:
    from clararules.contracts.cancellation import TermSource

__all__ = ["charge_steps", "date_steps"]


def date_steps(
    arrived: pendulum.DateTime,
    arrival_month: Month,
    desired: Month | None,
    month: Month,
    shifted: bool,
    effective_on: pendulum.Date,
) -> list[Step]:
    """The C2-C4 steps of a cancellation date (made when the explanation is read)."""
    made = [
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
        made.append(Step("C4", "C4.earliest", {"month": str(month)}))
    else:
        figures = {
            "desired_month": str(desired),
            # The deadline of the *desired* month (C2); the result's ``deadline`` field is
            # that of the resulting month, which differs when the month moved (C3).
            "desired_deadline": (desired - 1).last_day.isoformat(),
            "month": str(month),
        }
        made.append(
            Step("C3", "C3.shifted", figures) if shifted else Step("C2", "C2.in_time", figures)
        )
    made.append(Step("C2", "C2.effective", {"effective_on": effective_on.isoformat()}))
    return made


def charge_steps(
    term: int,
    source: TermSource,
    activated_on: pendulum.Date,
    start: Month,
    end: Month,
    month: Month,
    used: int,
    short: int,
    fee: int,
    amount: int,
    effective_on: pendulum.Date,
    taxed: TaxedAmount,
) -> tuple[Step, ...]:
    """The C5-C6 and G3 steps of a minimum-term charge (made when the explanation is read)."""
    return (
        Step(
            "C5",
            "C5.term" if term else "C5.no_term",
            {
                "term_months": term,
                "term_source": source.value,
                "activated_on": activated_on.isoformat(),
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
                "monthly_fee_yen": fee,
                "months_short": short,
                "amount_yen": amount,
                "effective_on": effective_on.isoformat(),
            },
        ),
        *taxed.steps(),
    )
