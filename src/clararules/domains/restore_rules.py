"""The registry rules that close a restore window, by kind of domain name (D9).

Their values, dates and sources are data: ``core/data/parameters.toml`` (``restore_<kind>``),
read into dated parameters by ``core/parameter_file.py``.

Internal: import the public names from ``clararules``.
"""

from __future__ import annotations

import enum
import re

import attrs

from clararules.core import door as check
from clararules.core.errors import (
    InvalidInput,
    excerpt,
)

__all__ = ["ClosingBasis", "RestoreClose", "RestoreRule"]


class ClosingBasis(enum.Enum):
    """Where the closing date of a restore window comes from (D9)."""

    REGISTRY_RULE = "registry_rule"
    """A registry's published rule (JPRS, or the registrars' schedule for attribute .jp)."""
    ESTIMATE = "estimate"
    """An estimate from a general rule (gTLD redemption period, assuming deletion at the end)."""
    PROVIDER_DEADLINE = "provider_deadline"
    """The provider's own deadline, set by the caller, which falls before the registry's."""
    UNKNOWN = "unknown"
    """Not known: ask support."""


class RestoreClose(enum.Enum):
    """How a restore window's closing date is computed (D9)."""

    DAY_OF_MONTH_AFTER_EXPIRY = "day_of_month_after_expiry"
    """The given day of the month after the registry expiry month."""
    DAYS_AFTER_CONTRACT_END = "days_after_contract_end"
    """The given number of days after the contract end."""
    UNKNOWN = "unknown"


def _close(value: object) -> RestoreClose:
    return check.member(value, RestoreClose, "close")


def _basis(value: object) -> ClosingBasis:
    return check.member(value, ClosingBasis, "basis")


_SUMMARY_KEY = re.compile(r"D9\.rule\.[a-z0-9_]{1,40}")
"""The keys of the D9 sentences that state a restore rule (``D9.rule.jprs``...)."""


def _summary(value: object) -> str:
    key = check.text(value, "summary")
    if not _SUMMARY_KEY.fullmatch(key):
        raise InvalidInput(key="D9.error.summary_key", got=excerpt(key))
    return key


_NO_CLOSE_SUMMARIES = frozenset({"D9.rule.attribute_jp_unpublished", "D9.rule.unknown"})
"""The D9 sentences of a rule whose close is unknown (they name no closing date)."""


def _check_summary(instance: RestoreRule, attribute: object, value: str) -> None:
    if (instance.close is RestoreClose.UNKNOWN) != (value in _NO_CLOSE_SUMMARIES):
        raise InvalidInput(
            key="D9.error.summary_close", summary=excerpt(value), close=instance.close.value
        )


def _check_rule_value(instance: RestoreRule, attribute: object, value: int | None) -> None:
    if instance.close is RestoreClose.UNKNOWN:
        if value is not None:
            raise InvalidInput(key="D9.error.rule_value_unknown", got=excerpt(value))
    elif instance.close is RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY:
        check.whole(value, "restore rule day of month", low=1, high=28)
    else:
        check.whole(value, "restore rule days after the contract end", low=1, high=400)


@attrs.frozen
class RestoreRule:
    """The registry rule closing the restore window of one kind of domain name (D9).

    ``value`` is the day of the month (1..28, a day every month has) or the number of days
    (1..400); ``None`` when the close is unknown.  ``summary`` is the key of the D9 sentence
    that states the rule in the explanation (``D9.rule.jprs``, ``D9.rule.attribute_jp``,
    ``D9.rule.attribute_jp_unpublished``, ``D9.rule.gtld``, ``D9.rule.unknown``); its figures
    are the kind of name, the rule's start (``rule_since``), ``value``, the registry's closing
    date (``closes``, ``None`` when unknown) and ``basis``.  A rule with an unknown close takes
    one of the sentences that say so (``...unpublished``, ``...unknown``).

    >>> RestoreRule(RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY, 25, ClosingBasis.REGISTRY_RULE,
    ...             "D9.rule.jprs").summary
    'D9.rule.jprs'
    """

    close: RestoreClose = attrs.field(converter=_close)
    value: int | None = attrs.field(validator=_check_rule_value)
    basis: ClosingBasis = attrs.field(converter=_basis)
    summary: str = attrs.field(converter=_summary, validator=_check_summary)
