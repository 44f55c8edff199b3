"""The command line, run as a subprocess: every subcommand in English, Japanese and JSON.

The refusals are in ``test_refusals.py``, the languages of every text in ``test_lang.py``.
"""

import contextlib
import datetime as dt
import enum
import io
import json
import subprocess
import sys

import icalendar
import jsonschema
import pytest

from clararules import Month, Yen
from clararules.cli.main import cli, input_schema
from clararules.cli.output import render_result

from .helpers import COMMANDS, FEE, invoke, run

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
    "cancel-change": (
        "¥16,500",
        "Eligible for review",
        "[C7]",
        "not yet approved",
        "解約期日延長依頼書",
    ),
    "channel": ("Accepted", "no", "[C1]", "by telephone is not accepted", "お電話によるお申し出"),
    "suspend": ("Accepted", "no", "[C8]", "no suspension of Flex Web", "休止の制度はございません"),
    "delegation-release": (
        "Accepted",
        "yes",
        "[P3]",
        "delegation release applies",
        "委任解除承諾",
    ),
    "contact-change": (
        "Accepted",
        "no",
        "[P4]",
        "registration-change form",
        "登録情報変更届出フォーム",
    ),
    "dealer-certificate": (
        "Missing",
        "registered corporate address",
        "[P5]",
        "for a fee",
        "法人登記地住所",
    ),
    "resale": ("Accepted", "yes", "[P6]", "own responsibility", "再販の制限"),
    "deadline": ("2027-02-28 23:59:59", "2027-03-31", "[C2]", "must arrive by", "必着"),
    "options": ("2026-12-31 23:59:59", "¥16,500", "[C6]", "3 months short", "不足月数"),
    "plan": ("2027-03-24", "2027-03-01", "[D4]", "by direct debit", "口座振替"),
}


def test_every_computing_subcommand_has_an_example():
    """Every computing subcommand is run by these tests (helpers.COMMANDS), with what it
    should say."""
    from clararules.cli.commands import COMMANDS as COMPUTING

    assert set(COMMANDS) == set(EXPECTED) == {command.name for command in COMPUTING}


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


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - {"options"}))  # options: columns
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_cli_prints_the_library_table(monkeypatch, name, lang):
    """CLI: the table is the result's own ``table(lang)`` in aligned columns, then the
    ``explain(lang)`` lines indented under the heading, and nothing else (G5).  (``options``
    draws its options as columns, one row a month: ``test_planning_cli.py``.)"""
    from rich.cells import cell_len

    from clararules.cli import contracts, domains, output, planning, procedures

    shown = []

    def spy(result, *args, **kwargs):
        shown.append(result)
        output.emit(result, *args, **kwargs)

    for module in (contracts, domains, planning, procedures):
        monkeypatch.setattr(module, "emit", spy)
    code, stdout, _ = invoke(*COMMANDS[name], "--lang", lang)
    assert code == 0
    (result,) = shown
    rows = result.table(lang)
    heading = "説明:" if lang == "ja" else "Explanation:"
    explained = [f"  {line}" for line in result.explain(lang).splitlines()]
    lines = stdout.rstrip("\n").split("\n")
    assert lines[len(rows) :] == ["", heading, *explained]
    column = max(cell_len(label) for label, _ in rows)
    for line, (label, value) in zip(lines, rows, strict=False):
        assert line == label + " " * (column - cell_len(label)) + "  " + value
    assert stdout == render_result(result, lang) + "\n"


def test_procedure_steps_are_printed_once():
    """CLI: ip-plan prints each numbered step once (the table is the steps)."""
    code, stdout, _ = invoke(*COMMANDS["ip-plan"], "--lang", "ja")
    assert code == 0
    numbered = [line.split()[0] for line in stdout.splitlines() if line[:1].isdigit()]
    assert numbered == ["1.", "2.", "3."]


def test_cancel_quote_total_ci_line():
    """CLI: the example CI greps prints the tax-included total ¥16,500."""
    result = run(
        "cancel",
        "--received-at",
        "2026-12-01T00:00+09:00",
        "--desired-month",
        "2026-12",
        "--fee",
        "5000",
        "--activated-on",
        "2026-04-15",
        "--term-months",
        "12",
    )
    assert result.returncode == 0, result.stderr
    assert "¥16,500" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_json(name):
    """CLI: --json prints JSON with ISO dates, integer yen and the explanation."""
    result = run(*COMMANDS[name], "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    text = json.dumps(data, ensure_ascii=False)
    assert '"explanation"' in text
    assert '"rule"' in text


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_json_is_the_same_in_every_language(name):
    """CLI: --json is data: --lang does not change it."""
    assert (
        invoke(*COMMANDS[name], "--json")[1]
        == invoke(*COMMANDS[name], "--json", "--lang", "ja")[1]
    )


def test_cli_json_figures():
    """CLI: JSON money is integer yen and dates are ISO 8601."""
    data = json.loads(run(*COMMANDS["cancel"], "--json").stdout)
    assert data["charge"]["amount_with_tax"] == 16500
    assert data["date"]["effective_on"] == "2027-01-31"


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
    assert result.stderr == f"wrote {target}\n"


def test_cli_ics_in_japanese(tmp_path):
    """CLI: domain --ics --lang ja writes the calendar's titles in Japanese and says so."""
    target = tmp_path / "renewal.ics"
    code, stdout, stderr = invoke(*COMMANDS["domain"], "--ics", str(target), "--lang", "ja")
    assert code == 0
    assert stderr == f"{target} に書き出しました\n"
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries
    assert all(any("\u3040" <= ch <= "\u9fff" for ch in summary) for summary in summaries)
    assert "説明:" in stdout


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
        elif isinstance(value, enum.Enum):
            value = value.value
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


def test_cli_schema_is_the_same_in_every_language():
    """CLI: `schema --lang ja` prints the same schema (--lang is for its error lines)."""
    assert invoke("schema", "cancel")[1] == invoke("schema", "cancel", "--lang", "ja")[1]
    assert invoke("schema")[1] == invoke("schema", "--lang", "ja")[1]


SAME_DAY = ["2026-12-01", "2026-11-30T15:00:00Z", "2026-12-01T00:00:00+09:00"]


@pytest.mark.parametrize(
    "command",
    [
        ["debit", "--"],
        ["plan-change", *COMMANDS["plan-change"][1:-2], "--changed-on"],
        ["status", "example.jp", "--expires-on", "2026-11-30", "--on"],
    ],
    ids=["debit", "plan-change", "status"],
)
def test_same_jst_day_same_output(command):
    """CLI: the same JST day as a date, as UTC and as +09:00 gives the same answer (G1)."""
    outputs = set()
    for day in SAME_DAY:
        result = run(*command, day)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1, outputs


def test_date_option_takes_jst_day_of_an_instant():
    """CLI: a date option given a UTC instant takes its JST day, not its UTC day."""
    code, stdout, _ = invoke("debit", "2026-06-02T15:00:00Z")
    assert code == 0
    assert "Notice arrived  2026-06-03" in stdout


def test_choices_in_any_case():
    """CLI: a choice is an enum value or name in any case (through the door's member())."""
    assert (
        invoke("seal", "--kind", "COMPANY_SEAL", "--full-name", "Yes")[1]
        == (invoke("seal", "--kind", "company_seal", "--full-name", "yes")[1])
    )
    assert (
        invoke(*COMMANDS["debit"], "--lang", "JA")[1] == invoke(*COMMANDS["debit"], "--lang=ja")[1]
    )


def test_yen_forms():
    """CLI: 5000, 5,000, ¥5,000 and ￥5000 are the same fee."""
    outputs = {invoke("cancel", *FEE, fee)[1] for fee in ("5000", "5,000", "¥5,000", "￥5000")}
    assert len(outputs) == 1
    assert "¥16,500" in outputs.pop()


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "clararules: internal error (a bug): ZeroDivisionError: boom "
            "(set CLARARULES_DEBUG=1 to see the traceback)",
        ),
        (
            "ja",
            "clararules: 内部エラー（不具合）です: ZeroDivisionError: boom"
            "（トレースバックを表示するには CLARARULES_DEBUG=1 を設定してください）",
        ),
    ],
)
def test_unexpected_error_is_one_line(monkeypatch, lang, line):
    """CLI: a bug exits 1 with one line and a hint; CLARARULES_DEBUG=1 shows the traceback."""
    from clararules.cli import domains

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(domains, "direct_debit", broken)
    monkeypatch.delenv("CLARARULES_DEBUG", raising=False)
    code, stdout, stderr = invoke("debit", "2026-06-03", "--lang", lang)
    assert code == 1
    assert stdout == ""
    assert stderr.splitlines() == [line]
    monkeypatch.setenv("CLARARULES_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        invoke("debit", "2026-06-03")


@pytest.mark.parametrize(
    ("lang", "line"), [("en", "clararules: aborted"), ("ja", "clararules: 中断しました")]
)
def test_interrupt_is_one_line(monkeypatch, lang, line):
    """CLI: an interrupt (click's Abort) exits 1 with one line in the language of --lang."""
    from clararules.cli import domains

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(domains, "direct_debit", interrupted)
    code, stdout, stderr = invoke("debit", "2026-06-03", "--lang", lang)
    assert (code, stdout) == (1, "")
    assert stderr.split() == line.split()  # click ends the interrupted line first


def test_help_still_exits_zero():
    """CLI: --help is not an error: exit 0, help on stdout."""
    code, stdout, stderr = invoke("cancel", "--help")
    assert code == 0
    assert "--received-at" in stdout
    assert "[down|" in stdout  # choices are listed
    assert stderr == ""


def test_ics_to_stdout():
    """CLI: --ics - writes only the calendar on stdout; the table goes to stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "clararules", *COMMANDS["domain"], "--ics", "-"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout)
    assert calendar.name == "VCALENDAR"
    events = list(calendar.walk("VEVENT"))
    assert events
    assert result.stdout.startswith(b"BEGIN:VCALENDAR")
    assert result.stdout.rstrip().endswith(b"END:VCALENDAR")
    stderr = result.stderr.decode()
    assert "2027-03-24" in stderr
    assert "Explanation:" in stderr
    assert "wrote" not in stderr


def test_ics_to_stdout_with_json():
    """CLI: --ics - --json: the calendar alone on stdout, the JSON on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "clararules", *COMMANDS["domain"], "--ics", "-", "--json"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert icalendar.Calendar.from_ical(result.stdout).name == "VCALENDAR"
    assert json.loads(result.stderr)["contract_end"]


def test_entry_points():
    """CLI: the script entry of pyproject.toml and ``python -m clararules`` run the same main."""
    import importlib
    import pathlib
    import tomllib

    pyproject = pathlib.Path(__file__).parents[2] / "pyproject.toml"
    target = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["scripts"]
    module, _, name = target["clararules"].partition(":")
    entry = getattr(importlib.import_module(module), name)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert entry(COMMANDS["debit"]) == 0
    assert out.getvalue() == run(*COMMANDS["debit"]).stdout
