"""Per-row cost of the batch functions against the scalar functions called in a loop, and of
the vector paths (pyarrow Tables in and out) against plain numpy.

Run:  python bench/bench_batch.py [--rows N] [--columnar-rows N]

The book is synthetic but realistic: varied fees, activation dates, receipt instants in UTC,
desired months, unique domain names of every kind with month-end expiries, and debit notices
arriving on every day of five years.
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
