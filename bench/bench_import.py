"""Start-up time: ``import clararules`` and the command line, against a bare ``python -c pass``.

Run:  python bench/bench_import.py [--runs N] [--source]

Each case runs in a fresh interpreter (``subprocess``), N times; the cases take turns (one run
of each, then the next round) so that a change in the machine's load hits them all alike.  The
wall time of each run includes starting the interpreter; the table gives the median and the
minimum, and the median's ratio to the median of ``python -c pass``:

- ``python -c pass``: the interpreter alone (with ``site``);
- ``python -c "import clararules"``: the package (the goal is at most 8x);
- ``clararules --help``: the console script of this environment (``python -m clararules`` when
  there is none), which imports the command line but computes nothing;
- ``clararules debit 2026-06-03``: a real command: it also reads the shipped parameters, the
  holiday calendar (``holidays``) and the message catalogs (``babel``) on first use.

By default the runs use compiled bytecode, as an installed wheel does: bytecode is written
once to a temporary ``PYTHONPYCACHEPREFIX`` (nothing is written in the source tree) by a
warm-up run of each case.  ``--source`` keeps the environment as it is: with
``PYTHONDONTWRITEBYTECODE=1`` and an editable install, clararules' own modules are compiled
from source on every run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LAZY = ("cattrs", "icalendar", "pyarrow", "numpy", "pandas", "holidays", "babel", "click")
"""Modules ``import clararules`` should not import (they are imported on first use)."""


def cli_command() -> list[str]:
    """The ``clararules`` console script next to this interpreter, or ``python -m``."""
    script = Path(sys.executable).parent / "clararules"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "clararules"]


def cases() -> list[tuple[str, list[str]]]:
    cli = cli_command()
    shown = "clararules" if len(cli) == 1 else "python -m clararules"
    return [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ('python -c "import clararules"', [sys.executable, "-c", "import clararules"]),
        (f"{shown} --help", [*cli, "--help"]),
        (f"{shown} debit 2026-06-03", [*cli, "debit", "2026-06-03"]),
    ]


def run_once(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of ``command`` in a fresh process, in seconds."""
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def imported_at_start(env: dict[str, str]) -> tuple[list[str], list[str]]:
    """Which of ``LAZY`` (and of attrs, pendulum) ``import clararules`` imports, and which not."""
    names = ("attrs", "pendulum", *LAZY)
    code = f"import sys, clararules; print(' '.join(n for n in {names!r} if n in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    return out, [n for n in names if n not in out]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each case")
    parser.add_argument(
        "--source",
        action="store_true",
        help="keep the environment's bytecode setting (PYTHONDONTWRITEBYTECODE)",
    )
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="clararules-pyc-") as prefix:
        if not args.source:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = prefix
        table = cases()
        for _, command in table:  # warm-up: bytecode written, files in the page cache
            run_once(command, env)
        times: dict[str, list[float]] = {name: [] for name, _ in table}
        for _ in range(args.runs):
            for name, command in table:
                times[name].append(run_once(command, env))
        loaded, lazy = imported_at_start(env)
    bytecode = "compiled from source" if args.source else "bytecode cached"
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus; "
        f"{args.runs} runs of each case, interleaved; {bytecode}"
    )
    print(f"{'command':36} {'median':>9} {'min':>9} {'ratio':>7}")
    base = statistics.median(times[table[0][0]])
    for name, _ in table:
        median, least = statistics.median(times[name]), min(times[name])
        print(f"{name:36} {median * 1e3:7.1f}ms {least * 1e3:7.1f}ms {median / base:6.1f}x")
    print(f"imported by `import clararules`: {', '.join(loaded) or '-'}")
    print(f"not imported (on first use):     {', '.join(lazy) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
