"""The files of ``clararules batch``: a CSV or Parquet book read row by row (each refused
row kept with its line), as :mod:`clararules.cli.batch_command` computes and writes it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from typing import Any, Final, Protocol

from clararules.cli.errors import CannotRead, Message, Usage, os_reason
from clararules.core.errors import ClaraRulesError, excerpt

CHUNK_ROWS: Final = 2000
"""Rows given to the library at once."""

PROGRESS_ROWS: Final = 20_000
"""A run of more rows than this shows a progress bar (on a terminal)."""

ROW_BY_ROW_AFTER: Final = 16
"""Refused rows in one chunk after which the rest of the chunk goes one row at a time (a chunk
split at each refused row costs a pass over the chunk each time)."""

_PATH_LIMIT: Final = 200


# ---------------------------------------------------------------- reading


def _name(path: str) -> str:
    return excerpt(path, _PATH_LIMIT)


def _kind(path: str, option: str) -> str:
    suffix = PurePath(path).suffix.casefold()
    if suffix not in (".csv", ".parquet"):
        raise Usage(Message("cli.error.batch_format", {"option": option, "path": _name(path)}))
    return suffix[1:]


def _pyarrow(path: str) -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet  # the Parquet module is a submodule
    except ImportError:
        raise CannotRead(Message("cli.error.batch_pyarrow", {"path": _name(path)})) from None
    return pa


class _Source(Protocol):
    """An input book: its column names, its rows, and each row's position in the file."""

    position_name: str
    columns: tuple[str, ...]

    def __len__(self) -> int: ...

    def position(self, index: int) -> int:
        """The row's line (CSV) or row number (Parquet), from 1."""
        ...

    def book(
        self, indices: Sequence[int]
    ) -> tuple[Any, list[int], list[tuple[int, ClaraRulesError | Message]]]:
        """The library's book of the rows ``indices`` whose cells can be read, those rows, and
        the refusals of the others."""
        ...

    def subset(self, book: Any, positions: Sequence[int]) -> Any:
        """The rows at ``positions`` of a book made by :meth:`book`."""
        ...

    def empty(self) -> Any:
        """A book of no rows with the file's columns (the library checks the columns)."""
        ...

    def cells(self, indices: Sequence[int]) -> list[list[object]]:
        """The input cells of the rows ``indices``, as they are written back."""
        ...


class _CsvSource:
    """A CSV file: the header line names the columns; every cell is text."""

    position_name = "line"

    def __init__(self, path: str, texts: Mapping[str, Callable[[str], object]]) -> None:
        try:
            with open(path, "rb") as fp:
                data = fp.read()
        except (OSError, ValueError) as error:  # ValueError: a NUL character in the path
            figures = {"path": _name(path), "reason": os_reason(error)}
            raise CannotRead(Message("cli.error.batch_unreadable", figures)) from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            at = {"path": _name(path), "position": error.start + 1}
            raise CannotRead(Message("cli.error.batch_encoding", at)) from None
        reader = csv.reader(io.StringIO(text, newline=""))
        records: list[list[str]] = []
        lines: list[int] = []
        header: list[str] | None = None
        line = 1
        try:
            for record in reader:
                if record:  # a blank line holds no row
                    if header is None:
                        header = record
                    else:
                        records.append(record)
                        lines.append(line)
                line = reader.line_num + 1
        except csv.Error:
            where = {"path": _name(path), "line": reader.line_num or 1}
            raise CannotRead(Message("cli.error.batch_csv", where)) from None
        if header is None:
            raise CannotRead(Message("cli.error.batch_no_header", {"path": _name(path)}))
        names = [name.strip() for name in header]
        for name in names:
            if names.count(name) > 1:
                figures = {"path": _name(path), "name": excerpt(name)}
                raise CannotRead(Message("cli.error.batch_duplicate", figures))
        self.columns = tuple(names)
        self._records, self._lines = records, lines
        self._convert = [texts.get(name) for name in names]

    def __len__(self) -> int:
        return len(self._records)

    def position(self, index: int) -> int:
        return self._lines[index]

    def _row(self, index: int) -> list[object]:
        record = self._records[index]
        if len(record) != len(self.columns):
            raise _Refused(
                Message("cli.batch.cells", {"got": len(record), "expected": len(self.columns)})
            )
        cells: list[object] = []
        for text, convert in zip(record, self._convert, strict=True):
            if not text.strip():
                cells.append(None)  # an empty cell: not given
            elif convert is not None:
                cells.append(convert(text))
            else:
                cells.append(text)
        return cells

    def book(
        self, indices: Sequence[int]
    ) -> tuple[Any, list[int], list[tuple[int, ClaraRulesError | Message]]]:
        columns: list[list[object]] = [[] for _ in self.columns]
        kept: list[int] = []
        refused: list[tuple[int, ClaraRulesError | Message]] = []
        for index in indices:
            try:
                row = self._row(index)
            except _Refused as said:
                refused.append((index, said.message))
                continue
            except ClaraRulesError as error:
                refused.append((index, error))
                continue
            kept.append(index)
            for column, value in zip(columns, row, strict=True):
                column.append(value)
        return dict(zip(self.columns, columns, strict=True)), kept, refused

    def subset(self, book: Any, positions: Sequence[int]) -> Any:
        return {name: [column[p] for p in positions] for name, column in book.items()}

    def empty(self) -> Any:
        return {name: [] for name in self.columns}

    def cells(self, indices: Sequence[int]) -> list[list[object]]:
        return [list(self._records[index]) for index in indices]


class _Refused(Exception):
    """A row refused before the library sees it (its cells do not match the header)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


class _ParquetSource:
    """A Parquet file: typed columns, given to the library as Arrow tables."""

    position_name = "row"

    def __init__(self, path: str) -> None:
        pa = _pyarrow(path)
        try:
            self.table = pa.parquet.read_table(path)
        except (OSError, ValueError) as error:
            if isinstance(error, FileNotFoundError | PermissionError | IsADirectoryError):
                figures = {"path": _name(path), "reason": os_reason(error)}
                raise CannotRead(Message("cli.error.batch_unreadable", figures)) from None
            raise CannotRead(Message("cli.error.batch_parquet", {"path": _name(path)})) from None
        names = [str(name) for name in self.table.column_names]
        for name in names:
            if names.count(name) > 1:
                figures = {"path": _name(path), "name": excerpt(name)}
                raise CannotRead(Message("cli.error.batch_duplicate", figures))
        self.columns = tuple(names)
        self._pa = pa

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def position(self, index: int) -> int:
        return index + 1

    def book(
        self, indices: Sequence[int]
    ) -> tuple[Any, list[int], list[tuple[int, ClaraRulesError | Message]]]:
        kept = list(indices)
        if kept and kept == list(range(kept[0], kept[-1] + 1)):
            return self.table.slice(kept[0], len(kept)), kept, []
        return self.table.take(self._pa.array(kept, type=self._pa.int64())), kept, []

    def subset(self, book: Any, positions: Sequence[int]) -> Any:
        if positions == list(range(positions[0], positions[-1] + 1)):
            return book.slice(positions[0], len(positions))
        return book.take(self._pa.array(positions, type=self._pa.int64()))

    def empty(self) -> Any:
        return self.table.slice(0, 0)

    def cells(self, indices: Sequence[int]) -> list[list[object]]:
        rows = self.table.take(self._pa.array(indices, type=self._pa.int64())).to_pylist()
        return [[row[name] for name in self.columns] for row in rows]
