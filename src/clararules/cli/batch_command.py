"""``clararules batch``: a book of contracts or domains from a file, computed to a file.

Internal.  ``batch quotes IN -o OUT`` quotes every contract of IN (``quote_cancellations``,
C2-C6) and ``batch timelines IN -o OUT`` gives every domain's renewal dates
(``renewal_timelines``, D1-D6).  IN is a ``.csv`` (UTF-8, a header line naming the columns) or a
``.parquet`` file; OUT is written as CSV or Parquet by its extension.  Each output row is the
input row's position (``line`` of the CSV file, or ``row`` of the Parquet file), its input cells
as they were, and the computed columns.

Every cell goes through the library's input door; the text of a CSV cell is only turned into
what the door takes first, as the command line does for an option: an amount of yen or a count
into an ``int`` (``cli.types``), ``yes``/``no``/``true``/``false`` into a flag, an empty cell into
``None`` (not given).  The rows are computed in chunks; a chunk the library refuses is split at
the refused row, so that one bad row costs only itself: it is listed with its line and the
reason (on stderr, or in the CSV file ``--errors FILE``), and every other row is still written.
Nothing is lost: every input row is in OUT or in the list of failures.

Exit status: 0 when every row was written, 1 when some failed, 2 when the input cannot be used
at all (no such file, not CSV or Parquet, unknown or missing columns) or a file cannot be
written; then nothing is written.  A summary (rows read, written, failed, seconds) ends the run
on stderr; ``--json`` prints it on stdout as JSON, the failures included.  A run of more than
``PROGRESS_ROWS`` rows shows a progress bar on stderr when it is a terminal (``rich``, as the
tables of ``cli.output``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import PurePath
from typing import Any, Final

import attrs
import click

from clararules.cli.batch_files import (
    _CsvSource,
    _kind,
    _name,
    _ParquetSource,
    _pyarrow,
    _Source,
)
from clararules.cli.batch_jobs import _Job, _quotes_job, _timelines_job
from clararules.cli.errors import CannotRead, Message, Usage
from clararules.cli.output import write
from clararules.cli.types import ChoiceType, FileType, Lang, ParametersType
from clararules.core.errors import ClaraRulesError
from clararules.core.i18n import render
from clararules.core.money import Rounding
from clararules.core.parameters import Parameters

__all__ = ["CHUNK_ROWS", "PROGRESS_ROWS", "batch"]

CHUNK_ROWS: Final = 2000
"""Rows given to the library at once."""

PROGRESS_ROWS: Final = 20_000
"""A run of more rows than this shows a progress bar (on a terminal)."""

ROW_BY_ROW_AFTER: Final = 16
"""Refused rows in one chunk after which the rest of the chunk goes one row at a time (a chunk
split at each refused row costs a pass over the chunk each time)."""


# ---------------------------------------------------------------- computing


@attrs.frozen
class _Failure:
    index: int
    reason: ClaraRulesError | Message

    def text(self, lang: str) -> str:
        """The reason in ``lang``, without the row number of the chunk (the line says it)."""
        reason = self.reason
        if isinstance(reason, ClaraRulesError) and reason.row is not None:
            reason = reason.at_row(0)
            reason.row = None
        return reason.text(lang)


def _columns_of(result: Any) -> dict[str, list[Any]]:
    """The library's output book as lists of Python values."""
    if isinstance(result, dict):
        return {name: list(values) for name, values in result.items()}
    return {name: list(values) for name, values in result.to_pydict().items()}


class _Run:
    """The rows computed so far (by input row) and the failures."""

    def __init__(self, source: _Source, job: _Job) -> None:
        self.source, self.job = source, job
        self.done: dict[int, list[Any]] = {}
        self.failures: list[_Failure] = []

    def chunk(self, indices: Sequence[int]) -> None:
        """Compute the rows ``indices``.  A row the library refuses is recorded and the rows
        around it are computed again without it; after ``ROW_BY_ROW_AFTER`` refusals, the rest
        go one row at a time.  Each row's cells are read once."""
        book, kept, refused = self.source.book(indices)
        self.failures.extend(_Failure(index, reason) for index, reason in refused)
        refused_here = 0
        parts = [list(range(len(kept)))] if kept else []
        while parts:
            part = parts.pop()
            if refused_here >= ROW_BY_ROW_AFTER and len(part) > 1:
                parts.extend([position] for position in reversed(part))
                continue
            rows = book if len(part) == len(kept) else self.source.subset(book, part)
            try:
                out = _columns_of(self.job.compute(rows))
            except ClaraRulesError as error:
                if error.row is None or not 0 <= error.row < len(part):
                    raise
                self.failures.append(_Failure(kept[part[error.row]], error))
                refused_here += 1
                after, before = part[error.row + 1 :], part[: error.row]
                parts.extend(rest for rest in (after, before) if rest)
                continue
            values = [out[name] for name in self.job.columns]
            for row, position in enumerate(part):
                self.done[kept[position]] = [column[row] for column in values]


@contextmanager
def _progress(rows: int, lang: Lang) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for a long run on a terminal; else nothing is drawn."""
    if rows <= PROGRESS_ROWS or not _is_terminal(sys.stderr):
        yield lambda done: None
        return
    try:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
    except ImportError:  # the bar is a comfort: a run never fails for want of it
        yield lambda done: None
        return

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
    )
    console = Console(file=sys.stderr, highlight=False, markup=False, emoji=False)
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(render("cli.batch.progress", {}, lang.value), total=rows)
        yield lambda done: bar.update(task, advance=done)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------- writing


def _text(value: object) -> str:
    """A cell of a CSV output: dates ISO, flags true/false, lists joined by ';', None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(_text(item) for item in value)
    return str(value)


def _csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def _output(run: _Run, path: str, kind: str) -> bytes:
    """The computed rows as the bytes of OUT: position, input cells, computed columns."""
    source, job = run.source, run.job
    order = sorted(run.done)
    header = [source.position_name, *source.columns, *job.columns]
    if kind == "csv":
        given = source.cells(order)
        rows = (
            [source.position(i), *cells, *run.done[i]]
            for i, cells in zip(order, given, strict=True)
        )
        return _csv_bytes(header, rows)
    pa = _pyarrow(path)
    columns: dict[str, Any] = {
        source.position_name: pa.array([source.position(i) for i in order], type=pa.int64())
    }
    if isinstance(source, _ParquetSource):
        taken = source.table.take(pa.array(order, type=pa.int64()))
        for name in source.columns:
            columns[name] = taken.column(name)
    else:
        given = source.cells(order)
        for position, name in enumerate(source.columns):
            texts = [cells[position] for cells in given]
            columns[name] = pa.array(texts, type=pa.string())
    types = job.arrow_types(pa)
    for position, name in enumerate(job.columns):
        values = [run.done[i][position] for i in order]
        columns[name] = pa.array(values, type=types[name])
    sink = io.BytesIO()
    pa.parquet.write_table(pa.table(columns), sink)
    return sink.getvalue()


def _failure_line(run: _Run, failure: _Failure, lang: str) -> str:
    figures = {"at": run.source.position(failure.index), "reason": failure.text(lang)}
    return render(f"cli.batch.failed.{run.source.position_name}", figures, lang)


# ---------------------------------------------------------------- the subcommands


def _run_job(
    ctx: click.Context,
    job: _Job,
    source_path: str,
    output: str,
    errors: str | None,
    lang: Lang,
    as_json: bool,
) -> None:
    started = time.perf_counter()
    in_kind = _kind(source_path, "IN")
    out_kind = _kind(output, "--output")
    if errors is not None and PurePath(errors).suffix.casefold() != ".csv":
        named = {"option": "--errors", "path": _name(errors)}
        raise Usage(Message("cli.error.batch_errors_format", named))
    if out_kind == "parquet":
        _pyarrow(output)  # refused before any work when pyarrow is not installed
    source: _Source = (
        _CsvSource(source_path, job.texts) if in_kind == "csv" else _ParquetSource(source_path)
    )
    try:
        job.compute(source.empty())  # the library's own check of the columns
    except ClaraRulesError as error:
        figures = {"path": _name(source_path), "why": error}
        raise CannotRead(Message("cli.error.batch_columns", figures)) from None
    run = _Run(source, job)
    rows = len(source)
    with _progress(rows, lang) as advance:
        for start in range(0, rows, CHUNK_ROWS):
            stop = min(start + CHUNK_ROWS, rows)
            run.chunk(range(start, stop))
            advance(stop - start)
    run.failures.sort(key=lambda failure: failure.index)
    assert len(run.done) + len(run.failures) == rows, "a row was lost"
    data = _output(run, output, out_kind)
    write(output, data, "--output", dash_is_stdout=False)
    code = lang.value
    if errors is not None:
        listed = ([run.source.position(f.index), f.text(code)] for f in run.failures)
        write(
            errors,
            _csv_bytes([run.source.position_name, "reason"], listed),
            "--errors",
            dash_is_stdout=False,
        )
    seconds = time.perf_counter() - started
    if as_json:
        summary = {
            "read": rows,
            "written": len(run.done),
            "failed": len(run.failures),
            "seconds": round(seconds, 3),
            "output": output,
            "failures": [
                {
                    run.source.position_name: run.source.position(f.index),
                    "reason": f.text(code),
                }
                for f in run.failures
            ],
        }
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    elif errors is None:
        for failure in run.failures:
            click.echo(_failure_line(run, failure, code), err=True)
    figures = {
        "read": rows,
        "written": len(run.done),
        "path": output,
        "failed": len(run.failures),
        "seconds": f"{seconds:.1f}",
    }
    click.echo(render("cli.batch.summary", figures, code), err=True)
    if run.failures:
        ctx.exit(1)


def _shared(command: Callable[..., Any]) -> Callable[..., Any]:
    """IN, ``-o/--output``, ``--errors``, ``--parameters``, ``--lang`` and ``--json``."""
    for decorator in reversed(
        (
            click.argument("source", metavar="IN", type=FileType()),
            click.option(
                "-o",
                "--output",
                type=FileType(),
                required=True,
                help="The file to write: .csv or .parquet.",
            ),
            click.option(
                "--errors",
                type=FileType(),
                help="Write the failed rows (line or row, reason) to this .csv file instead of "
                "stderr.",
            ),
            click.option(
                "--parameters",
                type=ParametersType(),
                help="A provider's own parameter file (TOML, G6; see docs/parameters.md) over "
                "the defaults.",
            ),
            click.option(
                "--lang",
                type=ChoiceType(Lang),
                default="en",
                show_default=True,
                help="Language of the failures, the summary and the error messages.",
            ),
            click.option(
                "--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout."
            ),
        )
    ):
        command = decorator(command)
    return command


@click.group(
    "batch",
    epilog="\b\nExamples:\n  clararules batch quotes contracts.csv -o quotes.csv\n"
    "  clararules batch timelines domains.parquet -o timelines.parquet --errors failed.csv",
)
@click.option(
    "--lang",
    type=ChoiceType(Lang),
    default="en",
    show_default=True,
    help="Language of the subcommands' output (a subcommand's own --lang wins).",
)
@click.pass_context
def batch(ctx: click.Context, lang: Lang) -> None:
    """A book of contracts or domains from a .csv or .parquet file, computed to a file: exit 0
    when every row was written, 1 when some failed (listed with their lines), 2 when the input
    cannot be used."""
    # `clararules --lang ja batch quotes ...` and `clararules batch --lang ja quotes ...`.
    ctx.default_map = {name: {"lang": lang.value} for name in batch.commands}


@batch.command(
    "quotes",
    epilog="\b\nColumns of IN: monthly_fee, activated_on, minimum_term_months, received_at;\n"
    "optional: desired_month, special_agreement_term_months, service.",
)
@click.option(
    "--rounding",
    type=ChoiceType(Rounding),
    default="down",
    show_default=True,
    help="Rounding of the consumption tax (G3).",
)
@_shared
@click.pass_context
def quotes(
    ctx: click.Context,
    rounding: Rounding,
    source: str,
    output: str,
    errors: str | None,
    parameters: Parameters | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Cancellation quotes (C2-C6) of every contract of IN, written to OUT."""
    _run_job(ctx, _quotes_job(rounding, parameters), source, output, errors, lang, as_json)


@batch.command(
    "timelines",
    epilog="\b\nColumns of IN: domain, registry_expiry; optional: payment, domain_only.",
)
@_shared
@click.pass_context
def timelines(
    ctx: click.Context,
    source: str,
    output: str,
    errors: str | None,
    parameters: Parameters | None,
    lang: Lang,
    as_json: bool,
) -> None:
    """Renewal dates (D1-D6) of every domain of IN, written to OUT."""
    _run_job(ctx, _timelines_job(parameters), source, output, errors, lang, as_json)
