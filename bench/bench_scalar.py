"""Per-call cost of clararules' main functions against bare stdlib computations of the same figures.

Run:  python bench/bench_scalar.py [--number N]

Each clararules call returns its full result with the explanation (and, with --render, also
renders every step's English sentence).  Each reference is a hand-written computation of the
same figures with plain ``datetime``/``calendar`` in the same process — no validation, no
explanation — so the ratio is the price of checked, explained results.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import platform
import statistics
import sys
import timeit
from collections.abc import Callable
from importlib import metadata

import holidays

import clararules as cr

JST = dt.timezone(dt.timedelta(hours=9))
_BANK = {
    d
    for y in range(2025, 2030)
    for d in holidays.country_holidays("JP", categories=(holidays.PUBLIC, holidays.BANK), years=y)
}


# ---------------------------------------------------------------- bare references


def ref_quote(
    received: dt.datetime, desired: tuple[int, int], fee: int, activated: dt.date, term: int
):
    local = received.astimezone(JST)
    arrival = local.year * 12 + local.month - 1
    want = desired[0] * 12 + desired[1] - 1
    month = want if want > arrival else arrival + 1
    y, m0 = divmod(month, 12)
    effective = dt.date(y, m0 + 1, calendar.monthrange(y, m0 + 1)[1])
    start = activated.year * 12 + activated.month
    used = 0 if month < start else month - start + 1
    short = max(0, term - used)
    amount = fee * short
    return effective, short, amount, amount + amount // 10


def ref_plan_change(current: int, new: int, start: tuple[int, int], changed: dt.date):
    first = start[0] * 12 + start[1] - 1
    change = changed.year * 12 + changed.month - 1
    if not first <= change <= first + 11:
        raise ValueError
    remaining = first + 11 - change + 1
    amount = max(0, new - current) * remaining
    return remaining, amount, amount + amount // 10


def ref_timeline(domain: str, expiry: dt.date):
    end = expiry - dt.timedelta(days=7) if domain.endswith(".jp") else expiry
    window = (end - dt.timedelta(days=50), end - dt.timedelta(days=45))
    reminders = tuple(end - dt.timedelta(days=n) for n in (45, 15, 7, 3, 0))
    return end, window, reminders


def _next_business(day: dt.date) -> dt.date:
    while day.weekday() >= 5 or day in _BANK:
        day += dt.timedelta(days=1)
    return day


def ref_debit(arrived: dt.date) -> dt.date:
    debit = _next_business(arrived.replace(day=27))
    if arrived > debit:
        y, m = divmod(arrived.year * 12 + arrived.month, 12)
        debit = _next_business(dt.date(y, m + 1, 27))
    return debit


def ref_restore(domain: str, expiry: dt.date):
    labels = domain.split(".")
    end = expiry - dt.timedelta(days=7) if labels[-1] == "jp" else expiry
    opens = end + dt.timedelta(days=1)
    if labels[-1] == "jp":
        y, m = divmod(expiry.year * 12 + expiry.month, 12)
        closes = dt.date(y, m + 1, 15 if labels[-2] in {"co", "or", "ne"} else 20)
    elif len(labels[-1]) == 2:
        closes = None
    else:
        closes = end + dt.timedelta(days=30)
    return opens, closes, 12000


# ---------------------------------------------------------------- inputs

N_INPUTS = 64
received = [
    dt.datetime(2026, 1 + i % 12, 1 + i % 28, i % 24, tzinfo=dt.UTC) for i in range(N_INPUTS)
]
desired = [cr.Month(2026 + (i % 12 + 1) // 12, (i % 12 + 1) % 12 + 1) for i in range(N_INPUTS)]
contract = cr.Contract("Flex Web", cr.Yen(5000), dt.date(2025, 4, 15), 24)
changed = [dt.date(2026, 4 + i % 9, 1 + i % 28) for i in range(N_INPUTS)]
domains = ["example.jp", "example.co.jp", "example.com", "ex.tokyo.jp"]
names = [cr.DomainName.parse(domains[i % 4]) for i in range(N_INPUTS)]
expiries = [cr.Month(2027, 1 + i % 12).last_day for i in range(N_INPUTS)]
# The references get plain datetime.date values, as a stdlib-only caller would have.
plain_expiries = [dt.date(d.year, d.month, d.day) for d in expiries]
arrivals = [dt.date(2026, 1 + i % 12, 1 + i % 28) for i in range(N_INPUTS)]


def cases(render: bool) -> list[tuple[str, Callable[[int], object], Callable[[int], object]]]:
    def explained(result: object) -> object:
        if render:
            for step in result.explanation:  # type: ignore[attr-defined]
                _ = step.en
        return result

    return [
        (
            "quote_cancellation",
            lambda i: explained(cr.quote_cancellation(contract, received[i], desired[i])),
            lambda i: ref_quote(
                received[i], (desired[i].year, desired[i].month), 5000, contract.activated_on, 24
            ),
        ),
        (
            "plan_change",
            lambda i: explained(
                cr.plan_change(
                    "Flex Web", cr.Yen(10000), cr.Yen(15000), cr.Month(2026, 4), changed[i]
                )
            ),
            lambda i: ref_plan_change(10000, 15000, (2026, 4), changed[i]),
        ),
        (
            "renewal_timeline",
            lambda i: explained(cr.renewal_timeline(names[i], expiries[i])),
            lambda i: ref_timeline(domains[i % 4], plain_expiries[i]),
        ),
        (
            "direct_debit_on",
            lambda i: cr.direct_debit_on(arrivals[i]),
            lambda i: ref_debit(arrivals[i]),
        ),
        (
            "restore_window",
            lambda i: explained(cr.restore_window(names[i], expiries[i])),
            lambda i: ref_restore(domains[i % 4], plain_expiries[i]),
        ),
    ]


def per_call(fn: Callable[[int], object], number: int, repeat: int = 5) -> float:
    def loop() -> None:
        for k in range(number):
            fn(k % N_INPUTS)

    loop()  # warm caches (holidays, parameters)
    return min(timeit.repeat(loop, number=1, repeat=repeat)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=2000, help="calls per timing run")
    parser.add_argument("--render", action="store_true", help="also render every sentence")
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()}, clararules {cr.__version__}, "
        f"pendulum {metadata.version('pendulum')}; {args.number} calls x best of 5"
        + (", sentences rendered" if args.render else "")
    )
    print(f"{'function':20} {'clararules':>12} {'bare stdlib':>12} {'ratio':>7}")
    ratios = []
    for name, ours, ref in cases(args.render):
        t_ours, t_ref = per_call(ours, args.number), per_call(ref, args.number)
        ratios.append(t_ours / t_ref)
        print(f"{name:20} {t_ours * 1e6:10.1f}µs {t_ref * 1e6:10.2f}µs {t_ours / t_ref:6.1f}x")
    print(f"{'geometric mean':20} {'':>12} {'':>12} {statistics.geometric_mean(ratios):6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
