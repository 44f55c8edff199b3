"""The planning subcommands (C2-C6, D1-D9): ``deadline``, ``options`` and ``plan``.

Internal.  Each converts its options through the input door (``cli.types``), calls one public
function of the library and prints the result (``cli.output``); see ``cli.options`` for what
every computing subcommand shares and for the option names.

``options`` draws its table as columns, one row per cancellation month, each row the option's
own ``table(lang)`` values under its labels.  ``deadline`` prints the instant
:func:`clararules.cancellation_deadline` gives, which is not a result of the library: it is
shown as a :class:`CancellationDeadline` (its table, its one C2 step, and its own JSON,
described by ``clararules schema deadline --output``), and since no audit record can be made
of it, ``deadline`` takes no ``--audit``.  It reads no dated parameter: no ``--parameters``.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import click
import pendulum

from clararules import (
    CancellationOptions,
    Contract,
    Month,
    Parameters,
    PaymentMethod,
    RenewalPlan,
    Rounding,
    Yen,
    cancellation_deadline,
    cancellation_options,
    renewal_plan,
)
from clararules.cli.audit import audited
from clararules.cli.options import ROUNDING, computing, option, shared_options
from clararules.cli.output import Columns, emit
from clararules.cli.types import DATE, MONTH, WHEN, YEN, ChoiceType, Lang, WholeType
from clararules.contracts.planning import MAX_OPTION_MONTHS
from clararules.core.explain import Explained, Row, Step, Steps

__all__ = ["COMMANDS", "CancellationDeadline"]


# ---------------------------------------------------------------- deadline (C2)


@attrs.frozen
class CancellationDeadline(Explained):
    """The deadline of a cancellation month (C2): the last instant, in JST, at which the
    cancellation form still arrives in time, and the cancellation date it gives."""

    month: Month
    deadline: pendulum.DateTime
    """The instant :func:`clararules.cancellation_deadline` gives for ``month``."""
    effective_on: pendulum.Date
    """The cancellation date: the last day of ``month`` (C2)."""
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)

    @classmethod
    def of(cls, month: Month) -> CancellationDeadline:
        """The deadline of ``month``, by :func:`clararules.cancellation_deadline`."""
        deadline = cancellation_deadline(month)
        effective_on = month.last_day
        figures = {
            "month": str(month),
            "deadline_at": f"{deadline:%Y-%m-%d %H:%M:%S}",  # JST wall time, as steps write it
            "effective_on": effective_on.isoformat(),
        }
        step = Step("C2", "C2.plan.deadline", figures)
        return cls(month, deadline, effective_on, explanation=(step,))

    def data(self) -> dict[str, Any]:
        """The JSON of ``--json``: each field as ``clararules.to_dict`` writes its type."""
        from clararules.io.json import to_dict  # cattrs is imported for --json only

        return {
            "month": to_dict(self.month),
            "deadline": to_dict(self.deadline),
            "effective_on": to_dict(self.effective_on),
            "explanation": [to_dict(step) for step in self.explanation],
        }

    def _rows(self) -> tuple[Row, ...]:
        return (
            ("cancellation_month", self.month, ""),
            ("form_deadline", self.deadline, ""),
            ("effective_on", self.effective_on, ""),
        )


@computing(
    outputs=(CancellationDeadline,),
    epilog="\b\nExamples:\n  clararules deadline 2027-03\n  clararules deadline 2027-03 --lang ja",
)
@click.argument("cancellation_month", metavar="MONTH", type=MONTH)
@shared_options(parameters=False, audit=False)
def deadline(cancellation_month: Month, lang: Lang, as_json: bool) -> None:
    """By when, in JST, the cancellation form must arrive for a cancellation in MONTH (C2).
    The answer is an instant, not a recorded result: no --audit."""
    answer = CancellationDeadline.of(cancellation_month)
    if as_json:
        click.echo(json.dumps(answer.data(), ensure_ascii=False, indent=2))
    else:
        emit(answer, lang, False)


# ---------------------------------------------------------------- options (C2-C6)

_AMOUNTS = frozenset({3, 4, 5})
"""The columns of an option's row aligned right: months short, and the two amounts."""


def option_columns(result: CancellationOptions, lang: str) -> Columns:
    """The options as columns: each option's own ``table(lang)``, one row a month (month, form
    deadline, effective date, months short, amount, amount with tax) under its labels."""
    tables = [option.table(lang) for option in result.options]
    header = tuple(label for label, _ in tables[0])
    rows = tuple(tuple(value for _, value in table) for table in tables)
    return Columns(header, rows, _AMOUNTS)


@computing(
    outputs=(CancellationOptions,),
    epilog="\b\nExamples:\n"
    "  clararules options --received-at 2026-12-01T09:00+09:00 --fee 5000 \\\n"
    "      --activated-on 2026-04-15 --term-months 12 --months 6\n"
    "  clararules options --received-at 2026-12-01 --fee 5000 --activated-on 2026-04-15 \\\n"
    "      --term-months 12 --special-term-months 24 --lang ja",
)
@option(
    "--received-at",
    type=WHEN,
    required=True,
    help="When the cancellation form would arrive (C2, C4); the options start with the month "
    "after.",
)
@option("--fee", type=YEN, required=True, help="Monthly fee in yen, tax excluded (C6).")
@option("--activated-on", type=DATE, required=True, help="Activation day (C5).")
@option(
    "--term-months", type=WholeType(0, 1200), required=True, help="Minimum term in months (C5)."
)
@option(
    "--special-term-months",
    type=WholeType(0, 1200),
    help="Special-agreement term in months (C5).",
)
@option("--service", default="service", show_default=True, help="Service name.")
@option(
    "--months",
    type=WholeType(1, MAX_OPTION_MONTHS),
    default=12,
    show_default=True,
    help=f"How many cancellation months to list (1..{MAX_OPTION_MONTHS}).",
)
@ROUNDING
@shared_options(parameters=True)
def options(
    received_at: pendulum.DateTime,
    fee: Yen,
    activated_on: pendulum.Date,
    term_months: int,
    special_term_months: int | None,
    service: str,
    months: int,
    rounding: Rounding,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """The cancellation months open to a form arriving at --received-at, one row each: its form
    deadline, cancellation date and minimum-term charge (C2-C6)."""
    contract = Contract(
        service, fee, activated_on, term_months, special_agreement_term_months=special_term_months
    )
    result = cancellation_options(contract, received_at, months, rounding, parameters)
    audited(result, audit, lang)
    columns = None if as_json else option_columns(result, lang.value)
    emit(result, lang, as_json, columns=columns)


# ---------------------------------------------------------------- plan (D1-D9)


@computing(
    outputs=(RenewalPlan,),
    epilog="\b\nExamples:\n"
    "  clararules plan example.jp --expires-on 2027-03-31 --on 2027-01-10\n"
    "  clararules plan example.jp --expires-on 2027-03-31 --on 2027-04-02 --lang ja",
)
@click.argument("name")
@option("--expires-on", type=DATE, required=True, help="Registry expiry day (D3).")
@option(
    "--on",
    "on",
    type=DATE,
    required=True,
    help="The day to plan from (an instant with an offset: its day in JST).",
)
@option(
    "--payment",
    type=ChoiceType(PaymentMethod),
    default="credit_card",
    show_default=True,
    help="Payment method (D5).",
)
@option("--domain-only", is_flag=True, help="Customer has a domain contract only (D5).")
@option("--paid-on", type=DATE, help="Day the renewal was paid (D4).")
@shared_options(parameters=True)
def plan(
    name: str,
    expires_on: pendulum.Date,
    on: pendulum.Date,
    payment: PaymentMethod,
    domain_only: bool,
    paid_on: pendulum.Date | None,
    lang: Lang,
    as_json: bool,
    parameters: Parameters | None,
    audit: str | None,
) -> None:
    """What to do about the renewal of the domain NAME on a day, and by when (D1-D9)."""
    result = renewal_plan(name, expires_on, on, payment, domain_only, paid_on, parameters)
    audited(result, audit, lang)
    emit(result, lang, as_json)


COMMANDS: tuple[click.Command, ...] = (deadline, options, plan)
"""The planning subcommands, in the order of ``--help``."""
