"""D5, G4: ``direct_debit_on`` (the date alone, no explanation) is ``direct_debit``'s date,
and both agree with a day-by-day walk of the calendar."""

import datetime as dt

import pendulum
from hypothesis import example, given, settings
from hypothesis import strategies as st

import clararules as cr
from clararules.core.dated import Dated, Parameter

DAYS = st.dates(dt.date(1950, 1, 1), dt.date(2099, 11, 30))


def _walk(arrived: dt.date, debit_day: int) -> dt.date:
    """Day by day from the arrival: the first bank business day on or after the month's
    ``debit_day`` that the arrival does not come after (a different formulation)."""
    month_start = arrived.replace(day=1)
    while True:
        day = month_start.replace(day=debit_day)
        while not cr.is_bank_business_day(day):
            day += dt.timedelta(days=1)
        if arrived <= day:
            return day
        month_start = (month_start + dt.timedelta(days=32)).replace(day=1)


@settings(max_examples=400, deadline=None)
@given(DAYS, st.sampled_from([None, 1, 15, 27, 28]))
@example(dt.date(2026, 6, 3), None)  # the 27th is a Saturday: the 29th
@example(dt.date(2026, 6, 30), None)  # after June's debit: July's
@example(dt.date(2026, 12, 28), None)  # 12/27 Sunday -> 12/28; next month's across 1/1-1/3
def test_debit_date_alone_is_the_explained_one(arrived, debit_day):
    parameters = None
    if debit_day is not None:
        history = (Dated(pendulum.Date(1, 1, 1), debit_day, "test"),)
        parameters = cr.Parameters(debit_day=Parameter("debit_day", history))
    on = cr.direct_debit_on(arrived, parameters=parameters)
    assert on == cr.direct_debit(arrived, parameters=parameters).debit_on
    assert on == _walk(arrived, 27 if debit_day is None else debit_day)
