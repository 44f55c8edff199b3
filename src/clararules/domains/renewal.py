"""Domain renewal, payment, expiry and restore (D1-D9): the names of the rule modules.

Internal and kept for the modules that import from here; the rules live in
:mod:`~clararules.domains.timeline` (D1-D7), :mod:`~clararules.domains.debit` (D5),
:mod:`~clararules.domains.restore` (D8-D9) and :mod:`~clararules.domains.status` (D4, D7).
"""

from __future__ import annotations

from clararules.domains.debit import DEBIT_DAY, DirectDebit, direct_debit, direct_debit_on
from clararules.domains.restore import (
    RESTORE_DOWNTIME,
    DeadlineRule,
    ProviderDeadline,
    RestoreWindow,
    restore_window,
)
from clararules.domains.status import DomainState, DomainStatus, domain_status
from clararules.domains.timeline import (
    DEBIT_NOTICE_DELAY_DAYS,
    FEE_NOTICE_DAYS,
    JP_CONTRACT_END_DAYS,
    ORDER_WINDOW_DAYS,
    REMINDER_DAYS,
    DateWindow,
    PaymentMethod,
    RenewalTimeline,
    check_payment,
    contract_end,
    contract_end_of,
    expiry_of,
    not_month_end,
    renewal_timeline,
)

__all__ = [
    "DEBIT_DAY",
    "DEBIT_NOTICE_DELAY_DAYS",
    "FEE_NOTICE_DAYS",
    "JP_CONTRACT_END_DAYS",
    "ORDER_WINDOW_DAYS",
    "REMINDER_DAYS",
    "RESTORE_DOWNTIME",
    "DateWindow",
    "DeadlineRule",
    "DirectDebit",
    "DomainState",
    "DomainStatus",
    "PaymentMethod",
    "ProviderDeadline",
    "RenewalTimeline",
    "RestoreWindow",
    "check_payment",
    "contract_end",
    "contract_end_of",
    "direct_debit",
    "direct_debit_on",
    "domain_status",
    "expiry_of",
    "not_month_end",
    "renewal_timeline",
    "restore_window",
]
