"""G5 for P1-P6: every result of the family reads in both languages from the catalogs.

Japanese output carries no English words (only rule IDs and the names the seeds write in
Latin letters: DNS, Plesk, Webmin, Web, PDF, URL, mail host names), and English output never
says "(s)".
"""

import itertools
import re

import pytest

from clararules import (
    Decision,
    Procedure,
    SealDecision,
    SealKind,
    additional_ip_cancellation_plan,
    check_contact_change,
    check_dealer_certificate_request,
    check_delegation_release,
    check_seal,
    resale_policy,
)

from .test_procedures import COMBOS

ALLOWED = {"DNS", "Plesk", "Webmin", "Web", "PDF", "URL", "mail"}
"""Latin words a Japanese text may hold (the seeds write them so; see docs/glossary.md)."""

_RULE_ID = re.compile(r"^[GCPD]\d{1,2}$")
_WORD = re.compile(r"[A-Za-z]{3,}")
OPTIONS = (None, True, False)


def english_words(text):
    """The ASCII words of 3+ letters in ``text`` that are not allowed in Japanese output."""
    return [w for w in _WORD.findall(text) if w not in ALLOWED and not _RULE_ID.match(w)]


def check_rendering(result):
    """``result`` explains itself and tabulates in both languages, as the brief demands."""
    for lang in ("en", "ja"):
        text = result.explain(lang)
        assert text, lang
        table = result.table(lang)
        if lang == "ja":
            assert english_words(text) == [], text
            for label, value in table:
                assert english_words(label) == [], label
                assert english_words(value) == [], value
        else:
            assert "(s)" not in text
            assert all("(s)" not in value for _, value in table)
    if isinstance(result, Procedure):
        assert len(result.table("ja")) == len(result.steps)
        assert result.steps_text("en").startswith("1. (")
    else:
        assert result.table("ja")[0][0] == "受付"


def all_plans():
    for (intent, pattern, panel), registrar, mail, host, end in itertools.product(
        COMBOS, OPTIONS, OPTIONS, OPTIONS, (False, True)
    ):
        yield additional_ip_cancellation_plan(
            intent,
            pattern,
            panel,
            end_registration=end,
            provider_is_registrar=registrar,
            mail_client_uses_additional_ip=mail,
            host_record_on_additional_ip=host,
        )


def all_seals():
    for kind, full, electronic, registered in itertools.product(
        SealKind, OPTIONS, (False, True), OPTIONS
    ):
        yield check_seal(kind, full, electronic, registered)


def all_requests():
    for a, b in itertools.product((False, True), repeat=2):
        yield check_delegation_release(a, b)
        yield check_contact_change(a, b)
    for subject, head, registered, email in itertools.product(
        ("古物商許可申請について", "certificate", None),
        ("東京都千代田区1-1", " ", None),
        ("東京都港区2-2", None),
        (True, False),
    ):
        yield check_dealer_certificate_request(subject, head, registered, email)
    yield resale_policy()


def test_every_plan_renders_in_both_languages():
    """P1: every intent x pattern x panel, with every option, reads cleanly in en and ja."""
    plans = list(all_plans())
    assert len(plans) == len(COMBOS) * 54
    keys = set()
    for plan in plans:
        check_rendering(plan)
        for step in plan.steps:
            keys.add(step.action.key)
            assert english_words(step.text("ja")) == [], step.text("ja")
            assert step.text("ja").startswith("（")
            assert ("［有償］" in step.text("ja")) is step.paid
            assert ("[paid]" in step.text("en")) is step.paid
            assert "(paid" not in step.action.en and "有償" not in step.action.ja
    # Every step message of P1 is reached by some combination.
    from clararules.core.i18n import messages

    assert keys == {k for k in messages("en") if k.startswith("P1.step.")}


def test_every_seal_case_renders_in_both_languages():
    """P2: every seal kind, name shown or not, electronic or not, registered or not."""
    for decision in all_seals():
        assert isinstance(decision, SealDecision)
        check_rendering(decision)


def test_every_request_check_renders_in_both_languages():
    """P3-P6: every decision reads cleanly in both languages; missing fields by their labels."""
    for decision in all_requests():
        assert isinstance(decision, Decision)
        check_rendering(decision)


def test_missing_fields_read_by_their_labels():
    """P2, P5: the missing fields are values in the result and labels in the text."""
    decision = check_dealer_certificate_request("古物商許可申請について", None, None)
    assert decision.missing == ("head_office_address", "registered_address")
    assert dict(decision.table("ja"))["不足している項目"] == "本社所在住所、法人登記地住所"
    assert "missing: head-office address, registered corporate address." in decision.reasons[0]
    assert decision.explanation[0].figures["missing"] == decision.missing
    assert dict(check_seal("staff_seal").table("en")) == {"Accepted": "no", "Missing": "—"}


def test_figures_are_typed_values():
    """G5: the P1 explanation carries enum values and a count, never words."""
    plan = additional_ip_cancellation_plan("delete_domain", "A", "none")
    assert dict(plan.explanation[0].figures) == {
        "intent": "delete_domain",
        "pattern": "A",
        "panel": "none",
        "count": 3,
    }
    assert "no control panel: 3 steps" in plan.explain("en")
    other = additional_ip_cancellation_plan("delete_domain", "B")
    assert other.explanation[0].figures["panel"] is None
    assert "2 steps" in other.explain("en")
    for decision in (*all_seals(), *all_requests()):
        for step in decision.explanation:
            assert all(not isinstance(v, str) or v.isascii() for v in step.figures.values())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_p1_glue_record_sentence(lang):
    """P1: host (glue) records on the additional IP must be changed to the main IP at the
    registrar, with the provider's form when the provider is the registrar."""
    plan = additional_ip_cancellation_plan(
        "move_to_main_ip",
        "B",
        host_record_on_additional_ip=True,
        provider_is_registrar=True,
        mail_client_uses_additional_ip=False,
    )
    text = plan.steps[1].action.text(lang)
    if lang == "en":
        assert "must be changed to the main IP address" in text
        assert "provider's host-registration change form" in text
    else:
        assert "ホスト登録" in text and "本体IPアドレス" in text and "弊社のフォーム" in text
