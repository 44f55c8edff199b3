"""``clararules batch quotes|timelines IN -o OUT``: books from files at the command line.

Every input row is written or listed as failed (with its line), nothing is lost; exit 0 when no
row failed, 1 when some did, 2 when the input cannot be used (one line on stderr, as every
refusal).  The tests run :func:`main` in this process with the ``batch`` group registered for
the call (as ``cli/main.py`` registers it), and once through the real entry point.
"""

import csv
import datetime as dt
import io
import json
import re
from unittest import mock

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clararules as cr
from clararules.cli import batch_command
from clararules.cli.batch_command import batch
from clararules.cli.main import cli

from .helpers import JAPANESE, assert_one_line_refusal, invoke, run

HEADER = ["monthly_fee", "activated_on", "minimum_term_months", "received_at", "desired_month"]
GOOD = [
    ["5000", "2026-04-15", "12", "2026-11-30T14:59:00+09:00", "2026-12"],
    ["5,000", "2026-04-15", "12", "2026-12-01", "2026-12"],
    ["¥12,000", "2025-10-01", "24", "2026-12-01T10:00:00+09:00", ""],
    ["0", "2026-01-31", "0", "2026-02-01", "2026-03"],
]
BAD = [
    (["abc", "2026-04-15", "12", "2026-12-01", "2026-12"], "monthly_fee"),
    (["5000", "2026-04-15", "12", "2026-12-01T09:00", "2026-12"], "has no offset"),
    (["5000", "2026-04-15", "12.5", "2026-12-01", "2026-12"], "minimum_term_months"),
    (["5000", "2026-13-01", "12", "2026-12-01", "2026-12"], "activated_on"),
    (["5000", "", "12", "2026-12-01", "2026-12"], "activated_on"),
    (["5000", "2026-04-15", "12", "2026-12-01", "2026-13"], "2026-13"),
    (["5000", "2026-04-15"], "the line has 2 cells; the header has 5"),
]


def invoke_batch(*args):
    """:func:`main` (exit status, stdout, stderr) with the batch group registered for the call."""
    with mock.patch.dict(cli.commands, {"batch": batch}):
        return invoke(*args)


def write_csv(path, header, records):
    """Write ``records`` under ``header``; the line each record starts on (cells may hold line
    breaks, which move the lines after them)."""
    lines, line = [], 2
    with open(path, "w", encoding="utf-8", newline="") as fp:
        writer = csv.writer(fp, lineterminator="\n")
        writer.writerow(header)
        for record in records:
            writer.writerow(record)
            lines.append(line)
            line += 1 + sum(cell.count("\n") for cell in record)
    return lines


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fp:
        return list(csv.DictReader(fp))


def expected_quote(record):
    """The library's answer for one CSV record, its cells typed as the command line types
    them (text of numbers to int, empty to None)."""
    fee = int(record[0].replace(",", "").replace("¥", ""))
    book = {
        "monthly_fee": [fee],
        "activated_on": [record[1]],
        "minimum_term_months": [int(record[2])],
        "received_at": [record[3]],
        "desired_month": [record[4] or None],
    }
    out = cr.quote_cancellations(book)
    return {name: values[0] for name, values in out.items()}


def as_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- answers


def test_quotes_csv_to_csv(tmp_path):
    """C2-C6: every row of a CSV book quoted, in order, the input cells kept: exit 0."""
    source, target = tmp_path / "contracts.csv", tmp_path / "quotes.csv"
    lines = write_csv(source, HEADER, GOOD)
    code, stdout, stderr = invoke_batch("batch", "quotes", str(source), "-o", str(target))
    assert code == 0, stderr
    assert stdout == ""
    rows = read_csv(target)
    assert [int(row["line"]) for row in rows] == lines
    for row, record in zip(rows, GOOD, strict=True):
        assert [row[name] for name in HEADER] == record
        for name, value in expected_quote(record).items():
            assert row[name] == as_text(value), name
    summary = (
        rf"read 4 rows: 4 rows written to {re.escape(str(target))}, 0 rows failed \(\d+\.\d s\)"
    )
    assert re.fullmatch(summary + "\n", stderr), stderr
    assert rows[0]["amount_with_tax"] == "22000" and rows[1]["shifted"] == "true"


def test_failed_rows_are_listed_with_their_lines_and_the_rest_written(tmp_path):
    """A bad row does not stop the book: it is listed with its line and the library's reason,
    every good row is written, and the exit status is 1."""
    records = [GOOD[0], BAD[0][0], ["5000", "2026-04-15", "12", "2026-12-01", "2026-12"]]
    records += [BAD[1][0], BAD[6][0], GOOD[1]]
    source, target = tmp_path / "contracts.csv", tmp_path / "quotes.csv"
    lines = write_csv(source, HEADER, records)
    code, _, stderr = invoke_batch("batch", "quotes", str(source), "-o", str(target))
    assert code == 1
    assert [int(row["line"]) for row in read_csv(target)] == [lines[0], lines[2], lines[5]]
    said = stderr.splitlines()
    assert said[0].startswith(f"line {lines[1]}: monthly_fee must be a whole number of yen")
    assert said[1].startswith(f"line {lines[3]}: received_at '2026-12-01T09:00' has no offset")
    assert said[2] == f"line {lines[4]}: the line has 2 cells; the header has 5"
    assert said[3].startswith(f"read 6 rows: 3 rows written to {target}, 3 rows failed (")
    assert len(said) == 4
    assert "row 0" not in stderr and "Traceback" not in stderr


def test_line_numbers_count_line_breaks_blank_lines_and_a_bom(tmp_path):
    """A row's line is the line it starts on in the file: a quoted cell's line breaks and blank
    lines are counted; a UTF-8 byte-order mark is read as such."""
    source = tmp_path / "contracts.csv"
    text = (
        "\ufeffservice," + ",".join(HEADER) + "\n"
        '"Flex\nWeb",' + ",".join(GOOD[0]) + "\n"
        "\n"
        "Flex Web," + ",".join(BAD[0][0]) + "\n"
    )
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "out.csv"
    code, _, stderr = invoke_batch("batch", "quotes", str(source), "-o", str(target))
    assert code == 1
    assert stderr.startswith("line 5: monthly_fee")
    rows = read_csv(target)
    assert [(row["line"], row["service"]) for row in rows] == [("2", "Flex\nWeb")]


@pytest.mark.parametrize("lang_args", [("--lang", "ja"), ("batch-lang",), ("global-lang",)])
def test_japanese(tmp_path, lang_args):
    """G5: under --lang ja (the subcommand's, the group's or clararules'), the failures and the
    summary read in Japanese."""
    source, target = tmp_path / "contracts.csv", tmp_path / "quotes.csv"
    write_csv(source, HEADER, [GOOD[0], BAD[0][0], BAD[6][0]])
    command = ["batch", "quotes", str(source), "-o", str(target)]
    if lang_args == ("batch-lang",):
        command = ["batch", "--lang", "ja", *command[1:]]
    elif lang_args == ("global-lang",):
        command = ["--lang", "ja", *command]
    else:
        command += list(lang_args)
    code, _, stderr = invoke_batch(*command)
    assert code == 1
    said = stderr.splitlines()
    assert said[0].startswith("3 行目: monthly_fee には 5000、5,000、¥5,000 のような円単位の整数")
    assert said[1] == "4 行目: この行のセルは 2 個ですが、見出し行は 5 個です"
    assert said[2].startswith(
        f"3 行を読み込みました: 1 行を {target} に書き出し、2 行が失敗しました（"
    )
    assert all(JAPANESE.search(line) for line in said)
    assert "line" not in stderr and "rows" not in stderr


def test_errors_file_and_json_summary(tmp_path):
    """--errors FILE lists the failed rows as CSV (line, reason) instead of stderr; --json
    prints the summary on stdout, the failures included."""
    source, target, errors = tmp_path / "c.csv", tmp_path / "q.csv", tmp_path / "failed.csv"
    lines = write_csv(source, HEADER, [BAD[2][0], GOOD[0], BAD[3][0]])
    code, stdout, stderr = invoke_batch(
        "batch", "quotes", str(source), "-o", str(target), "--errors", str(errors), "--json"
    )
    assert code == 1
    failed = read_csv(errors)
    assert [row["line"] for row in failed] == [str(lines[0]), str(lines[2])]
    assert "minimum_term_months" in failed[0]["reason"]
    summary = json.loads(stdout)
    assert {k: summary[k] for k in ("read", "written", "failed", "output")} == {
        "read": 3,
        "written": 1,
        "failed": 2,
        "output": str(target),
    }
    assert [f["line"] for f in summary["failures"]] == [lines[0], lines[2]]
    assert [f["reason"] for f in summary["failures"]] == [row["reason"] for row in failed]
    assert len(stderr.splitlines()) == 1 and stderr.startswith("read 3 rows")


def test_timelines_parquet_to_parquet(tmp_path):
    """D1-D6: a Parquet book of domains (typed columns) to a Parquet file: the input columns
    keep their types, dates are dates, the reminders a list of dates; a bad row is listed by
    its row number."""
    source, target = tmp_path / "domains.parquet", tmp_path / "timelines.parquet"
    book = {
        "domain": ["example.jp", "bad domain", "example.com", "例え.jp"],
        "registry_expiry": [
            dt.date(2027, 3, 31),
            dt.date(2027, 3, 31),
            dt.date(2027, 3, 10),
            dt.date(2027, 4, 30),
        ],
        "payment": ["invoice", None, "direct_debit", None],
    }
    pq.write_table(pa.table(book), source)
    code, _, stderr = invoke_batch("batch", "timelines", str(source), "-o", str(target))
    assert code == 1
    assert stderr.startswith("row 2: 'bad domain' is not a valid domain name")
    out = pq.read_table(target)
    assert out.column("row").to_pylist() == [1, 3, 4]
    assert out.schema.field("registry_expiry").type == pa.date32()
    assert out.schema.field("reminders").type == pa.list_(pa.date32())
    expected = cr.renewal_timelines(
        {name: [v for i, v in enumerate(values) if i != 1] for name, values in book.items()}
    )
    for name, values in expected.items():
        got = out.column(name).to_pylist()
        assert got == [list(v) if isinstance(v, tuple) else v for v in values], name


def test_timelines_csv_flags_and_empty_cells(tmp_path):
    """D5: a CSV flag reads yes/no or true/false in any case; an empty cell is not given."""
    source, target = tmp_path / "d.csv", tmp_path / "t.csv"
    header = ["domain", "registry_expiry", "payment", "domain_only"]
    records = [
        ["example.jp", "2027-03-31", "", "TRUE"],
        ["example.com", "2027-03-10", "invoice", "no"],
        ["example.net", "2027-03-10", "invoice", "yes"],  # domain only: card only (D5)
        ["example.org", "2027-03-10", "", "maybe"],
    ]
    write_csv(source, header, records)
    code, _, stderr = invoke_batch("batch", "timelines", str(source), "-o", str(target))
    assert code == 1
    said = stderr.splitlines()
    assert said[0].startswith("line 4: a customer with a domain contract only may pay by credit")
    assert said[1].startswith("line 5: ") and "domain_only" in said[1] and "'maybe'" in said[1]
    rows = read_csv(target)
    assert [row["domain"] for row in rows] == ["example.jp", "example.com"]
    assert rows[0]["reminders"] == "2027-02-07;2027-03-09;2027-03-17;2027-03-21;2027-03-24"


def test_csv_to_parquet_keeps_the_text_of_the_input(tmp_path):
    """A CSV book written as Parquet: the input cells as text, the figures typed."""
    source, target = tmp_path / "c.csv", tmp_path / "q.parquet"
    write_csv(source, HEADER, GOOD)
    code, _, stderr = invoke_batch("batch", "quotes", str(source), "-o", str(target))
    assert code == 0, stderr
    out = pq.read_table(target)
    assert out.column("monthly_fee").to_pylist() == [r[0] for r in GOOD]
    assert out.schema.field("amount_with_tax").type == pa.int64()
    assert out.schema.field("effective_on").type == pa.date32()
    assert out.column("amount_with_tax").to_pylist() == [
        expected_quote(r)["amount_with_tax"] for r in GOOD
    ]


def test_rounding_and_parameters_options(tmp_path):
    """--rounding is the quote's (G3); --parameters a provider's file (a missing one: exit 2)."""
    source, target = tmp_path / "c.csv", tmp_path / "q.csv"
    write_csv(source, HEADER, [["999", "2019-01-05", "12", "2019-06-01", ""]])
    amounts = {}
    for rounding in ("down", "up"):
        code, _, stderr = invoke_batch(
            "batch", "quotes", str(source), "-o", str(target), "--rounding", rounding
        )
        assert code == 0, stderr
        amounts[rounding] = int(read_csv(target)[0]["amount_with_tax"])
    assert amounts["up"] == amounts["down"] + 1
    code, stdout, stderr = invoke_batch(
        "batch", "quotes", str(source), "-o", str(target), "--parameters", "missing.toml"
    )
    assert_one_line_refusal(code, stdout, stderr, "missing.toml")


# ---------------------------------------------------------------- nothing is lost

records = st.lists(
    st.one_of(st.sampled_from(GOOD), st.sampled_from([record for record, _ in BAD])),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(records, st.integers(1, 7), st.integers(0, 3))
def test_every_row_is_written_or_listed_once(tmp_path_factory, book, chunk, split_after):
    """Whatever the mix of good and bad rows and however the book is cut in chunks, every
    input row is in the output or in the list of failures, exactly once, in order; a good row
    is written with the library's own figures."""
    folder = tmp_path_factory.mktemp("book")
    source, target, errors = folder / "c.csv", folder / "q.csv", folder / "failed.csv"
    lines = write_csv(source, HEADER, book)
    with (
        mock.patch.object(batch_command, "CHUNK_ROWS", chunk),
        mock.patch.object(batch_command, "ROW_BY_ROW_AFTER", split_after),
    ):
        code, _, stderr = invoke_batch(
            "batch", "quotes", str(source), "-o", str(target), "--errors", str(errors)
        )
    written = {int(row["line"]): row for row in read_csv(target)}
    failed = [int(row["line"]) for row in read_csv(errors)]
    assert sorted([*written, *failed]) == lines
    assert len(written) + len(failed) == len(book)
    assert list(written) == sorted(written) and failed == sorted(failed)
    assert code == (1 if failed else 0), stderr
    good = [tuple(r) for r in GOOD]
    for line, record in zip(lines, book, strict=True):
        assert (line in written) is (tuple(record) in good)
        if line in written:
            row = written[line]
            for name, value in expected_quote(record).items():
                assert row[name] == as_text(value)


def test_a_long_run_with_a_progress_bar(tmp_path):
    """A run longer than PROGRESS_ROWS on a terminal draws a progress bar (rich) that advances
    over every row, and still writes every row."""
    progress = pytest.importorskip("rich.progress")
    advanced = []
    update = progress.Progress.update

    def spy(self, task, **kwargs):
        advanced.append(kwargs.get("advance", 0))
        return update(self, task, **kwargs)

    source, target = tmp_path / "c.csv", tmp_path / "q.csv"
    write_csv(source, HEADER, GOOD * 30)
    with (
        mock.patch.object(batch_command, "PROGRESS_ROWS", 10),
        mock.patch.object(batch_command, "CHUNK_ROWS", 25),
        mock.patch.object(batch_command, "_is_terminal", return_value=True),
        mock.patch.object(progress.Progress, "update", spy),
    ):
        code, _, stderr = invoke_batch("batch", "quotes", str(source), "-o", str(target))
    assert code == 0, stderr
    assert advanced == [25, 25, 25, 25, 20]
    assert len(read_csv(target)) == 120
    assert stderr.splitlines()[-1].startswith("read 120 rows: 120 rows written")


# ---------------------------------------------------------------- unusable input: exit 2


def test_unusable_input_is_one_line_and_nothing_is_written(tmp_path):
    """No such file, not UTF-8, no header, a duplicate, unknown or missing column, a file that
    is not Parquet, an extension that is neither: exit 2, one line, and no output file."""
    target = tmp_path / "out.csv"
    cases = []
    cases.append((tmp_path / "missing.csv", None, "No such file or directory"))
    cases.append((tmp_path / "latin1.csv", "monthly_fee\n¥".encode("latin-1"), "not UTF-8"))
    cases.append((tmp_path / "empty.csv", b"\n\n", "no header line"))
    dup = ",".join([*HEADER, "monthly_fee"]).encode()
    cases.append((tmp_path / "dup.csv", dup, "the column 'monthly_fee' appears twice"))
    unknown = ",".join([*HEADER, "fee_yen"]).encode()
    cases.append((tmp_path / "unknown.csv", unknown, "unknown column fee_yen"))
    cases.append((tmp_path / "missing_column.csv", b"monthly_fee\n5000\n", "missing column"))
    cases.append((tmp_path / "fake.parquet", b"not parquet", "is not a Parquet file"))
    cases.append((tmp_path / "contracts.txt", b"x", "must be a .csv or .parquet file"))
    for path, data, needle in cases:
        if data is not None:
            path.write_bytes(data)
        code, stdout, stderr = invoke_batch("batch", "quotes", str(path), "-o", str(target))
        assert_one_line_refusal(code, stdout, stderr, needle)
        assert not target.exists()
    source = tmp_path / "c.csv"
    write_csv(source, HEADER, GOOD)
    for output, needle in [("out.json", ".csv or .parquet"), ("no/such/folder.csv", "cannot")]:
        code, stdout, stderr = invoke_batch(
            "batch", "quotes", str(source), "-o", str(tmp_path / output)
        )
        assert_one_line_refusal(code, stdout, stderr, needle)
    code, stdout, stderr = invoke_batch(
        "batch", "quotes", str(source), "-o", str(target), "--errors", "failed.parquet"
    )
    assert_one_line_refusal(code, stdout, stderr, "--errors: 'failed.parquet' must be a .csv file")
    assert not target.exists()


def test_unusable_input_in_japanese(tmp_path):
    """G5: the refusal line follows --lang."""
    code, stdout, stderr = invoke_batch(
        "batch", "quotes", str(tmp_path / "missing.csv"), "-o", "out.csv", "--lang", "ja"
    )
    line = assert_one_line_refusal(code, stdout, stderr, "を読み込めません", lang="ja")
    assert "ファイルまたはフォルダがありません" in line


def test_missing_output_option():
    """-o is required: a usage error, one line."""
    code, stdout, stderr = invoke_batch("batch", "quotes", "contracts.csv")
    assert_one_line_refusal(code, stdout, stderr, "--output")


# ---------------------------------------------------------------- the real entry point


def test_subprocess(tmp_path):
    """``python -m clararules batch`` once cli/main.py registers the group."""
    if run("batch", "--help").returncode != 0:
        pytest.skip("the batch group is not registered in cli/main.py yet")
    source, target = tmp_path / "c.csv", tmp_path / "q.parquet"
    write_csv(source, HEADER, [GOOD[0], BAD[0][0]])
    done = run("batch", "quotes", str(source), "-o", str(target), "--lang", "ja")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("3 行目: monthly_fee")
    assert pq.read_table(target).num_rows == 1
    assert "Traceback" not in done.stderr
    help_text = run("batch", "quotes", "--help").stdout
    assert "--errors" in help_text and "IN" in help_text


def test_csv_reader_round_trip_of_output_cells():
    """The CSV cells of the output: flags true/false, dates ISO, lists joined by ';'."""
    buffer = io.BytesIO(
        batch_command._csv_bytes(
            ["a", "b", "c", "d"], [[True, dt.date(2027, 3, 24), (dt.date(2027, 1, 1),) * 2, None]]
        )
    )
    assert buffer.getvalue().decode() == "a,b,c,d\ntrue,2027-03-24,2027-01-01;2027-01-01,\n"
