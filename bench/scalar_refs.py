"""Bare references for bench/bench_scalar.py: each rule's figures on plain ints and stdlib dates.

Each function computes the same figures as the clararules function it is named after, with the
same look-ups (the tax rate in force by date from the rate history, bank holidays from the
``holidays`` package, the C9/C10 service lists, the kind of a domain name, the same input checks
that decide the answer), but no validation of types and no explanation: what a careful
hand-written billing script would do.  Decisions come back as the decision and its reason codes
(the message keys of the library's explanation steps).  Nothing here imports clararules, and
nothing is cached but the module-level constant tables below.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import unicodedata
from fractions import Fraction

import holidays

JST = dt.timezone(dt.timedelta(hours=9))
_DAY = dt.timedelta(days=1)
_date = dt.date.fromordinal

# G4: national and bank holidays (12/31, 1/1-1/3 included) of the years the bench asks about.
_BANK = frozenset(
    d
    for y in range(2025, 2030)
    for d in holidays.country_holidays("JP", categories=(holidays.PUBLIC, holidays.BANK), years=y)
)

# G3: the standard rate by the first day it holds (ordinal), as (numerator, denominator), and
# the same rates as Fraction constants for the functions that return a rate.
_RATES = (
    (dt.date(1, 1, 1).toordinal(), 0, 1),
    (dt.date(1989, 4, 1).toordinal(), 3, 100),
    (dt.date(1997, 4, 1).toordinal(), 5, 100),
    (dt.date(2014, 4, 1).toordinal(), 8, 100),
    (dt.date(2019, 10, 1).toordinal(), 10, 100),
)
_RATE_STARTS = tuple(r[0] for r in _RATES)
_RATE_FRACTIONS = tuple(Fraction(num, den) for _, num, den in _RATES)


def _rate(ordinal: int) -> tuple[int, int]:
    _, num, den = _RATES[bisect.bisect_right(_RATE_STARTS, ordinal) - 1]
    return num, den


def _round(numerator: int, denominator: int, mode: str) -> int:
    """numerator / denominator to whole yen; the magnitude is rounded (G3)."""
    whole, rest = divmod(abs(numerator), denominator)
    if rest and (mode == "up" or (mode == "half_up" and 2 * rest >= denominator)):
        whole += 1
    return -whole if numerator < 0 else whole


def _month_end(index: int) -> dt.date:
    y, m0 = divmod(index, 12)
    return dt.date(y, m0 + 1, calendar.monthrange(y, m0 + 1)[1])


def _is_month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _deadline(index: int) -> dt.datetime:
    """C2: 23:59:59 JST on the last day of the month before month ``index``."""
    last = _month_end(index - 1)
    return dt.datetime(last.year, last.month, last.day, 23, 59, 59, tzinfo=JST)


def _term(minimum: int, special: int | None) -> int:
    """C5: the special agreement's term overrides the price list's."""
    return minimum if special is None else special


def _short(activated: dt.date, term: int, index: int) -> int:
    """C5-C6: the months short of the term when cancelling in month ``index``."""
    start = activated.year * 12 + activated.month
    used = 0 if index < start else index - start + 1
    return max(0, term - used)


# ---------------------------------------------------------------- G1, G2, G3, G4


def ref_to_jst(value: dt.date | str) -> dt.datetime:
    if isinstance(value, str):
        value = (
            dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
        )
    if isinstance(value, dt.datetime):
        return value.astimezone(JST)
    return dt.datetime(value.year, value.month, value.day, tzinfo=JST)


def ref_to_date(value: dt.date | str) -> dt.date:
    if isinstance(value, str):
        value = (
            dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
        )
    if isinstance(value, dt.datetime):
        return value.astimezone(JST).date()
    return value


def ref_tax_rate(on: dt.date) -> Fraction:
    return _RATE_FRACTIONS[bisect.bisect_right(_RATE_STARTS, on.toordinal()) - 1]


def ref_add_tax(amount: int, on: dt.date, mode: str) -> int:
    num, den = _rate(on.toordinal())
    return amount + _round(amount * num, den, mode)


def ref_round_yen(value: Fraction | int, mode: str) -> int:
    if isinstance(value, int):
        return value
    return _round(value.numerator, value.denominator, mode)


def ref_tax_parts(parts: tuple[tuple[dt.date, int], ...], mode: str):
    """Base, tax and one line per rate: (rate, in force since, base, tax, first and last day)."""
    groups: dict[tuple[int, int], list[int]] = {}  # (num, den) -> [since, base, first, last, i]
    for day, amount in parts:
        o = day.toordinal()
        i = bisect.bisect_right(_RATE_STARTS, o) - 1
        since, num, den = _RATES[i]
        group = groups.get((num, den))
        if group is None:
            groups[num, den] = [since, amount, o, o, i]
        else:
            group[0] = min(group[0], since)
            group[1] += amount
            group[2] = min(group[2], o)
            group[3] = max(group[3], o)
    lines = []
    base = tax = 0
    for (num, den), (since, amount, first, last, i) in sorted(
        groups.items(), key=lambda g: g[1][2]
    ):
        line_tax = _round(amount * num, den, mode)
        base += amount
        tax += line_tax
        lines.append(
            (_RATE_FRACTIONS[i], _date(since), amount, line_tax, _date(first), _date(last))
        )
    return base, tax, tuple(lines)


def ref_is_business(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _BANK


def ref_next_business(day: dt.date) -> dt.date:
    while day.weekday() >= 5 or day in _BANK:
        day += _DAY
    return day


def ref_previous_business(day: dt.date) -> dt.date:
    while day.weekday() >= 5 or day in _BANK:
        day -= _DAY
    return day


def ref_add_days(day: dt.date, days: int) -> dt.date:
    return _date(day.toordinal() + days)


# ---------------------------------------------------------------- C1-C11


def ref_effective(received: dt.datetime, desired: tuple[int, int]):
    """C2-C4: (month, effective day, shifted, deadline, arrival in JST)."""
    local = received.astimezone(JST)
    arrival = local.year * 12 + local.month - 1
    want = desired[0] * 12 + desired[1] - 1
    month = want if want > arrival else arrival + 1
    y, m0 = divmod(month, 12)
    return (y, m0 + 1), _month_end(month), want <= arrival, _deadline(month), local


def ref_charge(month: tuple[int, int], fee: int, activated: dt.date, term: int):
    """C5-C6: (term start, term end, months used, months short, amount, with tax)."""
    index = month[0] * 12 + month[1] - 1
    start = activated.year * 12 + activated.month  # the month after activation
    used = 0 if index < start else index - start + 1
    short = max(0, term - used)
    amount = fee * short
    num, den = _rate(_month_end(index).toordinal())
    y0, m0 = divmod(start, 12)
    y1, m1 = divmod(start + term - 1, 12)
    return (y0, m0 + 1), (y1, m1 + 1), used, short, amount, amount + amount * num // den


def ref_quote(
    received: dt.datetime, desired: tuple[int, int], fee: int, activated: dt.date, term: int
):
    date = ref_effective(received, desired)
    return date, ref_charge(date[0], fee, activated, term)


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


def ref_deadline(year: int, month: int) -> dt.datetime:
    return _deadline(year * 12 + month - 1)


def ref_first_free(activated: dt.date, minimum: int, special: int | None) -> tuple[int, int]:
    y, m0 = divmod(activated.year * 12 + activated.month - 1 + _term(minimum, special), 12)
    return y, m0 + 1


def ref_options(
    fee: int, activated: dt.date, minimum: int, special: int | None, now: dt.datetime, count: int
):
    """The first free month, and per month: deadline, effective day, short, amount, with tax."""
    local = now.astimezone(JST)
    earliest = local.year * 12 + local.month  # C4: the month after arrival (index)
    activation = activated.year * 12 + activated.month - 1
    first = max(earliest, activation)  # C6: never before the activation month
    term = _term(minimum, special)
    options = []
    for index in range(first, first + count):
        effective = _month_end(index)
        short = _short(activated, term, index)
        amount = fee * short
        num, den = _rate(effective.toordinal())
        y, m0 = divmod(index, 12)
        options.append(
            (
                (y, m0 + 1),
                _deadline(index),
                effective,
                short,
                amount,
                amount + amount * num // den,
            )
        )
    y, m0 = divmod(activation + term, 12)
    return (y, m0 + 1), tuple(options)


def ref_channel(channel: str):
    accepted = channel.strip().casefold() == "email_form"
    return accepted, ("C1.accepted" if accepted else "C1.refused",)


def ref_suspension(service: str):
    return False, ("C8.refused",)  # C8: there is no suspension, whatever the service


_FORMS = {"extend": "解約期日延長依頼書", "withdraw": "解約申込取下依頼書"}


def _given(value: str | dt.date | None) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def ref_review(request: tuple, accepted_on: dt.date, fee: int | None, mode: str):
    """C7: (eligible, C7 reason codes, missing fields, months, charge, with tax, form)."""
    kind, requested_at, registered, customer, service, host, stated, new_on, why = request
    ok = True
    codes = []
    if requested_at.astimezone(JST).date() <= accepted_on:
        codes.append("C7.deadline_ok")
    else:
        ok = False
        codes.append("C7.deadline_passed")
    if registered:
        codes.append("C7.contact_ok")
    else:
        ok = False
        codes.append("C7.contact_refused")
    last = ("new_cancellation_on", new_on) if kind == "extend" else ("withdrawal_reason", why)
    missing = tuple(
        name
        for name, value in (
            ("customer_number", customer),
            ("service_name", service),
            ("host_name", host),
            ("accepted_cancellation_on", stated),
            last,
        )
        if not _given(value)
    )
    if missing:
        ok = False
        codes.append("C7.missing")
    if stated is not None and not _is_month_end(stated):
        ok = False
        codes.append("C7.stated_not_month_end")
    elif stated is not None and stated != accepted_on:
        ok = False
        codes.append("C7.date_mismatch")
    months = amount = tax = 0
    if kind == "extend" and new_on is not None:
        if not _is_month_end(new_on):
            ok = False
            codes.append("C7.not_month_end")
        elif new_on <= accepted_on:
            ok = False
            codes.append("C7.not_later")
        else:
            start = accepted_on.year * 12 + accepted_on.month  # the month after (index)
            months = new_on.year * 12 + new_on.month - 1 - start + 1
            if fee is None:
                codes.append("C7.extension_months")
            else:
                codes.append("C7.extension")
                amount = fee * months
                by_rate: dict[tuple[int, int], int] = {}
                for index in range(start, start + months):  # each month from its first day
                    y, m0 = divmod(index, 12)
                    rate = _rate(dt.date(y, m0 + 1, 1).toordinal())
                    by_rate[rate] = by_rate.get(rate, 0) + fee
                tax = sum(_round(base * num, den, mode) for (num, den), base in by_rate.items())
    codes.append("C7.eligible" if ok else "C7.not_eligible")
    return ok, tuple(codes), missing, months, amount, amount + tax, _FORMS[kind] if ok else None


# ---------------------------------------------------------------- D1-D9

_ATTRIBUTE = frozenset({"co", "or", "ne", "ac", "ad", "ed", "go", "gr", "lg"})
# The romaji labels of geographic .jp names (the library also knows the kanji ones).
_PREFECTURE_NAMES = (
    "hokkaido", "aomori", "iwate", "miyagi", "akita", "yamagata", "fukushima", "ibaraki",
    "tochigi", "gunma", "saitama", "chiba", "tokyo", "kanagawa", "niigata", "toyama",
    "ishikawa", "fukui", "yamanashi", "nagano", "gifu", "shizuoka", "aichi", "mie", "shiga",
    "kyoto", "osaka", "hyogo", "nara", "wakayama", "tottori", "shimane", "okayama",
    "hiroshima", "yamaguchi", "tokushima", "kagawa", "ehime", "kochi", "fukuoka", "saga",
    "nagasaki", "kumamoto", "oita", "miyazaki", "kagoshima", "okinawa",
)  # fmt: skip
_PREFECTURES = frozenset(_PREFECTURE_NAMES)
# The IANA generic, sponsored and generic-restricted TLDs among the bench's names (the library
# reads the whole root zone table; a set look-up costs the same).
_GTLDS = frozenset({"com", "net", "org", "info", "biz", "tokyo"})
_JP = frozenset({"generic_jp", "attribute_jp", "geographic_jp"})
_ATTRIBUTE_RULE_SINCE = dt.date(2014, 11, 10)  # D9: attribute .jp closes on the 15th from then


def _kind(domain: str) -> str:
    """D3, D9: the kind of an ASCII domain name."""
    labels = domain.split(".")
    if labels[-1] == "jp":
        if len(labels) >= 3 and labels[-2] in _ATTRIBUTE:
            return "attribute_jp"
        if len(labels) >= 3 and labels[-2] in _PREFECTURES:
            return "geographic_jp"
        return "generic_jp"
    return "gtld" if labels[-1] in _GTLDS else "other"


def _closes(kind: str, expiry: dt.date, end: dt.date) -> tuple[dt.date | None, str]:
    """D9: the registry's last restore day (or None) and its basis."""
    if kind in ("generic_jp", "geographic_jp") or (
        kind == "attribute_jp" and end >= _ATTRIBUTE_RULE_SINCE
    ):
        y, m = divmod(expiry.year * 12 + expiry.month, 12)
        return dt.date(y, m + 1, 15 if kind == "attribute_jp" else 20), "registry_rule"
    if kind == "gtld":
        return end + dt.timedelta(days=30), "estimate"
    return None, "unknown"


def _restore(kind: str, expiry: dt.date, end: dt.date):
    opens = end + _DAY
    closes, basis = _closes(kind, expiry, end)
    num, den = _rate(opens.toordinal())
    tax = 12000 * num // (den + num)  # D8: the fee includes the tax
    return opens, closes, basis, 12000, tax


def ref_contract_end(domain: str, expiry: dt.date) -> dt.date:
    return expiry - dt.timedelta(days=7) if _kind(domain) in _JP else expiry


def ref_timeline(domain: str, expiry: dt.date):
    o = expiry.toordinal()
    end = o - 7 if _kind(domain) in _JP else o
    window = (_date(end - 50), _date(end - 45))
    reminders = tuple(_date(end - n) for n in (45, 15, 7, 3, 0))
    return _date(end), window, reminders


def ref_debit(arrived: dt.date) -> dt.date:
    debit = ref_next_business(arrived.replace(day=27))
    if arrived > debit:
        y, m = divmod(arrived.year * 12 + arrived.month, 12)
        debit = ref_next_business(dt.date(y, m + 1, 27))
    return debit


def ref_direct_debit(arrived: dt.date):
    """D5: (debit day, debit month, whether the next month's)."""
    debit = ref_next_business(arrived.replace(day=27))
    month = arrived.year * 12 + arrived.month - 1
    late = arrived > debit
    if late:
        month += 1
        y, m0 = divmod(month, 12)
        debit = ref_next_business(dt.date(y, m0 + 1, 27))
    y, m0 = divmod(month, 12)
    return debit, (y, m0 + 1), late


def ref_restore(domain: str, expiry: dt.date):
    kind = _kind(domain)
    end = expiry - dt.timedelta(days=7) if kind in _JP else expiry
    return _restore(kind, expiry, end)


def ref_status(domain: str, expiry: dt.date, on: dt.date):
    """D4, D7: (status, contract end, restore close)."""
    opens, closes, _, _, _ = ref_restore(domain, expiry)
    end = opens - _DAY
    if on < end - dt.timedelta(days=50):
        status = "active"
    elif on <= end:
        status = "renewal_due"
    elif closes is None:
        status = "unpaid_past_contract_end"
    else:
        status = "restorable" if on <= closes else "abolished"
    return status, end, closes


def ref_renewal_plan(
    domain: str, expiry: dt.date, today: dt.date, payment: str, paid_on: dt.date | None
):
    """D1-D9: what the plan carries: its timeline (contract end, order window, fee notice,
    reminders while unpaid, the direct debit and its month), its state (status and the restore
    window: opens, closes, basis, fee, tax) and the plan read from them (pay by and debit day
    while to pay, the reminders still to come, the restore window once past the end)."""
    kind = _kind(domain)
    end = expiry.toordinal() - 7 if kind in _JP else expiry.toordinal()
    day = today.toordinal()
    paid = None if paid_on is None else paid_on.toordinal()
    restore = _restore(kind, expiry, _date(end))  # the state's restore window (D8-D9)
    if paid is not None and paid <= end and paid <= day:
        status = "renewed"
    elif day < end - 50:
        status = "active"
    elif day <= end:
        status = "renewal_due"
    else:
        closes = restore[1]
        if closes is None:
            status = "unpaid_past_contract_end"
        else:
            status = "restorable" if today <= closes else "abolished"
    to_pay = status in ("active", "renewal_due")
    reminders = (end - 45, end - 15, end - 7, end - 3, end)
    if paid is not None and paid <= end:
        reminders = tuple(r for r in reminders if r < paid)
    debit = None  # D5: the notice estimated 5 days after the order window
    if payment == "direct_debit":
        debit = ref_direct_debit(_date(end - 45 + 5))
    timeline = (_date(end - 45), tuple(_date(r) for r in reminders), debit)
    return (
        status,
        _date(end),
        (_date(end - 50), _date(end - 45)),
        _date(end) if to_pay else None,
        debit[0] if to_pay and debit is not None else None,
        tuple(_date(r) for r in reminders if r > day),
        restore if status not in ("renewed", "active", "renewal_due") else None,
        timeline,
        restore,
    )


# ---------------------------------------------------------------- P1-P6


def _registrar(what: str, provider_is_registrar: bool | None) -> tuple[str, str, bool]:
    if provider_is_registrar:
        return "customer", f"{what}.provider", False
    if provider_is_registrar is None:
        return "registrar", f"{what}.unknown", False
    return "registrar", f"{what}.registrar", False


def ref_ip_plan(
    intent: str,
    pattern: str,
    panel: str | None,
    end_registration: bool,
    provider_is_registrar: bool | None,
    mail_client: bool | None,
    host_record: bool | None,
) -> tuple[tuple[str, str, bool], ...]:
    """P1: the steps as (actor, action, paid); the IP cancellation last."""
    delete = intent == "delete_domain"
    if pattern == "A":
        plesk = panel == "plesk"
        if delete:
            first = "plesk_delete" if plesk else "config_delete"
            steps = [("customer", first, False), ("customer", "secondary_delete", False)]
        else:
            first = "plesk_move" if plesk else "config_move"
            steps = [("customer", first, False), ("customer", "secondary_move", False)]
    elif pattern == "B":
        steps = [("other_company", "other_delete" if delete else "other_move", False)]
    elif delete:
        steps = [
            ("customer", "ask_provider_delete", False),
            ("provider", "provider_deletes", False),
        ]
    else:
        steps = [
            ("customer", "record_change_apply", True),
            ("provider", "provider_changes_record", True),
        ]
    if not delete:
        if mail_client is not False:
            steps.append(
                ("customer", "mail_check" if mail_client is None else "mail_change", False)
            )
        if host_record is not False:
            what = "host_record_check" if host_record is None else "host_record_change"
            steps.append(_registrar(what, provider_is_registrar))
    if delete and end_registration:
        steps.append(_registrar("end_registration", provider_is_registrar))
    steps.append(("customer", "cancel_ip", False))
    return tuple(steps)


def ref_seal(kind: str, full_name: bool | None, electronic: bool, registered: bool | None):
    """P2: (accepted, outcome, reason codes, missing)."""
    missing: tuple[str, ...] = ()
    if kind == "staff_seal":
        outcome, reason = "refused", "P2.refused.staff_seal"
    elif kind == "title_holder_seal":
        outcome, reason = "accepted", "P2.accepted.title_holder_seal"
    elif full_name:
        outcome, reason = "accepted", "P2.accepted.full_name"
    elif full_name is None:
        outcome, reason = "needs_check", "P2.check.full_name_unconfirmed"
        missing = ("shows_full_legal_name",)
    else:
        outcome, reason = "refused", "P2.refused.full_name_absent"
    codes = [reason]
    if not registered:
        codes.append("P2.note.unregistered")
    if electronic:
        codes.append("P2.note.electronic")
    return outcome == "accepted", outcome, tuple(codes), missing


def ref_delegation(in_organisation: bool, via_form: bool):
    inside = "P3.check.inside_organisation" if in_organisation else "P3.check.outside_organisation"
    codes = (inside,) if via_form else (inside, "P3.check.use_form")
    return not in_organisation and via_form, codes


def ref_contact(registered: bool, via_form: bool):
    who = "P4.check.registered_contact" if registered else "P4.check.unregistered_contact"
    codes = (who,) if via_form else (who, "P4.check.use_form")
    return registered and via_form, codes


_DEALER_SUBJECT = "古物商許可申請について"


def ref_dealer(subject: str | None, head: str | None, registered: str | None, by_email: bool):
    """P5: (accepted, reason codes, missing addresses)."""
    missing = tuple(
        name
        for name, value in (("head_office_address", head), ("registered_address", registered))
        if value is None or not value.strip()
    )
    accepted = not missing
    codes = []
    if not by_email:
        accepted = False
        codes.append("P5.check.by_email")
    if (subject or "").strip() != _DEALER_SUBJECT:
        accepted = False
        codes.append("P5.check.subject")
    if missing:
        codes.append("P5.check.addresses")
    codes.append("P5.check.fee")
    return accepted, tuple(codes), missing


def ref_resale():
    return True, ("P6.policy.allowed", "P6.policy.end_users")  # P6: always allowed
