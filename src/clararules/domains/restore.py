"""Restoring an expired domain (D8-D9): the window, its closing rule, the fee and the flow.

>>> import pendulum
>>> restore_window("example.jp", pendulum.Date(2027, 3, 31)).closes
Date(2027, 4, 20)
>>> dict(restore_window("example.jp", pendulum.Date(2027, 3, 31)).table("ja"))["ドメイン復活申請手数料"]
'¥12,000（税込、うち消費税 ¥1,090、税抜 ¥10,910）'
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from fractions import Fraction
from typing import Final

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import Month, add_days, previous_bank_business_day
from clararules.core.calls import Call, recorded
from clararules.core.errors import InvalidInput
from clararules.core.explain import Explained, Figure, Lazy, Row, Step, Steps
from clararules.core.i18n import render
from clararules.core.money import Rounding, Yen, round_ratio
from clararules.core.parameters import ClosingBasis, Dated, Parameters, RestoreClose, resolve
from clararules.domains.contract_end import contract_end_of, expiry_of
from clararules.domains.names import DomainKind, DomainName, as_domain
from clararules.domains.restore_rules import RestoreRule
from clararules.domains.restore_steps import RegistryFigures, downtime_figure, restore_steps

__all__ = [
    "DeadlineRule",
    "ProviderDeadline",
    "RestoreWindow",
    "restore_window",
]


class DeadlineRule(enum.Enum):
    """The shape of a provider's own restore deadline (D9)."""

    DAY_OF_NEXT_MONTH = "day_of_next_month"
    DAYS_AFTER_CONTRACT_END = "days_after_contract_end"


def _deadline_rule(value: object) -> DeadlineRule:
    return check.member(value, DeadlineRule, "rule")


@attrs.frozen
class ProviderDeadline:
    """A provider's own restore deadline, earlier than the registry's (D9), set by the caller.

    >>> rule = ProviderDeadline.day_of_next_month(15)
    >>> rule.closes(pendulum.Date(2027, 2, 28), pendulum.Date(2027, 2, 21))  # 3/15 is a Monday
    Date(2027, 3, 15)
    >>> ProviderDeadline.days_after_contract_end(17).closes(
    ...     pendulum.Date(2027, 2, 28), pendulum.Date(2027, 2, 21))
    Date(2027, 3, 10)
    >>> print(ProviderDeadline.day_of_next_month(21, roll_back_to_business_day=False).describe())
    the 21st of the month after the registry expiry
    >>> print(rule.describe("ja"))
    ドメイン有効期限の翌月15日（営業日でない場合は前営業日）
    """

    rule: DeadlineRule = attrs.field(converter=_deadline_rule)
    value: int = attrs.field()
    roll_back_to_business_day: bool = attrs.field()

    @value.validator
    def _check_value(self, attribute: object, value: object) -> None:
        if self.rule is DeadlineRule.DAY_OF_NEXT_MONTH:
            check.whole(value, "day", low=1, high=28)
        else:
            check.whole(value, "days", low=1, high=400)

    @roll_back_to_business_day.default
    def _roll_back_default(self) -> bool:
        return self.rule is DeadlineRule.DAY_OF_NEXT_MONTH

    @roll_back_to_business_day.validator
    def _check_roll_back(self, attribute: object, value: object) -> None:
        check.flag(value, "roll_back_to_business_day")
        if value and self.rule is DeadlineRule.DAYS_AFTER_CONTRACT_END:
            raise InvalidInput(key="D9.error.roll_back_days")

    @classmethod
    def day_of_next_month(
        cls, day: int, roll_back_to_business_day: bool = True
    ) -> ProviderDeadline:
        """The ``day`` of the month after the registry expiry, rolled back to a business day."""
        return cls(DeadlineRule.DAY_OF_NEXT_MONTH, day, roll_back_to_business_day)

    @classmethod
    def days_after_contract_end(cls, days: int) -> ProviderDeadline:
        """``days`` days after the contract end."""
        return cls(DeadlineRule.DAYS_AFTER_CONTRACT_END, days, False)

    def closes(self, registry_expiry: pendulum.Date, contract_end: pendulum.Date) -> pendulum.Date:
        """The provider's last day for restore requests."""
        if self.rule is DeadlineRule.DAYS_AFTER_CONTRACT_END:
            return add_days(contract_end, self.value)
        day = add_days((Month.of(registry_expiry) + 1).first_day, self.value - 1)
        return previous_bank_business_day(day) if self.roll_back_to_business_day else day

    @property
    def shape(self) -> str:
        """The message suffix of this rule: ``day_of_next_month`` (``_rolled`` when rolled
        back to a business day) or ``days_after_contract_end``."""
        name = str(self.rule.value)
        if self.rule is DeadlineRule.DAY_OF_NEXT_MONTH and self.roll_back_to_business_day:
            return f"{name}_rolled"
        return name

    @property
    def figures(self) -> dict[str, Figure]:
        """The rule as typed figures: its kind, the day (``day``) or the days (``days``)."""
        number = "days" if self.rule is DeadlineRule.DAYS_AFTER_CONTRACT_END else "day"
        return {
            "deadline": self.rule.value,
            number: self.value,
            "roll_back": self.roll_back_to_business_day,
        }

    def describe(self, lang: str = "en") -> str:
        """The rule as a phrase in ``lang`` (message ``D9.deadline.<shape>``)."""
        return render(f"D9.deadline.{self.shape}", self.figures, lang)


@attrs.frozen
class RestoreWindow(Explained):
    """When and at what cost an expired domain can be restored (D8, D9)."""

    domain: DomainName
    kind: DomainKind
    contract_end: pendulum.Date
    opens: pendulum.Date
    closes: pendulum.Date | None
    """The last day to request a restore; ``None`` when unknown (ask support)."""
    closing_basis: ClosingBasis
    registry_closes: pendulum.Date | None
    provider_closes: pendulum.Date | None
    fee: Yen
    fee_includes_tax: bool
    fee_excluding_tax: Yen
    fee_tax: Yen
    downtime: pendulum.Duration
    _explanation: Steps = attrs.field(alias="explanation", eq=False, repr=False)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    def __contains__(self, day: object) -> bool:
        """Whether the JST day of ``day`` is in the window (a naive datetime is refused, G1)."""
        if not isinstance(day, _dt.date | str):
            return False
        d = check.date(day, "day")
        return self.opens <= d and (self.closes is None or d <= self.closes)

    def _rows(self) -> tuple[Row, ...]:
        fee = Step(
            "D8",
            "D8.fee_row",
            {
                "fee_yen": self.fee.amount,
                "excluded_yen": self.fee_excluding_tax.amount,
                "tax_yen": self.fee_tax.amount,
            },
        )
        return (
            ("domain", self.domain, ""),
            ("kind", self.kind, ""),
            ("contract_end", self.contract_end, ""),
            ("opens", self.opens, ""),
            ("closes", self.closes, ""),
            ("closing_basis", self.closing_basis, ""),
            ("fee", fee, ""),
            ("downtime", *downtime_figure(self.downtime)),
        )


@functools.lru_cache(maxsize=64)
def _minutes(minutes: int) -> pendulum.Duration:
    """D8: a downtime of whole minutes (durations are immutable: one per value)."""
    return pendulum.duration(minutes=minutes)


_Closes = tuple[pendulum.Date, pendulum.Date, Dated[RestoreRule], pendulum.Date | None]
_Fees = tuple[Dated[Yen], Dated[Fraction], Fraction, Yen, Dated[int], pendulum.Duration]
_KEPT: dict[tuple[int, DomainKind, pendulum.Date], tuple[Parameters, _Closes]] = {}
"""The registry's close by (parameters, kind, expiry), and (below) the fee, tax and downtime by
(parameters, opening day): pure functions of small values, kept (.jp expiries are month ends,
so a book repeats them); the parameters object itself is kept with them, so that an id is
never read for another set."""
_FEES: dict[tuple[int, pendulum.Date], tuple[Parameters, _Fees]] = {}
_LIMIT: Final = 8192


def clear_caches() -> None:
    """Forget the figures kept (for tests that check what the code looks up)."""
    _KEPT.clear()
    _FEES.clear()


def _registry_closes(name: DomainName, expiry: pendulum.Date, params: Parameters) -> _Closes:
    """D3, D9: the contract end, the day the window opens, the registry's rule and close."""
    key = (id(params), name.kind, expiry)
    kept = _KEPT.get(key)
    if kept is not None and kept[0] is params:
        return kept[1]
    end = contract_end_of(name, expiry, params)
    opens = add_days(end, 1)
    rule_entry = params.restore_rules[name.kind].at(end)
    rule = rule_entry.value
    if rule.close is RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY:
        assert rule.value is not None
        following = Month.from_index(expiry.year * 12 + expiry.month)  # the month after expiry
        registry_closes: pendulum.Date | None = add_days(following.first_day, rule.value - 1)
    elif rule.close is RestoreClose.DAYS_AFTER_CONTRACT_END:
        assert rule.value is not None
        registry_closes = add_days(end, rule.value)
    else:
        registry_closes = None
    closes = (end, opens, rule_entry, registry_closes)
    if len(_KEPT) >= _LIMIT:
        _KEPT.clear()
    _KEPT[key] = (params, closes)
    return closes


def _fees(opens: pendulum.Date, params: Parameters) -> _Fees:
    """D8: the fee (tax included) with its tax, and the downtime, in force on ``opens``."""
    key = (id(params), opens)
    kept = _FEES.get(key)
    if kept is not None and kept[0] is params:
        return kept[1]
    fee_entry = params.restore_fee.at(opens)
    rate_entry = params.consumption_tax_rate.at(opens)
    rate = rate_entry.value if type(rate_entry.value) is Fraction else Fraction(rate_entry.value)
    fee = fee_entry.value.amount
    # The tax inside a tax-included fee: fee x rate / (1 + rate), rounded down (D8, G3).
    tax = Yen.of(
        round_ratio(fee * rate.numerator, rate.denominator + rate.numerator, Rounding.DOWN)
    )
    downtime_entry = params.restore_downtime_minutes.at(opens)
    fees = (fee_entry, rate_entry, rate, tax, downtime_entry, _minutes(downtime_entry.value))
    if len(_FEES) >= _LIMIT:
        _FEES.clear()
    _FEES[key] = (params, fees)
    return fees


@recorded()
def restore_window(
    domain: DomainName | str,
    registry_expiry: _dt.date,
    provider_deadline: ProviderDeadline | None = None,
    parameters: Parameters | None = None,
) -> RestoreWindow:
    """D8-D9: the restore window, its fee (tax included) and the restore flow.

    >>> w = restore_window("example.co.jp", pendulum.Date(2027, 3, 31))
    >>> w.opens, w.closes, w.closing_basis.value
    (Date(2027, 3, 25), Date(2027, 4, 15), 'registry_rule')
    >>> g = restore_window("example.com", pendulum.Date(2027, 3, 10))
    >>> g.closes, g.closing_basis.value, str(g.fee), g.fee_includes_tax
    (Date(2027, 4, 9), 'estimate', '¥12,000', True)
    >>> restore_window("example.uk", pendulum.Date(2027, 3, 10)).closes is None
    True
    """
    name = as_domain(domain)
    expiry = expiry_of(name, registry_expiry)
    if provider_deadline is not None:
        check.instance(provider_deadline, ProviderDeadline, "provider_deadline")
    params = resolve(parameters)
    closes_ = _registry_closes(name, expiry, params)
    end, opens, rule_entry, registry_closes = closes_
    rule = rule_entry.value
    closes, basis = registry_closes, rule.basis
    provider_closes = None
    if provider_deadline is not None:
        provider_closes = provider_deadline.closes(expiry, end)
        if closes is None or provider_closes < closes:
            closes, basis = provider_closes, ClosingBasis.PROVIDER_DEADLINE
    if closes is not None and closes < opens:
        # A provider deadline before the window opens leaves no window; say so, do not invert.
        raise InvalidInput(
            key="D9.error.window_inverted",
            domain=str(name),
            closes=closes.isoformat(),
            opens=opens.isoformat(),
        )
    # Read only now: a window refused above is refused for that, whatever the fee's dates.
    fee_entry, rate_entry, rate, tax, downtime_entry, downtime = _fees(opens, params)
    registry = RegistryFigures(
        end,
        opens,
        rule_entry,
        registry_closes,
        fee_entry,
        rate_entry,
        rate,
        tax,
        downtime_entry,
        downtime,
    )
    fee = fee_entry.value

    return RestoreWindow(
        domain=name,
        kind=name.kind,
        contract_end=end,
        opens=opens,
        closes=closes,
        closing_basis=basis,
        registry_closes=registry_closes,
        provider_closes=provider_closes,
        fee=fee,
        fee_includes_tax=True,
        fee_excluding_tax=fee - tax,
        fee_tax=tax,
        downtime=downtime,
        explanation=Lazy(
            restore_steps,
            name,
            expiry,
            params,
            registry,
            provider_deadline,
            provider_closes,
            closes,
        ),
    )
