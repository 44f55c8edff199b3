"""P3-P6: delegation release, contact changes, the dealer URL certificate and resale.

Each check returns a :class:`~clararules.Decision`; every reason is its own catalog message.

>>> print(resale_policy().explain("en"))
[P6] Resale is allowed within the customer's own responsibility.
[P6] The customer manages its end users; the provider takes no part in disputes arising from resale.
"""

from __future__ import annotations

import functools
from typing import Final

from clararules.core import door as check
from clararules.core.calls import recorded
from clararules.core.decisions import Decision, decided
from clararules.core.explain import Step, plain_step

__all__ = [
    "DEALER_CERTIFICATE_SUBJECT",
    "check_contact_change",
    "check_dealer_certificate_request",
    "check_delegation_release",
    "resale_policy",
]


@recorded(memo=256)  # a decision over a few enum members and flags
def check_delegation_release(
    representative_in_contracting_org: bool, via_release_form: bool
) -> Decision:
    """P3: releasing a representative who does not belong to the contracting organisation.

    >>> check_delegation_release(False, True).accepted
    True
    """
    representative_in_contracting_org = check.flag(
        representative_in_contracting_org, "representative_in_contracting_org"
    )
    via_release_form = check.flag(via_release_form, "via_release_form")
    accepted = not representative_in_contracting_org and via_release_form
    steps: tuple[Step, ...] = (
        plain_step(
            "P3",
            "P3.check.inside_organisation"
            if representative_in_contracting_org
            else "P3.check.outside_organisation",
        ),
    )
    if not via_release_form:
        steps += (plain_step("P3", "P3.check.use_form"),)
    return decided("delegation_release", accepted, steps)


@recorded(memo=256)  # a decision over a few enum members and flags
def check_contact_change(from_registered_contact: bool, via_change_form: bool) -> Decision:
    """P4: a change of contact details, or adding/removing contacts.

    >>> check_contact_change(True, True).accepted, check_contact_change(False, True).accepted
    (True, False)
    """
    from_registered_contact = check.flag(from_registered_contact, "from_registered_contact")
    via_change_form = check.flag(via_change_form, "via_change_form")
    accepted = from_registered_contact and via_change_form
    steps: tuple[Step, ...] = (
        plain_step(
            "P4",
            "P4.check.registered_contact"
            if from_registered_contact
            else "P4.check.unregistered_contact",
        ),
    )
    if not via_change_form:
        steps += (plain_step("P4", "P4.check.use_form"),)
    return decided("contact_change", accepted, steps)


DEALER_CERTIFICATE_SUBJECT: Final = "古物商許可申請について"
"""The subject line of a request for the URL certificate (P5), as the provider asks for it."""


@recorded()
def check_dealer_certificate_request(
    subject: str | None,
    head_office_address: str | None,
    registered_address: str | None,
    by_email_to_support: bool = True,
) -> Decision:
    """P5: a request for the second-hand dealer (古物商) URL certificate.

    >>> d = check_dealer_certificate_request("古物商許可申請について", "東京都千代田区1-1", None)
    >>> d.accepted, d.missing
    (False, ('registered_address',))
    >>> print(d.explanation[0].ja)
    本文にお客様の本社所在住所（当該古物営業を行う営業所）および法人登記地住所をご記入ください。不足している項目: 法人登記地住所。
    """
    by_email_to_support = check.flag(by_email_to_support, "by_email_to_support")
    for name, value in (
        ("subject", subject),
        ("head_office_address", head_office_address),
        ("registered_address", registered_address),
    ):
        check.optional_text(value, name)
    missing = tuple(
        name
        for name, value in (
            ("head_office_address", head_office_address),
            ("registered_address", registered_address),
        )
        if value is None or not str(value).strip()
    )
    accepted = not missing
    steps: list[Step] = []
    if not by_email_to_support:
        accepted = False
        steps.append(plain_step("P5", "P5.check.by_email"))
    if (subject or "").strip() != DEALER_CERTIFICATE_SUBJECT:
        accepted = False
        steps.append(plain_step("P5", "P5.check.subject"))
    if missing:
        steps.append(_addresses_step(missing))
    steps.append(plain_step("P5", "P5.check.fee"))
    return decided("dealer_certificate", accepted, tuple(steps), missing)


@functools.lru_cache(maxsize=8)  # one per set of missing addresses: three at most
def _addresses_step(missing: tuple[str, ...]) -> Step:
    return Step("P5", "P5.check.addresses", {"missing": missing})


@recorded(memo=256)  # a decision over a few enum members and flags
def resale_policy() -> Decision:
    """P6: resale is allowed at the customer's own responsibility.

    >>> resale_policy().accepted
    True
    """
    return decided(
        "resale",
        True,
        (plain_step("P6", "P6.policy.allowed"), plain_step("P6", "P6.policy.end_users")),
    )
