"""The command line, run as a subprocess: every subcommand in English, Japanese and JSON.

The bad-input tests also run in-process (:func:`invoke`), which is fast enough for Hypothesis.
"""

import contextlib
import datetime as dt
import enum
import io
import json
import os
import subprocess
import sys

import icalendar
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clararules import Month, Yen
from clararules.cli.main import cli, input_schema, main


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
        (["cancel", "--received", "2026-12-01T00:00", "--desired", "2026-12"], "has no offset"),
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
        (["debit", "2026-02-30"], "ISO 8601"),
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


# ---------------------------------------------------------------- the one door, on the command line


def invoke(*args):
    """Run :func:`main` in this process; (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def assert_one_line_refusal(code, stdout, stderr, needle=""):
    """A user error: status 2, nothing on stdout, exactly one line on stderr, no traceback."""
    assert code == 2, (code, stdout, stderr)
    assert stdout in ("", b"")
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "backslashreplace")
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("clararules: error: "), lines[0]
    assert needle in lines[0], (needle, lines[0])
    assert len(lines[0]) < 600, lines[0]


HUGE = "9" * 5000
CONTRACT = ["--received", "2026-12-01", "--desired", "2026-12", "--activated", "2026-04-15"]
FEE = [*CONTRACT, "--term", "12", "--fee"]
TERM = [*CONTRACT, "--fee", "5000", "--term"]
DOMAIN = ["domain", "example.jp", "--expiry", "2027-03-31"]

BAD_VALUES = [
    # (arguments, a part of the one line that names the option and the reason)
    (["cancel", *FEE, HUGE], "--fee must be at most ¥1,000,000,000,000 in size; got a number of"),
    (["cancel", *FEE, "-" + HUGE], "--fee must be at most ¥1,000,000,000,000 in size"),
    (["cancel", *FEE, "1000000000001"], "--fee must be at most ¥1,000,000,000,000 in size"),
    (["cancel", *FEE, "-5000"], "--fee must not be negative"),
    (["cancel", *FEE, "5.5"], "--fee must be a whole number of yen"),
    (["cancel", *FEE, "1e4"], "--fee must be a whole number of yen"),
    (["cancel", *FEE, "5_000"], "--fee must be a whole number of yen"),
    (["cancel", *FEE, "５０００"], "--fee must be a whole number of yen"),  # full-width digits
    (["cancel", *FEE, "٥٠٠٠"], "--fee must be a whole number of yen"),  # int() would take these
    (["cancel", *FEE, ""], "--fee must be a whole number of yen"),
    (["cancel", *FEE, "5,00"], "--fee must be a whole number of yen"),
    (["cancel", *TERM, HUGE], "--term must be in 0..1200; got a number of 5000 characters"),
    (["cancel", *TERM, "1201"], "--term must be in 0..1200, got 1201"),
    (["cancel", *TERM, "-1"], "--term must be in 0..1200, got -1"),
    (["cancel", *TERM, "twelve"], "--term must be a whole number in 0..1200"),
    (["cancel", "--received", "", "--desired", "2026-12"], "--received must be"),
    (["cancel", "--received", "2026-12-01T00:00", "--desired", "2026-12"], "has no offset"),
    (["cancel", "--received", "x" * 100_000], "(100000 characters)"),
    (["cancel", "--received", "２０２６-１２-０１"], "--received must be"),
    (["cancel", "--received", "2026-12-01\u202e"], "--received must be"),  # right-to-left mark
    (["cancel", "--received", "2026-12-01", "--desired", "2026-12\u2028x"], "--desired"),
    (["cancel", "--received", "2026-12-01", "--desired", "\U0001f4c5"], "--desired"),
    (["cancel", "--received", "2026-12-01", "--desired", ""], "--desired"),
    (["cancel", "--received", "2026-12-01", "--rounding", "sideways"], "--rounding must be one"),
    (["debit", "--", "\x1b[31m2026-06-03"], "NOTICE_ARRIVED must be"),
    (["debit", "--", ""], "NOTICE_ARRIVED must be"),
    (["status", "example.jp", "--expiry", "2027-03-31", "--on", "9999-12-31T23:00-10:00"], "--on"),
    (["restore", "example.jp", "--expiry", "2027-03-31", "--provider-day", "29"], "1..28"),
    ([*DOMAIN, "--payment", ""], "--payment must be one of"),
    ([*DOMAIN, "--ics", ""], "--ics must not be blank"),
    (["plan-change", "--service", "Flex Web", "--current", HUGE], "--current"),
    (["\x00"], "No such command"),
    ([], "Missing command"),
]


@pytest.mark.parametrize(("args", "needle"), BAD_VALUES)
def test_bad_value_in_process(args, needle):
    """CLI: every refused value exits 2 with one line naming the option, in-process."""
    assert_one_line_refusal(*invoke(*args), needle)


@pytest.mark.parametrize(
    ("args", "needle"), [case for case in BAD_VALUES if "\x00" not in "".join(case[0])]
)
def test_bad_value_subprocess(args, needle):
    """CLI: the same refusals through the real entry point (argv decoding, exit status)."""
    result = run(*args)
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, needle)


def test_undecodable_argument():
    """CLI: bytes that are not UTF-8 in argv are refused on one line, not a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "clararules", "debit", b"2026-06-0\xff"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, "NOTICE_ARRIVED")


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        (lambda tmp: tmp / "missing" / "renewal.ics", "No such file or directory"),
        (lambda tmp: tmp, "Is a directory"),
        (lambda tmp: tmp / "file.txt" / "renewal.ics", "Not a directory"),
        (lambda tmp: tmp / ("x" * 300 + ".ics"), "File name too long"),
    ],
)
def test_ics_cannot_write(tmp_path, target, reason):
    """CLI: --ics into a missing folder, a directory, or an impossible path: exit 2, one line
    with the path and the reason, and no table on stdout."""
    (tmp_path / "file.txt").write_text("not a folder")
    path = target(tmp_path)
    result = run(*COMMANDS["domain"], "--ics", str(path))
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, "--ics: cannot write")
    assert reason in result.stderr
    assert str(path)[:40] in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anyway")
def test_ics_permission_denied(tmp_path):
    """CLI: --ics into a folder without write permission: exit 2, one line."""
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    result = run(*COMMANDS["domain"], "--ics", str(folder / "renewal.ics"))
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, "Permission denied")


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


SAME_DAY = ["2026-12-01", "2026-11-30T15:00:00Z", "2026-12-01T00:00:00+09:00"]


@pytest.mark.parametrize(
    "command",
    [
        ["debit", "--"],
        ["plan-change", *COMMANDS["plan-change"][1:-2], "--changed-on"],
        ["status", "example.jp", "--expiry", "2026-11-30", "--on"],
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


def test_yen_forms():
    """CLI: 5000, 5,000, ¥5,000 and ￥5000 are the same fee."""
    outputs = {invoke("cancel", *FEE, fee)[1] for fee in ("5000", "5,000", "¥5,000", "￥5000")}
    assert len(outputs) == 1
    assert "¥16,500" in outputs.pop()


def test_unexpected_error_is_one_line(monkeypatch):
    """CLI: a bug exits 1 with one line and a hint; CLARARULES_DEBUG=1 shows the traceback."""
    import clararules.cli.main as cli_module

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cli_module, "direct_debit", broken)
    monkeypatch.delenv("CLARARULES_DEBUG", raising=False)
    code, stdout, stderr = invoke("debit", "2026-06-03")
    assert code == 1
    assert stdout == ""
    assert stderr.splitlines() == [
        "clararules: internal error (a bug): ZeroDivisionError: boom "
        "(set CLARARULES_DEBUG=1 to see the traceback)"
    ]
    monkeypatch.setenv("CLARARULES_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        invoke("debit", "2026-06-03")


def test_help_still_exits_zero():
    """CLI: --help is not an error: exit 0, help on stdout."""
    code, stdout, stderr = invoke("cancel", "--help")
    assert code == 0
    assert "--received" in stdout
    assert "[down|" in stdout  # choices are listed
    assert stderr == ""


# Each option that carries a date, an instant, a month, yen or a count, with the other
# arguments valid: (arguments before the value, arguments after it).
OPTIONS = {
    "cancel --received": (["cancel", "--received"], ["--desired", "2026-12"]),
    "cancel --desired": (["cancel", "--received", "2026-12-01", "--desired"], []),
    "cancel --fee": (["cancel", *FEE], []),
    "cancel --activated": (
        ["cancel", "--received", "2026-12-01", "--fee", "5000", "--term", "12", "--activated"],
        [],
    ),
    "cancel --term": (["cancel", *TERM], []),
    "cancel --special-term": (["cancel", *TERM, "12", "--special-term"], []),
    "plan-change --current": (COMMANDS["plan-change"][:4], COMMANDS["plan-change"][5:]),
    "plan-change --new": (COMMANDS["plan-change"][:6], COMMANDS["plan-change"][7:]),
    "plan-change --term-start": (COMMANDS["plan-change"][:8], COMMANDS["plan-change"][9:]),
    "plan-change --changed-on": (COMMANDS["plan-change"][:10], []),
    "domain --expiry": (["domain", "example.jp", "--expiry"], []),
    "domain --paid-on": ([*DOMAIN, "--paid-on"], []),
    "domain --notice-arrived": ([*DOMAIN, "--payment", "direct_debit", "--notice-arrived"], []),
    "restore --provider-day": (
        ["restore", "example.jp", "--expiry", "2027-03-31", "--provider-day"],
        [],
    ),
    "restore --provider-days": (
        ["restore", "example.jp", "--expiry", "2027-03-31", "--provider-days"],
        [],
    ),
    "status --on": (["status", "example.jp", "--expiry", "2027-03-31", "--on"], []),
    "status --paid-on": (
        ["status", "example.jp", "--expiry", "2027-03-31", "--on", "2027-04-01", "--paid-on"],
        [],
    ),
    "debit": (["debit", "--"], []),
}

ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789-:+TZ ,.¥/", max_size=30),
    st.integers().map(str),
    st.sampled_from(["2026-12-01", "2026-12", "5000", "12", "0001-01-01", "9999-12-31"]),
)


@pytest.mark.parametrize("option", sorted(OPTIONS))
@settings(max_examples=30, deadline=None)
@given(value=ANY_TEXT)
def test_any_text_exits_0_or_2(option, value):
    """CLI: whatever text a date, month, money or count option gets, the result is an answer
    (0) or a one-line refusal (2), never a traceback or an internal error."""
    before, after = OPTIONS[option]
    code, stdout, stderr = invoke(*before, value, *after)
    assert code in (0, 2), (code, stderr)
    assert "Traceback" not in stderr
    if code == 2:
        assert_one_line_refusal(code, stdout, stderr)
