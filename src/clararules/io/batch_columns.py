"""The kinds of book the batch functions take and give back (``batch.py``, ``batch_debit.py``).

A book is a mapping of equal-length columns (a ``dict`` of lists), a pyarrow Table or a pandas
DataFrame (a Dask partition is one).  :func:`read_book` gives its columns by name, each a
sequence of cells or an Arrow array; :func:`result` and :func:`table_result` give the output
columns back as the same kind, with the count of rows the vector path left to the scalar
rules.  pyarrow and pandas are imported by the functions here, and only for their own kinds.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeVar

import pendulum

from clararules.core.errors import ClaraRulesError, InvalidInput, InvalidInputType, excerpt
from clararules.core.months import Month

T = TypeVar("T")

_EPOCH: Final = _dt.date(1970, 1, 1).toordinal()
FALLBACK_KEY = "clararules.fallback_rows"
"""The key of a pyarrow Table's schema metadata holding the count of fallback rows."""


class BatchColumns(dict[str, list[Any]]):
    """The columns out of a batch function for a ``dict`` book: a ``dict`` of lists, with
    ``fallback_rows``, the number of rows computed by the scalar rules instead of the vector
    path (a pyarrow Table carries it in its schema metadata, ``clararules.fallback_rows``; a
    pandas DataFrame in ``attrs["fallback_rows"]``)."""

    fallback_rows: int = 0


def _frame_module(book: Any) -> Any:
    """pandas, when ``book`` is a pandas DataFrame (pandas is never imported for another)."""
    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(book, pandas.DataFrame):
        return pandas
    return None


def _missing(value: Any) -> bool:
    """A frame's marker of a missing cell: None, NaN, pd.NA, NaT."""
    if value is None:
        return True
    try:
        return bool(value != value) or type(value).__name__ in ("NAType", "NaTType")
    except (TypeError, ValueError):
        return type(value).__name__ in ("NAType", "NaTType")


def _frame_column(series: Any) -> Any:
    """A DataFrame column as an Arrow array (typed columns: numpy, Arrow-backed and pandas'
    own string and nullable dtypes), or as a list of cells (``object`` columns, whose cells go
    through the door one by one), missing cells as ``None``."""
    if series.dtype != object:
        try:
            import pyarrow as pa

            # With a RangeIndex: pyarrow's attribute probes of a Series look each name up in
            # its index, which costs a scan of a large string index (a Dask partition's ids).
            array = pa.array(series.reset_index(drop=True), from_pandas=True)
            # Arrow-backed columns come back as a ChunkedArray: one array, as from a Table.
            return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
        except Exception:  # an unusual column: read it cell by cell
            pass
    return [None if _missing(value) else value for value in series.tolist()]


def read_book(
    book: Any, required: Sequence[str], optional: Sequence[str]
) -> tuple[dict[str, Any], int, str]:
    """The book's columns by name, its number of rows, and its kind: ``dict``, ``arrow`` (each
    column an Arrow array) or ``pandas`` (Arrow arrays, or lists of cells).  Unknown columns
    are refused (a misspelt optional column would otherwise be ignored), as are missing
    required ones and columns of unequal lengths."""
    is_arrow = hasattr(book, "to_pydict") and hasattr(book, "num_rows")
    if _frame_module(book) is not None:
        names = [str(name) for name in book.columns]
        data: Any = dict.fromkeys(names)
        kind = "pandas"
    elif is_arrow:
        data = dict.fromkeys(book.column_names)
        kind = "arrow"
    else:
        data = book
        kind = "dict"
    if not isinstance(data, Mapping):
        raise InvalidInputType(
            f"expected a mapping of column name to values, a pyarrow Table or a pandas "
            f"DataFrame; got {type(book).__name__}"
        )
    accepted = (*required, *optional)
    unknown = [str(name) for name in data if name not in accepted]
    if unknown:
        raise InvalidInput(
            key="batch.unknown_column",
            unknown=excerpt(", ".join(unknown))[1:-1],
            accepted=", ".join(accepted),
            required=", ".join(required),
        )
    missing = [name for name in required if name not in data]
    if missing:
        raise InvalidInput(
            key="batch.missing_column", missing=", ".join(missing), required=", ".join(required)
        )
    if kind == "pandas":
        if len(set(book.columns)) != len(book.columns):
            raise InvalidInput(key="batch.duplicate_columns")
        return {name: _frame_column(book[name]) for name in data}, len(book), kind
    if kind == "arrow":
        return {name: book.column(name).combine_chunks() for name in data}, book.num_rows, kind
    lengths = {}
    for name, values in data.items():
        if isinstance(values, str | bytes) or not isinstance(values, Sequence):
            raise InvalidInputType(
                f"column {name} must be a sequence of values (a list), got {type(values).__name__}"
            )
        lengths[name] = len(values)
    if len(set(lengths.values())) > 1:
        raise InvalidInput(key="batch.unequal_lengths", lengths=excerpt(lengths, 200))
    rows = next(iter(lengths.values()), 0)
    return dict(data), rows, kind


def index_of(book: Any, kind: str) -> Any:
    """A DataFrame's index (the output keeps it), else ``None``."""
    return book.index if kind == "pandas" else None


def cell(column: Any, index: int) -> Any:
    """One cell, as a Python value (``None`` for an Arrow null or a column not given)."""
    if column is None or isinstance(column, Sequence):
        return None if column is None else column[index]
    return column[index].as_py()


def as_cells(column: Any, rows: int = 0) -> Sequence[Any]:
    """A column as a sequence of cells (``rows`` of ``None`` for a column not given)."""
    if column is None:
        return [None] * rows
    return column if isinstance(column, Sequence) else column.to_pylist()


def result(columns: dict[str, list[Any]], kind: str, fallback_rows: int, index: Any) -> Any:
    """Lists of output cells as the book's kind."""
    if kind == "dict":
        out = BatchColumns(columns)
        out.fallback_rows = fallback_rows
        return out
    import pyarrow as pa  # optional: only when a pyarrow Table or a DataFrame came in

    table = pa.table(columns)
    return table_result(table, kind, fallback_rows, index)


def table_result(table: Any, kind: str, fallback_rows: int, index: Any) -> Any:
    """An Arrow table of output columns as a Table (``arrow``) or a DataFrame of Arrow-backed
    columns with the book's index (``pandas``)."""
    if kind == "arrow":
        return table.replace_schema_metadata({FALLBACK_KEY: str(fallback_rows)})
    pandas = importlib.import_module("pandas")
    frame = table.to_pandas(types_mapper=pandas.ArrowDtype)
    frame.index = index
    frame.attrs["fallback_rows"] = fallback_rows
    return frame


def optional(data: Mapping[str, Any], name: str, rows: int) -> Any:
    """Column ``name``, or ``rows`` of ``None`` when it is not given."""
    values = data.get(name)
    return values if values is not None else [None] * rows


def memo(convert: Callable[[Any], T]) -> Callable[[Any], T]:
    """``convert`` with a memory of the values it accepted, keyed by type and value (so that
    ``True`` is never taken for a ``1`` it has seen); unhashable values are converted each time."""
    seen: dict[tuple[type, Any], T] = {}

    def converted(value: Any) -> T:
        try:
            key = (type(value), value)
            return seen[key]
        except KeyError:
            found = seen[key] = convert(value)
            return found
        except TypeError:  # unhashable
            return convert(value)

    return converted


def row_error(index: int, error: ClaraRulesError) -> ClaraRulesError:
    """``error``, its message prefixed with row ``index``."""
    return error.at_row(index)


# ---------------------------------------------------------------- typed output cells (numpy)


def distinct(np: Any, values: Any) -> tuple[Any, list[int]]:
    """The distinct ints of ``values``, ascending, and for each row the position of its value
    among them (a table over the range of the values when it is small, as in any real book,
    else a sort)."""
    low, high = int(values.min()), int(values.max())
    if high - low > 2 * len(values) + 4096:
        uniques, positions = np.unique(values, return_inverse=True)
        return positions, uniques.tolist()
    present = np.zeros(high - low + 1, dtype=bool)
    offsets = values - low
    present[offsets] = True
    found: list[int] = (np.flatnonzero(present) + low).tolist()
    return (np.cumsum(present) - 1)[offsets], found


def _objects(np: Any, values: Any, make: Callable[[int], Any]) -> list[Any]:
    """``make`` of each int of ``values`` (made once per distinct value), as a list."""
    if not len(values):
        return []
    positions, found = distinct(np, values)
    table = np.empty(len(found), dtype=object)
    table[:] = [make(value) for value in found]
    cells: list[Any] = table[positions].tolist()
    return cells


def month_cells(np: Any, months: Any, *, last_day: bool = False) -> list[Any]:
    """Month indexes as 'YYYY-MM' strings, or as their last days (C2), for a ``dict`` book."""

    def make(index: int) -> Any:
        month = Month.from_index(index)
        return month.last_day if last_day else str(month)

    return _objects(np, months, make)


def day_cells(np: Any, days: Any) -> list[Any]:
    """Days since 1970-01-01 as dates (``pendulum.Date``, as the scalar functions give), for a
    ``dict`` book."""
    return _objects(np, days, lambda day: pendulum.Date.fromordinal(day + _EPOCH))


def month_array(np: Any, months: Any) -> Any:
    """Month indexes as an Arrow string column of 'YYYY-MM'."""
    import pyarrow as pa

    if not len(months):
        return pa.array([], type=pa.string())
    positions, found = distinct(np, months)
    strings = pa.array([str(Month.from_index(index)) for index in found], type=pa.string())
    return strings.take(pa.array(positions))


def day_array(np: Any, days: Any) -> Any:
    """Days since 1970-01-01 as an Arrow date32 column."""
    import pyarrow as pa

    return pa.array(days.astype(np.int32), type=pa.int32()).view(pa.date32())
