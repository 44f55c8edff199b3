"""D8-D9, D3, G1, G3 on columns: restore_windows agrees with the scalar restore_window row by
row, for a dict of lists, a pandas DataFrame and a pyarrow Table, with the default parameters
or dated changes inside the book (rules, fee, tax rate, downtime), and counts the rows it
leaves to the scalar rules (``fallback_rows``)."""

import datetime as dt
from fractions import Fraction

import pendulum
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from clararules import (
    ClaraRulesError,
    ClosingBasis,
    DomainKind,
    InvalidDomainName,
    InvalidInput,
    Parameters,
    RestoreClose,
    RestoreRule,
    Yen,
    restore_window,
    restore_windows,
)
from clararules.io import batch, batch_restore

from .test_batch_timeline import (
    _cells_odd,
    _dated,
    _first,
    _since,
    expiries,
    fallback_rows,
    name_and_expiry,
    names,
    odd_expiries,
    timeline_parameters,
)

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

D = pendulum.Date
_OUT = batch_restore.RESTORE_COLUMNS

_RULES = [
    RestoreRule(
        RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY, 20, ClosingBasis.REGISTRY_RULE, "D9.rule.jprs"
    ),
    RestoreRule(
        RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY, 1, ClosingBasis.REGISTRY_RULE, "D9.rule.jprs"
    ),
    RestoreRule(RestoreClose.DAYS_AFTER_CONTRACT_END, 30, ClosingBasis.ESTIMATE, "D9.rule.gtld"),
    RestoreRule(RestoreClose.DAYS_AFTER_CONTRACT_END, 400, ClosingBasis.ESTIMATE, "D9.rule.gtld"),
    RestoreRule(RestoreClose.UNKNOWN, None, ClosingBasis.UNKNOWN, "D9.rule.unknown"),
]


@st.composite
def restore_parameters(draw):
    """``None``, or parameters with dated changes of the D3 days, the D9 rules of some kinds,
    the restore fee, the downtime and the tax rate (G3), inside the book's range of dates."""
    base = draw(timeline_parameters({"jp_contract_end_days": (7, st.integers(0, 28))}))
    if base is None and draw(st.booleans()):
        return None
    fields = {}
    rules = dict(Parameters().restore_rules)
    for kind in draw(st.lists(st.sampled_from(list(DomainKind)), unique=True)):
        later = draw(st.lists(st.tuples(_since, st.sampled_from(_RULES)), max_size=2))
        rules[kind] = _dated(
            f"restore_{kind.value}", (draw(_first), draw(st.sampled_from(_RULES))), later
        )
    fields["restore_rules"] = rules
    if draw(st.booleans()):
        later = draw(st.lists(st.tuples(_since, st.integers(0, 10**6).map(Yen)), max_size=2))
        fields["restore_fee"] = _dated("restore_fee", (draw(_first), Yen(12000)), later)
    if draw(st.booleans()):
        later = draw(st.lists(st.tuples(_since, st.integers(0, 10080)), max_size=2))
        fields["restore_downtime_minutes"] = _dated(
            "restore_downtime_minutes", (D(1, 1, 1), 60), later
        )
    params = Parameters(**fields) if base is None else Parameters(**{**_fields(base), **fields})
    if draw(st.booleans()):
        rate = draw(st.fractions(0, Fraction(1, 2), max_denominator=1000))
        params = params.with_tax_rate(draw(_since), rate)
    return params


def _fields(params):
    return {"jp_contract_end_days": params.jp_contract_end_days}


def _scalar(name, expiry, params):
    """restore_window's figures for one row, or its refusal."""
    try:
        w = restore_window(name, expiry, parameters=params)
    except ClaraRulesError as error:
        return type(error), str(error)
    return (
        w.kind.value,
        w.contract_end,
        w.opens,
        w.closes,
        w.closing_basis.value,
        w.fee.amount,
        w.fee_includes_tax,
        w.fee_excluding_tax.amount,
        w.fee_tax.amount,
        w.downtime,
    )


def _rows(out):
    if isinstance(out, dict):
        return list(zip(*(out[name] for name in _OUT), strict=True))
    if isinstance(out, pa.Table):
        return [tuple(row[name] for name in _OUT) for row in out.to_pylist()]
    frame = out[list(_OUT)].astype(object).where(out[list(_OUT)].notna(), None)
    return [tuple(row) for row in frame.itertuples(index=False)]


def _check(rows, book, params):
    """Every row is the scalar window's figures, or the first refused row's refusal."""
    expected = [_scalar(name, expiry, params) for name, expiry in rows]
    try:
        out = restore_windows(book, parameters=params)
    except ClaraRulesError as error:
        refused = [i for i, e in enumerate(expected) if isinstance(e[0], type)]
        assert refused, f"refused a book the scalar function accepts: {error}"
        kind, message = expected[refused[0]]
        assert (type(error), str(error)) == (kind, f"row {refused[0]}: {message}")
        event(f"refused: {kind.__name__}")
        return None
    assert not any(isinstance(e[0], type) for e in expected), "accepted a refused row"
    got = _rows(out)
    assert got == expected
    if isinstance(out, dict):
        assert all(type(day) is pendulum.Date for day in out["opens"])
        assert all(type(d) is pendulum.Duration for d in out["downtime"])
    count = fallback_rows(out)
    event("computed, with fallback rows" if count else "computed, vector path only")
    return count


def _books(rows):
    book = {"domain": [r[0] for r in rows], "registry_expiry": [r[1] for r in rows]}
    yield rows, book
    yield rows, pd.DataFrame({name: pd.Series(v, dtype=object) for name, v in book.items()})
    try:
        table = pa.table(book)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return
    cells = list(zip(*table.to_pydict().values(), strict=True))
    yield cells, table
    yield cells, table.to_pandas(types_mapper=pd.ArrowDtype)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(name_and_expiry(), min_size=1, max_size=12)
    | st.lists(st.tuples(names | _cells_odd, expiries | odd_expiries), min_size=1, max_size=6),
    restore_parameters(),
)
@example([("example.jp", D(9999, 12, 31))], None)  # the month after: year 10000
@example([("example.com", D(9999, 12, 31))], None)  # opens after 9999-12-31
@example([("ex.com", D(9999, 12, 1)), ("例え.jp", D(2027, 3, 31))], None)  # 30 days: too late
@example([("shop.co.jp", D(2014, 10, 31)), ("shop.co.jp", D(2014, 11, 30))], None)
def test_batch_restore_windows_agree_with_scalar_row_by_row(rows, params):
    """D8-D9, G3: a dict book, an object DataFrame, a pyarrow Table and an Arrow-backed
    DataFrame give every row's scalar restore window (fallback rows included), or the first
    refused row's scalar refusal; with the default parameters or values changed inside the
    book; the same count of fallback rows for the same cells in each kind of book."""
    counts: dict[str, set[int | None]] = {}
    for cells, book in _books(rows):  # the cells as given, then as Arrow hands them back
        counts.setdefault(repr(cells), set()).add(_check(cells, book, params))
    assert all(len(found) == 1 for found in counts.values())


# ---------------------------------------------------------------- worked examples


def _book():
    return {
        "domain": [
            "example.jp",
            "shop.co.jp",
            "ex.tokyo.jp",
            "example.com",
            "example.uk",
            "例え.jp",
        ],
        "registry_expiry": [D(2027, 3, 31)] * 3 + [D(2027, 3, 10)] * 2 + [D(2027, 3, 31)],
    }


def test_worked_windows_for_each_kind_of_book():
    """D8-D9: JPRS's 20th, the attribute .jp 15th, the gTLD estimate of 30 days, an unknown
    close (null), the fee of 12,000 yen tax included (1,090 of tax at 10%), one hour of
    downtime; the IDN name by the scalar rules (one fallback row)."""
    out = restore_windows(_book())
    assert out["kind"] == [
        "generic_jp",
        "attribute_jp",
        "geographic_jp",
        "gtld",
        "other",
        "generic_jp",
    ]
    assert out["opens"] == [D(2027, 3, 25)] * 3 + [D(2027, 3, 11)] * 2 + [D(2027, 3, 25)]
    assert out["closes"] == [
        D(2027, 4, 20),
        D(2027, 4, 15),
        D(2027, 4, 20),
        D(2027, 4, 9),
        None,
        D(2027, 4, 20),
    ]
    assert out["closing_basis"][3:5] == ["estimate", "unknown"]
    assert set(zip(out["fee"], out["fee_excluding_tax"], out["fee_tax"], strict=True)) == {
        (12000, 10910, 1090)
    }
    assert out["downtime"] == [pendulum.duration(hours=1)] * 6 and out.fallback_rows == 1
    table = restore_windows(pa.table(_book()))
    assert table.column_names == list(_OUT)
    types = {name: str(table.schema.field(name).type) for name in _OUT}
    assert types["closes"] == "date32[day]" and types["downtime"] == "duration[s]"
    assert types["kind"] == types["closing_basis"] == "string" and types["fee"] == "int64"
    assert table.column("closes").null_count == 1
    assert table.column("downtime").to_pylist()[0] == dt.timedelta(hours=1)
    assert table.schema.metadata[b"clararules.fallback_rows"] == b"1"
    frame = restore_windows(pd.DataFrame(_book(), index=list("abcdef")))
    assert frame.index.tolist() == list("abcdef") and frame.attrs["fallback_rows"] == 1
    assert frame["closes"].isna().tolist() == [False] * 4 + [True, False]


def test_rule_changes_inside_the_book():
    """D9, G6: the attribute .jp rule from 2014-11-10 (the 15th of the next month) applies to
    contract ends from that day; before it the close is unknown."""
    book = {
        "domain": ["a.co.jp", "b.co.jp"],
        "registry_expiry": [D(2014, 11, 30), D(2014, 11, 30)],
    }
    book["registry_expiry"][0] = D(2014, 10, 31)
    table = restore_windows(pa.table(book))
    assert table.column("closes").to_pylist() == [None, dt.date(2014, 12, 15)]
    assert table.column("closing_basis").to_pylist() == ["unknown", "registry_rule"]


def test_refusals_carry_the_row_number():
    """D3, D8: a zone alone and a window opening after 9999-12-31 are refused as
    restore_window refuses them, with the row number."""
    with pytest.raises(InvalidDomainName, match=r"^row 1: "):
        restore_windows(
            pa.table({"domain": ["ex.jp", "co.jp"], "registry_expiry": [D(2027, 3, 31)] * 2})
        )
    with pytest.raises(InvalidInput, match=r"^row 1: "):
        restore_windows(
            {"domain": ["ex.com", "ex.com"], "registry_expiry": [D(2027, 3, 1), dt.date.max]}
        )


def test_empty_books_are_typed():
    """An empty Table gives the empty columns of the output's types."""
    empty = {"domain": pa.array([], pa.string()), "registry_expiry": pa.array([], pa.date32())}
    table = restore_windows(pa.table(empty))
    assert table.num_rows == 0 and table.schema.field("downtime").type == pa.duration("s")
    assert restore_windows({"domain": [], "registry_expiry": []}) == {name: [] for name in _OUT}


def test_without_numpy_every_row_takes_the_scalar_rules(monkeypatch):
    """D8-D9: without numpy every row goes through restore_window (all counted as fallback
    rows), with the same figures and, for a Table, the same Arrow types."""
    from clararules.io import batch_quote

    with_numpy = restore_windows(_book())
    table = restore_windows(pa.table(_book()))
    monkeypatch.setattr(batch_quote, "numpy", lambda: None)
    out = restore_windows(_book())
    assert out == with_numpy and out.fallback_rows == 6
    scalar_table = restore_windows(pa.table(_book()))
    assert scalar_table.schema.remove_metadata() == table.schema.remove_metadata()
    assert scalar_table.to_pylist() == table.to_pylist()


def test_restore_windows_is_public():
    """The batch of restore windows is exported by the package and by io.batch."""
    import clararules

    assert clararules.restore_windows is batch.restore_windows is restore_windows
    assert batch.RESTORE_COLUMNS == _OUT
