"""Whole pages cached per audience, invalidated at once by any change to the portal's data.

Visitors (no account) share one copy of a page; people with an account share one with those of the same
audience, which the view names (see cache_per_audience), or always get it rendered (cache_for_visitors).

One version number in the shared cache is stored with every page; every committed save or delete of a
portal model moves it on, so the next visitor gets a freshly rendered page. A request reads the version
once, before it reads the database, so a page rendered from data older than a change can only be stored
with a version that is already dead.

Pages are stored compressed once, so a hit costs neither a second compression nor the full size in the
cache's memory and traffic. They hold nothing secret: a page that sets a cookie is never stored, and form
tokens are cut out before storing and filled in per request (such pages then leave through GZipMiddleware,
with its BREACH padding); so the stored compression needs no padding.

Each process keeps the pages and values it last read in memory too (LocalCopies), so a hit costs one small
round trip for the version, read once per request, instead of moving the whole page out of the shared
cache. A copy is used only while its version is the current one, so a change shows as fast as before.
"""

import gzip
import hashlib
import pickle
import re
import threading
import time
from collections import OrderedDict
from functools import wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers

VERSION_KEY = "page-cache:version"
TIMEOUT_SECONDS = 600
# allauth's "account" holds the email addresses whose verification decides what someone may do.
PORTAL_APPS = {"accounts", "account", "cities", "topics", "ambassadors", "core"}
# Rows that change without changing any page a visitor sees: the audit trail, and the outbox and the
# scheduler's records that every mail and periodic job writes.
IGNORED_MODELS = {"core.actionlog", "core.outboxmail", "core.periodicrun"}
IGNORED_FIELDS = {"last_login"}  # saved alone at every login
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
CSRF_TOKEN_VALUE = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[^"]*')
CSRF_SLOT = b"\x00csrf-token\x00"


class LocalCopies:
    """The entries this process last read from the shared cache, each with its version, least recently used
    first out once they hold more than MAX_BYTES."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[int, object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # the development server and live tests answer from several threads

    def get(self, key: str, version: int):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != version:
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: str, version: int, value, size: int) -> None:
        with self._lock:
            self._drop(key)
            if size > self.max_bytes:
                return
            self._entries[key] = (version, value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[2]


def _release() -> str:
    """A digest of the portal's code, templates, static files, translations and pinned libraries. Pages and
    values are stored under it, so a new release never serves what an older one rendered (during a deploy
    both run side by side, each reading its own)."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder in (*sorted(PORTAL_APPS - {"account"}), "smcportal", "templates", "static", "locale"):
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    if (base / "requirements.lock").exists():
        digest.update((base / "requirements.lock").read_bytes())
    return digest.hexdigest()[:16]


RELEASE = _release()
local_copies = LocalCopies(settings.PAGE_CACHE_LOCAL_BYTES)
# The version a request has read, so that one request reads it once (see _current_version).
_request = threading.local()


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
    return version


def _current_version() -> int:
    """The version, read once per request: the first read comes before the request reads the database, so
    whatever it stores with that version is dead as soon as a change is committed. Outside a request (a
    command, a test calling in) it is read every time."""
    version = getattr(_request, "version", None)
    if version is None:
        version = _version()
        if getattr(_request, "active", False):
            _request.version = version
    return version


def _request_started(**kwargs) -> None:
    _request.active, _request.version = True, None


def _request_finished(**kwargs) -> None:
    _request.active, _request.version = False, None


def invalidate() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)
    _request.version = None  # this request's own change shows in what it reads next


def _changed(sender, update_fields=None, **kwargs) -> None:
    if sender._meta.label_lower in IGNORED_MODELS:
        return
    if update_fields is not None and set(update_fields) <= IGNORED_FIELDS:
        return
    transaction.on_commit(invalidate)


def connect_invalidation() -> None:
    for model in apps.get_models():
        if model._meta.app_label in PORTAL_APPS:
            post_save.connect(_changed, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    m2m_changed.connect(_changed_m2m, dispatch_uid="page-cache-m2m")
    request_started.connect(_request_started, dispatch_uid="page-cache-request-started")
    request_finished.connect(_request_finished, dispatch_uid="page-cache-request-finished")


def _changed_m2m(sender, instance, **kwargs) -> None:
    if instance._meta.app_label in PORTAL_APPS:
        transaction.on_commit(invalidate)


def _is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and "messages" not in request.COOKIES
        and not request.session.get("_messages")
    )


def _key(request, audience: str) -> str:
    path = request.get_full_path()
    variant = f"{translation.get_language()}|{bool(getattr(request, 'htmx', False))}|{request.get_host()}|{audience}"
    return f"page-cache:{RELEASE}:" + hashlib.sha256(f"{variant}|{path}".encode()).hexdigest()


def _read(key: str) -> tuple[int, tuple | None]:
    """The current version and what is stored under KEY if it is still of that version: this process's copy,
    else the shared cache's, which is then copied here."""
    version = _current_version()
    stored = local_copies.get(key, version)
    if stored is None:
        found = cache.get(key)
        if found is None or found[0] != version:
            return version, None
        stored = found[1:]
        local_copies.put(key, version, stored, len(stored[0]))
    return version, stored


def remembered(name: str, compute):
    """COMPUTE()'s value, kept in the cache until the portal's data next changes (a page's audience, say).

    Values are kept pickled, in this process too, so that no two requests share one object (a user row).
    """
    if not settings.PAGE_CACHE:
        return compute()
    key = f"page-cache:{RELEASE}:memo:{name}"
    version, stored = _read(key)
    if stored is not None:
        return pickle.loads(stored[0])  # noqa: S301 - written by this portal, read from its own cache
    value = compute()
    _write(key, version, (pickle.dumps(value, pickle.HIGHEST_PROTOCOL),))
    return value


def _write(key: str, version: int, stored: tuple) -> None:
    """Store in the shared cache and keep this process's copy; the first element is the bulk of the bytes."""
    cache.set(key, (version, *stored), TIMEOUT_SECONDS)
    local_copies.put(key, version, stored, len(stored[0]))


def _store(key: str, version: int, response) -> None:
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = CSRF_TOKEN_VALUE.sub(CSRF_SLOT, response.content)
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    has_slot = content != response.content
    _write(key, version, (gzip.compress(content, 6, mtime=0), headers, has_slot))


def _stored_response(request, compressed: bytes, headers: dict, has_slot: bool) -> HttpResponse:
    if has_slot:  # a form: this request's own token, compressed by GZipMiddleware with its BREACH padding
        response = HttpResponse(gzip.decompress(compressed).replace(CSRF_SLOT, get_token(request).encode()))
    elif ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(compressed)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed))
    for name, value in headers.items():
        response[name] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _cached(view, audience_of):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _is_cacheable_request(request):
            return view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            audience = "visitor"
        elif audience_of is None:
            return view(request, *args, **kwargs)
        else:
            audience = "member:" + audience_of(request, *args, **kwargs)
        key = _key(request, audience)
        version, stored = _read(key)
        if stored is not None:
            return _stored_response(request, *stored)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            _store(key, version, response)
        return response

    return wrapped


def cache_for_visitors(view):
    """Serve the page from the cache to visitors; people with an account always get it rendered."""
    return _cached(view, None)


def cache_per_audience(audience_of):
    """Serve the page from the cache to everyone: visitors share one copy, people with an account share one
    per AUDIENCE_OF(request, *view_args), which must name everything the page shows differently from one
    person to another (their rights, what they follow). Form tokens are filled in for each request."""
    return lambda view: _cached(view, audience_of)
