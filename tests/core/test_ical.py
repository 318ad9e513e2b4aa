"""The iCalendar writer every app uses: RFC 5545 escaping, 75-octet folding, UTC times and whole days."""

import datetime

from core import ical


def test_text_values_are_escaped():
    assert ical.escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "é" * 100
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


def test_a_whole_day_event_is_written_as_dates_and_a_timed_one_in_utc():
    day = ical.event_lines(
        uid="x-1@host",
        summary="Deadline",
        start=datetime.date(2027, 3, 4),
        end=datetime.date(2027, 3, 5),
        url="https://example.org",
    )
    assert "DTSTART;VALUE=DATE:20270304" in day and "DTEND;VALUE=DATE:20270305" in day
    moment = datetime.datetime(2027, 3, 4, 14, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    timed = ical.event_lines(uid="x-2@host", summary="Meeting", start=moment, end=moment, url="https://example.org")
    assert "DTSTART:20270304T130000Z" in timed


def test_a_calendar_ends_every_line_with_crlf(settings):
    text = ical.calendar([], name="Calls; open", prodid="-//Test//EN")
    assert text == (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
        "X-WR-CALNAME:Calls\\; open\r\nEND:VCALENDAR\r\n"
    )


def test_a_uid_names_the_portals_host(settings):
    settings.SITE_URL = "https://smc.example.org:8443/portal"
    assert ical.uid("call-deadline", "7-1") == "call-deadline-7-1@smc.example.org"
