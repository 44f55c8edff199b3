"""Calendar export: the renewal timeline as iCalendar, read back with the icalendar package."""

import datetime as dt

import icalendar
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    InvalidInput,
    InvalidInputType,
    PaymentMethod,
    renewal_timeline,
    timeline_events,
    timeline_to_ics,
)

from ..strategies import domain_and_expiry

STAMP = pendulum.datetime(2026, 11, 24, 9, tz="Asia/Tokyo")


def events(data: bytes):
    calendar = icalendar.Calendar.from_ical(data)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def test_ics_has_every_date():
    """D1-D6: order window, fee notice, reminders, debit notice and date, contract end."""
    t = renewal_timeline(
        "example.jp",
        dt.date(2027, 3, 31),
        PaymentMethod.DIRECT_DEBIT,
        debit_notice_arrived_on=dt.date(2027, 2, 10),
    )
    found = {}
    for event in events(timeline_to_ics(t, STAMP)):
        start = event.decoded("dtstart")
        end = event.decoded("dtend")
        found[str(event["uid"]).split("-20")[0]] = (start, end)
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert event.decoded("dtstamp") == dt.datetime(2026, 11, 24, 0, tzinfo=dt.UTC)
    assert found["order"] == (dt.date(2027, 2, 2), dt.date(2027, 2, 8))  # DTEND is exclusive
    assert found["fee-notice"][0] == dt.date(2027, 2, 7)
    assert found["debit-notice"][0] == dt.date(2027, 2, 10)
    assert found["debit"][0] == dt.date(2027, 3, 1)
    assert found["contract-end"][0] == dt.date(2027, 3, 24)
    reminder_days = sorted(v[0] for k, v in found.items() if k.startswith("reminder"))
    assert reminder_days == list(t.reminders)


def test_ics_invoice_window():
    """D5: an invoice customer's calendar has the invoice window."""
    t = renewal_timeline("example.com", dt.date(2027, 3, 10), PaymentMethod.INVOICE)
    uids = [str(e["uid"]) for e in events(timeline_to_ics(t, STAMP))]
    assert any(uid.startswith("invoice-") for uid in uids)


def test_ics_refuses_other_objects():
    """The export takes a RenewalTimeline only."""
    with pytest.raises(InvalidInputType):
        timeline_events("example.jp")  # type: ignore[arg-type]


@given(domain_and_expiry(), st.sampled_from(list(PaymentMethod)))
def test_ics_round_trip_dates(name_expiry, method):
    """Every event of the timeline is in the file with its dates, and nothing else is."""
    name, expiry = name_expiry
    t = renewal_timeline(name, expiry, method)
    parsed = sorted(
        (e.decoded("dtstart"), e.decoded("dtend") - dt.timedelta(days=1))
        for e in events(timeline_to_ics(t, STAMP))
    )
    expected = sorted((first, last) for _, _, first, last in timeline_events(t))
    assert parsed == expected


def test_ics_summaries_from_the_catalogs():
    """D1-D6/G5: the calendar's name and event titles are catalog messages in the language
    asked for; English by default."""
    t = renewal_timeline("example.jp", dt.date(2027, 3, 31), PaymentMethod.DIRECT_DEBIT)
    en = {e[0]: e[1] for e in timeline_events(t)}
    ja = {e[0]: e[1] for e in timeline_events(t, "ja")}
    assert en["order"] == "example.jp: renewal order created (D1)"
    assert en["reminder-7"] == "example.jp: renewal reminder, 7 days before the contract end (D6)"
    assert en["reminder-0"] == "example.jp: renewal reminder, on the contract end (D6)"
    assert en["debit-notice"] == "example.jp: debit notice arrives, estimated (D5)"
    assert ja["order"] == "example.jp: 更新注文の作成（D1）"
    assert ja["reminder-7"] == "example.jp: メール通知（契約終了日の7日前、D6）"
    assert ja["debit-notice"] == "example.jp: 引き落としのご案内書類の到着（推定、D5）"
    assert ja["contract-end"] == "example.jp: 契約終了日（本日がお支払い期限、D4）"
    calendar = icalendar.Calendar.from_ical(timeline_to_ics(t, STAMP, lang="ja"))
    assert str(calendar["x-wr-calname"]) == "example.jpのドメイン更新"
    titles = {str(e["summary"]) for e in events(timeline_to_ics(t, STAMP, lang="ja"))}
    assert titles == set(ja.values())
    assert all("/" not in title for title in titles)  # one language per file


def test_ics_refuses_unknown_language():
    """G5: a language without catalogs is refused, naming the ones there are."""
    t = renewal_timeline("example.jp", dt.date(2027, 3, 31))
    with pytest.raises(InvalidInput, match="en, ja"):
        timeline_events(t, "fr")
