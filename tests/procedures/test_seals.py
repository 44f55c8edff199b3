"""P2: a seal check answers in three: accepted, refused, or needs checking, each with its reasons.

An unknown "shows the full legal name" (``None``) on a company or official seal is not a
refusal: it is ``NEEDS_CHECK``, naming what to check; ``accepted`` stays true for ``ACCEPTED``
only, so code that reads ``accepted`` never takes a seal to be checked for an accepted one.
"""

import itertools

import pytest

from clararules import (
    Decision,
    InvalidInput,
    SealDecision,
    SealKind,
    Step,
    check_seal,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from clararules.procedures.seals import SealOutcome

ACCEPTED, REFUSED, NEEDS_CHECK = SealOutcome.ACCEPTED, SealOutcome.REFUSED, SealOutcome.NEEDS_CHECK
NAME_SEALS = (SealKind.COMPANY_SEAL, SealKind.OFFICIAL_SEAL)
TRI = (None, True, False)


def expected(kind, full):
    """The rule (docs/rules.md, P2) written out plainly."""
    if kind is SealKind.STAFF_SEAL:
        return REFUSED, "P2.refused.staff_seal"
    if kind is SealKind.TITLE_HOLDER_SEAL:
        return ACCEPTED, "P2.accepted.title_holder_seal"
    if full is None:
        return NEEDS_CHECK, "P2.check.full_name_unconfirmed"
    if full:
        return ACCEPTED, "P2.accepted.full_name"
    return REFUSED, "P2.refused.full_name_absent"


ALL = list(itertools.product(SealKind, TRI, (False, True), TRI))


@pytest.mark.parametrize(("kind", "full", "electronic", "registered"), ALL)
def test_every_case_has_one_outcome_and_its_reasons(kind, full, electronic, registered):
    """P2: every kind x name shown (yes/no/unknown) x electronic x registered: one outcome,
    ``accepted`` true for ACCEPTED only, the reason first, then the notes; what to check is
    named for NEEDS_CHECK and for it only."""
    d = check_seal(kind, full, electronic, registered)
    outcome, reason = expected(kind, full)
    assert d.outcome is outcome
    assert d.accepted is (outcome is ACCEPTED)
    assert [s.rule for s in d.explanation] == ["P2"] * len(d.explanation)
    keys = [s.key for s in d.explanation]
    assert keys[0] == reason
    assert keys[1:] == [
        *(["P2.note.unregistered"] if not registered else []),
        *(["P2.note.electronic"] if electronic else []),
    ]
    assert d.missing == (("shows_full_legal_name",) if outcome is NEEDS_CHECK else ())
    assert isinstance(d, Decision)  # still a Decision: code reading .accepted keeps working
    for lang in ("en", "ja"):
        assert d.explain(lang).startswith("[P2] ")


@pytest.mark.parametrize("kind", NAME_SEALS)
def test_unknown_full_name_needs_checking(kind):
    """P2: a company or official seal whose full legal name is not confirmed needs checking:
    not accepted yet, not refused, and the explanation says what to check, in both languages."""
    d = check_seal(kind)
    assert d.outcome is NEEDS_CHECK and not d.accepted
    assert "check the seal" in d.reasons[0]
    assert "印影をご確認ください" in d.reasons_ja[0]
    assert d.table("en") == (
        ("Accepted", "needs checking"),
        ("Missing", "the full official name with the legal form shown on the seal"),
    )
    assert d.table("ja") == (
        ("受付", "要確認"),
        ("不足している項目", "法人格までを含む正式な会社名（組織名）の表示"),
    )


@pytest.mark.parametrize("full", TRI)
def test_kinds_that_do_not_depend_on_the_name(full):
    """P2: a title-holder's seal is accepted and a staff seal refused whatever is known of the
    name: nothing to check."""
    assert check_seal("title_holder_seal", full).outcome is ACCEPTED
    assert check_seal("staff_seal", full).outcome is REFUSED
    assert check_seal("title_holder_seal", full).table("en")[0] == ("Accepted", "yes")
    assert check_seal("staff_seal", full).table("ja")[0] == ("受付", "いいえ")


def test_outcome_labels_in_both_languages():
    """G5: each outcome reads by a label in English and Japanese."""
    from clararules.core.i18n import format_value

    assert [format_value(o, "en") for o in SealOutcome] == [
        "accepted",
        "refused",
        "needs checking",
    ]
    assert [format_value(o, "ja") for o in SealOutcome] == ["受付可", "受付不可", "要確認"]


def test_decision_built_without_an_outcome():
    """A SealDecision built as before (positionally, no outcome) takes its outcome from
    ``accepted``; an outcome is read through the door; a contradiction is refused."""
    steps = [Step("P2", "P2.accepted.full_name")]
    assert SealDecision("seal", True, steps).outcome is ACCEPTED
    assert SealDecision("seal", False, steps).outcome is REFUSED
    assert SealDecision("seal", False, steps, outcome="NEEDS_CHECK").outcome is NEEDS_CHECK
    for accepted, outcome in [(True, "refused"), (True, "needs_check"), (False, "accepted")]:
        with pytest.raises(InvalidInput, match="accepted must be true when its outcome"):
            SealDecision("seal", accepted, steps, outcome=outcome)
    with pytest.raises(InvalidInput, match="outcome"):
        SealDecision("seal", False, steps, outcome="maybe")


@pytest.mark.parametrize(("kind", "full"), list(itertools.product(SealKind, TRI)))
def test_json_carries_the_outcome(kind, full):
    """JSON: the outcome is written as its value beside ``accepted`` and read back."""
    d = check_seal(kind, full)
    data = to_dict(d)
    assert data["outcome"] == d.outcome.value
    assert data["accepted"] is d.accepted
    back = from_json(to_json(d), SealDecision)
    assert back == d and back.outcome is d.outcome


def test_json_written_before_the_outcome_reads_as_it_was_decided():
    """JSON written before the outcome existed has no ``outcome``: it reads as accepted or
    refused, as its ``accepted`` says (what was decided then)."""
    for full in TRI:
        data = to_dict(check_seal("company_seal", full))
        del data["outcome"]
        back = from_dict(data, SealDecision)
        assert back.outcome is (ACCEPTED if full else REFUSED)


def test_json_contradiction_is_refused():
    """JSON: an outcome that contradicts ``accepted``, or is no outcome, is refused."""
    data = to_dict(check_seal("company_seal"))
    with pytest.raises(InvalidInput, match=r"outcome"):
        from_dict({**data, "accepted": True}, SealDecision)
    with pytest.raises(InvalidInput, match=r"\$\.outcome"):
        from_dict({**data, "outcome": "perhaps"}, SealDecision)
