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
    ClaraRulesError,
    InvalidInput,
    InvalidInputType,
    excerpt,
    type_name,
)
from clararules.core.i18n import render
from clararules.core.money import Yen
from clararules.core.months import Month
from clararules.core.parameter_set import canonical, fingerprint, from_document
from clararules.core.parameters import Parameters, resolve
from clararules.domains.names import DomainName

# clararules.io.json and clararules.io.json_read (they bring cattrs) are imported in the
# functions that write or read JSON, when they are first called, not at import.

__all__ = [
    "ABSENT",
    "FORMAT",
    "SINCE_FIGURES",
    "Difference",
    "Replay",
    "audit_schema",
    "replay",
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


# ---------------------------------------------------------------- replaying


@attrs.frozen
class Difference:
    """A field of a replayed record whose recorded and recomputed values differ.

    ``path`` is the field's JSON path in the record (``$.result.charge.amount``); a side
    that has no such field holds :data:`ABSENT`.
    """

    path: str
    recorded: object
    recomputed: object

    def __str__(self) -> str:
        return (
            f"{self.path}: recorded {_shown(self.recorded)}, recomputed {_shown(self.recomputed)}"
        )

    def text(self, lang: str = "en") -> str:
        """The difference as one line in ``lang``."""
        return render(
            "audit.difference",
            {
                "path": self.path,
                "recorded": _shown(self.recorded, lang),
                "recomputed": _shown(self.recomputed, lang),
            },
            lang,
        )


def _shown(value: object, lang: str = "en") -> str:
    if value == ABSENT:
        return render("audit.absent", {}, lang)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN]}…[+{len(text) - _SHOWN}]"


_SHOWN: Final = 80
"""The most characters of a value a difference line shows (cut with the count left out)."""


@attrs.frozen
class Replay:
    """What :func:`replay` found: the recomputed result and how it differs from the record."""

    computation: str
    recorded_version: str
    """The version of clararules that wrote the record."""
    version: str
    """The version of clararules that replayed it."""
    differences: tuple[Difference, ...]
    """Every field whose value differs (figures, fields, rules, message keys, the parameter
    set's fingerprint and the values read)."""
    wording: tuple[Difference, ...]
    """Sentences worded differently today than in the record (no difference in substance)."""
    result: object = attrs.field(eq=False, repr=False)
    """The result computed again."""

    @property
    def identical(self) -> bool:
        """Whether the recomputed result is the recorded one (wording aside)."""
        return not self.differences

    def explain(self, lang: str = "en") -> str:
        """A summary line, then one line per difference and per rewording."""
        figures = {
            "computation": self.computation,
            "recorded_version": self.recorded_version,
            "version": self.version,
        }
        key = "audit.replay.identical" if self.identical else "audit.replay.different"
        lines = [render(key, figures, lang)]
        lines += [f"  {d.text(lang)}" for d in self.differences]
        if self.wording:
            lines.append(render("audit.replay.wording", {}, lang))
            lines += [f"  {d.text(lang)}" for d in self.wording]
        return "\n".join(lines)


_WORDING_KEYS: Final = frozenset({"reasons", "reasons_ja"})
"""Result fields that are sentences (a Decision's reasons), compared as wording."""


def _compare(
    path: str,
    recorded: object,
    recomputed: object,
    differences: list[Difference],
    wording: list[Difference],
    in_step: bool = False,
) -> None:
    from clararules.io.json_read import _key_path

    if isinstance(recorded, dict) and isinstance(recomputed, dict):
        step = {"rule", "key", "figures"} <= recorded.keys()
        for key in [*recorded, *(k for k in recomputed if k not in recorded)]:
            where = _key_path(path, key)
            old, new = recorded.get(key, ABSENT), recomputed.get(key, ABSENT)
            if (step and key in ("en", "ja")) or key in _WORDING_KEYS:
                if old != new:
                    wording.append(Difference(where, old, new))
                continue
            _compare(where, old, new, differences, wording, step)
        return
    if isinstance(recorded, list) and isinstance(recomputed, list):
        for index in range(max(len(recorded), len(recomputed))):
            old = recorded[index] if index < len(recorded) else ABSENT
            new = recomputed[index] if index < len(recomputed) else ABSENT
            _compare(f"{path}[{index}]", old, new, differences, wording)
        return
    if type(recorded) is not type(recomputed) or recorded != recomputed:
        differences.append(Difference(path, recorded, recomputed))


def _field(record: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    value = record[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise InvalidInputType(
            key="audit.error.field", path=f"$.{key}", expected=what, got=type_name(value)
        )
    return value


def _envelope(record: object) -> Mapping[str, Any]:
    if isinstance(record, str | bytes):
        from clararules.io.json import parse_json

        record = parse_json(record)
    if not isinstance(record, Mapping):
        raise InvalidInputType(key="audit.error.record_type", got=type_name(record))
    if record.get("format") != FORMAT:
        raise InvalidInput(
            key="audit.error.format", got=excerpt(record.get("format")), expected=FORMAT
        )
    unknown = [key for key in record if key not in _KEYS]
    missing = [key for key in _KEYS if key not in record]
    if unknown or missing:
        raise InvalidInput(
            key="audit.error.keys", unknown=tuple(map(excerpt, unknown)), missing=tuple(missing)
        )
    library = _field(record, "library", dict, "object")
    if not isinstance(library.get("version"), str):
        raise InvalidInputType(
            key="audit.error.field",
            path="$.library.version",
            expected="string",
            got=type_name(library.get("version")),
        )
    computation = _field(record, "computation", str, "string")
    known = computations()
    if computation not in known:
        raise InvalidInput(
            key="audit.error.computation", got=excerpt(computation), known=tuple(known)
        )
    _field(record, "inputs", dict, "object")
    _field(record, "result_type", str, "string")
    _field(record, "result", dict, "object")
    return record


_COMPOSITES: Final[Mapping[str, str]] = {
    "contract": "clararules.contracts.cancellation:Contract",
    "request": "clararules.contracts.requests:CancellationChangeRequest",
    "provider_deadline": "clararules.domains.restore:ProviderDeadline",
}
"""Arguments that are values of a class, recorded as an object of its fields."""


def _argument(name: str, value: Any) -> Any:
    if name not in _COMPOSITES or not isinstance(value, dict):
        return value
    module, _, cls_name = _COMPOSITES[name].partition(":")
    cls = getattr(__import__(module, fromlist=[cls_name]), cls_name)
    known = {field.name for field in attrs.fields(cls) if field.init}
    unknown = sorted(set(value) - known)
    if unknown:
        raise InvalidInput(
            key="audit.error.keys", unknown=(f"inputs.{name}.{excerpt(unknown[0])}",), missing=()
        )
    return cls(**value)


def _parameters(record: Mapping[str, Any], takes: bool) -> Parameters | None:
    recorded = record["parameters"]
    if not takes:
        if recorded is not None:
            raise InvalidInputType(
                key="audit.error.field",
                path="$.parameters",
                expected="null",
                got=type_name(recorded),
            )
        return None
    if not isinstance(recorded, dict) or not isinstance(recorded.get("set"), dict):
        raise InvalidInputType(
            key="audit.error.field",
            path="$.parameters.set",
            expected="object",
            got=type_name(recorded if not isinstance(recorded, dict) else recorded.get("set")),
        )
    return from_document(recorded["set"], "$.parameters.set")


def replay(record: object) -> Replay:
    """Computes a record's result again from its inputs and its parameter set, and compares.

    ``record`` is a record as :func:`to_audit` wrote it, or its JSON text.  A record that is
    not a ``clararules.audit.v1`` record, or whose inputs or parameter set the library refuses
    now, raises :class:`InvalidInput` naming the field; a record that reads but differs
    returns a :class:`Replay` whose ``differences`` say where.
    """
    data = _envelope(record)
    name = data["computation"]
    function = computations()[name]
    parameters = _parameters(data, _takes_parameters(function))
    try:
        arguments = {key: _argument(key, value) for key, value in data["inputs"].items()}
        if parameters is not None:
            arguments["parameters"] = parameters
        result = function(**arguments)
    except ClaraRulesError as error:
        raise InvalidInput(key="audit.error.inputs", computation=name, why=error) from None
    except TypeError as error:  # an argument the function does not have
        raise InvalidInput(
            key="audit.error.inputs", computation=name, why=excerpt(str(error), 120)
        ) from None
    recomputed = to_audit(result)
    differences: list[Difference] = []
    wording: list[Difference] = []
    for key in ("result_type", "parameters", "result"):
        _compare(f"$.{key}", data[key], recomputed[key], differences, wording)
    from clararules import __version__

    return Replay(
        computation=name,
        recorded_version=data["library"]["version"],
        version=__version__,
        differences=tuple(differences),
        wording=tuple(wording),
        result=result,
    )
