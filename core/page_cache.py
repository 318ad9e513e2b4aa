"""Whole pages cached per audience, invalidated at once by any change to the portal's data.

Visitors (no account) share one copy of a page; people with an account share one with those of the same
audience, which the view names (see cache_per_audience), or always get it rendered (cache_for_visitors).

One version number in the shared cache is stored with every page; every committed save or delete of a
portal model moves it on, so the next visitor gets a freshly rendered page. A request reads the version
(in the same round trip as the page) before it reads the database, so a page rendered from data older
than a change can only be stored with a version that is already dead.

Pages are stored compressed once, so a hit costs neither a second compression nor the full size in the
cache's memory and traffic. They hold nothing secret: a page that sets a cookie is never stored, and form
tokens are cut out before storing and filled in per request (such pages then leave through GZipMiddleware,
with its BREACH padding); so the stored compression needs no padding.
"""

import gzip
import hashlib
import re
import time
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
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
# Rows that change without changing any page a visitor sees.
IGNORED_MODELS = {"core.actionlog"}
IGNORED_FIELDS = {"last_login"}  # saved alone at every login
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
CSRF_TOKEN_VALUE = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[^"]*')
CSRF_SLOT = b"\x00csrf-token\x00"


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
    return version


def invalidate() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


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
    return "page-cache:" + hashlib.sha256(f"{variant}|{path}".encode()).hexdigest()


def _read(key: str) -> tuple[int, tuple | None]:
    """The current version and the page stored under KEY if it is still of that version, in one round trip."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return _version(), None
    stored = found.get(key)
    if stored is None or stored[0] != version:
        return version, None
    return version, stored[1:]


def remembered(name: str, compute):
    """COMPUTE()'s value, kept in the cache until the portal's data next changes (a page's audience, say)."""
    if not settings.PAGE_CACHE:
        return compute()
    key = "page-cache:memo:" + name
    version, stored = _read(key)
    if stored is not None:
        return stored[0]
    value = compute()
    cache.set(key, (version, value), TIMEOUT_SECONDS)
    return value


def _store(key: str, version: int, response) -> None:
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = CSRF_TOKEN_VALUE.sub(CSRF_SLOT, response.content)
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    has_slot = content != response.content
    cache.set(key, (version, gzip.compress(content, 6, mtime=0), headers, has_slot), TIMEOUT_SECONDS)


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
