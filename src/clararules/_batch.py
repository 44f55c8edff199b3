"""Batch evaluation: a whole book of contracts or domains as columns, in one call.

The input is a mapping of equal-length columns (a ``dict`` of lists, or anything with
``to_pydict()`` such as a ``pyarrow.Table``); the output is a ``dict`` of lists (a
``pyarrow.Table`` when the input was one).  Each row gives exactly the figures of the scalar
function (the tests compare them row by row); explanations are left out for speed — call the
scalar function for a row whose explanation you want to show.

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
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pendulum

from ._calendar import Month, _days_in_month, to_jst
from ._domain_names import _ZONES, DomainName, _plain_ascii, as_domain
from ._domains import (
    FEE_NOTICE_DAYS,
    JP_CONTRACT_END_DAYS,
    ORDER_WINDOW_DAYS,
    REMINDER_DAYS,
    PaymentMethod,
    check_payment,
    not_month_end,
)
from ._errors import (
    ClaraRulesError,
    InvalidInput,
    InvalidInputType,
    NaiveDateTimeError,
)
from ._money import Rounding, Yen
from ._parameters import Parameters, resolve

__all__ = ["quote_cancellations", "renewal_timelines"]

Columns = Mapping[str, Sequence[Any]]

_PLUS_9 = _dt.timezone(_dt.timedelta(hours=9))


def _columns(book: Any, required: Sequence[str]) -> tuple[dict[str, Sequence[Any]], int, bool]:
    is_arrow = hasattr(book, "to_pydict") and hasattr(book, "num_rows")
    data = book.to_pydict() if is_arrow else book
    if not isinstance(data, Mapping):
        raise InvalidInputType(
            f"expected a mapping of column name to values, or a pyarrow Table; got "
            f"{type(book).__name__}"
        )
    missing = [name for name in required if name not in data]
    if missing:
        raise InvalidInput(
            f"missing column(s): {', '.join(missing)}; required: {', '.join(required)}"
        )
    lengths = {name: len(values) for name, values in data.items()}
    if len(set(lengths.values())) > 1:
        raise InvalidInput(f"columns must have equal lengths, got {lengths}")
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


def _row_error(index: int, error: ClaraRulesError) -> ClaraRulesError:
    return type(error)(f"row {index}: {error}")


_LAST_DAY: dict[int, pendulum.Date] = {}


def _last_day(index: int) -> pendulum.Date:
    day = _LAST_DAY.get(index)
    if day is None:
        year, month0 = divmod(index, 12)
        Month(year, month0 + 1)  # validates the range
        day = pendulum.Date(year, month0 + 1, calendar.monthrange(year, month0 + 1)[1])
        _LAST_DAY[index] = day
    return day


_MONTH_INDEX: dict[str, int] = {}
_MONTH_TEXT: dict[int, str] = {}


def _month_index(value: Any) -> int:
    if isinstance(value, str):
        index = _MONTH_INDEX.get(value)
        if index is None:
            index = _MONTH_INDEX[value] = Month.parse(value).index
        return index
    if isinstance(value, Month):
        return value.index
    raise InvalidInputType(f"desired_month must be a Month, 'YYYY-MM' or None, got {value!r}")


def _month_text(index: int) -> str:
    text = _MONTH_TEXT.get(index)
    if text is None:
        text = _MONTH_TEXT[index] = str(Month.from_index(index))
    return text


def _arrival_index(value: Any) -> int:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDateTimeError(
                f"received_at {value.isoformat()} has no time zone; give an aware datetime"
            )
        local = value.astimezone(_PLUS_9)
        if local.year < 1952:
            local = to_jst(value)
        return local.year * 12 + local.month - 1
    if isinstance(value, _dt.date):
        return value.year * 12 + value.month - 1
    raise InvalidInputType(f"received_at must be an aware datetime or a date, got {value!r}")


def _whole(value: Any, name: str) -> int:
    if isinstance(value, Yen):
        value = value.amount
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputType(f"{name} must be a whole number (int), got {value!r}")
    if value < 0:
        raise InvalidInput(f"{name} must not be negative, got {value}")
    return value


def _tax_function(rounding: Rounding) -> Callable[[int, int, int], int]:
    if rounding is Rounding.DOWN:
        return lambda amount, num, den: amount * num // den
    if rounding is Rounding.UP:
        return lambda amount, num, den: -(-amount * num // den)
    if rounding is Rounding.HALF_UP:
        return lambda amount, num, den: (2 * amount * num + den) // (2 * den)
    raise InvalidInput(f"rounding must be a Rounding (DOWN, HALF_UP, UP), got {rounding!r}")


def quote_cancellations(
    book: Any, rounding: Rounding = Rounding.DOWN, parameters: Parameters | None = None
) -> Any:
    """C2-C6 for a book of contracts, as columns (see the module docstring).

    Columns in: ``monthly_fee`` (int yen or Yen), ``activated_on`` (date),
    ``minimum_term_months`` (int), ``received_at`` (aware datetime or date), and optionally
    ``desired_month`` ('YYYY-MM', Month or None) and ``special_agreement_term_months``.
    Columns out: ``month``, ``effective_on``, ``shifted``, ``term_start``, ``term_end``,
    ``months_used``, ``months_short``, ``amount``, ``amount_with_tax`` (yen as ints, months as
    'YYYY-MM').  A bad row raises the scalar function's error, prefixed with its row number.
    """
    data, rows, as_arrow = _columns(
        book, ("monthly_fee", "activated_on", "minimum_term_months", "received_at")
    )
    tax_of = _tax_function(rounding)
    rates = resolve(parameters).consumption_tax_rate
    rate_by_month: dict[int, tuple[int, int]] = {}
    fees, activated, terms, received = (
        data["monthly_fee"],
        data["activated_on"],
        data["minimum_term_months"],
        data["received_at"],
    )
    desired_col = _optional(data, "desired_month", rows)
    special_col = _optional(data, "special_agreement_term_months", rows)
    out: dict[str, list[Any]] = {
        key: []
        for key in (
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
    }
    for i in range(rows):
        try:
            fee = _whole(fees[i], "monthly_fee")
            special = special_col[i]
            term = _whole(terms[i] if special is None else special, "minimum term")
            if term > 1200:
                raise InvalidInput(f"minimum term must be in 0..1200, got {term}")
            act = activated[i]
            if not isinstance(act, _dt.date) or isinstance(act, _dt.datetime):
                raise InvalidInputType(f"activated_on must be a date, got {act!r}")
            arrival = _arrival_index(received[i])
            desired = desired_col[i]
            want = None if desired is None else _month_index(desired)
            month = want if want is not None and want > arrival else arrival + 1
            act_index = act.year * 12 + act.month - 1
            if month < act_index:
                raise InvalidInput(
                    f"cancellation month {Month.from_index(month)} is before the activation "
                    f"month {Month.from_index(act_index)}"
                )
            start = act_index + 1
            used = 0 if month < start else month - start + 1
            short = term - used if term > used else 0
            amount = fee * short
            effective = _last_day(month)
            rate = rate_by_month.get(month)
            if rate is None:
                value = rates.at(effective).value
                rate = (value.numerator, value.denominator)
                rate_by_month[month] = rate
        except ClaraRulesError as error:
            raise _row_error(i, error) from None
        out["month"].append(_month_text(month))
        out["effective_on"].append(effective)
        out["shifted"].append(want is not None and want <= arrival)
        out["term_start"].append(_month_text(start))
        out["term_end"].append(_month_text(start + term - 1))
        out["months_used"].append(used)
        out["months_short"].append(short)
        out["amount"].append(amount)
        out["amount_with_tax"].append(amount + tax_of(amount, *rate) if amount else 0)
    return _result(out, as_arrow)


def _is_jp(value: Any) -> bool:
    """Whether a domain is a .jp kind, validating it exactly as ``DomainName.parse`` does."""
    if isinstance(value, str):
        plain = _plain_ascii(value)
        if plain is not None:
            labels = plain.rsplit(".", 2)
            if labels[-1] != "jp":
                return False
            if len(labels) == 2 and labels[0] in _ZONES:
                DomainName.parse(value)  # raises the same refusal as the scalar path
            return True
    return as_domain(value).kind.is_jp


def renewal_timelines(book: Any) -> Any:
    """D1-D6 for a book of domains, as columns.

    Columns in: ``domain`` (str or DomainName), ``registry_expiry`` (date), and optionally
    ``payment`` (a PaymentMethod value) and ``domain_only`` (bool).  Columns out:
    ``contract_end``, ``order_window_first``, ``order_window_last``, ``fee_notice_on``,
    ``reminders`` (a tuple of dates, ascending) and ``pay_by``.

    >>> import datetime as dt
    >>> out = renewal_timelines({"domain": ["example.jp", "example.com"],
    ...                          "registry_expiry": [dt.date(2027, 3, 31), dt.date(2027, 3, 10)]})
    >>> out["contract_end"], out["order_window_first"]
    ([Date(2027, 3, 24), Date(2027, 3, 10)], [Date(2027, 2, 2), Date(2027, 1, 19)])
    """
    data, rows, as_arrow = _columns(book, ("domain", "registry_expiry"))
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
    by_end: dict[int, tuple[pendulum.Date, ...]] = {}
    from_ordinal = pendulum.Date.fromordinal
    card = PaymentMethod.CREDIT_CARD
    for i in range(rows):
        try:
            is_jp = _is_jp(names[i])
            expiry = expiries[i]
            if not isinstance(expiry, _dt.date) or isinstance(expiry, _dt.datetime):
                raise InvalidInputType(f"registry expiry must be a date, got {expiry!r}")
            payment = payments[i]
            method = card if payment is None else PaymentMethod(payment)
            check_payment(method, bool(domain_only[i]))
            end = expiry.toordinal()
            if is_jp:
                if expiry.day != _days_in_month(expiry.year, expiry.month):
                    raise not_month_end(as_domain(names[i]), expiry)
                end -= JP_CONTRACT_END_DAYS
        except ValueError as error:
            if not isinstance(error, ClaraRulesError):
                error = InvalidInput(str(error))
            raise _row_error(i, error) from None
        dates = by_end.get(end)
        if dates is None:
            dates = by_end[end] = (
                from_ordinal(end),
                from_ordinal(end - ORDER_WINDOW_DAYS[0]),
                from_ordinal(end - ORDER_WINDOW_DAYS[1]),
                from_ordinal(end - FEE_NOTICE_DAYS),
                *(from_ordinal(end - days) for days in REMINDER_DAYS),
            )
        out["contract_end"].append(dates[0])
        out["order_window_first"].append(dates[1])
        out["order_window_last"].append(dates[2])
        out["fee_notice_on"].append(dates[3])
        out["reminders"].append(dates[4:])
        out["pay_by"].append(dates[0])
    return _result(out, as_arrow)
