"""G5 for C1-C12: every text of the family comes from the catalogs, reads naturally in English
(plurals by number, never "(s)") and in Japanese by the glossary (docs/glossary.md), and every
result type explains itself and shows its table in both languages."""

import datetime as dt
import re

import pendulum
import pytest

from clararules import (
    DEFAULT_PARAMETERS,
    CancellationChannel,
    ClaraRulesError,
    Contract,
    Month,
    PlanChangeNotAllowed,
    RemainingMonthsPolicy,
    UnknownService,
    Yen,
    cancellation_effective_date,
    check_cancellation_channel,
    minimum_term_charge,
    plan_change,
    quote_cancellation,
    request_suspension,
    review_cancellation_change,
)
from clararules.contracts.planning import cancellation_options
from clararules.core.i18n import messages

from .test_contracts import _request  # the one C7 request of the family tests


def jst(*args):
    return pendulum.datetime(*args, tz="Asia/Tokyo")


CONTRACT = Contract("Flex Web", Yen(5000), dt.date(2026, 4, 15), 12)


def _results():
    """One result of each type of the family, through every branch of its explanation."""
    special = Contract(
        "Flex Web", Yen(1000), dt.date(2026, 1, 10), 12, special_agreement_term_months=24
    )
    no_term = Contract("Flex Web", Yen(1000), dt.date(2026, 1, 10), 0)
    return {
        "C2 in time": cancellation_effective_date(jst(2026, 11, 30, 23, 59, 59), Month(2026, 12)),
        "C3 shifted": cancellation_effective_date(jst(2026, 12, 1), Month(2026, 12)),
        "C4 earliest": cancellation_effective_date(jst(2026, 12, 1)),
        "C6 charge": minimum_term_charge(CONTRACT, Month(2026, 10)),
        "C6 one month short": minimum_term_charge(CONTRACT, Month(2027, 3)),
        "C5 special agreement": minimum_term_charge(special, Month(2026, 12)),
        "C5 no term": minimum_term_charge(no_term, Month(2026, 3)),
        "C2-C6 quote": quote_cancellation(CONTRACT, jst(2026, 12, 1), Month(2026, 12)),
        "C7 eligible": review_cancellation_change(_request(), dt.date(2026, 11, 30), Yen(5000)),
        "C7 one month": review_cancellation_change(
            _request(new_cancellation_on=dt.date(2026, 12, 31)), dt.date(2026, 11, 30), Yen(5000)
        ),
        "C7 no fee": review_cancellation_change(_request(), dt.date(2026, 11, 30)),
        "C7 withdrawal": review_cancellation_change(
            _request(kind="withdraw", new_cancellation_on=None, withdrawal_reason="continuing"),
            dt.date(2026, 11, 30),
        ),
        "C7 refused": review_cancellation_change(
            _request(
                requested_at=jst(2026, 12, 1),
                from_registered_contact=False,
                customer_number=None,
                host_name=None,
                accepted_cancellation_on=dt.date(2026, 11, 29),
                new_cancellation_on=dt.date(2027, 2, 27),
            ),
            dt.date(2026, 11, 30),
        ),
        "C7 mismatch, not later": review_cancellation_change(
            _request(
                accepted_cancellation_on=dt.date(2026, 12, 31),
                new_cancellation_on=dt.date(2026, 10, 31),
            ),
            dt.date(2026, 11, 30),
        ),
        **{
            f"C9 {new} {policy.value}": plan_change(
                "Clara Cloud Flex",
                Yen(10000),
                Yen(new),
                Month(2026, 4),
                dt.date(2026, 10, 15),
                counting=policy,
            )
            for new in (15000, 5000, 10000)
            for policy in RemainingMonthsPolicy
        },
        # Planning (contracts/planning.py): from the activation month, with no term, one option.
        "C2-C6 options": cancellation_options(CONTRACT, jst(2026, 1, 20), 2),
        "C2-C6 options no term": cancellation_options(no_term, jst(2026, 12, 1), 1),
        "C2-C6 option": cancellation_options(CONTRACT, jst(2026, 9, 10), 1).options[0],
    }


def _decisions():
    return {
        **{f"C1 {c.value}": check_cancellation_channel(c) for c in CancellationChannel},
        "C8": request_suspension("Flex Web"),
    }


RESULTS = _results()
DECISIONS = _decisions()

# ASCII words a Japanese text may show: service names (data of the parameters and of the
# examples, including the list's display name "VPS series" of C10), JST and PDF ([000]
# 「Acrobat PDF形式」).  Rule IDs and units have fewer than three letters.
SERVICE_WORDS = set(
    re.findall(
        r"[A-Za-z]{3,}",
        " ".join(
            [
                "Flex Web Clara Cloud Flex",
                DEFAULT_PARAMETERS.os_support_ended.at(dt.date(2026, 1, 1)).value.describe(),
                DEFAULT_PARAMETERS.annual_prepaid_services.at(
                    dt.date(2026, 1, 1)
                ).value.describe(),
            ]
        ),
    )
)
ALLOWED_ASCII = SERVICE_WORDS | {"JST", "PDF"}


def _ascii_words(text):
    return set(re.findall(r"[A-Za-z]{3,}", text)) - ALLOWED_ASCII


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_every_result_reads_in_japanese_without_english(name):
    """G5: ``explain("ja")`` and ``table("ja")`` of every result type show no English word."""
    result = RESULTS[name]
    text = result.explain("ja")
    table = result.table("ja")
    assert text and table
    assert not _ascii_words(text), text
    for label, value in table:
        assert not _ascii_words(label + value), (label, value)


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_every_result_reads_in_english_without_s_in_brackets(name):
    """G5: the English explanation and table never say "(s)"; every row has a label."""
    result = RESULTS[name]
    assert "(s)" not in result.explain("en")
    for label, value in result.table("en"):
        assert label and value
        assert "(s)" not in label + value


@pytest.mark.parametrize("name", sorted(DECISIONS))
def test_every_decision_reads_in_both_languages(name):
    """G5 for C1 and C8: the reasons read without "(s)" in English, without English in
    Japanese."""
    decision = DECISIONS[name]
    assert not any("(s)" in reason for reason in decision.reasons)
    assert not any(_ascii_words(reason) for reason in decision.reasons_ja)


def test_every_sentence_of_the_family_is_exercised():
    """G5: the examples above render every step message of C1-C12 (so the two tests above see
    every sentence)."""
    used = {
        step.key
        for result in (*RESULTS.values(), *DECISIONS.values())
        for step in result.explanation
    }
    sentences = {
        key
        for key in messages("en")
        if re.match(r"C\d+\.", key) and ".error." not in key and not key.endswith("_span")
    }
    assert sentences - used == set()


# ---------------------------------------------------------------- English: plurals


def test_c6_months_read_by_number():
    """C6: "uses 6 months of the term; 6 months short", and "1 month short"."""
    six = RESULTS["C6 charge"]
    assert (
        six.explanation[1].en == "Cancelling in 2026-10 uses 6 months of the term; 6 months short."
    )
    assert "¥5,000 a month × 6 months short = ¥30,000" in six.explanation[2].en
    one = RESULTS["C6 one month short"]
    assert one.explanation[1].en.endswith("uses 11 months of the term; 1 month short.")
    assert "× 1 month short" in one.explanation[2].en
    assert one.explanation[1].ja == (
        "2027-03 の解約では、最低利用期間のうち 11か月を利用し、不足月数は 1か月です。"
    )


def test_c7_extension_months_read_by_number():
    """C7: "adds 3 months", "adds 1 month", in both the priced and the unpriced sentence."""
    assert "adds 3 months, billed" in RESULTS["C7 eligible"].explanation[2].en
    assert "¥5,000 × 3 months = ¥15,000" in RESULTS["C7 eligible"].explanation[2].en
    assert "adds 1 month, billed" in RESULTS["C7 one month"].explanation[2].en
    assert "adds 3 months, billed" in RESULTS["C7 no fee"].explanation[2].en


def test_c9_c11_months_read_by_number():
    """C9/C11: "leaves 6 months", "× 6 months remaining", "for the 6 months remaining"."""
    up = RESULTS["C9 15000 including_change_month"]
    assert "leaves 6 months, counted including the month of the change" in up.explanation[2].en
    assert "× 6 months remaining = ¥30,000" in up.explanation[3].en
    down = RESULTS["C9 5000 from_next_month"]
    assert "leaves 5 months, counted from the month after the change" in down.explanation[2].en
    assert "nothing is refunded for the 5 months remaining" in down.explanation[3].en
    last = plan_change("Flex Web", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2027, 3, 31))
    assert "leaves 1 month," in last.explanation[2].en
    assert "× 1 month remaining" in last.explanation[3].en


# ---------------------------------------------------------------- Japanese: the glossary


def test_c1_japanese_by_the_glossary():
    """C1: a refusal says お受けできません; the channel without the form is 解約申込書のないメール."""
    phone = DECISIONS["C1 telephone"].reasons_ja[0]
    assert "お電話によるお申し出はお受けできません" in phone
    assert "受け付けできません" not in phone
    assert (
        "解約申込書のないメールによるお申し出" in DECISIONS["C1 email_without_form"].reasons_ja[0]
    )
    assert "お受けできます" in DECISIONS["C1 email_form"].reasons_ja[0]


def test_c3_japanese_says_handled_the_following_month():
    """C3: 翌月のご対応 ([000]), in the sentence and as the table's label."""
    result = RESULTS["C3 shifted"]
    assert "翌月のご対応となり" in result.explanation[1].ja
    assert ("翌月のご対応", "はい") in result.table("ja")


def test_c7_contact_wording_is_one():
    """C7: both contact sentences say 弊社にご登録のあるご担当者様 (Choices 15)."""
    ok = RESULTS["C7 eligible"].explanation[1].ja
    refused = RESULTS["C7 refused"].explanation[1].ja
    for text in (ok, refused):
        assert "弊社にご登録のあるご担当者様" in text
    assert "登録済み" not in ok


def test_japanese_is_polite_and_uses_the_glossary_terms():
    """Every Japanese sentence of the family ends in です・ます form and avoids the words the
    glossary rejects (当社, 回復, 見積もり, 施行, ヶ月, 受け付けできません)."""
    ja = messages("ja")
    sentences = {
        key: text
        for key, text in ja.items()
        if re.match(r"C\d+\.", key) and not key.endswith("_span") and ".error." not in key
    }
    for key, text in sentences.items():
        assert re.search(r"(です|ます|ました|ません|ください)", text), (key, text)
        assert not re.search(r"((?<!まし)た|る|だ|ない)。", text), (key, text)
        for word in ("当社", "回復", "見積もり", "施行", "ヶ月", "受け付けできません", "お客さま"):
            assert word not in text, (key, word)


# ---------------------------------------------------------------- tables


def test_quote_table_in_both_languages():
    """G5: a quote's table: typed values read by language; the term with its months."""
    quote = RESULTS["C2-C6 quote"]
    en = dict(quote.table("en"))
    assert en["Minimum term"] == "12 months (2026-05..2027-04)"
    assert en["Months short"] == "3 months"
    assert en["Moved to a later month"] == "yes"
    assert en["Amount (tax included)"] == "¥16,500"
    ja = dict(quote.table("ja"))
    assert ja["最低利用期間"] == "12か月（2026-05〜2027-04）"
    assert ja["解約月"] == "2027-01"
    assert ja["到着日時（JST）"] == "2026-12-01 00:00:00"
    assert ja["必着期限（JST）"] == "2026-12-31 23:59:59"


def test_plan_change_and_review_tables():
    """G5: enum values read by their labels, never as raw values (upgrade, not_eligible)."""
    ja = dict(RESULTS["C9 15000 including_change_month"].table("ja"))
    assert ja["変更の種類"] == "アップグレード"
    assert ja["残月数"] == "6か月"
    assert ja["次年度"] == "2027-04 から月額料金 ¥15,000"
    review = dict(RESULTS["C7 refused"].table("ja"))
    assert review["状態"] == "審査対象外"
    assert review["不足している項目"] == "お客様番号、サーバホスト名（またはドメイン名）"
    assert review["ご案内する依頼書"] == "—"
    eligible = dict(RESULTS["C7 eligible"].table("en"))
    assert eligible["Follow-up form"] == "extension request form"
    assert dict(RESULTS["C7 withdrawal"].table("ja"))["ご案内する依頼書"] == "解約申込取下依頼書"


def test_follow_up_form_keeps_its_title():
    """C7: ``follow_up_form`` keeps the form's title as the provider names it (unchanged API);
    the English text names it in English."""
    eligible = RESULTS["C7 eligible"]
    assert eligible.follow_up_form == "解約期日延長依頼書"
    assert "the provider will e-mail the extension request form" in eligible.explanation[-1].en
    assert "「解約期日延長依頼書」" in eligible.explanation[-1].ja
    assert RESULTS["C7 withdrawal"].follow_up_form == "解約申込取下依頼書"


# ---------------------------------------------------------------- errors


def _error(call):
    with pytest.raises(ClaraRulesError) as info:
        call()
    return info.value


@pytest.mark.parametrize(
    ("call", "key", "en", "ja"),
    [
        pytest.param(
            lambda: minimum_term_charge(
                Contract("Flex Web", Yen(1000), dt.date(2026, 5, 10), 12), Month(2026, 4)
            ),
            "C6.error.before_activation",
            "cancellation month 2026-04 is before the activation month 2026-05 (activated "
            "2026-05-10); give a month on or after activation",
            "解約月 2026-04 が開通月 2026-05（開通日 2026-05-10）より前です。"
            "開通月以降の月を指定してください",
            id="C6",
        ),
        pytest.param(
            lambda: review_cancellation_change(_request(), dt.date(2026, 11, 29)),
            "C7.error.accepted_not_month_end",
            "accepted_cancellation_on 2026-11-29 is not a month end: a cancellation always takes "
            "effect on the last day of a month (C2), e.g. 2026-11-30",
            "accepted_cancellation_on 2026-11-29 が月末日ではありません。解約日は必ず月末日です"
            "（C2）。例: 2026-11-30",
            id="C7",
        ),
        pytest.param(
            lambda: plan_change(
                "Flex Mini 2", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15)
            ),
            "C10.error.os_support_ended",
            "'Flex Mini 2': the OS support of this service has ended, so its plan cannot be "
            "changed (C10; list in force since 2022-06-16: Flex Mini, Flex Mini 2, FPS, VPS "
            "series). Plans can be changed on: Clara Cloud Flex, Flex Mini Cube, Flex Web, "
            "KUSANAGI with Cube",
            "'Flex Mini 2': OSのサポートが終了したサービスのため、プラン変更をおこなうことはできま"
            "せん（C10。対象: Flex Mini、Flex Mini 2、FPS、VPSシリーズ、適用開始: 2022-06-16）。"
            "プラン変更ができるサービス: Clara Cloud Flex、Flex Mini Cube、Flex Web、KUSANAGI "
            "with Cube",
            id="C10",
        ),
        pytest.param(
            lambda: plan_change(
                "Shared Hosting", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15)
            ),
            "C9.error.not_annual",
            "'Shared Hosting' is not a one-year prepaid service whose plan change C9 prices; "
            "accepted: Clara Cloud Flex, Flex Mini Cube, Flex Web, KUSANAGI with Cube",
            "'Shared Hosting' は、C9でプラン変更料金を計算する1年契約・前払いのサービスでは"
            "ありません。対象: Clara Cloud Flex、Flex Mini Cube、Flex Web、KUSANAGI with Cube",
            id="C9",
        ),
        pytest.param(
            lambda: plan_change(
                "Flex Web", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2027, 4, 1)
            ),
            "C11.error.outside_year",
            "changed_on 2027-04-01 is outside the contract year 2026-04..2027-03 (C11); give a "
            "date from 2026-04-01 to 2027-03-31, or the term_start of the year it falls in",
            "changed_on 2027-04-01 が契約年度 2026-04〜2027-03 の範囲外です（C11）。"
            "2026-04-01〜2027-03-31 の日付を指定するか、その日付が属する契約年度の term_start "
            "を指定してください",
            id="C11",
        ),
    ],
)
def test_errors_are_catalog_messages(call, key, en, ja):
    """Every refusal of the family is a catalog message: English by str(), Japanese by text()."""
    error = _error(call)
    assert error.key == key
    assert str(error) == en
    assert error.text("ja") == ja


def test_error_types_are_kept():
    """C9/C10: the error types are unchanged by the catalogs."""
    with pytest.raises(PlanChangeNotAllowed):
        plan_change("VPS Pro", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15))
    with pytest.raises(UnknownService):
        plan_change("Shared", Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15))


def test_a_long_service_name_is_echoed_short():
    """C10: an error echoes a long input only as an excerpt."""
    error = _error(
        lambda: plan_change(
            "VPS" + "x" * 400, Yen(1000), Yen(2000), Month(2026, 4), dt.date(2026, 10, 15)
        )
    )
    assert "…[+343]" in str(error)
    assert "x" * 100 not in error.text("ja")
