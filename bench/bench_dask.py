"""Throughput of docs/batch.md's Dask recipe: a book of contracts in Parquet files, quoted
partition by partition (``quote_cancellations``) by 1 and 2 worker processes.

Run:  python bench/bench_dask.py [--rows N] [--partitions P] [--workers 1,2] [--repeat R]

The book (the docs' schema: string ids, int64 fees and terms, date32 activations, UTC
timestamps, desired months and special terms with nulls) is written once to a temporary
folder in P files.  Each case runs the recipe end to end (read the Parquet files with Arrow
types, quote, write the quotes' Parquet files) and is timed from the call to the last file
written, best of R.  A processes run includes starting its worker processes (Dask starts a
new pool for each computation; "pool start" times that alone).  "unfused" is the recipe
without ``.optimize()``: Dask then runs reading, quoting, resetting the index and writing
as separate tasks, and the processes scheduler sends each task's result (a whole partition)
back to the main process and out again.  "chunksize 6" is the processes scheduler's default
batching (6 tasks sent to a worker at once: of 8 partitions, 6 go to one worker), which the
recipe sets to 1.  For reference, the same work in one process
without Dask (pyarrow read, ``quote_cancellations`` of the whole Table, pyarrow write), and
Dask's single-threaded ``sync`` scheduler.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clararules import quote_cancellations


def write_book(folder: Path, rows: int, partitions: int) -> None:
    """A synthetic book of ``rows`` contracts in ``partitions`` Parquet files."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    i = np.arange(rows, dtype=np.int64)
    desired = np.array([f"2027-{m:02d}" for m in range(1, 13)], dtype=object)[i % 12]
    schema = pa.schema(
        [
            ("contract_id", pa.string()),
            ("monthly_fee", pa.int64()),
            ("activated_on", pa.date32()),
            ("minimum_term_months", pa.int64()),
            ("received_at", pa.timestamp("s", tz="UTC")),
            ("desired_month", pa.string()),
            ("special_agreement_term_months", pa.int64()),
        ]
    )
    received = np.datetime64("2026-01-01T00:00:00", "s").astype(np.int64)
    table = pa.table(
        {
            "contract_id": pa.array(np.char.add("C", i.astype("U9")).astype(object)),
            "monthly_fee": 1000 * (1 + i % 30),
            "activated_on": pa.array(
                (np.datetime64("2024-01-01") + (i * 37) % 700).astype(np.int64).astype(np.int32)
            ).view(pa.date32()),
            "minimum_term_months": np.array([0, 6, 12, 24])[i % 4],
            "received_at": pa.array(received + (i * 7919) % (365 * 86400)).view(
                pa.timestamp("s", tz="UTC")
            ),
            "desired_month": pa.array(np.where(i % 3 == 0, None, desired)),
            "special_agreement_term_months": pa.array(
                np.where(i % 5 == 0, 36, 0), mask=(i % 5 != 0)
            ),
        }
    ).cast(schema)
    folder.mkdir(parents=True)
    size = -(-rows // partitions)
    for part, start in enumerate(range(0, rows, size)):
        pq.write_table(table.slice(start, size), folder / f"part-{part:03d}.parquet")


def dask_recipe(
    contracts: Path,
    quotes: Path,
    scheduler: str,
    workers: int,
    *,
    fused: bool = True,
    chunksize: int = 1,
) -> None:
    """docs/batch.md's recipe, with the scheduler and the number of workers given; unfused,
    ``to_parquet`` computes the graph as it is (Dask 2026.8 fuses it only when asked);
    ``chunksize`` is the number of tasks the processes scheduler sends a worker at once."""
    import dask
    import dask.dataframe as dd

    book = dd.read_parquet(str(contracts), index="contract_id", dtype_backend="pyarrow")
    out = book.map_partitions(quote_cancellations, meta=quote_cancellations(book._meta))
    with dask.config.set(scheduler=scheduler, num_workers=workers, chunksize=chunksize):
        if fused:
            out.to_parquet(str(quotes), compute=False).optimize().compute()
        else:
            out.to_parquet(str(quotes))


def pool_start(workers: int) -> None:
    """The processes scheduler's fixed cost: a pool of ``workers`` started (spawn: each
    imports numpy, pandas, pyarrow, dask and clararules) and one one-row DataFrame quoted by
    each worker."""
    import datetime as dt

    import dask
    import pandas as pd

    row = pd.DataFrame(
        {
            "monthly_fee": [5000],
            "activated_on": [dt.date(2026, 4, 15)],
            "minimum_term_months": [12],
            "received_at": [pd.Timestamp("2026-11-30T15:00", tz="UTC")],
        }
    )
    tasks = [dask.delayed(quote_cancellations)(row) for _ in range(workers)]
    with dask.config.set(scheduler="processes", num_workers=workers):
        dask.compute(*tasks)


def one_process(contracts: Path, quotes: Path) -> None:
    """The same work without Dask: one Table read, quoted and written in this process."""
    import pyarrow.parquet as pq

    table = pq.read_table(contracts)
    out = quote_cancellations(table.drop_columns(["contract_id"]))
    out = out.append_column("contract_id", table.column("contract_id"))
    quotes.mkdir()
    pq.write_table(out, quotes / "quotes.parquet")


def processes_cases(contracts: Path, workers: int) -> list[tuple[str, Callable[[Path], Any]]]:
    """The recipe with ``workers`` processes, and its variants (see the module docstring)."""
    cases: list[tuple[str, Callable[[Path], Any]]] = [
        (
            f"dask processes, {workers} worker{'s' * (workers > 1)}",
            lambda out: dask_recipe(contracts, out, "processes", workers),
        ),
        (
            "  the same, unfused",
            lambda out: dask_recipe(contracts, out, "processes", workers, fused=False),
        ),
    ]
    if workers > 1:
        cases.append(
            (
                "  the same, chunksize 6",
                lambda out: dask_recipe(contracts, out, "processes", workers, chunksize=6),
            )
        )
    cases.append(("  of which pool start", lambda out: pool_start(workers)))
    return cases


def best(run: Callable[[Path], Any], scratch: Path, repeat: int) -> float:
    times = []
    for k in range(repeat):
        target = scratch / f"quotes-{k}"
        start = time.perf_counter()
        run(target)
        times.append(time.perf_counter() - start)
        shutil.rmtree(target, ignore_errors=True)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4_000_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import dask

    rows = args.rows
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores,"
        f" dask {dask.__version__}; {rows} rows in {args.partitions} Parquet files;"
        f" best of {args.repeat}"
    )
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        contracts = scratch / "contracts"
        start = time.perf_counter()
        write_book(contracts, rows, args.partitions)
        print(f"book written in {time.perf_counter() - start:.1f} s")
        cases: list[tuple[str, Callable[[Path], Any]]] = [
            ("one process, no Dask", lambda out: one_process(contracts, out)),
            ("dask sync scheduler", lambda out: dask_recipe(contracts, out, "sync", 1)),
        ]
        for workers in (int(n) for n in args.workers.split(",")):
            cases += processes_cases(contracts, workers)
        print(f"{'case':32} {'seconds':>8} {'rows/s':>12}")
        for name, run in cases:
            seconds = best(run, scratch, args.repeat)
            speed = "" if "pool" in name else f"{rows / seconds / 1e6:9.2f} M"
            print(f"{name:32} {seconds:8.2f} {speed:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
