"""Tables drawn by ``rich``: aligned by the width a character takes in a terminal (East Asian
wide characters take two columns), plain text when not on a terminal, and ``rich`` imported
only when a table is printed."""

import json
import subprocess
import sys

import pytest
from rich.cells import cell_len

from clararules.cli.output import draw_table

from .helpers import COMMANDS, invoke

ROWS = [
    ("Domain", "example.jp"),
    ("ドメイン名", "例え.jp"),
    ("不足している項目", "—"),
    ("1.", "（お客様）ドメインを削除します。" * 4),
]
ANSI = "\x1b["


def test_plain_table_is_aligned_text():
    """Not on a terminal: no escape codes, no trailing spaces, values never wrapped, each
    value starting two columns after the widest label."""
    text = draw_table(ROWS)
    assert ANSI not in text
    lines = text.split("\n")
    assert len(lines) == len(ROWS)
    column = max(cell_len(label) for label, _ in ROWS) + 2
    for line, (label, value) in zip(lines, ROWS, strict=True):
        assert line == line.rstrip()
        assert line == label + " " * (column - cell_len(label)) + value


def test_terminal_table_wraps_values_in_their_column():
    """On a terminal (here 40 columns): bold labels, a long value wrapped under its column."""
    text = draw_table(ROWS, terminal_width=40)
    assert ANSI in text
    lines = text.split("\n")
    assert len(lines) > len(ROWS)  # the long value took several lines
    for line in lines:
        visible = line
        while ANSI in visible:
            start = visible.index(ANSI)
            visible = visible[:start] + visible[visible.index("m", start) + 1 :]
        assert cell_len(visible) <= 40


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_captured_output_has_no_colour(lang, monkeypatch):
    """A table captured (a pipe, a file, a test) is plain text, even with FORCE_COLOR set."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    for name in sorted(COMMANDS):
        code, stdout, _ = invoke(*COMMANDS[name], "--lang", lang)
        assert code == 0 and ANSI not in stdout, name


def _imports(*args):
    code = (
        "import contextlib, io, json, sys\n"
        "from clararules.cli.main import main\n"
        "at_start = 'rich' in sys.modules\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main({list(args)!r})\n"
        "print(json.dumps([at_start, 'rich' in sys.modules, status]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_rich_is_imported_only_to_print_a_table():
    """The command line's start, --help, --json and schema do not import rich; a table does."""
    assert _imports("--help") == [False, False, 0]
    assert _imports("debit", "2026-06-03", "--json") == [False, False, 0]
    assert _imports("schema", "debit", "--output") == [False, False, 0]
    assert _imports("debit", "2026-06-03") == [False, True, 0]
