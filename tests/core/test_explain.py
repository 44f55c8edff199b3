"""G5: explanations: every step renders in both languages, with its rule ID and figures."""

import datetime as dt
import re

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    CancellationChangeKind,
    CancellationChangeRequest,
    CancellationChannel,
    ClaraRulesError,
    Contract,
    Month,
    Step,
    Yen,
    check_cancellation_channel,
    plan_change,
    quote_cancellation,
    request_suspension,
    review_cancellation_change,
)
from clararules.core.i18n import messages

from ..strategies import contracts, instants, months

_TEXTS = messages("en")

RULE_ID = re.compile(r"^[GCPD]\d+$")


def _check_steps(steps):
    assert steps, "an explanation is never empty"
    for step in steps:
        assert RULE_ID.match(step.rule), step.rule
        assert step.en
        assert step.ja
        assert "{" not in step.en and "{" not in step.ja, step.key
        for value in step.figures.values():  # typed data: scalars, or a tuple of values
            assert (
                value is None
                or isinstance(value, int | str | bool)
                or (isinstance(value, tuple) and all(isinstance(v, str) for v in value))
            )


@given(contracts, instants, st.none() | months)
def test_g5_cancellation_quote_explained(contract, received, desired):
    """G5: every step of a cancellation quote renders, in both languages, with a rule ID."""
    try:
        quote = quote_cancellation(contract, received, desired)
    except ClaraRulesError:
        return  # e.g. a cancellation before activation: refused, not explained
    _check_steps(quote.explanation)


def test_g5_every_registered_text_is_used_and_renders():
    """G5: each sentence template of the rules is reached by some computation and renders."""
    seen: set[str] = set()
    c = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 12, special_agreement_term_months=6)
    no_term = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 0)
    jst = lambda *a: pendulum.datetime(*a, tz="Asia/Tokyo")
    results = [
        quote_cancellation(c, jst(2026, 11, 30), Month(2026, 12)).explanation,
        quote_cancellation(c, jst(2026, 12, 1), Month(2026, 12)).explanation,
        quote_cancellation(c, jst(2026, 12, 1)).explanation,
        quote_cancellation(no_term, jst(2026, 12, 1)).explanation,
        plan_change("Flex Web", Yen(1), Yen(2), Month(2026, 4), dt.date(2026, 5, 1)).explanation,
        plan_change("Flex Web", Yen(2), Yen(1), Month(2026, 4), dt.date(2026, 5, 1)).explanation,
        plan_change("Flex Web", Yen(2), Yen(2), Month(2026, 4), dt.date(2026, 5, 1)).explanation,
        request_suspension("Flex Web").explanation,
        *(check_cancellation_channel(ch).explanation for ch in CancellationChannel),
    ]
    base = {
        "kind": CancellationChangeKind.EXTEND,
        "requested_at": jst(2026, 11, 1),
        "from_registered_contact": True,
        "customer_number": "1",
        "service_name": "Flex Web",
        "host_name": "h",
        "accepted_cancellation_on": dt.date(2026, 11, 30),
    }
    for extra, fee in [
        ({"new_cancellation_on": dt.date(2027, 1, 31)}, Yen(100)),
        ({"new_cancellation_on": dt.date(2027, 1, 31)}, None),
        ({"new_cancellation_on": dt.date(2027, 1, 30)}, None),
        ({"new_cancellation_on": dt.date(2026, 10, 31)}, None),
        ({"accepted_cancellation_on": dt.date(2026, 12, 31), "customer_number": None}, None),
        ({"accepted_cancellation_on": dt.date(2026, 11, 29)}, None),
        ({"requested_at": jst(2026, 12, 1), "from_registered_contact": False}, None),
    ]:
        request = CancellationChangeRequest(**{**base, **extra})
        results.append(review_cancellation_change(request, dt.date(2026, 11, 30), fee).explanation)
    from clararules.contracts.planning import cancellation_options

    results += [  # before activation (C6), with a term; with none; one option's own steps
        cancellation_options(c, jst(2026, 1, 20), 2).explanation,
        cancellation_options(no_term, jst(2026, 12, 1), 1).explanation,
        cancellation_options(c, jst(2026, 12, 1), 1).options[0].explanation,
    ]
    for steps in results:
        _check_steps(steps)
        seen.update(step.key for step in steps)
    rule_keys = {
        k
        for k in _TEXTS
        if ((k[0] == "C" and k[1].isdigit()) or k.startswith("G3"))
        and ".error." not in k  # refusals: tests/test_voice.py renders every one
        and not k.endswith("_span")  # table values: the family's table tests render them
    }
    assert rule_keys <= seen, sorted(rule_keys - seen)


def test_g5_step_is_immutable_and_comparable():
    """G5: steps are frozen values; figures cannot be changed after the fact."""
    step = request_suspension("Flex Web").explanation[0]
    assert step == Step("C8", "C8.refused", {"service": "Flex Web"})
    with pytest.raises(TypeError):
        step.figures["service"] = "x"  # type: ignore[index]


def test_g5_unknown_key_and_language_refused():
    """G5: a step with an unknown text key, or text in an unknown language, is refused."""
    with pytest.raises(ClaraRulesError, match="no message"):
        Step("C1", "no.such.key")
    with pytest.raises(ClaraRulesError, match="en, ja"):
        request_suspension("Flex Web").explanation[0].text("fr")


def test_g5_unknown_message_key_refused():
    """G5: a step names a message of the catalogs, or is refused."""
    with pytest.raises(ClaraRulesError, match="catalogs"):
        Step("C2", "test.nowhere")


def test_g5_every_domain_text_is_used_and_renders():
    """G5: each domain rule's sentence template (D1-D9) is reached and renders."""
    from clararules import (
        PaymentMethod,
        ProviderDeadline,
        direct_debit,
        domain_status,
        renewal_timeline,
        restore_window,
    )

    d = dt.date
    results = [
        renewal_timeline("example.jp", d(2027, 3, 31)).explanation,
        renewal_timeline("example.com", d(2027, 3, 10), PaymentMethod.INVOICE).explanation,
        renewal_timeline("example.jp", d(2027, 3, 31), PaymentMethod.DIRECT_DEBIT).explanation,
        renewal_timeline(
            "example.jp", d(2027, 3, 31), "direct_debit", debit_notice_arrived_on=d(2027, 3, 28)
        ).explanation,
        renewal_timeline("example.jp", d(2027, 3, 31), paid_on=d(2027, 3, 1)).explanation,
        renewal_timeline("example.jp", d(2027, 3, 31), paid_on=d(2027, 4, 1)).explanation,
        direct_debit(d(2026, 6, 30)).explanation,
        restore_window("example.uk", d(2027, 3, 10)).explanation,
        restore_window(
            "example.jp", d(2027, 4, 30), ProviderDeadline.day_of_next_month(15)
        ).explanation,
        restore_window(
            "example.uk", d(2027, 4, 30), ProviderDeadline.days_after_contract_end(9)
        ).explanation,
        restore_window("example.co.jp", d(2027, 3, 31)).explanation,
        restore_window("example.co.jp", d(2014, 3, 31)).explanation,
        restore_window("example.com", d(2027, 3, 10)).explanation,
        restore_window(
            "example.jp", d(2027, 4, 30), ProviderDeadline.days_after_contract_end(9)
        ).explanation,
    ]
    for domain, expiry in (("example.jp", d(2027, 4, 30)), ("example.uk", d(2027, 4, 30))):
        for rule in (
            ProviderDeadline.day_of_next_month(15),
            ProviderDeadline.day_of_next_month(15, roll_back_to_business_day=False),
            ProviderDeadline.days_after_contract_end(9),
        ):
            results.append(restore_window(domain, expiry, rule).explanation)
    for on, paid in [
        (d(2027, 1, 1), None),
        (d(2027, 3, 1), None),
        (d(2027, 3, 1), d(2027, 2, 10)),
        (d(2027, 4, 1), None),
        (d(2027, 5, 1), None),
    ]:
        results.append(domain_status("example.jp", d(2027, 3, 31), on, paid).explanation)
    results.append(domain_status("example.uk", d(2027, 3, 10), d(2027, 5, 1)).explanation)
    from clararules.domains.planning import renewal_plan

    for domain, expiry, on, paid in [
        ("example.jp", d(2027, 3, 31), d(2027, 3, 10), None),  # to pay, reminders left
        ("example.jp", d(2027, 3, 31), d(2027, 3, 24), None),  # pay today, none left
        ("example.jp", d(2027, 3, 31), d(2027, 3, 20), d(2027, 3, 18)),  # renewed
        ("example.jp", d(2027, 3, 31), d(2027, 4, 2), None),  # restorable
        ("example.uk", d(2027, 3, 10), d(2027, 4, 2), None),  # close unknown
        ("example.jp", d(2027, 3, 31), d(2027, 4, 22), None),  # closed
    ]:
        results.append(renewal_plan(domain, expiry, on, paid_on=paid).explanation)
    seen: set[str] = set()
    for steps in results:
        _check_steps(steps)
        seen.update(step.key for step in steps)
    rule_keys = {
        k
        for k in _TEXTS
        if ((k[0] == "D" and k[1].isdigit()) or k.startswith("G4"))
        and ".error." not in k  # refusals: tests/test_voice.py renders every one
        and not k.endswith("_span")  # table values: the family's table tests render them
        # table values and a deadline's own description, rendered by tests/domains:
        and k not in ("D1.window", "D5.notice_estimated", "D8.fee_row", "D8.downtime_minutes")
        and not k.startswith("D9.deadline.")
    }
    assert rule_keys <= seen, sorted(rule_keys - seen)
