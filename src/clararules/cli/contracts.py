"""The subcommands of the contract rules (C1-C11): ``cancel``, ``plan-change``,
``cancel-change``, ``channel`` and ``suspend``.

Internal.  Each converts its options through the input door (``cli.types``), calls one public
function of the library and prints the result (``cli.output``); see ``cli.options`` for what
every computing subcommand shares and for the option names.
"""

from __future__ import annotations

import click
import pendulum

from clararules import (
    CancellationChangeKind,
    CancellationChangeRequest,
    CancellationChangeReview,
    CancellationChannel,
    CancellationDate,
    CancellationQuote,
    Contract,
    Decision,
    Month,
    Parameters,
    PlanChangeQuote,
    RemainingMonthsPolicy,
    Rounding,
    Yen,
    cancellation_effective_date,
    check_cancellation_channel,
    plan_change,
    quote_cancellation,
    request_suspension,
    review_cancellation_change,
)
from clararules.cli.audit import audited
from clararules.cli.errors import Message, Usage
from clararules.cli.options import ROUNDING, computing, option, shared_options
from clararules.cli.output import emit
from clararules.cli.types import (
    DATE,
    MONTH,
    WHEN,
    YEN,
    YES_NO,
    ChoiceType,
    Lang,
    WholeType,
    YesNo,
)

__all__ = ["COMMANDS"]


@computing(
    outputs=(CancellationDate, CancellationQuote),
    epilog="\b\nExamples:\n"
    "  clararules cancel --received-at 2026-11-30T23:59:59+09:00 --desired-month 2026-12\n"
    "  clararules cancel --received-at 2026-12-01T00:00+09:00 --desired-month 2026-12 \\\n"
    "      --fee 5000 --activated-on 2026-04-15 --term-months 12 --lang ja",
)
@option(
    "--received-at",
    old=["--received"],
    type=WHEN,
    required=True,
    help="When the form arrived (C2).",
)
@option(
    "--desired-month", old=["--desired"], type=MONTH, help="Desired cancellation month (C2-C4)."
)
@option("--fee", type=YEN, help="Monthly fee in yen, tax excluded (C6).")
@option("--activated-on", old=["--activated"], type=DATE, help="Activation day (C5).")
@option(
    "--term-months",
    old=["--term"],
    type=WholeType(0, 1200),
    help="Minimum term in months (C5).",
)
@option(
    "--special-term-months",
    old=["--special-term"],
    type=WholeType(0, 1200),
    help="Special-agreement term in months (C5).",
)
@option("--service", default="service", show_default=True, help="Service name.")
@ROUNDING
@shared_options(parameters=True)
def cancel(
    received_at: pendulum.DateTime,
    desired_month: Month | None,
    fee: Yen | None,
    activated_on: pendulum.Date | None,
    term_months: int | None,
    special_term_months: int | None,
    service: str,
    rounding: Rounding,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Cancellation date (C2-C4), and with --fee/--activated-on/--term-months the minimum-term
    charge (C5-C6)."""
    if fee is None and activated_on is None and term_months is None:
        # The date alone reads no dated parameter: --parameters changes nothing here.
        result: object = cancellation_effective_date(received_at, desired_month)
    elif fee is None or activated_on is None or term_months is None:
        raise Usage(Message("cli.error.fee_together"))
    else:
        contract = Contract(
            service,
            fee,
            activated_on,
            term_months,
            special_agreement_term_months=special_term_months,
        )
        result = quote_cancellation(contract, received_at, desired_month, rounding, parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(
    "plan-change",
    outputs=(PlanChangeQuote,),
    epilog="\b\nExample:\n  clararules plan-change --service 'Clara Cloud Flex' --current-fee 10000 "
    "--new-fee 15000 \\\n      --term-start-month 2026-04 --changed-on 2026-10-15",
)
@option("--service", required=True, help="Service name (C9, C10).")
@option(
    "--current-fee",
    old=["--current"],
    type=YEN,
    required=True,
    help="Current monthly fee in yen, tax excluded.",
)
@option(
    "--new-fee",
    old=["--new"],
    type=YEN,
    required=True,
    help="New monthly fee in yen, tax excluded.",
)
@option(
    "--term-start-month",
    old=["--term-start"],
    type=MONTH,
    required=True,
    help="First month of the contract year.",
)
@option("--changed-on", type=DATE, required=True, help="Day the new plan takes effect.")
@option(
    "--from-next-month", is_flag=True, help="Count remaining months from the next month (C11)."
)
@shared_options(parameters=True)
def plan_change_command(
    service: str,
    current_fee: Yen,
    new_fee: Yen,
    term_start_month: Month,
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
        service, current_fee, new_fee, term_start_month, changed_on, policy, parameters=parameters
    )
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(
    "cancel-change",
    outputs=(CancellationChangeReview,),
    epilog="\b\nExamples:\n"
    "  clararules cancel-change --kind extend --requested-at 2026-11-20T10:00+09:00 \\\n"
    "      --from-registered-contact yes --customer-number C-1001 --service 'Flex Web' \\\n"
    "      --host-name www.example.jp --stated-cancellation-on 2026-11-30 \\\n"
    "      --accepted-cancellation-on 2026-11-30 --new-cancellation-on 2027-02-28 --fee 5000\n"
    "  clararules cancel-change --input request.json --lang ja",
)
@option(
    "--kind",
    type=ChoiceType(CancellationChangeKind),
    required=True,
    help="What the customer asks for: extend the cancellation date, or withdraw the cancellation.",
)
@option("--requested-at", type=WHEN, required=True, help="When the request arrived (C7 deadline).")
@option(
    "--from-registered-contact",
    type=YES_NO,
    required=True,
    help="The request comes from a contact registered with the provider.",
)
@option("--customer-number", help="Customer number, as written on the request.")
@option("--service", help="Service name, as written on the request.")
@option("--host-name", help="Server host name or domain name, as written on the request.")
@option(
    "--stated-cancellation-on",
    type=DATE,
    help="The accepted cancellation day as written on the request (a month end).",
)
@option(
    "--new-cancellation-on",
    type=DATE,
    help="For --kind extend: the new cancellation day asked for (a month end).",
)
@option("--withdrawal-reason", help="For --kind withdraw: the reason, as written on the request.")
@option(
    "--accepted-cancellation-on",
    type=DATE,
    required=True,
    help="The accepted cancellation day on the provider's record (a month end).",
)
@option(
    "--fee",
    type=YEN,
    help="Monthly fee in yen, tax excluded: the extension charge is quoted with it.",
)
@ROUNDING
@shared_options(parameters=True)
def cancel_change(
    kind: CancellationChangeKind,
    requested_at: pendulum.DateTime,
    from_registered_contact: YesNo,
    customer_number: str | None,
    service: str | None,
    host_name: str | None,
    stated_cancellation_on: pendulum.Date | None,
    new_cancellation_on: pendulum.Date | None,
    withdrawal_reason: str | None,
    accepted_cancellation_on: pendulum.Date,
    fee: Yen | None,
    rounding: Rounding,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """Review a request to extend or withdraw an accepted cancellation (C7): at most eligible
    for the provider's review, never approved."""
    request = CancellationChangeRequest(
        kind=kind,
        requested_at=requested_at,
        from_registered_contact=from_registered_contact.known,
        customer_number=customer_number,
        service_name=service,
        host_name=host_name,
        accepted_cancellation_on=stated_cancellation_on,
        new_cancellation_on=new_cancellation_on,
        withdrawal_reason=withdrawal_reason,
    )
    result = review_cancellation_change(
        request, accepted_cancellation_on, fee, rounding, parameters
    )
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(
    outputs=(Decision,),
    epilog="\b\nExamples:\n  clararules channel telephone\n  clararules channel email_form --lang ja",
)
@click.argument("channel", metavar="CHANNEL", type=ChoiceType(CancellationChannel))
@shared_options(parameters=False)
def channel(channel: CancellationChannel, lang: Lang, as_json: bool, audit: str | None) -> None:
    """Is a cancellation that arrived through CHANNEL accepted? (C1: only the cancellation form
    sent by e-mail).  CHANNEL: email_form, email_without_form, telephone, post or other."""
    result = check_cancellation_channel(channel)
    audited(result, audit, lang)
    emit(result, lang, as_json)


@computing(
    outputs=(Decision,),
    epilog="\b\nExample:\n  clararules suspend --service 'Flex Web'",
)
@option("--service", required=True, help="Service name the customer asks to suspend.")
@shared_options(parameters=False)
def suspend(service: str, lang: Lang, as_json: bool, audit: str | None) -> None:
    """Can a service be suspended? (C8: no; the refusal names the alternative)"""
    result = request_suspension(service)
    audited(result, audit, lang)
    emit(result, lang, as_json)


COMMANDS: tuple[click.Command, ...] = (
    cancel,
    plan_change_command,
    cancel_change,
    channel,
    suspend,
)
"""The contract subcommands, in the order of ``--help``."""
