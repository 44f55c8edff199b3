"""Per-call cost of clararules' rule functions against bare stdlib computations of the same figures.

Run:  python bench/bench_scalar.py [--number N] [--render] [--only NAME[,NAME...]]

Each clararules call returns its full result with the explanation (and, with --render, also
renders every step's English sentence).  Each reference (bench/scalar_refs.py) is a hand-written
computation of the same figures with plain ``datetime``/``calendar`` in the same process — no
validation, no explanation — so the ratio is the price of checked, explained results.  Before
timing, every reference is checked to give the library's figures on every input.
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
from fractions import Fraction
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import clararules as cr

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scalar_refs as ref  # next to this script, which is run as a file

JST = ref.JST
N_INPUTS = 64
_I = range(N_INPUTS)


def _last_day(index: int) -> dt.date:
    """The last day of month ``index`` (year * 12 + month - 1), for building inputs."""
    y, m0 = divmod(index, 12)
    return dt.date(y, m0 + 1, calendar.monthrange(y, m0 + 1)[1])


def _index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


# ---------------------------------------------------------------- inputs
# The library gets what a caller holds (Month, Yen, DomainName, enums or their strings); the
# references get plain ints, strings and stdlib dates.  No input makes the library raise.

received = [dt.datetime(2026, 1 + i % 12, 1 + i % 28, i % 24, tzinfo=dt.UTC) for i in _I]
desired = [cr.Month(2026 + (i % 12 + 1) // 12, (i % 12 + 1) % 12 + 1) for i in _I]
plain_desired = [(m.year, m.month) for m in desired]
contract = cr.Contract("Flex Web", cr.Yen(5000), dt.date(2025, 4, 15), 24)
changed = [dt.date(2026, 4 + i % 9, 1 + i % 28) for i in _I]
domains = ["example.jp", "example.co.jp", "example.com", "ex.tokyo.jp"]
names = [cr.DomainName.parse(domains[i % 4]) for i in _I]
expiries = [cr.Month(2027, 1 + i % 12).last_day for i in _I]
# The references get plain datetime.date values, as a stdlib-only caller would have.
plain_expiries = [dt.date(d.year, d.month, d.day) for d in expiries]
arrivals = [dt.date(2026, 1 + i % 12, 1 + i % 28) for i in _I]
seal_kinds = ["company_seal", "official_seal", "title_holder_seal", "staff_seal"]
seals = [
    (
        seal_kinds[i % 4],
        (True, False, None)[i % 3],
        i // 12 % 2 == 1,
        (None, True, False)[i // 3 % 3],
    )
    for i in _I
]

# G3: dates across the rate history, amounts, the three roundings; parts straddling a change.
MODES = (cr.Rounding.DOWN, cr.Rounding.HALF_UP, cr.Rounding.UP)
modes = [MODES[i % 3] for i in _I]
mode_names = [m.value for m in modes]
_TAX_DAYS = (
    (1989, 3, 31), (1989, 4, 1), (1997, 3, 31), (2000, 6, 15), (2014, 3, 31),
    (2014, 4, 1), (2019, 9, 30), (2019, 10, 1), (2026, 10, 31),
)  # fmt: skip
tax_days = [dt.date(*_TAX_DAYS[i % 9]) for i in _I]
tax_amounts = [999 + 1237 * i for i in _I]
tax_yen = [cr.Yen(a) for a in tax_amounts]
fractions: list[Fraction | int] = [
    (i - 20) * 1237 + 5
    if i % 8 == 7
    else Fraction((i - 20) * 1237 + 5, (2, 3, 4, 7, 10, 100)[i % 6])
    for i in _I
]
_PART_STARTS = (
    dt.date(1989, 2, 1), dt.date(1997, 2, 1), dt.date(2014, 2, 1), dt.date(2019, 8, 1),
    dt.date(2026, 1, 1),
)  # fmt: skip


def _parts(i: int) -> tuple[tuple[dt.date, int], ...]:
    """1 to 6 monthly parts; now and then a credit first."""
    start, fee = _index(_PART_STARTS[i % 5]), 1000 + 37 * i
    parts = []
    for k in range(1 + i % 6):
        y, m0 = divmod(start + k, 12)
        parts.append((dt.date(y, m0 + 1, 1 + k * 9 % 28), -fee if i % 7 == 3 and k == 0 else fee))
    return tuple(parts)


plain_parts = [_parts(i) for i in _I]
yen_parts = [tuple((day, cr.Yen(amount)) for day, amount in p) for p in plain_parts]

# G4: Golden Week, the September holidays, the year end, Coming of Age Day.
_BANK_BASES = (
    dt.date(2026, 4, 25),
    dt.date(2026, 9, 17),
    dt.date(2026, 12, 24),
    dt.date(2027, 1, 8),
)
bank_days = [_BANK_BASES[i % 4] + dt.timedelta(days=i // 4) for i in _I]
shifts = [i * 37 % 801 - 400 for i in _I]

# G1: aware datetimes in UTC, UTC-5 and New York (DST), JST dates, ISO strings.
_ZONES = (dt.UTC, dt.timezone(dt.timedelta(hours=-5)), ZoneInfo("America/New_York"))


def _moment(i: int) -> dt.date | str:
    month, day, hour = 1 + i % 12, 1 + i % 28, i % 24
    if i % 5 == 3:
        return dt.date(2026, month, day)
    if i % 10 == 4:
        return f"2026-{month:02d}-{day:02d}T{hour:02d}:30:00Z"
    if i % 10 == 9:
        return f"2026-{month:02d}-{day:02d}"
    return dt.datetime(2026, month, day, hour, 30, tzinfo=_ZONES[i % 5 % 3])


moments = [_moment(i) for i in _I]

# C2-C6: contracts activated before and after "now", with no term, with a special agreement.
_CONTRACTS = (
    ("Flex Web", 5000, dt.date(2025, 4, 15), 24, None),
    ("Clara Cloud Flex", 8000, dt.date(2026, 6, 1), 12, None),
    ("Flex Web", 3000, dt.date(2027, 2, 10), 12, None),
    ("KUSANAGI with Cube", 12000, dt.date(2025, 10, 31), 0, None),
    ("Flex Web", 5000, dt.date(2026, 1, 20), 12, 36),
)
contracts = [
    cr.Contract(s, cr.Yen(fee), on, term, special_agreement_term_months=special)
    for s, fee, on, term, special in _CONTRACTS
]
plain_contracts = [(fee, on, term, special) for _, fee, on, term, special in _CONTRACTS]
option_counts = [(1, 3, 6, 12, 24)[i // 5 % 5] for i in _I]
deadline_months = [cr.Month(2023 + i // 12 % 5, 1 + i % 12) for i in _I]

# D1-D9: every kind of name; .jp expiries are month ends; days from well before the order
# window to past the restore window; each payment method; paid early, late or not at all.
plan_domains = [
    "example.jp", "example.co.jp", "example.com", "ex.tokyo.jp",
    "example.uk", "example.net", "shop.or.jp", "example.tokyo",
]  # fmt: skip
plan_names = [cr.DomainName.parse(plan_domains[i % 8]) for i in _I]
plan_expiries = [
    _last_day(2027 * 12 + i % 12)
    if plan_names[i].kind.is_jp
    else dt.date(2027, 1 + i % 12, 1 + i * 7 % 28)
    for i in _I
]
plan_today = [
    plan_expiries[i] + dt.timedelta(days=(-150, -52, -20, -7, 1, 10, 19, 40)[i // 8 % 8])
    for i in _I
]
payments = [("credit_card", "invoice", "direct_debit")[i % 3] for i in _I]
plan_payments = [cr.PaymentMethod(p) for p in payments]
paid = [
    plan_expiries[i] - dt.timedelta(days=30)
    if i % 5 == 2
    else plan_expiries[i] + dt.timedelta(days=3)
    if i % 7 == 5
    else None
    for i in _I
]

# C7: extend or withdraw; late, unregistered, fields left out or blank, wrong stated dates,
# new dates not a month end or not later; with and without a monthly fee.
_ACCEPTED = (
    dt.date(2026, 11, 30),
    dt.date(2027, 3, 31),
    dt.date(2026, 9, 30),
    dt.date(2027, 2, 28),
)


def _review_input(i: int) -> tuple[tuple[Any, ...], dt.date, int | None]:
    accepted = _ACCEPTED[i % 4]
    kind = "withdraw" if i % 3 == 2 else "extend"
    if i % 7 == 6:  # 00:30 JST the day after: too late
        requested = dt.datetime(accepted.year, accepted.month, accepted.day, 15, 30, tzinfo=dt.UTC)
    else:
        before = accepted - dt.timedelta(days=3 + i % 20)
        requested = dt.datetime.combine(before, dt.time(10), tzinfo=JST)
    stated: dt.date | None = accepted
    if i % 9 == 8:
        stated = accepted - dt.timedelta(days=1)
    elif i % 17 == 16:
        stated = _ACCEPTED[(i + 1) % 4]
    elif i % 29 == 28:
        stated = None
    new_on: dt.date | None = None
    if kind == "extend":
        new_on = _last_day(_index(accepted) + 1 + i % 4)
        if i % 10 == 7:
            new_on = new_on.replace(day=15)
        elif i % 19 == 18:
            new_on = accepted
        elif i % 23 == 22:
            new_on = None
    request = (
        kind,
        requested,
        i % 5 != 4,
        None if i % 11 == 10 else f"C-{1000 + i}",
        "Flex Web",
        "  " if i % 13 == 12 else "www.example.jp",
        stated,
        new_on,
        None if kind == "extend" or i % 8 == 5 else "moving to another provider",
    )
    return request, accepted, None if i % 8 == 1 else 5000 + 1000 * (i % 3)


reviews = [_review_input(i) for i in _I]
review_modes = [MODES[i // 3 % 3] for i in _I]
requests = [
    cr.CancellationChangeRequest(
        kind=r[0],
        requested_at=r[1],
        from_registered_contact=r[2],
        customer_number=r[3],
        service_name=r[4],
        host_name=r[5],
        accepted_cancellation_on=r[6],
        new_cancellation_on=r[7],
        withdrawal_reason=r[8],
    )
    for r, _, _ in reviews
]
review_fees = [None if fee is None else cr.Yen(fee) for _, _, fee in reviews]

# C1, C8, P1, P3-P5.  The library gets enum members for half the inputs, strings for the rest.
_CHANNELS = ("email_form", "telephone", "EMAIL_FORM", "post", " email_without_form ", "other")
channels = [_CHANNELS[i % 6] for i in _I]
lib_channels = [
    cr.CancellationChannel(c.strip().casefold()) if i // 6 % 2 == 0 else c
    for i, c in enumerate(channels)
]
services = ["Flex Web", "Clara Cloud Flex", "VPS 2", "KUSANAGI with Cube"]
_FLAGS = (None, True, False)
ip_inputs = [
    (
        ("delete_domain", "move_to_main_ip")[i % 2],
        ("A", "B", "C")[i // 2 % 3],
        ("plesk", "webmin", "none")[i // 6 % 3] if i // 2 % 3 == 0 else None,
        i // 4 % 2 == 1,
        _FLAGS[i // 3 % 3],
        _FLAGS[i // 5 % 3],
        _FLAGS[i // 7 % 3],
    )
    for i in _I
]
lib_ip = [
    (cr.IpIntent(a), cr.DnsPattern(b), None if c is None else cr.Panel(c), *rest)
    if i // 9 % 2 == 0
    else (a, b, c, *rest)
    for i, (a, b, c, *rest) in enumerate(ip_inputs)
]
flags = [(i % 2 == 1, i // 2 % 2 == 1) for i in _I]
_SUBJECT = "古物商許可申請について"
dealer = [
    (
        (_SUBJECT, f" {_SUBJECT} ", "古物商", None)[i % 4],
        ("東京都千代田区1-1", None, "  ")[i // 4 % 3],
        ("東京都港区2-2", None)[i // 12 % 2],
        i // 3 % 2 == 0,
    )
    for i in _I
]


# ---------------------------------------------------------------- figures read from results


def _instant(value: dt.datetime) -> tuple[dt.datetime, dt.timedelta | None]:
    """An instant and its offset: the same instant *and* the same wall time."""
    return value, value.utcoffset()


def _keys(result: Any) -> tuple[str, ...]:
    return tuple(step.key for step in result.explanation)


def _decision(result: Any) -> tuple[bool, tuple[str, ...]]:
    return result.accepted, _keys(result)


def _date_of(e: Any) -> tuple[Any, ...]:
    return ((e.month.year, e.month.month), e.effective_on, e.shifted, e.deadline, e.received_at)


def _charge(c: Any) -> tuple[Any, ...]:
    return (
        (c.term_start.year, c.term_start.month),
        (c.term_end.year, c.term_end.month),
        c.months_used,
        c.months_short,
        c.amount.amount,
        c.amount_with_tax.amount,
    )


def _window(w: Any) -> tuple[Any, ...]:
    return (w.opens, w.closes, w.closing_basis.value, w.fee.amount, w.fee_tax.amount)


def _options(plan: Any) -> tuple[Any, ...]:
    free = plan.first_free_month
    return (free.year, free.month), tuple(
        (
            (o.month.year, o.month.month),
            o.deadline,
            o.effective_on,
            o.months_short,
            o.amount.amount,
            o.amount_with_tax.amount,
        )
        for o in plan.options
    )


def _plan(p: Any) -> tuple[Any, ...]:
    window = (p.order_window.first, p.order_window.last)
    restore = None if p.restore is None else _window(p.restore)
    t = p.timeline
    debit = None
    if t.debit is not None:
        month = t.debit.debit_month
        debit = (t.debit.debit_on, (month.year, month.month), t.debit.next_month)
    timeline = (t.fee_notice_on, t.reminders, debit)
    state = _window(p.state.restore)
    return (
        p.status.value,
        p.contract_end,
        window,
        p.pay_by,
        p.debit_on,
        p.reminders,
        restore,
        timeline,
        state,
    )


def _review(r: Any) -> tuple[Any, ...]:
    return (
        r.eligible_for_review,
        tuple(step.key for step in r.explanation if step.rule == "C7"),
        r.missing_fields,
        r.extension_months,
        r.extension_charge.amount,
        r.extension_charge_with_tax.amount,
        r.follow_up_form,
    )


def _supplied(line: Any) -> tuple[Any, Any]:
    return line.first_supplied, line.last_supplied


def _taxed(t: Any) -> tuple[Any, ...]:
    lines = tuple(
        (line.rate, line.rate_since, line.base.amount, line.tax.amount, *_supplied(line))
        for line in t.lines
    )
    return t.base.amount, t.tax.amount, lines


def _same(value: Any) -> Any:
    return value


# ---------------------------------------------------------------- cases


class Case(NamedTuple):
    name: str
    ours: Callable[[int], Any]
    """The clararules call on input i (the full result)."""
    ref: Callable[[int], Any]
    """The bare reference on input i (its figures)."""
    figures: Callable[[Any], Any] = _same
    """The figures of the library's result, as the reference returns them."""
    ref_figures: Callable[[Any], Any] = _same
    """The reference's figures as compared (checked, never timed)."""
    constant: bool = False
    """The answer does not depend on the input (so the check does not ask that it varies)."""


def cases(render: bool) -> list[Case]:
    def explained(result: Any) -> Any:
        if render:
            steps = result.steps() if isinstance(result, cr.TaxedAmount) else result.explanation
            if isinstance(result, cr.Procedure):
                steps += tuple(step.action for step in result.steps)
            for step in steps:
                _ = step.en
        return result

    fee, on, term = 5000, contract.activated_on, 24
    return [
        Case(
            "quote_cancellation",
            lambda i: explained(cr.quote_cancellation(contract, received[i], desired[i])),
            lambda i: ref.ref_quote(received[i], plain_desired[i], fee, on, term),
            lambda q: (_date_of(q.date), _charge(q.charge)),
        ),
        Case(
            "plan_change",
            lambda i: explained(
                cr.plan_change(
                    "Flex Web", cr.Yen(10000), cr.Yen(15000), cr.Month(2026, 4), changed[i]
                )
            ),
            lambda i: ref.ref_plan_change("Flex Web", 10000, 15000, (2026, 4), changed[i]),
            lambda p: (p.remaining_months, p.amount.amount, p.amount_with_tax.amount),
        ),
        Case(
            "renewal_timeline",
            lambda i: explained(cr.renewal_timeline(names[i], expiries[i])),
            lambda i: ref.ref_timeline(domains[i % 4], plain_expiries[i]),
            lambda t: (t.contract_end, (t.order_window.first, t.order_window.last), t.reminders),
        ),
        Case(
            "direct_debit_on",
            lambda i: cr.direct_debit_on(arrivals[i]),
            lambda i: ref.ref_debit(arrivals[i]),
        ),
        Case(
            "restore_window",
            lambda i: explained(cr.restore_window(names[i], expiries[i])),
            lambda i: ref.ref_restore(domains[i % 4], plain_expiries[i]),
            _window,
        ),
        Case(
            "cancellation_effective_date",
            lambda i: explained(cr.cancellation_effective_date(received[i], desired[i])),
            lambda i: ref.ref_effective(received[i], plain_desired[i]),
            _date_of,
        ),
        Case(
            "minimum_term_charge",
            lambda i: explained(cr.minimum_term_charge(contract, desired[i])),
            lambda i: ref.ref_charge(plain_desired[i], fee, on, term),
            _charge,
        ),
        Case(
            "direct_debit",
            lambda i: explained(cr.direct_debit(arrivals[i])),
            lambda i: ref.ref_direct_debit(arrivals[i]),
            lambda d: (d.debit_on, (d.debit_month.year, d.debit_month.month), d.next_month),
        ),
        Case(
            "domain_status",
            lambda i: explained(cr.domain_status(plan_names[i], plan_expiries[i], plan_today[i])),
            lambda i: ref.ref_status(plan_domains[i % 8], plan_expiries[i], plan_today[i]),
            lambda s: (s.status.value, s.contract_end, s.restore.closes),
        ),
        Case(
            "check_seal",
            lambda i: explained(cr.check_seal(*seals[i])),
            lambda i: ref.ref_seal(*seals[i]),
            lambda d: (d.accepted, d.outcome.value, _keys(d), d.missing),
        ),
        # ------------------------------------------------ G1-G4
        Case(
            "tax_parts",
            lambda i: explained(cr.tax_parts(yen_parts[i], modes[i])),
            lambda i: ref.ref_tax_parts(plain_parts[i], mode_names[i]),
            _taxed,
        ),
        Case(
            "add_consumption_tax",
            lambda i: cr.add_consumption_tax(tax_yen[i], tax_days[i], modes[i]),
            lambda i: ref.ref_add_tax(tax_amounts[i], tax_days[i], mode_names[i]),
            lambda y: y.amount,
        ),
        Case(
            "consumption_tax_rate",
            lambda i: cr.consumption_tax_rate(tax_days[i]),
            lambda i: ref.ref_tax_rate(tax_days[i]),
        ),
        Case(
            "round_yen",
            lambda i: cr.round_yen(fractions[i], modes[i]),
            lambda i: ref.ref_round_yen(fractions[i], mode_names[i]),
            lambda y: y.amount,
        ),
        Case(
            "is_bank_business_day",
            lambda i: cr.is_bank_business_day(bank_days[i]),
            lambda i: ref.ref_is_business(bank_days[i]),
        ),
        Case(
            "next_bank_business_day",
            lambda i: cr.next_bank_business_day(bank_days[i]),
            lambda i: ref.ref_next_business(bank_days[i]),
        ),
        Case(
            "previous_bank_business_day",
            lambda i: cr.previous_bank_business_day(bank_days[i]),
            lambda i: ref.ref_previous_business(bank_days[i]),
        ),
        Case(
            "add_days",
            lambda i: cr.add_days(arrivals[i], shifts[i]),
            lambda i: ref.ref_add_days(arrivals[i], shifts[i]),
        ),
        Case(
            "to_jst",
            lambda i: cr.to_jst(moments[i]),
            lambda i: ref.ref_to_jst(moments[i]),
            _instant,
            _instant,
        ),
        Case(
            "to_date",
            lambda i: cr.to_date(moments[i]),
            lambda i: ref.ref_to_date(moments[i]),
        ),
        # ------------------------------------------------ C1-C8
        Case(
            "cancellation_deadline",
            lambda i: cr.cancellation_deadline(deadline_months[i]),
            lambda i: ref.ref_deadline(deadline_months[i].year, deadline_months[i].month),
            _instant,
            _instant,
        ),
        Case(
            "cancellation_options",
            lambda i: explained(
                cr.cancellation_options(contracts[i % 5], received[i], option_counts[i])
            ),
            lambda i: ref.ref_options(*plain_contracts[i % 5], received[i], option_counts[i]),
            _options,
        ),
        Case(
            "first_free_cancellation_month",
            lambda i: cr.first_free_cancellation_month(contracts[i % 5]),
            lambda i: ref.ref_first_free(*plain_contracts[i % 5][1:]),
            lambda m: (m.year, m.month),
        ),
        Case(
            "review_cancellation_change",
            lambda i: explained(
                cr.review_cancellation_change(
                    requests[i], reviews[i][1], review_fees[i], review_modes[i]
                )
            ),
            lambda i: ref.ref_review(*reviews[i], review_modes[i].value),
            _review,
        ),
        Case(
            "check_cancellation_channel",
            lambda i: explained(cr.check_cancellation_channel(lib_channels[i])),
            lambda i: ref.ref_channel(channels[i]),
            _decision,
        ),
        Case(
            "request_suspension",
            lambda i: explained(cr.request_suspension(services[i % 4])),
            lambda i: ref.ref_suspension(services[i % 4]),
            _decision,
            constant=True,
        ),
        # ------------------------------------------------ D1-D9
        Case(
            "contract_end",
            lambda i: cr.contract_end(plan_names[i], plan_expiries[i]),
            lambda i: ref.ref_contract_end(plan_domains[i % 8], plan_expiries[i]),
        ),
        Case(
            "renewal_plan",
            lambda i: explained(
                cr.renewal_plan(
                    plan_names[i],
                    plan_expiries[i],
                    plan_today[i],
                    plan_payments[i],
                    False,
                    paid[i],
                )
            ),
            lambda i: ref.ref_renewal_plan(
                plan_domains[i % 8], plan_expiries[i], plan_today[i], payments[i], paid[i]
            ),
            _plan,
        ),
        # ------------------------------------------------ P1-P6
        Case(
            "additional_ip_cancellation_plan",
            lambda i: explained(
                cr.additional_ip_cancellation_plan(
                    *lib_ip[i][:3],
                    end_registration=lib_ip[i][3],
                    provider_is_registrar=lib_ip[i][4],
                    mail_client_uses_additional_ip=lib_ip[i][5],
                    host_record_on_additional_ip=lib_ip[i][6],
                )
            ),
            lambda i: ref.ref_ip_plan(*ip_inputs[i]),
            lambda p: tuple(
                (s.actor.value, s.action.key.removeprefix("P1.step."), s.paid) for s in p.steps
            ),
        ),
        Case(
            "check_delegation_release",
            lambda i: explained(cr.check_delegation_release(*flags[i])),
            lambda i: ref.ref_delegation(*flags[i]),
            _decision,
        ),
        Case(
            "check_contact_change",
            lambda i: explained(cr.check_contact_change(*flags[i])),
            lambda i: ref.ref_contact(*flags[i]),
            _decision,
        ),
        Case(
            "check_dealer_certificate_request",
            lambda i: explained(cr.check_dealer_certificate_request(*dealer[i])),
            lambda i: ref.ref_dealer(*dealer[i]),
            lambda d: (d.accepted, _keys(d), d.missing),
        ),
        Case(
            "resale_policy",
            lambda i: explained(cr.resale_policy()),
            lambda i: ref.ref_resale(),
            _decision,
            constant=True,
        ),
    ]


def check_references(selected: list[Case]) -> None:
    """Each reference computes the library's figures on every input (or the bench is void),
    and the inputs reach more than one answer (or the case is void)."""
    for case in selected:
        answers = set()
        for i in _I:
            got, want = case.figures(case.ours(i)), case.ref_figures(case.ref(i))
            assert got == want, (case.name, i, got, want)
            answers.add(repr(want))
        assert case.constant or len(answers) > 1, (case.name, "one answer for every input")


def per_call(fn: Callable[[int], object], number: int, repeat: int = 5) -> float:
    def loop() -> None:
        for k in range(number):
            fn(k % N_INPUTS)

    loop()  # warm caches (holidays, parameters)
    return min(timeit.repeat(loop, number=1, repeat=repeat)) / number


def forget_results() -> None:
    """Empty the library's caches of results and of figures per small key (decisions kept by
    their arguments, D1/D2/D6 dates per contract end, D3/D8/D9 figures per expiry, D5 debit
    dates per month, C2 deadlines per month, bank business days), so that the next call
    computes its answer: what a call with inputs never seen before costs.  Month values, month
    lengths, the holiday calendars, parsed names and enum spellings stay (value tables)."""
    from clararules.contracts import cancellation
    from clararules.core import bankdays, calls
    from clararules.domains import debit, restore, timeline

    for forget in calls.MEMOS:
        forget()
    restore.clear_caches()
    timeline._dates.cache_clear()
    debit._debit_of.cache_clear()
    cancellation._deadline_of.cache_clear()
    bankdays.clear_caches()


def per_call_cold(fn: Callable[[int], object], number: int, repeat: int = 5) -> float:
    """Per call with the caches of results emptied before each call (their emptying timed on
    its own and taken off)."""

    def loop() -> None:
        for k in range(number):
            forget_results()
            fn(k % N_INPUTS)

    def emptying() -> None:
        for _ in range(number):
            forget_results()

    loop()
    both = min(timeit.repeat(loop, number=1, repeat=repeat))
    alone = min(timeit.repeat(emptying, number=1, repeat=repeat))
    return max(both - alone, 0.0) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=2000, help="calls per timing run")
    parser.add_argument("--render", action="store_true", help="also render every sentence")
    parser.add_argument("--only", metavar="NAME[,NAME]", help="time these functions only")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="also time each call with the library's caches of results emptied before it",
    )
    args = parser.parse_args()
    selected = cases(args.render)
    if args.only:
        wanted = [name.strip() for name in args.only.split(",") if name.strip()]
        known = [case.name for case in selected]
        unknown = [name for name in wanted if name not in known]
        if unknown:
            parser.error(f"unknown function(s) {', '.join(unknown)}; known: {', '.join(known)}")
        selected = [case for case in selected if case.name in wanted]
    check_references(selected)
    print(
        f"python {platform.python_version()} on {platform.machine()}, clararules {cr.__version__}, "
        f"pendulum {metadata.version('pendulum')}; {args.number} calls x best of 5"
        + (", sentences rendered" if args.render else "")
    )
    cold_head = f" {'cold':>10} {'ratio':>7}" if args.cold else ""
    print(f"{'function':33} {'clararules':>12} {'bare stdlib':>12} {'ratio':>7}{cold_head}")
    ratios, cold_ratios = [], []
    for case in selected:
        t_ours, t_ref = per_call(case.ours, args.number), per_call(case.ref, args.number)
        ratios.append(t_ours / t_ref)
        cold = ""
        if args.cold:
            t_cold = per_call_cold(case.ours, args.number)
            cold_ratios.append(t_cold / t_ref)
            cold = f" {t_cold * 1e6:8.1f}µs {t_cold / t_ref:6.1f}x"
        print(
            f"{case.name:33} {t_ours * 1e6:10.1f}µs {t_ref * 1e6:10.2f}µs"
            f" {t_ours / t_ref:6.1f}x{cold}"
        )
    cold_mean = f" {'':>10} {statistics.geometric_mean(cold_ratios):6.1f}x" if args.cold else ""
    print(
        f"{'geometric mean':33} {'':>12} {'':>12} {statistics.geometric_mean(ratios):6.1f}x"
        + cold_mean
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
