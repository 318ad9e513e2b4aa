"""What the topic areas add to other apps' pages: the directory's topic filter and the site search's kinds."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.extensions import DirectoryFilter, SearchSource
from core.text import highlight
from topics import search
from topics.models import Topic


def _topic_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Topic of interest"),
        field_name="topics",
        queryset=Topic.objects.active(),
        to_field_name="slug",
        empty_label=_("Any"),
    )


TOPIC_FILTER = DirectoryFilter("topic", _topic_filter)

SEARCH_SOURCES = [
    SearchSource(
        "threads",
        results=search.search_threads,
        snippet=lambda thread, query: highlight(thread.title, query),
        heading=lambda count: ngettext("%(counter)s thread", "%(counter)s threads", count) % {"counter": count},
        template="topics/_search_thread.html",
    ),
    SearchSource(
        "posts",
        results=search.search_posts,
        snippet=lambda post, query: highlight(post.body, query),
        heading=lambda count: ngettext("%(counter)s post", "%(counter)s posts", count) % {"counter": count},
        template="topics/_search_post.html",
    ),
    SearchSource(
        "resources",
        results=search.search_resources,
        snippet=lambda resource, query: highlight(f"{resource.title}. {resource.description}", query),
        heading=lambda count: ngettext("%(counter)s resource", "%(counter)s resources", count) % {"counter": count},
        template="topics/_search_resource.html",
    ),
]
