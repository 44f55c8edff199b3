"""D5, G4 on columns: direct_debits agrees with the scalar direct_debit row by row, for a dict
of lists, a pyarrow Table and a pandas DataFrame, with the default debit day or another, and
counts the rows it leaves to the scalar rules (``fallback_rows``)."""

import datetime as dt

import pendulum
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from clararules import ClaraRulesError, Parameters, direct_debit, direct_debit_on
from clararules.core.dated import Dated, Parameter
from clararules.io import batch_debit
from clararules.io.batch import direct_debits

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

D = pendulum.Date

# Mostly days of the covered years (1949-2099), often their edges, where a debit date may need
# the holidays of a year the calendar does not know (the scalar rules refuse it).
_covered = st.dates(dt.date(1949, 1, 1), dt.date(2099, 12, 31))
_edges = st.dates(dt.date(1948, 11, 1), dt.date(1949, 2, 28)) | st.dates(
    dt.date(2099, 11, 1), dt.date(2100, 2, 28)
)
_far = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
_instants = st.datetimes(
    min_value=dt.datetime(1949, 1, 2),
    max_value=dt.datetime(2099, 12, 30),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=9))]),
)
_odd = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.sampled_from(["", "2026-12", "2026-12-01T09:00", "12/01/2026", "x" * 100]),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 1, 1)),
)
_valid = st.one_of(
    _covered.map(lambda d: D(d.year, d.month, d.day)),
    _covered,
    _covered.map(dt.date.isoformat),
    _instants,
)
_outside = st.one_of(_edges, _far).map(lambda d: D(d.year, d.month, d.day))

# D5, G6: the default debit day, or a history of one to three values, the first of which may
# start after the book's earliest days (ParameterNotInForce before it, from the scalar rules).
_since = st.dates(dt.date(1949, 1, 1), dt.date(2100, 1, 1))
_history = st.tuples(
    st.just(dt.date(1, 1, 1)) | st.just(dt.date(1, 1, 1)) | _since,
    st.lists(_since, max_size=2, unique=True),
    st.lists(st.integers(1, 28), min_size=3, max_size=3),
).map(lambda t: list(zip(sorted({t[0], *t[1]}), t[2], strict=False)))
parameters = st.none() | _history.map(
    lambda history: Parameters(
        debit_day=Parameter(
            "debit_day", tuple(Dated(D(s.year, s.month, s.day), v, "t") for s, v in history)
        )
    )
)


def _scalar(value, params):
    """direct_debit's figures for one cell (direct_debit_on's date), or its refusal."""
    try:
        debit = direct_debit(value, parameters=params)
    except ClaraRulesError as error:
        with pytest.raises(type(error)):
            direct_debit_on(value, parameters=params)
        return type(error), str(error)
    assert direct_debit_on(value, parameters=params) == debit.debit_on
    return debit.debit_on, str(debit.debit_month), debit.next_month


def _run(book, params):
    try:
        return direct_debits(book, parameters=params), None
    except ClaraRulesError as error:
        return None, (type(error), str(error))


def _rows(out):
    if out is None:
        return []
    if isinstance(out, dict):
        return list(zip(out["debit_on"], out["debit_month"], out["next_month"], strict=True))
    if isinstance(out, pa.Table):
        return [tuple(row.values()) for row in out.to_pylist()]
    return [tuple(row) for row in out.itertuples(index=False)]


def _fallback(out):
    if isinstance(out, dict):
        return out.fallback_rows
    if isinstance(out, pa.Table):
        return int(out.schema.metadata[b"clararules.fallback_rows"])
    return out.attrs["fallback_rows"]


def _check(cells, book, params):
    """Every row is the scalar debit's figures, or the first refused row's refusal is raised."""
    expected = [_scalar(value, params) for value in cells]
    out, outcome = _run(book, params)
    refused = [i for i, e in enumerate(expected) if isinstance(e[0], type)]
    event("refused" if refused else "computed")
    if refused:
        kind, message = expected[refused[0]]
        assert outcome == (kind, f"row {refused[0]}: {message}")
        return
    assert outcome is None
    got = _rows(out)
    assert len(got) == len(cells)
    for row, want in zip(got, expected, strict=True):
        assert (dt.date(row[0].year, row[0].month, row[0].day), *row[1:]) == want
        assert type(row[0]) is (pendulum.Date if isinstance(out, dict) else dt.date)
    if params is None:  # rows of days the calendar covers take the vector path
        arrivals = [direct_debit(value).notice_arrived_on for value in cells]
        inside = [dt.date(1949, 1, 1) <= day <= dt.date(2099, 12, 31) for day in arrivals]
        assert _fallback(out) == len(cells) - sum(inside)
    else:
        assert 0 <= _fallback(out) <= len(cells)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_valid, min_size=1, max_size=12)
    | st.lists(st.one_of(_valid, _outside, _odd), min_size=1, max_size=6),
    parameters,
)
@example([D(2026, 6, 3), D(2026, 6, 30), D(2026, 12, 28)], None)
@example([D(2027, 2, 26), D(2027, 3, 1)], None)  # Feb 27 a Saturday: Mar 1, Feb's debit
@example([D(2099, 12, 28), D(2026, 6, 3)], None)  # next month's is 2100-01: refused, row 0
@example([D(1948, 12, 31), D(1949, 1, 4)], None)
def test_batch_debits_agree_with_scalar_row_by_row(cells, params):
    """D5, G4, G6: a dict book, the same as an object DataFrame, and as a pyarrow Table (and
    its Arrow-backed DataFrame) give every row's scalar debit, or the first refused row's
    refusal; with the default debit day or a history of others."""
    _check(cells, {"notice_arrived_on": cells}, params)
    frame = pd.DataFrame({"notice_arrived_on": pd.Series(cells, dtype=object)})
    _check(cells, frame, params)
    try:
        table = pa.table({"notice_arrived_on": cells})
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return  # mixed cells Arrow cannot hold in one column
    arrow_cells = table.column(0).to_pylist()
    _check(arrow_cells, table, params)
    _check(arrow_cells, table.to_pandas(types_mapper=pd.ArrowDtype), params)


@settings(max_examples=50, deadline=None)
@given(st.lists(_instants, min_size=1, max_size=30), parameters)
def test_typed_columns_take_the_vector_path(instants, params):
    """G1: an aware-timestamp Arrow column and its date32 column (JST days) give the scalar
    debits, each day of the covered years on the vector path."""
    utc = pa.array([i.astimezone(dt.UTC).replace(tzinfo=None) for i in instants])
    stamps = utc.cast(pa.timestamp("us", tz="UTC"))
    days = [direct_debit(i).notice_arrived_on for i in instants]
    for column in (stamps, pa.array(days, type=pa.date32())):
        _check(instants, pa.table({"notice_arrived_on": column}), params)


def test_fallback_rows_and_refusals(monkeypatch):
    """D5, G4: a day before or after the covered years goes to the scalar rules, which refuse
    it with its row number (a debit date needs the holidays of its year); rows the vector path
    leaves are computed by the scalar rules and counted in ``fallback_rows`` (here with a
    calendar table cut to 2026, so that the 2027 rows leave it)."""
    with pytest.raises(ClaraRulesError, match=r"^row 2: the national holidays of 1948"):
        direct_debits({"notice_arrived_on": [D(2026, 6, 3), D(2026, 6, 30), D(1948, 12, 30)]})
    with pytest.raises(ClaraRulesError, match=r"^row 1: the national holidays of 2100"):
        direct_debits({"notice_arrived_on": [D(2026, 6, 3), D(2099, 12, 29)]})
    with pytest.raises(ClaraRulesError, match=r"^row 0: .*naive"):
        direct_debits({"notice_arrived_on": [dt.datetime(2026, 6, 3, 9)]})
    book = {"notice_arrived_on": [D(2026, 6, 3), D(2026, 12, 30), D(2027, 3, 2)]}
    want = [direct_debit(day).debit_on for day in book["notice_arrived_on"]]
    assert want == [D(2026, 6, 29), D(2027, 1, 27), D(2027, 3, 29)]
    assert direct_debits(book).fallback_rows == 0
    table, _, _ = batch_debit.business_days()
    first, last = D(2026, 1, 1), D(2026, 12, 31)
    epoch = dt.date(1970, 1, 1).toordinal()
    first_day, last_day = first.toordinal() - epoch, last.toordinal() - epoch
    cut = table[(table >= first_day) & (table <= last_day)]
    monkeypatch.setattr(batch_debit, "business_days", lambda: (cut, first_day, last_day))
    out = direct_debits(book)
    assert (out["debit_on"], out.fallback_rows) == (want, 2)  # 2026-12-30's is in 2027
    arrow = direct_debits(pa.table(book))
    assert arrow.schema.metadata[b"clararules.fallback_rows"] == b"2"
    assert arrow.column("debit_on").to_pylist() == want
    assert arrow.schema.field("debit_on").type == pa.date32()
    frame = direct_debits(pd.DataFrame(book, index=[10, 11, 12]))
    assert frame.attrs["fallback_rows"] == 2 and frame.index.tolist() == [10, 11, 12]
    assert frame["debit_month"].tolist() == ["2026-06", "2027-01", "2027-03"]


def test_empty_books():
    assert direct_debits({"notice_arrived_on": []}) == {name: [] for name in _OUT}
    empty = direct_debits(pd.DataFrame({"notice_arrived_on": pd.Series([], dtype=object)}))
    assert list(empty.columns) == list(_OUT)
    assert str(empty["debit_on"].dtype) == "date32[day][pyarrow]"


_OUT = ("debit_on", "debit_month", "next_month")


def test_debit_day_from_a_parameter_file(tmp_path):
    """D5, G6: a provider's debit day from a date (Parameters.load) applies to the notices
    arriving from that date, the default before it."""
    path = tmp_path / "provider.toml"
    path.write_text('[[debit_day]]\nsince = 2030-01-01\nvalue = 10\nsource = "x"\n')
    params = Parameters.load(path)
    cells = [D(2029, 12, 1), D(2030, 1, 5), D(2030, 1, 11), D(2030, 6, 2)]
    out = direct_debits({"notice_arrived_on": cells}, parameters=params)
    assert out["debit_on"] == [D(2029, 12, 27), D(2030, 1, 10), D(2030, 2, 12), D(2030, 6, 10)]
    assert out["next_month"] == [False, False, True, False]
    assert out.fallback_rows == 0
    for cell, debit_on in zip(cells, out["debit_on"], strict=True):
        assert direct_debit(cell, parameters=params).debit_on == debit_on


def test_unknown_columns_are_refused():
    with pytest.raises(ClaraRulesError, match="accepted: notice_arrived_on"):
        direct_debits({"notice_arrived_on": [], "arrived": []})


def test_without_numpy_every_row_takes_the_scalar_rules(monkeypatch):
    """D5: without numpy, every row goes through direct_debit (all counted as fallback rows),
    with the same figures, for each kind of book."""
    from clararules.io import batch_quote

    cells = [D(2026, 6, 3), "2026-06-30", D(2027, 2, 26), D(2026, 6, 3)]
    with_numpy = direct_debits({"notice_arrived_on": cells})
    monkeypatch.setattr(batch_quote, "numpy", lambda: None)
    out = direct_debits({"notice_arrived_on": cells})
    assert out == with_numpy and out.fallback_rows == len(cells)
    table = direct_debits(pa.table({"notice_arrived_on": [D(2026, 6, 3), D(2027, 2, 26)]}))
    assert table.column("debit_on").to_pylist() == [D(2026, 6, 29), D(2027, 3, 1)]
    assert table.schema.metadata[b"clararules.fallback_rows"] == b"2"
    with pytest.raises(ClaraRulesError, match=r"^row 1: "):
        direct_debits({"notice_arrived_on": [D(2026, 6, 3), "2026-13-01"]})
