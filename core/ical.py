"""iCalendar (RFC 5545) text, written by hand: escaping, CRLF line ends, 75-octet folding, UTC times and all-day
dates. It knows no domain: the apps say what each event is (topics' meetings, projects' call deadlines)."""

import datetime

from django.conf import settings
from django.utils import timezone

from core.downloads import download


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


def _moment(name: str, value: datetime.date | datetime.datetime) -> str:
    """DTSTART/DTEND: a time in UTC, or a whole day (VALUE=DATE, §3.3.4)."""
    if isinstance(value, datetime.datetime):
        return f"{name}:{format_utc(value)}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def uid(kind: str, pk) -> str:
    """A UID unique to the portal: the kind of thing, its key and the portal's host."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "smc-portal"
    return f"{kind}-{pk}@{host}"


def event_lines(
    *,
    uid: str,
    summary: str,
    start: datetime.date | datetime.datetime,
    end: datetime.date | datetime.datetime,
    url: str,
    description: str = "",
    location: str = "",
    last_modified: datetime.datetime | None = None,
) -> list[str]:
    """One VEVENT. For a whole day, START is the day and END the day after (DTEND is exclusive)."""
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{format_utc(timezone.now())}"]
    if last_modified is not None:
        lines.append(f"LAST-MODIFIED:{format_utc(last_modified)}")
    lines += [_moment("DTSTART", start), _moment("DTEND", end), f"SUMMARY:{escape_text(summary)}"]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines += [f"URL:{url}", "END:VEVENT"]
    return lines


def calendar(events: list[list[str]], *, name: str, prodid: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)


def ics_response(text: str, filename: str):
    """The calendar as a download; the browser is told not to guess another type."""
    return download(text, content_type="text/calendar", filename=filename)
