"""The computing endpoints: each is described by a ``click`` command, the command line's own
subcommand when there is one, so that a request body is the very document ``--input`` takes.

Internal.  An :class:`Endpoint` names its path, the command whose parameters are its inputs
(their input schema is ``clararules.cli.inputs.input_schema_of``, less ``parameters``: the
service never reads a file named by a request), the result classes it answers (their schema is
the one ``clararules schema NAME --output`` prints) and the function that computes the result
from the converted inputs.  :func:`read_inputs` checks a body against the schema with the
command line's ``problem``, then converts every value through the parameter's input door
(``ParamType.door``), under its JSON path (``$.fee``).  The rules that have no subcommand
(``cancellation_deadline``, ``cancellation_options``, ``renewal_plan``) are described by
commands made here with the same parameter types, never added to the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import click
import pendulum

import clararules as cr
from clararules.cli import contracts, domains, procedures
from clararules.cli.errors import Message
from clararules.cli.inputs import input_schema_of, problem
from clararules.cli.options import Computing
from clararules.cli.types import DATE, MONTH, WHEN, YEN, ChoiceType, ParamType, WholeType
from clararules.server.problems import Problem

__all__ = ["ENDPOINTS", "Endpoint", "input_schema", "read_inputs"]

SERVER_EXCLUDED: Final = frozenset({"parameters"})
"""Inputs of a subcommand the service does not take: a parameter file is a path on the host."""


@attrs.frozen
class Endpoint:
    """A ``POST`` endpoint that computes one result."""

    path: str
    command: click.Command
    outputs: tuple[type, ...]
    compute: Callable[[Mapping[str, Any]], object]
    summary: str
    auditable: bool = True
    output_schema: Mapping[str, Any] | None = None
    """The JSON Schema of the answer when it is not one of ``outputs`` (a plain document)."""

    @property
    def name(self) -> str:
        return self.path.strip("/").replace("/", "-")


def input_schema(command: click.Command) -> dict[str, Any]:
    """The JSON Schema of an endpoint's body: the ``--input`` schema of ``command`` less the
    inputs the service does not take."""
    schema = input_schema_of(command)
    schema["properties"] = {
        name: value for name, value in schema["properties"].items() if name not in SERVER_EXCLUDED
    }
    schema["required"] = [name for name in schema["required"] if name not in SERVER_EXCLUDED]
    return schema


def _default(param: click.Parameter) -> object:
    default = param.default
    if isinstance(param, click.Option) and param.is_flag:
        return default if isinstance(default, bool) else False
    return default if isinstance(default, str | int) else None


def read_inputs(command: click.Command, data: object) -> dict[str, Any]:
    """The inputs of ``command`` in the JSON value ``data``, converted by the input door;
    a :class:`Problem` (422) for the first value refused."""
    schema = input_schema(command)
    found = problem(data, schema)
    if found is not None:
        if found.key == "cli.json.pattern" and isinstance(data, dict):
            # The door's own words are clearer than a pattern (as for --input).
            key = str(found.figures["where"]).removeprefix("$.")
            _convert(command, key, data.get(key))
        raise Problem.invalid(found)
    assert isinstance(data, dict)  # the schema's type is "object"
    values: dict[str, Any] = {}
    for param in command.params:
        name = param.name
        if name is None or name not in schema["properties"]:
            continue
        if name in data and data[name] is not None:
            values[name] = _convert(command, name, data[name])
        elif param.required:
            raise Problem(422, "server.missing", {"where": f"$.{name}"})
        else:
            default = _default(param)
            values[name] = None if default is None else _convert(command, name, default)
    return values


def _convert(command: click.Command, name: str, value: object) -> Any:
    for param in command.params:
        if param.name == name and isinstance(param.type, ParamType):
            try:
                return param.type.door(value, f"$.{name}")
            except cr.ClaraRulesError as error:
                raise Problem.of(error) from None
    return value


# ---------------------------------------------------------------- the computations


def _cancel(a: Mapping[str, Any]) -> object:
    needed = (a["fee"], a["activated_on"], a["term_months"])
    if all(value is None for value in needed):
        return cr.cancellation_effective_date(a["received_at"], a["desired_month"])
    if any(value is None for value in needed):
        raise Problem.invalid(Message("cli.error.fee_together"))
    return cr.quote_cancellation(_contract(a), a["received_at"], a["desired_month"], a["rounding"])


def _contract(a: Mapping[str, Any]) -> cr.Contract:
    return cr.Contract(
        a["service"],
        a["fee"],
        a["activated_on"],
        a["term_months"],
        special_agreement_term_months=a["special_term_months"],
    )


def _plan_change(a: Mapping[str, Any]) -> object:
    policy = (
        cr.RemainingMonthsPolicy.FROM_NEXT_MONTH
        if a["from_next_month"]
        else cr.RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH
    )
    return cr.plan_change(
        a["service"],
        a["current_fee"],
        a["new_fee"],
        a["term_start_month"],
        a["changed_on"],
        policy,
    )


def _cancel_change(a: Mapping[str, Any]) -> object:
    request = cr.CancellationChangeRequest(
        kind=a["kind"],
        requested_at=a["requested_at"],
        from_registered_contact=a["from_registered_contact"].known,
        customer_number=a["customer_number"],
        service_name=a["service"],
        host_name=a["host_name"],
        accepted_cancellation_on=a["stated_cancellation_on"],
        new_cancellation_on=a["new_cancellation_on"],
        withdrawal_reason=a["withdrawal_reason"],
    )
    return cr.review_cancellation_change(
        request, a["accepted_cancellation_on"], a["fee"], a["rounding"]
    )


def _restore(a: Mapping[str, Any]) -> object:
    day, days = a["provider_day_of_month"], a["provider_days_after_end"]
    if day is not None and days is not None:
        raise Problem.invalid(Message("cli.error.provider_day_or_days"))
    deadline = None
    if day is not None:
        deadline = cr.ProviderDeadline.day_of_next_month(day)
    elif days is not None:
        deadline = cr.ProviderDeadline.days_after_contract_end(days)
    return cr.restore_window(a["name"], a["expires_on"], deadline)


def _ip_plan(a: Mapping[str, Any]) -> object:
    return cr.additional_ip_cancellation_plan(
        a["intent"],
        a["dns"],
        a["panel"],
        end_registration=a["end_registration"],
        provider_is_registrar=a["provider_is_registrar"].known,
        mail_client_uses_additional_ip=a["mail_client"].known,
        host_record_on_additional_ip=a["host_record"].known,
    )


# ---------------------------------------------------------------- rules without a subcommand


def _inputs(name: str, *options: Callable[[Any], Any]) -> click.Command:
    """A command that only describes inputs (it is never run)."""

    def nothing(**_: Any) -> None:  # pragma: no cover - never invoked
        return None

    command: click.Command = click.command(name)(nothing)
    for decorate in reversed(options):
        command = decorate(command)
    return command


_CONTRACT_OPTIONS = (
    click.option("--service", default="service", help="Service name."),
    click.option("--fee", type=YEN, required=True, help="Monthly fee in yen, tax excluded (C6)."),
    click.option("--activated-on", type=DATE, required=True, help="Activation day (C5)."),
    click.option(
        "--term-months", type=WholeType(0, 1200), required=True, help="Minimum term in months."
    ),
    click.option(
        "--special-term-months", type=WholeType(0, 1200), help="Special-agreement term in months."
    ),
)

DEADLINE: Final = _inputs(
    "cancellation-deadline",
    click.option("--month", type=MONTH, required=True, help="The cancellation month (C2)."),
)
OPTIONS: Final = _inputs(
    "cancellation-options",
    *_CONTRACT_OPTIONS,
    click.option("--received-at", type=WHEN, required=True, help="When the form would arrive."),
    click.option(
        "--months", type=WholeType(1, 120), default=12, help="How many months are listed."
    ),
    click.option(
        "--rounding", type=ChoiceType(cr.Rounding), default="down", help="Tax rounding (G3)."
    ),
)
PLAN: Final = _inputs(
    "renewal-plan",
    click.argument("name"),
    click.option("--expires-on", type=DATE, required=True, help="Registry expiry day (D3)."),
    click.option("--today", type=DATE, required=True, help="The day the plan is made for."),
    click.option(
        "--payment",
        type=ChoiceType(cr.PaymentMethod),
        default="credit_card",
        help="How the renewal is paid (D5).",
    ),
    click.option("--domain-only", is_flag=True, help="A domain contract only (D5)."),
    click.option("--paid-on", type=DATE, help="Day the renewal was paid (D6)."),
)


def _deadline(a: Mapping[str, Any]) -> object:
    deadline: pendulum.DateTime = cr.cancellation_deadline(a["month"])
    return {"month": str(a["month"]), "deadline": deadline.isoformat()}


_DEADLINE_SCHEMA: Final = {
    "type": "object",
    "properties": {
        "month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
        "deadline": {"type": "string"},
    },
    "required": ["month", "deadline"],
    "additionalProperties": False,
}


def _computing(command: click.Command) -> tuple[type, ...]:
    return command.outputs if isinstance(command, Computing) else ()


def _cli(
    path: str, command: click.Command, compute: Callable[..., object], summary: str
) -> Endpoint:
    return Endpoint(path, command, _computing(command), compute, summary)


ENDPOINTS: Final[tuple[Endpoint, ...]] = (
    _cli("/cancellation/quote", contracts.cancel, _cancel, "Cancellation date and charge (C2-C6)"),
    Endpoint(
        "/cancellation/deadline",
        DEADLINE,
        (),
        _deadline,
        "Last instant a cancellation form arrives in time for a month (C2)",
        auditable=False,
        output_schema=_DEADLINE_SCHEMA,
    ),
    Endpoint(
        "/cancellation/options",
        OPTIONS,
        (cr.CancellationOptions,),
        lambda a: cr.cancellation_options(
            _contract(a), a["received_at"], a["months"], a["rounding"]
        ),
        "The next cancellation months open, each with its deadline and charge (C2-C6)",
    ),
    _cli(
        "/cancellation/change-review",
        contracts.cancel_change,
        _cancel_change,
        "Review a request to extend or withdraw an accepted cancellation (C7)",
    ),
    _cli(
        "/cancellation/channel",
        contracts.channel,
        lambda a: cr.check_cancellation_channel(a["channel"]),
        "Is a cancellation through this channel accepted? (C1)",
    ),
    _cli(
        "/suspension",
        contracts.suspend,
        lambda a: cr.request_suspension(a["service"]),
        "Can a service be suspended? (C8)",
    ),
    _cli("/plan-change", contracts.plan_change_command, _plan_change, "Plan change (C9-C11)"),
    _cli(
        "/domains/timeline",
        domains.domain,
        lambda a: cr.renewal_timeline(
            a["name"],
            a["expires_on"],
            a["payment"],
            a["domain_only"],
            a["paid_on"],
            a["notice_arrived_on"],
        ),
        "Renewal timeline of a domain (D1-D7)",
    ),
    Endpoint(
        "/domains/plan",
        PLAN,
        (cr.RenewalPlan,),
        lambda a: cr.renewal_plan(
            a["name"], a["expires_on"], a["today"], a["payment"], a["domain_only"], a["paid_on"]
        ),
        "What to do about a domain's renewal on a day, and by when (D1-D9)",
    ),
    _cli("/domains/restore", domains.restore, _restore, "Restore window and fee (D8-D9)"),
    _cli(
        "/domains/status",
        domains.status,
        lambda a: cr.domain_status(a["name"], a["expires_on"], a["on"], a["paid_on"]),
        "Status of a domain on a day (D4, D7, D9)",
    ),
    _cli(
        "/debit",
        domains.debit,
        lambda a: cr.direct_debit(a["notice_arrived_on"]),
        "Direct-debit date for a debit notice (D5, G4)",
    ),
    _cli("/procedures/ip-plan", procedures.ip_plan, _ip_plan, "Cancel an additional IP (P1)"),
    _cli(
        "/procedures/seal",
        procedures.seal,
        lambda a: cr.check_seal(a["kind"], a["full_name"].known, a["electronic"]),
        "Is this seal accepted on an application form? (P2)",
    ),
    _cli(
        "/procedures/delegation-release",
        procedures.delegation_release,
        lambda a: cr.check_delegation_release(
            a["representative_in_contracting_org"].known, a["via_release_form"].known
        ),
        "Can a representative outside the contracting organisation be released? (P3)",
    ),
    _cli(
        "/procedures/contact-change",
        procedures.contact_change,
        lambda a: cr.check_contact_change(
            a["from_registered_contact"].known, a["via_change_form"].known
        ),
        "Can contact details be changed? (P4)",
    ),
    _cli(
        "/procedures/dealer-certificate",
        procedures.dealer_certificate,
        lambda a: cr.check_dealer_certificate_request(
            a["subject"],
            a["head_office_address"],
            a["registered_address"],
            a["by_email_to_support"].known,
        ),
        "Is a second-hand dealer certificate request complete? (P5)",
    ),
    _cli(
        "/procedures/resale",
        procedures.resale,
        lambda a: cr.resale_policy(),
        "May a customer resell the service? (P6)",
    ),
)
"""Every computing endpoint, in the order of the OpenAPI document."""
