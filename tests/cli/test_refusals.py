"""The command line's refusals: bad input exits 2 with one line on stderr, never a traceback.

The bad-input tests also run in-process (:func:`invoke`), which is fast enough for Hypothesis.
Their Japanese lines are in ``test_lang.py``.
"""

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import (
    COMMANDS,
    DOMAIN,
    FEE,
    HUGE,
    TERM,
    assert_one_line_refusal,
    invoke,
    run,
)

REFUSALS = [
    (
        ["cancel", "--received-at", "2026-12-01T00:00", "--desired-month", "2026-12"],
        "has no offset",
    ),
    (["cancel", "--received-at", "2026-12-01", "--desired-month", "2026-13"], "2026-13"),
    (
        [
            "cancel",
            "--received-at",
            "2026-12-01",
            "--fee",
            "5.5",
            "--activated-on",
            "2026-01-01",
            "--term-months",
            "1",
        ],
        "whole number of yen",
    ),
    (["cancel", "--received-at", "2026-12-01", "--fee", "5000"], "together"),
    (
        [
            "plan-change",
            "--service",
            "Flex Mini 2",
            "--current-fee",
            "1",
            "--new-fee",
            "2",
            "--term-start-month",
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
            "--current-fee",
            "1",
            "--new-fee",
            "2",
            "--term-start-month",
            "2026-04",
            "--changed-on",
            "2027-10-15",
        ],
        "outside the contract year",
    ),
    (["domain", "exa mple.jp", "--expires-on", "2027-03-31"], "white space"),
    (["domain", "example.jp", "--expires-on", "2027-03-30"], "month end"),
    (
        [
            "domain",
            "example.jp",
            "--expires-on",
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
            "--expires-on",
            "2027-03-31",
            "--provider-day-of-month",
            "1",
            "--provider-days-after-end",
            "2",
        ],
        "give at most one of --provider-day-of-month and --provider-days-after-end",
    ),
    (["channel", "fax"], "CHANNEL must be one of"),
    (["channel"], "Missing argument 'CHANNEL'."),
    (["suspend", "--service", " "], "service must not be blank"),
    (["suspend"], "Missing option '--service'."),
    (["delegation-release", "--representative-in-contracting-org", "maybe"], "must be one of"),
    (
        ["delegation-release", "--representative-in-contracting-org", "no"],
        "Missing option '--via-release-form'.",
    ),
    (["contact-change", "--from-registered-contact", "yes"], "Missing option '--via-change-form'"),
    (["dealer-certificate", "--by-email-to-support", "unknown"], "--by-email-to-support must be"),
    (["resale", "extra"], "Got unexpected extra argument (extra)"),
    (
        [*COMMANDS["cancel-change"][:-5], "2026-11-29"],
        "accepted_cancellation_on 2026-11-29 is not a month end",
    ),
    (["cancel-change", "--kind", "extend", "--requested-at", "2026-11-20T10:00"], "has no offset"),
    (["cancel-change", *COMMANDS["cancel-change"][1:], "--fee", "5.5"], "--fee must be a whole"),
    (["nope"], "No such command 'nope'."),
    (["schema", "nope"], "no subcommand 'nope'; choose from cancel, cancel-change, channel"),
]


@pytest.mark.parametrize(("args", "needle"), REFUSALS)
def test_cli_bad_input(args, needle):
    """CLI: bad input exits 2 with one line on stderr, no traceback."""
    result = run(*args)
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, needle)


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
    (["cancel", *TERM, HUGE], "--term-months must be in 0..1200; got a number of 5000 characters"),
    (["cancel", *TERM, "1201"], "--term-months must be in 0..1200, got 1201"),
    (["cancel", *TERM, "-1"], "--term-months must be in 0..1200, got -1"),
    (["cancel", *TERM, "twelve"], "--term-months must be a whole number in 0..1200"),
    (["cancel", "--received-at", "", "--desired-month", "2026-12"], "--received-at must be"),
    (
        ["cancel", "--received-at", "2026-12-01T00:00", "--desired-month", "2026-12"],
        "has no offset",
    ),
    (["cancel", "--received-at", "x" * 100_000], "…[+99940]"),
    (["cancel", "--received-at", "２０２６-１２-０１"], "--received-at must be"),
    (
        ["cancel", "--received-at", "2026-12-01\u202e"],
        "--received-at must be",
    ),  # right-to-left mark
    (
        ["cancel", "--received-at", "2026-12-01", "--desired-month", "2026-12\u2028x"],
        "--desired-month",
    ),
    (
        ["cancel", "--received-at", "2026-12-01", "--desired-month", "\U0001f4c5"],
        "--desired-month",
    ),
    (["cancel", "--received-at", "2026-12-01", "--desired-month", ""], "--desired-month"),
    (
        ["cancel", "--received-at", "2026-12-01", "--rounding", "sideways"],
        "--rounding must be one",
    ),
    (["debit", "--", "\x1b[31m2026-06-03"], "NOTICE_ARRIVED must be"),
    (["debit", "--", ""], "NOTICE_ARRIVED must be"),
    (
        ["status", "example.jp", "--expires-on", "2027-03-31", "--on", "9999-12-31T23:00-10:00"],
        "--on",
    ),
    (
        ["restore", "example.jp", "--expires-on", "2027-03-31", "--provider-day-of-month", "29"],
        "1..28",
    ),
    ([*DOMAIN, "--payment", ""], "--payment must be one of"),
    ([*DOMAIN, "--ics", ""], "--ics must not be blank"),
    (["plan-change", "--service", "Flex Web", "--current-fee", HUGE], "--current-fee"),
    (["\x00"], "No such command"),
    ([], "Missing command."),
    (["cancel"], "Missing option '--received-at'. (see 'clararules cancel --help')"),
    (["debit"], "Missing argument 'NOTICE_ARRIVED'."),
    (["cancel", "--fe", "5"], "No such option '--fe'. (Did you mean one of: '--fee', '--help'"),
    (["debit", "--jsn"], "No such option '--jsn'. Did you mean '--json'?"),
    (["cancel", "--received-at"], "Option '--received-at' requires an argument."),
    (["debit", "2026-06-03", "--json=yes"], "Option '--json' does not take a value."),
    (["debit", "2026-06-03", "more"], "Got unexpected extra argument (more)"),
    (["debit", "2026-06-03", "a", "b"], "Got unexpected extra arguments (a b)"),
    (["debit", "2026-06-03", "--lang", "fr"], "--lang must be one of"),
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


def test_ics_path_with_nul():
    """CLI: an --ics path with a NUL character is refused on one line (in-process only: argv
    cannot carry NUL)."""
    line = assert_one_line_refusal(*invoke(*COMMANDS["domain"], "--ics", "a\x00b.ics"))
    assert line.endswith(": embedded null byte")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anyway")
def test_ics_permission_denied(tmp_path):
    """CLI: --ics into a folder without write permission: exit 2, one line."""
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    result = run(*COMMANDS["domain"], "--ics", str(folder / "renewal.ics"))
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, "Permission denied")


# Each option that carries a date, an instant, a month, yen or a count, with the other
# arguments valid: (arguments before the value, arguments after it).
OPTIONS = {
    "cancel --received": (["cancel", "--received-at"], ["--desired-month", "2026-12"]),
    "cancel --desired": (["cancel", "--received-at", "2026-12-01", "--desired-month"], []),
    "cancel --fee": (["cancel", *FEE], []),
    "cancel --activated-on": (
        [
            "cancel",
            "--received-at",
            "2026-12-01",
            "--fee",
            "5000",
            "--term-months",
            "12",
            "--activated-on",
        ],
        [],
    ),
    "cancel --term-months": (["cancel", *TERM], []),
    "cancel --special-term": (["cancel", *TERM, "12", "--special-term-months"], []),
    "plan-change --current-fee": (COMMANDS["plan-change"][:4], COMMANDS["plan-change"][5:]),
    "plan-change --new-fee": (COMMANDS["plan-change"][:6], COMMANDS["plan-change"][7:]),
    "plan-change --term-start-month": (COMMANDS["plan-change"][:8], COMMANDS["plan-change"][9:]),
    "plan-change --changed-on": (COMMANDS["plan-change"][:10], []),
    "domain --expiry": (["domain", "example.jp", "--expires-on"], []),
    "domain --paid-on": ([*DOMAIN, "--paid-on"], []),
    "domain --notice-arrived": ([*DOMAIN, "--payment", "direct_debit", "--notice-arrived-on"], []),
    "restore --provider-day-of-month": (
        ["restore", "example.jp", "--expires-on", "2027-03-31", "--provider-day-of-month"],
        [],
    ),
    "restore --provider-days-after-end": (
        ["restore", "example.jp", "--expires-on", "2027-03-31", "--provider-days-after-end"],
        [],
    ),
    "status --on": (["status", "example.jp", "--expires-on", "2027-03-31", "--on"], []),
    "status --paid-on": (
        ["status", "example.jp", "--expires-on", "2027-03-31", "--on", "2027-04-01", "--paid-on"],
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
@pytest.mark.parametrize("lang", ["en", "ja"])
@settings(max_examples=30, deadline=None)
@given(value=ANY_TEXT)
def test_any_text_exits_0_or_2(option, lang, value):
    """CLI: whatever text a date, month, money or count option gets, the result is an answer
    (0) or a one-line refusal (2) in the language of --lang, never a traceback or an internal
    error."""
    before, after = OPTIONS[option]
    code, stdout, stderr = invoke(before[0], "--lang", lang, *before[1:], value, *after)
    assert code in (0, 2), (code, stderr)
    assert "Traceback" not in stderr
    if code == 2:
        assert_one_line_refusal(code, stdout, stderr, lang=lang)
