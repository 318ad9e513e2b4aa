"""Searching the topic areas: threads, posts and resources that the searcher may see (readable_by).

PostgreSQL uses full-text search on stored, GIN-indexed vectors (migration 0006); other databases match words
with icontains. Snippets are escaped first, then the matched words are wrapped in <mark>.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from core.text import terms_of
from topics.models import Post, Resource, Thread

CONFIG = "simple"  # the portal speaks seven languages: no stemming that favours one
MAX_MATCHES = 1000


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
    threads = Thread.objects.readable_by(user).select_related("topic", "author", "author_city")
    return _full_text(threads, text, ["title"], "-last_activity_at")


def search_posts(text: str, user):
    posts = Post.objects.readable_by(user).select_related("thread", "thread__topic", "author", "author_city")
    return _full_text(posts, text, ["body"], "-created_at")


def search_resources(text: str, user):
    resources = Resource.objects.readable_by(user).select_related("topic", "shared_by", "shared_by_city")
    return _full_text(resources, text, ["title", "description"], "-created_at")
