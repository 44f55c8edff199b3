"""Per-row cost of the batch functions against the scalar functions called in a loop.

Run:  python bench/bench_batch.py [--rows N]

The book is synthetic but realistic: varied fees, activation dates, receipt instants in UTC,
desired months, and unique domain names of every kind with month-end expiries.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    args = parser.parse_args()
    rows = args.rows
    print(f"python {platform.python_version()} on {platform.machine()}; {rows} rows, best of 3")
    print(f"{'function':22} {'scalar loop':>12} {'batch':>10} {'speed-up':>9}")
    contracts, domains = book_of_contracts(rows), book_of_domains(rows)
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
    ]
    for name, scalar, batch in pairs:
        cr.domains.names._parse.cache_clear()
        t_scalar = best(scalar) / rows
        cr.domains.names._parse.cache_clear()
        t_batch = best(batch) / rows
        print(
            f"{name:22} {t_scalar * 1e6:10.1f}µs {t_batch * 1e6:8.2f}µs {t_scalar / t_batch:8.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
