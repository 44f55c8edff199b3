"""One voice out on the command line (G5): under --lang ja, everything it prints reads in
Japanese, tables, explanations and error lines alike; English holds no "(s)".

A Japanese output holds no ASCII word of three letters or more, except domain names, service
names, rule IDs, option names and the abbreviations the glossary keeps (``helpers.ALLOWED``);
an error line may also name the command line's own words (subcommands, arguments, the values
of choice options) and echo what was typed.
"""

import itertools

import pytest

from clararules.core.i18n import messages

from .helpers import (
    COMMANDS,
    DOMAIN,
    DOMAIN_NAME,
    FEE,
    HUGE,
    JAPANESE,
    TERM,
    assert_one_line_refusal,
    invoke,
    run,
    stray_words,
)

PLAN = ["--term-start-month", "2026-04", "--changed-on"]
OPTIONS = ["options", "--received-at", "2026-03-10", "--fee", "5000", "--activated-on"]
PLAN_DOMAIN = ["plan", "example.jp", "--expires-on", "2027-03-31"]

# A spread of answers of every subcommand: each branch of each rule family the command line
# reaches (dates before and after a deadline, every payment method, kind of domain, DNS
# pattern, panel, seal...).
ANSWERS = [
    ["cancel", "--received-at", "2026-11-30T23:59:59+09:00", "--desired-month", "2026-12"],
    ["cancel", "--received-at", "2026-12-01T00:00+09:00", "--desired-month", "2026-12"],
    ["cancel", "--received-at", "2026-12-15"],
    ["cancel", *FEE, "5000"],
    [
        "cancel",
        *TERM,
        "3",
        "--special-term-months",
        "24",
        "--rounding",
        "half_up",
        "--service",
        "Flex Web",
    ],
    [
        "cancel",
        "--received-at",
        "2027-03-01",
        "--activated-on",
        "2026-04-15",
        "--term-months",
        "0",
        "--fee",
        "1",
    ],
    ["plan-change", *COMMANDS["plan-change"][1:]],
    [
        "plan-change",
        "--service",
        "Flex Web",
        "--current-fee",
        "15000",
        "--new-fee",
        "10000",
        *PLAN,
        "2026-10-15",
    ],
    [
        "plan-change",
        "--service",
        "Flex Web",
        "--current-fee",
        "9000",
        "--new-fee",
        "9000",
        *PLAN,
        "2027-03-01",
    ],
    [*COMMANDS["plan-change"], "--from-next-month"],
    *(
        ["domain", name, "--expires-on", "2027-03-31", "--payment", payment]
        for name, payment in itertools.product(
            ["example.jp", "example.co.jp", "example.tokyo.jp", "example.com", "例え.jp"],
            ["credit_card", "invoice", "direct_debit"],
        )
    ),
    [*DOMAIN, "--domain-only"],
    [*DOMAIN, "--paid-on", "2027-02-10"],
    [*DOMAIN, "--payment", "direct_debit", "--notice-arrived-on", "2027-02-05"],
    ["domain", "example.net", "--expires-on", "2027-12-31", "--payment", "direct_debit"],
    *(
        ["restore", name, "--expires-on", "2027-03-31"]
        for name in ["example.jp", "example.co.jp", "example.com", "example.org"]
    ),
    ["restore", "example.com", "--expires-on", "2027-04-30", "--provider-day-of-month", "15"],
    ["restore", "example.com", "--expires-on", "2027-04-30", "--provider-days-after-end", "30"],
    *(
        ["status", "example.jp", "--expires-on", "2027-03-31", "--on", on]
        for on in ["2027-01-01", "2027-03-20", "2027-03-24", "2027-04-01", "2027-05-01"]
    ),
    [
        "status",
        "example.jp",
        "--expires-on",
        "2027-03-31",
        "--on",
        "2027-04-01",
        "--paid-on",
        "2027-03-01",
    ],
    ["status", "example.com", "--expires-on", "2027-03-31", "--on", "2027-04-10"],
    *(["debit", day] for day in ["2026-06-03", "2026-12-28", "2027-01-02", "2026-05-01"]),
    *(
        ["ip-plan", "--intent", intent, "--dns", "A", "--panel", panel]
        for intent, panel in itertools.product(
            ["delete_domain", "move_to_main_ip"], ["plesk", "webmin", "none"]
        )
    ),
    *(
        [
            "ip-plan",
            "--intent",
            intent,
            "--dns",
            dns,
            "--end-registration",
            "--provider-is-registrar",
            registrar,
        ]
        for intent, dns, registrar in itertools.product(
            ["delete_domain", "move_to_main_ip"], ["B", "C"], ["yes", "no", "unknown"]
        )
    ),
    [
        "ip-plan",
        "--intent",
        "move_to_main_ip",
        "--dns",
        "B",
        "--mail-client",
        "yes",
        "--host-record",
        "yes",
    ],
    [
        "ip-plan",
        "--intent",
        "move_to_main_ip",
        "--dns",
        "C",
        "--mail-client",
        "no",
        "--host-record",
        "no",
    ],
    *(
        ["seal", "--kind", kind, "--full-name", full]
        for kind, full in itertools.product(
            ["company_seal", "official_seal", "title_holder_seal", "staff_seal"],
            ["yes", "no", "unknown"],
        )
    ),
    ["seal", "--kind", "company_seal", "--full-name", "yes", "--electronic"],
    *(
        ["channel", channel]
        for channel in ["email_form", "email_without_form", "telephone", "post", "other"]
    ),
    ["suspend", "--service", "Flex Web"],
    *(
        [
            "delegation-release",
            "--representative-in-contracting-org",
            inside,
            "--via-release-form",
            form,
        ]
        for inside, form in itertools.product(["yes", "no"], ["yes", "no"])
    ),
    *(
        ["contact-change", "--from-registered-contact", registered, "--via-change-form", form]
        for registered, form in itertools.product(["yes", "no"], ["yes", "no"])
    ),
    ["dealer-certificate"],
    COMMANDS["dealer-certificate"],
    [
        *COMMANDS["dealer-certificate"],
        "--registered-address",
        "東京都千代田区1-1",
        "--by-email-to-support",
        "no",
    ],
    ["resale"],
    COMMANDS["cancel-change"],
    [*COMMANDS["cancel-change"][:-2], "--from-registered-contact", "no"],
    [
        "cancel-change",
        "--kind",
        "withdraw",
        "--requested-at",
        "2026-12-01",
        "--from-registered-contact",
        "yes",
        "--stated-cancellation-on",
        "2026-10-31",
        "--accepted-cancellation-on",
        "2026-11-30",
    ],
    [
        "cancel-change",
        "--kind",
        "extend",
        "--requested-at",
        "2026-11-01",
        "--from-registered-contact",
        "yes",
        "--customer-number",
        "C-1",
        "--service",
        "Flex Web",
        "--host-name",
        "example.jp",
        "--stated-cancellation-on",
        "2026-11-30",
        "--accepted-cancellation-on",
        "2026-11-30",
        "--new-cancellation-on",
        "2026-11-15",
    ],
    *(["deadline", month] for month in ["2027-03", "2024-03", "2027-01"]),
    COMMANDS["options"],
    [*OPTIONS, "2026-06-01", "--term-months", "12", "--months", "3"],  # from the activation
    [*OPTIONS, "2026-01-15", "--term-months", "0", "--months", "2"],  # no minimum term
    [
        *OPTIONS,
        "2026-01-15",
        "--term-months",
        "12",
        "--special-term-months",
        "24",
        "--rounding",
        "half_up",
        "--service",
        "Flex Web",
    ],
    [  # across the change of rate on 2019-10-01
        "options",
        "--received-at",
        "2019-06-30T15:00:00Z",
        "--fee",
        "999",
        "--activated-on",
        "2019-01-15",
        "--term-months",
        "12",
        "--months",
        "6",
        "--rounding",
        "up",
    ],
    COMMANDS["plan"],
    *(
        [*PLAN_DOMAIN, "--on", on]
        for on in ["2027-03-10", "2027-03-24", "2027-04-02", "2027-04-21"]
    ),
    [*PLAN_DOMAIN, "--on", "2027-03-10", "--payment", "invoice"],
    [*PLAN_DOMAIN, "--on", "2027-03-10", "--paid-on", "2027-03-01"],
    [*PLAN_DOMAIN, "--on", "2027-04-02", "--paid-on", "2027-03-28"],  # paid too late
    [*PLAN_DOMAIN, "--on", "2027-02-01", "--domain-only"],
    ["plan", "例え.jp", "--expires-on", "2027-03-31", "--on", "2027-01-10"],
    ["plan", "example.com", "--expires-on", "2027-03-31", "--on", "2027-04-10"],
    ["plan", "example.co.uk", "--expires-on", "2027-03-31", "--on", "2027-04-10"],  # close unknown
]

IDS = [f"{number}-{args[0]}" for number, args in enumerate(ANSWERS)]
SERVICES = ("Clara Cloud Flex", "Flex Web")


def test_every_subcommand_is_in_the_spread():
    """The spread covers every subcommand that prints a result."""
    assert {args[0] for args in ANSWERS} == set(COMMANDS)


@pytest.mark.parametrize("args", ANSWERS, ids=IDS)
def test_japanese_output_reads_in_japanese(args):
    """G5: a Japanese table and explanation hold no stray English word."""
    code, stdout, stderr = invoke(*args, "--lang", "ja")
    assert code == 0, stderr
    assert stderr == ""
    assert "説明:" in stdout and "Explanation" not in stdout
    assert stray_words(stdout, SERVICES) == [], stdout


@pytest.mark.parametrize("args", ANSWERS, ids=IDS)
def test_english_output_has_no_s_in_brackets(args):
    """G5: English plurals come from the catalogs: no "month(s)" in a table or explanation."""
    code, stdout, stderr = invoke(*args)
    assert code == 0, stderr
    assert "(s)" not in stdout
    assert "Explanation:" in stdout


def test_japanese_ics_notice():
    """G5: the line that says a calendar file was written is Japanese under --lang ja."""
    code, _, stderr = invoke(*DOMAIN, "--ics", "/dev/null", "--lang", "ja")
    assert code == 0
    assert stderr == "/dev/null に書き出しました\n"


# Every kind of refusal: the command line's own, the input door's, a rule's, and click's.
REFUSALS = [
    ["cancel", "--received-at", "2026-12-01T00:00", "--desired-month", "2026-12"],
    ["cancel", "--received-at", "2026-12-01", "--desired-month", "2026-13"],
    ["cancel", "--received-at", "x"],
    ["cancel", "--received-at", "2026-12-01", "--fee", "5000"],
    ["cancel", *FEE, "5.5"],
    ["cancel", *FEE, "-5000"],
    ["cancel", *FEE, HUGE],
    ["cancel", *FEE, "1000000000001"],
    ["cancel", *TERM, "1201"],
    ["cancel", *TERM, "twelve"],
    ["cancel", *TERM, HUGE],
    ["cancel", "--received-at", "2026-12-01", "--rounding", "sideways"],
    [
        "plan-change",
        "--service",
        "Flex Web",
        "--current-fee",
        "1",
        "--new-fee",
        "2",
        *PLAN,
        "2027-10-15",
    ],
    [
        "plan-change",
        "--service",
        "Nope Plan",
        "--current-fee",
        "1",
        "--new-fee",
        "2",
        *PLAN,
        "2026-10-15",
    ],
    ["domain", "exa mple.jp", "--expires-on", "2027-03-31"],
    ["domain", "example.jp", "--expires-on", "2027-03-30"],
    [*DOMAIN, "--payment", "invoice", "--domain-only"],
    [*DOMAIN, "--payment", ""],
    [*DOMAIN, "--ics", ""],
    [*DOMAIN, "--ics", "/nonexistent-folder/renewal.ics"],
    [*DOMAIN, "--ics", "/"],
    [*DOMAIN, "--ics", "a\x00b.ics"],
    ["restore", "example.jp", "--expires-on", "2027-03-31", "--provider-day-of-month", "29"],
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
    ["status", "example.jp", "--expires-on", "2027-03-31", "--on", "9999-12-31T23:00-10:00"],
    ["status", "example.jp", "--expires-on", "2027-03-31"],
    ["debit", "2026-02-30"],
    ["debit"],
    ["debit", "2026-06-03", "more"],
    ["debit", "2026-06-03", "a", "b"],
    ["debit", "2026-06-03", "--jsn"],
    ["debit", "2026-06-03", "--json=yes"],
    ["ip-plan", "--intent", "delete_domain", "--dns", "A"],
    ["ip-plan", "--intent", "delete_domain"],
    ["ip-plan", "--intent", "nothing", "--dns", "A"],
    ["seal", "--kind", "round_seal"],
    ["seal"],
    ["channel", "fax"],
    ["channel"],
    ["suspend", "--service", " "],
    ["delegation-release", "--representative-in-contracting-org", "maybe"],
    ["contact-change", "--from-registered-contact", "yes"],
    ["dealer-certificate", "--by-email-to-support", "unknown"],
    ["resale", "extra"],
    [*COMMANDS["cancel-change"][:-5], "2026-11-29"],
    ["cancel-change", "--kind", "extend", "--requested-at", "2026-11-20T10:00"],
    ["schema", "nope"],
    ["schema", "schema"],
    ["cancel", "--fe", "5"],
    ["cancel", "--received-at"],
    ["nope"],
    [],
]


REFUSAL_IDS = [f"{number}-{(args or ['none'])[0]}" for number, args in enumerate(REFUSALS)]


def _with_lang(args, form):
    """``args`` with ``--lang ja`` (``form``: at the end, as ``--lang=JA``, or before the
    subcommand's options, where a later bad option still fails after it is read)."""
    if form == "end":
        return [*args, "--lang", "ja"]
    if form == "equals":
        return [*args, "--lang=JA"]
    return [*args[:1], "--lang", "ja", *args[1:]]


@pytest.mark.parametrize("form", ["end", "equals", "first"])
@pytest.mark.parametrize("args", REFUSALS, ids=REFUSAL_IDS)
def test_refusal_reads_in_japanese(args, form):
    """G5: under --lang ja every bad input exits 2 with one Japanese line on stderr."""
    argv = _with_lang(args, form)
    line = assert_one_line_refusal(*invoke(*argv), lang="ja")
    assert JAPANESE.search(line.removeprefix("clararules: エラー: ")), line
    typed = [arg for arg in argv if not arg.startswith("--")]
    assert stray_words(line, typed, error=True) == [], line


@pytest.mark.parametrize("args", REFUSALS, ids=REFUSAL_IDS)
def test_refusal_in_english_is_one_line(args):
    """G5: the same refusals in English: exit 2, one line, no "(s)", no Japanese."""
    line = assert_one_line_refusal(*invoke(*args))
    assert "(s)" not in line
    assert not JAPANESE.search(DOMAIN_NAME.sub("", line)), line


@pytest.mark.parametrize(
    "args",
    [
        ["cancel", "--received-at", "2026-12-01T00:00", "--lang", "ja"],
        ["cancel", "--fe", "5", "--lang", "ja"],
        ["nope", "--lang=ja"],
    ],
)
def test_refusal_in_japanese_through_the_entry_point(args):
    """G5: the real entry point reads --lang before click parses the command line."""
    result = run(*args)
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, lang="ja")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["debit"],
            "引数 NOTICE_ARRIVED を指定してください（'clararules debit --help' を参照してください）",
        ),
        (
            ["cancel"],
            "オプション --received-at を指定してください（'clararules cancel --help' を参照してください）",
        ),
        ([], "サブコマンドを指定してください（'clararules --help' を参照してください）"),
        (["nope"], "サブコマンド nope はありません（'clararules --help' を参照してください）"),
        (
            ["debit", "2026-06-03", "--jsn"],
            "オプション --jsn はありません（'--json' のことですか？）（'clararules debit --help' を参照してください）",
        ),
        (["cancel", "--received-at"], "オプション --received-at には値を指定してください"),
        (["debit", "2026-06-03", "--json=yes"], "オプション --json に値は指定できません"),
        (
            ["debit", "2026-06-03", "a", "b"],
            "余分な引数があります（a b）（'clararules debit --help' を参照してください）",
        ),
        (
            ["cancel", "--received-at", "2026-12-01", "--fee", "5000"],
            "料金を計算するには --fee、--activated-on、--term-months をすべて指定してください（'clararules cancel --help' を参照してください）",
        ),
        (
            ["cancel", *FEE, "5.5"],
            "--fee には 5000、5,000、¥5,000 のような円単位の整数を指定してください。指定された値: '5.5'（'clararules cancel --help' を参照してください）",
        ),
        (
            ["cancel", *TERM, HUGE],
            "--term-months には 0〜1200 の値を指定してください。指定された値: 5000 文字の数値（'clararules cancel --help' を参照してください）",
        ),
        (
            [*DOMAIN, "--ics", "/nonexistent-folder/x.ics"],
            "--ics: '/nonexistent-folder/x.ics' に書き込めません: ファイルまたはフォルダがありません",
        ),
    ],
)
def test_japanese_lines(args, line):
    """G5: the command line's own messages and click's, as they read in Japanese."""
    code, stdout, stderr = invoke(*_with_lang(args, "first"))
    assert (code, stdout, stderr) == (2, "", f"clararules: エラー: {line}\n")


def test_unmapped_click_error_keeps_click_text_in_a_japanese_frame(monkeypatch):
    """G5: a click message the command line does not know reads in a translated frame."""
    import click

    from clararules.cli import domains

    def odd(*args, **kwargs):
        raise click.UsageError("Something click said.")

    monkeypatch.setattr(domains, "direct_debit", odd)
    assert invoke("debit", "2026-06-03", "--lang", "ja")[2] == (
        "clararules: エラー: コマンドラインの指定に誤りがあります: Something click said."
        "（'clararules debit --help' を参照してください）\n"
    )
    assert invoke("debit", "2026-06-03")[2] == (
        "clararules: error: Something click said. (see 'clararules debit --help')\n"
    )


def test_cli_messages_are_in_both_catalogs():
    """G5: every ``cli.*`` message has an English and a Japanese text."""
    en, ja = messages("en"), messages("ja")
    keys = {key for key in en if key.startswith("cli.")}
    assert keys == {key for key in ja if key.startswith("cli.")}
    assert all(ja[key] for key in keys)


@pytest.mark.parametrize("args", REFUSALS, ids=REFUSAL_IDS)
def test_refusal_in_the_pseudo_locale_comes_from_the_catalogs(monkeypatch, args):
    """G5: in the pseudo-locale (every catalog text in full-width letters), an error line holds
    no plain ASCII word but what was typed and the command line's own names: no text of the
    command line bypasses the catalogs."""
    from clararules.cli import main as cli_main
    from clararules.core.i18n import PSEUDO

    monkeypatch.setattr(cli_main, "argv_lang", lambda argv: PSEUDO)
    code, stdout, stderr = invoke(*args)
    assert (code, stdout) == (2, "")
    line = stderr.removesuffix("\n")
    assert "\n" not in line
    assert line.startswith("clararules: ⟦"), line
    typed = [arg for arg in args if not arg.startswith("--")]
    assert stray_words(line.removeprefix("clararules:"), typed, error=True) == [], line
