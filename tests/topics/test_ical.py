"""Meetings as iCalendar: RFC 5545 escaping, CRLF line ends, 75-octet folding, UTC times."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from devdata.factories import MeetingFactory, topic

pytestmark = pytest.mark.django_db


def test_a_meeting_downloads_as_an_ics_file(client):
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    meeting = MeetingFactory(
        title="Parking; fees, and more",
        starts_at=datetime.datetime(2027, 3, 4, 14, 0, tzinfo=brussels),
        ends_at=datetime.datetime(2027, 3, 4, 15, 30, tzinfo=brussels),
        agenda="1. Welcome\n2. " + "Results of the trial " * 10,
    )
    response = client.get(reverse("topics:meeting-ics", args=[meeting.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART:20270304T130000Z\r\n" in text
    assert "DTEND:20270304T143000Z\r\n" in text
    assert "SUMMARY:Parking\\; fees\\, and more\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert f"UID:meeting-{meeting.pk}@" in text


def test_the_topic_calendar_lists_its_meetings_but_not_members_only_ones_for_visitors(client):
    MeetingFactory(title="Open meeting")
    MeetingFactory(title="Closed meeting", members_only=True)
    MeetingFactory(title="Other topic meeting", topic=topic("projects"))
    text = client.get(reverse("topics:calendar", args=[topic().slug])).content.decode()
    assert "Open meeting" in text
    assert "Closed meeting" not in text
    assert "Other topic meeting" not in text
    assert text.count("BEGIN:VEVENT") == 1


def test_upcoming_meetings_show_on_the_topic_page_in_their_time_zone(client):
    lisbon = zoneinfo.ZoneInfo("Europe/Lisbon")
    start = datetime.datetime.now(lisbon).replace(
        hour=9, minute=30, second=0, microsecond=0
    ) + datetime.timedelta(days=3)
    MeetingFactory(
        title="Lisbon session",
        time_zone="Europe/Lisbon",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    page = client.get(reverse("topics:detail", args=[topic().slug])).content.decode()
    assert "Lisbon session" in page
    assert "09:30" in page and "Europe/Lisbon" in page
