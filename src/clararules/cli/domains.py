"""The subcommands of the domain rules (D1-D9, G4): ``domain``, ``restore``, ``status`` and
``debit``.

Internal.  Each converts its options through the input door (``cli.types``), calls one public
function of the library and prints the result (``cli.output``); see ``cli.options`` for what
every computing subcommand shares and for the option names.
"""

from __future__ import annotations

import click
import pendulum

from clararules import (
    DirectDebit,
    DomainState,
    Parameters,
    PaymentMethod,
    ProviderDeadline,
    RenewalTimeline,
    RestoreWindow,
    direct_debit,
    domain_status,
    renewal_timeline,
    restore_window,
    timeline_to_ics,
)
from clararules.cli.audit import audited
from clararules.cli.errors import Message, Usage
from clararules.cli.options import computing, option, shared_options
from clararules.cli.output import emit, write, wrote
from clararules.cli.types import DATE, ChoiceType, Lang, OutputType, WholeType

__all__ = ["COMMANDS"]

_EXPIRES_ON = option(
    "--expires-on", old=["--expiry"], type=DATE, required=True, help="Registry expiry day (D3)."
)


@computing(
    outputs=(RenewalTimeline,),
    epilog="\b\nExamples:\n  clararules domain example.jp --expires-on 2027-03-31\n"
    "  clararules domain example.jp --expires-on 2027-03-31 --payment direct_debit "
    "--ics renewal.ics",
)
@click.argument("name")
@_EXPIRES_ON
@option(
    "--payment",
    type=ChoiceType(PaymentMethod),
    default="credit_card",
    show_default=True,
    help="Payment method (D5).",
)
@option("--domain-only", is_flag=True, help="Customer has a domain contract only (D5).")
@option("--paid-on", type=DATE, help="Day the renewal was paid (D6).")
@option(
    "--notice-arrived-on",
    old=["--notice-arrived"],
    type=DATE,
    help="Day the debit notice arrived (D5).",
)
@option(
    "--ics",
    type=OutputType(),
    help="Also write the timeline as an iCalendar file (event titles in --lang); '-' writes it "
    "to stdout (the table then goes to stderr).",
)
@shared_options(parameters=True)
def domain(
    name: str,
    expires_on: pendulum.Date,
    payment: PaymentMethod,
    domain_only: bool,
    paid_on: pendulum.Date | None,
    notice_arrived_on: pendulum.Date | None,
    ics: str | None,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Renewal timeline of the domain NAME (D1-D7)."""
    timeline = renewal_timeline(
        name, expires_on, payment, domain_only, paid_on, notice_arrived_on, parameters=parameters
    )
    if ics is not None:
        # The command line, not the rules, reads the clock: DTSTAMP is when the file was made.
        now = pendulum.now("UTC")
        write(ics, timeline_to_ics(timeline, generated_at=now, lang=lang.value), "--ics")
    audited(timeline, audit, lang)
    if ics is not None and ics != "-":
        wrote(ics, lang)
    emit(timeline, lang, as_json, err=ics == "-")


@computing(
    outputs=(RestoreWindow,),
    epilog="\b\nExamples:\n  clararules restore example.jp --expires-on 2027-03-31\n"
    "  clararules restore example.jp --expires-on 2027-04-30 --provider-day-of-month 15",
)
@click.argument("name")
@_EXPIRES_ON
@option(
    "--provider-day-of-month",
    old=["--provider-day"],
    type=WholeType(1, 28),
    help="Provider deadline: this day of the month after expiry, back to a business day.",
)
@option(
    "--provider-days-after-end",
    old=["--provider-days"],
    type=WholeType(1, 400),
    help="Provider deadline: this many days after the contract end.",
)
@shared_options(parameters=True)
def restore(
    name: str,
    expires_on: pendulum.Date,
    provider_day_of_month: int | None,
    provider_days_after_end: int | None,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Restore window and fee of the expired domain NAME (D8-D9)."""
    if provider_day_of_month is not None and provider_days_after_end is not None:
        raise Usage(Message("cli.error.provider_day_or_days"))
    deadline = None
    if provider_day_of_month is not None:
        deadline = ProviderDeadline.day_of_next_month(provider_day_of_month)
    elif provider_days_after_end is not None:
        deadline = ProviderDeadline.days_after_contract_end(provider_days_after_end)
    result = restore_window(name, expires_on, deadline, parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(
    outputs=(DomainState,),
    epilog="\b\nExample:\n  clararules status example.jp --expires-on 2027-03-31 --on 2027-04-01",
)
@click.argument("name")
@_EXPIRES_ON
@option(
    "--on",
    "on",
    type=DATE,
    required=True,
    help="The day to look at (an instant with an offset: its day in JST).",
)
@option("--paid-on", type=DATE, help="Day the renewal was paid.")
@shared_options(parameters=True)
def status(
    name: str,
    expires_on: pendulum.Date,
    on: pendulum.Date,
    paid_on: pendulum.Date | None,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Status of the domain NAME on a day (D4, D7, D9)."""
    result = domain_status(name, expires_on, on, paid_on, parameters=parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(outputs=(DirectDebit,), epilog="\b\nExample:\n  clararules debit 2026-06-03")
@click.argument("notice_arrived_on", metavar="NOTICE_ARRIVED", type=DATE)
@shared_options(parameters=True)
def debit(
    notice_arrived_on: pendulum.Date,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Direct-debit date for a debit notice arriving on the day NOTICE_ARRIVED (D5, G4)."""
    result = direct_debit(notice_arrived_on, parameters=parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


COMMANDS: tuple[click.Command, ...] = (domain, restore, status, debit)
"""The domain subcommands, in the order of ``--help``."""
