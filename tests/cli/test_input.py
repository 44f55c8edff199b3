"""``--input FILE|-``: every computing subcommand reads its inputs from a JSON document valid
against its published input schema (``clararules schema NAME``); an option on the command line
wins over the document; a document that is not JSON or not valid is one line naming the JSON
path of the problem (exit 2), in the language of --lang."""

import datetime as dt
import enum
import json
import re
import subprocess
import sys
import tempfile

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clararules import Month, Yen
from clararules.cli.inputs import problem
from clararules.cli.main import cli, input_schema

from .helpers import (
    COMMANDS,
    JAPANESE,
    assert_one_line_refusal,
    invoke,
    run,
    stray_words,
)


def document(name):
    """The inputs of the example of ``name`` (helpers.COMMANDS) as an --input document."""
    command = cli.commands[name]
    ctx = command.make_context(name, list(COMMANDS[name][1:]))
    schema = input_schema(name)
    data = {}
    for key, value in ctx.params.items():
        source = ctx.get_parameter_source(key)
        if key not in schema["properties"] or value is None or source.name == "DEFAULT":
            continue
        if isinstance(value, Yen):
            value = value.amount
        elif isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, dt.datetime):
            value = value.isoformat()
        elif isinstance(value, dt.date | Month):
            value = str(value)
        data[key] = value
    return data


def _file(tmp_path, data, name="input.json"):
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_input_document_is_the_same_as_the_options(tmp_path, name):
    """The example's inputs as a document (valid against the schema) give the same answer as
    the options, in both languages and as JSON."""
    data = document(name)
    jsonschema.validate(data, input_schema(name))
    path = _file(tmp_path, data)
    for extra in (["--lang", "ja"], ["--json"]):
        expected = invoke(*COMMANDS[name], *extra)
        assert expected[0] == 0
        assert invoke(name, "--input", path, *extra) == expected


@pytest.mark.parametrize("name", ["cancel-change", "debit", "dealer-certificate"])
def test_input_from_standard_input(name):
    """``--input -`` reads the document from standard input (the real entry point)."""
    text = json.dumps(document(name), ensure_ascii=False).encode("utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "clararules", name, "--input", "-", "--json"],
        input=text,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == run(*COMMANDS[name], "--json").stdout


def test_command_line_wins_over_the_document(tmp_path):
    """An option given on the command line too wins over the document's value; the document
    fills in the rest (also a positional argument)."""
    path = _file(tmp_path, document("cancel"))
    _, stdout, _ = invoke("cancel", "--input", path, "--term-months", "24")
    assert "15 months" in stdout
    path = _file(tmp_path, {"expires_on": "2027-03-31", "name": "example.com"})
    assert invoke("restore", "example.jp", "--input", path) == invoke(
        "restore", "example.jp", "--expires-on", "2027-03-31"
    )
    path = _file(tmp_path, {"notice_arrived_on": "2026-06-03"})
    assert "2026-07-27" in invoke("debit", "2026-06-30", "--input", path)[1]


def test_flags_and_yes_no_as_json_booleans(tmp_path):
    """A flag is a JSON boolean; a yes/no option takes "yes"/"no" or true/false."""
    path = _file(tmp_path, {"from_registered_contact": True, "via_change_form": "no"})
    assert invoke("contact-change", "--input", path) == invoke(*COMMANDS["contact-change"])
    data = {**document("plan-change"), "from_next_month": True}
    path = _file(tmp_path, data)
    assert invoke("plan-change", "--input", path) == invoke(
        *COMMANDS["plan-change"], "--from-next-month"
    )


BAD = [
    # (subcommand, document text, what the one line says after the file's name)
    ("cancel", '{"received_at": ', "is not valid JSON at line 1, column 17"),
    ("cancel", "[1]", "$ must be an object, got an array"),
    ("cancel", '{"received_at": "2026-12-01", "x": 1}', "$.x is not an input; the inputs are"),
    ("resale", '{"a": 1}', "$.a is not an input; this subcommand takes none"),
    ("cancel", '{"received_at": 5}', "$.received_at must be a string, got 5"),
    ("cancel", '{"received_at": "2026-12-01", "term_months": "12"}', "$.term_months must be an integer, got '12'"),
    ("cancel", '{"received_at": "2026-12-01", "term_months": 1201}', "$.term_months must be in 0..1200, got 1201"),
    ("cancel", '{"received_at": "2026-12-01", "fee": true}', "$.fee must be an integer or a string, got true"),
    ("cancel", '{"received_at": "2026-12-01", "fee": 5.5}', "$.fee must be an integer or a string, got 5.5"),
    ("cancel", '{"received_at": "2026-12-01", "fee": "5.5"}', "$.fee must be a whole number of yen"),
    ("cancel", '{"received_at": "2026-12-01", "rounding": "sideways"}', '$.rounding must be one of "down", "half_up", "up"'),
    ("cancel", '{"received_at": "2026-12-01T00:00"}', "$.received_at '2026-12-01T00:00' has no offset"),
    ("cancel", '{"received_at": null}', "$.received_at must be a string, got null"),
    ("cancel", '{"received_at": "2026-12-01", "a b": {}}', '$["a b"] is not an input'),
    ("contact-change", '{"from_registered_contact": "maybe"}', "$.from_registered_contact must be one of"),
    ("plan-change", '{"from_next_month": "yes"}', "$.from_next_month must be true or false, got 'yes'"),
    ("cancel", '{"a": 1, "a": 2}', "gives the key 'a' twice"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "needle"), BAD, ids=[n for n, _, n in BAD])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_bad_document_is_one_line(tmp_path, name, text, needle, lang):
    """A document that is not JSON or not valid against the schema: exit 2, one line naming
    the file and the JSON path, no traceback; in Japanese with no stray English."""
    path = _file(tmp_path, text)
    code, stdout, stderr = invoke(name, "--input", path, "--lang", lang)
    line = assert_one_line_refusal(code, stdout, stderr, "--input", lang)
    assert repr(path) in line
    if lang == "en":
        assert needle in line, line
    else:
        assert JAPANESE.search(line)
        json_words = {"true", "false", "null", "UTF", "JSON"}
        typed = [path, *re.findall(r'"([^"]*)"', text)]  # the document's keys and strings
        stray = stray_words(line, typed, error=True)
        assert [word for word in stray if word not in json_words] == [], line
        if "$" in needle:
            assert needle.split()[0] in line


def test_door_refusal_names_the_json_path(tmp_path):
    """A value of the right form that the input door refuses (a 30 February) is named by its
    JSON path in the document."""
    path = _file(tmp_path, {"received_at": "2026-02-30"})
    line = assert_one_line_refusal(*invoke("cancel", "--input", path))
    assert "--input $.received_at must be" in line


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_missing_input_names_option_and_path(tmp_path, lang):
    """A required input in neither the document nor the command line names both."""
    path = _file(tmp_path, {"desired_month": "2026-12"})
    line = assert_one_line_refusal(*invoke("cancel", "--input", path, "--lang", lang), "", lang)
    assert "--received-at" in line and "$.received_at" in line


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_unreadable_document(tmp_path, lang):
    missing = str(tmp_path / "missing.json")
    line = assert_one_line_refusal(*invoke("debit", "--input", missing, "--lang", lang), "", lang)
    assert repr(missing) in line
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"notice_arrived_on": "\xff"}')
    assert_one_line_refusal(*invoke("debit", "--input", str(path), "--lang", lang), "", lang)


def test_bad_document_through_the_entry_point():
    """The same refusal in a real run, from standard input."""
    result = subprocess.run(
        [sys.executable, "-m", "clararules", "seal", "--input", "-", "--lang", "ja"],
        input=b'{"kind": "round_seal"}',
        capture_output=True,
        timeout=60,
        check=False,
    )
    line = assert_one_line_refusal(result.returncode, result.stdout, result.stderr, "$.kind", "ja")
    assert "標準入力" in line


# ---------------------------------------------------------------- the checker is the schema's

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**13), 10**13)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2026-12-01", "2026-12", "2026-12-01T00:00+09:00", "5,000", "yes", "A"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


@st.composite
def documents(draw):
    """An input document of a subcommand: some of its inputs, each with a value of the right
    kind or not, and now and then a key that is not an input."""
    name = draw(st.sampled_from(sorted(COMMANDS)))
    schema = input_schema(name)
    keys = sorted(schema["properties"])
    data = {}
    if keys:
        for key in draw(st.lists(st.sampled_from(keys), max_size=4, unique=True)):
            good = document(name).get(key, schema["properties"][key].get("default"))
            data[key] = (
                draw(st.just(good) | JSON_VALUES) if good is not None else draw(JSON_VALUES)
            )
    if draw(st.booleans()) and draw(st.booleans()):
        data[draw(st.text(max_size=8))] = draw(JSON_VALUES)
    return name, schema, data


@settings(max_examples=150, deadline=None)
@given(case=documents())
def test_checker_agrees_with_jsonschema(case):
    """What the command line's checker refuses is what jsonschema refuses (``required`` aside:
    the command line may give a required input)."""
    name, schema, data = case
    loose = {key: value for key, value in schema.items() if key != "required"}
    valid = jsonschema.Draft202012Validator(loose).is_valid(data)
    assert (problem(data, loose) is None) == valid, (name, data, problem(data, loose))


@settings(max_examples=60, deadline=None)
@given(case=documents())
def test_any_document_is_an_answer_or_one_line(case):
    """Whatever the document, the command line answers (0) or refuses it on one line (2): a
    document jsonschema finds invalid is always refused, naming a JSON path."""
    name, schema, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/input.json"
        with open(path, "w", encoding="utf-8") as fp:
            json.dump(data, fp)
        code, stdout, stderr = invoke(name, "--input", path)
    assert code in (0, 2), (code, stderr)
    if code == 2:
        assert_one_line_refusal(code, stdout, stderr)
    loose = {key: value for key, value in schema.items() if key != "required"}
    if not jsonschema.Draft202012Validator(loose).is_valid(data):
        assert code == 2 and "$" in stderr, (data, stderr)
