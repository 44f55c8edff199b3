"""The vector path of quote_cancellations (C2-C6, G1, G3) agrees with the scalar rules row by
row, for a dict of lists, a pyarrow Table and a pandas DataFrame, and counts the rows it leaves
to the scalar rules (``fallback_rows``)."""

import datetime as dt
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clararules import (
    ClaraRulesError,
    Contract,
    Parameters,
    Rounding,
    Yen,
    quote_cancellation,
    quote_cancellations,
)

from ..strategies import arrow_instants, months, pdates

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

_OUT = (
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

_odd = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False, width=16),
    st.integers(-5, 10**13),
    st.sampled_from(["", "2026-12", "2026-12-01", "2026-12-01T09:00", "12/01/2026"]),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 1, 1)),
)


def _cell(valid, odd_weight):
    return st.one_of(valid, _odd) if odd_weight else valid


def _rows(odd):
    return st.fixed_dictionaries(
        {
            "monthly_fee": _cell(st.integers(0, 10**6) | st.integers(0, 10**6).map(Yen), odd),
            "activated_on": _cell(pdates | pdates.map(str), odd),
            "minimum_term_months": _cell(st.integers(0, 60), odd),
            "received_at": _cell(arrow_instants | pdates.map(str), odd),
            "desired_month": _cell(st.none() | months | months.map(str), odd),
            "special_agreement_term_months": _cell(st.none() | st.integers(0, 60), odd),
            "service": _cell(st.none() | st.sampled_from(["Flex Web", "専用サーバ"]), odd),
        }
    )


# G3: the default rates, a new rate from a drawn date, or a rate whose numerator overflows
# int64 arithmetic for large charges (those rows take the scalar path, exactly).
parameters = st.one_of(
    st.none(),
    st.builds(
        lambda since, rate: Parameters().with_tax_rate(since, rate),
        pdates,
        st.fractions(0, Fraction(1, 2), max_denominator=1000),
    ),
    st.builds(
        lambda since: Parameters().with_tax_rate(since, Fraction(10**12 - 1, 10**13)), pdates
    ),
)


def _scalar(row, rounding, params):
    """The scalar quote's figures for one row, or its refusal (type and row-0 message)."""
    try:
        contract = Contract(
            "batch" if row["service"] is None else row["service"],  # None: not given
            row["monthly_fee"],
            row["activated_on"],
            row["minimum_term_months"],
            special_agreement_term_months=row["special_agreement_term_months"],
        )
        q = quote_cancellation(
            contract, row["received_at"], row["desired_month"], rounding, params
        )
    except ClaraRulesError as error:
        return type(error), str(error)
    return (
        str(q.date.month),
        q.date.effective_on,
        q.date.shifted,
        str(q.charge.term_start),
        str(q.charge.term_end),
        q.charge.months_used,
        q.charge.months_short,
        q.charge.amount.amount,
        q.charge.amount_with_tax.amount,
    )


def _check(book_rows, out_rows, outcome, expected, fallback_rows):
    """Every row equals the scalar figures; or the first refused row's refusal is raised."""
    refused = [i for i, e in enumerate(expected) if isinstance(e[0], type)]
    if refused:
        assert outcome is not None, "a refused row was not refused"
        kind, message = outcome
        assert kind is expected[refused[0]][0]
        assert message == f"row {refused[0]}: {expected[refused[0]][1]}"
        return
    assert outcome is None
    assert len(out_rows) == len(book_rows)
    for row, want in zip(out_rows, expected, strict=True):
        assert row == want
    assert 0 <= fallback_rows <= len(book_rows)


def _run(book, rounding, params):
    try:
        return quote_cancellations(book, rounding, params), None
    except ClaraRulesError as error:
        return None, (type(error), str(error))


def _dict_rows(out):
    return [tuple(out[name][i] for name in _OUT) for i in range(len(out["month"]))]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_rows(odd=False), min_size=1, max_size=12)
    | st.lists(_rows(odd=True), min_size=1, max_size=6),
    st.sampled_from(list(Rounding)),
    parameters,
)
def test_vector_quotes_agree_with_scalar_row_by_row(rows, rounding, params):
    """C2-C6, G3: a dict book, the same book as a DataFrame (object columns: each cell as
    given) and as a pyarrow Table (cells as Arrow gives them back) equal the scalar quote of
    every row, in every rounding mode and with other tax rates; a book with a refused cell
    raises the first refused row's scalar refusal."""
    names = list(rows[0])
    book = {name: [r[name] for r in rows] for name in names}
    expected = [_scalar(r, rounding, params) for r in rows]

    out, outcome = _run(book, rounding, params)
    _check(rows, [] if out is None else _dict_rows(out), outcome, expected, _fallback(out))

    frame = pd.DataFrame({name: pd.Series(book[name], dtype=object) for name in names})
    out, outcome = _run(frame, rounding, params)
    got = [] if out is None else [tuple(r) for r in out[list(_OUT)].itertuples(index=False)]
    _check(rows, got, outcome, expected, _fallback(out))

    try:
        table = pa.table(book)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return  # mixed cells Arrow cannot hold in one column
    cells = table.to_pylist()  # what Arrow gives back, as the scalar function receives it
    expected = [_scalar(r, rounding, params) for r in cells]
    out, outcome = _run(table, rounding, params)
    got = [] if out is None else [tuple(r.values()) for r in out.to_pylist()]
    _check(cells, got, outcome, expected, _fallback(out))


def _fallback(out):
    if out is None:
        return 0
    if isinstance(out, dict):
        return out.fallback_rows
    if isinstance(out, pa.Table):
        return int(out.schema.metadata[b"clararules.fallback_rows"])
    return out.attrs["fallback_rows"]


def _book(rows=4):
    return {
        "monthly_fee": [5000] * rows,
        "activated_on": [dt.date(2026, 4, 15)] * rows,
        "minimum_term_months": [12] * rows,
        "received_at": [dt.datetime(2026, 11, 30, 14, 59, tzinfo=dt.UTC)] * rows,
    }


def test_fallback_rows_are_counted_for_each_output_kind():
    """G3: rows whose tax would overflow int64 arithmetic take the scalar path, and each kind
    of output says how many (dict: ``.fallback_rows``; Arrow: schema metadata; pandas:
    ``attrs``), with the same figures as the scalar quote."""
    params = Parameters().with_tax_rate(pendulum.Date(2026, 10, 1), Fraction(10**12 - 1, 10**13))
    book = {**_book(), "monthly_fee": [5000, 10**9, 10**9, 1]}
    out = quote_cancellations(book, parameters=params)
    assert out.fallback_rows == 2
    contract = Contract("x", Yen(10**9), dt.date(2026, 4, 15), 12)
    quote = quote_cancellation(contract, book["received_at"][1], parameters=params)
    assert out["amount_with_tax"][1] == quote.charge.amount_with_tax.amount
    table = quote_cancellations(pa.table(book), parameters=params)
    assert table.schema.metadata[b"clararules.fallback_rows"] == b"2"
    assert table.column("amount_with_tax").to_pylist() == out["amount_with_tax"]
    frame = quote_cancellations(pd.DataFrame(book), parameters=params)
    assert frame.attrs["fallback_rows"] == 2
    assert frame["amount_with_tax"].tolist() == out["amount_with_tax"]
    assert quote_cancellations(_book()).fallback_rows == 0


def test_typed_columns_take_the_vector_path():
    """G1: date32 and aware-timestamp Arrow columns, int64 columns and Arrow-backed pandas
    columns are read by array operations (no fallback), JST days and months included."""
    instants = pa.array(
        [
            dt.datetime(2026, 11, 30, 14, 59),
            dt.datetime(2026, 11, 30, 15, 0),
            dt.datetime(2026, 3, 2, 15, 0),  # 2026-03-03 00:00 JST
        ],
        type=pa.timestamp("ns", tz="UTC"),
    )
    table = pa.table(
        {
            "monthly_fee": pa.array([5000, 5000, 1200], type=pa.int32()),
            "activated_on": pa.array([dt.date(2026, 4, 15)] * 2 + [dt.date(2025, 1, 31)]),
            "minimum_term_months": [12, 12, 6],
            "received_at": instants,
            "desired_month": ["2026-12", "2026-12", None],
            "special_agreement_term_months": pa.array([None, 24, None], type=pa.int64()),
        }
    )
    out = quote_cancellations(table)
    assert out.schema.metadata[b"clararules.fallback_rows"] == b"0"
    assert out.column("month").to_pylist() == ["2026-12", "2027-01", "2026-04"]
    assert out.column("months_short").to_pylist() == [4, 15, 0]
    frame = quote_cancellations(table.to_pandas(types_mapper=pd.ArrowDtype))
    assert frame.attrs["fallback_rows"] == 0
    assert frame["month"].tolist() == out.column("month").to_pylist()


def test_frame_missing_values_mean_not_given():
    """C4/C5: None, NaN, pd.NA and NaT in an optional DataFrame column mean "not given", as
    None does in the scalar functions; a float term is refused as the door refuses it."""
    base = pd.DataFrame(_book(4))
    frame = base.assign(
        desired_month=pd.Series([None, np.nan, pd.NA, pd.NaT], dtype=object),
        special_agreement_term_months=pd.array([None, 24, pd.NA, 6], dtype="Int64"),
    )
    out = quote_cancellations(frame)
    assert out["month"].tolist() == ["2026-12"] * 4
    assert out["months_short"].tolist() == [4, 16, 4, 0]
    with pytest.raises(ClaraRulesError, match=r"^row 0: .*int"):
        quote_cancellations(base.assign(special_agreement_term_months=[24.0, None, 1.0, 2.0]))


def test_empty_frame_gives_the_typed_empty_frame():
    """An empty DataFrame (Dask's ``meta``) gives an empty result of the output's types."""
    frame = pd.DataFrame(_book(0))
    out = quote_cancellations(frame)
    assert list(out.columns) == list(_OUT) and len(out) == 0
    assert str(out["amount"].dtype) == "int64[pyarrow]"


def test_without_numpy_every_row_takes_the_scalar_rules(monkeypatch):
    """C2-C6: without numpy, every row goes through the scalar rules (all counted as fallback
    rows), with the vector path's figures."""
    from clararules.io import batch_quote

    book = {**_book(), "desired_month": [None, "2026-12", "2027-03", None]}
    with_numpy = quote_cancellations(book)
    monkeypatch.setattr(batch_quote, "numpy", lambda: None)
    out = quote_cancellations(book)
    assert out == with_numpy and out.fallback_rows == 4
    table = quote_cancellations(pa.table(book))
    assert table.column("amount_with_tax").to_pylist() == with_numpy["amount_with_tax"]
    assert table.schema.metadata[b"clararules.fallback_rows"] == b"4"
