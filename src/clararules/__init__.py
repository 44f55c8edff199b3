"""clararules: the contract, billing and domain rules of a Japanese hosting provider.

Every function is pure ("now" is an argument), every result explains itself (G5), and every
rule cites its ID from ``docs/rules.md``.

>>> import clararules, pendulum
>>> clararules.cancellation_effective_date(
...     pendulum.datetime(2026, 11, 30, 23, 59, 59, tz="Asia/Tokyo")).effective_on
Date(2026, 12, 31)
"""

from ._calendar import (
    JST,
    Month,
    is_bank_business_day,
    next_bank_business_day,
    previous_bank_business_day,
    to_date,
    to_jst,
)
from ._contracts import (
    CancellationChangeKind,
    CancellationChangeRequest,
    CancellationChangeReview,
    CancellationChannel,
    CancellationDate,
    CancellationQuote,
    Contract,
    MinimumTermCharge,
    ReviewStatus,
    cancellation_effective_date,
    check_cancellation_channel,
    minimum_term_charge,
    quote_cancellation,
    request_suspension,
    review_cancellation_change,
)
from ._decisions import Decision
from ._domain_names import DomainKind, DomainName
from ._domains import (
    DateWindow,
    DeadlineRule,
    DirectDebit,
    DomainState,
    DomainStatus,
    PaymentMethod,
    ProviderDeadline,
    RenewalTimeline,
    RestoreWindow,
    contract_end,
    direct_debit,
    direct_debit_on,
    domain_status,
    renewal_timeline,
    restore_window,
)
from ._errors import (
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
from ._explain import Figure, Step
from ._money import Rounding, Yen, round_yen
from ._parameters import (
    DEFAULT_PARAMETERS,
    ClosingBasis,
    Dated,
    Parameter,
    Parameters,
    RestoreClose,
    RestoreRule,
    ServiceList,
)
from ._plan_change import Direction, PlanChangeQuote, RemainingMonthsPolicy, plan_change
from ._tax import TaxedAmount, TaxLine, add_consumption_tax, consumption_tax_rate, tax_parts

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PARAMETERS",
    "JST",
    "CancellationChangeKind",
    "CancellationChangeRequest",
    "CancellationChangeReview",
    "CancellationChannel",
    "CancellationDate",
    "CancellationQuote",
    "ClaraRulesError",
    "ClosingBasis",
    "Contract",
    "DateWindow",
    "Dated",
    "DeadlineRule",
    "Decision",
    "DirectDebit",
    "Direction",
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
    "MinimumTermCharge",
    "Month",
    "NaiveDateTimeError",
    "Parameter",
    "ParameterNotInForce",
    "Parameters",
    "PaymentMethod",
    "PaymentMethodNotAllowed",
    "PlanChangeNotAllowed",
    "PlanChangeQuote",
    "ProviderDeadline",
    "RemainingMonthsPolicy",
    "RenewalTimeline",
    "RestoreClose",
    "RestoreRule",
    "RestoreWindow",
    "ReviewStatus",
    "Rounding",
    "ServiceList",
    "Step",
    "TaxLine",
    "TaxedAmount",
    "UnknownService",
    "Yen",
    "add_consumption_tax",
    "cancellation_effective_date",
    "check_cancellation_channel",
    "consumption_tax_rate",
    "contract_end",
    "direct_debit",
    "direct_debit_on",
    "domain_status",
    "is_bank_business_day",
    "minimum_term_charge",
    "next_bank_business_day",
    "plan_change",
    "previous_bank_business_day",
    "quote_cancellation",
    "renewal_timeline",
    "request_suspension",
    "restore_window",
    "review_cancellation_change",
    "round_yen",
    "tax_parts",
    "to_date",
    "to_jst",
]
