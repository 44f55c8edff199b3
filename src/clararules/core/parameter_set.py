"""A parameter set as a document (G6): its canonical form, its fingerprint, and back.

The canonical form of a :class:`~clararules.Parameters` is the document a parameter file holds
(``docs/parameters.md``), with JSON values: every parameter, in the order of
``PARAMETER_NAMES``, as a list of entries ``{"since": "YYYY-MM-DD", "value": ...,
"source": ..., "url": ...}`` (``url`` only where known).  A rate is an exact fraction in a string
(``"1/10"``), money whole yen, days a list of integers, a service list an object of sorted
``names``, ``prefixes`` and ``display``, a restore rule an object of ``close``, ``value``,
``basis`` and ``summary``.

Its fingerprint is ``"sha256:"`` and the SHA-256 of that document as compact JSON with sorted
keys (UTF-8): two sets with the same values, dates and sources have the same fingerprint,
however they were built.  An audit record (``io/audit.py``) carries the whole document, and
:func:`from_document` reads it back through the parameter-file reader, so a record is
replayed with exactly the values it was computed with.

>>> from clararules import DEFAULT_PARAMETERS
>>> document = canonical(DEFAULT_PARAMETERS)
>>> document["consumption_tax_rate"][-1]["since"], document["consumption_tax_rate"][-1]["value"]
('2019-10-01', '1/10')
>>> from_document(document, "example") == DEFAULT_PARAMETERS
True
>>> fingerprint(DEFAULT_PARAMETERS).startswith("sha256:")
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from clararules.core.dated import Dated, Parameter, ServiceList
from clararules.core.money import Yen
from clararules.core.parameters import PARAMETER_NAMES, RESTORE_RULE_NAMES, Parameters
from clararules.domains.restore_rules import RestoreRule

__all__ = ["canonical", "entry_value", "fingerprint", "from_document", "parameter_named"]

_KIND_OF = {name: kind for kind, name in RESTORE_RULE_NAMES.items()}


def parameter_named(parameters: Parameters, name: str) -> Parameter[Any]:
    """The parameter ``name`` of a set, as a parameter file names it (``restore_jp``...)."""
    kind = _KIND_OF.get(name)
    return parameters.restore_rules[kind] if kind is not None else getattr(parameters, name)


def entry_value(value: object) -> Any:
    """A parameter's value as JSON, in the form a parameter file writes it."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, Yen):
        return value.amount
    if isinstance(value, tuple):
        return [entry_value(item) for item in value]
    if isinstance(value, ServiceList):
        return {
            "names": sorted(value.names),
            "prefixes": list(value.prefixes),
            "display": list(value.display),
        }
    if isinstance(value, RestoreRule):
        rule: dict[str, Any] = {"close": value.close.value}
        if value.value is not None:
            rule["value"] = value.value
        return {**rule, "basis": value.basis.value, "summary": value.summary}
    if isinstance(value, int | str) and not isinstance(value, bool):
        return value
    raise TypeError(f"no JSON form for a parameter value of type {type(value).__name__}")


def _entry(entry: Dated[Any]) -> dict[str, Any]:
    written = {
        "since": entry.since.isoformat(),
        "value": entry_value(entry.value),
        "source": entry.source,
    }
    if entry.url is not None:
        written["url"] = entry.url
    return written


def canonical(parameters: Parameters) -> dict[str, list[dict[str, Any]]]:
    """The parameter set as a JSON-ready document, every parameter and every dated value."""
    return {
        name: [_entry(entry) for entry in parameter_named(parameters, name).history]
        for name in PARAMETER_NAMES
    }


def fingerprint(parameters: Parameters | Mapping[str, Any]) -> str:
    """``"sha256:<hex>"`` of the canonical document (of a set, or of a document as given)."""
    document = canonical(parameters) if isinstance(parameters, Parameters) else parameters
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def from_document(document: object, where: str) -> Parameters:
    """The parameter set of a canonical document; refused like a parameter file named
    ``where`` (every parameter is required, each value checked as the file's would be)."""
    from clararules.core.errors import InvalidInput, InvalidInputType, type_name
    from clararules.core.parameter_file import read_document

    if not isinstance(document, dict):
        raise InvalidInputType(key="audit.error.parameter_set_type", got=type_name(document))
    try:
        return read_document(document, where)
    except InvalidInput as error:
        if error.key != "G6.error.file_value":
            raise
        raise type(error)(
            key="audit.error.parameter_value",
            key_path=error.figures["key_path"],
            why=error.figures["why"],
        ) from None
