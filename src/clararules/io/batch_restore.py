"""D8-D9 for a book of domains: the restore window of each row, as columns.

The book is a ``dict`` of lists, a pyarrow Table or a pandas DataFrame with the columns
``domain`` and ``registry_expiry``, each cell accepted or refused exactly as the argument of
the same name of :func:`~clararules.restore_window`; the result is of the same kind, with the
figures a :class:`~clararules.RestoreWindow` gives (see :data:`RESTORE_COLUMNS`).

The vector path (numpy) reads each name's kind (``batch_names.domain_kinds``: plain ASCII
names by an RE2 match and the kind ``DomainName.parse`` gives one name of each class) and each
expiry's JST day (G1), and then, as ``restore_window``: the contract end (D3), the window's
opening the day after it (D8), the registry rule of the name's kind in force on the contract
end (D9: the given day of the month after the expiry, or days after the contract end, or
unknown), and the restore fee, its consumption tax (G3, included in the fee and rounded down
once) and the downtime in force on the opening day (D8).  Each parameter is looked up with
``searchsorted`` over its ``since`` dates.  A row the vector path cannot take (an IDN or
refused name, a refused expiry, a day before a parameter's first value, a date outside years
1-9999) goes through :func:`~clararules.restore_window`, which gives its figures or raises its
refusal with the row number; ``fallback_rows`` counts them.
"""

from __future__ import annotations

import importlib
import importlib.util
from fractions import Fraction
from typing import Any, Final

import pendulum

from clararules.core import door as check
from clararules.core.errors import ClaraRulesError
from clararules.core.money import Rounding, round_ratio
from clararules.core.months import Month
from clararules.core.parameters import ClosingBasis, Parameters, RestoreClose, resolve
from clararules.domains.restore import RestoreWindow, restore_window
from clararules.io import batch_quote as vector
from clararules.io.batch_columns import (
    as_cells,
    cell,
    day_array,
    day_cells,
    distinct,
    index_of,
    read_book,
    result,
    row_error,
    table_result,
)
from clararules.io.batch_names import KIND_CODE, KINDS, domain_kinds
from clararules.io.batch_timeline import MAX_DAY, contract_ends, filled, in_force, values_of

__all__ = ["RESTORE_COLUMNS", "restore_windows"]

Array = Any  # a numpy array (numpy is optional)

RESTORE_COLUMNS: Final = (
    "kind",
    "contract_end",
    "opens",
    "closes",
    "closing_basis",
    "fee",
    "fee_includes_tax",
    "fee_excluding_tax",
    "fee_tax",
    "downtime",
)
"""The columns :func:`restore_windows` writes, in order."""

_REQUIRED: Final = ("domain", "registry_expiry")
_BASES: Final = tuple(ClosingBasis)
_CLOSES: Final = tuple(RestoreClose)
_BY_MONTH: Final = _CLOSES.index(RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY)
_BY_DAYS: Final = _CLOSES.index(RestoreClose.DAYS_AFTER_CONTRACT_END)
_UNKNOWN: Final = _CLOSES.index(RestoreClose.UNKNOWN)
_MAX_MONTH: Final = Month(9999, 12).index
_SPAN: Final = 2**22  # more than the days of years 1-9999: a (kind, day) key


def _expiry(value: Any) -> int:
    return check.date(value, "registry_expiry").toordinal() - vector.EPOCH


def _tax(fee: int, rate: Fraction | int) -> int:
    """D8, G3: the consumption tax included in ``fee`` (restore_window's formula)."""
    rate = rate if type(rate) is Fraction else Fraction(rate)
    return round_ratio(fee * rate.numerator, rate.denominator + rate.numerator, Rounding.DOWN)


def _rules(kinds: Array, end: Array, params: Parameters) -> tuple[Array, Array, Array, Array]:
    """D9: the registry rule of each row's kind in force on its contract end: its close
    (an index of RestoreClose), value and basis (an index of ClosingBasis), and the mask of
    the rows before the rule's first value (the scalar rules refuse them)."""
    np = vector.numpy()
    entries = [(k, e) for k, kind in enumerate(KINDS) for e in params.restore_rules[kind].history]
    keys = np.array([k * _SPAN + e.since.toordinal() - vector.EPOCH for k, e in entries])
    owner = np.array([k for k, _ in entries], dtype=np.int64)
    close = np.array([_CLOSES.index(e.value.close) for _, e in entries], dtype=np.int64)
    value = np.array([e.value.value or 0 for _, e in entries], dtype=np.int64)
    basis = np.array([_BASES.index(e.value.basis) for _, e in entries], dtype=np.int64)
    if not len(end):
        return close[:0], value[:0], basis[:0], np.zeros(0, dtype=bool)
    # (kind, day) keys over the book's (small) range of contract ends, once per distinct key.
    low, span = int(end.min()), int(end.max()) - int(end.min()) + 1
    positions, found = distinct(np, kinds * span + end - low)
    distinct_kinds, days = np.divmod(np.array(found, dtype=np.int64), span)
    entry = np.searchsorted(keys, distinct_kinds * _SPAN + days + low, side="right") - 1
    before = (entry < 0) | (owner[np.maximum(entry, 0)] != distinct_kinds)
    entry = np.maximum(entry, 0)[positions]
    return close[entry], value[entry], basis[entry], before[positions]


def _windows(
    kinds: Array, expiry: Array, end: Array, params: Parameters
) -> tuple[dict[str, Array], Array]:
    """D8-D9 for rows of known kinds, expiries and contract ends: the figures, and the mask
    of the rows the scalar rules must take."""
    np = vector.numpy()
    opens = end + 1  # D8: from the day after the contract end
    close, value, basis, bad = _rules(kinds, end, params)
    month = vector.months_of_days(expiry)
    by_month = vector.last_days(month) + value  # D9: the value-th of the month after expiry
    by_days = end + value  # D9: days after the contract end
    closes = np.where(close == _BY_MONTH, by_month, by_days)
    unknown = close == _UNKNOWN
    bad |= (opens > MAX_DAY) | ((close == _BY_MONTH) & (month >= _MAX_MONTH))
    bad |= ((close == _BY_DAYS) & (by_days > MAX_DAY)) | (~unknown & (closes < opens))
    opens = filled(opens, bad)
    fee, fee_before = in_force(params.restore_fee, opens)
    rate, rate_before = in_force(params.consumption_tax_rate, opens)
    downtime, downtime_before = in_force(params.restore_downtime_minutes, opens)
    fees = values_of(params.restore_fee, lambda yen: yen.amount).astype(np.int64)
    rates = [e.value for e in params.consumption_tax_rate.history]
    taxes = np.array([[_tax(int(f), r) for r in rates] for f in fees], dtype=np.int64)
    rows = len(end)
    figures = {
        "kind": kinds.copy(),
        "contract_end": end.copy(),
        "opens": opens,
        "closes": closes,
        "unknown": unknown,
        "closing_basis": basis,
        "fee": np.broadcast_to(fees[fee], rows).copy(),
        "fee_tax": np.broadcast_to(taxes[fee, rate], rows).copy(),
        "downtime": np.broadcast_to(
            values_of(params.restore_downtime_minutes)[downtime] * 60, rows
        ).copy(),
    }
    return figures, bad | fee_before | rate_before | downtime_before


def restore_windows(book: Any, *, parameters: Parameters | None = None) -> Any:
    """D8-D9 for a book of domains, as columns (see the module docstring).

    Columns in: ``domain`` (str or DomainName) and ``registry_expiry`` (a date, an aware
    datetime or an ISO string).  Columns out (:data:`RESTORE_COLUMNS`): ``kind`` and
    ``closing_basis`` (the DomainKind and ClosingBasis values, as strings), ``contract_end``,
    ``opens`` and ``closes`` (dates; ``closes`` is ``None``, a null, when unknown: ask
    support), ``fee``, ``fee_excluding_tax`` and ``fee_tax`` (whole yen), ``fee_includes_tax``
    (``True``) and ``downtime`` (``pendulum.Duration`` in a ``dict`` book, Arrow
    ``duration[s]`` in a Table or DataFrame).  Each row is :func:`restore_window`'s figures
    with ``parameters`` (the defaults unless given) and no provider deadline (so
    ``registry_closes`` is ``closes`` and ``provider_closes`` is ``None``: neither is a
    column), or its refusal prefixed with the row number.  The result is of the book's kind, with the count of
    ``fallback_rows`` (see :class:`~clararules.io.batch.BatchColumns`).

    >>> import datetime as dt
    >>> out = restore_windows({
    ...     "domain": ["example.jp", "shop.co.jp", "example.com", "example.uk"],
    ...     "registry_expiry": [dt.date(2027, 3, 31), dt.date(2027, 3, 31),
    ...                         dt.date(2027, 3, 10), dt.date(2027, 3, 10)]})
    >>> out["kind"]
    ['generic_jp', 'attribute_jp', 'gtld', 'other']
    >>> [str(day) for day in out["opens"]]
    ['2027-03-25', '2027-03-25', '2027-03-11', '2027-03-11']
    >>> [day and str(day) for day in out["closes"]]
    ['2027-04-20', '2027-04-15', '2027-04-09', None]
    >>> out["closing_basis"]
    ['registry_rule', 'registry_rule', 'estimate', 'unknown']
    >>> out["fee"][0], out["fee_includes_tax"][0], out["fee_excluding_tax"][0], out["fee_tax"][0]
    (12000, True, 10910, 1090)
    >>> out["downtime"][0].in_hours(), out.fallback_rows
    (1, 0)
    """
    data, rows, kind = read_book(book, _REQUIRED, ())
    params = resolve(parameters)
    index = index_of(book, kind)
    names, expiries = data["domain"], data["registry_expiry"]
    np = vector.numpy()
    if np is None or (kind != "dict" and importlib.util.find_spec("pyarrow") is None):
        return _scalar_book(as_cells(names, rows), as_cells(expiries, rows), kind, params, index)
    kinds = domain_kinds(names, rows)
    expiry = vector.read_days(expiries, _expiry)
    bad = (kinds < 0) | (expiry == vector.REFUSED)
    kinds, expiry = filled(kinds, bad), filled(expiry, bad)
    jp = np.array([k.is_jp for k in KINDS])[kinds]
    end, refused = contract_ends(expiry, jp & ~bad, params)
    bad |= refused
    figures, refused = _windows(kinds, expiry, filled(end, bad), params)
    fallback_at = np.flatnonzero(bad | refused).tolist()
    for i in fallback_at:
        _patch(figures, i, _scalar_row(i, cell(names, i), cell(expiries, i), params))
    if kind == "dict":
        return result(_dict_columns(figures), kind, len(fallback_at), index)
    return table_result(_table(figures), kind, len(fallback_at), index)


def _scalar_row(index: int, name: Any, expiry: Any, params: Parameters) -> RestoreWindow:
    try:
        return restore_window(name, expiry, parameters=params)
    except ClaraRulesError as error:
        raise row_error(index, error) from None


def _ordinal(day: pendulum.Date) -> int:
    return day.toordinal() - vector.EPOCH


def _patch(figures: dict[str, Array], i: int, window: RestoreWindow) -> None:
    """Row ``i`` of the figures set to the scalar rules' ``window``."""
    figures["kind"][i] = KIND_CODE[window.kind]
    figures["contract_end"][i] = _ordinal(window.contract_end)
    figures["opens"][i] = _ordinal(window.opens)
    figures["unknown"][i] = window.closes is None
    figures["closes"][i] = _ordinal(window.closes or window.opens)
    figures["closing_basis"][i] = _BASES.index(window.closing_basis)
    figures["fee"][i] = window.fee.amount
    figures["fee_tax"][i] = window.fee_tax.amount
    figures["downtime"][i] = int(window.downtime.total_seconds())


def _objects(codes: Array, objects: list[Any]) -> list[Any]:
    """``objects[code]`` for each code."""
    np = vector.numpy()
    table = np.empty(len(objects), dtype=object)
    for j, made in enumerate(objects):
        table[j] = made
    cells: list[Any] = table[codes].tolist()
    return cells


def _dict_columns(figures: dict[str, Array]) -> dict[str, list[Any]]:
    """The figures as a ``dict`` book has them (the scalar function's values)."""
    np = vector.numpy()
    closes = day_cells(np, figures["closes"])
    for i in np.flatnonzero(figures["unknown"]).tolist():
        closes[i] = None
    seconds = figures["downtime"]
    durations: list[Any] = []
    if len(seconds):
        positions, found = distinct(np, seconds)
        durations = _objects(positions, [pendulum.duration(seconds=s) for s in found])
    return {
        "kind": _objects(figures["kind"], [k.value for k in KINDS]),
        "contract_end": day_cells(np, figures["contract_end"]),
        "opens": day_cells(np, figures["opens"]),
        "closes": closes,
        "closing_basis": _objects(figures["closing_basis"], [b.value for b in _BASES]),
        "fee": figures["fee"].tolist(),
        "fee_includes_tax": [True] * len(seconds),
        "fee_excluding_tax": (figures["fee"] - figures["fee_tax"]).tolist(),
        "fee_tax": figures["fee_tax"].tolist(),
        "downtime": durations,
    }


def _table(figures: dict[str, Array]) -> Any:
    """The figures as an Arrow table (date32, string, int64, bool and duration[s] columns)."""
    np, pa = vector.numpy(), importlib.import_module("pyarrow")

    def labels(codes: Array, values: list[str]) -> Any:
        return pa.array(values, type=pa.string()).take(pa.array(codes, type=pa.int64()))

    closes = figures["closes"].astype(np.int32)
    return pa.table(
        {
            "kind": labels(figures["kind"], [k.value for k in KINDS]),
            "contract_end": day_array(np, figures["contract_end"]),
            "opens": day_array(np, figures["opens"]),
            "closes": pa.array(closes, mask=figures["unknown"]).view(pa.date32()),
            "closing_basis": labels(figures["closing_basis"], [b.value for b in _BASES]),
            "fee": pa.array(figures["fee"], type=pa.int64()),
            "fee_includes_tax": pa.array(np.ones(len(closes), dtype=bool)),
            "fee_excluding_tax": pa.array(figures["fee"] - figures["fee_tax"], type=pa.int64()),
            "fee_tax": pa.array(figures["fee_tax"], type=pa.int64()),
            "downtime": pa.array(figures["downtime"], type=pa.int64()).view(pa.duration("s")),
        }
    )


def _scalar_book(names: Any, expiries: Any, kind: str, params: Parameters, index: Any) -> Any:
    """Every row by :func:`restore_window` (numpy is not installed)."""
    out: dict[str, list[Any]] = {name: [] for name in RESTORE_COLUMNS}
    for i, (name, expiry) in enumerate(zip(names, expiries, strict=True)):
        window = _scalar_row(i, name, expiry, params)
        row = (
            window.kind.value,
            window.contract_end,
            window.opens,
            window.closes,
            window.closing_basis.value,
            window.fee.amount,
            window.fee_includes_tax,
            window.fee_excluding_tax.amount,
            window.fee_tax.amount,
            window.downtime,
        )
        for name, value in zip(RESTORE_COLUMNS, row, strict=True):
            out[name].append(value)
    if kind == "dict":
        return result(out, kind, len(names), index)
    pa = importlib.import_module("pyarrow")
    day, count = pa.date32(), pa.int64()
    types = (pa.string(), day, day, day, pa.string(), count, pa.bool_(), count, count)
    schema = pa.schema(list(zip(RESTORE_COLUMNS, (*types, pa.duration("s")), strict=True)))
    return table_result(pa.table(out, schema=schema), kind, len(names), index)
