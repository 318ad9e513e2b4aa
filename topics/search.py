"""Searching the topic areas: threads, posts and resources that the searcher may see (visible_to).

PostgreSQL uses full-text search on stored, GIN-indexed vectors (migration 0006); other databases match words
with icontains. Snippets are escaped first, then the matched words are wrapped in <mark>.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from topics.models import Post, Resource, Thread

CONFIG = "simple"  # the portal speaks seven languages: no stemming that favours one
MAX_TERMS = 8
MAX_MATCHES = 1000


def terms_of(text: str) -> list[str]:
    return re.findall(r"\w+", text)[:MAX_TERMS]


def _full_text(queryset, text: str, fields: list[str], fallback_order: str):
    terms = terms_of(text)
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        # The stored vector (trigger-maintained, GIN-indexed) of `fields`: nothing is recomputed per row.
        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        matches = queryset.filter(search_vector=query)
    else:
        matches = queryset
        for term in terms:
            condition = Q()
            for field in fields:
                condition |= Q(**{f"{field}__icontains": term})
            matches = matches.filter(condition)
    # Ranking reads every candidate: a word found in most posts would rank them all, so only the
    # MAX_MATCHES most recent matches are ranked, counted and shown.
    results = queryset.filter(pk__in=matches.order_by("-pk").values("pk")[:MAX_MATCHES])
    if connection.vendor == "postgresql":
        return results.annotate(rank=SearchRank(F("search_vector"), query)).order_by("-rank", fallback_order)
    return results.order_by(fallback_order)


def search_threads(text: str, user):
    threads = Thread.objects.visible_to(user).select_related("topic", "author", "author_city")
    return _full_text(threads, text, ["title"], "-last_activity_at")


def search_posts(text: str, user):
    posts = Post.objects.visible_to(user).select_related("thread", "thread__topic", "author", "author_city")
    return _full_text(posts, text, ["body"], "-created_at")


def search_resources(text: str, user):
    resources = Resource.objects.visible_to(user).select_related("topic", "shared_by", "shared_by_city")
    return _full_text(resources, text, ["title", "description"], "-created_at")


_ENTITY = r"&(?:[a-zA-Z]+|#\d+);"


def highlight(text: str, query: str, *, width: int = 220) -> SafeString:
    """An escaped excerpt of `text` around the first match, with the matched words in <mark>."""
    text = " ".join((text or "").split())
    terms = sorted(set(terms_of(query)), key=len, reverse=True)
    start = 0
    if terms:
        found = re.search("|".join(re.escape(term) for term in terms), text, re.IGNORECASE)
        if found and found.start() > width // 3:
            start = found.start() - width // 3
    excerpt = text[start : start + width]
    escaped = escape(("… " if start else "") + excerpt + (" …" if start + width < len(text) else ""))
    if not terms:
        return escaped
    pattern = re.compile(
        f"({_ENTITY})|({'|'.join(re.escape(escape(term)) for term in terms)})", re.IGNORECASE
    )
    marked = pattern.sub(lambda m: m.group(1) or f"<mark>{m.group(2)}</mark>", escaped)
    return mark_safe(marked)  # noqa: S308 - built from escaped text and our own <mark> tags
