"""Files the portal writes for people to save: the open-data exports, calendars, one's own data."""

from django.http import HttpResponse


def download(content, *, content_type: str, filename: str) -> HttpResponse:
    """CONTENT as a file to save, in UTF-8; the browser is told not to guess another type."""
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
