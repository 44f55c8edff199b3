"""JSON for services: every result type to and from JSON, built on ``cattrs``.

Dates are ISO 8601 strings, instants ISO 8601 with their JST offset, durations ISO 8601
(``PT3600S``), yen integers, months ``"YYYY-MM"``, rates exact fractions as strings (``"1/10"``),
enums their values, domain names their Unicode form.  Each explanation step carries its rule,
its text key, its figures, and both sentences.  Derived figures that callers need (e.g.
``amount_with_tax``) are written too, and ignored when reading back.

>>> import pendulum
>>> from clararules import Month, cancellation_effective_date, CancellationDate
>>> result = cancellation_effective_date(pendulum.datetime(2026, 12, 1, tz="Asia/Tokyo"), Month(2026, 12))
>>> data = to_dict(result)
>>> data["month"], data["effective_on"], data["shifted"], data["explanation"][1]["rule"]
('2027-01', '2027-01-31', True, 'C3')
>>> from_json(to_json(result), CancellationDate) == result
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, TypeVar

import cattrs
import pendulum
from cattrs.gen import make_dict_unstructure_fn

from ._calendar import JST, Month
from ._contracts import (
    CancellationChangeReview,
    CancellationQuote,
    MinimumTermCharge,
)
from ._decisions import Decision
from ._domain_names import DomainName
from ._domains import DateWindow, RenewalTimeline
from ._errors import InvalidInput, InvalidInputType
from ._explain import Step
from ._money import Yen
from ._plan_change import PlanChangeQuote
from ._procedures import SealDecision
from ._tax import TaxedAmount

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")

converter = cattrs.Converter()
"""The ``cattrs`` converter behind :func:`to_dict` and :func:`from_dict`, for reuse."""


def _structure_date(value: Any, _: type) -> pendulum.Date:
    return pendulum.Date.fromisoformat(value)


def _structure_datetime(value: Any, _: type) -> pendulum.DateTime:
    parsed = pendulum.parse(value)
    if not isinstance(parsed, pendulum.DateTime):
        raise InvalidInput(f"expected an ISO 8601 date-time with offset, got {value!r}")
    return parsed.in_timezone(JST)


def _structure_duration(value: Any, _: type) -> pendulum.Duration:
    parsed = pendulum.parse(value)
    if not isinstance(parsed, pendulum.Duration):
        raise InvalidInput(f"expected an ISO 8601 duration such as 'PT3600S', got {value!r}")
    return parsed


def _unstructure_step(step: Step) -> dict[str, Any]:
    return {
        "rule": step.rule,
        "key": step.key,
        "figures": dict(step.figures),
        "en": step.en,
        "ja": step.ja,
    }


def _structure_step(value: Any, _: type) -> Step:
    return Step(value["rule"], value["key"], dict(value.get("figures", {})))


converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
converter.register_structure_hook(pendulum.Date, _structure_date)
converter.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
converter.register_unstructure_hook(pendulum.Duration, lambda d: f"PT{int(d.total_seconds())}S")
converter.register_structure_hook(pendulum.Duration, _structure_duration)
converter.register_unstructure_hook(Yen, lambda y: y.amount)
converter.register_structure_hook(Yen, lambda v, _: Yen(v))
converter.register_unstructure_hook(Month, str)
converter.register_structure_hook(Month, lambda v, _: Month.parse(v))
converter.register_unstructure_hook(Fraction, str)
converter.register_structure_hook(Fraction, lambda v, _: Fraction(v))
converter.register_unstructure_hook(DomainName, lambda d: d.unicode)
converter.register_structure_hook(DomainName, lambda v, _: DomainName.parse(v))
converter.register_unstructure_hook(Step, _unstructure_step)
# Sets (e.g. the service names of a ServiceList) are written as sorted lists.
converter.register_unstructure_hook_func(
    lambda t: t is frozenset or getattr(t, "__origin__", None) is frozenset,
    lambda value: sorted(value),
)
converter.register_structure_hook(Step, _structure_step)

_DERIVED: Mapping[type, tuple[str, ...]] = {
    MinimumTermCharge: ("amount_with_tax",),
    PlanChangeQuote: ("amount_with_tax",),
    CancellationQuote: ("explanation",),
    CancellationChangeReview: ("eligible_for_review", "extension_charge_with_tax"),
    RenewalTimeline: ("debit_on",),
    TaxedAmount: ("with_tax",),
    DateWindow: ("days",),
    Decision: ("reasons", "reasons_ja"),
    SealDecision: ("reasons", "reasons_ja"),
}


def _with_derived(cls: type, names: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    base: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter)

    def hook(obj: Any) -> dict[str, Any]:
        data = base(obj)
        for name in names:
            data[name] = converter.unstructure(getattr(obj, name))
        return data

    return hook


for _cls, _names in _DERIVED.items():
    converter.register_unstructure_hook(_cls, _with_derived(_cls, _names))


def to_dict(result: object) -> Any:
    """A result as plain JSON-ready data (dicts, lists, strings, ints, bools, None)."""
    return converter.unstructure(result)


def from_dict(data: Any, cls: type[T]) -> T:
    """A result of type ``cls`` from :func:`to_dict` data; bad data raises ``InvalidInput``."""
    try:
        return converter.structure(data, cls)
    except (
        cattrs.BaseValidationError,
        AttributeError,
        IndexError,
        KeyError,
        TypeError,
        ValueError,
    ) as error:
        if isinstance(error, InvalidInput):
            raise
        raise InvalidInput(f"cannot read a {cls.__name__} from this data: {error!r}") from None


def to_json(result: object, indent: int | None = None) -> str:
    """A result as JSON text (UTF-8 characters kept as they are).

    >>> from clararules import direct_debit
    >>> print(to_json(direct_debit(pendulum.Date(2026, 6, 3)))[:80])
    {"notice_arrived_on": "2026-06-03", "debit_on": "2026-06-29", "debit_month": "20
    """
    return json.dumps(to_dict(result), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """A result of type ``cls`` from :func:`to_json` text."""
    if not isinstance(text, str | bytes):
        raise InvalidInputType(f"expected JSON text, got {type(text).__name__}")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput(f"not valid JSON: {error}") from None
    return from_dict(data, cls)
