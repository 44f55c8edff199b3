"""The subcommands of the procedures (P1-P6): ``ip-plan``, ``seal``, ``delegation-release``,
``contact-change``, ``dealer-certificate`` and ``resale``.

Internal.  Each converts its options through the input door (``cli.types``), calls one public
function of the library and prints the result (``cli.output``); see ``cli.options`` for what
every computing subcommand shares and for the option names.  None of these rules reads a
dated parameter: they take no ``--parameters``.
"""

from __future__ import annotations

import click

from clararules import (
    Decision,
    DnsPattern,
    IpIntent,
    Panel,
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
from clararules.cli.audit import audited
from clararules.cli.options import computing, option, shared_options
from clararules.cli.output import emit
from clararules.cli.types import TRI, YES_NO, ChoiceType, Lang, Tristate, YesNo

__all__ = ["COMMANDS"]


@computing(
    "ip-plan",
    outputs=(Procedure,),
    epilog="\b\nExample:\n  clararules ip-plan --intent move_to_main_ip --dns a --panel plesk",
)
@option(
    "--intent",
    type=ChoiceType(IpIntent),
    required=True,
    help="What becomes of the domains on the additional IP address.",
)
@option(
    "--dns",
    type=ChoiceType(DnsPattern),
    required=True,
    help="A: primary DNS on the server; B: another company; C: the provider.",
)
@option("--panel", type=ChoiceType(Panel), help="Control panel of the server; needed for --dns A.")
@option("--end-registration", is_flag=True, help="Also end the domain registration.")
@option(
    "--provider-is-registrar",
    type=TRI,
    default="unknown",
    show_default=True,
    help="The provider is the domain's registrar.",
)
@option(
    "--mail-client",
    type=TRI,
    default="unknown",
    show_default=True,
    help="Mail clients use the additional IP.",
)
@option(
    "--host-record",
    type=TRI,
    default="unknown",
    show_default=True,
    help="Host (glue) records use the additional IP.",
)
@shared_options(parameters=False)
def ip_plan(
    intent: IpIntent,
    dns: DnsPattern,
    panel: Panel | None,
    end_registration: bool,
    provider_is_registrar: Tristate,
    mail_client: Tristate,
    host_record: Tristate,
    lang: Lang,
    as_json: bool,
    audit: str | None,
) -> None:
    """Steps to cancel an additional IP address (P1); the IP is cancelled last."""
    plan = additional_ip_cancellation_plan(
        intent,
        dns,
        panel,
        end_registration=end_registration,
        provider_is_registrar=provider_is_registrar.known,
        mail_client_uses_additional_ip=mail_client.known,
        host_record_on_additional_ip=host_record.known,
    )
    audited(plan, audit, lang)
    emit(plan, lang, as_json)


@computing(
    outputs=(SealDecision,),
    epilog="\b\nExample:\n  clararules seal --kind company_seal --full-name yes",
)
@option("--kind", type=ChoiceType(SealKind), required=True, help="Kind of seal on the form.")
@option(
    "--full-name",
    type=TRI,
    default="unknown",
    show_default=True,
    help="The seal shows the full official name with the legal form.",
)
@option("--electronic", is_flag=True, help="An electronic seal.")
@shared_options(parameters=False)
def seal(
    kind: SealKind,
    full_name: Tristate,
    electronic: bool,
    lang: Lang,
    as_json: bool,
    audit: str | None,
) -> None:
    """Is this seal accepted on an application form? (P2)"""
    result = check_seal(kind, full_name.known, electronic)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(
    "delegation-release",
    outputs=(Decision,),
    epilog="\b\nExample:\n  clararules delegation-release --representative-in-contracting-org no "
    "--via-release-form yes",
)
@option(
    "--representative-in-contracting-org",
    type=YES_NO,
    required=True,
    help="The representative to release belongs to the contracting organisation.",
)
@option(
    "--via-release-form",
    type=YES_NO,
    required=True,
    help="The request comes on the provider's release form.",
)
@shared_options(parameters=False)
def delegation_release(
    representative_in_contracting_org: YesNo,
    via_release_form: YesNo,
    lang: Lang,
    as_json: bool,
    audit: str | None,
) -> None:
    """Can a representative outside the contracting organisation be released? (P3)"""
    result = check_delegation_release(
        representative_in_contracting_org.known, via_release_form.known
    )
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(
    "contact-change",
    outputs=(Decision,),
    epilog="\b\nExample:\n  clararules contact-change --from-registered-contact yes "
    "--via-change-form yes",
)
@option(
    "--from-registered-contact",
    type=YES_NO,
    required=True,
    help="The request comes from a contact registered with the provider.",
)
@option(
    "--via-change-form",
    type=YES_NO,
    required=True,
    help="The request comes on the provider's change form.",
)
@shared_options(parameters=False)
def contact_change(
    from_registered_contact: YesNo,
    via_change_form: YesNo,
    lang: Lang,
    as_json: bool,
    audit: str | None,
) -> None:
    """Can contact details be changed, or contacts added or removed? (P4)"""
    result = check_contact_change(from_registered_contact.known, via_change_form.known)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(
    "dealer-certificate",
    outputs=(Decision,),
    epilog="\b\nExample:\n  clararules dealer-certificate --subject 古物商許可申請について \\\n"
    "      --head-office-address 東京都千代田区1-1 --registered-address 東京都千代田区1-1",
)
@option("--subject", help="Subject line of the e-mail, as the customer wrote it.")
@option("--head-office-address", help="Head-office address written in the e-mail.")
@option("--registered-address", help="Registered corporate address written in the e-mail.")
@option(
    "--by-email-to-support",
    type=YES_NO,
    default="yes",
    show_default=True,
    help="The request was e-mailed to the support desk.",
)
@shared_options(parameters=False)
def dealer_certificate(
    subject: str | None,
    head_office_address: str | None,
    registered_address: str | None,
    by_email_to_support: YesNo,
    lang: Lang,
    as_json: bool,
    audit: str | None,
) -> None:
    """Is a request for the second-hand dealer (古物商) URL certificate complete? (P5)"""
    result = check_dealer_certificate_request(
        subject, head_office_address, registered_address, by_email_to_support.known
    )
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(outputs=(Decision,), epilog="\b\nExample:\n  clararules resale --lang ja")
@shared_options(parameters=False)
def resale(lang: Lang, as_json: bool, audit: str | None) -> None:
    """May a customer resell the service? (P6: yes, at its own responsibility)"""
    result = resale_policy()
    audited(result, audit, lang)
    emit(result, lang, as_json)


COMMANDS: tuple[click.Command, ...] = (
    ip_plan,
    seal,
    delegation_release,
    contact_change,
    dealer_certificate,
    resale,
)
"""The procedure subcommands, in the order of ``--help``."""
