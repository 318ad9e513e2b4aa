"""Versions of the things pages show.

Every cached page and every remembered value is stored under a key that holds the current version of each thing
it shows. A committed change moves on the versions of the things it affects (core.cache.evictions), so the next
reader builds another key, misses and renders afresh; nothing else is evicted. ALL is part of every key: moving
it on evicts everything (a bulk load, a change that no app has described).

A request reads the versions it needs once, in one round trip, before it reads the database
(VersionsMiddleware): whatever it stores under them was rendered from data at least as new as those versions,
so a change committed meanwhile leaves behind only keys nobody builds again. The request's own committed changes
move its copy on too, so that it reads them back at once. Outside a request, versions are read every time.
"""

import threading
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

ALL = "all"
PREFIX = "version:"
_request = threading.local()


def _new_value() -> int:
    return time.time_ns()


def _fetch(names: list[str]) -> dict[str, int]:
    found = cache.get_many([PREFIX + name for name in names])
    versions = {}
    for name in names:
        value = found.get(PREFIX + name)
        if value is None:  # never set, or evicted: the first reader sets it
            value = _new_value()
            if not cache.add(PREFIX + name, value, None):
                value = cache.get(PREFIX + name, value)
        versions[name] = value
    return versions


def current(names: Iterable[str]) -> tuple[int, ...]:
    """The versions of ALL and NAMES, in that order; read once per request."""
    names = [ALL, *names]
    known = getattr(_request, "versions", None)
    if known is None:
        fetched = _fetch(names)
        return tuple(fetched[name] for name in names)
    missing = [name for name in dict.fromkeys(names) if name not in known]
    if missing:
        known.update(_fetch(missing))
    return tuple(known[name] for name in names)


def prefetch(names: Iterable[str]) -> None:
    """Read NAMES now, with ALL, in one round trip (a request's first read, before the database's)."""
    current(names)


def bump(*names: str) -> None:
    """Move NAMES on once the surrounding transaction commits (at once outside a transaction)."""

    def move_on():
        value = _new_value()
        cache.set_many({PREFIX + name: value for name in names}, None)
        known = getattr(_request, "versions", None)
        if known is not None:
            known.update(dict.fromkeys(names, value))

    if names:
        transaction.on_commit(move_on)


def evict_everything() -> None:
    """Move ALL on: for bulk loads, which send no signal."""
    bump(ALL)


def _started(**kwargs) -> None:
    _request.versions = {}


def _finished(**kwargs) -> None:
    _request.versions = None


request_started.connect(_started, dispatch_uid="core.cache.versions.started")
request_finished.connect(_finished, dispatch_uid="core.cache.versions.finished")


class VersionsMiddleware:
    """Reads, in one round trip and before the view reads the database, every version the request will key on:
    ALL, the signed-in person's (their row, rights and follows are remembered under it) and those the view
    declares (its `cache_versions(request, *args, **kwargs)`, set by core.cache.pages.cached_page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PAGE_CACHE:
            return
        names = []
        user_id = request.session.get("_auth_user_id") if hasattr(request, "session") else None
        if user_id is not None:
            names.append(f"user:{user_id}")
        declared = getattr(view_func, "cache_versions", None)
        if declared is not None:
            names.extend(declared(request, *view_args, **view_kwargs))
        prefetch(names)
