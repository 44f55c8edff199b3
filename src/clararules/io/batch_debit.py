"""D5 for a book of debit notices: the direct-debit date of each arrival day, as columns.

The book is a ``dict`` of lists, a pyarrow Table or a pandas DataFrame with one column,
``notice_arrived_on`` (a date, an aware datetime or an ISO string, each cell accepted or
refused exactly as ``direct_debit_on``'s argument); the result is of the same kind, with the
columns of :class:`~clararules.DirectDebit`: ``debit_on`` (a date), ``debit_month``
('YYYY-MM', the month whose debit date applies) and ``next_month`` (whether the notice came
after its month's debit date).

The vector path (numpy) reads each row's JST day, looks up the ``debit_day`` parameter in
force on it (``searchsorted`` over its ``since`` dates), and moves that day of the month to the
next bank business day (G4) by ``searchsorted`` in a table of every bank business day of the
years the holiday calendar covers, made once per process from :func:`is_bank_business_day`.
A row it cannot take (a refused cell, a day outside the covered years, a day before the
parameter's first value) goes through the scalar :func:`direct_debit`, which gives its figures
or raises its refusal with the row number; their count is ``fallback_rows``.

>>> import datetime as dt
>>> out = direct_debits({"notice_arrived_on": [dt.date(2026, 6, 3), "2026-06-30"]})
>>> out["debit_on"], out["debit_month"], out["next_month"]
([Date(2026, 6, 29), Date(2026, 7, 27)], ['2026-06', '2026-07'], [False, True])
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.util
from typing import Any

import pendulum

from clararules.core import door as check
from clararules.core.bankdays import covered_years, is_bank_business_day
from clararules.core.dated import Parameter
from clararules.core.errors import ClaraRulesError
from clararules.core.months import Month
from clararules.core.parameters import Parameters, resolve
from clararules.domains.debit import DirectDebit, direct_debit
from clararules.io import batch_quote as vector
from clararules.io.batch_columns import (
    as_cells,
    cell,
    day_array,
    day_cells,
    index_of,
    memo,
    month_array,
    month_cells,
    read_book,
    result,
    row_error,
    table_result,
)

__all__ = ["direct_debits"]

Array = Any  # a numpy array (numpy is optional)

_REQUIRED = ("notice_arrived_on",)
_OUT = ("debit_on", "debit_month", "next_month")
_UNIX_MONTH = Month(1970, 1).index


@functools.cache
def business_days() -> tuple[Array, int, int]:
    """G4: every bank business day of the years the holiday calendar covers, ascending, as days
    since 1970-01-01 (read-only), with the first and last day of those years.  Made once per
    process, by :func:`is_bank_business_day` of each day (about 55,000 days, some 50 ms once
    the holiday calendar is loaded)."""
    np = vector.numpy()
    years = covered_years()
    first = _dt.date(years[0], 1, 1).toordinal()
    last = _dt.date(years[-1], 12, 31).toordinal()
    days = [
        ordinal - vector.EPOCH
        for ordinal in range(first, last + 1)
        if is_bank_business_day(pendulum.Date.fromordinal(ordinal))
    ]
    table = np.array(days, dtype=np.int64)
    table.setflags(write=False)
    return table, first - vector.EPOCH, last - vector.EPOCH


def _arrival(value: Any) -> int:
    return check.date(value, "notice_arrived_on").toordinal() - vector.EPOCH


def _debit_days(days: Array, debit_day: Parameter[int]) -> tuple[Array, Array, Array, Array]:
    """D5 and G4 for days (since 1970-01-01) of the covered years: the debit day, whether it is
    the next month's, the debit month's index, and the mask of the days left to the scalar
    rules."""
    np = vector.numpy()
    calendar, _, _ = business_days()
    sinces = np.array([e.since.toordinal() - vector.EPOCH for e in debit_day.history])
    values = np.array([e.value for e in debit_day.history], dtype=np.int64)
    entry = np.searchsorted(sinces, days, side="right") - 1
    scalar = entry < 0  # before the parameter's first value: ParameterNotInForce (scalar)
    nth = values[np.maximum(entry, 0)] - 1  # the debit day, counted from the 1st
    month = days.astype("datetime64[D]").astype("datetime64[M]")
    this_month = month.astype("datetime64[D]").astype(np.int64) + nth
    # G4: the first bank business day on or after the day (searchsorted in the calendar).
    at = np.searchsorted(calendar, this_month)
    scalar |= at >= len(calendar)  # past the covered years: the scalar rules refuse it
    later = days > calendar[np.minimum(at, len(calendar) - 1)]  # D5: after this month's debit
    debit_month = month + later.astype(np.int64)
    at = np.searchsorted(calendar, debit_month.astype("datetime64[D]").astype(np.int64) + nth)
    scalar |= at >= len(calendar)
    debit = calendar[np.minimum(at, len(calendar) - 1)]
    return debit, later, debit_month.astype(np.int64) + _UNIX_MONTH, scalar


def _by_day(days: Array, debit_day: Parameter[int]) -> tuple[Array, Array, Array, Array]:
    """:func:`_debit_days` made once per day of the book's range, when it is small (a real
    book's notices arrive over a few years), and gathered."""
    np = vector.numpy()
    if not len(days):
        return _debit_days(days, debit_day)
    low, high = int(days.min()), int(days.max())
    if high - low > 2 * len(days) + 4096:
        return _debit_days(days, debit_day)
    figures = _debit_days(np.arange(low, high + 1, dtype=np.int64), debit_day)
    offsets = days - low
    debit, later, month, scalar = (values[offsets] for values in figures)
    return debit, later, month, scalar


def direct_debits(book: Any, *, parameters: Parameters | None = None) -> Any:
    """D5 for a book of debit notices, as columns (see the module docstring).

    Column in: ``notice_arrived_on``.  Columns out: ``debit_on``, ``debit_month``,
    ``next_month``, each row exactly :func:`direct_debit`'s figures with ``parameters`` (the
    defaults unless given: ``debit_day`` is looked up on the arrival day), or its refusal
    prefixed with the row number.  The result is of the book's kind, with the count of
    ``fallback_rows`` (see :class:`~clararules.io.batch.BatchColumns`).
    """
    data, rows, kind = read_book(book, _REQUIRED, ())
    params = resolve(parameters)
    index = index_of(book, kind)
    column = data["notice_arrived_on"]
    np = vector.numpy()
    if np is None or (kind != "dict" and importlib.util.find_spec("pyarrow") is None):
        return _scalar_book(as_cells(column, rows), kind, params, index)
    days = vector.read_days(column, _arrival)
    _, first, last = business_days()
    outside = (days < first) | (days > last)  # refused cells (REFUSED) included
    debit, later, month, scalar = _by_day(np.where(outside, first, days), params.debit_day)
    fallback_at = np.flatnonzero(outside | scalar).tolist()
    for i in fallback_at:
        figures = _scalar_row(i, cell(column, i), params)
        debit[i] = figures.debit_on.toordinal() - vector.EPOCH
        later[i] = figures.next_month
        month[i] = figures.debit_month.index
    if kind == "dict":
        out = {
            "debit_on": day_cells(np, debit),
            "debit_month": month_cells(np, month),
            "next_month": later.tolist(),
        }
        return result(out, kind, len(fallback_at), index)
    import pyarrow as pa

    table = pa.table(
        {
            "debit_on": day_array(np, debit),
            "debit_month": month_array(np, month),
            "next_month": pa.array(later, type=pa.bool_()),
        }
    )
    return table_result(table, kind, len(fallback_at), index)


def _scalar_row(index: int, value: Any, params: Parameters) -> DirectDebit:
    try:
        return direct_debit(value, parameters=params)
    except ClaraRulesError as error:
        raise row_error(index, error) from None


def _scalar_book(cells: Any, kind: str, params: Parameters, index: Any) -> Any:
    """Every row by the scalar rules (numpy is not installed)."""
    debit_of = memo(lambda value: direct_debit(value, parameters=params))
    out: dict[str, list[Any]] = {name: [] for name in _OUT}
    for i, value in enumerate(cells):
        try:
            figures = debit_of(value)
        except ClaraRulesError as error:
            raise row_error(i, error) from None
        out["debit_on"].append(figures.debit_on)
        out["debit_month"].append(str(figures.debit_month))
        out["next_month"].append(figures.next_month)
    return result(out, kind, len(cells), index)
