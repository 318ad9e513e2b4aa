"""Funding calls' deadlines as whole-day iCalendar events (the format itself is written by core.ical)."""

import datetime

from core import ical

PRODID = "-//SMC Portal//Funding calls//EN"


def deadline_events(call, *, url: str) -> list[list[str]]:
    """One event per deadline of CALL, on that day."""
    return [
        ical.event_lines(
            uid=ical.uid("call-deadline", f"{call.pk}-{number}"),
            summary=f"{label}: {call.identifier} – {call.title}",
            start=day,
            end=day + datetime.timedelta(days=1),
            url=url,
            description=f"{call.summary}\n\n{call.url}",
            last_modified=call.updated_at,
        )
        for number, (day, label) in enumerate(call.deadlines, start=1)
    ]


def calendar(events: list[list[str]], *, name: str) -> str:
    return ical.calendar(events, name=name, prodid=PRODID)
