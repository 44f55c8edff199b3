"""G5, G6: the figures of D1-D3, D5, D6, D8 and C11 are dated parameters, read from the
``Parameters`` a computation is given (a provider's file), each named with its date."""

import datetime as dt

import pendulum
import pytest

from clararules import (
    DEFAULT_PARAMETERS,
    InvalidInput,
    Month,
    ParameterNotInForce,
    Parameters,
    PaymentMethod,
    ProviderDeadline,
    Yen,
    contract_end,
    direct_debit,
    direct_debit_on,
    domain_status,
    plan_change,
    renewal_timeline,
    restore_window,
)

D = dt.date

D3_FROM_2030 = """
[[jp_contract_end_days]]
since = 2030-01-01
value = 10
source = "provider notice (D3: 10 days from 2030)"
"""

REMINDERS_FROM_2030 = """
[[reminder_days]]
since = 2030-01-01
value = [30, 10, 1]
source = "provider notice (D6: fewer reminders from 2030)"
"""


@pytest.fixture
def provider(tmp_path):
    """Parameters.load of a provider file written from ``text``."""

    def load(text):
        path = tmp_path / "provider.toml"
        path.write_text(text, encoding="utf-8")
        return Parameters.load(path)

    return load


def _step(result, key):
    return next(step for step in result.explanation if step.key == key)


def test_d3_provider_days_change_the_contract_end_from_their_date(provider):
    """D3, G6: 10 days from 2030-01-01 (by the registry expiry); 7 before that day."""
    params = provider(D3_FROM_2030)
    assert contract_end("example.jp", D(2030, 1, 31), parameters=params) == D(2030, 1, 21)
    assert contract_end("example.jp", D(2029, 12, 31), parameters=params) == D(2029, 12, 24)
    assert contract_end("example.jp", D(2030, 1, 31)) == D(2030, 1, 24)
    assert contract_end("example.com", D(2030, 1, 31), parameters=params) == D(2030, 1, 31)
    timeline = renewal_timeline("example.co.jp", D(2030, 3, 31), parameters=params)
    assert timeline.contract_end == D(2030, 3, 21)
    assert timeline.order_window.first == D(2030, 1, 30)  # 50 days before the new end
    step = _step(timeline, "D3.jp")
    assert step.figures["days"] == 10
    assert step.figures["jp_contract_end_since"] == "2030-01-01"
    assert "10 days" in step.text("en") and "2030-01-01" in step.text("en")
    assert "10日前" in step.text("ja") and "2030-01-01" in step.text("ja")
    window = restore_window("example.jp", D(2030, 1, 31), parameters=params)
    assert window.contract_end == D(2030, 1, 21)
    state = domain_status("example.jp", D(2030, 1, 31), D(2030, 1, 22), parameters=params)
    assert state.contract_end == D(2030, 1, 21)


def test_d3_default_step_names_the_start():
    """G5: a figure in force from the start reads "the start" / 「当初から」."""
    step = _step(renewal_timeline("example.jp", D(2027, 3, 31)), "D3.jp")
    assert step.figures["jp_contract_end_since"] == "0001-01-01"
    assert "(figure in force from the start)" in step.text("en")
    assert "当初から" in step.text("ja")


def test_d6_provider_reminder_days(provider):
    """D6, G6: the reminder days of a provider file, from their date (by the contract end)."""
    params = provider(REMINDERS_FROM_2030)
    timeline = renewal_timeline("example.com", D(2030, 3, 10), parameters=params)
    assert timeline.reminders == (D(2030, 2, 8), D(2030, 2, 28), D(2030, 3, 9))
    step = _step(timeline, "D6.reminders")
    assert step.figures["days"] == ("30", "10", "1")
    assert step.figures["reminder_days_since"] == "2030-01-01"
    assert "30, 10, 1 days" in step.text("en")
    assert "30、10、1日前" in step.text("ja")
    before = renewal_timeline("example.com", D(2029, 12, 31), parameters=params)
    assert len(before.reminders) == 5 and before.reminders[-1] == D(2029, 12, 31)
    paid = renewal_timeline(
        "example.com", D(2030, 3, 10), paid_on=D(2030, 3, 1), parameters=params
    )
    assert paid.reminders == (D(2030, 2, 8), D(2030, 2, 28))


def test_d1_d2_d5_provider_figures(provider):
    """D1, D2, D5, G6: the order window, fee notice, notice delay and debit day of a file."""
    params = provider(
        """
[[order_window_days]]
since = 2030-01-01
value = [40, 30]
source = "x"

[[fee_notice_days]]
since = 2030-01-01
value = 35
source = "x"

[[debit_notice_delay_days]]
since = 2030-01-01
value = 2
source = "x"

[[debit_day]]
since = 2030-01-01
value = 10
source = "x"
"""
    )
    t = renewal_timeline(
        "example.com", D(2030, 6, 30), PaymentMethod.DIRECT_DEBIT, parameters=params
    )
    assert (t.order_window.first, t.order_window.last) == (D(2030, 5, 21), D(2030, 5, 31))
    assert t.fee_notice_on == D(2030, 5, 26)
    assert t.debit is not None and t.debit.notice_arrived_on == D(2030, 6, 2)
    assert t.debit_on == D(2030, 6, 10)  # a Monday
    assert _step(t, "D1.order").figures["order_window_since"] == "2030-01-01"
    assert "40 to 30 days" in _step(t, "D1.order").text("en")
    assert _step(t, "D2.notice").figures["fee_notice_since"] == "2030-01-01"
    assert _step(t, "D5.debit_estimate").figures["notice_delay_since"] == "2030-01-01"
    debit = _step(t, "D5.debit_27")
    assert (debit.figures["debit_day"], debit.figures["debit_day_since"]) == (10, "2030-01-01")
    assert "the 10th of that month" in debit.text("en")
    # The debit day is the one in force on the notice's arrival.
    assert direct_debit_on(D(2029, 12, 1), parameters=params) == D(2029, 12, 27)
    assert direct_debit_on(D(2030, 1, 5), parameters=params) == D(2030, 1, 10)
    assert direct_debit(D(2030, 1, 5)).debit_on == D(2030, 1, 28)  # the 27th is a Sunday


def test_d8_downtime_and_c11_year_from_a_file(provider):
    """D8, C11, G6: the downtime in minutes, and the months of the contract year."""
    params = provider(
        """
[[restore_downtime_minutes]]
since = 2030-01-01
value = 90
source = "x"

[[contract_year_months]]
since = 2030-01-01
value = 6
source = "x"
"""
    )
    window = restore_window("example.com", D(2030, 3, 10), parameters=params)
    assert window.downtime == pendulum.duration(minutes=90)
    step = window.explanation[-1]
    assert step.key == "D8.downtime_minutes"
    assert step.figures == {"minutes": 90, "downtime_since": "2030-01-01"}
    default = restore_window("example.com", D(2030, 3, 10))
    assert default.downtime == pendulum.duration(hours=1)
    assert default.explanation[-1].figures == {"hours": 1, "downtime_since": "0001-01-01"}
    quote = plan_change(
        "Flex Web", Yen(1000), Yen(2000), Month(2030, 1), D(2030, 3, 1), parameters=params
    )
    assert (quote.term_end, quote.remaining_months) == (Month(2030, 6), 4)
    assert quote.next_term_start == Month(2030, 7)
    remaining = _step(quote, "C11.remaining")
    assert (remaining.figures["year_months"], remaining.figures["contract_year_since"]) == (
        6,
        "2030-01-01",
    )
    # A year that began before the file's date keeps its 12 months.
    earlier = plan_change(
        "Flex Web", Yen(1000), Yen(2000), Month(2029, 4), D(2030, 3, 1), parameters=params
    )
    assert earlier.term_end == Month(2030, 3)


def test_defaults_are_the_published_figures():
    """G6: the defaults hold the sources' figures from the start."""
    on = D(2027, 1, 1)
    assert DEFAULT_PARAMETERS.order_window_days.at(on).value == (50, 45)
    assert DEFAULT_PARAMETERS.fee_notice_days.at(on).value == 45
    assert DEFAULT_PARAMETERS.jp_contract_end_days.at(on).value == 7
    assert DEFAULT_PARAMETERS.debit_day.at(on).value == 27
    assert DEFAULT_PARAMETERS.debit_notice_delay_days.at(on).value == 5
    assert DEFAULT_PARAMETERS.reminder_days.at(on).value == (45, 15, 7, 3, 0)
    assert DEFAULT_PARAMETERS.restore_downtime_minutes.at(on).value == 60
    assert DEFAULT_PARAMETERS.contract_year_months.at(on).value == 12


def test_an_inverted_window_is_refused_before_the_fee_is_read():
    """D9 before D8: a provider deadline that closes the window before it opens is the
    refusal, even when no restore fee is in force yet on the opening day (the fee is read
    only for a window that exists), the first time and when the close is kept."""
    import attrs

    from clararules.core.dated import Dated, Parameter

    later_fee = Parameter("restore_fee", (Dated(pendulum.Date(2030, 1, 1), Yen(12000), "x"),))
    params = attrs.evolve(DEFAULT_PARAMETERS, restore_fee=later_fee)
    deadline = ProviderDeadline.day_of_next_month(1)
    for _ in range(2):
        with pytest.raises(InvalidInput, match="before it opens"):
            restore_window("example.com", pendulum.Date(2026, 12, 31), deadline, params)
    with pytest.raises(ParameterNotInForce):
        restore_window("example.com", pendulum.Date(2026, 12, 31), parameters=params)
