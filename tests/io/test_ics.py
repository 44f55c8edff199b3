"""Calendar export: the renewal timeline as iCalendar, read back with two independent parsers
(the ``icalendar`` package, which writes it, and ``vobject``).

One event per day (what falls on the same days is one event), each with the explanation steps
of its date as DESCRIPTION; the D6 reminders are the alarms (VALARM) of the contract end; every
text in the language asked for.
"""

import datetime as dt
import re
import subprocess
import sys

import icalendar
import pendulum
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from clararules import (
    InvalidInput,
    InvalidInputType,
    PaymentMethod,
    renewal_timeline,
    timeline_events,
    timeline_to_ics,
)
from clararules.core.i18n import render

from ..strategies import domain_and_expiry, pdates

STAMP = pendulum.datetime(2026, 11, 24, 9, tz="Asia/Tokyo")
NINE = dt.timedelta(hours=9)


def events(data: bytes):
    calendar = icalendar.Calendar.from_ical(data)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def ids(event) -> list[str]:
    """The timeline items an event holds, from its UID (``order+invoice-2027-...``)."""
    return re.match(r"(.+?)-\d{4}-\d{2}-\d{2}-", str(event["uid"]))[1].split("+")


def by_id(data: bytes) -> dict[str, object]:
    return {item: event for event in events(data) for item in ids(event)}


def alarms(event):
    return [c for c in event.walk() if c.name == "VALARM"]


def read_with_icalendar(data: bytes):
    """Each event as plain values: (start, end, summary, description, language, alarms)."""
    out = []
    for event in events(data):
        rings = sorted(
            (a.decoded("trigger"), str(a["description"]), str(a["action"])) for a in alarms(event)
        )
        out.append(
            (
                event.decoded("dtstart"),
                event.decoded("dtend"),
                str(event["summary"]),
                str(event["description"]),
                event["summary"].params["LANGUAGE"],
                rings,
            )
        )
    return sorted(out)


def read_with_vobject(data: bytes):
    """The same values, read by vobject's own parser."""
    calendar = vobject.readOne(data.decode("utf-8"))
    out = []
    for event in calendar.vevent_list:
        rings = sorted(
            (a.trigger.value, a.description.value, a.action.value)
            for a in getattr(event, "valarm_list", [])
        )
        out.append(
            (
                event.dtstart.value,
                event.dtend.value,
                event.summary.value,
                event.description.value,
                event.summary.params["LANGUAGE"][0],
                rings,
            )
        )
    return sorted(out)


def debit_timeline():
    return renewal_timeline(
        "example.jp",
        dt.date(2027, 3, 31),
        PaymentMethod.DIRECT_DEBIT,
        debit_notice_arrived_on=dt.date(2027, 2, 10),
    )


def test_ics_has_every_date():
    """D1-D6: order window, fee notice, debit notice and date, contract end as all-day events;
    the reminders as the contract end's alarms, at 09:00 on their days."""
    t = debit_timeline()
    found = {}
    for event in events(timeline_to_ics(t, STAMP)):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        for item in ids(event):
            found[item] = (start, end)
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert event.decoded("dtstamp") == dt.datetime(2026, 11, 24, 0, tzinfo=dt.UTC)
    assert found["order"] == (dt.date(2027, 2, 2), dt.date(2027, 2, 8))  # DTEND is exclusive
    assert found["fee-notice"][0] == dt.date(2027, 2, 7)
    assert found["debit-notice"][0] == dt.date(2027, 2, 10)
    assert found["debit"][0] == dt.date(2027, 3, 1)
    assert found["contract-end"][0] == dt.date(2027, 3, 24)
    assert not any(item.startswith("reminder") for item in found)
    end = by_id(timeline_to_ics(t, STAMP))["contract-end"]
    start = dt.datetime.combine(end.decoded("dtstart"), dt.time())
    rings = sorted(start + a.decoded("trigger") for a in alarms(end))
    assert rings == [dt.datetime.combine(day, dt.time(9)) for day in t.reminders]
    assert [str(line) for line in timeline_to_ics(t, STAMP).decode().splitlines()].count(
        "TRIGGER:-P44DT15H"
    ) == 1


def test_ics_invoice_window_is_one_event_with_the_order_window():
    """D1/D5: an invoice customer's invoice window is the order window: one event holds both."""
    t = renewal_timeline("example.com", dt.date(2027, 3, 10), PaymentMethod.INVOICE)
    found = by_id(timeline_to_ics(t, STAMP))
    assert found["invoice"] is found["order"]
    assert str(found["order"]["summary"]) == (
        "example.com: renewal order created (D1), example.com: invoice sent (D5)"
    )
    description = str(found["order"]["description"]).splitlines()
    assert [line[:4] for line in description] == ["[D1]", "[D5]"]


def test_ics_refuses_other_objects():
    """The export takes a RenewalTimeline only."""
    with pytest.raises(InvalidInputType):
        timeline_events("example.jp")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputType):
        timeline_to_ics("example.jp", STAMP)  # type: ignore[arg-type]


timelines = st.builds(
    lambda name_expiry, method, paid, notice: renewal_timeline(
        name_expiry[0],
        name_expiry[1],
        method,
        paid_on=paid,
        debit_notice_arrived_on=notice if method is PaymentMethod.DIRECT_DEBIT else None,
    ),
    domain_and_expiry(),
    st.sampled_from(list(PaymentMethod)),
    st.none() | pdates,
    st.none() | pdates,
)


@given(timelines, st.sampled_from(["en", "ja"]))
def test_ics_one_event_per_day_and_nothing_lost(t, lang):
    """Every item of the timeline is in the file: a reminder as an alarm of the contract end, at
    09:00 on its day; every other item as an event over its days.  No two events cover the
    same days (what falls on the same days is one event), and nothing else is there."""
    data = timeline_to_ics(t, STAMP, lang)
    parsed = events(data)
    spans = [(e.decoded("dtstart"), e.decoded("dtend") - dt.timedelta(days=1)) for e in parsed]
    assert len(spans) == len(set(spans))
    items = timeline_events(t, lang)
    expected = {(first, last) for item, _, first, last in items if not item.startswith("rem")}
    assert set(spans) == expected
    for event in parsed:
        for item in ids(event):
            match = [i for i in items if i[0] == item]
            assert len(match) == 1 and match[0][1] in str(event["summary"])
    end = by_id(data)["contract-end"]
    start = dt.datetime.combine(end.decoded("dtstart"), dt.time())
    rings = [(start + a.decoded("trigger"), str(a["description"])) for a in alarms(end)]
    reminders = [
        (dt.datetime.combine(f, dt.time()) + NINE, s) for i, s, f, _ in items if "rem" in i
    ]
    assert sorted(rings) == sorted(reminders)
    assert len(rings) == len(t.reminders)
    assert sum(len(alarms(e)) for e in parsed) == len(rings)  # only the contract end rings


@given(timelines, st.sampled_from(["en", "ja"]))
def test_ics_descriptions_carry_the_explanation(t, lang):
    """G5: each event's DESCRIPTION is explanation steps, one ``[rule] sentence`` a line, in
    the language asked for; together they hold every step of the timeline's explanation."""
    told = set()
    for event in events(timeline_to_ics(t, STAMP, lang)):
        lines = str(event["description"]).split("\n")
        assert lines and all(line.startswith("[") for line in lines)
        told.update(lines)
        assert event["description"].params["LANGUAGE"] == lang
    assert told == {f"[{step.rule}] {step.text(lang)}" for step in t.explanation}


@settings(max_examples=50)
@given(timelines, st.sampled_from(["en", "ja"]))
def test_ics_reads_the_same_with_another_parser(t, lang):
    """The file is standard iCalendar: vobject, a parser of its own, reads the same events,
    summaries, descriptions (line breaks, commas and semicolons unescaped), languages and
    alarms as icalendar."""
    data = timeline_to_ics(t, STAMP, lang)
    assert read_with_vobject(data) == read_with_icalendar(data)


def test_ics_summaries_from_the_catalogs():
    """D1-D6/G5: the calendar's name, event titles, descriptions and alarms are catalog
    messages in the language asked for; English by default."""
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
    data = timeline_to_ics(t, STAMP, lang="ja")
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "example.jpのドメイン更新"
    titles = {str(e["summary"]) for e in events(data)}
    assert titles == {v for k, v in ja.items() if not k.startswith("reminder")}
    assert all("/" not in title for title in titles)  # one language per file
    end = by_id(data)["contract-end"]
    assert {str(a["description"]) for a in alarms(end)} == {
        v for k, v in ja.items() if k.startswith("reminder")
    }
    assert str(end["description"]).startswith("[D3] example.jpはJPドメイン名")
    assert "[D6] お支払いがお済みでない場合" in str(end["description"])
    reminders = next(step for step in t.explanation if step.key == "D6.reminders")
    english = str(by_id(timeline_to_ics(t, STAMP))["contract-end"]["description"])
    assert f"[D6] {reminders.en}" in english.splitlines()


def test_ics_debit_event_explains_the_business_day_shift():
    """D5/G4: the debit's event says why it moved to the next bank business day."""
    t = debit_timeline()
    found = by_id(timeline_to_ics(t, STAMP))
    debit = str(found["debit"]["description"])
    assert "[G4] 2027-02-27 is not a bank business day" in debit
    assert "[G4]" not in str(found["debit-notice"]["description"])


def test_ics_paid_timeline_keeps_the_alarms_not_yet_passed():
    """D6: a payment drops the reminders from the payment day on: those alarms go too, and the
    contract end's description says so."""
    t = renewal_timeline("example.jp", dt.date(2027, 3, 31), paid_on=dt.date(2027, 3, 17))
    end = by_id(timeline_to_ics(t, STAMP))["contract-end"]
    assert len(alarms(end)) == len(t.reminders) == 2
    paid = render("D6.paid", dict(t.explanation[-2].figures), "en")
    assert paid in str(end["description"])


def test_ics_refuses_unknown_language():
    """G5: a language without catalogs is refused, naming the ones there are."""
    t = renewal_timeline("example.jp", dt.date(2027, 3, 31))
    with pytest.raises(InvalidInput, match="en, ja"):
        timeline_events(t, "fr")
    with pytest.raises(InvalidInput, match="en, ja"):
        timeline_to_ics(t, STAMP, "fr")


def test_ics_module_imports_icalendar_only_when_writing():
    """icalendar is imported when a calendar is first written, not with the module."""
    code = (
        "import sys, pendulum\n"
        "import clararules.io.ics as ics\n"
        "assert 'icalendar' not in sys.modules\n"
        "from clararules import renewal_timeline\n"
        "ics.timeline_to_ics(renewal_timeline('example.jp', pendulum.Date(2027, 3, 31)),\n"
        "                    pendulum.datetime(2026, 11, 24, tz='UTC'))\n"
        "assert 'icalendar' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
