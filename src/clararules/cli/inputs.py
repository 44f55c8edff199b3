"""``--input FILE|-``: a subcommand's inputs as a JSON document, and the schema it is valid
against.

Internal.  The input schema of a subcommand (``clararules schema NAME``) is made from its
options and arguments: one property per input, under the option's Python name
(``--received-at`` is ``received_at``), with the JSON Schema of the option's type.  A document
is checked against that schema here (:func:`problem`: the keywords those schemas use, with a
message from the catalogs, so that it reads in the language of ``--lang``) before any of its
values is converted by the input door under the name ``--input $.<name>``.  The first problem
is one line naming its JSON path (exit 2).

``required`` is checked once the command line is read too: an input the document leaves out
may come from an option (:class:`~clararules.cli.options.Computing`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

import click

from clararules.cli.audit import read_json
from clararules.cli.errors import CannotRead, Message
from clararules.cli.types import ParamType
from clararules.core.errors import ClaraRulesError, excerpt

__all__ = ["NOT_INPUTS", "input_schema_of", "load_input", "problem"]

NOT_INPUTS: Final = frozenset({"lang", "as_json", "help", "ics", "audit", "input"})
"""Options that say where and how to read or write, not what to compute: not inputs."""

_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KINDS: Final = ("null", "boolean", "integer", "number", "string", "array", "object")


def _param_schema(param: click.Parameter) -> dict[str, Any]:
    if isinstance(param, click.Option) and param.is_flag:
        schema: dict[str, Any] = {"type": "boolean", "default": False}
    elif isinstance(param.type, ParamType):
        schema = param.type.json_schema()
    else:
        schema = {"type": "string"}
    if isinstance(param, click.Option) and param.help:
        schema["description"] = param.help
    if isinstance(param.default, str | int) and not isinstance(param, click.Argument):
        schema.setdefault("default", param.default)
    return schema


def input_schema_of(command: click.Command) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the inputs of ``command``, from its parameters."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for param in command.params:
        if param.name is None or param.name in NOT_INPUTS:
            continue
        properties[param.name] = _param_schema(param)
        if param.required:
            required.append(param.name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:clararules:cli:{command.name}",
        "title": f"clararules {command.name}",
        "description": (command.help or "").strip(),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


# ---------------------------------------------------------------- checking a document


def _kind(value: object) -> str:
    """The JSON type of a value read from JSON."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        # JSON Schema's rule: a number with no fraction is an integer (1.0 as 1).  The input
        # door then refuses a float where it wants an int, with its own message.
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _fits(kind: str, wanted: str) -> bool:
    return kind == wanted or (wanted == "number" and kind == "integer")


def _path(parent: str, key: str) -> str:
    if _IDENTIFIER.fullmatch(key):
        return f"{parent}.{key}"
    return f"{parent}[{json.dumps(key, ensure_ascii=False)}]"


def _got(value: object) -> Message | str:
    kind = _kind(value)
    if kind in ("string", "integer", "number"):
        return excerpt(value)
    if kind in ("boolean", "null"):
        return json.dumps(value)
    return Message(f"cli.json.{kind}")


def _types(schema: Mapping[str, Any]) -> list[str]:
    """The JSON types a schema (or one of its branches) accepts; all for none named."""
    if "type" in schema:
        return [schema["type"]]
    if "anyOf" in schema:
        return [kind for branch in schema["anyOf"] for kind in _types(branch)]
    if "enum" in schema:
        return sorted({_kind(value) for value in schema["enum"]})
    return list(_KINDS)


def problem(value: object, schema: Mapping[str, Any], where: str = "$") -> Message | None:
    """The first way ``value`` is not valid against ``schema`` (the keywords input schemas use:
    ``type``, ``enum``, ``pattern``, ``minimum``, ``maximum``, ``anyOf``, ``properties``,
    ``additionalProperties: false``), as a catalog message naming its JSON path; ``None`` when
    it is valid.  ``required`` is not checked (see the module's doc).

    >>> problem({"fee": "5.5"}, {"properties": {"fee": {"type": "string", "pattern": "^[0-9]+$"}}})
    Message(key='cli.json.pattern', figures={'where': '$.fee', 'got': "'5.5'", 'pattern': '^[0-9]+$'})
    """
    kind = _kind(value)
    if "anyOf" in schema:
        fitting = [branch for branch in schema["anyOf"] if any(
            _fits(kind, wanted) for wanted in _types(branch)
        )]  # fmt: skip
        for branch in fitting:
            if problem(value, branch, where) is None:
                return None
        if fitting:
            return problem(value, fitting[0], where)
        return _type_problem(value, _types(schema), where)
    if "type" in schema and not _fits(kind, schema["type"]):
        return _type_problem(value, [schema["type"]], where)
    if "enum" in schema and not any(
        _kind(choice) == kind and choice == value for choice in schema["enum"]
    ):
        choices = tuple(json.dumps(choice, ensure_ascii=False) for choice in schema["enum"])
        return Message("cli.json.enum", {"where": where, "choices": choices, "got": _got(value)})
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        figures = {"where": where, "got": _got(value), "pattern": schema["pattern"]}
        return Message("cli.json.pattern", figures)
    if kind in ("integer", "number") and isinstance(value, int | float):
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            figures = {"where": where, "low": low, "high": high, "got": _got(value)}
            return Message("cli.json.range", figures)
    if isinstance(value, dict):
        return _object_problem(value, schema, where)
    return None


def _type_problem(value: object, wanted: list[str], where: str) -> Message:
    kinds = list(dict.fromkeys(wanted))
    expected = Message(f"cli.json.{kinds[0]}")
    for kind in kinds[1:]:
        expected = Message(
            "cli.json.either", {"first": expected, "second": Message(f"cli.json.{kind}")}
        )
    return Message("cli.json.type", {"where": where, "expected": expected, "got": _got(value)})


def _object_problem(
    value: Mapping[str, Any], schema: Mapping[str, Any], where: str
) -> Message | None:
    properties: Mapping[str, Any] = schema.get("properties", {})
    for key, item in value.items():
        path = _path(where, key)
        if key not in properties:
            if schema.get("additionalProperties", True) is not False:
                continue
            if not properties:
                return Message("cli.json.unknown_none", {"where": path})
            return Message("cli.json.unknown", {"where": path, "choices": tuple(properties)})
        found = problem(item, properties[key], path)
        if found is not None:
            return found
    return None


def _door_refusal(command: click.Command, key: str, value: object) -> ClaraRulesError | None:
    """The input door's refusal of ``value`` for the parameter ``key``, if it refuses it: said
    in its own words (``has no offset...``), clearer than a pattern."""
    for param in command.params:
        if param.name == key and isinstance(param.type, ParamType):
            try:
                param.type.door(value, f"$.{key}")
            except ClaraRulesError as error:
                return error
    return None


def load_input(source: str, command: click.Command, command_path: str) -> dict[str, Any]:
    """The inputs of ``command`` in the JSON document ``source`` (``-``: standard input),
    valid against its input schema; else :class:`~clararules.cli.errors.CannotRead` (exit 2),
    one line naming the file and the JSON path of the first problem."""
    data = read_json(source, "input")
    found: Message | ClaraRulesError | None = problem(data, input_schema_of(command))
    if isinstance(found, Message) and found.key == "cli.json.pattern" and isinstance(data, dict):
        key = str(found.figures["where"]).removeprefix("$.")
        found = _door_refusal(command, key, data.get(key)) or found
    if found is not None or not isinstance(data, dict):  # the schema's type is "object"
        path = Message("cli.stdin_name") if source == "-" else excerpt(source, 200)
        figures = {"path": path, "why": found, "command": command_path}
        raise CannotRead(Message("cli.error.input_invalid", figures))
    return data
