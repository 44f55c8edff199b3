"""Consumption tax (G3): the rate in force on the date of supply, rounded once per rate."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.calls import Call, recorded
from clararules.core.explain import Step
from clararules.core.frozen import maker
from clararules.core.money import MAX_YEN, Rounding, Yen, round_ratio
from clararules.core.parameters import Parameters, resolve

__all__ = [
    "Charged",
    "TaxLine",
    "TaxedAmount",
    "add_consumption_tax",
    "consumption_tax_rate",
    "percent",
    "tax_parts",
    "taxed_one",
    "taxed_parts",
]


def percent(rate: Fraction) -> str:
    """A rate as a percentage string.

    >>> percent(Fraction(1, 10)), percent(Fraction(1, 40))
    ('10%', '5/2%')
    """
    return f"{rate * 100}%"


def consumption_tax_rate(on: _dt.date | str, parameters: Parameters | None = None) -> Fraction:
    """G3: the standard consumption-tax rate in force on ``on`` (JST).

    >>> consumption_tax_rate(pendulum.Date(2019, 9, 30)), consumption_tax_rate(pendulum.Date(2019, 10, 1))
    (Fraction(2, 25), Fraction(1, 10))
    >>> consumption_tax_rate(pendulum.Date(1989, 3, 31))
    Fraction(0, 1)
    """
    return resolve(parameters).consumption_tax_rate.at(on).value  # at() passes the door


def add_consumption_tax(
    amount: Yen | int,
    on: _dt.date | str,
    rounding: Rounding = Rounding.DOWN,
    parameters: Parameters | None = None,
) -> Yen:
    """G3: ``amount`` (tax-excluded) plus the consumption tax in force on ``on``.

    >>> add_consumption_tax(Yen(30000), pendulum.Date(2026, 10, 31))
    Yen(33000)
    >>> add_consumption_tax(Yen(999), pendulum.Date(2019, 9, 30))
    Yen(1078)
    >>> add_consumption_tax(Yen(999), pendulum.Date(2019, 9, 30), Rounding.UP)
    Yen(1079)
    """
    # tax_parts for one part, without its record (the answer is a Yen, not a result).
    mode = rounding if type(rounding) is Rounding else check.member(rounding, Rounding, "rounding")
    kind = type(on)  # a plain date is looked up as it is; the rest through the door
    day = on if kind is pendulum.Date or kind is _dt.date else check.date(on, "on")
    whole = check.yen_amount(amount, "amount", allow_negative=True, limit=MAX_YEN)
    entry = resolve(parameters).consumption_tax_rate.at(day)  # refused on a day with no rate
    rate = entry.value if type(entry.value) is Fraction else Fraction(entry.value)
    return Yen.of(whole + tax_on(whole, rate, mode).amount)


def _sinces(line: TaxLine) -> str | tuple[str, ...]:
    """The start of the rate as a figure: one ISO date, or all of them when a history states
    the rate more than once (G3)."""
    sinces = line.rate_sinces or (line.rate_since,)
    if len(sinces) == 1:
        return sinces[0].isoformat()
    return tuple(since.isoformat() for since in sinces)


@attrs.frozen
class TaxLine:
    """The tax on the part of a charge supplied while one rate was in force."""

    rate: Fraction
    rate_since: pendulum.Date
    base: Yen
    tax: Yen
    first_supplied: pendulum.Date
    last_supplied: pendulum.Date
    rate_sinces: tuple[pendulum.Date, ...] = ()
    """Every date from which this rate was in force for a part (one, unless the history states
    the rate more than once, G3)."""


def _rounding(value: object) -> Rounding:
    return check.member(value, Rounding, "rounding")


@attrs.frozen
class TaxedAmount:
    """A tax-excluded total, split by rate (G3), with the tax rounded once per rate."""

    base: Yen
    tax: Yen
    lines: tuple[TaxLine, ...]
    rounding: Rounding = attrs.field(converter=_rounding)
    inputs: Call | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What the result was computed from (:class:`~clararules.core.calls.Call`), for
    :func:`~clararules.to_audit`; ``None`` when read from JSON or built by hand."""

    @property
    def with_tax(self) -> Yen:
        """The tax-included total."""
        return self.base + self.tax

    def steps(self) -> tuple[Step, ...]:
        """One G3 explanation step per rate."""
        return tuple(
            Step(
                "G3",
                "G3.rate",
                {
                    "rate": percent(line.rate),
                    "rate_since": _sinces(line),
                    "base_yen": line.base.amount,
                    "tax_yen": line.tax.amount,
                    "supplied": (
                        line.first_supplied.isoformat()
                        if line.first_supplied == line.last_supplied
                        else f"{line.first_supplied}..{line.last_supplied}"
                    ),
                    "rounding": self.rounding.value,
                },
            )
            for line in self.lines
        )


class Charged:
    """A result that carries a charge (C6, C7, C9): one :class:`TaxedAmount` (``tax``) holds
    the tax-excluded amount, the tax lines by rate and the total, and the familiar names read
    from it, so the figures of a charge are never kept twice.
    """

    __slots__ = ()
    tax: TaxedAmount

    @property
    def amount(self) -> Yen:
        """The charge, tax excluded (G2)."""
        return self.tax.base

    @property
    def amount_with_tax(self) -> Yen:
        """The charge with consumption tax, each part at the rate of its supply (G3)."""
        return self.tax.with_tax


def tax_on(amount: int, rate: Fraction, rounding: Rounding) -> Yen:
    """G3: the tax on one rate's total ``amount`` (whole yen), rounded once.

    >>> tax_on(999, Fraction(8, 100), Rounding.UP)
    Yen(80)
    """
    return Yen.of(round_ratio(amount * rate.numerator, rate.denominator, rounding))


def taxed_one(
    day: pendulum.Date, amount: int, rounding: Rounding, parameters: Parameters | None
) -> TaxedAmount:
    """G3 for a charge supplied on one day (a checked day and whole yen): one line at the
    rate in force that day; none for a zero charge.  The case of :func:`tax_parts` that every
    monthly charge is, without its grouping."""
    if not amount:
        return _make_taxed(_ZERO, _ZERO, (), rounding)
    entry = resolve(parameters).consumption_tax_rate.at(day)
    rate = entry.value if type(entry.value) is Fraction else Fraction(entry.value)
    base = Yen.of(amount)
    tax = tax_on(amount, rate, rounding)
    line = _make_line(rate, entry.since, base, tax, day, day, (entry.since,))
    return _make_taxed(base, tax, (line,), rounding)


_ZERO: Final = Yen(0)
# The library's own values, made without the door (their parts are checked above).
_make_line = maker(
    TaxLine, "rate", "rate_since", "base", "tax", "first_supplied", "last_supplied", "rate_sinces"
)
_make_taxed = maker(TaxedAmount, "base", "tax", "lines", "rounding")


@recorded(materialise=("parts",))
def tax_parts(
    parts: Iterable[tuple[_dt.date | str, Yen | int]],
    rounding: Rounding = Rounding.DOWN,
    parameters: Parameters | None = None,
) -> TaxedAmount:
    """G3: tax on a charge made of parts, each with its date of supply.

    Parts supplied under the same rate are added up and taxed once (never per line).

    >>> t = tax_parts([(pendulum.Date(2019, 9, 1), Yen(1000)),
    ...                (pendulum.Date(2019, 10, 1), Yen(1000)),
    ...                (pendulum.Date(2019, 11, 1), Yen(1000))])
    >>> [(str(line.base), str(line.tax)) for line in t.lines]
    [('¥1,000', '¥80'), ('¥2,000', '¥200')]
    >>> t.with_tax
    Yen(3280)
    """
    mode = check.member(rounding, Rounding, "rounding")
    checked = [
        (
            check.date(on, "on"),
            check.yen_amount(amount, "amount", allow_negative=True, limit=MAX_YEN),
        )
        for on, amount in parts
    ]
    return taxed_parts(checked, mode, parameters)


def taxed_parts(
    parts: Iterable[tuple[pendulum.Date, int]], mode: Rounding, parameters: Parameters | None
) -> TaxedAmount:
    """G3 on parts already checked (a JST day and whole yen each): :func:`tax_parts` without
    the input door, for the rules that made the parts themselves (C7, C9)."""
    rates = resolve(parameters).consumption_tax_rate
    # G3: one group per rate *value*, however the history states it (10% then 10% again, or
    # 10% -> 8% -> 10%): the parts at one rate are summed first and rounded once.
    # Groups are keyed by the rate's (numerator, denominator): a Fraction's hash is costly.
    # A group: [rate, the starts it was stated from, the sum, the first and last day supplied].
    groups: dict[tuple[int, int], list[Any]] = {}
    since = until = None  # the days the rate of the last part looked up holds
    group: list[Any] = []
    for day, amount in parts:
        if since is None or day < since or (until is not None and day >= until):
            # Look up only when the day leaves the last rate's span (parts often ascend).
            entry = rates.at(day)
            since, until = entry.since, rates.until(entry)
            value = entry.value
            rate = value if type(value) is Fraction else Fraction(value)
            key = (rate.numerator, rate.denominator)
            group = groups.get(key)  # type: ignore[assignment]
            if group is None:
                group = groups[key] = [rate, [since], 0, day, day]
            elif since not in group[1]:
                group[1].append(since)
        group[2] += amount
        if day < group[3]:
            group[3] = day
        elif day > group[4]:
            group[4] = day
    made = []
    total = tax_total = 0
    for rate, sinces, base, first, last in sorted(groups.values(), key=lambda g: g[3]):
        tax = tax_on(base, rate, mode)  # rounded once per rate
        total += base
        tax_total += tax.amount
        sinces.sort()
        made.append(_make_line(rate, sinces[0], Yen.of(base), tax, first, last, tuple(sinces)))
    return _make_taxed(Yen.of(total), Yen.of(tax_total), tuple(made), mode)
