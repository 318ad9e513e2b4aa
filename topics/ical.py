"""Meetings as iCalendar events (the format itself is written by core.ical)."""

from core import ical

PRODID = "-//SMC Portal//Topic meetings//EN"


def event_lines(meeting, *, url: str) -> list[str]:
    description = meeting.agenda
    if meeting.online_url:
        description = f"{description}\n\n{meeting.online_url}".strip()
    return ical.event_lines(
        uid=ical.uid("meeting", meeting.pk),
        summary=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        url=meeting.online_url or url,
        description=description,
        location=meeting.place or meeting.online_url,
        last_modified=meeting.updated_at,
    )


def calendar(events: list[list[str]], *, name: str) -> str:
    return ical.calendar(events, name=name, prodid=PRODID)
