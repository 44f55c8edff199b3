"""What a subcommand prints: the result's table and explanation, JSON, or a calendar file.

Internal.  The table is the library's (``result.table(lang)``: label and value texts in the
language, from the catalogs), aligned in columns that count East Asian wide characters as
two; the explanation is ``result.explain(lang)`` under the heading ``cli.explanation``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import click

from clararules.cli.errors import CannotWrite, Message, os_reason
from clararules.cli.types import ChoiceType, Lang
from clararules.core.errors import excerpt
from clararules.core.i18n import render

__all__ = ["Explains", "emit", "output_options", "render_result", "width", "write", "wrote"]

F = TypeVar("F", bound=Callable[..., Any])


class Explains(Protocol):
    """A result that can show itself: its table and its explanation, in a language."""

    def table(self, lang: str = "en") -> tuple[tuple[str, str], ...]: ...

    def explain(self, lang: str = "en") -> str: ...


def width(text: str) -> int:
    """Columns a string takes in a terminal: East Asian wide characters take two.

    >>> width("Domain"), width("ドメイン名")
    (6, 10)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render_result(result: Explains, lang: str) -> str:
    """The table in aligned columns, a blank line, and the explanation under its heading."""
    rows = result.table(lang)
    column = max((width(label) for label, _ in rows), default=0)
    lines = [f"{label}{' ' * (column - width(label))}  {value}" for label, value in rows]
    lines.append("")
    lines.append(render("cli.explanation", {}, lang))
    lines.extend(f"  {line}" for line in result.explain(lang).splitlines())
    return "\n".join(lines)


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


def emit(result: Any, lang: Lang, as_json: bool, *, err: bool = False) -> None:
    """Print ``result`` as a table and explanation in ``lang``, or as JSON."""
    if as_json:
        from clararules.io.json import to_json  # cattrs is imported for --json only

        click.echo(to_json(result, indent=2), err=err)
    else:
        click.echo(render_result(result, lang.value), err=err)


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
