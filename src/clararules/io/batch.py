"""Batch evaluation: a whole book of contracts or domains as columns, in one call.

The input is a mapping of equal-length columns (a ``dict`` of lists, or anything with
``to_pydict()`` such as a ``pyarrow.Table``); the output is a ``dict`` of lists (a
``pyarrow.Table`` when the input was one).  Each cell goes through the same input door as the
scalar functions' arguments, in the same order, and each row is computed by the same rule code
(``month_of_cancellation``, ``term_usage``, ``tax_on``, ``contract_end_of``), so a row gives
exactly the scalar function's figures, or its refusal prefixed with the row number.  Unknown
columns are refused (a misspelt optional column would otherwise be ignored).  Explanations are
left out for speed: call the scalar function for a row whose explanation you want to show.

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

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from clararules.contracts import cancellation as contract_fields
from clararules.contracts.cancellation import month_of_cancellation, term_usage
from clararules.core import door as check
from clararules.core.bankdays import add_days
from clararules.core.errors import ClaraRulesError, InvalidInput, InvalidInputType, excerpt
from clararules.core.money import Rounding
from clararules.core.months import Month
from clararules.core.parameters import Parameters, resolve
from clararules.core.tax import tax_on
from clararules.domains.names import as_domain
from clararules.domains.timeline import (
    PaymentMethod,
    check_payment,
    contract_end_of,
    expiry_of,
)

__all__ = ["quote_cancellations", "renewal_timelines"]

Columns = Mapping[str, Sequence[Any]]
T = TypeVar("T")

_QUOTE_REQUIRED = ("monthly_fee", "activated_on", "minimum_term_months", "received_at")
_QUOTE_OPTIONAL = ("service", "special_agreement_term_months", "desired_month")
_TIMELINE_REQUIRED = ("domain", "registry_expiry")
_TIMELINE_OPTIONAL = ("payment", "domain_only")


def _columns(
    book: Any, required: Sequence[str], optional: Sequence[str]
) -> tuple[dict[str, Sequence[Any]], int, bool]:
    is_arrow = hasattr(book, "to_pydict") and hasattr(book, "num_rows")
    data = book.to_pydict() if is_arrow else book
    if not isinstance(data, Mapping):
        raise InvalidInputType(
            f"expected a mapping of column name to values, or a pyarrow Table; got "
            f"{type(book).__name__}"
        )
    accepted = (*required, *optional)
    unknown = [str(name) for name in data if name not in accepted]
    if unknown:
        raise InvalidInput(
            f"unknown column {excerpt(', '.join(unknown))[1:-1]}; accepted: "
            f"{', '.join(accepted)} (required: {', '.join(required)})"
        )
    missing = [name for name in required if name not in data]
    if missing:
        raise InvalidInput(f"missing column {', '.join(missing)}; required: {', '.join(required)}")
    lengths = {}
    for name, values in data.items():
        if isinstance(values, str | bytes) or not isinstance(values, Sequence):
            raise InvalidInputType(
                f"column {name} must be a sequence of values (a list), got {type(values).__name__}"
            )
        lengths[name] = len(values)
    if len(set(lengths.values())) > 1:
        raise InvalidInput(f"columns must have equal lengths, got {excerpt(lengths, 200)}")
    rows = next(iter(lengths.values()), 0)
    return dict(data), rows, is_arrow


def _result(columns: dict[str, list[Any]], as_arrow: bool) -> Any:
    if not as_arrow:
        return columns
    import pyarrow as pa  # optional: only when a pyarrow Table came in

    return pa.table(columns)


def _optional(data: Mapping[str, Sequence[Any]], name: str, rows: int) -> Sequence[Any]:
    values = data.get(name)
    return values if values is not None else [None] * rows


def _memo(convert: Callable[[Any], T]) -> Callable[[Any], T]:
    """``convert`` with a memory of the values it accepted, keyed by type and value (so that
    ``True`` is never taken for a ``1`` it has seen); unhashable values are converted each time."""
    seen: dict[tuple[type, Any], T] = {}

    def converted(value: Any) -> T:
        try:
            key = (type(value), value)
            return seen[key]
        except KeyError:
            result = seen[key] = convert(value)
            return result
        except TypeError:  # unhashable
            return convert(value)

    return converted


def _arrival_month(value: Any) -> Month:
    arrived = check.instant(value, "received_at")
    return Month(arrived.year, arrived.month)


def _desired_month(value: Any) -> Month | None:
    return check.optional_month(value, "desired_month")


def _row_error(index: int, error: ClaraRulesError) -> ClaraRulesError:
    return error.at_row(index)


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
    """
    data, rows, as_arrow = _columns(book, _QUOTE_REQUIRED, _QUOTE_OPTIONAL)
    mode = check.member(rounding, Rounding, "rounding")
    rates = resolve(parameters).consumption_tax_rate
    fees, activated, terms, received = (data[name] for name in _QUOTE_REQUIRED)
    services = _optional(data, "service", rows)
    special_col = _optional(data, "special_agreement_term_months", rows)
    desired_col = _optional(data, "desired_month", rows)
    names = (
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
    out: dict[str, list[Any]] = {key: [] for key in names}
    columns = [out[key] for key in names]
    # Each cell through the door of the Contract field or quote_cancellation argument of the same
    # name, in the order they convert; a value seen before in a column is not converted again.
    service_of = _memo(contract_fields._service)
    fee_of = _memo(contract_fields._monthly_fee)
    activated_of = _memo(contract_fields._activated_on)
    term_of = _memo(contract_fields._minimum_term_months)
    special_of = _memo(contract_fields._special_agreement_term_months)
    arrival_of = _memo(_arrival_month)
    desired_of = _memo(_desired_month)
    rate_of: dict[Month, Any] = {}
    for i in range(rows):
        try:
            service = services[i]
            if service is not None:
                service_of(service)
            fee = fee_of(fees[i])
            activated_on = activated_of(activated[i])
            term = term_of(terms[i])
            special = special_of(special_col[i])
            if special is not None:
                term = special
            month, shifted = month_of_cancellation(
                arrival_of(received[i]), desired_of(desired_col[i])
            )
            start, used, short = term_usage(activated_on, term, month)
            amount = fee.amount * short
            effective = month.last_day
            rate = rate_of.get(month)
            if rate is None:
                rate = rate_of[month] = rates.at(effective).value
            tax = tax_on(amount, rate, mode).amount if amount else 0
        except ClaraRulesError as error:
            raise _row_error(i, error) from None
        row = (
            str(month),
            effective,
            shifted,
            str(start),
            str(start + (term - 1)),
            used,
            short,
            amount,
            amount + tax,
        )
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    return _result(out, as_arrow)


def renewal_timelines(book: Any, *, parameters: Parameters | None = None) -> Any:
    """D1-D6 for a book of domains, as columns.

    Columns in: ``domain`` (str or DomainName), ``registry_expiry`` (a date, an aware datetime
    or an ISO string), and optionally ``payment`` (a PaymentMethod or its value) and
    ``domain_only`` (bool), each accepted or refused exactly as the argument of the same name
    of ``renewal_timeline``.  Columns out: ``contract_end``, ``order_window_first``,
    ``order_window_last``, ``fee_notice_on``, ``reminders`` (a tuple of dates, ascending) and
    ``pay_by``.  The figures are ``parameters``' (the defaults unless given), each looked up
    on the row's own date as ``renewal_timeline`` does.

    >>> import datetime as dt
    >>> out = renewal_timelines({"domain": ["example.jp", "example.com"],
    ...                          "registry_expiry": [dt.date(2027, 3, 31), dt.date(2027, 3, 10)]})
    >>> out["contract_end"], out["order_window_first"]
    ([Date(2027, 3, 24), Date(2027, 3, 10)], [Date(2027, 2, 2), Date(2027, 1, 19)])
    """
    data, rows, as_arrow = _columns(book, _TIMELINE_REQUIRED, _TIMELINE_OPTIONAL)
    params = resolve(parameters)
    payments = _optional(data, "payment", rows)
    domain_only = _optional(data, "domain_only", rows)
    names, expiries = data["domain"], data["registry_expiry"]
    out: dict[str, list[Any]] = {
        key: []
        for key in (
            "contract_end",
            "order_window_first",
            "order_window_last",
            "fee_notice_on",
            "reminders",
            "pay_by",
        )
    }
    by_end: dict[int, tuple[Any, ...]] = {}
    card = PaymentMethod.CREDIT_CARD
    for i in range(rows):
        try:
            # The order of renewal_timeline's own checks, so that the first refusal matches.
            name = as_domain(names[i])
            payment = payments[i]
            method = card if payment is None else check.member(payment, PaymentMethod, "payment")
            only = domain_only[i]
            check_payment(method, False if only is None else check.flag(only, "domain_only"))
            end = contract_end_of(name, expiry_of(name, expiries[i]), params)
            key = end.toordinal()
            dates = by_end.get(key)
            if dates is None:
                first_days, last_days = params.order_window_days.at(end).value
                dates = by_end[key] = (
                    end,
                    add_days(end, -first_days),
                    add_days(end, -last_days),
                    add_days(end, -params.fee_notice_days.at(end).value),
                    tuple(add_days(end, -days) for days in params.reminder_days.at(end).value),
                )
        except ClaraRulesError as error:
            raise _row_error(i, error) from None
        out["contract_end"].append(dates[0])
        out["order_window_first"].append(dates[1])
        out["order_window_last"].append(dates[2])
        out["fee_notice_on"].append(dates[3])
        out["reminders"].append(dates[4])
        out["pay_by"].append(dates[0])
    return _result(out, as_arrow)
