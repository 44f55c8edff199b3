"""Replaying an audit record (G5, G6): the result computed again from its recorded inputs and
parameter set, compared field by field with the recorded one.

The record format is that of :func:`clararules.to_audit` (``io/audit.py``).

>>> import clararules
>>> quote = clararules.quote_cancellation(
...     clararules.Contract("Flex Web", 5000, "2026-04-15", 12), "2026-09-30T10:00:00+09:00")
>>> record = clararules.to_audit(quote)
>>> replay(record).identical
True
>>> record["result"]["charge"]["amount"] = 1
>>> print(replay(record).differences[0])
$.result.charge.amount: recorded 1, recomputed 30000
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

import attrs

from clararules.core.calls import computations
from clararules.core.errors import (
    ClaraRulesError,
    InvalidInput,
    InvalidInputType,
    excerpt,
    type_name,
)
from clararules.core.i18n import render
from clararules.core.parameter_set import from_document
from clararules.core.parameters import Parameters

# clararules.io.json and clararules.io.json_read (they bring cattrs) are imported in the
# functions that write or read JSON, when they are first called, not at import.
from clararules.io.audit import (
    _KEYS,
    ABSENT,
    FORMAT,
    _takes_parameters,
    to_audit,
)

__all__ = ["Difference", "Replay", "replay"]


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
