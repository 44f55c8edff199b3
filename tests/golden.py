"""Approved outputs: every result (figures and both sentences) and every refusal message for a
catalogue of cases covering each branch of the rules.

An explanation or message that changes must be reviewed like code: regenerate with
``python -m tests.golden --update`` from the project root and read the diff of
``tests/golden/`` (one folder per rule family, one file per locale) before committing it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pendulum

import clararules as cr
from clararules import Month, Yen

GOLDEN_DIR = Path(__file__).parent / "golden"
D = dt.date


def jst(*args: int) -> pendulum.DateTime:
    return pendulum.datetime(*args, tz="Asia/Tokyo")


def _cases() -> dict[str, Callable[[], object]]:
    cases: dict[str, Callable[[], object]] = {}
    contract = cr.Contract("Flex Web", Yen(5000), D(2026, 4, 15), 12)
    special = cr.Contract(
        "Flex Web", Yen(5000), D(2026, 4, 15), 12, special_agreement_term_months=24
    )
    zero = cr.Contract("Flex Web", Yen(5000), D(2026, 4, 15), 0)
    cases["C2 on time"] = lambda: cr.cancellation_effective_date(
        jst(2026, 11, 30, 23, 59, 59), Month(2026, 12)
    )
    cases["C3 late"] = lambda: cr.cancellation_effective_date(jst(2026, 12, 1), Month(2026, 12))
    cases["C4 none"] = lambda: cr.cancellation_effective_date(D(2024, 1, 31))
    cases["C6 quote"] = lambda: cr.quote_cancellation(contract, jst(2026, 9, 30), Month(2026, 10))
    cases["C6 special"] = lambda: cr.minimum_term_charge(special, Month(2026, 12))
    cases["C6 zero"] = lambda: cr.minimum_term_charge(zero, Month(2026, 4))
    cases["C6 after term"] = lambda: cr.minimum_term_charge(contract, Month(2028, 1))
    for rounding in cr.Rounding:
        odd = cr.Contract("Flex Web", Yen(999), D(2019, 1, 5), 12)
        cases[f"G3 {rounding.value}"] = lambda r=rounding, c=odd: cr.minimum_term_charge(
            c, Month(2019, 6), r
        )
    for channel in cr.CancellationChannel:
        cases[f"C1 {channel.value}"] = lambda ch=channel: cr.check_cancellation_channel(ch)
    cases["C8"] = lambda: cr.request_suspension("Flex Web")
    base = {
        "kind": "extend",
        "requested_at": jst(2026, 11, 20, 10),
        "from_registered_contact": True,
        "customer_number": "C-1001",
        "service_name": "Flex Web",
        "host_name": "www.example.jp",
        "accepted_cancellation_on": D(2026, 11, 30),
        "new_cancellation_on": D(2027, 2, 28),
    }
    for label, extra, fee in [
        ("eligible", {}, Yen(5000)),
        ("no fee", {}, None),
        ("late", {"requested_at": jst(2026, 12, 1)}, None),
        ("unregistered", {"from_registered_contact": False}, None),
        ("missing", {"customer_number": None, "host_name": None}, None),
        ("mismatch", {"accepted_cancellation_on": D(2026, 12, 31)}, None),
        ("stated not month end", {"accepted_cancellation_on": D(2026, 11, 29)}, None),
        ("not month end", {"new_cancellation_on": D(2027, 2, 27)}, None),
        ("not later", {"new_cancellation_on": D(2026, 10, 31)}, None),
        (
            "withdraw",
            {"kind": "withdraw", "new_cancellation_on": None, "withdrawal_reason": "staying"},
            None,
        ),
        ("withdraw missing", {"kind": "withdraw", "new_cancellation_on": None}, None),
    ]:
        request = cr.CancellationChangeRequest(**{**base, **extra})
        cases[f"C7 {label}"] = lambda r=request, f=fee: cr.review_cancellation_change(
            r, D(2026, 11, 30), f
        )
    for label, current, new, policy in [
        ("upgrade", 10000, 15000, cr.RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH),
        ("upgrade next", 10000, 15000, cr.RemainingMonthsPolicy.FROM_NEXT_MONTH),
        ("downgrade", 15000, 10000, cr.RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH),
        ("same", 10000, 10000, cr.RemainingMonthsPolicy.INCLUDING_CHANGE_MONTH),
    ]:
        cases[f"C9 {label}"] = lambda c=current, n=new, p=policy: cr.plan_change(
            "Clara Cloud Flex", Yen(c), Yen(n), Month(2026, 4), D(2026, 10, 15), p
        )
    future = cr.DEFAULT_PARAMETERS.with_tax_rate(D(2027, 1, 1), Fraction(12, 100), "test")
    cases["C9 split tax"] = lambda: cr.plan_change(
        "Flex Web", Yen(1000), Yen(2000), Month(2026, 4), D(2026, 10, 15), parameters=future
    )
    for name in [
        "example.jp",
        "shop.co.jp",
        "ex.tokyo.jp",
        "例え.jp",
        "example.com",
        "ex.uk",
        "例え.みんな",
    ]:
        cases[f"D3 parse {name}"] = lambda n=name: {
            "ascii": cr.DomainName.parse(n).ascii,
            "unicode": cr.DomainName.parse(n).unicode,
            "kind": cr.DomainName.parse(n).kind.value,
        }
    for payment in cr.PaymentMethod:
        cases[f"D1-D7 {payment.value}"] = lambda p=payment: cr.renewal_timeline(
            "example.jp", D(2027, 3, 31), p
        )
    cases["D5 notice given"] = lambda: cr.renewal_timeline(
        "example.com", D(2027, 3, 10), "direct_debit", debit_notice_arrived_on=D(2027, 1, 28)
    )
    cases["D5 late debit"] = lambda: cr.renewal_timeline(
        "example.jp", D(2027, 3, 31), "direct_debit", debit_notice_arrived_on=D(2027, 3, 28)
    )
    cases["D6 paid"] = lambda: cr.renewal_timeline(
        "example.jp", D(2027, 3, 31), paid_on=D(2027, 3, 17)
    )
    cases["D6 paid late"] = lambda: cr.renewal_timeline(
        "example.jp", D(2027, 3, 31), paid_on=D(2027, 3, 25)
    )
    for arrived in [D(2026, 6, 3), D(2026, 6, 30), D(2026, 12, 29), D(2026, 7, 1)]:
        cases[f"D5 debit {arrived}"] = lambda a=arrived: cr.direct_debit(a)
    for name, expiry in [
        ("example.jp", D(2027, 3, 31)),
        ("shop.co.jp", D(2027, 3, 31)),
        ("shop.co.jp", D(2014, 10, 31)),
        ("ex.tokyo.jp", D(2027, 12, 31)),
        ("example.com", D(2027, 3, 10)),
        ("ex.uk", D(2027, 3, 10)),
    ]:
        cases[f"D8-D9 {name} {expiry}"] = lambda n=name, e=expiry: cr.restore_window(n, e)
    for label, rule in [
        ("day 15", cr.ProviderDeadline.day_of_next_month(15)),
        (
            "day 15 no roll",
            cr.ProviderDeadline.day_of_next_month(15, roll_back_to_business_day=False),
        ),
        ("17 days", cr.ProviderDeadline.days_after_contract_end(17)),
        ("60 days", cr.ProviderDeadline.days_after_contract_end(60)),
    ]:
        cases[f"D9 provider {label}"] = lambda r=rule: cr.restore_window(
            "example.jp", D(2027, 4, 30), r
        )
        cases[f"D9 provider {label} uk"] = lambda r=rule: cr.restore_window(
            "ex.uk", D(2027, 4, 30), r
        )
    for on, paid in [
        (D(2027, 1, 1), None),
        (D(2027, 3, 1), None),
        (D(2027, 3, 1), D(2027, 2, 10)),
        (D(2027, 4, 1), None),
        (D(2027, 5, 1), None),
    ]:
        cases[f"D4-D7 status {on} {paid}"] = lambda o=on, p=paid: cr.domain_status(
            "example.jp", D(2027, 3, 31), o, p
        )
    # Planning (C2, C4-C6, D4-D9): what support is asked.
    cases["C2 deadline"] = lambda: cr.cancellation_deadline(Month(2027, 3)).isoformat()
    cases["C6 first free month"] = lambda: str(cr.first_free_cancellation_month(special))
    cases["C2-C6 options"] = lambda: cr.cancellation_options(
        contract, jst(2026, 12, 1, 9), months=4
    )
    cases["C2-C6 options before activation"] = lambda: cr.cancellation_options(
        contract, jst(2026, 1, 10), months=2
    )
    for today, paid in [
        (D(2027, 1, 10), None),
        (D(2027, 3, 24), None),
        (D(2027, 3, 1), D(2027, 2, 20)),
        (D(2027, 4, 2), None),
        (D(2027, 5, 1), None),
    ]:
        cases[f"D4-D9 plan {today} {paid}"] = lambda t=today, p=paid: cr.renewal_plan(
            "example.jp", D(2027, 3, 31), t, paid_on=p
        )
    cases["D4-D9 plan uk"] = lambda: cr.renewal_plan("example.uk", D(2027, 3, 31), D(2027, 4, 5))
    cases["D4-D9 plan debit"] = lambda: cr.renewal_plan(
        "example.com", D(2027, 3, 31), D(2027, 1, 5), cr.PaymentMethod.DIRECT_DEBIT
    )
    cases["D7 status unknown"] = lambda: cr.domain_status("ex.uk", D(2027, 3, 10), D(2027, 5, 1))
    tri = (None, True, False)
    for intent, pattern in itertools.product(cr.IpIntent, cr.DnsPattern):
        panels = list(cr.Panel) if pattern is cr.DnsPattern.A else [None]
        for panel, registrar, mail, host, end in itertools.product(
            panels, tri, tri, tri, (False, True)
        ):
            if intent is cr.IpIntent.DELETE_DOMAIN and (mail is not None or host is not None):
                continue
            key = f"P1 {intent.value} {pattern.value} {panel} r={registrar} m={mail} h={host} e={end}"
            cases[key] = lambda i=intent, p=pattern, pa=panel, r=registrar, m=mail, h=host, e=end: (
                cr.additional_ip_cancellation_plan(
                    i,
                    p,
                    pa,
                    end_registration=e,
                    provider_is_registrar=r,
                    mail_client_uses_additional_ip=m,
                    host_record_on_additional_ip=h,
                )
            )
    for kind, full, electronic, registered in itertools.product(
        cr.SealKind, tri, (False, True), tri
    ):
        cases[f"P2 {kind.value} full={full} e={electronic} reg={registered}"] = (
            lambda k=kind, f=full, e=electronic, r=registered: cr.check_seal(k, f, e, r)
        )
    for a, b in itertools.product((False, True), repeat=2):
        cases[f"P3 {a} {b}"] = lambda a=a, b=b: cr.check_delegation_release(a, b)
        cases[f"P4 {a} {b}"] = lambda a=a, b=b: cr.check_contact_change(a, b)
    for subject, head, registered, email in [
        ("古物商許可申請について", "東京都千代田区1-1", "東京都港区2-2", True),
        ("other", None, " ", False),
        (None, "東京都千代田区1-1", None, True),
    ]:
        cases[f"P5 {subject} {head} {registered} {email}"] = (
            lambda s=subject, h=head, r=registered, e=email: cr.check_dealer_certificate_request(
                s, h, r, e
            )
        )
    cases["P6"] = cr.resale_policy
    cases["P1 B with a panel"] = lambda: cr.additional_ip_cancellation_plan(
        "delete_domain", "B", "plesk"
    )
    cases["P2 default electronic"] = lambda: cr.check_seal("company_seal", True)
    cases["P5 not by e-mail"] = lambda: cr.check_dealer_certificate_request(
        "古物商許可申請について", "東京都千代田区1-1", "東京都港区2-2", False
    )
    return cases


def _errors() -> dict[str, Callable[[], object]]:
    contract = cr.Contract("Flex Web", Yen(5000), D(2026, 5, 15), 12)
    return {
        "G1 naive": lambda: cr.to_jst(dt.datetime(2026, 12, 1, 9)),
        "G1 type": lambda: cr.to_jst(b"2026-12-01"),  # type: ignore[arg-type]
        "G1 naive text": lambda: cr.to_jst("2026-12-01T09:00"),
        "G1 text": lambda: cr.to_date("2026/12/01"),
        "G4 not covered": lambda: cr.is_bank_business_day(D(2100, 1, 4)),
        "G2 huge": lambda: Yen(10**5000),
        "G2 huge fee": lambda: cr.Contract("Flex Web", 10**13, D(2026, 4, 15), 1),
        "C7 record not month end": lambda: cr.review_cancellation_change(
            cr.CancellationChangeRequest(
                kind="withdraw", requested_at=D(2026, 11, 1), from_registered_contact=True
            ),
            D(2026, 11, 29),
        ),
        "G1 to_date type": lambda: cr.to_date(20261201),  # type: ignore[arg-type]
        "G1 range": lambda: cr.to_jst(
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=10)))
        ),
        "G2 float": lambda: Yen(1.5),  # type: ignore[arg-type]
        "G2 tax non-yen": lambda: cr.add_consumption_tax(1000.0, D(2026, 1, 1)),  # type: ignore[arg-type]
        "G3 rounding": lambda: cr.round_yen(Fraction(1, 2), "down"),  # type: ignore[arg-type]
        "G4 add_days": lambda: cr.add_days(pendulum.Date(9999, 12, 31), 1),
        "Month 13": lambda: Month(2026, 13),
        "Month year": lambda: Month(0, 1),
        "Month year type": lambda: Month(2026.0, 1),  # type: ignore[arg-type]
        "Month month type": lambda: Month(2026, True),
        "Month parse": lambda: Month.parse("2026/12"),
        "Month parse type": lambda: Month.parse(202612),  # type: ignore[arg-type]
        "Month range": lambda: Month(9999, 12) + 1,
        "G6 before": lambda: cr.DEFAULT_PARAMETERS.os_support_ended.at(D(2022, 6, 15)),
        "G6 float rate": lambda: cr.DEFAULT_PARAMETERS.with_tax_rate(D(2030, 1, 1), 0.12),  # type: ignore[arg-type]
        "G6 rate range": lambda: cr.DEFAULT_PARAMETERS.with_tax_rate(
            D(2030, 1, 1), Fraction(3, 2)
        ),
        "G6 order": lambda: cr.Parameter(
            "x", (cr.Dated(D(2020, 1, 1), 1), cr.Dated(D(2019, 1, 1), 2))
        ),
        "G6 empty": lambda: cr.Parameter("x", ()),
        "G6 parameters type": lambda: cr.consumption_tax_rate(D(2026, 1, 1), "default"),  # type: ignore[arg-type]
        "G6 service name": lambda: cr.ServiceList(names=[1]),  # type: ignore[list-item]
        "C2 desired type": lambda: cr.cancellation_effective_date(D(2026, 1, 1), 202612),  # type: ignore[arg-type]
        "C5 negative term": lambda: cr.Contract("Flex Web", Yen(5000), D(2026, 4, 15), -1),
        "C5 bool term": lambda: cr.Contract("Flex Web", Yen(5000), D(2026, 4, 15), True),
        "C5 blank service": lambda: cr.Contract(" ", Yen(5000), D(2026, 4, 15), 1),
        "C5 service type": lambda: cr.Contract(5, Yen(5000), D(2026, 4, 15), 1),  # type: ignore[arg-type]
        "C5 negative fee": lambda: cr.Contract("Flex Web", Yen(-1), D(2026, 4, 15), 1),
        "C5 fee type": lambda: cr.Contract("Flex Web", 5000.0, D(2026, 4, 15), 1),  # type: ignore[arg-type]
        "C5 date type": lambda: cr.Contract("Flex Web", Yen(5000), 20260415, 1),  # type: ignore[arg-type]
        "C6 before activation": lambda: cr.minimum_term_charge(contract, Month(2026, 4)),
        "C6 contract type": lambda: cr.minimum_term_charge("contract", Month(2026, 4)),  # type: ignore[arg-type]
        "C1 channel": lambda: cr.check_cancellation_channel("fax"),
        "C7 request type": lambda: cr.review_cancellation_change({}, D(2026, 11, 30)),  # type: ignore[arg-type]
        "C7 text type": lambda: cr.CancellationChangeRequest(
            kind="extend",
            requested_at=D(2026, 1, 1),
            from_registered_contact=True,
            customer_number=5,
        ),
        "C10 ended": lambda: cr.plan_change(
            "Flex Mini 2", Yen(1), Yen(2), Month(2026, 4), D(2026, 10, 15)
        ),
        "C9 unknown": lambda: cr.plan_change(
            "Other", Yen(1), Yen(2), Month(2026, 4), D(2026, 10, 15)
        ),
        "C11 outside": lambda: cr.plan_change(
            "Flex Web", Yen(1), Yen(2), Month(2026, 4), D(2027, 4, 1)
        ),
        "C11 policy": lambda: cr.plan_change(
            "Flex Web", Yen(1), Yen(2), Month(2026, 4), D(2026, 5, 1), "x"
        ),  # type: ignore[arg-type]
        "D3 empty": lambda: cr.DomainName.parse(""),
        "D3 space": lambda: cr.DomainName.parse("a b.jp"),
        "D3 single": lambda: cr.DomainName.parse("jp"),
        "D3 empty label": lambda: cr.DomainName.parse("a..jp"),
        "D3 trailing dots": lambda: cr.DomainName.parse("a.jp.."),
        "D3 hyphen": lambda: cr.DomainName.parse("-a.jp"),
        "D3 long label": lambda: cr.DomainName.parse("a" * 64 + ".jp"),
        "D3 long name": lambda: cr.DomainName.parse(".".join(["a" * 60] * 5) + ".jp"),
        "D3 numeric tld": lambda: cr.DomainName.parse("a.123"),
        "D3 zone": lambda: cr.DomainName.parse("co.jp"),
        "D3 zone kanji": lambda: cr.DomainName.parse("東京.jp"),
        "D3 bad alabel": lambda: cr.DomainName.parse("xn--zz.jp"),
        "D3 type": lambda: cr.DomainName.parse(b"a.jp"),  # type: ignore[arg-type]
        "D3 month end": lambda: cr.contract_end("example.jp", D(2027, 3, 30)),
        "D5 domain only": lambda: cr.renewal_timeline(
            "example.jp", D(2027, 3, 31), "invoice", True
        ),
        "D5 payment": lambda: cr.renewal_timeline("example.jp", D(2027, 3, 31), "cash"),
        "D5 domain_only type": lambda: cr.renewal_timeline(
            "example.jp", D(2027, 3, 31), "invoice", 1
        ),  # type: ignore[arg-type]
        "D9 deadline type": lambda: cr.restore_window("example.jp", D(2027, 3, 31), 15),  # type: ignore[arg-type]
        "D9 deadline day": lambda: cr.ProviderDeadline.day_of_next_month(29),
        "D9 deadline days": lambda: cr.ProviderDeadline.days_after_contract_end(0),
        "D9 inverted": lambda: cr.restore_window(
            "example.com", D(2026, 12, 31), cr.ProviderDeadline.day_of_next_month(1)
        ),
        "D window": lambda: cr.DateWindow(D(2027, 1, 2), D(2027, 1, 1)),
        "P1 panel": lambda: cr.additional_ip_cancellation_plan("delete_domain", "A"),
        "P1 intent": lambda: cr.additional_ip_cancellation_plan("remove", "B"),
        "P1 flag": lambda: cr.additional_ip_cancellation_plan(
            "delete_domain", "B", end_registration=1
        ),  # type: ignore[arg-type]
        "P2 kind": lambda: cr.check_seal("round_seal"),
        "P2 flag": lambda: cr.check_seal("company_seal", "yes"),  # type: ignore[arg-type]
        "P3 flag": lambda: cr.check_delegation_release(1, True),  # type: ignore[arg-type]
        "P4 flag": lambda: cr.check_contact_change(True, None),  # type: ignore[arg-type]
        "P5 type": lambda: cr.check_dealer_certificate_request(5, None, None),  # type: ignore[arg-type]
    }


class _Wrong:
    """A value of no accepted type, with a stable repr for the approved messages."""

    def __repr__(self) -> str:
        return "<wrong>"


WRONG = _Wrong()


def _argument_errors() -> dict[str, Callable[[], object]]:
    """Each argument of each public function given a value of no accepted type: the refusal
    must name the argument."""
    contract = cr.Contract("Flex Web", Yen(5000), D(2026, 4, 15), 12)
    request = cr.CancellationChangeRequest(
        kind="extend", requested_at=D(2026, 11, 1), from_registered_contact=True
    )
    calls: dict[str, tuple[Callable[..., object], tuple[object, ...]]] = {
        "cancellation_effective_date": (
            cr.cancellation_effective_date,
            (D(2026, 1, 1), Month(2026, 3)),
        ),
        "Contract": (cr.Contract, ("Flex Web", Yen(1), D(2026, 1, 1), 1)),
        "minimum_term_charge": (cr.minimum_term_charge, (contract, Month(2026, 5))),
        "quote_cancellation": (cr.quote_cancellation, (contract, D(2026, 5, 1), None)),
        "review_cancellation_change": (
            cr.review_cancellation_change,
            (request, D(2026, 11, 30), Yen(1)),
        ),
        "plan_change": (
            cr.plan_change,
            ("Flex Web", Yen(1), Yen(2), Month(2026, 4), D(2026, 5, 1)),
        ),
        "request_suspension": (cr.request_suspension, ("Flex Web",)),
        "contract_end": (cr.contract_end, ("example.jp", D(2027, 3, 31))),
        "renewal_timeline": (
            cr.renewal_timeline,
            ("example.jp", D(2027, 3, 31), "direct_debit", False, D(2027, 3, 1), D(2027, 2, 10)),
        ),
        "direct_debit": (cr.direct_debit, (D(2026, 6, 3),)),
        "restore_window": (cr.restore_window, ("example.jp", D(2027, 3, 31), None, None)),
        "domain_status": (cr.domain_status, ("example.jp", D(2027, 3, 31), D(2027, 4, 1), None)),
        "DateWindow": (cr.DateWindow, (D(2027, 1, 1), D(2027, 1, 2))),
        "additional_ip_cancellation_plan": (
            cr.additional_ip_cancellation_plan,
            ("delete_domain", "A", "plesk"),
        ),
        "check_seal": (cr.check_seal, ("company_seal", True, False, None)),
        "check_delegation_release": (cr.check_delegation_release, (False, True)),
        "check_contact_change": (cr.check_contact_change, (True, True)),
        "check_dealer_certificate_request": (
            cr.check_dealer_certificate_request,
            ("x", "a", "b", True),
        ),
        "add_consumption_tax": (
            cr.add_consumption_tax,
            (Yen(1), D(2026, 1, 1), cr.Rounding.DOWN, None),
        ),
        "ProviderDeadline.day_of_next_month": (cr.ProviderDeadline.day_of_next_month, (15,)),
        "ProviderDeadline.days_after_contract_end": (
            cr.ProviderDeadline.days_after_contract_end,
            (17,),
        ),
    }
    out: dict[str, Callable[[], object]] = {}
    for name, (fn, args) in calls.items():
        for position in range(len(args)):
            wrong = list(args)
            wrong[position] = WRONG
            out[f"{name} arg {position}"] = lambda f=fn, a=tuple(wrong): f(*a)
    for flag in (
        "end_registration",
        "provider_is_registrar",
        "mail_client_uses_additional_ip",
        "host_record_on_additional_ip",
    ):
        out[f"additional_ip_cancellation_plan {flag}"] = lambda f=flag: (
            cr.additional_ip_cancellation_plan("move_to_main_ip", "B", **{f: WRONG})
        )
    out["Contract special_agreement_term_months"] = lambda: cr.Contract(
        "Flex Web", Yen(1), D(2026, 1, 1), 1, special_agreement_term_months=WRONG
    )
    out["tax_parts part"] = lambda: cr.tax_parts([(D(2026, 1, 1), 100.0)])
    for field in (
        "customer_number",
        "service_name",
        "host_name",
        "withdrawal_reason",
        "accepted_cancellation_on",
        "new_cancellation_on",
        "kind",
    ):
        extra = {
            "kind": "extend",
            "requested_at": D(2026, 11, 1),
            "from_registered_contact": True,
            field: 5,
        }
        out[f"CancellationChangeRequest {field}"] = lambda e=extra: cr.CancellationChangeRequest(
            **e
        )
    return out


def _parameters() -> dict[str, Any]:
    p = cr.Parameters()  # built afresh, so the defaults' construction runs inside the test
    out: dict[str, Any] = {}
    named = [p.consumption_tax_rate, p.os_support_ended, p.annual_prepaid_services, p.restore_fee]
    named.extend(p.restore_rules[kind] for kind in cr.DomainKind)
    for param in named:
        out[param.name] = [
            [entry.since.isoformat(), cr.to_dict(entry.value), entry.source]
            for entry in param.history
        ]
    out["describe"] = [
        [service_list.describe("en"), service_list.describe("ja")]
        for service_list in (
            p.os_support_ended.history[-1].value,
            p.annual_prepaid_services.history[-1].value,
            cr.ServiceList(names=["b", "a"], prefixes=["VPS"]),
        )
    ]
    out["deadlines"] = [
        [rule.describe("en"), rule.describe("ja")]
        for rule in (
            cr.ProviderDeadline.day_of_next_month(15),
            cr.ProviderDeadline.day_of_next_month(15, roll_back_to_business_day=False),
            cr.ProviderDeadline.days_after_contract_end(17),
        )
    ]
    return out


def results_snapshot() -> dict[str, Any]:
    """Every catalogue result as JSON data (figures and both sentences)."""
    return {name: cr.to_dict(make()) for name, make in _cases().items()}


def errors_snapshot() -> dict[str, list[str]]:
    """Every catalogue refusal as [error type, English message, Japanese message]."""
    errors: dict[str, list[str]] = {}
    for name, make in {**_errors(), **_argument_errors()}.items():
        try:
            make()
        except cr.ClaraRulesError as error:
            errors[name] = [type(error).__name__, str(error), error.text("ja")]
        else:
            errors[name] = ["no error", "", ""]
    return errors


def parameters_snapshot() -> dict[str, Any]:
    """The default parameters with their dates and sources."""
    return _parameters()


_CONTRACTS = (
    "Contract",
    "Cancellation",
    "quote",
    "review",
    "minimum",
    "plan_change",
    "request_suspension",
    "check_cancellation",
    "cancellation",
)
_DOMAINS = (
    "Domain",
    "contract_end",
    "renewal",
    "direct_debit",
    "domain_status",
    "restore",
    "ProviderDeadline",
    "DateWindow",
    "deadlines",
)
_PROCEDURES = (
    "additional_ip",
    "check_seal",
    "check_del",
    "check_contact",
    "check_dealer",
    "resale",
)
FAMILIES = ("core", "contracts", "domains", "procedures")


def family_of(name: str) -> str:
    """The rule family a case belongs to: by its rule ID, else by the function it calls."""
    letter = {"G": "core", "C": "contracts", "D": "domains", "P": "procedures"}
    if len(name) > 1 and name[0] in letter and name[1].isdigit():
        return letter[name[0]]
    for prefixes, family in (
        (_CONTRACTS, "contracts"),
        (_DOMAINS, "domains"),
        (_PROCEDURES, "procedures"),
    ):
        if name.startswith(prefixes):
            return family
    return "core"


def _strip_sentences(value: Any) -> Any:
    """The data without the rendered sentences (they are kept per locale)."""
    if isinstance(value, dict):
        return {k: _strip_sentences(v) for k, v in value.items() if k not in ("en", "ja")}
    if isinstance(value, list):
        return [_strip_sentences(v) for v in value]
    return value


def _sentences(value: Any, lang: str) -> list[str]:
    """Every rendered sentence in ``value``, in order, as "rule: sentence"."""
    found: list[str] = []
    if isinstance(value, dict):
        if "rule" in value and lang in value:
            found.append(f"{value['rule']}: {value[lang]}")
        for k, v in value.items():
            if k not in ("en", "ja"):
                found += _sentences(v, lang)
    elif isinstance(value, list):
        for v in value:
            found += _sentences(v, lang)
    return found


def snapshot() -> dict[str, dict[str, Any]]:
    """Everything the approved files record, computed now, by file name.

    Per rule family: ``<family>/figures.json`` (each result's data and each step's figures),
    ``<family>/en.json`` and ``<family>/ja.json`` (each result's sentences), and
    ``<family>/errors.json`` (each refusal's type and message); ``core/parameters.json``.
    """
    files: dict[str, dict[str, Any]] = {}

    def put(family: str, name: str, case: str, value: Any) -> None:
        files.setdefault(f"{family}/{name}.json", {})[case] = value

    for case, data in results_snapshot().items():
        family = family_of(case)
        put(family, "figures", case, _strip_sentences(data))
        for lang in ("en", "ja"):
            put(family, lang, case, _sentences(data, lang))
    for case, error in errors_snapshot().items():
        put(family_of(case), "errors", case, error)
    files["core/parameters.json"] = parameters_snapshot()
    return files


def render(cases: dict[str, Any]) -> str:
    """A file's text: one case a line, so that a review diff shows what changed."""
    lines = ["{"]
    items = sorted(cases.items())
    for index, (name, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        lines.append(f" {json.dumps(name, ensure_ascii=False)}: {text}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if argv != ["--update"]:
        print("usage: python -m tests.golden --update", file=sys.stderr)
        return 2
    for old in GOLDEN_DIR.rglob("*.json"):
        old.unlink()
    for name, cases in sorted(snapshot().items()):
        path = GOLDEN_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(cases), encoding="utf-8")
        print(f"wrote {path.relative_to(GOLDEN_DIR.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
