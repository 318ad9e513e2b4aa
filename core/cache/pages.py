"""Whole pages cached once per audience, with the per-person bits left as holes filled in for each request.

    @cached_page(audience="rights", depends=lambda request, slug: [f"topic:{slug}", "topics"])
    def topic_detail(request, slug): ...

A page is stored under its path, language, host, audience (core.cache.audiences) and the versions of what it
shows (DEPENDS, plus ALL): a change to any of them makes a new key, so a change shows at once and nothing else
is evicted. What differs from one person to the next inside an audience is a slot: a template writes
`{% slot "follow" topic %}`, the slot's capture stores what it needs (the follow button in both states, the links
on a post with the post's author), and its fill picks, for each request, what this reader gets (from what is
remembered about them: no query). Form tokens are cut out before storing and put back per request.

Pages are stored compressed (core.cache.segments): a page without holes (a visitor's, nearly always) leaves as
the stored bytes; a page with holes leaves as its compressed parts with the request's own bits between them.
"""

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe

from core.cache import audiences, segments, store

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
CSRF_TOKEN_VALUE = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[^"]*')
CSRF_SLOT = "\x00csrf-token\x00"
HOLE = re.compile(rb"\x00slot:(\d+)\x00|\x00csrf-token\x00")


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


@dataclass
class Page:
    """A stored page: the gzip file when nothing in it differs per person, else its compressed parts and the
    holes between them (a slot's index, or None for a form token)."""

    headers: dict
    gzipped: bytes = b""
    parts: tuple[bytes, ...] = ()
    holes: tuple = ()
    slots: tuple = ()
    plain_size: int = 0  # the parts uncompressed, which this process keeps too once it has served the page
    plain: list | None = field(default=None, compare=False)  # this process's uncompressed parts, when first needed

    @property
    def size(self) -> int:
        return len(self.gzipped) + sum(len(part) for part in self.parts) + self.plain_size

    def plain_parts(self) -> list[bytes]:
        if self.plain is None:
            self.plain = [segments.decompress(part) for part in self.parts]
        return self.plain


def _stored(response, slots: list, *, request, is_visitor: bool) -> Page:
    content = CSRF_TOKEN_VALUE.sub(CSRF_SLOT.encode(), response.content)
    if is_visitor and slots:  # every visitor gets the same: fill once, store no slot
        content = _slots_filled(request, content, slots)
        slots = []
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    pieces = HOLE.split(content)  # text, slot index or None, text, …
    texts, holes = pieces[::2], tuple(int(index) if index else None for index in pieces[1::2])
    if not holes:
        return Page(headers, gzipped=gzip.compress(content, 6, mtime=0))
    parts = tuple(segments.compress(text) for text in texts)
    return Page(headers, parts=parts, holes=holes, slots=tuple(slots), plain_size=sum(len(text) for text in texts))


def _fill(request, slots, index) -> bytes:
    name, data = slots[int(index)]
    return SLOTS[name].fill(request, data).encode()


def _slots_filled(request, content: bytes, slots: list) -> bytes:
    """CONTENT with each slot's mark replaced by its fill for this request (form tokens left as they are)."""
    return HOLE.sub(lambda m: _fill(request, slots, m.group(1)) if m.group(1) else m.group(0), content)


def _fills(request, page: Page) -> list[bytes]:
    """What this request puts in the page's holes: its form token (one per request: making one costs), and each
    slot's fill for this reader."""
    if hasattr(request, "user"):  # the person themselves, not the lazy stand-in each rule would go through
        request.user = get_user(request)
    token = get_token(request).encode()
    return [
        token if hole is None else _fill(request, page.slots, hole).replace(CSRF_SLOT.encode(), token)
        for hole in page.holes
    ]


def _response(request, page: Page) -> HttpResponse:
    gzip_accepted = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    if not page.holes:
        body = page.gzipped if gzip_accepted else gzip.decompress(page.gzipped)
    elif gzip_accepted:
        body = segments.gzipped(page.parts, page.plain_parts(), _fills(request, page))
    else:
        body = segments.joined(page.plain_parts(), _fills(request, page))
    response = HttpResponse(body)
    if gzip_accepted:
        response["Content-Encoding"] = "gzip"
    for name, value in page.headers.items():
        response[name] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


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


def _render(view, request, args, kwargs) -> tuple:
    request._page_slots = []
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        slots = request.__dict__.pop("_page_slots")
    return response, slots


def _filled_now(request, response, slots: list):
    """A response that is not stored (an error, a redirect…), with its slots filled for this request."""
    if slots and not response.streaming:
        content = _slots_filled(request, response.content, slots)
        response.content = content.replace(CSRF_SLOT.encode(), get_token(request).encode())
    return response


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
            page = store.read(entry_key, size_of=lambda page: page.size)
            if page is None:
                response, slots = _render(view, request, args, kwargs)
                if response.status_code != 200 or response.streaming or response.cookies:
                    return _filled_now(request, response, slots)
                page = _stored(response, slots, request=request, is_visitor=group == audiences.VISITOR)
                store.write(entry_key, page, page.size)
            return _response(request, page)

        wrapped.cache_versions = depends_of
        return wrapped

    return decorate
