"""Atom feeds of the newest threads: public, visible ones only, as an anonymous visitor sees them."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.cache.pages import cached_page
from topics.models import Post, Thread, Topic

FEED_LENGTH = 30


def _public_threads():
    return Thread.objects.public().select_related("topic", "author", "author_city")


class _ThreadFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.opening_html

    def item_author_name(self, item):
        return item.author_name

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.last_activity_at

    def item_categories(self, item):
        return [item.topic.name]

    def _with_bodies(self, threads):
        threads = list(threads[:FEED_LENGTH])
        posts = Post.objects.public().filter(thread__in=threads, is_first=True)
        bodies = dict(posts.values_list("thread_id", "body_html"))
        for thread in threads:
            thread.opening_html = bodies.get(thread.pk, "")
        return threads


class AllTopicsFeed(_ThreadFeed):
    def title(self):
        return _("SMC Portal: new threads in all topics")

    def link(self):
        return reverse("topics:list")

    def subtitle(self):
        return _("The newest public threads of the working-group topics.")

    def items(self):
        return self._with_bodies(_public_threads().order_by("-created_at"))


class TopicFeed(_ThreadFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.active(), slug=slug)

    def title(self, topic):
        return _("SMC Portal: %(topic)s") % {"topic": topic.localized_name}

    def link(self, topic):
        return topic.get_absolute_url()

    def subtitle(self, topic):
        return topic.localized_summary

    def items(self, topic):
        return self._with_bodies(_public_threads().filter(topic=topic).order_by("-created_at"))


@cached_page(audience="public", depends=["activity", "topics"])
def all_topics_feed(request):
    return AllTopicsFeed()(request)


@cached_page(audience="public", depends=lambda request, slug: [f"topic:{slug}", "topics"])
def topic_feed(request, slug):
    return TopicFeed()(request, slug=slug)
