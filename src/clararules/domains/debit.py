"""D5: the direct-debit date, from the day the debit notice arrived (G4 for bank days).

>>> import pendulum
>>> direct_debit(pendulum.Date(2026, 6, 3)).table("ja")
(('引き落としのご案内書類の到着日', '2026-06-03'), ('引き落とし日', '2026-06-29'))
"""

from __future__ import annotations

import datetime as _dt
import functools

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import Month, next_bank_business_day
from clararules.core.calls import Call, recorded
from clararules.core.dated import Dated
from clararules.core.explain import Explained, Figure, Lazy, Row, Step, Steps
from clararules.core.parameters import Parameters, resolve

__all__ = ["DirectDebit", "direct_debit", "direct_debit_on"]


@attrs.frozen
class DirectDebit(Explained):
    """When a direct debit is taken, from the day its notice arrived (D5, G4)."""

    notice_arrived_on: pendulum.Date
    debit_on: pendulum.Date
    debit_month: Month
    next_month: bool
    """Whether the notice came after its month's debit date, so the next month's applies."""
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def _rows(self) -> tuple[Row, ...]:
        return (
            ("notice_arrived_on", self.notice_arrived_on, ""),
            ("debit_on", self.debit_on, ""),
        )


@functools.lru_cache(maxsize=4096)
def _debit_of(year: int, month: int, debit_day: int) -> tuple[pendulum.Date, pendulum.Date]:
    """D5, G4: the ``debit_day`` of a month and the debit date it gives (the next bank
    business day from it).  A pure function of its arguments, kept for the months asked."""
    day27 = pendulum.Date(year, month, debit_day)
    return day27, next_bank_business_day(day27)


def _steps(
    arrived: pendulum.Date,
    entry: Dated[int],
    next_month: bool,
    missed: pendulum.Date,
    day27: pendulum.Date,
    debit_on: pendulum.Date,
) -> list[Step]:
    """The D5 and G4 steps of a debit date (made when the explanation is read)."""
    figures: dict[str, Figure] = {
        "arrived_on": arrived.isoformat(),
        "debit_day": entry.value,
        "debit_day_since": entry.since.isoformat(),
    }
    if next_month:
        figures["missed"] = missed.isoformat()
    figures["day27"] = day27.isoformat()
    made = [Step("D5", "D5.debit_next_month" if next_month else "D5.debit_27", figures)]
    if debit_on != day27:
        made.append(
            Step(
                "G4",
                "G4.moved",
                {"day27": day27.isoformat(), "debit_on": debit_on.isoformat()},
            )
        )
    made.append(Step("D5", "D5.debit_fallback", {"debit_on": debit_on.isoformat()}))
    return made


@recorded()
def direct_debit(
    notice_arrived_on: _dt.date, *, parameters: Parameters | None = None
) -> DirectDebit:
    """D5: the debit date for a notice arriving on ``notice_arrived_on``, explained.

    The day of the month (the 27th) is the parameter ``debit_day`` in force on the arrival.

    >>> d = direct_debit(pendulum.Date(2026, 6, 3))
    >>> d.debit_on, [s.rule for s in d.explanation]
    (Date(2026, 6, 29), ['D5', 'G4', 'D5'])
    """
    arrived = check.date(notice_arrived_on, "notice_arrived_on")
    entry = resolve(parameters).debit_day.at(arrived)
    index = arrived.year * 12 + arrived.month - 1
    day27, debit_on = _debit_of(arrived.year, arrived.month, entry.value)
    next_month = arrived > debit_on
    missed = debit_on
    month = Month.from_index(index + 1 if next_month else index)  # refuses after 9999-12
    if next_month:
        day27, debit_on = _debit_of(month.year, month.month, entry.value)
    return DirectDebit(
        arrived,
        debit_on,
        month,
        next_month,
        Lazy(_steps, arrived, entry, next_month, missed, day27, debit_on),
    )


def direct_debit_on(
    notice_arrived_on: _dt.date, *, parameters: Parameters | None = None
) -> pendulum.Date:
    """D5: the debit date: the 27th (``debit_day``) of the arrival month, or the next bank
    business day (G4); the next month's when the notice arrives after that month's debit date.

    >>> direct_debit_on(pendulum.Date(2026, 6, 3))   # the 27th is a Saturday
    Date(2026, 6, 29)
    >>> direct_debit_on(pendulum.Date(2026, 6, 30))  # after June's debit: July's
    Date(2026, 7, 27)
    """
    # The figures of direct_debit without its explanation (nobody reads it here).
    arrived = check.date(notice_arrived_on, "notice_arrived_on")
    debit_day = resolve(parameters).debit_day.at(arrived).value
    debit_on = _debit_of(arrived.year, arrived.month, debit_day)[1]
    if arrived > debit_on:
        following = Month(arrived.year, arrived.month) + 1
        debit_on = _debit_of(following.year, following.month, debit_day)[1]
    return debit_on
