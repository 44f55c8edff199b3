"""P2: which seal is accepted on an application form.

>>> print(check_seal("staff_seal").explain("ja"))
[P2] 担当者印でのお申し込みはお受けできません。
[P2] 社印・公印は印鑑登録がされている必要はありません。
"""

from __future__ import annotations

import enum

import attrs

from clararules.core import door as check
from clararules.core.calls import recorded
from clararules.core.decisions import Decision
from clararules.core.explain import Step

__all__ = ["SealDecision", "SealKind", "check_seal"]


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


@attrs.frozen
class SealDecision(Decision):
    """Whether a seal is accepted on a form (P2), with the reasons."""


@recorded()
def check_seal(
    kind: SealKind | str,
    shows_full_legal_name: bool | None = None,
    electronic: bool = False,
    registered: bool | None = None,
) -> SealDecision:
    """P2: is this seal accepted on an application form?

    A company or official seal must show the full official name including the legal form
    (e.g. 株式会社); a title-holder's seal is accepted; a staff member's seal never.  The seal
    need not be registered, and an electronic seal is accepted.

    >>> check_seal("company_seal", shows_full_legal_name=True, electronic=True).accepted
    True
    >>> d = check_seal(SealKind.STAFF_SEAL)
    >>> d.accepted, d.reasons[0]
    (False, "A staff member's personal seal (担当者印) is not accepted.")
    >>> check_seal("company_seal").table("ja")
    (('受付', 'いいえ'), ('不足している項目', '法人格までを含む正式な会社名（組織名）の表示'))
    """
    seal = check.member(kind, SealKind, "kind")
    shows_full_legal_name = check.optional_flag(shows_full_legal_name, "shows_full_legal_name")
    electronic = check.flag(electronic, "electronic")
    registered = check.optional_flag(registered, "registered")
    missing: list[str] = []
    if seal is SealKind.STAFF_SEAL:
        accepted, reason = False, "P2.refused.staff_seal"
    elif seal is SealKind.TITLE_HOLDER_SEAL:
        accepted, reason = True, "P2.accepted.title_holder_seal"
    elif shows_full_legal_name:
        accepted, reason = True, "P2.accepted.full_name"
    elif shows_full_legal_name is None:
        accepted, reason = False, "P2.refused.full_name_unconfirmed"
        missing.append("shows_full_legal_name")
    else:
        accepted, reason = False, "P2.refused.full_name_absent"
    steps = [Step("P2", reason)]
    if not registered:
        steps.append(Step("P2", "P2.note.unregistered"))
    if electronic:
        steps.append(Step("P2", "P2.note.electronic"))
    return SealDecision("seal", accepted, steps, missing)
