"""The subcommands of ``clararules``, one per rule family (see ``docs/cli.md``).

Internal.  Each subcommand converts its options through the input door (``cli.types``), calls
one public function of the library and prints the result (``cli.output``); with
``--audit FILE`` it first writes the result's audit record (``cli.audit``).  ``--help`` texts
are English; the tables, explanations and error lines follow ``--lang``.
"""

from __future__ import annotations

import click
import pendulum

from clararules import (
    Contract,
    DnsPattern,
    IpIntent,
    Month,
    Panel,
    Parameters,
    PaymentMethod,
    ProviderDeadline,
    RemainingMonthsPolicy,
    Rounding,
    SealKind,
    Yen,
    additional_ip_cancellation_plan,
    cancellation_effective_date,
    check_seal,
    direct_debit,
    domain_status,
    plan_change,
    quote_cancellation,
    renewal_timeline,
    restore_window,
    timeline_to_ics,
)
from clararules.cli.audit import AUDIT, audited
from clararules.cli.errors import Message, Usage
from clararules.cli.output import emit, output_options, write, wrote
from clararules.cli.types import (
    DATE,
    MONTH,
    TRI,
    WHEN,
    YEN,
    ChoiceType,
    Lang,
    OutputType,
    ParametersType,
    Tristate,
    WholeType,
)

__all__ = ["COMMANDS"]

_PARAMETERS = click.option(
    "--parameters",
    "parameters",
    type=ParametersType(),
    help="A provider's own parameter file (TOML, G6; see docs/parameters.md) over the defaults.",
)


@click.command(
    epilog="\b\nExamples:\n  clararules cancel --received 2026-11-30T23:59:59+09:00 --desired 2026-12\n"
    "  clararules cancel --received 2026-12-01T00:00+09:00 --desired 2026-12 \\\n"
    "      --fee 5000 --activated 2026-04-15 --term 12 --lang ja"
)
@click.option("--received", type=WHEN, required=True, help="When the form arrived (C2).")
@click.option("--desired", type=MONTH, help="Desired cancellation month (C2-C4).")
@click.option("--fee", type=YEN, help="Monthly fee, tax excluded (C6).")
@click.option("--activated", type=DATE, help="Activation date (C5).")
@click.option("--term", type=WholeType(0, 1200), help="Minimum term in months (C5).")
@click.option("--special-term", type=WholeType(0, 1200), help="Special-agreement term (C5).")
@click.option("--service", default="service", show_default=True, help="Service name.")
@click.option("--rounding", type=ChoiceType(Rounding), default="down", show_default=True)
@_PARAMETERS
@AUDIT
@output_options
def cancel(
    received: pendulum.DateTime,
    desired: Month | None,
    fee: Yen | None,
    activated: pendulum.Date | None,
    term: int | None,
    special_term: int | None,
    service: str,
    rounding: Rounding,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Cancellation date (C2-C4), and with --fee/--activated/--term the minimum-term charge (C5-C6)."""
    if fee is None and activated is None and term is None:
        # The date alone reads no dated parameter: --parameters changes nothing here.
        result: object = cancellation_effective_date(received, desired)
    elif fee is None or activated is None or term is None:
        raise Usage(Message("cli.error.fee_together"))
    else:
        contract = Contract(
            service, fee, activated, term, special_agreement_term_months=special_term
        )
        result = quote_cancellation(contract, received, desired, rounding, parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@click.command(
    "plan-change",
    epilog="\b\nExample:\n  clararules plan-change --service 'Clara Cloud Flex' --current 10000 "
    "--new 15000 \\\n      --term-start 2026-04 --changed-on 2026-10-15",
)
@click.option("--service", required=True, help="Service name (C9, C10).")
@click.option("--current", type=YEN, required=True, help="Current monthly fee.")
@click.option("--new", type=YEN, required=True, help="New monthly fee.")
@click.option("--term-start", type=MONTH, required=True, help="First month of the contract year.")
@click.option("--changed-on", type=DATE, required=True, help="Day the new plan takes effect.")
@click.option(
    "--from-next-month", is_flag=True, help="Count remaining months from the next month (C11)."
)
@_PARAMETERS
@AUDIT
@output_options
def plan_change_command(
    service: str,
    current: Yen,
    new: Yen,
    term_start: Month,
    changed_on: pendulum.Date,
    from_next_month: bool,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Plan change on a one-year prepaid contract (C9-C11)."""
    policy = (
        RemainingMonthsPolicy.FROM_NEXT_MONTH
        if from_next_month
        else RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH
    )
    result = plan_change(
        service, current, new, term_start, changed_on, policy, parameters=parameters
    )
    audited(result, audit, lang)
    emit(result, lang, as_json)


@click.command(
    epilog="\b\nExamples:\n  clararules domain example.jp --expiry 2027-03-31\n"
    "  clararules domain example.jp --expiry 2027-03-31 --payment direct_debit --ics renewal.ics"
)
@click.argument("name")
@click.option("--expiry", type=DATE, required=True, help="Registry expiry date (D3).")
@click.option(
    "--payment",
    type=ChoiceType(PaymentMethod),
    default="credit_card",
    show_default=True,
    help="Payment method (D5).",
)
@click.option("--domain-only", is_flag=True, help="Customer has a domain contract only (D5).")
@click.option("--paid-on", type=DATE, help="Day the renewal was paid (D6).")
@click.option("--notice-arrived", type=DATE, help="Day the debit notice arrived (D5).")
@click.option(
    "--ics",
    type=OutputType(),
    help="Also write the timeline as an iCalendar file (event titles in --lang); '-' writes it "
    "to stdout (the table then goes to stderr).",
)
@_PARAMETERS
@AUDIT
@output_options
def domain(
    name: str,
    expiry: pendulum.Date,
    payment: PaymentMethod,
    domain_only: bool,
    paid_on: pendulum.Date | None,
    notice_arrived: pendulum.Date | None,
    ics: str | None,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Domain renewal timeline (D1-D7)."""
    timeline = renewal_timeline(
        name, expiry, payment, domain_only, paid_on, notice_arrived, parameters=parameters
    )
    if ics is not None:
        # The command line, not the rules, reads the clock: DTSTAMP is when the file was made.
        now = pendulum.now("UTC")
        write(ics, timeline_to_ics(timeline, generated_at=now, lang=lang.value), "--ics")
    audited(timeline, audit, lang)
    if ics is not None and ics != "-":
        wrote(ics, lang)
    emit(timeline, lang, as_json, err=ics == "-")


@click.command(
    epilog="\b\nExamples:\n  clararules restore example.jp --expiry 2027-03-31\n"
    "  clararules restore example.jp --expiry 2027-04-30 --provider-day 15"
)
@click.argument("name")
@click.option("--expiry", type=DATE, required=True, help="Registry expiry date.")
@click.option(
    "--provider-day",
    type=WholeType(1, 28),
    help="Provider deadline: this day of the month after expiry, back to a business day.",
)
@click.option(
    "--provider-days",
    type=WholeType(1, 400),
    help="Provider deadline: this many days after the contract end.",
)
@_PARAMETERS
@AUDIT
@output_options
def restore(
    name: str,
    expiry: pendulum.Date,
    provider_day: int | None,
    provider_days: int | None,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Restore window and fee of an expired domain (D8-D9)."""
    if provider_day is not None and provider_days is not None:
        raise Usage(Message("cli.error.provider_day_or_days"))
    deadline = None
    if provider_day is not None:
        deadline = ProviderDeadline.day_of_next_month(provider_day)
    elif provider_days is not None:
        deadline = ProviderDeadline.days_after_contract_end(provider_days)
    result = restore_window(name, expiry, deadline, parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@click.command(
    epilog="\b\nExample:\n  clararules status example.jp --expiry 2027-03-31 --on 2027-04-01"
)
@click.argument("name")
@click.option("--expiry", type=DATE, required=True, help="Registry expiry date.")
@click.option("--on", "on", type=WHEN, required=True, help="The day (or instant) to look at.")
@click.option("--paid-on", type=DATE, help="Day the renewal was paid.")
@_PARAMETERS
@AUDIT
@output_options
def status(
    name: str,
    expiry: pendulum.Date,
    on: pendulum.DateTime,
    paid_on: pendulum.Date | None,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """A domain's status on a day (D4, D7, D9)."""
    result = domain_status(name, expiry, on, paid_on, parameters=parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@click.command(epilog="\b\nExample:\n  clararules debit 2026-06-03")
@click.argument("notice_arrived", type=DATE)
@_PARAMETERS
@AUDIT
@output_options
def debit(
    notice_arrived: pendulum.Date,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Direct-debit date for a debit notice arriving on NOTICE_ARRIVED (D5, G4)."""
    result = direct_debit(notice_arrived, parameters=parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@click.command(
    "ip-plan",
    epilog="\b\nExample:\n  clararules ip-plan --intent move_to_main_ip --dns A --panel plesk",
)
@click.option("--intent", type=ChoiceType(IpIntent), required=True)
@click.option(
    "--dns",
    type=ChoiceType(DnsPattern),
    required=True,
    help="A: primary DNS on the server; B: another company; C: the provider.",
)
@click.option("--panel", type=ChoiceType(Panel), help="Needed for --dns A.")
@click.option("--end-registration", is_flag=True, help="Also end the domain registration.")
@click.option("--provider-is-registrar", type=TRI, default="unknown", show_default=True)
@click.option(
    "--mail-client",
    type=TRI,
    default="unknown",
    show_default=True,
    help="Mail clients use the additional IP.",
)
@click.option(
    "--host-record",
    type=TRI,
    default="unknown",
    show_default=True,
    help="Host (glue) records use the additional IP.",
)
@AUDIT
@output_options
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


@click.command(epilog="\b\nExample:\n  clararules seal --kind company_seal --full-name yes")
@click.option("--kind", type=ChoiceType(SealKind), required=True)
@click.option(
    "--full-name",
    type=TRI,
    default="unknown",
    show_default=True,
    help="The seal shows the full official name with the legal form.",
)
@click.option("--electronic", is_flag=True, help="An electronic seal.")
@AUDIT
@output_options
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


COMMANDS: tuple[click.Command, ...] = (
    cancel,
    plan_change_command,
    domain,
    restore,
    status,
    debit,
    ip_plan,
    seal,
)
"""The subcommands that compute a result, in the order of ``--help``."""
