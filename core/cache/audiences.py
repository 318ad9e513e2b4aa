"""Who shares a cached page. An audience answers, for a request, the name of the group whose members all see the
page alike; every visitor (no account) is one group, "visitor". Anything a page shows differently from one
person to another must either be in its audience or be a slot (core.cache.pages).

    public    one copy for everyone, whoever asks (feeds, exports: what a visitor sees)
    visitors  visitors share one copy; people with an account get the page rendered afresh
and, registered by the accounts app (they need its rights):
    frame     member or staff: the site's frame is the only thing that differs
    rights    what the person may see and do (accounts.permissions.audience)
    person    the person alone: pages about oneself
"""

from collections.abc import Callable

VISITOR = "visitor"
_AUDIENCES: dict[str, Callable] = {}


def register(name: str, of: Callable) -> None:
    """OF(request) names the signed-in person's group, or None for "render afresh"."""
    _AUDIENCES.setdefault(name, of)


def of(name: str, request) -> str | None:
    if name == "public" or not request.user.is_authenticated:
        return VISITOR
    return _AUDIENCES[name](request)


register("visitors", lambda request: None)
