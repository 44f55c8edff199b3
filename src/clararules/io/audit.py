"""Audit records (G5, G6): what a result was computed from, to check it again years later.

:func:`to_audit` writes a result as a record in the format ``clararules.audit.v1`` (JSON-ready;
its JSON Schema is :func:`audit_schema`, published in ``docs/audit.md``):

- ``format``, and the ``library`` name and version that computed it;
- ``computation``: the rule function, and ``inputs``: the arguments it was given (as JSON:
  dates ISO 8601, instants with their JST offset, months ``YYYY-MM``, yen integers, choices
  their values, a contract or request an object of its fields);
- ``parameters``: for a computation that reads dated parameters (G6), the ``fingerprint`` of
  the whole set (``core/parameter_set.py``), the values ``read`` with their dates and sources,
  and the whole ``set`` — or ``null`` for a computation that reads none;
- ``result_type`` and ``result``: the result as :func:`~clararules.to_dict` writes it, each
  step with its rule, figures and both sentences as they were rendered then.

:func:`replay` computes the result again from the recorded inputs with the recorded parameter
set — not today's defaults — and compares it with the recorded one: :attr:`Replay.identical`,
and each :class:`Difference` (JSON path, recorded value, recomputed value).  A sentence
worded differently today is listed in :attr:`Replay.wording` and does not count as a
difference; a changed figure, field, rule or message key does.

>>> import clararules, pendulum
>>> quote = clararules.quote_cancellation(
...     clararules.Contract("Flex Web", 5000, "2026-04-15", 12), "2026-09-30T10:00:00+09:00")
>>> record = to_audit(quote)
>>> record["format"], record["computation"], record["inputs"]["received_at"]
('clararules.audit.v1', 'quote_cancellation', '2026-09-30T10:00:00+09:00')
>>> [(r["parameter"], r["since"], r["value"]) for r in record["parameters"]["read"]]
[('consumption_tax_rate', '2019-10-01', '1/10')]
>>> from clararules import replay
>>> replay(record).identical
True
>>> record["result"]["charge"]["amount"] = 1
>>> print(replay(record).differences[0])
$.result.charge.amount: recorded 1, recomputed 30000
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import importlib.resources
import inspect
import json
import numbers
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from clararules.core.calls import computations, is_call
from clararules.core.door import to_jst
from clararules.core.errors import (
    InvalidInput,
    InvalidInputType,
    type_name,
)
from clararules.core.money import Yen
from clararules.core.months import Month
from clararules.core.parameter_set import canonical, fingerprint
from clararules.core.parameters import resolve
from clararules.domains.names import DomainName

# clararules.io.json and clararules.io.json_read (they bring cattrs) are imported in the
# functions that write or read JSON, when they are first called, not at import.

__all__ = [
    "ABSENT",
    "FORMAT",
    "SINCE_FIGURES",
    "audit_schema",
    "to_audit",
]

FORMAT: Final = "clararules.audit.v1"
"""The format id of the records this version writes and reads."""

_KEYS: Final = (
    "format",
    "library",
    "computation",
    "inputs",
    "parameters",
    "result_type",
    "result",
)

SINCE_FIGURES: Final[Mapping[str, str]] = {
    "rate_since": "consumption_tax_rate",
    "rate_sinces": "consumption_tax_rate",  # a tax line's starts, when one rate had several
    "eol_since": "os_support_ended",
    "annual_since": "annual_prepaid_services",
    "contract_year_since": "contract_year_months",
    "fee_since": "restore_fee",
    "order_window_since": "order_window_days",
    "fee_notice_since": "fee_notice_days",
    "jp_contract_end_since": "jp_contract_end_days",
    "debit_day_since": "debit_day",
    "notice_delay_since": "debit_notice_delay_days",
    "reminder_days_since": "reminder_days",
    "downtime_since": "restore_downtime_minutes",
    "rule_since": "restore_{kind}",  # the restore rule of the step's kind of name (D9)
}
"""The step figure (or tax-line field) naming the start of each parameter value a
computation read (G5, G6), and the parameter it belongs to."""


class _Absent:
    """The value on one side of a difference where that side has no such field."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ABSENT"

    def __eq__(self, other: object) -> bool:
        # By class name, not identity: a second import of this module (a doctest runner's)
        # makes a second marker that must still compare equal.
        return type(other).__name__ == "_Absent"

    def __hash__(self) -> int:
        return hash("_Absent")

    def __reduce__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent()
"""Stands for a field that one side of a :class:`Difference` does not have."""


@functools.cache
def audit_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of ``clararules.audit.v1`` records, as shipped with the
    package (``clararules/io/data/audit.v1.schema.json``).

    >>> audit_schema()["properties"]["format"]["const"]
    'clararules.audit.v1'
    """
    text = importlib.resources.files("clararules.io").joinpath("data", "audit.v1.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


# ---------------------------------------------------------------- writing


def _plain(value: object, function: str, name: str) -> Any:
    """An argument as JSON that the function's input door reads back as the same value."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Yen):
        return value.amount
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Month):
        return str(value)
    if isinstance(value, _dt.datetime):
        return to_jst(value).isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, DomainName):
        return value.unicode
    if attrs.has(type(value)):
        return {
            field.name: _plain(getattr(value, field.name), function, f"{name}.{field.name}")
            for field in attrs.fields(type(value))  # type: ignore[arg-type]
            if field.init
        }
    if isinstance(value, tuple | list):
        return [_plain(item, function, name) for item in value]
    raise InvalidInputType(
        key="audit.error.input_type", function=function, name=name, got=type_name(value)
    )


def _tables(data: Any) -> list[Mapping[str, Any]]:
    """Every JSON object in a result, nested results and steps' figures included, in order."""
    found: list[Mapping[str, Any]] = []
    if isinstance(data, dict):
        found.append(data)
        for value in data.values():
            found.extend(_tables(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(_tables(value))
    return found


def _read(result: Any, document: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The parameter values the result names (its steps' figures, its tax lines' rate
    starts), each once, in the order first named, with their dates and sources."""
    read: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for table in _tables(result):
        for figure, template in SINCE_FIGURES.items():
            if figure not in table:
                continue
            name = template.format(kind=table.get("kind"))
            sinces = table[figure]
            for since in sinces if isinstance(sinces, list) else [sinces]:
                if (name, since) in seen:
                    continue
                seen.add((name, since))
                entry = next(e for e in document.get(name, ()) if e["since"] == since)
                read.append({"parameter": name, **entry})
    return read


def _takes_parameters(function: Callable[..., Any]) -> bool:
    return "parameters" in inspect.signature(function).parameters


def to_audit(result: object) -> dict[str, Any]:
    """The audit record of a result, JSON-ready (``json.dumps`` writes it as it is).

    The result must be one returned by a rule function (it carries its inputs); a result read
    from JSON or built by hand is refused with :class:`InvalidInput`.
    """
    call: Any = getattr(result, "inputs", None)
    known = computations()
    if not is_call(call) or call.function not in known:
        raise InvalidInput(key="audit.error.no_inputs", type=type_name(result))
    function = known[call.function]
    inputs = {
        name: _plain(value, call.function, name)
        for name, value in call.arguments.items()
        if name != "parameters"
    }
    from clararules.io.json import to_dict

    written = to_dict(result)
    parameters: dict[str, Any] | None = None
    if _takes_parameters(function):
        used = resolve(call.arguments.get("parameters"))
        document = canonical(used)
        parameters = {
            "fingerprint": fingerprint(document),
            "read": _read(written, document),
            "set": document,
        }
    from clararules import __version__

    return {
        "format": FORMAT,
        "library": {"name": "clararules", "version": __version__},
        "computation": call.function,
        "inputs": inputs,
        "parameters": parameters,
        "result_type": type(result).__name__,
        "result": written,
    }
