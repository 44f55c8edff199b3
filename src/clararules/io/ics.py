"""Calendar export: a domain renewal timeline as an iCalendar file (RFC 5545).

Built on the ``icalendar`` package.  Every event is an all-day event on a JST date.  The file's
DTSTAMP is an argument (``generated_at``), never read from the clock.

>>> import pendulum
>>> from clararules import renewal_timeline
>>> t = renewal_timeline("example.jp", pendulum.Date(2027, 3, 31))
>>> text = timeline_to_ics(t, generated_at=pendulum.datetime(2026, 11, 24, tz="UTC")).decode()
>>> text.count("BEGIN:VEVENT"), "DTSTART;VALUE=DATE:20270324" in text
(8, True)
"""

from __future__ import annotations

import datetime as _dt

import pendulum

from clararules.core import door as check
from clararules.core.bankdays import add_days
from clararules.domains.renewal import RenewalTimeline

__all__ = ["timeline_events", "timeline_to_ics"]

PRODID = "-//clararules//domain renewal timeline//EN"


def timeline_events(
    timeline: RenewalTimeline,
) -> tuple[tuple[str, str, pendulum.Date, pendulum.Date], ...]:
    """The timeline's dated events: (id, summary, first day, last day), in date order.

    >>> import pendulum
    >>> from clararules import renewal_timeline
    >>> [e[0] for e in timeline_events(renewal_timeline("example.com", pendulum.Date(2027, 3, 10)))]
    ['order', 'fee-notice', 'reminder-45', 'reminder-15', 'reminder-7', 'reminder-3', 'reminder-0', 'contract-end']
    """
    check.instance(timeline, RenewalTimeline, "timeline")
    name = timeline.domain.unicode
    end = timeline.contract_end
    window = timeline.order_window
    events: list[tuple[str, str, pendulum.Date, pendulum.Date]] = [
        (
            "order",
            f"{name}: renewal order created (D1) / 更新注文の作成",
            window.first,
            window.last,
        ),
        (
            "fee-notice",
            f"{name}: next year's fee notice (D2) / 次年度利用料の通知",
            timeline.fee_notice_on,
            timeline.fee_notice_on,
        ),
    ]
    if timeline.invoice_window is not None:
        w = timeline.invoice_window
        events.append(("invoice", f"{name}: invoice sent (D5) / 請求書の送付", w.first, w.last))
    if timeline.debit is not None:
        debit = timeline.debit
        notice = debit.notice_arrived_on
        label = " (estimated / 見積もり)" if timeline.debit_notice_estimated else ""
        events.append(
            (
                "debit-notice",
                f"{name}: debit notice arrives{label} (D5) / 引き落とし案内",
                notice,
                notice,
            )
        )
        events.append(
            ("debit", f"{name}: direct debit (D5) / 口座振替日", debit.debit_on, debit.debit_on)
        )
    for day in timeline.reminders:
        days = (end - day).days
        events.append(
            (
                f"reminder-{days}",
                f"{name}: renewal reminder, {days} days before the contract end (D6) / 更新のお知らせ",
                day,
                day,
            )
        )
    events.append(
        ("contract-end", f"{name}: contract end, pay by today (D4) / 契約終了日", end, end)
    )
    events.sort(key=lambda e: (e[2], e[3]))
    return tuple(events)


def timeline_to_ics(timeline: RenewalTimeline, generated_at: _dt.datetime) -> bytes:
    """The renewal timeline as iCalendar bytes, one all-day event per date (or date range)."""
    import icalendar  # imported when a calendar is first written, not at import

    check.instance(timeline, RenewalTimeline, "timeline")
    stamp = check.instant(generated_at, "generated_at").in_timezone("UTC")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{timeline.domain.unicode} renewal")
    for event_id, summary, first, last in timeline_events(timeline):
        event = icalendar.Event()
        event.add("uid", f"{event_id}-{first.isoformat()}-{timeline.domain.ascii}@clararules")
        event.add(
            "dtstamp",
            _dt.datetime(
                stamp.year,
                stamp.month,
                stamp.day,
                stamp.hour,
                stamp.minute,
                stamp.second,
                tzinfo=_dt.UTC,
            ),
        )
        event.add("dtstart", _dt.date(first.year, first.month, first.day))
        after = add_days(last, 1)
        event.add("dtend", _dt.date(after.year, after.month, after.day))
        event.add("summary", summary)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
