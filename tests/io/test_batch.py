"""Batch evaluation agrees with the scalar functions row by row (C2-C6, D1-D6)."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    ClaraRulesError,
    Contract,
    InvalidInput,
    Month,
    NaiveDateTimeError,
    Parameters,
    PaymentMethodNotAllowed,
    Rounding,
    Yen,
    quote_cancellation,
    quote_cancellations,
    renewal_timeline,
    renewal_timelines,
)

from ..strategies import domain_and_expiry, instants, months, pdates

contract_rows = st.tuples(
    st.integers(0, 1_000_000),
    pdates,
    st.integers(0, 60),
    st.none() | st.integers(0, 60),
    instants,
    st.none() | months,
)


def scalar_row(row, rounding):
    fee, activated, term, special, received, desired = row
    contract = Contract("svc", Yen(fee), activated, term, special_agreement_term_months=special)
    return quote_cancellation(contract, received, desired, rounding)


@given(st.lists(contract_rows, min_size=1, max_size=20), st.sampled_from(list(Rounding)))
def test_batch_quotes_agree_with_scalar(rows, rounding):
    """C2-C6: every batch row equals the scalar quote's figures, or both refuse."""
    expected = []
    for row in rows:
        try:
            expected.append(scalar_row(row, rounding))
        except ClaraRulesError:
            expected.append(None)
    book = {
        "monthly_fee": [r[0] for r in rows],
        "activated_on": [r[1] for r in rows],
        "minimum_term_months": [r[2] for r in rows],
        "special_agreement_term_months": [r[3] for r in rows],
        "received_at": [r[4] for r in rows],
        "desired_month": [None if r[5] is None else str(r[5]) for r in rows],
    }
    if any(e is None for e in expected):
        bad = next(i for i, e in enumerate(expected) if e is None)
        with pytest.raises(ClaraRulesError, match=rf"^row {bad}: "):
            quote_cancellations(book, rounding)
        return
    out = quote_cancellations(book, rounding)
    for i, quote in enumerate(expected):
        assert out["month"][i] == str(quote.date.month)
        assert out["effective_on"][i] == quote.date.effective_on
        assert out["shifted"][i] == quote.date.shifted
        assert out["term_start"][i] == str(quote.charge.term_start)
        assert out["term_end"][i] == str(quote.charge.term_end)
        assert out["months_used"][i] == quote.charge.months_used
        assert out["months_short"][i] == quote.charge.months_short
        assert out["amount"][i] == quote.charge.amount.amount
        assert out["amount_with_tax"][i] == quote.charge.amount_with_tax.amount


_DAY_PARAMETERS = st.fixed_dictionaries(
    {
        "jp_contract_end_days": st.integers(0, 28).map(lambda n: [n]),
        "order_window_days": st.lists(st.integers(0, 400), min_size=2, max_size=2).map(
            lambda days: [sorted(days, reverse=True)]
        ),
        "fee_notice_days": st.integers(0, 400).map(lambda n: [n]),
        "reminder_days": st.sets(st.integers(0, 400), min_size=1, max_size=6).map(
            lambda days: [sorted(days, reverse=True)]
        ),
    }
)


def _custom(values, since):
    """A provider file giving ``values`` from ``since``, loaded (the defaults before it)."""
    lines = []
    for name, (value,) in values.items():
        lines += [
            f"[[{name}]]",
            f"since = {since.isoformat()}",
            f"value = {value}",
            'source = "t"',
        ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "provider.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return Parameters.load(path)


@given(
    st.lists(domain_and_expiry(), min_size=1, max_size=20),
    st.none() | st.tuples(_DAY_PARAMETERS, st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1))),
)
def test_batch_timelines_agree_with_scalar(rows, custom):
    """D1-D6: every batch row equals the scalar timeline's dates, with the default parameters
    or a provider's (changed from a date, so that rows fall on both sides of it)."""
    params = None if custom is None else _custom(*custom)
    out = renewal_timelines(
        {"domain": [r[0] for r in rows], "registry_expiry": [r[1] for r in rows]},
        parameters=params,
    )
    for i, (name, expiry) in enumerate(rows):
        t = renewal_timeline(name, expiry, parameters=params)
        assert out["contract_end"][i] == t.contract_end
        assert out["order_window_first"][i] == t.order_window.first
        assert out["order_window_last"][i] == t.order_window.last
        assert out["fee_notice_on"][i] == t.fee_notice_on
        assert tuple(out["reminders"][i]) == t.reminders
        assert out["pay_by"][i] == t.pay_by


def test_batch_errors_name_the_row():
    """Batch: a bad row raises the scalar error type with its row number."""
    base = {
        "monthly_fee": [5000, 5000],
        "activated_on": [dt.date(2026, 4, 15)] * 2,
        "minimum_term_months": [12, 12],
        "received_at": [dt.date(2026, 5, 1), dt.datetime(2026, 5, 1, 9)],
    }
    with pytest.raises(NaiveDateTimeError, match=r"^row 1: "):
        quote_cancellations(base)
    with pytest.raises(InvalidInput, match="equal lengths"):
        quote_cancellations({**base, "monthly_fee": [1]})
    with pytest.raises(InvalidInput, match="missing column"):
        quote_cancellations({"monthly_fee": [1]})
    with pytest.raises(ClaraRulesError, match=r"^row 0: .*int"):
        quote_cancellations(
            {**base, "monthly_fee": [5000.0, 1], "received_at": [dt.date(2026, 5, 1)] * 2}
        )
    with pytest.raises(PaymentMethodNotAllowed, match=r"^row 0: "):
        renewal_timelines(
            {
                "domain": ["example.jp"],
                "registry_expiry": [dt.date(2027, 3, 31)],
                "payment": ["invoice"],
                "domain_only": [True],
            }
        )
    with pytest.raises(InvalidInput, match=r"^row 0: .*month end"):
        renewal_timelines({"domain": ["example.jp"], "registry_expiry": [dt.date(2027, 3, 30)]})
    with pytest.raises(ClaraRulesError, match=r"^row 0: "):
        renewal_timelines({"domain": ["-bad.jp"], "registry_expiry": [dt.date(2027, 3, 31)]})


def test_batch_empty_book():
    """Batch: an empty book gives empty columns."""
    out = quote_cancellations(
        {"monthly_fee": [], "activated_on": [], "minimum_term_months": [], "received_at": []}
    )
    assert out["amount"] == []


def test_batch_pyarrow_table_in_and_out():
    """Batch: a pyarrow Table in gives a pyarrow Table out, with the same figures."""
    pa = pytest.importorskip("pyarrow")
    table = pa.table(
        {
            "monthly_fee": [5000, 5000],
            "activated_on": [dt.date(2026, 4, 15)] * 2,
            "minimum_term_months": [12, 12],
            "received_at": pa.array(
                [dt.datetime(2026, 11, 30, 14, 59), dt.datetime(2026, 11, 30, 15, 0)],
                type=pa.timestamp("s", tz="UTC"),
            ),
            "desired_month": ["2026-12", "2026-12"],
        }
    )
    out = quote_cancellations(table)
    assert isinstance(out, pa.Table)
    assert out.column("amount_with_tax").to_pylist() == [22000, 16500]
    assert out.column("effective_on").to_pylist() == [dt.date(2026, 12, 31), dt.date(2027, 1, 31)]
    timelines = renewal_timelines(
        pa.table({"domain": ["example.jp"], "registry_expiry": [dt.date(2027, 3, 31)]})
    )
    assert timelines.column("contract_end").to_pylist() == [dt.date(2027, 3, 24)]
    assert Month(2027, 1).last_day in out.column("effective_on").to_pylist()


# ---------------------------------------------------------------- the same door, row by row

_odd = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False, width=16),
    st.integers(-5, 10**13),
    st.sampled_from(["", "2026-12", "2026-12-01", "2026-12-01T09:00", "12/01/2026", "x" * 100]),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 1, 1)),
)


def _cell(valid):
    """Mostly a valid cell, often an odd one."""
    return st.one_of(valid, valid, _odd)


quote_rows = st.fixed_dictionaries(
    {
        "monthly_fee": _cell(st.integers(0, 10**6) | st.integers(0, 10**6).map(Yen)),
        "activated_on": _cell(pdates | pdates.map(str)),
        "minimum_term_months": _cell(st.integers(0, 60)),
        "received_at": _cell(instants | pdates.map(str)),
        "desired_month": _cell(st.none() | months | months.map(str)),
        "special_agreement_term_months": _cell(st.none() | st.integers(0, 60)),
        "service": _cell(st.sampled_from(["Flex Web", "専用サーバ"])),
    }
)


def _scalar_outcome(row):
    try:
        contract = Contract(
            "batch" if row["service"] is None else row["service"],  # None: not given
            row["monthly_fee"],
            row["activated_on"],
            row["minimum_term_months"],
            special_agreement_term_months=row["special_agreement_term_months"],
        )
        quote = quote_cancellation(contract, row["received_at"], row["desired_month"])
    except ClaraRulesError as error:
        return type(error), f"row 0: {error}"
    return "ok", quote.charge.amount_with_tax.amount


@given(quote_rows)
def test_batch_quote_accepts_and_refuses_as_the_scalar_does(row):
    """C2-C6 (one door): a one-row book gives the scalar quote, or the scalar refusal of the
    same type with the same message prefixed by its row number."""
    expected = _scalar_outcome(row)
    book = {name: [value] for name, value in row.items()}
    try:
        out = quote_cancellations(book)
    except ClaraRulesError as error:
        assert (type(error), str(error)) == expected
        return
    assert ("ok", out["amount_with_tax"][0]) == expected


timeline_rows = st.fixed_dictionaries(
    {
        "domain": _cell(st.sampled_from(["example.jp", "例え.jp", "a.co.jp", "ex.com", "-x.jp"])),
        "registry_expiry": _cell(months.map(lambda m: m.last_day) | pdates | pdates.map(str)),
        "payment": _cell(st.sampled_from(["credit_card", "INVOICE", "direct_debit", "cash"])),
        "domain_only": _cell(st.booleans()),
    }
)


@given(timeline_rows)
def test_batch_timeline_accepts_and_refuses_as_the_scalar_does(row):
    """D1-D6 (one door): a one-row book gives the scalar timeline, or its refusal."""
    try:
        timeline = renewal_timeline(
            row["domain"], row["registry_expiry"], row["payment"], row["domain_only"]
        )
        expected: tuple[object, object] = ("ok", timeline.contract_end)
    except ClaraRulesError as error:
        expected = (type(error), f"row 0: {error}")
    try:
        out = renewal_timelines({name: [value] for name, value in row.items()})
    except ClaraRulesError as error:
        if row["payment"] is None or row["domain_only"] is None:
            return  # a missing optional cell means the default in a column (see docs/batch.md)
        assert (type(error), str(error)) == expected
        return
    if row["payment"] is not None and row["domain_only"] is not None:
        assert ("ok", out["contract_end"][0]) == expected


@pytest.mark.parametrize(
    "typo", ["special_term_months", "desired", "Monthly_Fee", "received_on", "term"]
)
def test_batch_refuses_unknown_columns(typo):
    """C5 (regression): a misspelt optional column is refused, naming the accepted ones,
    instead of being ignored and charging the full price-list term."""
    book = {
        "monthly_fee": [5000],
        "activated_on": [dt.date(2026, 4, 15)],
        "minimum_term_months": [12],
        "received_at": [dt.date(2026, 5, 1)],
        typo: [24],
    }
    with pytest.raises(InvalidInput, match="special_agreement_term_months") as info:
        quote_cancellations(book)
    assert typo in str(info.value)
    with pytest.raises(InvalidInput, match="accepted: domain"):
        renewal_timelines({"domain": [], "registry_expiry": [], "paid": []})
