"""The vector path of :func:`~clararules.quote_cancellations` (C2-C6, G1, G3) on numpy columns.

Each input column is first read into an int64 array and a mask of the cells the vector path
can take: int columns (fees, terms), date and aware-timestamp columns (JST days and months,
G1) are read with array operations; any other column is read cell by cell (each *distinct*
value once) through the same input door as the scalar functions.  A cell the door refuses, or
whose row would leave the range the arithmetic below is exact for, sends its whole row to the
scalar rules (``batch.py``), which compute it, or raise its refusal, exactly as before.  The
rows' figures are then the rule functions' formulas in numpy arithmetic:

* C2-C4 (``month_of_cancellation``): the cancellation month is the month after the arrival
  month (C4), or the desired month when it is not earlier (C2), else moved (C3).
* C5-C6 (``term_usage``): the term starts the month after activation (C5, C12); the months
  used run from there through the cancellation month; the charge is the fee times the months
  short; a cancellation month before the activation month is refused (scalar path).
* G3 (``tax_on``): the rate in force on the effective date (the cancellation month's last
  day), looked up by ``searchsorted`` over the parameter's ``since`` dates, the tax rounded
  once in the chosen mode.

numpy is imported by the functions here, never at ``import clararules``.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, Final

from clararules.contracts import cancellation as contract_fields
from clararules.core import door as check
from clararules.core.dated import Parameter
from clararules.core.money import MAX_INPUT_YEN, Rounding
from clararules.core.months import Month

Array = Any  # a numpy array (numpy is optional: imported when a book is quoted)

_EPOCH: Final = _dt.date(1970, 1, 1).toordinal()
_MIN_DAY: Final = _dt.date.min.toordinal() - _EPOCH
_MAX_DAY: Final = _dt.date.max.toordinal() - _EPOCH
_MIN_MONTH: Final = Month(1, 1).index
_MAX_MONTH: Final = Month(9999, 12).index
_UNIX_MONTH: Final = Month(1970, 1).index
_REFUSED: Final = -(2**62)
"""The value of a cell the door refused (its row takes the scalar path)."""
REFUSED: Final = _REFUSED
EPOCH: Final = _EPOCH
"""The ordinal of 1970-01-01: days are counted from it, as numpy's datetime64[D] counts."""
_NOT_GIVEN: Final = -1
"""The value of an optional cell that was not given."""
_TERM_LIMIT: Final = 1200  # door.whole's default range, 0..1200 months


def numpy() -> Any:
    """numpy, or ``None`` when it is not installed (the scalar path then takes every row)."""
    try:
        return importlib.import_module("numpy")
    except ImportError:
        return None


# ---------------------------------------------------------------- cells, through the door


def _fee(value: Any) -> int:
    return contract_fields._monthly_fee(value).amount


def _day(value: Any) -> int:
    return contract_fields._activated_on(value).toordinal() - _EPOCH


def _term(value: Any) -> int:
    return contract_fields._minimum_term_months(value)


def _special(value: Any) -> int:
    special = contract_fields._special_agreement_term_months(value)
    return _NOT_GIVEN if special is None else special


def _arrival(value: Any) -> int:
    arrived = check.instant(value, "received_at")  # G1: the JST instant
    return arrived.year * 12 + arrived.month - 1


def _desired(value: Any) -> int:
    desired = check.optional_month(value, "desired_month")
    return _NOT_GIVEN if desired is None else desired.index


def _service(value: Any) -> int:
    if value is not None:
        contract_fields._service(value)
    return 0


def _cells(values: Sequence[Any], convert: Callable[[Any], int]) -> Array:
    """``values`` through ``convert`` (each distinct value once), ``_REFUSED`` where refused."""
    np = numpy()
    seen: dict[tuple[type, Any], int] = {}
    out = []
    for value in values:
        try:
            key = (type(value), value)
            result = seen[key]
        except KeyError:
            try:
                result = convert(value)
            except Exception:  # refused: the scalar path raises it, as the scalar function
                result = _REFUSED
            seen[key] = result
        except TypeError:  # unhashable
            try:
                result = convert(value)
            except Exception:
                result = _REFUSED
        out.append(result)
    return np.array(out, dtype=np.int64)


# ---------------------------------------------------------------- Arrow columns


def _arrow_cells(array: Any, convert: Callable[[Any], int]) -> Array:
    """Any Arrow column, each distinct value through the door once (nulls as ``None``)."""
    np, pa = numpy(), importlib.import_module("pyarrow")
    try:
        encoded = array.dictionary_encode()
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid, pa.ArrowTypeError):
        return _cells(array.to_pylist(), convert)
    uniques = [*encoded.dictionary.to_pylist(), None]
    table = _cells(uniques, convert)
    indices = encoded.indices.fill_null(len(uniques) - 1).to_numpy(zero_copy_only=False)
    return table[indices.astype(np.intp)]


def _arrow_ints(array: Any, null: int, high: int) -> Array | None:
    """An Arrow integer column as int64 (nulls as ``null``), or ``None`` for another type."""
    np, pa = numpy(), importlib.import_module("pyarrow")
    kind = array.type
    if not pa.types.is_integer(kind) or kind == pa.uint64():
        return None
    values = array.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64, copy=True)
    values[(values < 0) | (values > high)] = _REFUSED  # door.yen, door.whole: the range
    if array.null_count:
        values[array.is_null().to_numpy(zero_copy_only=False)] = null
    return values


def _arrow_days(array: Any) -> Array | None:
    """G1: the JST day (days since 1970-01-01) of an Arrow date or aware-timestamp column, or
    ``None`` for another type; nulls as ``_REFUSED``."""
    np, pa = numpy(), importlib.import_module("pyarrow")
    kind = array.type
    if pa.types.is_date32(kind):
        days = array.cast(pa.int32()).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    elif pa.types.is_date64(kind):
        millis = array.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
        days = np.floor_divide(millis, 86_400_000)
    elif pa.types.is_timestamp(kind) and kind.tz is not None:
        per_second = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[kind.unit]
        ticks = array.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
        # G1: JST is UTC+9 for every instant; the stored value is UTC.
        days = np.floor_divide(ticks + 9 * 3600 * per_second, 86_400 * per_second)
    else:
        return None
    if array.null_count:
        days[array.is_null().to_numpy(zero_copy_only=False)] = _REFUSED
    return days


def _by_table(values: Array, convert: Callable[[Array], Array]) -> Array:
    """``convert`` of each value, made once per distinct value in the range of ``values`` and
    gathered, when that range is small (it is in any real book: days of a few years)."""
    np = numpy()
    if not len(values):
        return values.copy()
    low, high = int(values.min()), int(values.max())
    if high - low > 2 * len(values) + 4096:
        return convert(values)
    table = convert(np.arange(low, high + 1, dtype=np.int64))
    return table[values - low]


def _days_to_months(days: Array) -> Array:
    np = numpy()
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) + _UNIX_MONTH


def _months_of_days(days: Array) -> Array:
    """The Month index of days since 1970-01-01 (``_REFUSED`` kept)."""
    np = numpy()
    bad = (days < _MIN_DAY) | (days > _MAX_DAY)
    if bad.any():
        return np.where(bad, _REFUSED, _by_table(np.where(bad, 0, days), _days_to_months))
    return _by_table(days, _days_to_months)


def read_column(column: Any, kind: str, rows: int) -> Array:
    """Column ``kind`` of the book (an Arrow array, a sequence of cells, or ``None`` for an
    optional column not given) as int64 values."""
    np = numpy()
    if column is None:
        return np.full(rows, _NOT_GIVEN if kind != "service" else 0, dtype=np.int64)
    converts: dict[str, Callable[[Any], int]] = {
        "monthly_fee": _fee,
        "activated_on": _day,
        "minimum_term_months": _term,
        "special_agreement_term_months": _special,
        "received_at": _arrival,
        "desired_month": _desired,
        "service": _service,
    }
    convert = converts[kind]
    if isinstance(column, Sequence):
        return _cells(column, convert)
    values: Array | None = None
    if kind in ("monthly_fee", "minimum_term_months", "special_agreement_term_months"):
        high = MAX_INPUT_YEN if kind == "monthly_fee" else _TERM_LIMIT
        null = _NOT_GIVEN if kind == "special_agreement_term_months" else _REFUSED
        values = _arrow_ints(column, null, high)
    elif kind in ("activated_on", "received_at"):
        days = _arrow_days(column)
        if days is not None:
            bad = (days < _MIN_DAY) | (days > _MAX_DAY)
            values = np.where(bad, _REFUSED, days)
            if kind == "received_at":
                values = _months_of_days(values)
    return _arrow_cells(column, convert) if values is None else values


def read_days(column: Any, convert: Callable[[Any], int]) -> Array:
    """A column of days (an Arrow array or a sequence of cells) as days since 1970-01-01:
    Arrow date and aware-timestamp columns by array operations (G1: the JST day), any other
    column each distinct value through ``convert`` (the door); ``REFUSED`` where refused."""
    np = numpy()
    if isinstance(column, Sequence):
        return _cells(column, convert)
    days = _arrow_days(column)
    if days is None:
        return _arrow_cells(column, convert)
    return np.where((days < _MIN_DAY) | (days > _MAX_DAY), _REFUSED, days)


def months_of_days(days: Array) -> Array:
    """The Month index of each day since 1970-01-01 (G1 days; ``REFUSED`` kept)."""
    return _months_of_days(days)


# ---------------------------------------------------------------- the rows, in numpy


def tax_table(rates: Parameter[Fraction]) -> tuple[Array, Array, Array]:
    """G3: the rate history as arrays: ``since`` (days since 1970-01-01), numerators and
    denominators, oldest first (searchsorted on ``since`` finds the rate in force)."""
    np = numpy()
    sinces = np.array([e.since.toordinal() - _EPOCH for e in rates.history], dtype=np.int64)
    fractions = [Fraction(e.value) for e in rates.history]
    numerators = np.array([f.numerator for f in fractions], dtype=np.int64)
    denominators = np.array([f.denominator for f in fractions], dtype=np.int64)
    return sinces, numerators, denominators


def _last_days(months: Array) -> Array:
    np = numpy()
    following = (months - _UNIX_MONTH + 1).astype("datetime64[M]")
    return following.astype("datetime64[D]").astype(np.int64) - 1


def last_days(months: Array) -> Array:
    """C2: the last day (days since 1970-01-01) of each Month index."""
    return _by_table(months, _last_days)


def quote_rows(
    columns: dict[str, Array], mode: Rounding, rates: Parameter[Fraction]
) -> tuple[dict[str, Array], Array]:
    """C2-C6 and G3 on every row at once: the figures, and the mask of the rows the vector
    path could not take (they are left for the scalar rules)."""
    np = numpy()
    fee = columns["monthly_fee"]
    activation_day = columns["activated_on"]
    term = columns["minimum_term_months"]
    special = columns["special_agreement_term_months"]
    arrival = columns["received_at"]
    desired = columns["desired_month"]
    scalar = np.zeros(len(fee), dtype=bool)
    for values in columns.values():
        if len(values) and values.min() == _REFUSED:  # the least value: one reduction to know
            scalar |= values == _REFUSED
    # C5: a special agreement's term overrides the price list's.
    term = np.where(special >= 0, special, term)
    # C2-C4: the month after the arrival month, or the desired month if not earlier (C3).
    earliest = arrival + 1
    given = desired >= 0
    shifted = given & (desired < earliest)
    month = np.where(given & ~shifted, desired, earliest)
    # C5-C6, C12: the term starts the month after the activation month.
    activation_month = _months_of_days(activation_day)
    start = activation_month + 1
    scalar |= month < activation_month  # C6: refused, as term_usage refuses it
    used = np.where(month < start, 0, month - start + 1)
    short = np.maximum(0, term - used)
    end = start + term - 1
    for months in (earliest, month, start, end):  # Month's range, else Month refuses (scalar)
        if len(months) and (months.min() < _MIN_MONTH or months.max() > _MAX_MONTH):
            scalar |= (months < _MIN_MONTH) | (months > _MAX_MONTH)
    month = np.where(scalar, _UNIX_MONTH, month)
    amount = np.where(scalar, 0, fee * short)
    # G3: the rate in force on the effective date (the month's last day), rounded once.
    effective = last_days(month)
    sinces, numerators, denominators = tax_table(rates)
    entry = np.searchsorted(sinces, effective, side="right") - 1
    scalar |= entry < 0  # before the first rate: ParameterNotInForce (scalar)
    entry = np.maximum(entry, 0)
    numerator, denominator = numerators[entry], denominators[entry]
    scalar |= amount > (2**63 - 1) // np.maximum(numerator, 1)  # beyond int64: exact in Python
    amount = np.where(scalar, 0, amount)
    whole, rest = np.divmod(amount * numerator, denominator)
    if mode is Rounding.UP:
        whole += rest > 0
    elif mode is Rounding.HALF_UP:
        whole += 2 * rest >= denominator
    figures = {
        "month": month,
        "shifted": shifted,
        "term_start": start,
        "term_end": end,
        "months_used": used,
        "months_short": short,
        "amount": amount,
        "amount_with_tax": amount + whole,
    }
    return figures, scalar
