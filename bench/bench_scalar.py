"""Per-call cost of clararules' main functions against bare stdlib computations of the same figures.

Run:  python bench/bench_scalar.py [--number N]

Each clararules call returns its full result with the explanation (and, with --render, also
renders every step's English sentence).  Each reference is a hand-written computation of the
same figures with plain ``datetime``/``calendar`` in the same process — no validation, no
explanation — so the ratio is the price of checked, explained results.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import datetime as dt
import platform
import statistics
import sys
import timeit
import unicodedata
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
# Each computes the same figures as the rule function, with the same look-ups (the tax rate in
# force by date, the C9/C10 service lists, the .jp kind), on plain ints and stdlib dates, with
# no validation and no explanation: what a careful hand-written billing script would do.

# G3: the standard rate by the first day it holds (ordinal), as (numerator, denominator).
_RATES = (
    (dt.date(1, 1, 1).toordinal(), 0, 1),
    (dt.date(1989, 4, 1).toordinal(), 3, 100),
    (dt.date(1997, 4, 1).toordinal(), 5, 100),
    (dt.date(2014, 4, 1).toordinal(), 8, 100),
    (dt.date(2019, 10, 1).toordinal(), 10, 100),
)
_RATE_STARTS = tuple(r[0] for r in _RATES)


def _rate(ordinal: int) -> tuple[int, int]:
    _, num, den = _RATES[bisect.bisect_right(_RATE_STARTS, ordinal) - 1]
    return num, den


def _month_end(index: int) -> dt.date:
    y, m0 = divmod(index, 12)
    return dt.date(y, m0 + 1, calendar.monthrange(y, m0 + 1)[1])


def ref_quote(
    received: dt.datetime, desired: tuple[int, int], fee: int, activated: dt.date, term: int
):
    local = received.astimezone(JST)
    arrival = local.year * 12 + local.month - 1
    want = desired[0] * 12 + desired[1] - 1
    month = want if want > arrival else arrival + 1
    effective = _month_end(month)
    start = activated.year * 12 + activated.month
    used = 0 if month < start else month - start + 1
    short = max(0, term - used)
    amount = fee * short
    num, den = _rate(effective.toordinal())
    return effective, short, amount, amount + amount * num // den


_EOL = frozenset({"flex mini", "flex mini 2", "fps"})
_EOL_PREFIXES = ("vps",)
_ANNUAL = frozenset({"clara cloud flex", "flex mini cube", "flex web", "kusanagi with cube"})


def ref_plan_change(
    service: str, current: int, new: int, start: tuple[int, int], changed: dt.date
):
    name = " ".join(unicodedata.normalize("NFKC", service).casefold().split())
    if name in _EOL or name.startswith(_EOL_PREFIXES) or name not in _ANNUAL:
        raise ValueError(name)
    first = start[0] * 12 + start[1] - 1
    change = changed.year * 12 + changed.month - 1
    if not first <= change <= first + 11:
        raise ValueError
    remaining = first + 11 - change + 1
    difference = new - current
    if difference <= 0:
        return remaining, 0, 0
    by_rate: dict[tuple[int, int], int] = {}
    changed_ordinal = changed.toordinal()
    for i in range(remaining):  # each month supplied from its first day (G3)
        y, m0 = divmod(change + i, 12)
        supplied = max(dt.date(y, m0 + 1, 1).toordinal(), changed_ordinal)
        rate = _rate(supplied)
        by_rate[rate] = by_rate.get(rate, 0) + difference
    amount = difference * remaining
    tax = sum(base * num // den for (num, den), base in by_rate.items())
    return remaining, amount, amount + tax


def ref_timeline(domain: str, expiry: dt.date):
    o = expiry.toordinal()
    end = o - 7 if domain.endswith(".jp") else o
    d = dt.date.fromordinal
    window = (d(end - 50), d(end - 45))
    reminders = tuple(d(end - n) for n in (45, 15, 7, 3, 0))
    return d(end), window, reminders


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
    num, den = _rate(opens.toordinal())
    tax = 12000 * num // (den + num)  # D8: the fee includes the tax
    return opens, closes, 12000, tax


def ref_effective(received: dt.datetime, desired: tuple[int, int]):
    local = received.astimezone(JST)
    arrival = local.year * 12 + local.month - 1
    want = desired[0] * 12 + desired[1] - 1
    month = want if want > arrival else arrival + 1
    deadline = _month_end(month - 1)
    return _month_end(month), want <= arrival, deadline


def ref_charge(month: tuple[int, int], fee: int, activated: dt.date, term: int):
    index = month[0] * 12 + month[1] - 1
    start = activated.year * 12 + activated.month
    used = 0 if index < start else index - start + 1
    short = max(0, term - used)
    amount = fee * short
    num, den = _rate(_month_end(index).toordinal())
    return short, amount, amount + amount * num // den


def ref_status(domain: str, expiry: dt.date, on: dt.date):
    opens, closes, _, _ = ref_restore(domain, expiry)
    end = opens - dt.timedelta(days=1)
    if on < end - dt.timedelta(days=50):
        return "active"
    if on <= end:
        return "renewal_due"
    if closes is None:
        return "unpaid_past_contract_end"
    return "restorable" if on <= closes else "abolished"


def ref_seal(kind: str, full_name: bool | None):
    if kind == "staff_seal":
        return False, ()
    if kind == "title_holder_seal" or full_name:
        return True, ()
    return False, ("shows_full_legal_name",) if full_name is None else ()


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
seal_kinds = ["company_seal", "official_seal", "title_holder_seal", "staff_seal"]
seal_names: list[bool | None] = [True, False, None]


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
            lambda i: ref_plan_change("Flex Web", 10000, 15000, (2026, 4), changed[i]),
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
        (
            "cancellation_effective_date",
            lambda i: explained(cr.cancellation_effective_date(received[i], desired[i])),
            lambda i: ref_effective(received[i], (desired[i].year, desired[i].month)),
        ),
        (
            "minimum_term_charge",
            lambda i: explained(cr.minimum_term_charge(contract, desired[i])),
            lambda i: ref_charge(
                (desired[i].year, desired[i].month), 5000, contract.activated_on, 24
            ),
        ),
        (
            "direct_debit",
            lambda i: explained(cr.direct_debit(arrivals[i])),
            lambda i: ref_debit(arrivals[i]),
        ),
        (
            "domain_status",
            lambda i: explained(cr.domain_status(names[i], expiries[i], arrivals[i])),
            lambda i: ref_status(domains[i % 4], plain_expiries[i], arrivals[i]),
        ),
        (
            "check_seal",
            lambda i: explained(cr.check_seal(seal_kinds[i % 4], seal_names[i % 3])),
            lambda i: ref_seal(seal_kinds[i % 4], seal_names[i % 3]),
        ),
    ]


def check_references() -> None:
    """Each reference computes the library's figures on every input (or the bench is void)."""
    for i in range(N_INPUTS):
        q = cr.quote_cancellation(contract, received[i], desired[i])
        figures = (q.date.effective_on, q.charge.months_short, q.charge.amount.amount)
        ref = ref_quote(
            received[i], (desired[i].year, desired[i].month), 5000, contract.activated_on, 24
        )
        assert (*figures, q.charge.amount_with_tax.amount) == ref, ("quote", i)
        p = cr.plan_change("Flex Web", cr.Yen(10000), cr.Yen(15000), cr.Month(2026, 4), changed[i])
        assert (p.remaining_months, p.amount.amount, p.amount_with_tax.amount) == (
            ref_plan_change("Flex Web", 10000, 15000, (2026, 4), changed[i])
        ), ("plan_change", i)
        t = cr.renewal_timeline(names[i], expiries[i])
        window = (t.order_window.first, t.order_window.last)
        assert (t.contract_end, window, t.reminders) == ref_timeline(
            domains[i % 4], plain_expiries[i]
        ), ("renewal_timeline", i)
        assert cr.direct_debit_on(arrivals[i]) == ref_debit(arrivals[i]), ("debit", i)
        w = cr.restore_window(names[i], expiries[i])
        assert (w.opens, w.closes, w.fee.amount, w.fee_tax.amount) == ref_restore(
            domains[i % 4], plain_expiries[i]
        ), ("restore_window", i)
        e = cr.cancellation_effective_date(received[i], desired[i])
        assert (e.effective_on, e.shifted, e.deadline.date()) == ref_effective(
            received[i], (desired[i].year, desired[i].month)
        ), ("cancellation_effective_date", i)
        c = cr.minimum_term_charge(contract, desired[i])
        assert (c.months_short, c.amount.amount, c.amount_with_tax.amount) == ref_charge(
            (desired[i].year, desired[i].month), 5000, contract.activated_on, 24
        ), ("minimum_term_charge", i)
        state = cr.domain_status(names[i], expiries[i], arrivals[i])
        assert state.status.value == ref_status(domains[i % 4], plain_expiries[i], arrivals[i])
        seal = cr.check_seal(seal_kinds[i % 4], seal_names[i % 3])
        assert (seal.accepted, seal.missing) == ref_seal(seal_kinds[i % 4], seal_names[i % 3])


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
    check_references()
    print(
        f"python {platform.python_version()} on {platform.machine()}, clararules {cr.__version__}, "
        f"pendulum {metadata.version('pendulum')}; {args.number} calls x best of 5"
        + (", sentences rendered" if args.render else "")
    )
    print(f"{'function':28} {'clararules':>12} {'bare stdlib':>12} {'ratio':>7}")
    ratios = []
    for name, ours, ref in cases(args.render):
        t_ours, t_ref = per_call(ours, args.number), per_call(ref, args.number)
        ratios.append(t_ours / t_ref)
        print(f"{name:28} {t_ours * 1e6:10.1f}µs {t_ref * 1e6:10.2f}µs {t_ours / t_ref:6.1f}x")
    print(f"{'geometric mean':28} {'':>12} {'':>12} {statistics.geometric_mean(ratios):6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
