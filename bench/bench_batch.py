"""Per-row cost of the batch functions against the scalar functions called in a loop, and of
the vector paths (pyarrow Tables in and out) against plain numpy.

Run:  python bench/bench_batch.py [--rows N] [--columnar-rows N]

The book is synthetic but realistic: varied fees, activation dates, receipt instants in UTC,
desired months, unique domain names of every kind with month-end expiries (.jp) or expiries on
every day of five years (others), and debit notices arriving on every day of five years.
Memory per row is the output's size and the peak while computing: tracemalloc (numpy and
Python objects) plus the peak of pyarrow's memory pool (Arrow buffers, which tracemalloc does
not see).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import clararules as cr


def book_of_contracts(rows: int) -> dict[str, list[Any]]:
    return {
        "monthly_fee": [1000 * (1 + i % 30) for i in range(rows)],
        "activated_on": [dt.date(2020 + i % 6, 1 + i % 12, 1 + i % 28) for i in range(rows)],
        "minimum_term_months": [(0, 6, 12, 24)[i % 4] for i in range(rows)],
        "received_at": [
            dt.datetime(2026, 1 + i % 12, 1 + i % 28, i % 24, tzinfo=dt.UTC) for i in range(rows)
        ],
        "desired_month": [None if i % 3 == 0 else f"2027-{1 + i % 12:02d}" for i in range(rows)],
    }


def book_of_domains(rows: int) -> dict[str, list[Any]]:
    suffixes = ("jp", "co.jp", "tokyo.jp", "com", "net", "uk")
    return {
        "domain": [f"shop{i}.{suffixes[i % len(suffixes)]}" for i in range(rows)],
        "registry_expiry": [cr.Month(2027, 1 + i % 12).last_day for i in range(rows)],
    }


def book_of_notices(rows: int) -> dict[str, list[Any]]:
    first = dt.date(2025, 1, 1).toordinal()
    return {
        "notice_arrived_on": [dt.date.fromordinal(first + (i * 37) % 1826) for i in range(rows)]
    }


def scalar_quotes(book: dict[str, list[Any]]) -> None:
    for i in range(len(book["monthly_fee"])):
        contract = cr.Contract(
            "svc",
            cr.Yen(book["monthly_fee"][i]),
            book["activated_on"][i],
            book["minimum_term_months"][i],
        )
        desired = book["desired_month"][i]
        cr.quote_cancellation(
            contract, book["received_at"][i], None if desired is None else cr.Month.parse(desired)
        )


def scalar_timelines(book: dict[str, list[Any]]) -> None:
    for name, expiry in zip(book["domain"], book["registry_expiry"], strict=True):
        cr.renewal_timeline(name, expiry)


def scalar_restores(book: dict[str, list[Any]]) -> None:
    for name, expiry in zip(book["domain"], book["registry_expiry"], strict=True):
        cr.restore_window(name, expiry)


def scalar_debits(book: dict[str, list[Any]]) -> None:
    for arrived in book["notice_arrived_on"]:
        cr.direct_debit_on(arrived)


def columnar_book(rows: int) -> tuple[Any, dict[str, Any]]:
    """The same kind of book as typed columns: a pyarrow Table (int64, date32, timestamp[s,
    UTC]), and the plain numpy arrays of the same values (days and seconds since 1970)."""
    import numpy as np
    import pyarrow as pa

    i = np.arange(rows)
    arrays = {
        "monthly_fee": 1000 * (1 + i % 30),
        "activated_on": (np.datetime64("2020-01-01") + (i * 37) % 2190).astype(np.int64),
        "minimum_term_months": np.array([0, 6, 12, 24])[i % 4],
        "received_at": np.datetime64("2026-01-01T00:00:00", "s").astype(np.int64)
        + (i * 7919) % (365 * 86400),
    }
    table = pa.table(
        {
            "monthly_fee": arrays["monthly_fee"],
            "activated_on": pa.array(arrays["activated_on"].astype(np.int32)).view(pa.date32()),
            "minimum_term_months": arrays["minimum_term_months"],
            "received_at": pa.array(arrays["received_at"]).view(pa.timestamp("s", tz="UTC")),
        }
    )
    return table, arrays


def plain_numpy(arrays: dict[str, Any]) -> dict[str, Any]:
    """Every figure of the output (C2-C6; G3 at the rate in force on the effective day,
    looked up in the rate history, rounded down) in plain numpy, with none of the checks or
    fallbacks and no Arrow output: the reference the vector path is held to.  Months are
    numpy month numbers where the library writes 'YYYY-MM'."""
    import numpy as np

    rates = cr.DEFAULT_PARAMETERS.consumption_tax_rate.history
    starts = np.array([(r.since.toordinal() - 719163) for r in rates])  # days since 1970
    numerators = np.array([r.value.numerator for r in rates])
    denominators = np.array([r.value.denominator for r in rates])
    day = arrays["activated_on"]
    jst_day = (arrays["received_at"] + 9 * 3600) // 86400
    arrival = jst_day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    month = arrival + 1
    shifted = np.zeros(month.shape, dtype=bool)  # no desired month in this book (C4)
    start = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) + 1
    term = arrays["minimum_term_months"]
    used = np.where(month < start, 0, month - start + 1)
    short = np.maximum(0, term - used)
    amount = arrays["monthly_fee"] * short
    effective = (month + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) - 1
    rate = np.searchsorted(starts, effective, side="right") - 1
    tax = amount * numerators[rate] // denominators[rate]
    return {
        "month": month,
        "effective_on": effective,
        "shifted": shifted,
        "term_start": start,
        "term_end": start + term - 1,
        "months_used": used,
        "months_short": short,
        "amount": amount,
        "amount_with_tax": amount + tax,
    }


def check_plain_numpy(out: Any, reference: dict[str, Any]) -> None:
    """The reference computes the library's figures (or the comparison is void)."""
    import numpy as np

    months = np.array(out.column("month").to_pylist()[:1000])
    expected = reference["month"][:1000].astype("datetime64[M]").astype(str)
    assert (months == expected).all(), "month"
    for name in ("months_used", "months_short", "amount", "amount_with_tax"):
        assert (out.column(name).to_numpy() == reference[name]).all(), name


def columnar(rows: int) -> None:
    """quote_cancellations on a pyarrow Table against plain numpy, and memory per row."""
    import tracemalloc

    table, arrays = columnar_book(rows)
    t_vector = best(lambda: cr.quote_cancellations(table), repeat=5)
    t_numpy = best(lambda: plain_numpy(arrays), repeat=5)
    check_plain_numpy(cr.quote_cancellations(table), plain_numpy(arrays))
    tracemalloc.start()
    out = cr.quote_cancellations(table)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"columnar ({rows} rows, pyarrow Table in and out; best of 5):\n"
        f"  quote_cancellations {rows / t_vector / 1e6:6.2f} M rows/s"
        f"   plain numpy {rows / t_numpy / 1e6:6.2f} M rows/s"
        f"   ratio {t_numpy / t_vector:4.2f}"
        f"   fallback rows {out.schema.metadata[b'clararules.fallback_rows'].decode()}\n"
        f"  memory per row: output {out.nbytes / rows:.0f} B,"
        f" peak while computing {peak / rows:.0f} B (tracemalloc)"
    )


def plain_numpy_debits(days: Any, holidays: Any) -> Any:
    """D5 with the debit day 27 in plain numpy: ``busday_offset`` rolls the 27th forward over
    weekends and ``holidays`` (given, made outside the timing), no checks, no dated
    parameter, no output columns: the reference the vector path is held to."""
    import numpy as np

    month = days.astype("datetime64[D]").astype("datetime64[M]")
    this = np.busday_offset(month.astype("datetime64[D]") + 26, 0, "forward", holidays=holidays)
    later = days.astype("datetime64[D]") > this
    following = (month + 1).astype("datetime64[D]") + 26
    return np.where(later, np.busday_offset(following, 0, "forward", holidays=holidays), this)


def columnar_debits(rows: int) -> None:
    """direct_debits on a pyarrow Table (a date32 column) against plain numpy."""
    import holidays
    import numpy as np
    import pyarrow as pa

    i = np.arange(rows)
    days = np.datetime64("2025-01-01") + (i * 37) % 1826  # five years, every day
    table = pa.table({"notice_arrived_on": pa.array(days.astype("datetime64[D]"))})
    years = range(2025, 2032)
    closed = holidays.country_holidays(
        "JP", categories=(holidays.PUBLIC, holidays.BANK), years=years
    )
    days_off = sorted({*closed, *(dt.date(y, m, d) for y in years for m, d in _BANK_CLOSED)})
    days_off_array = np.array(days_off, dtype="datetime64[D]")
    direct_debits = _direct_debits()
    out = direct_debits(table)  # the first call makes the calendar table (once per process)
    reference = plain_numpy_debits(days, days_off_array)
    assert (out.column("debit_on").to_numpy() == reference).all(), "not the reference's dates"
    t_vector = best(lambda: direct_debits(table), repeat=5)
    t_numpy = best(lambda: plain_numpy_debits(days, days_off_array), repeat=5)
    print(
        f"columnar ({rows} rows, a date32 Table in and out; best of 5):\n"
        f"  direct_debits       {rows / t_vector / 1e6:6.2f} M rows/s"
        f"   plain numpy {rows / t_numpy / 1e6:6.2f} M rows/s"
        f"   ratio {t_numpy / t_vector:4.2f}"
        f"   fallback rows {out.schema.metadata[b'clararules.fallback_rows'].decode()}"
    )


_BANK_CLOSED = ((12, 31), (1, 1), (1, 2), (1, 3))


def _direct_debits() -> Callable[..., Any]:
    """clararules.direct_debits (from clararules.io.batch until the package exports it)."""
    from clararules.io import batch

    exported: Callable[..., Any] = getattr(cr, "direct_debits", batch.direct_debits)
    return exported


# ---------------------------------------------------------------- domains (D1-D3, D6, D8-D9)


def domain_columns(rows: int) -> tuple[Any, dict[str, Any]]:
    """A book of unique domain names of every kind (a third .jp with month-end expiries over
    five years, the rest gTLDs and a ccTLD expiring on any day of five years) as a pyarrow
    Table (string, date32), and as plain numpy arrays: the names as a fixed-width unicode
    array, the expiries as days since 1970."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    i = np.arange(rows)
    suffixes = pa.array([".jp", ".co.jp", ".tokyo.jp", ".com", ".net", ".uk"])
    kind = i % len(suffixes)
    number = pa.array(i).cast(pa.string())
    names = pc.binary_join_element_wise("shop", number, suffixes.take(pa.array(kind)), "")
    month = np.datetime64("2025-01", "M") + (i * 7) % 60
    month_end = ((month + 1).astype("datetime64[D]") - 1).astype(np.int64)
    day = (np.datetime64("2025-01-01") + (i * 37) % 1826).astype(np.int64)
    expiry = np.where(kind < 3, month_end, day)
    table = pa.table(
        {
            "domain": names,
            "registry_expiry": pa.array(expiry.astype(np.int32)).view(pa.date32()),
        }
    )
    plain = names.to_numpy(zero_copy_only=False).astype(str)
    return table, {"domain": plain, "registry_expiry": expiry}


def _latest(parameter: Any) -> Any:
    return parameter.history[-1].value


def plain_numpy_timelines(arrays: dict[str, Any]) -> dict[str, Any]:
    """D1-D3, D6 with the default values in plain numpy: .jp by the name's ending, the
    contract end 7 days before a .jp expiry, the window, notice and reminders so many days
    before it; no checks of names or dates, no dated look-ups, no Arrow output."""
    import numpy as np

    params = cr.DEFAULT_PARAMETERS
    first, last = _latest(params.order_window_days)
    reminders = np.array(_latest(params.reminder_days))
    expiry = arrays["registry_expiry"]
    jp = np.strings.endswith(arrays["domain"], ".jp")
    end = np.where(jp, expiry - _latest(params.jp_contract_end_days), expiry)
    return {
        "contract_end": end,
        "order_window_first": end - first,
        "order_window_last": end - last,
        "fee_notice_on": end - _latest(params.fee_notice_days),
        "reminders": end[:, None] - reminders,
        "pay_by": end,
    }


def plain_numpy_timelines_checked(arrays: dict[str, Any], names: Any) -> dict[str, Any]:
    """plain_numpy_timelines after the check every name gets in the library (its grammar,
    one RE2 match over the Arrow column: the cheapest whole-column check there is), to show
    what the check costs apart from the dates."""
    import pyarrow.compute as pc

    from clararules.io.batch_names import PLAIN

    plain = pc.match_substring_regex(pc.ascii_lower(names), PLAIN)
    assert pc.all(plain).as_py()
    return plain_numpy_timelines(arrays)


def _generic_tlds() -> Any:
    """The top-level labels the library classifies as gTLDs (D9), for the reference."""
    import numpy as np

    from clararules.domains import names

    generic = {"generic", "sponsored", "generic-restricted"}
    tlds = [tld for tld, kind in names._tld_types().items() if kind in generic and tld.isascii()]
    return np.array(sorted(tlds))


def plain_numpy_restores(arrays: dict[str, Any], gtlds: Any) -> dict[str, Any]:
    """D3, D8-D9 with the default values in plain numpy: the kind from the last two labels
    (``np.strings.rpartition``, ``np.isin``), the window from the day after the contract end
    to the registry's close, the tax in the fee at the rate in force on the opening day
    (``searchsorted`` in the rate history); no checks, no Arrow output."""
    import numpy as np

    from clararules.domains.names import ATTRIBUTE_LABELS, PREFECTURE_LABELS

    params = cr.DEFAULT_PARAMETERS
    rates = params.consumption_tax_rate.history
    starts = np.array([r.since.toordinal() - 719163 for r in rates])  # days since 1970
    numerators = np.array([r.value.numerator for r in rates])
    denominators = np.array([r.value.denominator for r in rates])
    rules = {kind: _latest(params.restore_rules[kind]).value for kind in cr.DomainKind}
    fee = _latest(params.restore_fee).amount
    expiry = arrays["registry_expiry"]
    head, _, tld = np.strings.rpartition(arrays["domain"], ".")
    _, dot, second = np.strings.rpartition(head, ".")
    jp = tld == "jp"
    three = jp & (dot == ".")
    attribute = three & np.isin(second, sorted(ATTRIBUTE_LABELS))
    geographic = three & np.isin(second, sorted(p for p in PREFECTURE_LABELS if p.isascii()))
    gtld = ~jp & np.isin(tld, gtlds)
    kind = np.select([attribute, geographic, jp, gtld], [1, 2, 0, 3], 4)  # DomainKind order
    end = np.where(jp, expiry - _latest(params.jp_contract_end_days), expiry)
    months = expiry.astype("datetime64[D]").astype("datetime64[M]")
    following = (months + 1).astype("datetime64[D]").astype(np.int64)
    jp_day = np.where(
        attribute, rules[cr.DomainKind.ATTRIBUTE_JP], rules[cr.DomainKind.GENERIC_JP]
    )
    closes = np.where(jp, following + jp_day - 1, end + rules[cr.DomainKind.GTLD])
    opens = end + 1
    rate = np.searchsorted(starts, opens, side="right") - 1
    tax = fee * numerators[rate] // (denominators[rate] + numerators[rate])
    return {
        "kind": kind,
        "contract_end": end,
        "opens": opens,
        "closes": closes,
        "unknown": kind == 4,
        "closing_basis": np.select([jp, gtld], [0, 1], 3),  # ClosingBasis order
        "fee": fee,
        "fee_excluding_tax": fee - tax,
        "fee_tax": tax,
        "downtime": _latest(params.restore_downtime_minutes) * 60,
    }


def check_timelines(out: Any, reference: dict[str, Any]) -> None:
    """The reference computes the library's figures (or the comparison is void)."""
    import numpy as np

    for name, days in reference.items():
        column = out.column(name).combine_chunks()
        if name == "reminders":
            column = column.flatten()
        got = column.to_numpy(zero_copy_only=False).astype("datetime64[D]").astype(np.int64)
        assert (got == days.ravel()).all(), name


def check_restores(out: Any, reference: dict[str, Any]) -> None:
    """The reference computes the library's figures (or the comparison is void)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    def codes(name: str, values: list[str]) -> Any:
        found = pc.index_in(out.column(name), value_set=pa.array(values))
        return found.to_numpy()

    assert (codes("kind", [k.value for k in cr.DomainKind]) == reference["kind"]).all()
    bases = codes("closing_basis", [b.value for b in cr.ClosingBasis])
    assert (bases == reference["closing_basis"]).all(), "closing_basis"
    closes = out.column("closes")
    assert (closes.is_null().to_numpy() == reference["unknown"]).all(), "closes"
    known = ~reference["unknown"]
    got = closes.fill_null(0).to_numpy().astype("datetime64[D]").astype(np.int64)
    assert (got[known] == reference["closes"][known]).all(), "closes"
    for name in ("contract_end", "opens"):
        days = out.column(name).to_numpy().astype("datetime64[D]").astype(np.int64)
        assert (days == reference[name]).all(), name
    for name in ("fee", "fee_excluding_tax", "fee_tax"):
        assert (out.column(name).to_numpy() == reference[name]).all(), name
    seconds = out.column("downtime").to_numpy().astype("timedelta64[s]").astype(np.int64)
    assert (seconds == reference["downtime"]).all(), "downtime"


_POOLS: list[Any] = []  # the proxy pools measured, kept until the end (Arrow frees into them)


def peak_memory(fn: Callable[[], Any]) -> tuple[int, int, int]:
    """The output's bytes, and the peaks while computing it: tracemalloc's (numpy and Python)
    and pyarrow's memory pool's (Arrow buffers)."""
    import tracemalloc

    import pyarrow as pa

    base = pa.default_memory_pool()
    pool = pa.proxy_memory_pool(base)
    _POOLS.append(pool)
    pa.set_memory_pool(pool)
    tracemalloc.start()
    try:
        out = fn()
        size = out.nbytes
        del out
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        pa.set_memory_pool(base)
    return size, peak, pool.max_memory()


def columnar_domains(rows: int) -> None:
    """renewal_timelines and restore_windows on a pyarrow Table against plain numpy, and
    memory per row."""
    table, arrays = domain_columns(rows)
    gtlds = _generic_tlds()
    print(
        f"columnar ({rows} rows of unique names, a string and a date32 column in, a Table out;"
        " best of 5):"
    )
    cases = [
        (
            "renewal_timelines",
            lambda: cr.renewal_timelines(table),
            lambda: plain_numpy_timelines(arrays),
            check_timelines,
        ),
        (
            "restore_windows",
            lambda: cr.restore_windows(table),
            lambda: plain_numpy_restores(arrays, gtlds),
            check_restores,
        ),
    ]
    for name, vector, reference, check in cases:
        out = vector()
        check(out, reference())
        fallback = out.schema.metadata[b"clararules.fallback_rows"].decode()
        del out
        t_vector = best(vector, repeat=5)
        t_numpy = best(reference, repeat=5)
        size, peak, arrow_peak = peak_memory(vector)
        print(
            f"  {name:19} {rows / t_vector / 1e6:6.2f} M rows/s"
            f"   plain numpy {rows / t_numpy / 1e6:6.2f} M rows/s"
            f"   ratio {t_numpy / t_vector:4.2f}   fallback rows {fallback}\n"
            f"  {'':19} memory per row: output {size / rows:.0f} B, peak while computing"
            f" {peak / rows:.0f} B (tracemalloc) + {arrow_peak / rows:.0f} B (Arrow pool)"
        )
        if name == "renewal_timelines":
            t_checked = best(
                lambda: plain_numpy_timelines_checked(arrays, table["domain"]), repeat=5
            )
            print(
                f"  {'':19} plain numpy with the names checked as the library checks them:"
                f" {rows / t_checked / 1e6:6.2f} M rows/s   ratio {t_checked / t_vector:4.2f}"
            )


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--columnar-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    rows = args.rows
    print(f"python {platform.python_version()} on {platform.machine()}; {rows} rows, best of 3")
    print(f"{'function':22} {'scalar loop':>12} {'batch':>10} {'speed-up':>9}")
    contracts, domains = book_of_contracts(rows), book_of_domains(rows)
    notices = book_of_notices(rows)
    direct_debits = _direct_debits()
    pairs = [
        (
            "quote_cancellations",
            lambda: scalar_quotes(contracts),
            lambda: cr.quote_cancellations(contracts),
        ),
        (
            "renewal_timelines",
            lambda: scalar_timelines(domains),
            lambda: cr.renewal_timelines(domains),
        ),
        (
            "restore_windows",
            lambda: scalar_restores(domains),
            lambda: cr.restore_windows(domains),
        ),
        ("direct_debits", lambda: scalar_debits(notices), lambda: direct_debits(notices)),
    ]
    for name, scalar, batch in pairs:
        cr.domains.names._parse.cache_clear()
        t_scalar = best(scalar) / rows
        cr.domains.names._parse.cache_clear()
        t_batch = best(batch) / rows
        print(
            f"{name:22} {t_scalar * 1e6:10.1f}µs {t_batch * 1e6:8.2f}µs {t_scalar / t_batch:8.1f}x"
        )
    if importlib.util.find_spec("numpy") and importlib.util.find_spec("pyarrow"):
        columnar(args.columnar_rows)
        columnar_debits(args.columnar_rows)
        columnar_domains(args.columnar_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
