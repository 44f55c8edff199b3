"""D1-D9 planning: what to do about a domain's renewal today, and by when
(clararules.domains.planning)."""

import datetime as dt
import pickle

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clararules import (
    ClaraRulesError,
    ClosingBasis,
    DomainStatus,
    InvalidInput,
    NaiveDateTimeError,
    PaymentMethod,
    PaymentMethodNotAllowed,
    Yen,
    domain_status,
    renewal_timeline,
    restore_window,
)
from clararules.domains.planning import RenewalPlan, renewal_plan

from ..strategies import domain_and_expiry

D = dt.date
EXPIRY = D(2027, 3, 31)  # example.jp: contract end 2027-03-24, orders 02-02..02-07

TO_PAY = {DomainStatus.ACTIVE, DomainStatus.RENEWAL_DUE}
PAST_END = {
    DomainStatus.RESTORABLE,
    DomainStatus.UNPAID_PAST_CONTRACT_END,
    DomainStatus.ABOLISHED,
}

offsets = st.integers(-120, 90)
"""Days from the registry expiry: before the order window, through the restore window, past."""


def _refusal(make):
    """The type of the library's refusal of ``make()``, or the result."""
    try:
        return make()
    except ClaraRulesError as error:
        return type(error)


# ---------------------------------------------------------------- agreement


@given(
    domain_and_expiry(),
    offsets,
    st.sampled_from(list(PaymentMethod)),
    st.none() | offsets,
)
@example(("example.jp", EXPIRY), -7, PaymentMethod.CREDIT_CARD, None)  # the contract end
@example(("example.jp", EXPIRY), -6, PaymentMethod.CREDIT_CARD, -10)  # paid, then past end
@example(("example.jp", EXPIRY), 20, PaymentMethod.INVOICE, -5)  # paid late, restorable
@example(("example.jp", EXPIRY), -30, PaymentMethod.DIRECT_DEBIT, -20)  # paid in the future
def test_plan_agrees_with_timeline_status_and_restore(name_expiry, today_at, method, paid_at):
    """D1-D9: the plan is the timeline, the status and the restore window of the same inputs:
    the same status and dates; the reminders still to come are exactly the timeline's after
    today; the last day to pay and the debit date while the renewal is to be paid; the restore
    window (fee tax included, closing basis) past the contract end unpaid."""
    name, expiry = name_expiry
    today = expiry + dt.timedelta(days=today_at)
    paid = None if paid_at is None else expiry + dt.timedelta(days=paid_at)
    timeline = _refusal(lambda: renewal_timeline(name, expiry, method, paid_on=paid))
    state = _refusal(lambda: domain_status(name, expiry, today, paid))
    window = _refusal(lambda: restore_window(name, expiry))
    plan = _refusal(lambda: renewal_plan(name, expiry, today, method, paid_on=paid))
    for part in (timeline, state, window):
        if isinstance(part, type):  # a part refused: the plan is refused alike
            assert plan is part
            return
    assert isinstance(plan, RenewalPlan)
    assert plan.status is state.status
    assert plan.today == state.on == today
    assert plan.contract_end == timeline.contract_end == state.contract_end
    assert plan.registry_expiry == timeline.registry_expiry
    assert plan.order_window == timeline.order_window
    assert plan.payment is method
    assert plan.paid_on == paid
    assert plan.reminders == tuple(d for d in timeline.reminders if d > today)
    assert all(d > today for d in plan.reminders)
    if plan.status in TO_PAY:
        assert plan.pay_by == timeline.pay_by == timeline.contract_end
        assert plan.debit_on == timeline.debit_on
        assert today <= plan.pay_by
    else:
        assert plan.pay_by is None
        assert plan.debit_on is None
        assert plan.reminders == ()
    if plan.status in PAST_END:
        assert today > plan.contract_end
        assert plan.restore == window == state.restore
        assert plan.restore.fee_includes_tax
        assert (plan.restore.closes is None) == (
            plan.status is DomainStatus.UNPAID_PAST_CONTRACT_END
        )
        if plan.status is DomainStatus.RESTORABLE:
            assert today in plan.restore
        if plan.status is DomainStatus.ABOLISHED:
            assert today > plan.restore.closes
    else:
        assert plan.restore is None
    if plan.status is DomainStatus.RENEWED:
        assert paid is not None and paid <= today and paid <= plan.contract_end


@given(domain_and_expiry(), offsets, st.sampled_from(list(PaymentMethod)), st.none() | offsets)
def test_plan_explains_itself(name_expiry, today_at, method, paid_at):
    """G5: the plan's steps cite D and G rules, render in both languages, start with the
    contract end (D3) and the status (D4/D7), and hold one step saying what to do."""
    name, expiry = name_expiry
    today = expiry + dt.timedelta(days=today_at)
    paid = None if paid_at is None else expiry + dt.timedelta(days=paid_at)
    try:
        plan = renewal_plan(name, expiry, today, method, paid_on=paid)
    except ClaraRulesError:
        return
    steps = plan.explanation
    assert steps[0].rule == "D3"
    assert steps[1].key in (
        "D4.status_active",
        "D4.status_due",
        "D4.status_renewed",
        "D7.status_restorable",
        "D7.status_unknown",
        "D7.status_abolished",
    )
    to_do = {
        DomainStatus.ACTIVE: {"D4.plan.pay", "D4.plan.pay_today"},
        DomainStatus.RENEWAL_DUE: {"D4.plan.pay", "D4.plan.pay_today"},
        DomainStatus.RENEWED: {"D4.plan.done"},
        DomainStatus.RESTORABLE: {"D8.plan.restore"},
        DomainStatus.UNPAID_PAST_CONTRACT_END: {"D8.plan.restore_unknown"},
        DomainStatus.ABOLISHED: {"D9.plan.closed"},
    }[plan.status]
    assert len([s for s in steps if s.key in to_do]) == 1
    assert all(s.rule[0] in "DG" for s in steps)
    for lang in ("en", "ja"):
        assert "{" not in plan.explain(lang)
        assert all(label and value for label, value in plan.table(lang))


# ---------------------------------------------------------------- examples


def test_before_the_order_window_direct_debit():
    """D1, D4-D6: two months ahead, by direct debit: the order window ahead, the estimated
    debit date (2027-02-27 is a Saturday: 03-01), pay by the contract end, every reminder."""
    plan = renewal_plan("example.jp", EXPIRY, D(2027, 1, 10), PaymentMethod.DIRECT_DEBIT)
    assert plan.status is DomainStatus.ACTIVE
    assert (plan.order_window.first, plan.order_window.last) == (D(2027, 2, 2), D(2027, 2, 7))
    assert plan.debit_on == D(2027, 3, 1)
    assert plan.pay_by == D(2027, 3, 24)
    assert len(plan.reminders) == 5
    assert plan.restore is None
    keys = [s.key for s in plan.explanation]
    assert keys[:3] == ["D3.jp", "D4.status_active", "D1.order"]
    assert "D5.debit_estimate" in keys and "G4.moved" in keys
    assert plan.explanation[-2].en == (
        "To do: pay the renewal by direct debit by the contract end, 2027-03-24"
        " (73 days after 2027-01-10)."
    )
    assert plan.explanation[-2].ja == (
        "ご対応: 契約終了日（2027-03-24）までに、口座振替によるお支払いをお済ませください"
        "（2027-01-10現在、残り73日）。"
    )
    assert plan.explanation[-1].en == (
        "Reminder e-mails still to come after 2027-01-10 while unpaid: 2027-02-07, 2027-03-09,"
        " 2027-03-17, 2027-03-21, 2027-03-24."
    )
    table = dict(plan.table("ja"))
    assert table["状態"] == "有効"
    assert table["引き落とし日"] == "2027-03-01"
    assert table["お支払い期限"] == "2027-03-24"
    assert table["メール通知"] == "2027-02-07、2027-03-09、2027-03-17、2027-03-21、2027-03-24"


def test_due_by_card_with_reminders_left():
    """D4, D6: due and unpaid on 03-10: pay by 03-24; reminders of 03-17, 03-21, 03-24 left."""
    plan = renewal_plan("example.jp", EXPIRY, D(2027, 3, 10))
    assert plan.status is DomainStatus.RENEWAL_DUE
    assert plan.reminders == (D(2027, 3, 17), D(2027, 3, 21), D(2027, 3, 24))
    assert plan.debit_on is None
    assert "Direct debit" not in dict(plan.table("en"))
    assert plan.explanation[-1].ja == (
        "お支払いがお済みでない場合、2027-03-10より後に2027-03-17、2027-03-21、2027-03-24に"
        "メール通知をお送りします。"
    )


def test_contract_end_day_is_the_last_day():
    """D4, D6: on the contract end itself: pay today; no reminder is still to come (the one of
    the day itself is not after today)."""
    plan = renewal_plan("example.jp", EXPIRY, D(2027, 3, 24), "invoice")
    assert plan.status is DomainStatus.RENEWAL_DUE
    assert plan.reminders == ()
    pay, none_left = plan.explanation[-2:]
    assert pay.key == "D4.plan.pay_today"
    assert pay.en == (
        "To do: today, 2027-03-24, is the contract end: pay the renewal by invoice today."
    )
    assert pay.ja == (
        "ご対応: 本日（2027-03-24）が契約終了日です。本日中に請求書によるお支払いを"
        "お済ませください。"
    )
    assert none_left.en == "No reminder e-mails are still to come after 2027-03-24."
    assert none_left.ja == "2027-03-24より後にお送りするメール通知はありません。"
    assert dict(plan.table("en"))["Reminders"] == "—"


def test_today_read_in_jst():
    """G1: 2027-03-24 15:00 UTC is 03-25 in Japan: past the contract end, restorable."""
    plan = renewal_plan("example.jp", EXPIRY, dt.datetime(2027, 3, 24, 15, tzinfo=dt.UTC))
    assert plan.today == D(2027, 3, 25)
    assert plan.status is DomainStatus.RESTORABLE


def test_renewed():
    """D4: paid on 03-18, asked on 03-20: renewed, nothing to do, no reminders."""
    plan = renewal_plan("example.jp", EXPIRY, D(2027, 3, 20), paid_on=D(2027, 3, 18))
    assert plan.status is DomainStatus.RENEWED
    assert (plan.pay_by, plan.reminders, plan.restore) == (None, (), None)
    assert plan.explanation[-1].en == (
        "Nothing left to do: the renewal was paid on 2027-03-18, and no more reminder e-mails"
        " are sent."
    )
    assert plan.explanation[-1].ja == (
        "2027-03-18に更新のお支払いがお済みのため、ご対応いただくことはありません。"
        "メール通知もお送りしません。"
    )
    assert dict(plan.table("ja"))["お支払い期限"] == "—"


def test_payment_planned_ahead_keeps_the_earlier_reminders():
    """D6: a payment date after today (not yet made): still due, and the reminders before it
    are still to come."""
    plan = renewal_plan("example.jp", EXPIRY, D(2027, 3, 10), paid_on=D(2027, 3, 20))
    assert plan.status is DomainStatus.RENEWAL_DUE
    assert plan.reminders == (D(2027, 3, 17),)


def test_restorable_with_fee_and_basis():
    """D8, D9: on 04-02 the window is open until 04-20 (registry rule); fee ¥12,000 tax
    included, with its flow."""
    plan = renewal_plan("example.jp", EXPIRY, D(2027, 4, 2))
    assert plan.status is DomainStatus.RESTORABLE
    assert plan.restore.closes == D(2027, 4, 20)
    assert plan.restore.closing_basis is ClosingBasis.REGISTRY_RULE
    assert plan.restore.fee == Yen(12000)
    to_do = next(s for s in plan.explanation if s.key == "D8.plan.restore")
    assert to_do.en == (
        "To do: ask support for a restore by 2027-04-20 (registry rule; 18 days after"
        " 2027-04-02); the restore fee is ¥12,000, tax included."
    )
    assert to_do.ja == (
        "ご対応: 復活申請の期限（2027-04-20、レジストリの規定）までに、サポートセンターに"
        "ドメインの復活をご依頼ください（2027-04-02現在、残り18日）。"
        "ドメイン復活申請手数料は¥12,000（税込）です。"
    )
    keys = [s.key for s in plan.explanation]
    assert "D8.fee" in keys and "D8.flow5" in keys
    table = dict(plan.table("ja"))
    assert table["復活申請の期限"] == "2027-04-20"
    assert table["期限の根拠"] == "レジストリの規定"
    assert table["ドメイン復活申請手数料"] == "¥12,000（税込、うち消費税 ¥1,090、税抜 ¥10,910）"


def test_gtld_closing_is_an_estimate():
    """D9: a gTLD's window closes 30 days after the contract end, an estimate."""
    plan = renewal_plan("example.com", D(2027, 3, 10), D(2027, 3, 20))
    assert plan.status is DomainStatus.RESTORABLE
    assert plan.restore.closing_basis is ClosingBasis.ESTIMATE
    assert dict(plan.table("en"))["Closing date from"] == "estimate"
    assert "推定" in plan.explain("ja")


def test_unknown_close():
    """D7, D9: a name whose restore close is not known: ask support at once."""
    plan = renewal_plan("ex.uk", D(2027, 3, 10), D(2027, 4, 2))
    assert plan.status is DomainStatus.UNPAID_PAST_CONTRACT_END
    assert plan.restore.closes is None
    to_do = next(s for s in plan.explanation if s.key == "D8.plan.restore_unknown")
    assert "the last day to request a restore is not known" in to_do.en
    assert "至急サポートセンターにご相談ください" in to_do.ja
    assert dict(plan.table("ja"))["期限の根拠"] == "不明"


def test_abolished_after_a_late_payment():
    """D4, D7, D9: paid after the contract end and asked after the window: too late to renew,
    and the window has closed."""
    plan = renewal_plan("example.jp", EXPIRY, D(2027, 4, 22), paid_on=D(2027, 3, 30))
    assert plan.status is DomainStatus.ABOLISHED
    keys = [s.key for s in plan.explanation]
    assert "D4.paid_late" in keys
    assert keys[-1] == "D9.plan.closed"
    assert plan.explanation[-1].en == (
        "The last day to request a restore was 2027-04-20 (registry rule): the domain can no"
        " longer be restored."
    )
    assert "D8.plan.restore" not in keys and "D8.flow1" not in keys


def test_estimated_debit_comes_before_the_contract_end():
    """D5: the plan estimates the notice's arrival (5 days after the order window, 40 days
    before the contract end), so with the default figures its debit date is never after the
    contract end (checked over 2000-2099 for gTLDs; .jp likewise), and no warning is due."""
    plan = renewal_plan("example.jp", D(2027, 1, 31), D(2026, 12, 1), "direct_debit")
    assert plan.debit_on == D(2026, 12, 28)
    assert plan.debit_on <= plan.pay_by
    assert "D5.debit_late" not in [s.key for s in plan.explanation]


def test_refusals():
    """D5 and the input door: card only for a domain contract only; today must be a day."""
    with pytest.raises(PaymentMethodNotAllowed):
        renewal_plan("example.jp", EXPIRY, D(2027, 3, 1), "invoice", domain_only=True)
    assert renewal_plan("example.jp", EXPIRY, D(2027, 3, 1), domain_only=True).pay_by
    with pytest.raises(NaiveDateTimeError):
        renewal_plan("example.jp", EXPIRY, dt.datetime(2027, 3, 1, 9))
    with pytest.raises(InvalidInput, match="today"):
        renewal_plan("example.jp", EXPIRY, "next week")
    with pytest.raises(InvalidInput):  # D3: a .jp registry expiry is a month end
        renewal_plan("example.jp", D(2027, 3, 30), D(2027, 3, 1))


def test_plan_is_recorded_and_pickles():
    """G5: the plan records its call (for audit), and travels with its explanation."""
    plan = renewal_plan("example.jp", EXPIRY, pendulum.Date(2027, 4, 2), "invoice")
    assert plan.inputs.function == "renewal_plan"
    assert dict(plan.inputs.arguments) == {
        "domain": "example.jp",
        "registry_expiry": EXPIRY,
        "today": pendulum.Date(2027, 4, 2),
        "payment": "invoice",
    }
    copy = pickle.loads(pickle.dumps(plan))
    assert copy == plan
    assert copy.explain("ja") == plan.explain("ja")
