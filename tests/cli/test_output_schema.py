"""``clararules schema NAME --output``: the JSON Schema of what a subcommand prints with
``--json``, made from the library's result classes; every answer of every subcommand is valid
against it (jsonschema), and a field it does not list is refused."""

import json

import jsonschema
import pytest

from clararules.cli.main import output_schema

from .helpers import COMMANDS, invoke, run
from .test_lang import ANSWERS, IDS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_schema_is_valid_json_schema(name):
    jsonschema.Draft202012Validator.check_schema(output_schema(name))


@pytest.mark.parametrize("args", ANSWERS, ids=IDS)
def test_every_answer_is_valid_against_its_output_schema(args):
    """Each answer of the spread (every subcommand, every branch) as --json is valid against
    the subcommand's output schema."""
    code, stdout, stderr = invoke(*args, "--json")
    assert code == 0, stderr
    jsonschema.validate(json.loads(stdout), output_schema(args[0]))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_schema_refuses_what_is_not_an_answer(name):
    """The schema is tight: an unknown field, or a field left out, is not valid."""
    schema = output_schema(name)
    data = json.loads(invoke(*COMMANDS[name], "--json")[1])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "unexpected": 1}, schema)
    first = next(iter(data))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({k: v for k, v in data.items() if k != first}, schema)


def test_schema_output_command():
    """`clararules schema NAME --output` prints it; `schema --output` prints all of them."""
    result = run("schema", "cancel-change", "--output")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema == output_schema("cancel-change")
    assert schema["$ref"] == "#/$defs/CancellationChangeReview"
    data = json.loads(run(*COMMANDS["cancel-change"], "--json").stdout)
    jsonschema.validate(data, schema)
    code, stdout, _ = invoke("schema", "--output")
    assert code == 0
    assert set(json.loads(stdout)) == set(COMMANDS)
    assert invoke("schema", "--output", "--lang", "ja")[1] == stdout


def test_cancel_prints_a_date_or_a_quote():
    """cancel prints the cancellation date alone, or the quote: its schema takes either."""
    schema = output_schema("cancel")
    assert schema["anyOf"] == [
        {"$ref": "#/$defs/CancellationDate"},
        {"$ref": "#/$defs/CancellationQuote"},
    ]
    date = json.loads(invoke("cancel", "--received-at", "2026-12-01", "--json")[1])
    jsonschema.validate(date, schema)
    jsonschema.validate(date, {**schema, "anyOf": [schema["anyOf"][0]]})
