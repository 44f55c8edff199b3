"""Batch evaluation: a whole book of contracts, domains or debit notices as columns, in one call.

The input is a book of equal-length columns: a ``dict`` of lists, a ``pyarrow.Table`` or a
pandas ``DataFrame``; the output is of the same kind (``batch_columns.py`` reads and writes the
kinds).  Each cell goes through the same input door as the scalar functions' arguments, in the
same order, and each row is computed by the same rules (``month_of_cancellation``,
``term_usage``, ``tax_on``, ``contract_end_of``, ``direct_debit``) or by their formulas in numpy
(``batch_quote.py``, ``batch_debit.py``, ``batch_timeline.py``, ``batch_restore.py``; names
through ``batch_names.py``), so a row gives exactly the scalar function's figures,
or its refusal prefixed with the row number.  Unknown columns are refused (a misspelt optional
column would otherwise be ignored).  Explanations are left out for speed: call the scalar
function for a row whose explanation you want to show.

>>> import datetime as dt
>>> book = {
...     "monthly_fee": [5000, 5000],
...     "activated_on": [dt.date(2026, 4, 15), dt.date(2026, 4, 15)],
...     "minimum_term_months": [12, 12],
...     "received_at": [dt.datetime(2026, 11, 30, 14, 59, tzinfo=dt.timezone.utc),
...                     dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.timezone.utc)],
...     "desired_month": ["2026-12", "2026-12"],
... }
>>> out = quote_cancellations(book)
>>> out["effective_on"], out["shifted"], out["amount_with_tax"]
([Date(2026, 12, 31), Date(2027, 1, 31)], [False, True], [22000, 16500])
>>> quote_cancellations({**book, "special_term_months": [24, 24]})
Traceback (most recent call last):
...
clararules.core.errors.InvalidInput: unknown column special_term_months; accepted: monthly_fee, ...
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Final

from clararules.contracts import cancellation as contract_fields
from clararules.contracts.cancellation import month_of_cancellation, term_usage
from clararules.core import door as check
from clararules.core.dated import Parameter
from clararules.core.errors import ClaraRulesError
from clararules.core.money import Rounding
from clararules.core.months import Month
from clararules.core.parameters import Parameters, resolve
from clararules.core.tax import tax_on
from clararules.io import batch_quote as vector
from clararules.io import batch_timeline as timeline_rows
from clararules.io.batch_columns import (
    BatchColumns,
    as_cells,
    cell,
    day_array,
    index_of,
    memo,
    month_array,
    month_cells,
    read_book,
    result,
    row_error,
    table_result,
)
from clararules.io.batch_debit import direct_debits
from clararules.io.batch_restore import RESTORE_COLUMNS, restore_windows

__all__ = [
    "QUOTE_COLUMNS",
    "RESTORE_COLUMNS",
    "TIMELINE_COLUMNS",
    "BatchColumns",
    "direct_debits",
    "quote_cancellations",
    "renewal_timelines",
    "restore_windows",
]

_QUOTE_REQUIRED = ("monthly_fee", "activated_on", "minimum_term_months", "received_at")
_QUOTE_OPTIONAL = ("service", "special_agreement_term_months", "desired_month")


def _arrival_month(value: Any) -> Month:
    arrived = check.instant(value, "received_at")
    return Month(arrived.year, arrived.month)


def _desired_month(value: Any) -> Month | None:
    return check.optional_month(value, "desired_month")


QUOTE_COLUMNS: Final = (
    "month",
    "effective_on",
    "shifted",
    "term_start",
    "term_end",
    "months_used",
    "months_short",
    "amount",
    "amount_with_tax",
)
"""The columns :func:`quote_cancellations` writes, in order."""

TIMELINE_COLUMNS: Final = timeline_rows.COLUMNS
"""The columns :func:`renewal_timelines` writes, in order."""


class _ScalarQuotes:
    """C2-C6 one row at a time, by the rule functions, each cell through the door of the
    Contract field or quote_cancellation argument of the same name, in the order they convert
    (a value seen before in a column is not converted again)."""

    def __init__(self, mode: Rounding, rates: Parameter[Fraction]) -> None:
        self.mode, self.rates = mode, rates
        self.service_of = memo(contract_fields._service)
        self.fee_of = memo(contract_fields._monthly_fee)
        self.activated_of = memo(contract_fields._activated_on)
        self.term_of = memo(contract_fields._minimum_term_months)
        self.special_of = memo(contract_fields._special_agreement_term_months)
        self.arrival_of = memo(_arrival_month)
        self.desired_of = memo(_desired_month)
        self.rate_of: dict[Month, Any] = {}

    def row(
        self, index: int, cells: Sequence[Any]
    ) -> tuple[Month, bool, Month, Month, int, int, int, int]:
        """Row ``index``: month, shifted, term start and end, months used and short, amount and
        amount with tax; or its refusal with the row number."""
        service, fee_cell, activated_cell, term_cell, special_cell, received, desired = cells
        try:
            if service is not None:
                self.service_of(service)
            fee = self.fee_of(fee_cell)
            activated_on = self.activated_of(activated_cell)
            term = self.term_of(term_cell)
            special = self.special_of(special_cell)
            if special is not None:
                term = special  # C5: the special agreement overrides the price list
            month, shifted = month_of_cancellation(
                self.arrival_of(received), self.desired_of(desired)
            )
            start, used, short = term_usage(activated_on, term, month)
            amount = fee.amount * short
            rate = self.rate_of.get(month)
            if rate is None:
                rate = self.rate_of[month] = self.rates.at(month.last_day).value
            tax = tax_on(amount, rate, self.mode).amount if amount else 0  # G3
            end = start + (term - 1)
        except ClaraRulesError as error:
            raise row_error(index, error) from None
        return month, shifted, start, end, used, short, amount, amount + tax


def quote_cancellations(
    book: Any, rounding: Rounding = Rounding.DOWN, parameters: Parameters | None = None
) -> Any:
    """C2-C6 for a book of contracts, as columns (see the module docstring).

    Columns in: ``monthly_fee`` (whole yen: int or Yen), ``activated_on`` (a date, an aware
    datetime or an ISO string), ``minimum_term_months`` (int), ``received_at`` (an aware
    datetime, a date or an ISO string), and optionally ``desired_month`` ('YYYY-MM', Month or
    None), ``special_agreement_term_months`` (int or None) and ``service`` (str).  Each cell is
    accepted or refused exactly as the argument of the same name of ``Contract`` and
    ``quote_cancellation``.  Columns out: ``month``, ``effective_on``, ``shifted``,
    ``term_start``, ``term_end``, ``months_used``, ``months_short``, ``amount``,
    ``amount_with_tax`` (yen as ints, months as 'YYYY-MM').  A bad row raises the scalar
    function's error, prefixed with its row number.

    The book may be a ``dict`` of lists, a pyarrow Table or a pandas DataFrame, and the result
    is of the same kind (see :class:`BatchColumns` for the count of ``fallback_rows``).  With
    numpy installed, the rows are computed by array arithmetic (``batch_quote``); a row the
    vector path cannot take goes through the scalar rules, as every row does without numpy.
    """
    data, rows, kind = read_book(book, _QUOTE_REQUIRED, _QUOTE_OPTIONAL)
    mode = check.member(rounding, Rounding, "rounding")
    rates = resolve(parameters).consumption_tax_rate
    index = index_of(book, kind)
    order = ("service", *_QUOTE_REQUIRED[:3], "special_agreement_term_months", "received_at")
    columns = {name: data.get(name) for name in (*order, "desired_month")}  # None: not given
    scalar = _ScalarQuotes(mode, rates)
    np = vector.numpy()
    if np is None or (kind != "dict" and importlib.util.find_spec("pyarrow") is None):
        return _scalar_book(columns, rows, kind, scalar, index)
    figures, fallback = vector.quote_rows(
        {name: vector.read_column(column, name, rows) for name, column in columns.items()},
        mode,
        rates,
    )
    fallback_at = np.flatnonzero(fallback).tolist()
    cells = list(columns.values())
    for i in fallback_at:
        month, shifted, start, end, *counts = scalar.row(i, [cell(c, i) for c in cells])
        figures["month"][i] = month.index
        figures["shifted"][i] = shifted
        figures["term_start"][i] = start.index
        figures["term_end"][i] = end.index
        for name, value in zip(QUOTE_COLUMNS[5:], counts, strict=True):
            figures[name][i] = value
    if kind == "dict":
        out = {name: month_cells(np, figures[name]) for name in ("month", "term_start")}
        out["term_end"] = month_cells(np, figures["term_end"])
        out["effective_on"] = month_cells(np, figures["month"], last_day=True)
        for name in ("shifted", *QUOTE_COLUMNS[5:]):
            out[name] = figures[name].tolist()
        return result({name: out[name] for name in QUOTE_COLUMNS}, kind, len(fallback_at), index)
    return table_result(_quote_table(np, figures), kind, len(fallback_at), index)


def _scalar_book(
    columns: dict[str, Any], rows: int, kind: str, scalar: _ScalarQuotes, index: Any
) -> Any:
    """Every row by the scalar rules (numpy is not installed)."""
    out: dict[str, list[Any]] = {key: [] for key in QUOTE_COLUMNS}
    targets = [out[key] for key in QUOTE_COLUMNS]
    cells = [as_cells(column, rows) for column in columns.values()]
    for i in range(rows):
        month, shifted, start, end, used, short, amount, with_tax = scalar.row(
            i, [column[i] for column in cells]
        )
        row = (str(month), month.last_day, shifted, str(start), str(end), used, short, amount)
        for target, value in zip(targets, (*row, with_tax), strict=True):
            target.append(value)
    return result(out, kind, rows, index)


def _quote_table(np: Any, figures: dict[str, Any]) -> Any:
    """The figures as an Arrow table of the columns a ``dict`` book gets, with Arrow types."""
    import pyarrow as pa

    columns: dict[str, Any] = {}
    for name in ("month", "term_start", "term_end"):
        columns[name] = month_array(np, figures[name])
    columns["effective_on"] = day_array(np, vector.last_days(figures["month"]))
    columns["shifted"] = pa.array(figures["shifted"], type=pa.bool_())
    for name in QUOTE_COLUMNS[5:]:
        columns[name] = pa.array(figures[name], type=pa.int64())
    return pa.table({name: columns[name] for name in QUOTE_COLUMNS})


def renewal_timelines(book: Any, *, parameters: Parameters | None = None) -> Any:
    """D1-D6 for a book of domains, as columns.

    Columns in: ``domain`` (str or DomainName), ``registry_expiry`` (a date, an aware datetime
    or an ISO string), and optionally ``payment`` (a PaymentMethod or its value) and
    ``domain_only`` (bool), each accepted or refused exactly as the argument of the same name
    of ``renewal_timeline``.  Columns out: ``contract_end``, ``order_window_first``,
    ``order_window_last``, ``fee_notice_on``, ``reminders`` (a tuple of dates, ascending) and
    ``pay_by``.  The figures are ``parameters``' (the defaults unless given), each looked up
    on the row's own date as ``renewal_timeline`` does.  A bad row raises the scalar
    function's error, prefixed with its row number.

    The book may be a ``dict`` of lists (dates out as ``pendulum.Date``, reminders as
    tuples), a pyarrow Table (date32 columns, ``reminders`` a list<date32>) or a pandas
    DataFrame (the same, Arrow-backed).  With numpy installed the rows of plain ASCII names
    are computed by array arithmetic (``batch_timeline``); a row that path cannot take (an
    IDN name, a refused cell, a date out of range) goes through the scalar rules, as every
    row does without numpy, and ``fallback_rows`` counts them (see :class:`BatchColumns`).

    >>> import datetime as dt
    >>> out = renewal_timelines({"domain": ["example.jp", "example.com"],
    ...                          "registry_expiry": [dt.date(2027, 3, 31), dt.date(2027, 3, 10)]})
    >>> out["contract_end"], out["order_window_first"]
    ([Date(2027, 3, 24), Date(2027, 3, 10)], [Date(2027, 2, 2), Date(2027, 1, 19)])
    """
    return timeline_rows.timelines(book, parameters)
