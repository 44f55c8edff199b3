"""P1-P6: additional-IP cancellation plans, seals, and request checks."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    Actor,
    DnsPattern,
    InvalidInput,
    InvalidInputType,
    IpIntent,
    Panel,
    SealKind,
    additional_ip_cancellation_plan,
    check_contact_change,
    check_dealer_certificate_request,
    check_delegation_release,
    check_seal,
    resale_policy,
)

COMBOS = [
    (intent, pattern, panel)
    for intent, pattern in itertools.product(IpIntent, DnsPattern)
    for panel in (list(Panel) if pattern is DnsPattern.A else [None, *Panel])
]
optional_flags = st.sampled_from([None, True, False])


@pytest.mark.parametrize(("intent", "pattern", "panel"), COMBOS)
def test_p1_every_combination_ends_with_ip_cancellation(intent, pattern, panel):
    """P1: every combination gives steps with an actor and both languages; the IP goes last."""
    plan = additional_ip_cancellation_plan(intent, pattern, panel)
    assert plan.steps[-1].action.en.startswith("After all the work above, apply to cancel")
    assert plan.steps[-1].actor is Actor.CUSTOMER
    assert sum("cancel the additional IP" in s.action.en for s in plan.steps) == 1
    for step in plan.steps:
        assert step.action.en and step.action.ja
        assert step.rule == "P1"
    assert plan.explanation[0].rule == "P1"
    assert f"{len(plan.steps)} step" in plan.explanation[0].en


@pytest.mark.parametrize(
    ("intent", "pattern", "panel", "actors", "paid"),
    [
        ("delete_domain", "A", "plesk", ["customer", "customer", "customer"], [False] * 3),
        ("delete_domain", "A", "webmin", ["customer", "customer", "customer"], [False] * 3),
        ("delete_domain", "B", None, ["other_company", "customer"], [False] * 2),
        ("delete_domain", "C", None, ["customer", "provider", "customer"], [False] * 3),
        (
            "move_to_main_ip",
            "C",
            None,
            ["customer", "provider", "customer", "registrar", "customer"],
            [True, True, False, False, False],
        ),
        (
            "move_to_main_ip",
            "B",
            None,
            ["other_company", "customer", "registrar", "customer"],
            [False] * 4,
        ),
    ],
)
def test_p1_actors_and_paid(intent, pattern, panel, actors, paid):
    """P1: who does each step, and which are paid (only pattern C's record change)."""
    plan = additional_ip_cancellation_plan(intent, pattern, panel)
    assert [s.actor.value for s in plan.steps] == actors
    assert [s.paid for s in plan.steps] == paid


def test_p1_plesk_delete_warns_content_is_deleted():
    """P1: deleting the domain in Plesk deletes its web content and databases, and says so."""
    plan = additional_ip_cancellation_plan("delete_domain", "A", "plesk")
    assert "databases" in plan.steps[0].action.en
    assert "データベース" in plan.steps[0].action.ja
    assert "secondary DNS" in plan.steps[1].action.en


def test_p1_move_checks_can_be_ruled_out():
    """P1: the mail-client and host-record checks go when the caller says they do not apply."""
    plan = additional_ip_cancellation_plan(
        "move_to_main_ip",
        "A",
        "plesk",
        mail_client_uses_additional_ip=False,
        host_record_on_additional_ip=False,
    )
    assert len(plan.steps) == 3
    sure = additional_ip_cancellation_plan(
        "move_to_main_ip",
        "A",
        "none",
        mail_client_uses_additional_ip=True,
        host_record_on_additional_ip=True,
        provider_is_registrar=True,
    )
    assert sure.steps[2].action.en.startswith("Change the mail clients")
    assert sure.steps[3].actor is Actor.CUSTOMER
    assert "provider's host-registration change form" in sure.steps[3].action.en
    assert "取得元会社が弊社" in sure.steps[3].action.ja


def test_p1_end_registration():
    """P1: ending the registration is asked of the registrar, or with the provider's form."""
    other = additional_ip_cancellation_plan("delete_domain", "B", end_registration=True)
    assert other.steps[-2].actor is Actor.REGISTRAR
    ours = additional_ip_cancellation_plan(
        "delete_domain", "C", end_registration=True, provider_is_registrar=True
    )
    assert "cancellation form" in ours.steps[-2].action.en
    unknown = additional_ip_cancellation_plan("delete_domain", "C", end_registration=True)
    assert unknown.steps[-2].actor is Actor.REGISTRAR
    assert "if the provider is the registrar" in unknown.steps[-2].action.en


def test_p1_pattern_a_needs_panel():
    """P1: pattern A without a panel is refused, naming the accepted panels."""
    with pytest.raises(InvalidInput, match="plesk"):
        additional_ip_cancellation_plan("delete_domain", "A")


def test_p1_bad_values():
    """P1: unknown intents and patterns are refused listing the accepted ones; flags must be bool."""
    with pytest.raises(InvalidInput, match="DELETE_DOMAIN"):
        additional_ip_cancellation_plan("remove", "A", "plesk")
    with pytest.raises(InvalidInput, match="'A'"):
        additional_ip_cancellation_plan("delete_domain", "D")
    with pytest.raises(InvalidInputType):
        additional_ip_cancellation_plan("delete_domain", "B", end_registration="yes")  # type: ignore[arg-type]


@given(st.sampled_from(COMBOS), optional_flags, optional_flags, optional_flags, st.booleans())
def test_p1_properties(combo, registrar, mail, host, end):
    """P1: for any options, one IP cancellation, last; paid steps only in pattern C moves."""
    intent, pattern, panel = combo
    plan = additional_ip_cancellation_plan(
        intent,
        pattern,
        panel,
        end_registration=end,
        provider_is_registrar=registrar,
        mail_client_uses_additional_ip=mail,
        host_record_on_additional_ip=host,
    )
    assert plan.steps[-1].action.en.startswith("After all the work above")
    assert all("apply to cancel the additional IP" not in s.action.en for s in plan.steps[:-1])
    if any(s.paid for s in plan.steps):
        assert pattern is DnsPattern.C and intent is IpIntent.MOVE_TO_MAIN_IP


@pytest.mark.parametrize(
    ("kind", "full", "accepted"),
    [
        (SealKind.COMPANY_SEAL, True, True),
        (SealKind.COMPANY_SEAL, False, False),
        (SealKind.COMPANY_SEAL, None, False),
        (SealKind.OFFICIAL_SEAL, True, True),
        (SealKind.TITLE_HOLDER_SEAL, None, True),
        (SealKind.STAFF_SEAL, True, False),
        (SealKind.STAFF_SEAL, None, False),
    ],
)
def test_p2_seals(kind, full, accepted):
    """P2: company/official seals need the full legal name; title-holder yes; staff seal never."""
    decision = check_seal(kind, shows_full_legal_name=full)
    assert decision.accepted is accepted
    assert decision.explanation[0].rule == "P2"
    if kind is SealKind.COMPANY_SEAL and full is None:
        assert decision.missing == ("shows_full_legal_name",)


def test_p2_electronic_and_unregistered_are_fine():
    """P2: an electronic, unregistered company seal with the full name is accepted, with notes."""
    d = check_seal("company_seal", shows_full_legal_name=True, electronic=True, registered=False)
    assert d.accepted
    assert "need not be registered" in " ".join(d.reasons)
    assert "electronic seal is accepted" in " ".join(d.reasons)


def test_p3_delegation_release():
    """P3: only for representatives outside the organisation, with the release form."""
    assert check_delegation_release(False, True).accepted
    assert not check_delegation_release(True, True).accepted
    assert not check_delegation_release(False, False).accepted


def test_p4_contact_change():
    """P4: from a registered contact, with the registration-change form."""
    assert check_contact_change(True, True).accepted
    assert not check_contact_change(False, True).accepted
    assert not check_contact_change(True, False).accepted
    with pytest.raises(InvalidInputType):
        check_contact_change(1, True)  # type: ignore[arg-type]


def test_p5_dealer_certificate():
    """P5: subject, both addresses, by e-mail to support; paid; police station of head office."""
    ok = check_dealer_certificate_request(
        "古物商許可申請について", "東京都千代田区1-1", "東京都港区2-2"
    )
    assert ok.accepted and ok.missing == ()
    assert "fee" in " ".join(ok.reasons) and "police" in " ".join(ok.reasons)
    bad = check_dealer_certificate_request("certificate", " ", None, by_email_to_support=False)
    assert not bad.accepted
    assert bad.missing == ("head_office_address", "registered_address")


def test_p6_resale():
    """P6: resale is allowed at the customer's responsibility; no part in disputes."""
    d = resale_policy()
    assert d.accepted
    assert "disputes" in " ".join(d.reasons)
    assert all(s.rule == "P6" for s in d.explanation)
