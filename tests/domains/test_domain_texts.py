"""G5 for D1-D9: every domains result and refusal reads from the catalogs, in both languages.

- Japanese explanations and tables hold no ASCII word of three letters or more, except domain
  names, rule IDs and the names the glossary keeps in Latin letters (JST, gTLD, JPRS and
  JPRS's state name 「Suspended」, see docs/glossary.md, "Suspended");
- English holds no "(s)", and days of the month read 1st, 2nd, 3rd, 11th, 21st, 22nd, 23rd;
- in the pseudo-locale no plain ASCII word appears (each one came through the catalogs);
- the glossary's choices hold (弊社, 推定, 復活, 請戻猶予期間, 1時間程度).
"""

import datetime as dt
import re

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    ClaraRulesError,
    ClosingBasis,
    Dated,
    DateWindow,
    DeadlineRule,
    DomainName,
    Parameter,
    Parameters,
    PaymentMethod,
    ProviderDeadline,
    RestoreClose,
    RestoreRule,
    ServiceList,
    contract_end,
    direct_debit,
    domain_status,
    renewal_timeline,
    restore_window,
    timeline_events,
)
from clararules.core.i18n import PSEUDO
from clararules.core.parameters import normalise_service_name
from clararules.domains.names import DomainKind

from ..strategies import domain_and_expiry

D = dt.date

ALLOWED = {"JST", "gTLD", "JPRS", "Suspended"}
"""Latin words the Japanese output keeps (glossary: JST, gTLD, JPRS, and JPRS's state name
Suspended, which 'stays in Latin letters, as JPRS and WHOIS show it')."""
DOMAIN = re.compile(r"(?:[\w-]+\.)+[\w-]+")
WORD = re.compile(r"[A-Za-z]{3,}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def stray_words(text: str) -> list[str]:
    """ASCII words of 3+ letters outside domain names and the allowed words."""
    return [w for w in WORD.findall(DOMAIN.sub(" ", text)) if w not in ALLOWED]


def _deadlines():
    return [
        ProviderDeadline.day_of_next_month(15),
        ProviderDeadline.day_of_next_month(15, roll_back_to_business_day=False),
        ProviderDeadline.days_after_contract_end(17),
        ProviderDeadline.days_after_contract_end(60),
    ]


def _results():
    """Every result type of the family, through every branch of its explanation."""
    out = {}
    for method in PaymentMethod:
        out[f"timeline {method.value}"] = renewal_timeline("example.jp", D(2027, 3, 31), method)
    out["timeline notice given"] = renewal_timeline(
        "example.com", D(2027, 3, 10), "direct_debit", debit_notice_arrived_on=D(2027, 1, 28)
    )
    out["timeline late debit"] = renewal_timeline(
        "example.jp", D(2027, 3, 31), "direct_debit", debit_notice_arrived_on=D(2027, 3, 28)
    )
    out["timeline paid"] = renewal_timeline("例え.jp", D(2027, 3, 31), paid_on=D(2027, 3, 17))
    out["timeline paid late"] = renewal_timeline(
        "example.jp", D(2027, 3, 31), paid_on=D(2027, 3, 25)
    )
    for arrived in [D(2026, 6, 3), D(2026, 6, 30), D(2026, 7, 1)]:
        out[f"debit {arrived}"] = direct_debit(arrived)
    for name, expiry in [
        ("example.jp", D(2027, 3, 31)),
        ("shop.co.jp", D(2027, 3, 31)),
        ("shop.co.jp", D(2014, 10, 31)),
        ("ex.tokyo.jp", D(2027, 12, 31)),
        ("example.com", D(2027, 3, 10)),
        ("ex.uk", D(2027, 3, 10)),
        ("example.jp", D(1988, 3, 31)),  # before consumption tax: the rate holds "always"
    ]:
        out[f"restore {name} {expiry}"] = restore_window(name, expiry)
    for i, rule in enumerate(_deadlines()):
        out[f"restore provider {i}"] = restore_window("example.jp", D(2027, 4, 30), rule)
        out[f"restore provider {i} uk"] = restore_window("ex.uk", D(2027, 4, 30), rule)
    for on, paid in [
        (D(2027, 1, 1), None),
        (D(2027, 3, 1), None),
        (D(2027, 3, 1), D(2027, 2, 10)),
        (D(2027, 4, 1), None),
        (D(2027, 5, 1), None),
    ]:
        out[f"status {on} {paid}"] = domain_status("example.jp", D(2027, 3, 31), on, paid)
    out["status unknown"] = domain_status("ex.uk", D(2027, 3, 10), D(2027, 5, 1))
    return out


RESULTS = sorted(_results().items())
IDS = [name for name, _ in RESULTS]


def _texts(result, lang):
    return [result.explain(lang)] + [f"{label}: {value}" for label, value in result.table(lang)]


def test_every_result_type_is_covered():
    """The four result types of D1-D9 are all in the list above."""
    assert {type(r).__name__ for _, r in RESULTS} == {
        "RenewalTimeline",
        "DirectDebit",
        "RestoreWindow",
        "DomainState",
    }


@pytest.mark.parametrize(("name", "result"), RESULTS, ids=IDS)
def test_japanese_reads_in_japanese(name, result):
    """G5: explain("ja") and table("ja") show no stray English word, and no raw enum value."""
    for text in _texts(result, "ja"):
        assert stray_words(text) == [], text
        assert JAPANESE.search(text), text
        for raw in ("generic_jp", "credit_card", "direct_debit", "restorable", "registry_rule"):
            assert raw not in text, text


@pytest.mark.parametrize(("name", "result"), RESULTS, ids=IDS)
def test_english_has_no_s_in_brackets(name, result):
    """G5: English plurals come from the catalogs, never "(s)"; no "1th", "2th", "3th"."""
    for text in _texts(result, "en"):
        assert "(s)" not in text, text
        assert not re.search(r"\b\d*[123]th\b", text.replace("11th", "").replace("12th", "")), text


@pytest.mark.parametrize(("name", "result"), RESULTS, ids=IDS)
def test_pseudo_locale_marks_every_text(name, result):
    """G5: in the pseudo-locale every word of the texts came through the catalogs."""
    for text in _texts(result, PSEUDO):
        assert stray_words(text) == [], text


@pytest.mark.parametrize(("name", "result"), RESULTS, ids=IDS)
def test_glossary_choices(name, result):
    """Glossary: 弊社 not 当社, 推定 not 見積もり, 復活 not 回復 (JPRS's 登録回復 quoted only),
    no 上位レジストリ, no 'unknown' and no 'always' in Japanese."""
    for text in _texts(result, "ja"):
        for word in (
            "当社",
            "見積もり",
            "上位レジストリ",
            "クレジット/",
            "施行",
            "unknown",
            "always",
        ):
            assert word not in text, (word, text)
        assert "回復" not in text.replace("登録回復", ""), text


@pytest.mark.parametrize(
    ("day", "suffix"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (21, "21st"), (22, "22nd"), (23, "23rd")],
)
def test_d9_ordinals(day, suffix):
    """D9: a provider deadline's day reads 1st, 2nd, 3rd, 11th, 21st, 22nd, 23rd; 「N日」 in
    Japanese."""
    rule = ProviderDeadline.day_of_next_month(day)
    assert rule.describe("en").startswith(f"the {suffix} of the month after the registry expiry")
    assert rule.describe("ja").startswith(f"ドメイン有効期限の翌月{day}日")
    w = restore_window("example.com", D(2027, 3, 10), rule)
    step = next(s for s in w.explanation if s.key.startswith("D9.provider."))
    assert f"the {suffix} of the month" in step.en
    assert f"翌月{day}日" in step.ja


def test_d9_registry_unknown_is_said_in_japanese():
    """D9: an unknown registry close reads 不明 in Japanese, never 'unknown' or 'None'."""
    w = restore_window("ex.uk", D(2027, 4, 30), ProviderDeadline.days_after_contract_end(17))
    step = w.explanation[3]
    assert step.figures["registry_closes"] is None
    assert "不明" in step.ja and "None" not in step.ja
    assert "not known" in step.en and "None" not in step.en


def test_d8_downtime_about_one_hour():
    """D8 / glossary: 「1時間程度」, "About 1 hour"; the table shows the hours with their unit."""
    w = restore_window("example.jp", D(2027, 3, 31))
    step = w.explanation[-1]
    assert step.figures == {"hours": 1, "downtime_since": "0001-01-01"}
    assert "1時間程度" in step.ja
    assert step.en == (
        "About 1 hour without service follows the restore (figure in force from the start)."
    )
    assert dict(w.table("en"))["Downtime after restore"] == "1 hour"


def test_d8_fee_row_is_composed():
    """D8: the fee row is one message of typed amounts in each language."""
    w = restore_window("example.jp", D(2027, 3, 31))
    assert dict(w.table("en"))["Restore fee"] == "¥12,000 (tax included; ¥10,910 + ¥1,090)"
    assert (
        dict(w.table("ja"))["ドメイン復活申請手数料"]
        == "¥12,000（税込、うち消費税 ¥1,090、税抜 ¥10,910）"
    )


def test_d9_gtld_uses_the_jpnic_term():
    """D9 / glossary: the redemption grace period is 請戻猶予期間; the close is 推定."""
    w = restore_window("example.com", D(2027, 3, 10))
    assert "請戻猶予期間" in w.explain("ja") and "（推定）" in w.explain("ja")
    assert dict(w.table("ja"))["期限の根拠"] == "推定"


def test_d5_estimated_notice_is_marked_by_a_message():
    """D5: an estimated debit notice is marked by the catalogs, 推定 in Japanese."""
    t = renewal_timeline("example.jp", D(2027, 3, 31), PaymentMethod.DIRECT_DEBIT)
    assert dict(t.table("en"))["Debit notice arrives"] == "2027-02-12 (estimated)"
    assert dict(t.table("ja"))["引き落としのご案内書類の到着"] == "2027-02-12（推定）"
    given = renewal_timeline(
        "example.jp", D(2027, 3, 31), "direct_debit", debit_notice_arrived_on=D(2027, 2, 10)
    )
    assert dict(given.table("en"))["Debit notice arrives"] == "2027-02-10"


def test_figures_are_typed():
    """G5: figures carry values (ISO dates, enum values, ints), never words or *_ja texts."""
    values = {m.value for enum in (DomainKind, ClosingBasis, DeadlineRule) for m in enum}
    for _, result in RESULTS:
        for step in result.explanation:
            for name, figure in step.figures.items():
                assert not name.endswith("_ja"), (step.key, name)
                if isinstance(figure, str) and figure not in values:
                    assert stray_words(figure) == [], (step.key, name, figure)


@given(domain_and_expiry(), st.sampled_from(list(PaymentMethod)))
def test_any_timeline_reads_in_japanese(name_expiry, method):
    """G5: any name and payment method: the Japanese explanation and table read in Japanese."""
    name, expiry = name_expiry
    t = renewal_timeline(name, expiry, method)
    for text in _texts(t, "ja"):
        assert stray_words(text) == [], text
    for _, summary, _, _ in timeline_events(t, "ja"):
        assert stray_words(summary) == [], summary


# ---------------------------------------------------------------- refusals


def _refusals():
    return {
        "D3 empty": lambda: DomainName.parse(""),
        "D3 space": lambda: DomainName.parse("a b.jp"),
        "D3 single": lambda: DomainName.parse("jp"),
        "D3 idna": lambda: DomainName.parse("a..jp"),
        "D3 long": lambda: DomainName.parse("a" * 300 + ".jp"),
        "D3 tld": lambda: DomainName.parse("a.123"),
        "D3 zone": lambda: DomainName.parse("co.jp"),
        "D3 type": lambda: DomainName.parse(b"a.jp"),
        "D3 field": lambda: DomainName(1, "a.jp", DomainKind.GENERIC_JP),
        "D3 kind": lambda: DomainName("a.jp", "a.jp", "generic_jp"),
        "D3 ascii": lambda: DomainName("-a.jp", "-a.jp", DomainKind.GENERIC_JP),
        "D3 normalised": lambda: DomainName("example.cn", "example.cn", DomainKind.GTLD),
        "D3 month end": lambda: contract_end("example.jp", D(2027, 3, 30)),
        "D1 window": lambda: DateWindow(D(2027, 1, 2), D(2027, 1, 1)),
        "D5 domain only": lambda: renewal_timeline("example.jp", D(2027, 3, 31), "invoice", True),
        "D9 roll back": lambda: ProviderDeadline("days_after_contract_end", 5, True),
        "D9 inverted": lambda: restore_window(
            "example.com", D(2026, 12, 31), ProviderDeadline.day_of_next_month(1)
        ),
        "D9 rule value": lambda: RestoreRule(
            RestoreClose.UNKNOWN, 5, ClosingBasis.UNKNOWN, "D9.rule.unknown"
        ),
        "D9 summary key": lambda: RestoreRule(
            RestoreClose.UNKNOWN, None, ClosingBasis.UNKNOWN, "JPRS keeps the name"
        ),
        "D9 summary close": lambda: RestoreRule(
            RestoreClose.UNKNOWN, None, ClosingBasis.UNKNOWN, "D9.rule.jprs"
        ),
        "D9 rules missing": lambda: Parameters(restore_rules={}),
        "G6 rules type": lambda: Parameters(restore_rules=[]),
        "G6 source": lambda: Parameter("x", [cr_dated(D(2020, 1, 1), 1, 5)]),
        "G6 name": lambda: Parameter(" ", [cr_dated(D(2020, 1, 1), 1)]),
        "G6 empty": lambda: Parameter("x", []),
        "G6 order": lambda: Parameter(
            "x", [cr_dated(D(2020, 1, 1), 1), cr_dated(D(2020, 1, 1), 2)]
        ),
        "G6 history": lambda: Parameter("x", "abc"),
        "G6 history item": lambda: Parameter("x", [1]),
        "G6 not in force": lambda: Parameter("x", [cr_dated(D(2020, 1, 1), 1)]).at(D(2019, 1, 1)),
        "G6 value type": lambda: Parameters(
            restore_fee=Parameter("restore_fee", [cr_dated(D(2020, 1, 1), 5)])
        ),
        "G6 rule value type": lambda: Parameters(
            restore_rules={k: Parameter("r", [cr_dated(D(2020, 1, 1), 5)]) for k in DomainKind}
        ),
        "G6 rate range": lambda: Parameters().with_tax_rate(D(2030, 1, 1), 2),
        "G6 rate type": lambda: Parameters(
            consumption_tax_rate=Parameter("consumption_tax_rate", [cr_dated(D(1, 1, 1), 0.1)])
        ),
        "G6 strings": lambda: ServiceList(names="abc"),
        "G6 strings item": lambda: ServiceList(names=[1]),
        "G6 service name": lambda: normalise_service_name(5),
        "G6 parameters": lambda: restore_window("example.jp", D(2027, 3, 31), None, 5),
    }


def cr_dated(since, value, source=""):
    return Dated(since, value, source)


REFUSALS = sorted(_refusals().items())


@pytest.mark.parametrize(("name", "make"), REFUSALS, ids=[n for n, _ in REFUSALS])
def test_refusals_come_from_the_catalogs(name, make):
    """G5: every refusal of the family is a catalog message, in Japanese too, without "(s)"."""
    with pytest.raises(ClaraRulesError) as info:
        make()
    error = info.value
    assert error.key is not None, f"{name}: {error}"
    assert error.key.startswith(("D1.", "D3.", "D5.", "D9.", "G6.", "door.")), error.key
    assert JAPANESE.search(error.text("ja")), error.text("ja")
    assert "(s)" not in str(error)


def test_name_refusal_english_kept():
    """D3: the English refusal of a bad name is unchanged; the Japanese one says why."""
    with pytest.raises(ClaraRulesError) as info:
        DomainName.parse("")
    assert str(info.value) == (
        "'' is not a valid domain name: it is empty. Accepted: labels of 1-63 octets of letters, "
        "digits or hyphens (not at either end) or Japanese (IDN) labels, separated by dots, at "
        "least two labels, at most 253 characters, e.g. 'example.co.jp' or '例え.jp'"
    )
    assert info.value.text("ja").startswith("''はドメイン名として正しくありません: 空です。")


def test_restore_rule_summary_is_a_key():
    """D9/G6: a restore rule names its sentence by key; the sentence takes the rule's value."""
    rule = RestoreRule(
        RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY, 25, ClosingBasis.REGISTRY_RULE, "D9.rule.jprs"
    )
    params = Parameters()
    rules = dict(params.restore_rules)
    rules[DomainKind.GENERIC_JP] = Parameter("restore_generic_jp", [cr_dated(D(1, 1, 1), rule)])
    w = restore_window("example.jp", D(2027, 3, 31), parameters=Parameters(restore_rules=rules))
    assert w.closes == pendulum.Date(2027, 4, 25)
    assert "from the 1st to the 25th" in w.explanation[2].en
    assert "1日から25日まで" in w.explanation[2].ja
