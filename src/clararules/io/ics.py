"""Calendar export: a domain renewal timeline as an iCalendar file (RFC 5545).

Built on the ``icalendar`` package.  Every event is an all-day event on a JST date.  The file's
DTSTAMP is an argument (``generated_at``), never read from the clock.  The calendar's name and
the event summaries are the ``ics.*`` messages of the catalogs, in English or Japanese.

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
from clararules.core.explain import Figure
from clararules.core.i18n import render
from clararules.domains.timeline import RenewalTimeline

__all__ = ["timeline_events", "timeline_to_ics"]

PRODID = "-//clararules//domain renewal timeline//EN"


def timeline_events(
    timeline: RenewalTimeline, lang: str = "en"
) -> tuple[tuple[str, str, pendulum.Date, pendulum.Date], ...]:
    """The timeline's dated events: (id, summary, first day, last day), in date order.

    The summaries are the ``ics.*`` messages in ``lang`` (``"en"`` or ``"ja"``).

    >>> import pendulum
    >>> from clararules import renewal_timeline
    >>> events = timeline_events(renewal_timeline("example.com", pendulum.Date(2027, 3, 10)))
    >>> [e[0] for e in events]
    ['order', 'fee-notice', 'reminder-45', 'reminder-15', 'reminder-7', 'reminder-3', 'reminder-0', 'contract-end']
    >>> events[2][1]
    'example.com: renewal reminder, 45 days before the contract end (D6)'
    >>> timeline_events(renewal_timeline("example.com", pendulum.Date(2027, 3, 10)), "ja")[2][1]
    'example.com: メール通知（契約終了日の45日前、D6）'
    """
    check.instance(timeline, RenewalTimeline, "timeline")
    domain = {"domain": timeline.domain.unicode}
    end = timeline.contract_end
    window = timeline.order_window

    def summary(key: str, **figures: Figure) -> str:
        return render(f"ics.{key}", {**domain, **figures}, lang)

    events: list[tuple[str, str, pendulum.Date, pendulum.Date]] = [
        ("order", summary("order"), window.first, window.last),
        (
            "fee-notice",
            summary("fee_notice"),
            timeline.fee_notice_on,
            timeline.fee_notice_on,
        ),
    ]
    if timeline.invoice_window is not None:
        w = timeline.invoice_window
        events.append(("invoice", summary("invoice"), w.first, w.last))
    if timeline.debit is not None:
        debit = timeline.debit
        notice = debit.notice_arrived_on
        key = "debit_notice_estimated" if timeline.debit_notice_estimated else "debit_notice"
        events.append(("debit-notice", summary(key), notice, notice))
        events.append(("debit", summary("debit"), debit.debit_on, debit.debit_on))
    for day in timeline.reminders:
        days = (end - day).days
        events.append(
            (
                f"reminder-{days}",
                summary("reminder", days=days) if days else summary("reminder_day"),
                day,
                day,
            )
        )
    events.append(("contract-end", summary("contract_end"), end, end))
    events.sort(key=lambda e: (e[2], e[3]))
    return tuple(events)


def timeline_to_ics(
    timeline: RenewalTimeline, generated_at: _dt.datetime, lang: str = "en"
) -> bytes:
    """The renewal timeline as iCalendar bytes, one all-day event per date (or date range),
    its calendar name and event summaries in ``lang`` (``"en"`` or ``"ja"``)."""
    import icalendar  # imported when a calendar is first written, not at import

    check.instance(timeline, RenewalTimeline, "timeline")
    stamp = check.instant(generated_at, "generated_at").in_timezone("UTC")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", render("ics.calendar", {"domain": timeline.domain.unicode}, lang))
    for event_id, summary, first, last in timeline_events(timeline, lang):
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
