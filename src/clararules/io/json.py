"""JSON for services: every result type to and from JSON, built on ``cattrs``.

Dates are ISO 8601 strings, instants ISO 8601 with their JST offset, durations ISO 8601
(``PT3600S``), yen integers, months ``"YYYY-MM"``, rates exact fractions as strings (``"1/10"``),
enums their values, domain names their Unicode form.  Each explanation step carries its rule,
its text key, its figures, and both sentences.  Derived figures that callers need (e.g.
``amount_with_tax``) are written too, and ignored when reading back.

Reading is strict: each field takes exactly the JSON type that :func:`to_json` writes (no
``"false"`` for false, no ``5.9`` for an integer, no ``null`` where a value is required),
dates, instants, months and enums go through the input door (``core.door``), unknown keys are
refused, and every refusal is an :class:`InvalidInput` naming the JSON path of the problem.

>>> import pendulum
>>> from clararules import Month, cancellation_effective_date, CancellationDate
>>> result = cancellation_effective_date(pendulum.datetime(2026, 12, 1, tz="Asia/Tokyo"), Month(2026, 12))
>>> data = to_dict(result)
>>> data["month"], data["effective_on"], data["shifted"], data["explanation"][1]["rule"]
('2027-01', '2027-01-31', True, 'C3')
>>> from_json(to_json(result), CancellationDate) == result
True
>>> from_dict({**data, "shifted": "false"}, CancellationDate)
Traceback (most recent call last):
...
clararules.core.errors.InvalidInputType: cannot read a CancellationDate: $.shifted: expected true or false, got string 'false'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from clararules.contracts.cancellation import (
    CancellationDate,
    CancellationQuote,
    MinimumTermCharge,
)
from clararules.contracts.plan_change import PlanChangeQuote
from clararules.contracts.planning import CancellationOption, CancellationOptions
from clararules.contracts.requests import CancellationChangeReview
from clararules.core.decisions import Decision
from clararules.core.errors import (
    ClaraRulesError,
    InvalidInput,
    InvalidInputType,
    excerpt,
    type_name,
)
from clararules.core.explain import Step
from clararules.core.i18n import has_message
from clararules.core.money import Yen
from clararules.core.months import Month
from clararules.core.tax import TaxedAmount, TaxLine
from clararules.domains.debit import DirectDebit
from clararules.domains.names import DomainName
from clararules.domains.planning import RenewalPlan
from clararules.domains.restore import RestoreWindow
from clararules.domains.status import DomainState
from clararules.domains.timeline import DateWindow, RenewalTimeline
from clararules.io.json_read import (  # noqa: F401  # the hooks this converter registers
    _MAX_DOMAIN_TEXT,
    _MAX_PROBLEMS_PER_CONTAINER,
    _MAX_PROBLEMS_SHOWN,
    MAX_JSON_TEXT,
    _describe,
    _is_enum,
    _json_kind,
    _key_path,
    _not_checked,
    _problems,
    _refusal,
    _structure_bool,
    _structure_date,
    _structure_domain,
    _structure_duration,
    _structure_enum,
    _structure_figures,
    _structure_fraction,
    _structure_instant,
    _structure_int,
    _structure_month,
    _structure_str,
    _structure_yen,
    parse_json,
)
from clararules.procedures.ip import Procedure, ProcedureStep
from clararules.procedures.seals import SealDecision

__all__ = [
    "MAX_JSON_TEXT",
    "RESULT_CLASSES",
    "converter",
    "from_dict",
    "from_json",
    "parse_json",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

RESULT_CLASSES: Final[tuple[type, ...]] = (
    CancellationDate,
    CancellationQuote,
    MinimumTermCharge,
    CancellationChangeReview,
    PlanChangeQuote,
    Decision,
    SealDecision,
    Procedure,
    DirectDebit,
    RenewalTimeline,
    RestoreWindow,
    DomainState,
    TaxedAmount,
    CancellationOptions,
    RenewalPlan,
    # The parts of results, readable on their own too.
    CancellationOption,
    TaxLine,
    DateWindow,
    Step,
    ProcedureStep,
)
"""The classes :func:`from_dict` and :func:`from_json` read: every result type and its parts."""

converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
"""The ``cattrs`` converter behind :func:`to_dict` and :func:`from_dict`, for reuse.

Its structure hooks are strict: exact JSON types, the input door for dates, instants, months
and enums, unknown keys refused.
"""

# ---------------------------------------------------------------- writing


def _unstructure_step(step: Step) -> dict[str, Any]:
    return {
        "rule": step.rule,
        "key": step.key,
        "figures": {k: list(v) if isinstance(v, tuple) else v for k, v in step.figures.items()},
        "en": step.en,
        "ja": step.ja,
    }


converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
converter.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
converter.register_unstructure_hook(pendulum.Duration, lambda d: f"PT{int(d.total_seconds())}S")
converter.register_unstructure_hook(Yen, lambda y: y.amount)
converter.register_unstructure_hook(Month, str)
converter.register_unstructure_hook(Fraction, str)
converter.register_unstructure_hook(DomainName, lambda d: d.unicode)
converter.register_unstructure_hook(Step, _unstructure_step)
# Sets (e.g. the service names of a ServiceList) are written as sorted lists.
converter.register_unstructure_hook_func(
    lambda t: t is frozenset or getattr(t, "__origin__", None) is frozenset,
    lambda value: sorted(value),
)

_DERIVED: Mapping[type, tuple[str, ...]] = {
    MinimumTermCharge: ("amount", "amount_with_tax"),
    PlanChangeQuote: ("amount", "amount_with_tax"),
    CancellationQuote: ("explanation",),
    CancellationChangeReview: (
        "eligible_for_review",
        "extension_charge",
        "extension_charge_with_tax",
        "amount",
        "amount_with_tax",
    ),
    RenewalTimeline: ("debit_on",),
    TaxedAmount: ("with_tax",),
    DateWindow: ("days",),
    Decision: ("reasons", "reasons_ja"),
    SealDecision: ("reasons", "reasons_ja"),
    CancellationOption: ("amount", "amount_with_tax"),
}
"""Keys written by :func:`to_dict` that are computed from the others (ignored when read)."""


def _lazy_steps(cls: type) -> bool:
    """Whether ``cls`` holds its steps as ``_explanation`` (made on first read, core/explain)."""
    return attrs.has(cls) and any(f.name == "_explanation" for f in attrs.fields(cls))


def _unstructure_steps(steps: Any) -> list[dict[str, Any]]:
    made = steps if type(steps) is tuple else steps()
    return [_unstructure_step(step) for step in made]


def _write_overrides(cls: type) -> dict[str, Any]:
    if not _lazy_steps(cls):
        return {}
    return {"_explanation": override(rename="explanation", unstruct_hook=_unstructure_steps)}


def _with_derived(cls: type, names: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    base: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
        cls, converter, **_write_overrides(cls)
    )

    def hook(obj: Any) -> dict[str, Any]:
        data = base(obj)
        for name in names:
            data[name] = converter.unstructure(getattr(obj, name))
        return data

    return hook


# A hook made for a class takes its fields' hooks as registered at that moment.  Results
# whose steps are made on first read come first (a quote holds a date, a domain state a
# window); then the order in which the derived keys were always registered, which the approved
# outputs record (a charge's nested tax, registered before TaxedAmount's, has no ``with_tax``).
# Results added later are registered last, parts first, each with every nested hook in place.
_LATER = (CancellationOption, CancellationOptions, RenewalPlan)
_ORDER = (
    [c for c in RESULT_CLASSES if _lazy_steps(c) and c not in _DERIVED and c not in _LATER]
    + [c for c in _DERIVED if c not in _LATER]
    + list(_LATER)
)
for _cls in _ORDER:
    converter.register_unstructure_hook(_cls, _with_derived(_cls, _DERIVED.get(_cls, ())))


def _homogeneous_tuple(kind: Any) -> bool:
    args = get_args(kind)
    return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _structure_tuple(kind: Any) -> Callable[[object, type], tuple[Any, ...]]:
    item = get_args(kind)[0]
    handler = converter.get_structure_hook(item)

    def hook(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise InvalidInputType(f"expected an array, got {_json_kind(value)}")
        items: list[Any] = []
        errors: list[Exception] = []
        for index, element in enumerate(value):
            if len(errors) == _MAX_PROBLEMS_PER_CONTAINER:
                errors.append(_not_checked("items"))
                break
            try:
                items.append(handler(element, item))
            except Exception as error:  # collected and re-raised with its index, as cattrs does
                error.add_note(IterableValidationNote(f"index {index}", index, item))
                errors.append(error)
        if errors:
            raise IterableValidationError("While structuring an array", errors, kind)
        return tuple(items)

    return hook


# ---------------------------------------------------------------- reading: classes

_READ_OVERRIDES: Mapping[type, Mapping[str, Any]] = {
    Step: {"figures": override(struct_hook=_structure_figures)},
}
_IGNORED_ON_READ: Mapping[type, tuple[str, ...]] = {**_DERIVED, Step: ("en", "ja")}


def _structure_steps(value: object, _: type) -> tuple[Step, ...]:
    steps: tuple[Step, ...] = converter.structure(value, tuple[Step, ...])
    return steps


def _structure_class(cls: type, *, check_derived: bool = True) -> Callable[[object, type], Any]:
    """A strict reader of the attrs class ``cls``: a JSON object, no unknown keys."""
    overrides = dict(_READ_OVERRIDES.get(cls, {}))
    if _lazy_steps(cls):
        overrides["_explanation"] = override(rename="explanation", struct_hook=_structure_steps)
    base: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter, **overrides)
    ignored = _IGNORED_ON_READ.get(cls, ())

    def hook(value: object, _: type) -> Any:
        if not isinstance(value, dict):
            raise InvalidInputType(
                f"expected an object (a {cls.__name__}), got {_json_kind(value)}"
            )
        if any(name in value for name in ignored):
            value = {key: item for key, item in value.items() if key not in ignored}
        result = base(value, cls)
        # A value is valid only if what to_dict writes of it can be computed: the derived
        # figures (e.g. a total within Yen's range) and the two sentences of a step.
        for name in ignored if check_derived else ():
            try:
                getattr(result, name)
            except ClaraRulesError:
                raise
            except (KeyError, IndexError, ValueError, TypeError, AttributeError) as error:
                what = (
                    f"the figures do not fill the sentences of {excerpt(result.key)}"
                    if isinstance(result, Step)
                    else f"its {name} cannot be computed"
                )
                raise InvalidInput(f"{what} ({type(error).__name__})") from None
        return result

    return hook


converter.register_structure_hook(bool, _structure_bool)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(Fraction, _structure_fraction)
converter.register_structure_hook(Yen, _structure_yen)
converter.register_structure_hook(Month, _structure_month)
converter.register_structure_hook(DomainName, _structure_domain)
converter.register_structure_hook(pendulum.Date, _structure_date)
converter.register_structure_hook(pendulum.DateTime, _structure_instant)
converter.register_structure_hook(pendulum.Duration, _structure_duration)
converter.register_structure_hook_factory(_is_enum, _structure_enum)
converter.register_structure_hook_factory(_homogeneous_tuple, _structure_tuple)
converter.register_structure_hook_factory(attrs.has, _structure_class)
_read_step = _structure_class(Step)
_read_recorded_step = _structure_class(Step, check_derived=False)


def _structure_step(value: object, _: type) -> Step:
    """A step as recorded: with its ``en`` and ``ja`` sentences, they are kept as they were
    rendered then (``Step.stored``), so a result written years ago reads back with the texts
    it was shown with, even if a message was reworded or its key renamed since; without them,
    the step is read strictly against today's catalogs."""
    if not isinstance(value, dict) or "en" not in value or "ja" not in value:
        return _read_step(value, Step)  # type: ignore[no-any-return]
    en, ja = value["en"], value["ja"]
    if not isinstance(en, str) or not isinstance(ja, str):
        raise InvalidInputType(
            f"a step's en and ja are strings, got {_json_kind(en)} and {_json_kind(ja)}"
        )
    core = {k: v for k, v in value.items() if k not in ("en", "ja")}
    key = core.get("key")
    if not (isinstance(key, str) and key and not has_message(key)):
        step: Step = _read_recorded_step(core, Step)
        return attrs.evolve(step, stored=(en, ja))
    # A key the catalogs no longer have (renamed since): the recorded sentences stand alone.
    unknown = sorted(set(value) - {"rule", "key", "figures", "en", "ja"})
    if unknown:
        raise InvalidInput(f"unknown key {excerpt(unknown[0])}; a step has rule, key, figures")
    rule, key = value.get("rule"), value.get("key")
    if not isinstance(rule, str) or not isinstance(key, str):
        raise InvalidInputType(
            f"a step's rule and key are strings, got {_json_kind(rule)} and {_json_kind(key)}"
        )
    return Step(rule, key, _structure_figures(value.get("figures", {}), dict), stored=(en, ja))


converter.register_structure_hook(Step, _structure_step)


# ---------------------------------------------------------------- public functions


def to_dict(result: object) -> Any:
    """A result as plain JSON-ready data (dicts, lists, strings, ints, bools, None)."""
    return converter.unstructure(result)


def _accepted_classes() -> str:
    return ", ".join(cls.__name__ for cls in RESULT_CLASSES)


def from_dict(data: Any, cls: type[T]) -> T:
    """A result of type ``cls`` from :func:`to_dict` data (JSON types only).

    Any problem raises :class:`InvalidInput` (or a subclass, such as ``NaiveDateTimeError``)
    naming the JSON path of each problem, e.g. ``$.charge.tax.lines[0].rate``.
    """
    if not any(cls is supported for supported in RESULT_CLASSES):
        if not isinstance(cls, type):
            raise InvalidInputType(
                f"cls must be a result class ({_accepted_classes()}), got {type_name(cls)}"
            )
        raise InvalidInputType(
            f"cannot read a {cls.__name__[:60]} from JSON; the result classes read are "
            f"{_accepted_classes()}"
        )
    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as error:
        raise _refusal(cls, error) from None
    except (ClaraRulesError, KeyError, IndexError, TypeError, ValueError, RecursionError) as error:
        raise _refusal(cls, error) from None


def to_json(result: object, indent: int | None = None) -> str:
    """A result as JSON text (UTF-8 characters kept as they are).

    >>> from clararules import direct_debit
    >>> print(to_json(direct_debit(pendulum.Date(2026, 6, 3)))[:80])
    {"notice_arrived_on": "2026-06-03", "debit_on": "2026-06-29", "debit_month": "20
    """
    return json.dumps(to_dict(result), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """A result of type ``cls`` from :func:`to_json` text (see :func:`from_dict`).

    Text longer than ``MAX_JSON_TEXT``, nesting too deep for the parser, integers of more than
    100 digits, ``NaN``/``Infinity`` and duplicate keys are refused with ``InvalidInput``.
    """
    return from_dict(parse_json(text), cls)
