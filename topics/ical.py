"""iCalendar (RFC 5545) text for meetings, written by hand: escaping, CRLF and 75-octet line folding."""

import datetime

from django.conf import settings
from django.utils import timezone

PRODID = "-//SMC Portal//Topic meetings//EN"


def escape_text(value: str) -> str:
    """TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines are escaped."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character (§3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def format_utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(meeting) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "smc-portal"
    return f"meeting-{meeting.pk}@{host}"


def event_lines(meeting, *, url: str) -> list[str]:
    description = meeting.agenda
    if meeting.online_url:
        description = f"{description}\n\n{meeting.online_url}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(meeting)}",
        f"DTSTAMP:{format_utc(timezone.now())}",
        f"LAST-MODIFIED:{format_utc(meeting.updated_at)}",
        f"DTSTART:{format_utc(meeting.starts_at)}",
        f"DTEND:{format_utc(meeting.ends_at)}",
        f"SUMMARY:{escape_text(meeting.title)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    location = meeting.place or meeting.online_url
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"URL:{meeting.online_url or url}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: list[list[str]], *, name: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)
