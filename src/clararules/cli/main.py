"""The ``clararules`` command line, for support staff and scripts (built on ``click``).

Every subcommand prints a readable table and the explanation (``--lang en|ja``), or the result
as JSON (``--json``).  Every option is converted by the input door (``core.door``), under the
option's own name.  Bad input exits with status 2 and one line on stderr, never a traceback; a
bug exits 1 with one line (``CLARARULES_DEBUG=1`` shows its traceback).  See ``docs/cli.md``.
"""

from __future__ import annotations

import enum
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Any, Final, TypeVar

import click
import pendulum

from clararules.contracts.cancellation import (
    CancellationDate,
    CancellationQuote,
    Contract,
    cancellation_effective_date,
    quote_cancellation,
)
from clararules.contracts.plan_change import PlanChangeQuote, RemainingMonthsPolicy, plan_change
from clararules.core import door as check
from clararules.core.bankdays import Month
from clararules.core.decisions import Decision
from clararules.core.errors import ClaraRulesError, InvalidInput, excerpt
from clararules.core.explain import Step
from clararules.core.money import MAX_INPUT_YEN, Rounding, Yen
from clararules.domains.renewal import (
    DirectDebit,
    DomainState,
    PaymentMethod,
    ProviderDeadline,
    RenewalTimeline,
    RestoreWindow,
    direct_debit,
    domain_status,
    renewal_timeline,
    restore_window,
)
from clararules.io.ics import timeline_to_ics
from clararules.io.json import to_json
from clararules.procedures.plans import (
    DnsPattern,
    IpIntent,
    Panel,
    Procedure,
    SealKind,
    additional_ip_cancellation_plan,
    check_seal,
)

__all__ = ["cli", "input_schema", "main"]

F = TypeVar("F", bound=Callable[..., Any])


# ---------------------------------------------------------------- parameter types
#
# Every option goes through the input door (``core.door``) and nothing else: the command line
# only turns the text of a number into an ``int`` first (ASCII digits, at most
# ``_NUMBER_TEXT_LIMIT`` characters, so a 5000-digit argument never reaches ``int()``).  A
# refusal from the door becomes a usage error (exit 2) whose one line names the option.


_NUMBER_TEXT_LIMIT: Final = 20
"""The longest text of a number (yen or a count) that is parsed at all, in characters."""

_WHOLE_TEXT: Final = re.compile(r"-?[0-9]+")
_YEN_TEXT: Final = re.compile(r"(-?)[¥￥]?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")
_NUMBER_LIKE: Final = re.compile(r"-?[¥￥]?[0-9,]+")


class Refused(click.BadParameter):
    """The door's refusal of an option's value; its message already names the option."""

    def format_message(self) -> str:
        return self.message


class CannotWrite(click.ClickException):
    """An output file could not be written (a missing folder, no permission, a directory...)."""

    exit_code = 2


def _option_name(param: click.Parameter | None) -> str:
    """The name a user typed: ``--received`` for an option, ``NOTICE_ARRIVED`` for an argument."""
    if param is None:
        return "value"
    if isinstance(param, click.Option):
        long_names = [opt for opt in param.opts if opt.startswith("--")]
        return (long_names or param.opts)[0]
    return param.human_readable_name


def _number_text(
    value: str, name: str, accepted: str, too_big: str, pattern: re.Pattern[str]
) -> re.Match[str]:
    """The match of ``pattern`` on ``value``; a long text is refused before any parsing."""
    text = value.strip()
    if len(text) > _NUMBER_TEXT_LIMIT:
        if _NUMBER_LIKE.fullmatch(text):
            raise InvalidInput(f"{name} {too_big}; got a number of {len(text)} characters")
        raise InvalidInput(f"{name} must be {accepted}; got {excerpt(value)}")
    match = pattern.fullmatch(text)
    if match is None:
        raise InvalidInput(f"{name} must be {accepted}; got {excerpt(value)}")
    return match


class _Type(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """A parameter type that converts through one function of the door."""

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of the values this type accepts on the command line."""
        return {"type": "string"}

    def door(self, value: object, name: str) -> Any:
        raise NotImplementedError

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return self.door(value, _option_name(param))
        except ClaraRulesError as error:
            raise Refused(" ".join(str(error).split()), ctx, param) from None


_ISO_PATTERN: Final = (
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?))?$"
)


class WhenType(_Type):
    """An instant: ISO 8601 with an offset (2026-12-01T00:00+09:00), or a date (00:00 JST)."""

    name = "WHEN"

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "description": "ISO 8601 date-time with an offset, or a date (00:00 JST)",
            "pattern": _ISO_PATTERN,
        }

    def door(self, value: object, name: str) -> pendulum.DateTime:
        return check.instant(value, name)


class DateType(_Type):
    """A JST day: YYYY-MM-DD, or an ISO 8601 date-time with an offset (its day in JST)."""

    name = "DATE"

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "description": "a date YYYY-MM-DD (JST), or an ISO 8601 date-time with an offset",
            "pattern": _ISO_PATTERN,
        }

    def door(self, value: object, name: str) -> pendulum.Date:
        return check.date(value, name)


class MonthType(_Type):
    """A month, YYYY-MM."""

    name = "YYYY-MM"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}$"}

    def door(self, value: object, name: str) -> Month:
        return check.month(value, name)


class YenType(_Type):
    """Whole yen: 5000, 5,000 or ¥5,000 (ASCII digits, no decimals)."""

    name = "YEN"

    def __init__(self, *, allow_negative: bool = False) -> None:
        self.allow_negative = allow_negative

    def json_schema(self) -> dict[str, Any]:
        sign = "-?" if self.allow_negative else ""
        number: dict[str, Any] = {"type": "integer", "maximum": MAX_INPUT_YEN}
        number["minimum"] = -MAX_INPUT_YEN if self.allow_negative else 0
        return {
            "anyOf": [
                number,
                {
                    "type": "string",
                    "pattern": rf"^{sign}[¥￥]?([0-9]{{1,3}}(,[0-9]{{3}})+|[0-9]+)$",
                },
            ]
        }

    def door(self, value: object, name: str) -> Yen:
        if isinstance(value, str):
            match = _number_text(
                value,
                name,
                "a whole number of yen such as 5000, 5,000 or ¥5,000",
                f"must be at most ¥{MAX_INPUT_YEN:,} in size",
                _YEN_TEXT,
            )
            value = int(match[1] + match[2].replace(",", ""))
        return check.yen(value, name, allow_negative=self.allow_negative)


class WholeType(_Type):
    """A whole number in a rule's range (ASCII digits)."""

    name = "INTEGER"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}

    def door(self, value: object, name: str) -> int:
        if isinstance(value, str):
            accepted = f"a whole number in {self.low}..{self.high}"
            too_big = f"must be in {self.low}..{self.high}"
            value = int(_number_text(value, name, accepted, too_big, _WHOLE_TEXT)[0])
        return check.whole(value, name, low=self.low, high=self.high)


class ChoiceType(_Type):
    """One member of an enum, by its value (or name), in any case."""

    def __init__(self, kind: type[enum.Enum]) -> None:
        self.kind = kind
        self.name = kind.__name__

    def values(self) -> list[str]:
        return [str(member.value) for member in self.kind]

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        # ``ctx`` is passed from click 8.2 on; click 8.1 calls get_metavar(param).
        return f"[{'|'.join(self.values())}]"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": self.values()}

    def door(self, value: object, name: str) -> enum.Enum:
        return check.member(value, self.kind, name)


class OutputType(_Type):
    """A file to write, or ``-`` for standard output."""

    name = "PATH|-"

    def door(self, value: object, name: str) -> str:
        if isinstance(value, PurePath):
            value = str(value)
        return check.text(value, name)


class Lang(enum.Enum):
    """The language of the table and the explanation."""

    EN = "en"
    JA = "ja"


class Tristate(enum.Enum):
    """A yes/no answer that may not be known."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def known(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.value)


WHEN, DATE, MONTH, YEN = WhenType(), DateType(), MonthType(), YenType()
_TRI = ChoiceType(Tristate)


# ---------------------------------------------------------------- output


_LABELS: dict[str, tuple[str, str]] = {
    "received_at": ("Form arrived (JST)", "到着日時（JST）"),
    "desired_month": ("Desired month", "解約希望月"),
    "month": ("Cancellation month", "解約月"),
    "effective_on": ("Effective date", "解約日"),
    "shifted": ("Moved to a later month", "翌月対応"),
    "deadline": ("Deadline for this month", "この月の提出期限"),
    "term": ("Minimum term", "最低利用期間"),
    "months_used": ("Months used", "利用月数"),
    "months_short": ("Months short", "不足月数"),
    "amount": ("Amount (tax excluded)", "金額（税抜）"),
    "amount_with_tax": ("Amount (tax included)", "金額（税込）"),
    "direction": ("Direction", "変更の種類"),
    "remaining_months": ("Remaining months", "残月数"),
    "next_term": ("Next year", "次年度"),
    "domain": ("Domain", "ドメイン"),
    "kind": ("Kind", "種類"),
    "registry_expiry": ("Registry expiry", "レジストリ有効期限"),
    "contract_end": ("Contract end", "契約終了日"),
    "order_window": ("Renewal order", "更新注文の作成"),
    "fee_notice_on": ("Fee notice", "利用料の通知"),
    "payment": ("Payment", "支払方法"),
    "pay_by": ("Pay by", "支払期限"),
    "invoice_window": ("Invoice sent", "請求書の送付"),
    "debit_notice": ("Debit notice arrives", "引き落とし案内の到着"),
    "debit_on": ("Direct debit", "引き落とし日"),
    "reminders": ("Reminders", "お知らせメール"),
    "opens": ("Restore opens", "復活申請の開始"),
    "closes": ("Restore closes", "復活申請の期限"),
    "closing_basis": ("Closing date from", "期限の根拠"),
    "fee": ("Restore fee", "復活申請手数料"),
    "downtime": ("Downtime after restore", "復活後の停止時間"),
    "status": ("Status", "状態"),
    "on": ("On", "基準日"),
    "notice_arrived_on": ("Notice arrived", "案内の到着日"),
    "accepted": ("Accepted", "受付"),
    "missing": ("Missing", "不足"),
}

_YES_NO = {"en": ("yes", "no"), "ja": ("はい", "いいえ")}


def _text(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return _YES_NO[lang][0 if value else 1]
    if value is None:
        return "—"
    if isinstance(value, pendulum.DateTime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    return str(value)


def _rows(result: object, lang: str) -> list[tuple[str, object]]:
    ja = lang == "ja"
    if isinstance(result, CancellationQuote):
        c = result.charge
        return [
            *_rows(result.date, lang),
            ("term", f"{c.term_months} ({c.term_start}..{c.term_end})"),
            ("months_used", c.months_used),
            ("months_short", c.months_short),
            ("amount", c.amount),
            ("amount_with_tax", c.amount_with_tax),
        ]
    if isinstance(result, CancellationDate):
        return [
            ("received_at", result.received_at),
            ("desired_month", result.desired_month),
            ("month", result.month),
            ("effective_on", result.effective_on),
            ("shifted", result.shifted),
            ("deadline", result.deadline),
        ]
    if isinstance(result, PlanChangeQuote):
        return [
            ("direction", result.direction.value),
            ("remaining_months", result.remaining_months),
            ("amount", result.amount),
            ("amount_with_tax", result.amount_with_tax),
            ("next_term", f"{result.next_term_start}: {result.next_term_monthly_fee}"),
        ]
    if isinstance(result, RenewalTimeline):
        rows: list[tuple[str, object]] = [
            ("domain", result.domain),
            ("kind", result.domain.kind.value),
            ("registry_expiry", result.registry_expiry),
            ("contract_end", result.contract_end),
            ("order_window", f"{result.order_window.first} .. {result.order_window.last}"),
            ("fee_notice_on", result.fee_notice_on),
            ("payment", result.payment.value),
            ("pay_by", result.pay_by),
        ]
        if result.invoice_window is not None:
            w = result.invoice_window
            rows.append(("invoice_window", f"{w.first} .. {w.last}"))
        if result.debit is not None:
            note = (
                (" (見積もり)" if ja else " (estimated)") if result.debit_notice_estimated else ""
            )
            rows.append(("debit_notice", f"{result.debit.notice_arrived_on}{note}"))
            rows.append(("debit_on", result.debit.debit_on))
        rows.append(("reminders", ", ".join(str(d) for d in result.reminders) or "—"))
        return rows
    if isinstance(result, RestoreWindow):
        return [
            ("domain", result.domain),
            ("kind", result.kind.value),
            ("contract_end", result.contract_end),
            ("opens", result.opens),
            ("closes", result.closes),
            ("closing_basis", result.closing_basis.value),
            (
                "fee",
                f"{result.fee} ({'税込' if ja else 'tax included'}; "
                f"{result.fee_excluding_tax} + {result.fee_tax})",
            ),
            ("downtime", f"{int(result.downtime.total_seconds() // 60)} min"),
        ]
    if isinstance(result, DomainState):
        return [
            ("on", result.on),
            ("status", result.status.value),
            ("contract_end", result.contract_end),
            ("closes", result.restore.closes),
        ]
    if isinstance(result, DirectDebit):
        return [("notice_arrived_on", result.notice_arrived_on), ("debit_on", result.debit_on)]
    if isinstance(result, Decision):
        return [("accepted", result.accepted), ("missing", ", ".join(result.missing) or None)]
    return []


def _width(text: str) -> int:
    """Columns a string takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _render(result: Any, lang: str) -> str:
    lines: list[str] = []
    rows = [
        (_LABELS[key][1 if lang == "ja" else 0], _text(v, lang)) for key, v in _rows(result, lang)
    ]
    width = max((_width(label) for label, _ in rows), default=0)
    lines.extend(f"{label}{' ' * (width - _width(label))}  {value}" for label, value in rows)
    if isinstance(result, Procedure):
        actor_ja = {
            "customer": "お客様",
            "provider": "弊社",
            "other_company": "他社",
            "registrar": "取得元会社",
        }
        for number, step in enumerate(result.steps, 1):
            actor = actor_ja[step.actor.value] if lang == "ja" else step.actor.value
            paid = (" [有償]" if lang == "ja" else " [paid]") if step.paid else ""
            lines.append(f"{number}. ({actor}){paid} {step.action.text(lang)}")
    steps: Sequence[Step] = result.explanation
    lines.append("")
    lines.append("説明:" if lang == "ja" else "Explanation:")
    lines.extend(f"  [{step.rule}] {step.text(lang)}" for step in steps)
    return "\n".join(lines)


def _output(options: F) -> F:
    options = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(
        options
    )
    return click.option(
        "--lang",
        type=ChoiceType(Lang),
        default="en",
        show_default=True,
        help="Language of the table and explanation.",
    )(options)


def _emit(result: Any, lang: Lang, as_json: bool, *, err: bool = False) -> None:
    if as_json:
        click.echo(to_json(result, indent=2), err=err)
    else:
        click.echo(_render(result, lang.value), err=err)


def _write(target: str, data: bytes, option: str) -> None:
    """Write ``data`` to the file ``target``, or to standard output for ``-``."""
    if target == "-":
        click.echo(data, nl=False)
        return
    try:
        Path(target).write_bytes(data)
    except (OSError, ValueError) as error:  # ValueError: a NUL character in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise CannotWrite(f"{option}: cannot write {excerpt(target)}: {reason}") from None


# ---------------------------------------------------------------- commands


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: clararules cancel --received 2026-12-01T00:00+09:00 --desired 2026-12",
    # No subcommand is a usage error on one line ("Missing command."), not the help dumped on
    # stderr (click 8.2+) or on stdout with status 0 (click 8.1).
    no_args_is_help=False,
)
@click.version_option(package_name="clararules")
def cli() -> None:
    """Contract, billing and domain rules, computed and explained (rule IDs in brackets)."""


@cli.command(
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
@_output
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
) -> None:
    """Cancellation date (C2-C4), and with --fee/--activated/--term the minimum-term charge (C5-C6)."""
    contract_args = (fee, activated, term)
    if all(a is None for a in contract_args):
        _emit(cancellation_effective_date(received, desired), lang, as_json)
        return
    if any(a is None for a in contract_args):
        raise click.UsageError("give --fee, --activated and --term together to quote the charge")
    assert fee is not None
    assert activated is not None
    assert term is not None
    contract = Contract(service, fee, activated, term, special_agreement_term_months=special_term)
    _emit(quote_cancellation(contract, received, desired, rounding), lang, as_json)


@cli.command(
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
@_output
def plan_change_command(
    service: str,
    current: Yen,
    new: Yen,
    term_start: Month,
    changed_on: pendulum.Date,
    from_next_month: bool,
    lang: Lang,
    as_json: bool,
) -> None:
    """Plan change on a one-year prepaid contract (C9-C11)."""
    policy = (
        RemainingMonthsPolicy.FROM_NEXT_MONTH
        if from_next_month
        else RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH
    )
    _emit(plan_change(service, current, new, term_start, changed_on, policy), lang, as_json)


@cli.command(
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
    help="Also write the timeline as an iCalendar file; '-' writes it to stdout (the table "
    "then goes to stderr).",
)
@_output
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
) -> None:
    """Domain renewal timeline (D1-D7)."""
    timeline = renewal_timeline(name, expiry, payment, domain_only, paid_on, notice_arrived)
    if ics is not None:
        # The command line, not the rules, reads the clock: DTSTAMP is when the file was made.
        _write(ics, timeline_to_ics(timeline, generated_at=pendulum.now("UTC")), "--ics")
        if ics != "-":
            click.echo(f"wrote {ics}", err=True)
    _emit(timeline, lang, as_json, err=ics == "-")


@cli.command(
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
@_output
def restore(
    name: str,
    expiry: pendulum.Date,
    provider_day: int | None,
    provider_days: int | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Restore window and fee of an expired domain (D8-D9)."""
    if provider_day is not None and provider_days is not None:
        raise click.UsageError("give at most one of --provider-day and --provider-days")
    deadline = None
    if provider_day is not None:
        deadline = ProviderDeadline.day_of_next_month(provider_day)
    elif provider_days is not None:
        deadline = ProviderDeadline.days_after_contract_end(provider_days)
    _emit(restore_window(name, expiry, deadline), lang, as_json)


@cli.command(
    epilog="\b\nExample:\n  clararules status example.jp --expiry 2027-03-31 --on 2027-04-01"
)
@click.argument("name")
@click.option("--expiry", type=DATE, required=True, help="Registry expiry date.")
@click.option("--on", "on", type=WHEN, required=True, help="The day (or instant) to look at.")
@click.option("--paid-on", type=DATE, help="Day the renewal was paid.")
@_output
def status(
    name: str,
    expiry: pendulum.Date,
    on: pendulum.DateTime,
    paid_on: pendulum.Date | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """A domain's status on a day (D4, D7, D9)."""
    _emit(domain_status(name, expiry, on, paid_on), lang, as_json)


@cli.command(epilog="\b\nExample:\n  clararules debit 2026-06-03")
@click.argument("notice_arrived", type=DATE)
@_output
def debit(notice_arrived: pendulum.Date, lang: Lang, as_json: bool) -> None:
    """Direct-debit date for a debit notice arriving on NOTICE_ARRIVED (D5, G4)."""
    _emit(direct_debit(notice_arrived), lang, as_json)


@cli.command(
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
@click.option("--provider-is-registrar", type=_TRI, default="unknown", show_default=True)
@click.option(
    "--mail-client",
    type=_TRI,
    default="unknown",
    show_default=True,
    help="Mail clients use the additional IP.",
)
@click.option(
    "--host-record",
    type=_TRI,
    default="unknown",
    show_default=True,
    help="Host (glue) records use the additional IP.",
)
@_output
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
    _emit(plan, lang, as_json)


@cli.command(epilog="\b\nExample:\n  clararules seal --kind company_seal --full-name yes")
@click.option("--kind", type=ChoiceType(SealKind), required=True)
@click.option(
    "--full-name",
    type=_TRI,
    default="unknown",
    show_default=True,
    help="The seal shows the full official name with the legal form.",
)
@click.option("--electronic", is_flag=True, help="An electronic seal.")
@_output
def seal(kind: SealKind, full_name: Tristate, electronic: bool, lang: Lang, as_json: bool) -> None:
    """Is this seal accepted on an application form? (P2)"""
    _emit(check_seal(kind, full_name.known, electronic), lang, as_json)


def _param_schema(param: click.Parameter) -> dict[str, Any]:
    if isinstance(param, click.Option) and param.is_flag:
        return {"type": "boolean", "default": False}
    kind = param.type
    schema: dict[str, Any] = kind.json_schema() if isinstance(kind, _Type) else {"type": "string"}
    if isinstance(param, click.Option) and param.help:
        schema["description"] = param.help
    if isinstance(param.default, str | int) and not isinstance(param, click.Argument):
        schema["default"] = param.default
    return schema


_OUTPUT_PARAMS = {"lang", "as_json", "help"}


def input_schema(command: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a subcommand's inputs, from its options.

    >>> schema = input_schema("debit")
    >>> schema["required"], schema["properties"]["notice_arrived"]["type"]
    (['notice_arrived'], 'string')
    >>> input_schema("restore")["properties"]["provider_day"]["maximum"]
    28
    """
    cmd = cli.commands.get(command)
    if cmd is None or command == "schema":
        raise click.UsageError(
            f"no subcommand {excerpt(command)}; choose from {', '.join(sorted(_schema_commands()))}"
        )
    properties: dict[str, Any] = {}
    required: list[str] = []
    for param in cmd.params:
        if param.name is None or param.name in _OUTPUT_PARAMS or param.name == "ics":
            continue
        properties[param.name] = _param_schema(param)
        if param.required:
            required.append(param.name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:clararules:cli:{command}",
        "title": f"clararules {command}",
        "description": (cmd.help or "").strip(),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _schema_commands() -> list[str]:
    return [name for name in cli.commands if name != "schema"]


@cli.command(epilog="\b\nExample:\n  clararules schema cancel")
@click.argument("command", required=False)
def schema(command: str | None) -> None:
    """JSON Schema of a subcommand's inputs (all subcommands when none is named)."""
    if command is None:
        data: Any = {name: input_schema(name) for name in sorted(_schema_commands())}
    else:
        data = input_schema(command)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


DEBUG_ENV: Final = "CLARARULES_DEBUG"
"""Set to 1 to see the traceback of an unexpected error (a bug) instead of one line."""

_MESSAGE_LIMIT: Final = 400


def _one_line(text: str) -> str:
    """``text`` on one printable line of bounded length: what an error line shows."""
    line = " ".join(text.split())
    line = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in line)
    return line if len(line) <= _MESSAGE_LIMIT else line[:_MESSAGE_LIMIT] + "…"


def _error(message: str) -> None:
    click.echo(f"clararules: error: {_one_line(message)}", err=True)


def _usage_message(error: click.ClickException) -> str:
    message = error.format_message()
    if isinstance(error, click.UsageError) and error.ctx is not None:
        message += f" (see '{error.ctx.command_path} --help')"
    return message


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush cannot fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no file descriptor to redirect
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Bad input (a usage error, a value the input door refuses, a file that cannot be written)
    exits 2 with one line on stderr and no traceback.  An unexpected error is a bug: it exits 1
    with one line too, unless ``CLARARULES_DEBUG=1`` asks for the traceback.
    """
    try:
        done = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="clararules",
            standalone_mode=False,
        )
    except click.exceptions.Exit as exit_:  # pragma: no cover - click returns the code instead
        return int(exit_.exit_code)
    except click.exceptions.Abort:
        click.echo("clararules: aborted", err=True)
        return 1
    except click.ClickException as error:
        _error(_usage_message(error))
        return 2
    except ClaraRulesError as error:
        _error(str(error))
        return 2
    except BrokenPipeError:
        _quiet_stdout()  # the reader went away (e.g. `| head`): nothing left to say
        return 1
    except Exception as error:
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        click.echo(
            f"clararules: internal error (a bug): {type(error).__name__}: {_one_line(str(error))}"
            f" (set {DEBUG_ENV}=1 to see the traceback)",
            err=True,
        )
        return 1
    return done if isinstance(done, int) and not isinstance(done, bool) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
