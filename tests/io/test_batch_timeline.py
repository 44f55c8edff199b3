"""D1-D6, D3, G1 on columns: renewal_timelines agrees with the scalar renewal_timeline row by
row, for a dict of lists, a pandas DataFrame and a pyarrow Table, with the default parameters
or dated changes inside the book, and counts the rows it leaves to the scalar rules
(``fallback_rows``: IDN names, refused cells...)."""

import datetime as dt

import pendulum
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from clararules import (
    ClaraRulesError,
    Dated,
    DomainName,
    InvalidDomainName,
    InvalidInput,
    Parameter,
    Parameters,
    PaymentMethod,
    renewal_timeline,
    renewal_timelines,
)
from clararules.domains import names as domain_names
from clararules.io import batch, batch_timeline

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

D = pendulum.Date
_OUT = batch.TIMELINE_COLUMNS

# ---------------------------------------------------------------- strategies

_label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?", fullmatch=True)
_suffixes = st.sampled_from(
    ["jp", "co.jp", "or.jp", "tokyo.jp", "osaka.jp", "x.jp", "com", "net", "tokyo", "uk", "test"]
)
_plain = st.builds(lambda label, suffix: f"{label}.{suffix}", _label, _suffixes)
_other_valid = st.sampled_from(
    [
        "例え.jp",  # IDN: the scalar rules
        "例.大阪.jp",
        "xn--r8jz45g.jp",
        "例え.みんな",
        "EXAMPLE.Co.JP.",  # plain: case and a trailing dot
        "shop--x.com",  # plain: "--" not in the third and fourth places
        ("a" * 62 + ".") * 3 + "a" * 59 + ".com",  # 253 characters: plain
    ]
)
_refused_names = st.sampled_from(
    [
        "ab--cd.com",  # IDNA: hyphens in the third and fourth places
        "co.jp",  # a zone alone
        "tokyo.jp.",
        "-bad.jp",
        "a..jp",
        "",
        "x" * 64 + ".com",
        ("a" * 62 + ".") * 4 + "com",  # 255 characters
    ]
)
valid_names = st.one_of(_plain, _plain, _plain.map(str.upper), _other_valid)
names = st.one_of(valid_names, _refused_names)
_cells_odd = st.one_of(st.none(), st.integers(-2, 2), st.just(DomainName.parse("ex.co.jp")))
month_ends = st.builds(
    lambda y, m: D(y, m, 1).end_of("month"), st.integers(1995, 2099), st.integers(1, 12)
)
_edge_days = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(1, 3, 31)), st.dates(dt.date(9999, 10, 1), dt.date.max)
).map(lambda d: D(d.year, d.month, d.day))
_instants = st.datetimes(
    min_value=dt.datetime(1995, 1, 2),
    max_value=dt.datetime(2099, 12, 30),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=9))]),
)
_jp_expiries = st.one_of(  # a .jp expiry must be a month end (D3)
    month_ends,
    month_ends.map(str),
    _instants.map(lambda i: D(i.year, i.month, 1).end_of("month")),
)
expiries = st.one_of(_jp_expiries, st.dates(dt.date(1995, 1, 1), dt.date(2099, 12, 31)), _instants)


@st.composite
def name_and_expiry(draw):
    """A valid name with an expiry of its kind's (mostly: sometimes any day)."""
    name = draw(valid_names)
    jp = name.lower().rstrip(".").endswith(".jp")
    return name, draw(_jp_expiries if jp and draw(st.integers(0, 9)) else expiries)


odd_expiries = st.one_of(
    _edge_days,
    _edge_days.map(lambda d: d.end_of("month")),
    st.just(dt.datetime(2027, 3, 31, 9)),  # naive: refused (G1)
    st.just("2027-02-30"),
)

_since = st.dates(dt.date(1995, 1, 1), dt.date(2100, 1, 1)).map(
    lambda d: D(d.year, d.month, d.day)
)
_first = st.sampled_from([D(1, 1, 1)] * 3) | _since  # sometimes a late first value


def _dated(name, first, values):
    """A parameter of ``values`` [(since, value)...] after ``first`` (since ``first[0]``)."""
    history = sorted({first[0]: first[1], **dict(values)}.items())
    return Parameter(name, tuple(Dated(since, value, "t") for since, value in history))


_days = st.lists(st.integers(0, 400), min_size=1, max_size=6, unique=True).map(
    lambda days: tuple(sorted(days, reverse=True))
)
_window = st.tuples(st.integers(0, 400), st.integers(0, 400)).map(lambda w: (max(w), min(w)))
_CHANGES = {
    "jp_contract_end_days": (7, st.integers(0, 28)),
    "order_window_days": ((50, 45), _window),
    "fee_notice_days": (45, st.integers(0, 400)),
    "reminder_days": ((45, 15, 7, 3, 0), _days),
}


@st.composite
def timeline_parameters(draw, changes=_CHANGES):
    """``None`` (the defaults), or parameters with one or two dated changes of some of the
    D1-D3, D6 values, inside the range of the book's dates (and sometimes a first value that
    starts late, so that some rows come before it)."""
    if draw(st.booleans()):
        return None
    fields = {}
    for name in draw(st.lists(st.sampled_from(sorted(changes)), min_size=1, unique=True)):
        default, values = changes[name]
        later = draw(st.lists(st.tuples(_since, values), max_size=2))
        fields[name] = _dated(name, (draw(_first), default), later)
    return Parameters(**fields)


# ---------------------------------------------------------------- the oracle


def _scalar(row, params):
    """renewal_timeline's dates for one row (a cell ``None`` is the argument's default), or
    its refusal."""
    name, expiry, payment, only = row
    payment = PaymentMethod.CREDIT_CARD if payment is None else payment
    debit = payment in (PaymentMethod.DIRECT_DEBIT, "direct_debit")
    try:
        t = renewal_timeline(
            name,
            expiry,
            payment,
            False if only is None else only,
            # The batch has no debit date: a notice day the calendar covers (D5, G4).
            debit_notice_arrived_on=D(2026, 6, 3) if debit else None,
            parameters=params,
        )
    except ClaraRulesError as error:
        return type(error), str(error)
    window = t.order_window
    return t.contract_end, window.first, window.last, t.fee_notice_on, t.reminders, t.pay_by


def _taken(name):
    """Whether the vector path takes a name cell (a plain name the door accepts)."""
    if isinstance(name, DomainName):
        return True
    if not isinstance(name, str) or domain_names._plain_ascii(name) is None:
        return False
    try:
        DomainName.parse(name)
    except ClaraRulesError:
        return False
    return True


def _rows(out):
    if isinstance(out, dict):
        return list(zip(*(out[name] for name in _OUT), strict=True))
    if isinstance(out, pa.Table):
        return [tuple(row[name] for name in _OUT) for row in out.to_pylist()]
    return [tuple(row) for row in out[list(_OUT)].itertuples(index=False)]


def fallback_rows(out):
    if isinstance(out, dict):
        return out.fallback_rows
    if isinstance(out, pa.Table):
        return int(out.schema.metadata[b"clararules.fallback_rows"])
    return out.attrs["fallback_rows"]


def _check(rows, book, params, fallback=None):
    """Every row is the scalar timeline's dates, or the first refused row's refusal."""
    expected = [_scalar(row, params) for row in rows]
    try:
        out = renewal_timelines(book, parameters=params)
    except ClaraRulesError as error:
        refused = [i for i, e in enumerate(expected) if isinstance(e[0], type)]
        assert refused, f"refused a book the scalar function accepts: {error}"
        kind, message = expected[refused[0]]
        assert (type(error), str(error)) == (kind, f"row {refused[0]}: {message}")
        event(f"refused: {kind.__name__}")
        return
    assert not any(isinstance(e[0], type) for e in expected), "accepted a refused row"
    got = _rows(out)
    assert len(got) == len(rows)
    for row, want in zip(got, expected, strict=True):
        assert (*row[:4], tuple(row[4]), row[5]) == want
    if isinstance(out, dict):
        assert all(type(day) is pendulum.Date for day in out["contract_end"])
    count = fallback_rows(out)
    event("computed, with fallback rows" if count else "computed, vector path only")
    assert count == fallback if fallback is not None else 0 <= count <= len(rows)


def _books(rows):
    """The rows as a dict book, an object DataFrame, and (when Arrow can hold the cells) a
    pyarrow Table and its Arrow-backed DataFrame, each with the cells it hands back."""
    columns = {name: [row[i] for row in rows] for i, name in enumerate(batch_timeline._NAMES)}
    given = {  # an optional column of None cells only is left out (not given)
        name: values
        for name, values in columns.items()
        if name in batch_timeline._NAMES[:2] or any(v is not None for v in values)
    }
    yield rows, given
    yield rows, pd.DataFrame({name: pd.Series(v, dtype=object) for name, v in given.items()})
    try:
        table = pa.table(given)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return  # mixed cells Arrow cannot hold in one column
    back = table.to_pydict()
    cells = [
        tuple(back.get(name, [None] * len(rows))[i] for name in columns) for i in range(len(rows))
    ]
    yield cells, table
    yield cells, table.to_pandas(types_mapper=pd.ArrowDtype)


_payments = st.sampled_from([None, "credit_card", "INVOICE", PaymentMethod.DIRECT_DEBIT])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(name_and_expiry().map(lambda r: (*r, None, None)), min_size=1, max_size=12)
    | st.lists(
        st.tuples(name_and_expiry(), _payments, st.sampled_from([None, False, None])).map(
            lambda r: (*r[0], *r[1:])
        ),
        min_size=1,
        max_size=8,
    )
    | st.lists(
        st.tuples(
            names | _cells_odd,
            expiries | odd_expiries,
            _payments | st.just("cash"),
            st.none() | st.booleans() | st.just("yes"),
        ),
        min_size=1,
        max_size=6,
    ),
    timeline_parameters(),
)
@example(
    [("example.jp", D(2027, 3, 31), None, None), ("例え.jp", D(2027, 3, 31), None, None)], None
)
@example([("example.com", D(1, 1, 20), None, None)], None)  # the window starts before year 1
@example([("ex.co.jp", D(2027, 3, 31), "invoice", True)], None)  # D5: refused
def test_batch_timelines_agree_with_scalar_row_by_row(rows, params):
    """D1-D6, G1: a dict book, an object DataFrame, a pyarrow Table and an Arrow-backed
    DataFrame give every row's scalar timeline (IDN and other fallback rows included), or the
    first refused row's scalar refusal; with the default parameters or values changed inside
    the book; with the default parameters, the fallback rows are the rows of names that are
    not plain."""
    plain_count = None
    if params is None and all(r[2] is None and r[3] is None for r in rows):
        plain_count = sum(not _taken(r[0]) for r in rows)
    for cells, book in _books(rows):
        _check(cells, book, params, plain_count)


# ---------------------------------------------------------------- worked examples


def _book():
    return {
        "domain": ["example.jp", "shop.co.jp", "example.com", "例え.jp", "EX.Tokyo.JP."],
        "registry_expiry": [
            D(2027, 3, 31),
            D(2027, 6, 30),
            D(2027, 3, 10),
            D(2027, 3, 31),
            D(2027, 3, 31),
        ],
    }


def test_worked_timelines_for_each_kind_of_book():
    """D1-D3, D6: the worked dates; IDN names go to the scalar rules (one fallback row); a
    Table gives date32 columns and a list<date32> of reminders, a DataFrame the same
    Arrow-backed with its index."""
    out = renewal_timelines(_book())
    assert [str(d) for d in out["contract_end"]] == [
        "2027-03-24",
        "2027-06-23",
        "2027-03-10",
        "2027-03-24",
        "2027-03-24",
    ]
    assert out["order_window_first"][0] == D(2027, 2, 2) and out["order_window_last"][0] == D(
        2027, 2, 7
    )
    assert out["fee_notice_on"][2] == D(2027, 1, 24)
    assert out["reminders"][0] == (
        D(2027, 2, 7),
        D(2027, 3, 9),
        D(2027, 3, 17),
        D(2027, 3, 21),
        D(2027, 3, 24),
    )
    assert out["pay_by"] == out["contract_end"] and out.fallback_rows == 1
    table = renewal_timelines(pa.table(_book()))
    assert table.column_names == list(_OUT)
    assert {str(table.schema.field(n).type) for n in _OUT if n != "reminders"} == {"date32[day]"}
    assert table.schema.field("reminders").type == pa.list_(pa.date32())
    assert table.schema.metadata[b"clararules.fallback_rows"] == b"1"
    assert table.column("reminders").to_pylist()[0] == list(out["reminders"][0])
    frame = renewal_timelines(pd.DataFrame(_book(), index=list("abcde")))
    assert frame.index.tolist() == list("abcde") and frame.attrs["fallback_rows"] == 1
    assert str(frame["contract_end"].dtype) == "date32[day][pyarrow]"


def test_aware_timestamps_are_jst_days():
    """G1: an aware-timestamp column gives each instant's JST day (15:00 UTC is the next day
    in Tokyo), on the vector path."""
    instants = pa.array(
        [dt.datetime(2027, 3, 30, 14, 59), dt.datetime(2027, 3, 30, 15, 0)],
        type=pa.timestamp("s", tz="UTC"),
    )
    out = renewal_timelines(
        pa.table({"domain": ["ex.com", "ex.com"], "registry_expiry": instants})
    )
    assert out.column("contract_end").to_pylist() == [dt.date(2027, 3, 30), dt.date(2027, 3, 31)]
    assert out.schema.metadata[b"clararules.fallback_rows"] == b"0"
    with pytest.raises(InvalidInput, match=r"^row 0: .*month end"):
        renewal_timelines(pa.table({"domain": ["ex.jp"], "registry_expiry": instants[:1]}))


def test_parameters_changed_inside_the_book():
    """D6, G6: reminder days changed from 2027-03-01 to (30, 1): the rows whose contract end
    is on or after it get the new reminders, as a list of another length."""
    params = Parameters(
        reminder_days=_dated(
            "reminder_days", (D(1, 1, 1), (45, 15, 7, 3, 0)), [(D(2027, 3, 1), (30, 1))]
        )
    )
    book = {"domain": ["ex.com", "ex.com"], "registry_expiry": [D(2027, 2, 28), D(2027, 3, 1)]}
    table = renewal_timelines(pa.table(book), parameters=params)
    lists = table.column("reminders").to_pylist()
    assert [len(days) for days in lists] == [5, 2] and lists[1] == [
        dt.date(2027, 1, 30),
        dt.date(2027, 2, 28),
    ]
    assert renewal_timelines(book, parameters=params)["reminders"][1] == tuple(lists[1])


def test_refusals_carry_the_row_number():
    """D3, D5: a zone alone, a .jp expiry that is not a month end and an invoice for a
    domain-only customer are refused as renewal_timeline refuses them, with the row number."""
    with pytest.raises(InvalidDomainName, match=r"^row 1: "):
        renewal_timelines(
            pa.table({"domain": ["ex.jp", "co.jp"], "registry_expiry": [D(2027, 3, 31)] * 2})
        )
    with pytest.raises(InvalidInput, match=r"^row 0: .*month end"):
        renewal_timelines({"domain": ["example.jp"], "registry_expiry": [D(2027, 3, 30)]})
    book = {
        "domain": ["ex.jp", "ex.jp"],
        "registry_expiry": [D(2027, 3, 31)] * 2,
        "payment": pa.array(["invoice", "invoice"]),
        "domain_only": pa.array([False, True]),
    }
    with pytest.raises(ClaraRulesError, match=r"^row 1: a customer with a domain contract only"):
        renewal_timelines(pa.table(book))


def test_empty_books_are_typed():
    """An empty Table or DataFrame gives the empty columns of the output's types."""
    table = renewal_timelines(
        pa.table(
            {"domain": pa.array([], pa.string()), "registry_expiry": pa.array([], pa.date32())}
        )
    )
    assert table.num_rows == 0 and table.schema.field("reminders").type == pa.list_(pa.date32())
    assert renewal_timelines({"domain": [], "registry_expiry": []}) == {name: [] for name in _OUT}


def test_without_numpy_every_row_takes_the_scalar_rules(monkeypatch):
    """D1-D6: without numpy every row goes through the scalar rules (all counted as fallback
    rows), with the same dates."""
    from clararules.io import batch_quote

    with_numpy = renewal_timelines(_book())
    monkeypatch.setattr(batch_quote, "numpy", lambda: None)
    out = renewal_timelines(_book())
    assert out == with_numpy and out.fallback_rows == 5


def test_columns_are_the_documented_ones():
    assert batch_timeline.COLUMNS == batch.TIMELINE_COLUMNS
