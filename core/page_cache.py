"""Whole pages cached for visitors (no account), invalidated at once by any change to the portal's data.

One version number in the shared cache is part of every page's key; every committed save or delete of a
portal model moves it on, so the next visitor gets a freshly rendered page. A request reads the version
before it reads the database, so a page rendered from data older than a change can only be stored under
a version that is already dead.
"""

import hashlib
import time
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation

VERSION_KEY = "page-cache:version"
TIMEOUT_SECONDS = 600
PORTAL_APPS = {"accounts", "cities", "topics", "ambassadors", "core"}
# Rows that change without changing any page a visitor sees.
IGNORED_MODELS = {"core.actionlog"}
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
    return version


def invalidate() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def _changed(sender, **kwargs) -> None:
    if sender._meta.label_lower not in IGNORED_MODELS:
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
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
        and not request.session.get("_messages")
    )


def _key(request, version: int) -> str:
    path = request.get_full_path()
    variant = f"{translation.get_language()}|{bool(getattr(request, 'htmx', False))}|{request.get_host()}"
    return "page-cache:" + hashlib.sha256(f"{version}|{variant}|{path}".encode()).hexdigest()


def cache_for_visitors(view):
    """Serve the page from the cache to visitors; people with an account always get it rendered."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request, _version())
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), TIMEOUT_SECONDS)
        return response

    return wrapped
