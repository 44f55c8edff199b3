"""Shared helpers of the command-line tests: running it, and what a refusal looks like."""

import contextlib
import io
import re
import subprocess
import sys

from clararules.cli.commands import COMMANDS as CLICK_COMMANDS
from clararules.cli.main import main
from clararules.cli.types import ChoiceType


def run(*args):
    """Run ``python -m clararules`` in a subprocess (the real entry point)."""
    return subprocess.run(
        [sys.executable, "-m", "clararules", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def invoke(*args):
    """Run :func:`main` in this process; (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


ERROR_PREFIX = {"en": "clararules: error: ", "ja": "clararules: エラー: "}


def assert_one_line_refusal(code, stdout, stderr, needle="", lang="en"):
    """A user error: status 2, nothing on stdout, exactly one line on stderr, no traceback."""
    assert code == 2, (code, stdout, stderr)
    assert stdout in ("", b"")
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "backslashreplace")
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(ERROR_PREFIX[lang]), lines[0]
    assert needle in lines[0], (needle, lines[0])
    assert len(lines[0]) < 600, lines[0]
    return lines[0]


COMMANDS = {
    "cancel": [
        "cancel",
        "--received-at",
        "2026-12-01T00:00+09:00",
        "--desired-month",
        "2026-12",
        "--fee",
        "5,000",
        "--activated-on",
        "2026-04-15",
        "--term-months",
        "12",
    ],
    "plan-change": [
        "plan-change",
        "--service",
        "Clara Cloud Flex",
        "--current-fee",
        "10000",
        "--new-fee",
        "15000",
        "--term-start-month",
        "2026-04",
        "--changed-on",
        "2026-10-15",
    ],
    "domain": ["domain", "example.jp", "--expires-on", "2027-03-31", "--payment", "direct_debit"],
    "restore": ["restore", "example.jp", "--expires-on", "2027-03-31"],
    "status": ["status", "example.jp", "--expires-on", "2027-03-31", "--on", "2027-04-01"],
    "debit": ["debit", "2026-06-03"],
    "ip-plan": ["ip-plan", "--intent", "delete_domain", "--dns", "A", "--panel", "plesk"],
    "seal": ["seal", "--kind", "company_seal", "--full-name", "yes"],
    "cancel-change": [
        "cancel-change",
        "--kind",
        "extend",
        "--requested-at",
        "2026-11-20T10:00+09:00",
        "--from-registered-contact",
        "yes",
        "--customer-number",
        "C-1001",
        "--service",
        "Flex Web",
        "--host-name",
        "www.example.jp",
        "--stated-cancellation-on",
        "2026-11-30",
        "--accepted-cancellation-on",
        "2026-11-30",
        "--new-cancellation-on",
        "2027-02-28",
        "--fee",
        "5000",
    ],
    "channel": ["channel", "telephone"],
    "suspend": ["suspend", "--service", "Flex Web"],
    "delegation-release": [
        "delegation-release",
        "--representative-in-contracting-org",
        "no",
        "--via-release-form",
        "yes",
    ],
    "contact-change": [
        "contact-change",
        "--from-registered-contact",
        "yes",
        "--via-change-form",
        "no",
    ],
    "dealer-certificate": [
        "dealer-certificate",
        "--subject",
        "古物商許可申請について",
        "--head-office-address",
        "東京都千代田区1-1",
    ],
    "resale": ["resale"],
    "deadline": ["deadline", "2027-03"],
    "options": [
        "options",
        "--received-at",
        "2026-12-01T09:00+09:00",
        "--fee",
        "5,000",
        "--activated-on",
        "2026-04-15",
        "--term-months",
        "12",
        "--months",
        "6",
    ],
    "plan": [
        "plan",
        "example.jp",
        "--expires-on",
        "2027-03-31",
        "--on",
        "2027-01-10",
        "--payment",
        "direct_debit",
    ],
}
"""An example of each computing subcommand (every one is here: ``test_every_subcommand``)."""

HUGE = "9" * 5000
CONTRACT = [
    "--received-at",
    "2026-12-01",
    "--desired-month",
    "2026-12",
    "--activated-on",
    "2026-04-15",
]
FEE = [*CONTRACT, "--term-months", "12", "--fee"]
TERM = [*CONTRACT, "--fee", "5000", "--term-months"]
DOMAIN = ["domain", "example.jp", "--expires-on", "2027-03-31"]


# ---------------------------------------------------------------- one voice (G5)

# Words Japanese output may show as they are (as in tests/test_voice.py): abbreviations the
# glossary keeps in Latin letters, service names a customer typed, and the names of formats in
# the input door's messages ("ISO 8601", "UTC", "'YYYY-MM'").  Python names in those messages
# ("datetime.date", "pendulum.Date") read as dotted names and are skipped like domain names.
ALLOWED = {
    "JST", "DNS", "PDF", "URL", "JPRS", "gTLD", "Plesk", "Webmin", "Web",
    "Flex", "Mini", "Cube", "Clara", "Cloud", "KUSANAGI", "with", "VPS", "FPS",
    "ISO", "UTC", "YYYY", "Suspended", "IDN",
}  # fmt: skip

# The command line's own vocabulary, which its error lines name: the program, its subcommands,
# its arguments, the values and names of its choice options (what the user types:
# ``company_seal``, ``COMPANY_SEAL``, ``unknown``), and its options' names as the library's
# messages spell them (``changed_on`` for ``--changed-on``).  Whole tokens only, and only in
# error lines: a table that showed ``credit_card`` would still be caught.
COMMAND_WORDS = {
    "clararules",
    "schema",
    "NAME",
    "NOTICE_ARRIVED",
    "CHANNEL",
    "MONTH",
    "COMMAND",
    "help",
} | {command.name for command in CLICK_COMMANDS if command.name}
# The library's own names of inputs its messages name where the option's name differs
# (plan_change's ``term_start``, given as --term-start-month).
COMMAND_WORDS |= {"term_start"}
for _command in CLICK_COMMANDS:
    for _param in _command.params:
        COMMAND_WORDS.add(_param.name)
        if isinstance(_param.type, ChoiceType):
            COMMAND_WORDS.update(str(member.value) for member in _param.type.kind)
            COMMAND_WORDS.update(member.name for member in _param.type.kind)

OPTION = re.compile(r"--[a-z][a-z-]*")
DOMAIN_NAME = re.compile(r"(?:[\w-]+\.)+[\w-]+")
TOKEN = re.compile(r"[\w-]+")
WORD = re.compile(r"[A-Za-z]{3,}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def stray_words(text, typed=(), *, error=False):
    """ASCII words of 3+ letters in ``text`` outside option names, domain names, what the user
    typed (``typed``) and the allowed words (and, in an error line, the command line's own
    words)."""
    for value in sorted(set(typed) - COMMAND_WORDS, key=len, reverse=True):
        if len(value) >= 3:
            text = text.replace(value, " ")
    text = DOMAIN_NAME.sub(" ", OPTION.sub(" ", text))
    if error:
        text = TOKEN.sub(lambda m: " " if m[0] in COMMAND_WORDS else m[0], text)
    return [word for word in WORD.findall(text) if word not in ALLOWED]
