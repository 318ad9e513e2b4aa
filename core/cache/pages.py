"""Whole pages cached once per audience, with the per-person bits left as slots filled in for each request.

    @cached_page(audience="rights", depends=lambda request, slug: [f"topic:{slug}", "topics"])
    def topic_detail(request, slug): ...

A page is stored under its path, language, host, audience (core.cache.audiences) and the versions of what it
shows (DEPENDS, plus ALL): a change to any of them makes a new key, so a change shows at once and nothing else
is evicted. What differs from one person to the next inside an audience is a slot: a template writes
`{% slot "follow" topic %}`, the slot's capture stores what it needs (the follow button in both states, the links
on a post with the post's author), and its fill picks, for each request, what this reader gets (from what is
remembered about them: no query). Form tokens are cut out before storing and put back per request.

Pages are stored compressed. A visitors' page holds no slot and no token, so a hit sends the stored bytes as
they are; a member's page is filled in and leaves through GZipMiddleware with its BREACH padding.
"""

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe

from core.cache import audiences, store

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
CSRF_TOKEN_VALUE = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[^"]*')
CSRF_SLOT = "\x00csrf-token\x00"
SLOT_MARK = re.compile(rb"\x00slot:(\d+)\x00")


@dataclass(frozen=True)
class Slot:
    """CAPTURE(obj, context) -> picklable data, at render time; FILL(request, data) -> HTML, for each reader."""

    capture: Callable
    fill: Callable


SLOTS: dict[str, Slot] = {}


def register_slot(name: str, *, capture: Callable, fill: Callable) -> None:
    SLOTS.setdefault(name, Slot(capture, fill))


def render_slot(context, name: str, obj) -> str:
    """A slot in a template: filled at once, or, while the page is being rendered for the cache, a mark."""
    request = context["request"]
    slot = SLOTS[name]
    data = slot.capture(obj, context)
    collected = getattr(request, "_page_slots", None)
    if collected is None:
        html = slot.fill(request, data)
        if CSRF_SLOT in html:
            html = html.replace(CSRF_SLOT, get_token(request))
        return mark_safe(html)  # noqa: S308 - the slot's own escaped HTML
    collected.append((name, data))
    return mark_safe(f"\x00slot:{len(collected) - 1}\x00")  # noqa: S308 - our own mark


def _filled(request, content: bytes, slots: list) -> bytes:
    """CONTENT with its slots filled for this request and its form tokens this request's."""
    content = _filled_without_token(request, content, slots)
    if CSRF_SLOT.encode() in content:
        content = content.replace(CSRF_SLOT.encode(), get_token(request).encode())
    return content


def _fill(request, name: str, data) -> str:
    return SLOTS[name].fill(request, data)


def _is_cacheable(request) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and "messages" not in request.COOKIES
        and not request.session.get("_messages")
    )


def _page_name(request, audience: str) -> str:
    htmx = bool(getattr(request, "htmx", False))
    return f"{translation.get_language()}|{htmx}|{request.get_host()}|{audience}|{request.get_full_path()}"


def _response(request, stored: tuple) -> HttpResponse:
    compressed, headers, slots = stored
    if not slots and not headers.get("_has_csrf"):
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(compressed)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(compressed))
    else:
        response = HttpResponse(_filled(request, gzip.decompress(compressed), slots))
    for name, value in headers.items():
        if not name.startswith("_"):
            response[name] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _stored(response, slots: list, *, is_visitor: bool, request) -> tuple:
    content = CSRF_TOKEN_VALUE.sub(CSRF_SLOT.encode(), response.content)
    if is_visitor and slots:  # every visitor gets the same: fill once, store no slot
        content, slots = _filled_without_token(request, content, slots), []
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    headers["_has_csrf"] = CSRF_SLOT.encode() in content
    return (gzip.compress(content, 6, mtime=0), headers, slots)


def _filled_without_token(request, content: bytes, slots: list) -> bytes:
    if not slots:
        return content
    return SLOT_MARK.sub(lambda m: _fill(request, *slots[int(m.group(1))]).encode(), content)


def _render(view, request, args, kwargs) -> tuple:
    request._page_slots = []
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        slots = request.__dict__.pop("_page_slots")
    return response, slots


def cached_page(*, audience: str, depends: Callable | list[str] = ()):
    """Serve the page from the cache to AUDIENCE (core.cache.audiences); DEPENDS(request, *view_args) names the
    versions of what it shows (core.cache.evictions says what moves them on)."""

    def depends_of(request, *args, **kwargs) -> list[str]:
        return list(depends(request, *args, **kwargs)) if callable(depends) else list(depends)

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            group = audiences.of(audience, request) if _is_cacheable(request) else None
            if group is None:
                return view(request, *args, **kwargs)
            entry_key = store.key("page", _page_name(request, group), depends_of(request, *args, **kwargs))
            stored = store.read(entry_key)
            if stored is not None:
                return _response(request, stored)
            response, slots = _render(view, request, args, kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                stored = _stored(response, slots, is_visitor=group == audiences.VISITOR, request=request)
                store.write(entry_key, stored)
                return _response(request, stored)
            if not response.streaming:
                response.content = _filled(request, response.content, slots)
            return response

        wrapped.cache_versions = depends_of
        return wrapped

    return decorate
