"""The command line, run as a subprocess: every subcommand in English, Japanese and JSON."""

import datetime as dt
import json
import subprocess
import sys

import jsonschema
import pytest

from clararules import Month, Yen
from clararules._cli import cli, input_schema


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "clararules", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


COMMANDS = {
    "cancel": [
        "cancel",
        "--received",
        "2026-12-01T00:00+09:00",
        "--desired",
        "2026-12",
        "--fee",
        "5,000",
        "--activated",
        "2026-04-15",
        "--term",
        "12",
    ],
    "plan-change": [
        "plan-change",
        "--service",
        "Clara Cloud Flex",
        "--current",
        "10000",
        "--new",
        "15000",
        "--term-start",
        "2026-04",
        "--changed-on",
        "2026-10-15",
    ],
    "domain": ["domain", "example.jp", "--expiry", "2027-03-31", "--payment", "direct_debit"],
    "restore": ["restore", "example.jp", "--expiry", "2027-03-31"],
    "status": ["status", "example.jp", "--expiry", "2027-03-31", "--on", "2027-04-01"],
    "debit": ["debit", "2026-06-03"],
    "ip-plan": ["ip-plan", "--intent", "delete_domain", "--dns", "A", "--panel", "plesk"],
    "seal": ["seal", "--kind", "company_seal", "--full-name", "yes"],
}

EXPECTED = {
    "cancel": (
        "2027-01-31",
        "¥16,500",
        "[C3]",
        "moved from 2026-12 to 2027-01",
        "解約月は 2026-12 から 2027-01",
    ),
    "plan-change": ("¥30,000", "¥33,000", "[C9]", "remaining", "残月"),
    "domain": (
        "2027-03-24",
        "2027-03-01",
        "[D5]",
        "bank transfer",
        "銀行振込",
    ),
    "restore": ("2027-04-20", "¥12,000", "[D9]", "registry", "レジストリ"),
    "status": ("restorable", "2027-04-20", "[D7]", "can still be restored", "復活申請ができます"),
    "debit": ("2026-06-29", "2026-06-03", "[G4]", "next one", "翌営業日"),
    "ip-plan": ("Plesk", "secondary DNS", "[P1]", "cancelled last", "最後に"),
    "seal": ("yes", "Accepted", "[P2]", "legal form", "法人格"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_english(name):
    """CLI: each subcommand prints a table and the explanation with rule IDs, in English."""
    result = run(*COMMANDS[name])
    assert result.returncode == 0, result.stderr
    first, second, rule, en, _ = EXPECTED[name]
    for text in (first, second, rule, en, "Explanation:"):
        assert text in result.stdout, (text, result.stdout)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_japanese(name):
    """CLI: --lang ja prints Japanese labels and sentences."""
    result = run(*COMMANDS[name], "--lang", "ja")
    assert result.returncode == 0, result.stderr
    assert "説明:" in result.stdout
    assert EXPECTED[name][4] in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_json(name):
    """CLI: --json prints JSON with ISO dates, integer yen and the explanation."""
    result = run(*COMMANDS[name], "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    text = json.dumps(data, ensure_ascii=False)
    assert '"explanation"' in text
    assert '"rule"' in text


def test_cli_json_figures():
    """CLI: JSON money is integer yen and dates are ISO 8601."""
    data = json.loads(run(*COMMANDS["cancel"], "--json").stdout)
    assert data["charge"]["amount_with_tax"] == 16500
    assert data["date"]["effective_on"] == "2027-01-31"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["cancel", "--received", "2026-12-01T00:00", "--desired", "2026-12"], "no time zone"),
        (["cancel", "--received", "2026-12-01", "--desired", "2026-13"], "1..12"),
        (
            [
                "cancel",
                "--received",
                "2026-12-01",
                "--fee",
                "5.5",
                "--activated",
                "2026-01-01",
                "--term",
                "1",
            ],
            "whole number of yen",
        ),
        (["cancel", "--received", "2026-12-01", "--fee", "5000"], "together"),
        (
            [
                "plan-change",
                "--service",
                "Flex Mini 2",
                "--current",
                "1",
                "--new",
                "2",
                "--term-start",
                "2026-04",
                "--changed-on",
                "2026-10-15",
            ],
            "OS support",
        ),
        (
            [
                "plan-change",
                "--service",
                "Flex Web",
                "--current",
                "1",
                "--new",
                "2",
                "--term-start",
                "2026-04",
                "--changed-on",
                "2027-10-15",
            ],
            "outside the contract year",
        ),
        (["domain", "exa mple.jp", "--expiry", "2027-03-31"], "white space"),
        (["domain", "example.jp", "--expiry", "2027-03-30"], "month end"),
        (
            [
                "domain",
                "example.jp",
                "--expiry",
                "2027-03-31",
                "--payment",
                "invoice",
                "--domain-only",
            ],
            "credit card only",
        ),
        (["debit", "2026-02-30"], "YYYY-MM-DD"),
        (["ip-plan", "--intent", "delete_domain", "--dns", "A"], "panel"),
        (
            [
                "restore",
                "example.jp",
                "--expiry",
                "2027-03-31",
                "--provider-day",
                "1",
                "--provider-days",
                "2",
            ],
            "at most one",
        ),
        (["nope"], "No such command"),
        (["schema", "nope"], "no subcommand"),
    ],
)
def test_cli_bad_input(args, needle):
    """CLI: bad input exits 2 with one line on stderr, no traceback."""
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("clararules: error: ")
    assert needle in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", [None, *sorted(COMMANDS)])
def test_cli_help_has_example(name):
    """CLI: --help works everywhere and shows an example."""
    args = ["--help"] if name is None else [name, "--help"]
    result = run(*args)
    assert result.returncode == 0
    assert "Example" in result.stdout
    assert "clararules" in result.stdout


def test_cli_ics(tmp_path):
    """CLI: domain --ics writes a calendar file and still prints the timeline."""
    target = tmp_path / "renewal.ics"
    result = run(*COMMANDS["domain"], "--ics", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "2027-03-24" in result.stdout


def test_cli_version():
    """CLI: --version prints the version."""
    result = run("--version")
    assert result.returncode == 0
    assert "0.1.0" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_schema_is_valid_and_matches_examples(name):
    """CLI: each subcommand's input schema is valid JSON Schema and accepts the example's inputs."""
    schema = input_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    command = cli.commands[name]
    ctx = command.make_context(name, list(COMMANDS[name][1:]))
    instance = {}
    for key, value in ctx.params.items():
        if key not in schema["properties"] or value is None:
            continue
        if isinstance(value, Yen):
            value = value.amount
        elif isinstance(value, dt.date | Month):
            value = str(value)
        instance[key] = value
    jsonschema.validate(instance, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(dict(instance, unexpected="x"), schema)


def test_cli_schema_command():
    """CLI: `clararules schema` prints every subcommand's schema as JSON."""
    result = run("schema")
    assert result.returncode == 0
    assert set(json.loads(result.stdout)) == set(COMMANDS)
