"""``clararules schema``: the JSON Schemas of what a computing subcommand reads (``--input``)
and writes (``--json``).

Internal.  The input schema is made from the subcommand's options (``cli.inputs``).  The output
schema is made from the library's result classes the subcommand prints (``Computing.outputs``):
each attrs field is a property under its name, typed as ``clararules.to_dict`` writes it
(dates ``YYYY-MM-DD``, instants ISO 8601 with an offset, months ``YYYY-MM``, yen integers,
rates exact fractions, enums their values), and the figures ``to_dict`` derives from the others
(``amount_with_tax``, ``reasons``...) are properties too, not required (``io.json``).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Final

import attrs
import click
import pendulum

from clararules.cli.commands import COMMANDS
from clararules.cli.errors import Message, Usage
from clararules.cli.inputs import input_schema_of
from clararules.cli.options import Computing
from clararules.cli.types import ChoiceType, Lang
from clararules.core.errors import excerpt
from clararules.core.explain import Step
from clararules.core.money import Yen
from clararules.core.months import Month
from clararules.domains.names import DomainName

__all__ = ["input_schema", "output_schema", "schema_command"]

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_DATE: Final = r"^\d{4}-\d{2}-\d{2}$"
_INSTANT: Final = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$"

_STEP: Final[dict[str, Any]] = {
    "type": "object",
    "description": "One step of the explanation: the rule, the message key, its figures and "
    "the sentence in English and Japanese.",
    "properties": {
        "rule": {"type": "string"},
        "key": {"type": "string"},
        "figures": {
            "type": "object",
            "additionalProperties": {
                "anyOf": [
                    {"type": ["integer", "string", "boolean", "null"]},
                    {"type": "array", "items": {"type": "string"}},
                ]
            },
        },
        "en": {"type": "string"},
        "ja": {"type": "string"},
    },
    "required": ["rule", "key", "figures", "en", "ja"],
    "additionalProperties": False,
}


def _computing(name: str) -> Computing:
    for command in COMMANDS:
        if command.name == name and isinstance(command, Computing):
            return command
    choices = tuple(sorted(command.name for command in COMMANDS if command.name))
    raise Usage(Message("cli.error.no_subcommand", {"got": excerpt(name), "choices": choices}))


def input_schema(command: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a subcommand's inputs, from its options: what an
    ``--input`` document holds.

    >>> schema = input_schema("debit")
    >>> schema["required"], schema["properties"]["notice_arrived_on"]["type"]
    (['notice_arrived_on'], 'string')
    >>> input_schema("restore")["properties"]["provider_day_of_month"]["maximum"]
    28
    """
    return input_schema_of(_computing(command))


def _type_schema(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a value of the Python type ``kind`` as ``to_dict`` writes it."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(arg, defs) for arg in args]}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        items = [_type_schema(arg, defs) for arg in args]
        return {"type": "array", "prefixItems": items, "items": False}
    if origin is frozenset:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    scalars: list[tuple[Any, dict[str, Any]]] = [
        (type(None), {"type": "null"}),
        (bool, {"type": "boolean"}),
        (Yen, {"type": "integer", "description": "yen"}),
        (int, {"type": "integer"}),
        (str, {"type": "string"}),
        (pendulum.DateTime, {"type": "string", "pattern": _INSTANT}),
        (pendulum.Duration, {"type": "string", "pattern": r"^PT-?\d+S$"}),
        (dt.date, {"type": "string", "pattern": _DATE}),
        (Month, {"type": "string", "pattern": r"^\d{4}-\d{2}$"}),
        (Fraction, {"type": "string", "pattern": r"^-?\d+(/\d+)?$"}),
        (DomainName, {"type": "string"}),
    ]
    for python, schema in scalars:
        if kind is python or (isinstance(kind, type) and issubclass(kind, python)):
            return dict(schema)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"enum": [member.value for member in kind]}
    if isinstance(kind, type) and attrs.has(kind):
        if kind.__name__ not in defs:
            defs[kind.__name__] = {}  # a placeholder while it is being made
            defs[kind.__name__] = _class_schema(kind, defs)
        return {"$ref": f"#/$defs/{kind.__name__}"}
    raise TypeError(f"no JSON Schema for {kind!r}")  # pragma: no cover - a new result field


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    if cls is Step:
        return dict(_STEP)
    from clararules.io.json import _DERIVED  # the keys to_dict derives, for each class

    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:  # e.g. ``inputs``: to_dict leaves it out
            continue
        name = field.name.lstrip("_")  # ``_explanation`` is written as ``explanation``
        kind = tuple[Step, ...] if name == "explanation" else hints[field.name]
        properties[name] = _type_schema(kind, defs)
        required.append(name)
    for name in _DERIVED.get(cls, ()):
        getter = getattr(cls, name).fget
        properties[name] = _type_schema(typing.get_type_hints(getter)["return"], defs)
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip().split("\n\n")[0],
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def output_schema(command: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what a subcommand prints with ``--json``.

    >>> schema = output_schema("debit")
    >>> schema["$ref"], schema["$defs"]["DirectDebit"]["properties"]["debit_on"]["pattern"]
    ('#/$defs/DirectDebit', '^\\\\d{4}-\\\\d{2}-\\\\d{2}$')
    """
    found = _computing(command)
    defs: dict[str, Any] = {}
    refs = [_type_schema(cls, defs) for cls in found.outputs]
    head: dict[str, Any] = {
        "$schema": _DRAFT,
        "$id": f"urn:clararules:cli:{command}:output",
        "title": f"clararules {command} --json",
    }
    body: Mapping[str, Any] = refs[0] if len(refs) == 1 else {"anyOf": refs}
    return {**head, **body, "$defs": dict(sorted(defs.items()))}


def _schema_commands() -> list[str]:
    """The subcommands that compute a result (not ``schema`` or ``replay``)."""
    return sorted(command.name for command in COMMANDS if command.name)


@click.command(
    "schema",
    epilog="\b\nExamples:\n  clararules schema cancel\n  clararules schema cancel --output",
)
@click.argument("command", required=False)
@click.option(
    "--output",
    is_flag=True,
    help="The schema of what the subcommand prints with --json, not of its inputs.",
)
@click.option(
    "--lang",
    type=ChoiceType(Lang),
    default="en",
    show_default=True,
    help="Language of the error messages (the schema itself is English).",
)
def schema_command(command: str | None, output: bool, lang: Lang) -> None:
    """JSON Schema of a computing subcommand's inputs (an --input document), or with --output
    of its --json output; all of them when none is named."""
    make = output_schema if output else input_schema
    if command is None:
        data: Any = {name: make(name) for name in _schema_commands()}
    else:
        data = make(command)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
