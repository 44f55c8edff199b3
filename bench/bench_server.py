"""Throughput and latency of the HTTP service (``clararules serve``) on loopback.

Run:  python bench/bench_server.py [--requests N] [--seconds S]

Starts uvicorn on a free loopback port in a subprocess (one worker, as ``clararules serve``
runs it), waits for ``/health``, then sends ``POST /cancellation/quote`` (a full quote with its
explanation in both languages) with an ``httpx.AsyncClient`` at concurrency 1, 8 and 64: at
most N requests or S seconds per level, whichever ends first.  Reports requests/s and the p50
and p99 latency of each level; any non-200 answer or transport error fails the run (exit 1).
Stops the server at the end.  Client and server share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import subprocess
import sys
import time
from typing import Any

import httpx

BODY: dict[str, Any] = {
    "received_at": "2026-12-01T00:00+09:00",
    "desired_month": "2026-12",
    "fee": 5000,
    "activated_on": "2026-04-15",
    "term_months": 12,
}
PATH = "/cancellation/quote"
LEVELS = (1, 8, 64)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(port: int) -> subprocess.Popen[bytes]:
    code = f"from clararules.server import serve; serve('127.0.0.1', {port}, log_level='warning')"
    return subprocess.Popen([sys.executable, "-c", code], env={**os.environ})


def wait_healthy(url: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if httpx.get(f"{url}/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"no answer from {url}/health in {timeout} s")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def level(url: str, concurrency: int, requests: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30.0) as client:
        for _ in range(min(20, requests)):  # warm up the connection pool and the caches
            await client.post(PATH, json=BODY)
        started = time.perf_counter()
        deadline = started + seconds
        sent = 0

        async def worker() -> None:
            nonlocal sent
            while sent < requests and time.perf_counter() < deadline:
                sent += 1
                begin = time.perf_counter()
                try:
                    response = await client.post(PATH, json=BODY)
                except httpx.HTTPError as error:
                    errors.append(repr(error))
                    continue
                latencies.append(time.perf_counter() - begin)
                if response.status_code != 200:
                    errors.append(f"HTTP {response.status_code}: {response.text[:200]}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.50) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per level, at most")
    parser.add_argument("--seconds", type=float, default=15.0, help="seconds per level, at most")
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start(port)
    failed = False
    try:
        wait_healthy(url)
        print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs; POST {PATH}")
        print(f"{'concurrency':>11}  {'requests':>8}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}")
        for concurrency in LEVELS:
            done = asyncio.run(level(url, concurrency, args.requests, args.seconds))
            print(
                f"{done['concurrency']:>11}  {done['requests']:>8}  {done['rps']:>7.0f}  "
                f"{done['p50']:>7.2f}  {done['p99']:>7.2f}"
            )
            if done["errors"]:
                failed = True
                print(f"  {len(done['errors'])} errors, first: {done['errors'][0]}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
