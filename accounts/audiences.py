"""The audiences of cached pages that depend on the person's rights (core.cache.audiences)."""

from accounts import permissions
from core.cache import audiences


def frame(request) -> str:
    """Pages whose only personal part is the site's frame, where staff have a link to the admin."""
    return "staff" if permissions.can_moderate(request.user) else "member"


def rights(request) -> str:
    """Pages that show what someone may see and do."""
    return permissions.audience(request.user)


def person(request) -> str:
    """Pages about the reader alone."""
    return f"person:{request.user.pk}"


def register() -> None:
    audiences.register("frame", frame)
    audiences.register("rights", rights)
    audiences.register("person", person)
