"""Option names (docs/cli.md, "Option names"): one convention, help on every option, choices in
any case, and the old spellings still working as hidden aliases."""

import click
import pytest

from clararules.cli.commands import COMMANDS as COMPUTING
from clararules.cli.main import cli
from clararules.cli.options import Opt
from clararules.cli.types import DateType, MonthType, WhenType, WholeType, YenType

from .helpers import COMMANDS, assert_one_line_refusal, invoke, run


def _commands():
    """Every command: the group, and each subcommand (the computing ones, schema, replay)."""
    return [("clararules", cli), *sorted(cli.commands.items())]


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_option_has_help(name, command):
    """Every option of every command says what it is for in --help."""
    ctx = click.Context(command, info_name=name)
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            assert (param.help or "").strip(), (name, param.opts)


OPTIONS = [
    (command.name, param)
    for command in COMPUTING
    for param in command.params
    if isinstance(param, click.Option)
]


@pytest.mark.parametrize(("name", "param"), OPTIONS, ids=[f"{n} {p.opts[0]}" for n, p in OPTIONS])
def test_option_names_follow_the_convention(name, param):
    """A day is --<thing>-on, an instant --<thing>-at, a month --<thing>-month, a count names
    its unit, an amount of yen says "in yen" in its help; old names are other spellings only."""
    option = param.opts[0]
    assert option.startswith("--") and option == option.lower()
    kind = param.type
    if isinstance(kind, DateType):
        assert option == "--on" or option.endswith("-on"), option
    elif isinstance(kind, WhenType):
        assert option.endswith("-at"), option
    elif isinstance(kind, MonthType):
        assert option.endswith("-month"), option
    elif isinstance(kind, YenType):
        assert "in yen" in param.help, option
    elif isinstance(kind, WholeType):
        assert option.endswith(("-months", "-day-of-month", "-days-after-end")), option
    elif not param.is_flag:  # no other option is named like a day, an instant or a month
        assert not option.endswith(("-on", "-at", "-month")), option
    if isinstance(param, Opt):
        assert all(old.startswith("--") for old in param.old)
        assert not set(param.old) & set(param.opts[:1])


RENAMED = [
    # (old arguments, the same with today's names)
    (
        ["cancel", "--received", "2026-12-01", "--desired", "2026-12", "--fee", "5000",
         "--activated", "2026-04-15", "--term", "12", "--special-term", "24"],
        ["cancel", "--received-at", "2026-12-01", "--desired-month", "2026-12", "--fee", "5000",
         "--activated-on", "2026-04-15", "--term-months", "12", "--special-term-months", "24"],
    ),
    (
        ["plan-change", "--service", "Flex Web", "--current", "10000", "--new", "15000",
         "--term-start", "2026-04", "--changed-on", "2026-10-15"],
        ["plan-change", "--service", "Flex Web", "--current-fee", "10000", "--new-fee", "15000",
         "--term-start-month", "2026-04", "--changed-on", "2026-10-15"],
    ),
    (
        ["domain", "example.jp", "--expiry", "2027-03-31", "--payment", "direct_debit",
         "--notice-arrived", "2027-02-05"],
        ["domain", "example.jp", "--expires-on", "2027-03-31", "--payment", "direct_debit",
         "--notice-arrived-on", "2027-02-05"],
    ),
    (
        ["restore", "example.com", "--expiry", "2027-04-30", "--provider-day", "15"],
        ["restore", "example.com", "--expires-on", "2027-04-30", "--provider-day-of-month", "15"],
    ),
    (
        ["restore", "example.com", "--expiry=2027-04-30", "--provider-days=30"],
        ["restore", "example.com", "--expires-on=2027-04-30", "--provider-days-after-end=30"],
    ),
    (
        ["status", "example.jp", "--expiry", "2027-03-31", "--on", "2027-04-01"],
        ["status", "example.jp", "--expires-on", "2027-03-31", "--on", "2027-04-01"],
    ),
]  # fmt: skip


def _old_names(args):
    return [arg.split("=")[0] for arg in args if arg.startswith("--")]


@pytest.mark.parametrize(
    ("old", "new"), RENAMED, ids=[f"{n}-{a[0]}" for n, (a, _) in enumerate(RENAMED)]
)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_old_names_still_work(old, new, lang):
    """An old option name gives the same answer as today's, then one warning line on stderr
    naming each old name used and its name today."""
    code, stdout, stderr = invoke(*old, "--lang", lang)
    assert code == 0, stderr
    assert (code, stdout) == invoke(*new, "--lang", lang)[:2]
    assert invoke(*new, "--lang", lang)[2] == ""
    lines = stderr.splitlines()
    assert len(lines) == 1
    start = "clararules: warning: " if lang == "en" else "clararules: 注意: "
    assert lines[0].startswith(start), lines[0]
    renamed = [(o, n) for o, n in zip(_old_names(old), _old_names(new), strict=True) if o != n]
    assert renamed
    for old_name, new_name in renamed:
        pair = f"{old_name} is now {new_name}" if lang == "en" else f"{old_name} は {new_name}"
        assert pair in lines[0], lines[0]


def test_old_names_through_the_entry_point():
    """The old names work in a real run, and the JSON on stdout is unchanged."""
    old, new = RENAMED[0]
    result, expected = run(*old, "--json"), run(*new, "--json")
    assert (result.returncode, result.stdout) == (0, expected.stdout)
    assert "--received is now --received-at" in result.stderr


def test_old_names_are_hidden():
    """--help shows today's names only, and a typo is never answered with an old name."""
    for command in COMPUTING:
        code, stdout, _ = invoke(command.name, "--help")
        assert code == 0
        for param in command.params:
            for old in getattr(param, "old", ()):
                assert f"{old} " not in stdout and f"{old}," not in stdout, (command.name, old)
    line = assert_one_line_refusal(*invoke("cancel", "--received-at", "2026-12-01", "--ter", "1"))
    assert "'--term-months'" in line and "'--term'" not in line


def test_a_refusal_with_an_old_name_is_one_line():
    """A refusal stays one line: the warning is said only after an answer."""
    line = assert_one_line_refusal(*invoke("restore", "x.jp", "--expiry", "2027-03-31",
                                           "--provider-day", "29"))  # fmt: skip
    assert "--provider-day-of-month must be in 1..28" in line


@pytest.mark.parametrize(
    ("args", "same"),
    [
        (
            ["ip-plan", "--intent", "DELETE_DOMAIN", "--dns", "a", "--panel", "Plesk"],
            ["ip-plan", "--intent", "delete_domain", "--dns", "A", "--panel", "plesk"],
        ),
        (["channel", "TELEPHONE"], ["channel", "telephone"]),
        (
            ["contact-change", "--from-registered-contact", "YES", "--via-change-form", "No"],
            ["contact-change", "--from-registered-contact", "yes", "--via-change-form", "no"],
        ),
        (
            [
                *COMMANDS["cancel-change"][:2],
                "EXTEND",
                *COMMANDS["cancel-change"][3:],
                "--rounding",
                "HALF_UP",
            ],
            [*COMMANDS["cancel-change"], "--rounding", "half_up"],
        ),
        (
            ["domain", "example.jp", "--expires-on", "2027-03-31", "--payment", "DIRECT_DEBIT"],
            COMMANDS["domain"],
        ),
    ],
    ids=["ip-plan", "channel", "contact-change", "cancel-change", "domain"],
)
def test_choices_in_any_case(args, same):
    """A choice is its value or its name, in any case (the input door's member())."""
    assert invoke(*args) == invoke(*same)
    assert invoke(*args)[0] == 0
