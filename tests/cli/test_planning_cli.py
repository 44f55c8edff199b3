"""The planning subcommands, run as a subprocess: ``deadline`` (C2), ``options`` (C2-C6) and
``plan`` (D1-D9), in English, Japanese and JSON, and their refusals (exit 2, one line).

Every subcommand is also covered by the loops over ``helpers.COMMANDS`` (help, input and output
schemas, ``--input``, ``--audit`` where offered, one voice in Japanese).
"""

import json
import subprocess
import sys

import jsonschema
import pendulum
import pytest
from rich.cells import cell_len

import clararules
from clararules import Contract, Month
from clararules.cli.main import output_schema

from .helpers import COMMANDS, JAPANESE, assert_one_line_refusal, invoke, run, stray_words

OPTIONS = COMMANDS["options"]
PLAN = COMMANDS["plan"]


def _lines(result):
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    return result.stdout.splitlines()


# ---------------------------------------------------------------- deadline (C2)


def test_deadline_in_english():
    assert _lines(run("deadline", "2027-03")) == [
        "Cancellation month             2027-03",
        "Deadline for this month (JST)  2027-02-28 23:59:59",
        "Effective date                 2027-03-31",
        "",
        "Explanation:",
        "  [C2] For a cancellation in 2027-03, the cancellation form must arrive by "
        "2027-02-28 23:59:59 JST, the last day of the month before; the cancellation takes "
        "effect on 2027-03-31.",
    ]


def test_deadline_in_japanese():
    assert _lines(run("deadline", "2024-03", "--lang", "ja")) == [
        "解約月           2024-03",
        "必着期限（JST）  2024-02-29 23:59:59",
        "解約日           2024-03-31",
        "",
        "説明:",
        "  [C2] 解約月 2024-03 の解約申込書は、前月末日 2024-02-29 23:59:59 JST必着です。"
        "解約日は 2024-03-31 です。",
    ]


def test_deadline_as_json():
    """--json: the month, the library's instant, the cancellation date and the C2 step; valid
    against `clararules schema deadline --output`, the same in every language."""
    result = run("deadline", "2027-01", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["month"] == "2027-01"
    assert data["deadline"] == clararules.cancellation_deadline("2027-01").isoformat()
    assert data["deadline"] == "2026-12-31T23:59:59+09:00"
    assert data["effective_on"] == "2027-01-31"
    (step,) = data["explanation"]
    assert (step["rule"], step["key"]) == ("C2", "C2.plan.deadline")
    assert step["ja"].endswith("解約日は 2027-01-31 です。")
    jsonschema.validate(data, output_schema("deadline"))
    assert invoke("deadline", "2027-01", "--json", "--lang", "ja")[1] == result.stdout
    schema = json.loads(run("schema", "deadline", "--output").stdout)
    assert schema["$ref"] == "#/$defs/CancellationDeadline"


def test_deadline_takes_no_audit_and_no_parameters(tmp_path):
    """Its answer is not a recorded result and reads no dated parameter."""
    code, stdout, _ = invoke("deadline", "--help")
    assert code == 0 and "--audit FILE" not in stdout and "--parameters" not in stdout
    assert "MONTH" in stdout and "Example" in stdout
    for option in ("--audit", "--parameters"):
        path = str(tmp_path / "x")
        assert_one_line_refusal(*invoke("deadline", "2027-03", option, path), option)
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("args", "needle", "lang"),
    [
        (["deadline", "2027-13"], "MONTH must be a month as 'YYYY-MM'", "en"),
        (["deadline", "2027-13", "--lang", "ja"], "MONTH には 'YYYY-MM' 形式の月", "ja"),
        (["deadline", "0001-01"], "month arithmetic left the years 1..9999", "en"),
        (["deadline"], "Missing argument 'MONTH'.", "en"),
        (["deadline", "--lang", "ja"], "引数 MONTH を指定してください", "ja"),
        (["deadline", "2027-03", "2027-04"], "Got unexpected extra argument (2027-04)", "en"),
    ],
)
def test_deadline_refusals(args, needle, lang):
    result = run(*args)
    line = assert_one_line_refusal(result.returncode, result.stdout, result.stderr, needle, lang)
    if lang == "ja":
        typed = [arg for arg in args if not arg.startswith("--")]
        assert stray_words(line, typed, error=True) == [], line


# ---------------------------------------------------------------- options (C2-C6)


def test_options_in_english():
    """One row per month under the options' labels, amounts aligned right, then the
    explanation (C4, C5, C6 and one C6 line per option)."""
    lines = _lines(run(*OPTIONS))
    assert lines[:7] == [
        "Cancellation month  Deadline for this month (JST)  Effective date  Months short"
        "  Amount (tax excluded)  Amount (tax included)",
        "2027-01             2026-12-31 23:59:59            2027-01-31          3 months"
        "                ¥15,000                ¥16,500",
        "2027-02             2027-01-31 23:59:59            2027-02-28          2 months"
        "                ¥10,000                ¥11,000",
        "2027-03             2027-02-28 23:59:59            2027-03-31           1 month"
        "                 ¥5,000                 ¥5,500",
        "2027-04             2027-03-31 23:59:59            2027-04-30          0 months"
        "                     ¥0                     ¥0",
        "2027-05             2027-04-30 23:59:59            2027-05-31          0 months"
        "                     ¥0                     ¥0",
        "2027-06             2027-05-31 23:59:59            2027-06-30          0 months"
        "                     ¥0                     ¥0",
    ]
    assert lines[7:9] == ["", "Explanation:"]
    assert [line[:7] for line in lines[9:]] == ["  [C4] ", "  [C5] ", *["  [C6] "] * 7]
    assert "owes no minimum-term charge" in lines[11]


def test_options_in_japanese():
    lines = _lines(run(*OPTIONS, "--lang", "ja", "--months", "2"))
    assert lines == [
        "解約月   必着期限（JST）      解約日      不足月数  金額（税抜）  金額（税込）",
        "2027-01  2026-12-31 23:59:59  2027-01-31     3か月       ¥15,000       ¥16,500",
        "2027-02  2027-01-31 23:59:59  2027-02-28     2か月       ¥10,000       ¥11,000",
        "",
        "説明:",
        "  [C4] 解約申込書が 2026-12-01 09:00:00 JST（2026-12）に到着した場合、最も早い解約月は"
        "到着月の翌月 2027-01 です。それより後の月を解約希望月としてご指定いただくこともできます。",
        "  [C5] 最低利用期間は 12か月（料金表）で、開通日 2026-04-15 の翌月を起点に"
        " 2026-05〜2027-04 です。",
        "  [C6] 最低利用期間（12か月）の最終月は 2027-04 のため、2027-04 以降の解約では"
        "最低利用期間に満たない月数分の料金はかかりません。",
        "  [C6] 2027-01 の解約（2026-12-31 23:59:59 JST必着、解約日 2027-01-31）: 不足月数 3か月、"
        "料金は ¥15,000（税抜）、¥16,500（税込）です。",
        "  [C6] 2027-02 の解約（2027-01-31 23:59:59 JST必着、解約日 2027-02-28）: 不足月数 2か月、"
        "料金は ¥10,000（税抜）、¥11,000（税込）です。",
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_options_rows_are_the_options_own_tables(lang):
    """Each row is the option's own ``table(lang)`` values under its labels, the columns two
    spaces apart by the width a character takes in a terminal."""
    contract = Contract("service", 5000, pendulum.Date(2026, 4, 15), 12)
    now = pendulum.datetime(2026, 12, 1, 9, tz="Asia/Tokyo")
    result = clararules.cancellation_options(contract, now, 6)
    code, stdout, _ = invoke(*OPTIONS, "--lang", lang)
    assert code == 0
    tables = [option.table(lang) for option in result.options]
    grid = [[label for label, _ in tables[0]], *([value for _, value in t] for t in tables)]
    widths = [max(cell_len(row[i]) for row in grid) for i in range(6)]
    for line, row in zip(stdout.splitlines(), grid, strict=False):
        cells = [
            text.rjust(width - cell_len(text) + len(text))
            if i >= 3
            else text + " " * (width - cell_len(text))
            for i, (text, width) in enumerate(zip(row, widths, strict=True))
        ]
        assert line == "  ".join(cells).rstrip()
    assert stdout.endswith(
        "\n".join(f"  {line}" for line in result.explain(lang).splitlines()) + "\n"
    )


def test_options_as_json():
    """--json is the library's CancellationOptions, valid against its output schema."""
    result = run(*OPTIONS, "--months", "3", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["received_at"] == "2026-12-01T09:00:00+09:00"
    assert data["first_free_month"] == "2027-04"
    assert [(o["month"], o["deadline"], o["amount_with_tax"]) for o in data["options"]] == [
        ("2027-01", "2026-12-31T23:59:59+09:00", 16500),
        ("2027-02", "2027-01-31T23:59:59+09:00", 11000),
        ("2027-03", "2027-02-28T23:59:59+09:00", 5500),
    ]
    jsonschema.validate(data, output_schema("options"))
    read = clararules.from_dict(data, clararules.CancellationOptions)
    assert read.option(Month(2027, 2)).amount_with_tax.amount == 11000


def test_options_default_to_twelve_months_and_take_a_later_activation():
    code, stdout, _ = invoke(*OPTIONS[:-2], "--json")
    assert code == 0 and len(json.loads(stdout)["options"]) == 12
    code, stdout, _ = invoke(
        "options", "--received-at", "2026-03-10", "--fee", "5000", "--activated-on",
        "2026-06-01", "--term-months", "12", "--months", "2",
    )  # fmt: skip
    assert code == 0
    assert stdout.splitlines()[1].startswith("2026-06 ")  # the activation month, not 2026-04
    assert "[C6] The contract was activated on 2026-06-01" in stdout


def test_options_audit_replays_identical(tmp_path):
    path = tmp_path / "options.json"
    result = run(*OPTIONS, "--audit", str(path), "--lang", "ja")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"{path} に書き出しました\n"
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["computation"] == "cancellation_options"
    replayed = run("replay", str(path))
    assert replayed.returncode == 0 and "identical" in replayed.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ([*OPTIONS[:-1], "0"], "--months must be in 1..120, got 0"),
        ([*OPTIONS[:-1], "121"], "--months must be in 1..120, got 121"),
        ([*OPTIONS, "--received-at", "2026-12-01T09:00"], "has no offset"),
        ([*OPTIONS, "--fee", "5.5"], "--fee must be a whole number of yen"),
        ([*OPTIONS, "--rounding", "sideways"], "--rounding must be one of"),
        (OPTIONS[:-4], "Missing option '--term-months'."),
        (["options", "--received-at", "9999-12-01", *OPTIONS[3:]], "years 1..9999"),
    ],
)
def test_options_refusals(args, needle):
    result = run(*args)
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, needle)


def test_options_refusal_in_japanese():
    result = run(*OPTIONS[:-1], "0", "--lang", "ja")
    line = assert_one_line_refusal(
        result.returncode, result.stdout, result.stderr, "--months には 1〜120 の値", "ja"
    )
    assert JAPANESE.search(line)


# ---------------------------------------------------------------- plan (D1-D9)


def test_plan_in_english():
    lines = _lines(run(*PLAN))
    assert lines[:9] == [
        "Domain         example.jp",
        "On             2027-01-10",
        "Status         active",
        "Contract end   2027-03-24",
        "Payment        direct debit",
        "Renewal order  2027-02-02 to 2027-02-07",
        "Pay by         2027-03-24",
        "Direct debit   2027-03-01",
        "Reminders      2027-02-07, 2027-03-09, 2027-03-17, 2027-03-21, 2027-03-24",
    ]
    assert lines[9:11] == ["", "Explanation:"]
    assert (
        "  [D4] To do: pay the renewal by direct debit by the contract end, 2027-03-24 "
        "(73 days after 2027-01-10)." in lines
    )


def test_plan_in_japanese_past_the_contract_end():
    lines = _lines(
        run("plan", "example.jp", "--expires-on", "2027-03-31", "--on", "2027-04-21", "--lang",
            "ja")
    )  # fmt: skip
    assert lines[:3] == ["ドメイン名              example.jp", "基準日                  2027-04-21",
                         "状態                    廃止"]  # fmt: skip
    assert lines[-1] == (
        "  [D9] 復活申請の期限（2027-04-20、レジストリの規定）を過ぎているため、"
        "ドメインの復活はできません。"
    )
    assert "説明:" in lines


def test_plan_as_json():
    """--json is the library's RenewalPlan, valid against its output schema."""
    result = run(*PLAN, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["status"], data["pay_by"], data["debit_on"]) == (
        "active",
        "2027-03-24",
        "2027-03-01",
    )
    jsonschema.validate(data, output_schema("plan"))
    expected = clararules.renewal_plan(
        "example.jp", pendulum.Date(2027, 3, 31), pendulum.Date(2027, 1, 10), "direct_debit"
    )
    assert data == clararules.to_dict(expected)


def test_plan_input_document(tmp_path):
    path = tmp_path / "plan.json"
    document = {"name": "example.jp", "expires_on": "2027-03-31", "on": "2027-04-02"}
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("plan", "--input", str(path), "--paid-on", "2027-03-01")
    assert "Status         renewed" in _lines(result)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ([*PLAN[:4], "--on", "2027-01-10T09:00"], "--on '2027-01-10T09:00' has no offset"),
        ([*PLAN[:2], "--expires-on", "2027-03-30", "--on", "2027-01-10"], "month end"),
        ([*PLAN, "--domain-only", "--payment", "invoice"], "credit card only"),
        (["plan", "exa mple.jp", *PLAN[2:]], "white space"),
        (PLAN[:4], "Missing option '--on'."),
    ],
)
def test_plan_refusals(args, needle):
    result = run(*args)
    assert_one_line_refusal(result.returncode, result.stdout, result.stderr, needle)


def test_plan_refusal_in_japanese():
    result = run(*PLAN[:4], "--on", "2027-01-10T09:00", "--lang", "ja")
    line = assert_one_line_refusal(result.returncode, result.stdout, result.stderr, "--on", "ja")
    assert "オフセット" in line


# ---------------------------------------------------------------- columns on a terminal


def test_option_columns_on_a_terminal_wrap_within_the_width():
    """On a terminal (here 60 columns) the header is bold and every line fits the width."""
    from clararules.cli.output import draw_columns
    from clararules.cli.planning import option_columns

    contract = Contract("service", 5000, pendulum.Date(2026, 4, 15), 12)
    result = clararules.cancellation_options(contract, pendulum.Date(2026, 12, 1), 3)
    ansi = "\x1b["
    for lang in ("en", "ja"):
        text = draw_columns(option_columns(result, lang), terminal_width=60)
        assert ansi + "1m" in text
        for line in text.split("\n"):
            while ansi in line:
                start = line.index(ansi)
                line = line[:start] + line[line.index("m", start) + 1 :]
            assert cell_len(line) <= 60


def test_rich_is_not_imported_for_json():
    code = (
        "import contextlib, io, sys\n"
        "from clararules.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({[*OPTIONS, '--json']!r}) == 0\n"
        f"    assert main({['deadline', '2027-03', '--json']!r}) == 0\n"
        "print('rich' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("args", "same"),
    [
        ([*PLAN[:-1], "DIRECT_DEBIT"], PLAN),
        ([*OPTIONS, "--rounding", "HALF_UP"], [*OPTIONS, "--rounding", "half_up"]),
        (["deadline", "2027-03", "--lang", "JA"], ["--lang", "ja", "deadline", "2027-03"]),
    ],
    ids=["plan --payment", "options --rounding", "deadline --lang"],
)
def test_choices_in_any_case(args, same):
    assert invoke(*args) == invoke(*same)
    assert invoke(*args)[0] == 0
