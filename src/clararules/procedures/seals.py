"""P2: which seal is accepted on an application form: accepted, refused, or to be checked.

>>> print(check_seal("staff_seal").explain("ja"))
[P2] 担当者印でのお申し込みはお受けできません。
[P2] 社印・公印は印鑑登録がされている必要はありません。

When it is not known whether a company or official seal shows the full legal name, the answer
is neither yes nor no: the seal needs checking.

>>> d = check_seal("company_seal")
>>> d.outcome, d.accepted, d.missing
(<SealOutcome.NEEDS_CHECK: 'needs_check'>, False, ('shows_full_legal_name',))
"""

from __future__ import annotations

import enum

import attrs

from clararules.core import door as check
from clararules.core.calls import recorded
from clararules.core.decisions import Decision
from clararules.core.errors import InvalidInput
from clararules.core.explain import Row, Step, plain_step
from clararules.core.frozen import maker

__all__ = ["SealDecision", "SealKind", "SealOutcome", "check_seal"]


class SealKind(enum.Enum):
    """The seal stamped on an application form (P2)."""

    COMPANY_SEAL = "company_seal"
    """社印（角印）."""
    OFFICIAL_SEAL = "official_seal"
    """公印."""
    TITLE_HOLDER_SEAL = "title_holder_seal"
    """役職者印."""
    STAFF_SEAL = "staff_seal"
    """担当者印: a staff member's personal seal."""


class SealOutcome(enum.Enum):
    """The answer of a seal check (P2): accepted, refused, or not decidable without checking
    the seal itself."""

    ACCEPTED = "accepted"
    """The seal is accepted."""
    REFUSED = "refused"
    """The seal is refused."""
    NEEDS_CHECK = "needs_check"
    """What decides it is not known (e.g. whether the full legal name shows): check the seal;
    the missing facts are named in :attr:`SealDecision.missing`."""


def _outcome_of(decision: SealDecision) -> SealOutcome:
    """A decision built without an outcome (by hand, or read from JSON written before the
    outcome existed): accepted or refused, as its ``accepted`` says."""
    return SealOutcome.ACCEPTED if decision.accepted else SealOutcome.REFUSED


def _outcome(value: object) -> SealOutcome:
    return check.member(value, SealOutcome, "outcome")


def _check_outcome(instance: SealDecision, attribute: object, value: SealOutcome) -> None:
    if instance.accepted is not (value is SealOutcome.ACCEPTED):
        accepted = "true" if instance.accepted else "false"
        raise InvalidInput(key="P2.error.outcome", accepted=accepted, outcome=value.value)


@attrs.frozen
class SealDecision(Decision):
    """Whether a seal is accepted on a form (P2), with the reasons.

    ``outcome`` is the answer in three: :attr:`SealOutcome.ACCEPTED`, ``REFUSED`` or
    ``NEEDS_CHECK``; ``accepted`` is true for ``ACCEPTED`` only (a seal to be checked is not
    accepted yet).  The table's first row reads yes, no or "needs checking".

    >>> d = check_seal("official_seal", shows_full_legal_name=None)
    >>> d.table("en")
    (('Accepted', 'needs checking'), ('Missing', 'the full official name with the legal form shown on the seal'))
    >>> d.table("ja")[0]
    ('受付', '要確認')
    >>> check_seal("staff_seal").table("en")[0], check_seal("title_holder_seal").table("en")[0]
    (('Accepted', 'no'), ('Accepted', 'yes'))
    """

    outcome: SealOutcome = attrs.field(
        default=attrs.Factory(_outcome_of, takes_self=True),
        converter=_outcome,
        validator=_check_outcome,
        kw_only=True,
    )

    def _rows(self) -> tuple[Row, ...]:
        shown: object = self.outcome if self.outcome is SealOutcome.NEEDS_CHECK else self.accepted
        return (
            ("accepted", shown, ""),
            ("missing", self.missing or None, "list.field"),
        )


@recorded(memo=256)  # a decision over a few enum members and flags
def check_seal(
    kind: SealKind | str,
    shows_full_legal_name: bool | None = None,
    electronic: bool = False,
    registered: bool | None = None,
) -> SealDecision:
    """P2: is this seal accepted on an application form?

    A company or official seal must show the full official name including the legal form
    (e.g. 株式会社); a title-holder's seal is accepted; a staff member's seal never.  The seal
    need not be registered, and an electronic seal is accepted.  When it is not known whether
    a company or official seal shows the full legal name (``shows_full_legal_name=None``), the
    outcome is :attr:`SealOutcome.NEEDS_CHECK`, naming what to check in ``missing``.

    >>> check_seal("company_seal", shows_full_legal_name=True, electronic=True).accepted
    True
    >>> d = check_seal(SealKind.STAFF_SEAL)
    >>> d.outcome.value, d.accepted, d.reasons[0]
    ('refused', False, "A staff member's personal seal (担当者印) is not accepted.")
    >>> check_seal("company_seal").table("ja")
    (('受付', '要確認'), ('不足している項目', '法人格までを含む正式な会社名（組織名）の表示'))
    """
    seal = check.member(kind, SealKind, "kind")
    shows_full_legal_name = check.optional_flag(shows_full_legal_name, "shows_full_legal_name")
    electronic = check.flag(electronic, "electronic")
    registered = check.optional_flag(registered, "registered")
    missing: tuple[str, ...] = ()
    if seal is SealKind.STAFF_SEAL:
        outcome, reason = SealOutcome.REFUSED, "P2.refused.staff_seal"
    elif seal is SealKind.TITLE_HOLDER_SEAL:
        outcome, reason = SealOutcome.ACCEPTED, "P2.accepted.title_holder_seal"
    elif shows_full_legal_name:
        outcome, reason = SealOutcome.ACCEPTED, "P2.accepted.full_name"
    elif shows_full_legal_name is None:
        outcome, reason = SealOutcome.NEEDS_CHECK, "P2.check.full_name_unconfirmed"
        missing = ("shows_full_legal_name",)
    else:
        outcome, reason = SealOutcome.REFUSED, "P2.refused.full_name_absent"
    steps: tuple[Step, ...] = (plain_step("P2", reason),)
    if not registered:
        steps += (plain_step("P2", "P2.note.unregistered"),)
    if electronic:
        steps += (plain_step("P2", "P2.note.electronic"),)
    return _make(steps, outcome is SealOutcome.ACCEPTED, missing, outcome)


_make_decision = maker(SealDecision, "subject", "explanation", "accepted", "missing", "outcome")


def _make(
    steps: tuple[Step, ...], accepted: bool, missing: tuple[str, ...], outcome: SealOutcome
) -> SealDecision:
    """A decision made here (its parts are the library's own: no converter runs again)."""
    return _make_decision("seal", steps, accepted, missing, outcome)
