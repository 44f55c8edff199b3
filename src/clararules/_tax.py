"""Consumption tax (G3): the rate in force on the date of supply, rounded once per rate."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from fractions import Fraction

import attrs
import pendulum

from . import _validate as check
from ._calendar import to_date
from ._errors import InvalidMoney
from ._explain import Step, register_texts
from ._money import Rounding, Yen, round_yen
from ._parameters import Parameters, resolve, since_text

__all__ = [
    "TaxLine",
    "TaxedAmount",
    "add_consumption_tax",
    "consumption_tax_rate",
    "percent",
    "tax_parts",
]

register_texts(
    {
        "G3.rate": (
            "Consumption tax {rate} (in force from {rate_since}) on {base_yen!y} supplied "
            "{supplied}: {tax_yen!y}, rounded {rounding} once for this rate.",
            "{supplied}の提供分 {base_yen!y} に消費税 {rate}（{rate_since} 施行）: {tax_yen!y}"
            "（この税率の合計で一度だけ{rounding_ja}）。",
        ),
    }
)

_ROUNDING_JA = {Rounding.DOWN: "切り捨て", Rounding.HALF_UP: "四捨五入", Rounding.UP: "切り上げ"}


def percent(rate: Fraction) -> str:
    """A rate as a percentage string.

    >>> percent(Fraction(1, 10)), percent(Fraction(1, 40))
    ('10%', '5/2%')
    """
    return f"{rate * 100}%"


def consumption_tax_rate(on: _dt.date, parameters: Parameters | None = None) -> Fraction:
    """G3: the standard consumption-tax rate in force on ``on`` (JST).

    >>> consumption_tax_rate(pendulum.Date(2019, 9, 30)), consumption_tax_rate(pendulum.Date(2019, 10, 1))
    (Fraction(2, 25), Fraction(1, 10))
    >>> consumption_tax_rate(pendulum.Date(1989, 3, 31))
    Fraction(0, 1)
    """
    return resolve(parameters).consumption_tax_rate.at(on).value


def add_consumption_tax(
    amount: Yen,
    on: _dt.date,
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
    return tax_parts(
        [(check.date(on, "on"), check.yen(amount, "amount", allow_negative=True))],
        rounding,
        parameters,
    ).with_tax


@attrs.frozen
class TaxLine:
    """The tax on the part of a charge supplied while one rate was in force."""

    rate: Fraction
    rate_since: pendulum.Date
    base: Yen
    tax: Yen
    first_supplied: pendulum.Date
    last_supplied: pendulum.Date


@attrs.frozen
class TaxedAmount:
    """A tax-excluded total, split by rate (G3), with the tax rounded once per rate."""

    base: Yen
    tax: Yen
    lines: tuple[TaxLine, ...]
    rounding: Rounding

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
                    "rate_since": since_text(line.rate_since),
                    "base_yen": line.base.amount,
                    "tax_yen": line.tax.amount,
                    "supplied": (
                        line.first_supplied.isoformat()
                        if line.first_supplied == line.last_supplied
                        else f"{line.first_supplied}..{line.last_supplied}"
                    ),
                    "rounding": self.rounding.value,
                    "rounding_ja": _ROUNDING_JA[self.rounding],
                },
            )
            for line in self.lines
        )


def tax_parts(
    parts: Iterable[tuple[_dt.date, Yen]],
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
    if not isinstance(rounding, Rounding):
        raise InvalidMoney(f"rounding must be a Rounding (DOWN, HALF_UP, UP), got {rounding!r}")
    rates = resolve(parameters).consumption_tax_rate
    groups: dict[pendulum.Date, tuple[Fraction, list[int], list[pendulum.Date]]] = {}
    for on, amount in parts:
        day = to_date(on)
        entry = rates.at(day)
        _rate, amounts, days = groups.setdefault(entry.since, (Fraction(entry.value), [], []))
        amounts.append(check.yen(amount, "amount", allow_negative=True).amount)
        days.append(day)
    lines = tuple(
        TaxLine(
            rate,
            since,
            Yen(sum(amounts)),
            round_yen(Fraction(sum(amounts) * rate.numerator, rate.denominator), rounding),
            min(days),
            max(days),
        )
        for since, (rate, amounts, days) in sorted(groups.items())
    )
    total = Yen(sum(line.base.amount for line in lines))
    tax_total = Yen(sum(line.tax.amount for line in lines))
    return TaxedAmount(total, tax_total, lines, rounding)
