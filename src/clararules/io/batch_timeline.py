"""D1-D6 on columns: the vector path of :func:`~clararules.renewal_timelines`, and the D3
contract ends and dated look-ups that :func:`~clararules.restore_windows` shares.

Names are read by ``batch_names.py`` (a plain ASCII name on the vector path; an IDN name, a
refused cell and the like through the scalar rules).  Expiries are JST days
(``batch_quote.read_days``: date32 and aware-timestamp columns by arithmetic, G1; other
columns through the door once per distinct cell).  A .jp expiry must be a month end, and the
contract end is ``jp_contract_end_days`` before it, the value in force on the expiry (D3).
The order window (D1), the fee notice (D2) and the reminders (D6) are the days of
``order_window_days``, ``fee_notice_days`` and ``reminder_days`` before the contract end, each
the value in force on the contract end: ``searchsorted`` over the parameter's ``since`` dates,
or one look-up when the whole book falls under one value, so that a value changed inside the
book applies from its date.  ``payment`` and ``domain_only`` cells go through the door once
per distinct cell (D5: a domain-only customer pays by card).  A row the vector path cannot
take — a refused cell, a day before a parameter's first value, a date outside years 1-9999 —
goes through the scalar rules, in row order, which give its dates or raise its refusal with
its row number; ``fallback_rows`` counts them.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import importlib
import importlib.util
from collections.abc import Sequence
from typing import Any, Final

import pendulum

from clararules.core import door as check
from clararules.core.bankdays import add_days
from clararules.core.dated import Parameter
from clararules.core.errors import ClaraRulesError
from clararules.core.parameters import Parameters, resolve
from clararules.domains.names import as_domain
from clararules.domains.timeline import PaymentMethod, check_payment, contract_end_of, expiry_of
from clararules.io import batch_quote as vector
from clararules.io.batch_columns import (
    as_cells,
    cell,
    day_array,
    distinct,
    index_of,
    read_book,
    result,
    row_error,
    table_result,
)
from clararules.io.batch_names import jp_names

Array = Any  # a numpy array (numpy is optional)

COLUMNS: Final = (
    "contract_end",
    "order_window_first",
    "order_window_last",
    "fee_notice_on",
    "reminders",
    "pay_by",
)
"""The columns of a timeline book, in order (``batch.TIMELINE_COLUMNS``)."""
_NAMES: Final = ("domain", "registry_expiry", "payment", "domain_only")

MIN_DAY: Final = _dt.date.min.toordinal() - vector.EPOCH
MAX_DAY: Final = _dt.date.max.toordinal() - vector.EPOCH
_METHODS: Final = tuple(PaymentMethod)
_CARD: Final = _METHODS.index(PaymentMethod.CREDIT_CARD)


# ---------------------------------------------------------------- dated parameters, days


def in_force(parameter: Parameter[Any], days: Array) -> tuple[Any, Array]:
    """The index of the value of ``parameter`` in force on each day (one int when the whole
    book falls under one value), and the mask of the days before its first value (the scalar
    rules refuse them: ParameterNotInForce)."""
    np = vector.numpy()
    sinces = [entry.since.toordinal() - vector.EPOCH for entry in parameter.history]
    if not len(days):
        return 0, np.zeros(0, dtype=bool)
    low = bisect.bisect_right(sinces, int(days.min())) - 1
    if low == bisect.bisect_right(sinces, int(days.max())) - 1:
        return max(low, 0), np.full(len(days), low < 0)
    entry = np.searchsorted(np.array(sinces, dtype=np.int64), days, side="right") - 1
    return np.maximum(entry, 0), entry < 0


def values_of(parameter: Parameter[Any], pick: Any = None) -> Array:
    """The values of ``parameter`` (or ``pick`` of each) as an array, oldest first."""
    np = vector.numpy()
    return np.array([e.value if pick is None else pick(e.value) for e in parameter.history])


def filled(values: Array, bad: Array) -> Array:
    """``values`` with the rows of ``bad`` set to the first other row's value, so that the
    look-ups see only the book's real range (those rows are the scalar rules')."""
    np = vector.numpy()
    if not bad.any():
        return values
    first = int(np.argmin(bad))
    return np.where(bad, 0 if bad[first] else values[first], values)


def contract_ends(expiry: Array, jp: Array, params: Parameters) -> tuple[Array, Array]:
    """D3: each row's contract end (days since 1970-01-01), and the mask of the .jp rows the
    scalar rules must take (an expiry not a month end, a day before the parameter's first
    value, a contract end before year 1)."""
    np = vector.numpy()
    month_end = vector.last_days(vector.months_of_days(expiry))
    entry, before = in_force(params.jp_contract_end_days, expiry)
    end = np.where(jp, expiry - values_of(params.jp_contract_end_days)[entry], expiry)
    return end, jp & ((month_end != expiry) | before | (end < MIN_DAY))


def _before_end(end: Array, params: Parameters) -> tuple[dict[str, Any], Array]:
    """D1, D2, D6: the days before each contract end (the parameters in force on it), and the
    mask of the rows the scalar rules must take."""
    np = vector.numpy()
    window, window_before = in_force(params.order_window_days, end)
    notice, notice_before = in_force(params.fee_notice_days, end)
    reminders, reminders_before = in_force(params.reminder_days, end)
    notices = values_of(params.fee_notice_days)[notice]
    firsts = values_of(params.order_window_days, lambda days: days[0])[window]
    deepest = values_of(params.reminder_days, lambda days: days[0])[reminders]  # descending
    figures = {
        "order_window_first": end - firsts,
        "order_window_last": end - values_of(params.order_window_days, lambda d: d[1])[window],
        "fee_notice_on": end - notices,
        "reminders": reminders,
    }
    bad = window_before | notice_before | reminders_before
    return figures, bad | (end - np.maximum(np.maximum(firsts, notices), deepest) < MIN_DAY)


def _reminder_lists(end: Array, entry: Any, params: Parameters) -> Any:
    """D6: each row's reminder days (ascending) as an Arrow list<date32> column."""
    np, pa = vector.numpy(), importlib.import_module("pyarrow")
    history = params.reminder_days.history
    every = np.array([len(e.value) for e in history], dtype=np.int64)
    grid = np.zeros((len(history), int(every.max())), dtype=np.int32)
    for row, e in enumerate(history):
        grid[row, : len(e.value)] = e.value
    lengths = every[entry]
    width = int(np.max(lengths, initial=0))
    days = end.astype(np.int32)[:, None] - grid[entry][..., :width]
    if np.ndim(lengths) and lengths.min() != width:  # values of several lengths in the book
        days = days[np.arange(width)[None, :] < lengths[:, None]]
    values = pa.array(days.ravel()).view(pa.date32())  # int32 days since 1970-01-01
    if np.ndim(lengths):
        offsets = np.zeros(len(end) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
    else:  # one value for the whole book: every list of the same length
        offsets = np.arange(len(end) + 1, dtype=np.int64) * width
    if offsets[-1] >= 2**31:
        return pa.LargeListArray.from_arrays(pa.array(offsets), values)
    return pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), values)


# ---------------------------------------------------------------- the book


class ScalarRows:
    """D1-D6 one row at a time, by the rule functions, each cell through the door of the
    ``renewal_timeline`` argument of the same name, in the order it checks them."""

    def __init__(self, params: Parameters) -> None:
        self.params = params
        self.by_end: dict[int, tuple[Any, ...]] = {}

    def dates(self, end: pendulum.Date) -> tuple[Any, ...]:
        """D1, D2, D6: the contract end, order window, fee notice and reminders (once per
        contract end)."""
        key = end.toordinal()
        found = self.by_end.get(key)
        if found is None:
            params = self.params
            # renewal_timeline's order: the three look-ups (ParameterNotInForce), then the days.
            first_days, last_days = params.order_window_days.at(end).value
            notice_days = params.fee_notice_days.at(end).value
            reminder_days = params.reminder_days.at(end).value
            found = self.by_end[key] = (
                end,
                add_days(end, -first_days),
                add_days(end, -last_days),
                add_days(end, -notice_days),
                tuple(add_days(end, -days) for days in reminder_days),
            )
        return found

    def end(self, index: int, cells: Sequence[Any]) -> pendulum.Date:
        """Row ``index``'s contract end (D3), or its refusal with the row number."""
        name_cell, expiry, payment, only = cells
        try:
            # The order of renewal_timeline's own checks, so that the first refusal matches.
            name = as_domain(name_cell)
            method = PaymentMethod.CREDIT_CARD
            if payment is not None:
                method = check.member(payment, PaymentMethod, "payment")
            check_payment(method, False if only is None else check.flag(only, "domain_only"))
            end = contract_end_of(name, expiry_of(name, expiry), self.params)
            self.dates(end)
        except ClaraRulesError as error:
            raise row_error(index, error) from None
        return end


def _method(value: Any) -> int:
    return (
        _CARD if value is None else _METHODS.index(check.member(value, PaymentMethod, "payment"))
    )


def _flag(value: Any) -> int:
    return 0 if value is None else int(check.flag(value, "domain_only"))


def _expiry(value: Any) -> int:
    return check.date(value, "registry_expiry").toordinal() - vector.EPOCH


def read_cells(column: Any, convert: Any) -> Array:
    """A column (cells or Arrow) through ``convert``, once per distinct cell (REFUSED)."""
    if isinstance(column, Sequence):
        return vector._cells(column, convert)
    return vector._arrow_cells(column, convert)


def timelines(book: Any, parameters: Parameters | None) -> Any:
    """D1-D6 for a book of domains (``batch.renewal_timelines``)."""
    given, rows, kind = read_book(book, _NAMES[:2], _NAMES[2:])
    scalar = ScalarRows(resolve(parameters))
    index = index_of(book, kind)
    columns = [given.get(name) for name in _NAMES]
    np = vector.numpy()
    if np is None or (kind != "dict" and importlib.util.find_spec("pyarrow") is None):
        return _scalar_book(columns, rows, kind, scalar, index)
    taken, jp = jp_names(columns[0], rows)
    expiry = vector.read_days(columns[1], _expiry)
    bad = ~taken | (expiry == vector.REFUSED)
    if columns[2] is not None:
        method = read_cells(columns[2], _method)
        bad |= method == vector.REFUSED
    if columns[3] is not None:
        only = read_cells(columns[3], _flag)
        bad |= only == vector.REFUSED
        if columns[2] is not None:
            bad |= (only == 1) & (method != _CARD)  # D5: domain-only customers pay by card
    end, refused = contract_ends(filled(expiry, bad), jp & ~bad, scalar.params)
    bad |= refused
    end = filled(end, bad)
    figures, refused = _before_end(end, scalar.params)
    bad |= refused
    fallback_at = np.flatnonzero(bad).tolist()
    for i in fallback_at:
        end[i] = scalar.end(i, [cell(c, i) for c in columns]).toordinal() - vector.EPOCH
    if kind == "dict":
        return result(_dict_columns(end, scalar), kind, len(fallback_at), index)
    if fallback_at:
        figures, _ = _before_end(end, scalar.params)
    return table_result(_table(end, figures, scalar.params), kind, len(fallback_at), index)


def _dict_columns(end: Array, scalar: ScalarRows) -> dict[str, list[Any]]:
    """The dates of each row as a ``dict`` book has them (pendulum dates, as the scalar
    functions give), made once per distinct contract end."""
    np = vector.numpy()
    if not len(end):
        return {name: [] for name in COLUMNS}
    positions, found = distinct(np, end)
    tables = [np.empty(len(found), dtype=object) for _ in range(5)]
    for j, day in enumerate(found):
        for table, value in zip(
            tables, scalar.dates(pendulum.Date.fromordinal(day + vector.EPOCH)), strict=True
        ):
            table[j] = value
    cells = [table[positions].tolist() for table in tables]
    return dict(zip(COLUMNS, (*cells, list(cells[0])), strict=True))


def _table(end: Array, figures: dict[str, Any], params: Parameters) -> Any:
    """The dates as an Arrow table: date32 columns and a list<date32> of reminders."""
    np, pa = vector.numpy(), importlib.import_module("pyarrow")
    ends = day_array(np, end)
    columns = {
        name: day_array(np, np.broadcast_to(figures[name], len(end))) for name in COLUMNS[1:4]
    }
    columns.update(
        contract_end=ends,
        pay_by=ends,
        reminders=_reminder_lists(end, figures["reminders"], params),
    )
    return pa.table({name: columns[name] for name in COLUMNS})


def _scalar_book(columns: list[Any], rows: int, kind: str, scalar: ScalarRows, index: Any) -> Any:
    """Every row by the scalar rules (numpy is not installed)."""
    cells = [as_cells(column, rows) for column in columns]
    out: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    targets = [out[name] for name in COLUMNS]
    for i in range(rows):
        dates = scalar.dates(scalar.end(i, [column[i] for column in cells]))
        for target, value in zip(targets, (*dates, dates[0]), strict=True):
            target.append(value)
    return result(out, kind, rows, index)
