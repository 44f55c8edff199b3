"""Calendar export: a domain renewal timeline as an iCalendar file (RFC 5545).

Built on the ``icalendar`` package (imported when a file is first written, never at
``import clararules``).  Every event is an all-day event on a JST date, one event per day: what
falls on the same day (or the same window of days, such as the order and invoice windows) is
one event, its summaries joined.  Each event carries, as its ``DESCRIPTION``, the steps of the
timeline's explanation that give its date (``[D1] …`` lines), and the D6 reminders are the
alarms (``VALARM``) of the contract-end event: each rings at 09:00 on its day, so they are not
events of their own.  The calendar's name, the summaries, the descriptions and the alarms' texts
are messages of the catalogs, in English or Japanese.  The file's DTSTAMP is an argument
(``generated_at``), never read from the clock.

>>> import pendulum
>>> from clararules import renewal_timeline
>>> t = renewal_timeline("example.jp", pendulum.Date(2027, 3, 31))
>>> text = timeline_to_ics(t, generated_at=pendulum.datetime(2026, 11, 24, tz="UTC")).decode()
>>> text.count("BEGIN:VEVENT"), text.count("BEGIN:VALARM"), "DTSTART;VALUE=DATE:20270324" in text
(3, 5, True)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Final

import attrs
import pendulum

from clararules.core import door as check
from clararules.core.bankdays import add_days
from clararules.core.explain import Figure, Step
from clararules.core.i18n import render
from clararules.domains.timeline import RenewalTimeline

__all__ = ["timeline_events", "timeline_to_ics"]

PRODID = "-//clararules//domain renewal timeline//EN"

ALARM_TIME: Final = _dt.timedelta(hours=9)
"""When a reminder's alarm rings on its day: 09:00 in the calendar's own time zone (the events
are all-day dates, which a calendar shows in its own zone)."""

_RULE_EVENTS: Final[dict[str, tuple[str, ...]]] = {
    "D1": ("order",),
    "D2": ("fee-notice",),
    "D5": ("invoice", "debit-notice", "debit"),
    "G4": ("debit",),
    "D3": ("contract-end",),
    "D4": ("contract-end",),
    "D6": ("contract-end",),
    "D7": ("contract-end",),
}
"""The events whose DESCRIPTION holds the explanation steps of each rule: the steps that give
their dates.  The contract end holds D6 too, since the reminders are its alarms."""

_STEP_EVENTS: Final[dict[str, tuple[str, ...]]] = {"D5.card": ("order",)}
"""Steps told on other events than their rule's: a card payment is made on the order's e-mail.
Every step of a timeline's explanation is in some event's description."""


def timeline_events(
    timeline: RenewalTimeline, lang: str = "en"
) -> tuple[tuple[str, str, pendulum.Date, pendulum.Date], ...]:
    """The timeline's dated events: (id, summary, first day, last day), in date order.

    The summaries are the ``ics.*`` messages in ``lang`` (``"en"`` or ``"ja"``).  Each reminder
    is listed here as its own item; the calendar file makes them alarms of the contract end.

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


@attrs.frozen
class _Alarm:
    """A reminder as an alarm of the contract-end event: ``days`` before it, with its text."""

    days: int
    text: str


@attrs.frozen
class _Day:
    """One event of the calendar file: the timeline's items on the same day (or window)."""

    ids: tuple[str, ...]
    summaries: tuple[str, ...]
    first: pendulum.Date
    last: pendulum.Date
    steps: tuple[Step, ...]
    alarms: tuple[_Alarm, ...]


def _steps_of(ids: Iterable[str], explanation: tuple[Step, ...]) -> tuple[Step, ...]:
    """The explanation steps told on the event holding the items ``ids``, in order."""
    wanted = set(ids)
    return tuple(
        step
        for step in explanation
        if wanted.intersection(_STEP_EVENTS.get(step.key, _RULE_EVENTS.get(step.rule, ())))
    )


def _days(timeline: RenewalTimeline, lang: str) -> tuple[_Day, ...]:
    """The events of the calendar file, in date order: the timeline's items grouped by their
    dates, the reminders as the contract end's alarms."""
    items = timeline_events(timeline, lang)
    end = timeline.contract_end
    alarms = tuple(
        _Alarm((end - first).days, summary)
        for event_id, summary, first, _ in items
        if event_id.startswith("reminder-")
    )
    grouped: dict[tuple[pendulum.Date, pendulum.Date], list[tuple[str, str]]] = {}
    for event_id, summary, first, last in items:
        if not event_id.startswith("reminder-"):
            grouped.setdefault((first, last), []).append((event_id, summary))
    explanation = timeline.explanation
    days = []
    for (first, last), group in grouped.items():
        ids = tuple(event_id for event_id, _ in group)
        days.append(
            _Day(
                ids=ids,
                summaries=tuple(summary for _, summary in group),
                first=first,
                last=last,
                steps=_steps_of(ids, explanation),
                alarms=alarms if "contract-end" in ids else (),
            )
        )
    return tuple(days)


def _date(day: pendulum.Date) -> _dt.date:
    return _dt.date(day.year, day.month, day.day)


def timeline_to_ics(
    timeline: RenewalTimeline, generated_at: _dt.datetime, lang: str = "en"
) -> bytes:
    """The renewal timeline as iCalendar bytes, in ``lang`` (``"en"`` or ``"ja"``).

    One all-day event per day (or window of days) of the timeline, its summaries joined; its
    ``DESCRIPTION`` the explanation steps that give its date, one ``[rule] sentence`` a line;
    the reminders (D6) as the contract-end event's alarms, each at 09:00 on its day
    (``TRIGGER`` relative to the event's start, e.g. ``-P44DT15H`` for 45 days before).  The
    summaries, descriptions and alarm texts carry ``LANGUAGE=en`` or ``LANGUAGE=ja``.

    >>> import pendulum
    >>> from clararules import renewal_timeline
    >>> t = renewal_timeline("example.jp", pendulum.Date(2027, 3, 31))
    >>> stamp = pendulum.datetime(2026, 11, 24, tz="Asia/Tokyo")
    >>> lines = timeline_to_ics(t, stamp, "ja").decode().splitlines()
    >>> [line for line in lines if line.startswith("TRIGGER")]
    ['TRIGGER:-P44DT15H', 'TRIGGER:-P14DT15H', 'TRIGGER:-P6DT15H', 'TRIGGER:-P2DT15H', 'TRIGGER:PT9H']
    """
    import icalendar  # imported when a calendar is first written, not at import

    check.instance(timeline, RenewalTimeline, "timeline")
    stamp = check.instant(generated_at, "generated_at").in_timezone("UTC")
    days = _days(timeline, lang)  # refuses an unknown language before anything is built
    language = {"LANGUAGE": lang}
    separator = render("list.separator", {}, lang)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", render("ics.calendar", {"domain": timeline.domain.unicode}, lang))
    dtstamp = _dt.datetime(
        stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second, tzinfo=_dt.UTC
    )
    for day in days:
        event = icalendar.Event()
        event.add(
            "uid",
            f"{'+'.join(day.ids)}-{day.first.isoformat()}-{timeline.domain.ascii}@clararules",
        )
        event.add("dtstamp", dtstamp)
        event.add("dtstart", _date(day.first))
        event.add("dtend", _date(add_days(day.last, 1)))
        event.add("summary", separator.join(day.summaries), parameters=language)
        description = "\n".join(f"[{step.rule}] {step.text(lang)}" for step in day.steps)
        event.add("description", description, parameters=language)
        event.add("transp", "TRANSPARENT")
        for reminder in day.alarms:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", reminder.text, parameters=language)
            alarm.add("trigger", _dt.timedelta(days=-reminder.days) + ALARM_TIME)
            event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
