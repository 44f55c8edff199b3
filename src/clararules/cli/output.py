"""What a subcommand prints: the result's table and explanation, JSON, or a calendar file.

Internal.  The table is the library's (``result.table(lang)``: label and value texts in the
language, from the catalogs), drawn by ``rich`` in two columns without borders; ``rich`` counts
East Asian wide characters as two columns and is imported only when a table is printed.  Not
on a terminal (a pipe, a file, a test), the table is plain text: no colour or style, no
wrapping, no trailing spaces.  On a terminal, the labels are bold and a long value wraps within
its column.  The explanation is ``result.explain(lang)`` under the heading ``cli.explanation``.

A result listed row by row (the cancellation options, one row a month) is drawn instead as
columns under a header (:class:`Columns`, :func:`draw_columns`), the same way.
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

import click

from clararules.cli.errors import CannotWrite, Message, os_reason
from clararules.cli.types import ChoiceType, Lang
from clararules.core.errors import excerpt
from clararules.core.i18n import render

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "Columns",
    "Explains",
    "draw_columns",
    "draw_table",
    "emit",
    "output_options",
    "render_result",
    "write",
    "wrote",
]

F = TypeVar("F", bound=Callable[..., Any])

_UNWRAPPED = 100_000
"""The width a table is drawn in when it is not shown on a terminal: its values never wrap."""


class Explains(Protocol):
    """A result that can show itself: its table and its explanation, in a language."""

    def table(self, lang: str = "en") -> tuple[tuple[str, str], ...]: ...

    def explain(self, lang: str = "en") -> str: ...


class Columns(NamedTuple):
    """A table drawn as columns under a header: the header's texts, one tuple of value texts
    per row, and the indexes of the columns whose values are aligned right (amounts)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()


def _console(buffer: io.StringIO, terminal_width: int | None) -> Console:
    """A ``rich`` console writing to ``buffer``: styled for a terminal of ``terminal_width``
    columns, or plain text (no colour or style, never wrapped) for ``None``."""
    from rich.console import Console

    terminal = terminal_width is not None
    return Console(
        file=buffer,
        width=terminal_width or _UNWRAPPED,
        force_terminal=terminal,
        color_system="standard" if terminal else None,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
    )


def _lines(buffer: io.StringIO) -> str:
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


def draw_table(rows: Sequence[tuple[str, str]], *, terminal_width: int | None = None) -> str:
    """Label and value rows in two aligned columns, two spaces apart (``rich``).

    ``terminal_width`` is the width of the terminal the table is shown on (bold labels, long
    values wrapped in their column), or ``None`` for plain text.

    >>> print(draw_table([("Domain", "example.jp"), ("ドメイン名", "例え.jp")]))
    Domain      example.jp
    ドメイン名  例え.jp
    """
    from rich.table import Table
    from rich.text import Text

    terminal = terminal_width is not None
    buffer = io.StringIO()
    table = Table(box=None, show_header=False, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column(no_wrap=True, style="bold" if terminal else None)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(Text(label), Text(value))
    _console(buffer, terminal_width).print(table)
    return _lines(buffer)


def draw_columns(columns: Columns, *, terminal_width: int | None = None) -> str:
    """Rows of values under a header, each column two spaces from the next (``rich``), the
    columns of ``columns.right`` aligned right.

    ``terminal_width`` is the width of the terminal the table is shown on (a bold header,
    long values wrapped in their column), or ``None`` for plain text.

    >>> print(draw_columns(Columns(("月", "Amount"), (("2027-01", "¥16,500"), ("2027-02",
    ...                                                "¥5,500")), frozenset({1}))))
    月        Amount
    2027-01  ¥16,500
    2027-02   ¥5,500
    """
    from rich.table import Table
    from rich.text import Text

    terminal = terminal_width is not None
    buffer = io.StringIO()
    table = Table(
        box=None,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        header_style="bold" if terminal else "",
    )
    for index, title in enumerate(columns.header):
        right = index in columns.right
        table.add_column(Text(title), justify="right" if right else "left", overflow="fold")
    for row in columns.rows:
        table.add_row(*(Text(value) for value in row))
    _console(buffer, terminal_width).print(table)
    return _lines(buffer)


def render_result(
    result: Explains,
    lang: str,
    *,
    terminal_width: int | None = None,
    columns: Columns | None = None,
) -> str:
    """The table (``columns`` when given, else the result's own two columns), a blank line,
    and the explanation under its heading."""
    if columns is not None:
        lines = [draw_columns(columns, terminal_width=terminal_width)]
    else:
        rows = result.table(lang)
        lines = [draw_table(rows, terminal_width=terminal_width)] if rows else []
    lines.append("")
    lines.append(render("cli.explanation", {}, lang))
    lines.extend(f"  {line}" for line in result.explain(lang).splitlines())
    return "\n".join(lines)


def _terminal_width(err: bool) -> int | None:
    """The width of the terminal the table goes to, or ``None`` when it is not a terminal."""
    stream = sys.stderr if err else sys.stdout
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):  # a closed or unusual stream
        return None
    return shutil.get_terminal_size().columns


def output_options(command: F) -> F:
    """The options every subcommand shares: ``--lang`` and ``--json``."""
    command = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(
        command
    )
    return click.option(
        "--lang",
        type=ChoiceType(Lang),
        default="en",
        show_default=True,
        help="Language of the table, the explanation and the error messages.",
    )(command)


def emit(
    result: Any,
    lang: Lang,
    as_json: bool,
    *,
    err: bool = False,
    columns: Columns | None = None,
) -> None:
    """Print ``result`` as a table and explanation in ``lang`` (the table drawn as ``columns``
    when given), or as JSON."""
    if as_json:
        from clararules.io.json import to_json  # cattrs is imported for --json only

        click.echo(to_json(result, indent=2), err=err)
    else:
        width = _terminal_width(err)
        shown = render_result(result, lang.value, terminal_width=width, columns=columns)
        click.echo(shown, err=err)


def write(target: str, data: bytes, option: str, *, dash_is_stdout: bool = True) -> None:
    """Write ``data`` to the file ``target``, or to standard output for ``-`` (unless
    ``dash_is_stdout`` is false: then ``-`` is a file name like any other)."""
    if target == "-" and dash_is_stdout:
        click.echo(data, nl=False)
        return
    try:
        Path(target).write_bytes(data)
    except (OSError, ValueError) as error:  # ValueError: a NUL character in the path
        figures = {"option": option, "path": excerpt(target), "reason": os_reason(error)}
        raise CannotWrite(Message("cli.error.cannot_write", figures)) from None


def wrote(target: str, lang: Lang) -> None:
    """Say on stderr that the file ``target`` was written."""
    click.echo(render("cli.wrote", {"path": target}, lang.value), err=True)
