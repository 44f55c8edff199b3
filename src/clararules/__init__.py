"""clararules: the contract, billing and domain rules of a Japanese hosting provider.

Every function is pure ("now" is an argument), every result explains itself (G5), and every
rule cites its ID from ``docs/rules.md``.

>>> import clararules, pendulum
>>> clararules.cancellation_effective_date(
...     pendulum.datetime(2026, 11, 30, 23, 59, 59, tz="Asia/Tokyo")).effective_on
Date(2026, 12, 31)
"""

import typing as _typing

from clararules.contracts.cancellation import (
    CancellationDate,
    CancellationQuote,
    Contract,
    MinimumTermCharge,
    cancellation_effective_date,
    minimum_term_charge,
    quote_cancellation,
)
from clararules.core.bankdays import (
    JST,
    Month,
    add_days,
    covered_years,
    is_bank_business_day,
    next_bank_business_day,
    previous_bank_business_day,
    to_date,
    to_jst,
)
from clararules.core.decisions import Decision
from clararules.core.errors import (
    CalendarNotCovered,
    ClaraRulesError,
    InvalidDomainName,
    InvalidInput,
    InvalidInputType,
    InvalidMoney,
    InvalidMonth,
    NaiveDateTimeError,
    ParameterNotInForce,
    PaymentMethodNotAllowed,
    PlanChangeNotAllowed,
    UnknownService,
)
from clararules.core.explain import Figure, Step
from clararules.core.money import Rounding, Yen, round_yen
from clararules.core.parameters import (
    ClosingBasis,
    Dated,
    Parameter,
    Parameters,
    RestoreClose,
    RestoreRule,
    ServiceList,
)
from clararules.core.tax import (
    TaxedAmount,
    TaxLine,
    add_consumption_tax,
    consumption_tax_rate,
    tax_parts,
)
from clararules.domains.debit import DirectDebit, direct_debit, direct_debit_on
from clararules.domains.names import DomainKind, DomainName
from clararules.domains.restore import (
    DeadlineRule,
    ProviderDeadline,
    RestoreWindow,
    restore_window,
)
from clararules.domains.status import DomainState, DomainStatus, domain_status
from clararules.domains.timeline import (
    DateWindow,
    PaymentMethod,
    RenewalTimeline,
    contract_end,
    renewal_timeline,
)

if _typing.TYPE_CHECKING:
    from clararules.contracts.plan_change import (
        Direction,
        PlanChangeQuote,
        RemainingMonthsPolicy,
        plan_change,
    )
    from clararules.contracts.planning import (
        CancellationOption,
        CancellationOptions,
        cancellation_deadline,
        cancellation_options,
        first_free_cancellation_month,
    )
    from clararules.contracts.requests import (
        CancellationChangeKind,
        CancellationChangeRequest,
        CancellationChangeReview,
        CancellationChannel,
        ReviewStatus,
        check_cancellation_channel,
        request_suspension,
        review_cancellation_change,
    )
    from clararules.core.parameters import DEFAULT_PARAMETERS
    from clararules.domains.planning import RenewalPlan, renewal_plan
    from clararules.io.audit import audit_schema, to_audit
    from clararules.io.batch import quote_cancellations, renewal_timelines
    from clararules.io.batch_debit import direct_debits
    from clararules.io.batch_restore import restore_windows
    from clararules.io.ics import timeline_events, timeline_to_ics
    from clararules.io.json import from_dict, from_json, to_dict, to_json
    from clararules.io.replay import Difference, Replay, replay
    from clararules.procedures.ip import (
        Actor,
        DnsPattern,
        IpIntent,
        Panel,
        Procedure,
        ProcedureStep,
        additional_ip_cancellation_plan,
    )
    from clararules.procedures.requests import (
        check_contact_change,
        check_dealer_certificate_request,
        check_delegation_release,
        resale_policy,
    )
    from clararules.procedures.seals import SealDecision, SealKind, SealOutcome, check_seal

# The ways results leave and books enter (clararules.io) are imported on first use, not at
# ``import clararules``: JSON brings cattrs, iCalendar brings icalendar (see __getattr__).  So
# are the rule families a billing run of quotes and timelines does not need: plan changes
# (C9-C11), the requests (C1, C7, C8), planning, and the procedures (P1-P6).
_LAZY: _typing.Final[dict[str, str]] = {
    "Direction": "clararules.contracts.plan_change",
    "PlanChangeQuote": "clararules.contracts.plan_change",
    "RemainingMonthsPolicy": "clararules.contracts.plan_change",
    "plan_change": "clararules.contracts.plan_change",
    "CancellationOption": "clararules.contracts.planning",
    "CancellationOptions": "clararules.contracts.planning",
    "cancellation_deadline": "clararules.contracts.planning",
    "cancellation_options": "clararules.contracts.planning",
    "first_free_cancellation_month": "clararules.contracts.planning",
    "CancellationChangeKind": "clararules.contracts.requests",
    "CancellationChangeRequest": "clararules.contracts.requests",
    "CancellationChangeReview": "clararules.contracts.requests",
    "CancellationChannel": "clararules.contracts.requests",
    "ReviewStatus": "clararules.contracts.requests",
    "check_cancellation_channel": "clararules.contracts.requests",
    "request_suspension": "clararules.contracts.requests",
    "review_cancellation_change": "clararules.contracts.requests",
    "RenewalPlan": "clararules.domains.planning",
    "renewal_plan": "clararules.domains.planning",
    "Actor": "clararules.procedures.ip",
    "DnsPattern": "clararules.procedures.ip",
    "IpIntent": "clararules.procedures.ip",
    "Panel": "clararules.procedures.ip",
    "Procedure": "clararules.procedures.ip",
    "ProcedureStep": "clararules.procedures.ip",
    "additional_ip_cancellation_plan": "clararules.procedures.ip",
    "check_contact_change": "clararules.procedures.requests",
    "check_dealer_certificate_request": "clararules.procedures.requests",
    "check_delegation_release": "clararules.procedures.requests",
    "resale_policy": "clararules.procedures.requests",
    "SealDecision": "clararules.procedures.seals",
    "SealKind": "clararules.procedures.seals",
    "SealOutcome": "clararules.procedures.seals",
    "check_seal": "clararules.procedures.seals",
    "Difference": "clararules.io.replay",
    "Replay": "clararules.io.replay",
    "audit_schema": "clararules.io.audit",
    "replay": "clararules.io.replay",
    "to_audit": "clararules.io.audit",
    "quote_cancellations": "clararules.io.batch",
    "direct_debits": "clararules.io.batch_debit",
    "renewal_timelines": "clararules.io.batch",
    "restore_windows": "clararules.io.batch_restore",
    "timeline_events": "clararules.io.ics",
    "timeline_to_ics": "clararules.io.ics",
    "from_dict": "clararules.io.json",
    "from_json": "clararules.io.json",
    "to_dict": "clararules.io.json",
    "to_json": "clararules.io.json",
}

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PARAMETERS",
    "JST",
    "Actor",
    "CalendarNotCovered",
    "CancellationChangeKind",
    "CancellationChangeRequest",
    "CancellationChangeReview",
    "CancellationChannel",
    "CancellationDate",
    "CancellationOption",
    "CancellationOptions",
    "CancellationQuote",
    "ClaraRulesError",
    "ClosingBasis",
    "Contract",
    "DateWindow",
    "Dated",
    "DeadlineRule",
    "Decision",
    "Difference",
    "DirectDebit",
    "Direction",
    "DnsPattern",
    "DomainKind",
    "DomainName",
    "DomainState",
    "DomainStatus",
    "Figure",
    "InvalidDomainName",
    "InvalidInput",
    "InvalidInputType",
    "InvalidMoney",
    "InvalidMonth",
    "IpIntent",
    "MinimumTermCharge",
    "Month",
    "NaiveDateTimeError",
    "Panel",
    "Parameter",
    "ParameterNotInForce",
    "Parameters",
    "PaymentMethod",
    "PaymentMethodNotAllowed",
    "PlanChangeNotAllowed",
    "PlanChangeQuote",
    "Procedure",
    "ProcedureStep",
    "ProviderDeadline",
    "RemainingMonthsPolicy",
    "RenewalPlan",
    "RenewalTimeline",
    "Replay",
    "RestoreClose",
    "RestoreRule",
    "RestoreWindow",
    "ReviewStatus",
    "Rounding",
    "SealDecision",
    "SealKind",
    "SealOutcome",
    "ServiceList",
    "Step",
    "TaxLine",
    "TaxedAmount",
    "UnknownService",
    "Yen",
    "add_consumption_tax",
    "add_days",
    "additional_ip_cancellation_plan",
    "audit_schema",
    "cancellation_deadline",
    "cancellation_effective_date",
    "cancellation_options",
    "check_cancellation_channel",
    "check_contact_change",
    "check_dealer_certificate_request",
    "check_delegation_release",
    "check_seal",
    "consumption_tax_rate",
    "contract_end",
    "covered_years",
    "direct_debit",
    "direct_debit_on",
    "direct_debits",
    "domain_status",
    "first_free_cancellation_month",
    "from_dict",
    "from_json",
    "is_bank_business_day",
    "minimum_term_charge",
    "next_bank_business_day",
    "plan_change",
    "previous_bank_business_day",
    "quote_cancellation",
    "quote_cancellations",
    "renewal_plan",
    "renewal_timeline",
    "renewal_timelines",
    "replay",
    "request_suspension",
    "resale_policy",
    "restore_window",
    "restore_windows",
    "review_cancellation_change",
    "round_yen",
    "tax_parts",
    "timeline_events",
    "timeline_to_ics",
    "to_audit",
    "to_date",
    "to_dict",
    "to_json",
    "to_jst",
]


def __getattr__(name: str) -> _typing.Any:
    # DEFAULT_PARAMETERS is read from the package's data on first use, not at import (G6).
    if name == "DEFAULT_PARAMETERS":
        from clararules.core.parameters import default_parameters

        value = globals()[name] = default_parameters()
        return value
    # The io names are imported on first use, then kept as plain attributes.
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        value = globals()[name] = getattr(importlib.import_module(module), name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, "DEFAULT_PARAMETERS"})
