"""The Atom feed of new projects: approved ones, newest approval first, as a visitor sees them."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from core.cache.pages import cached_page
from projects.models import Project

FEED_LENGTH = 30


class NewProjectsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("SMC Portal: new projects")

    def link(self):
        return reverse("projects:list")

    def subtitle(self):
        return _("Projects of the platform's cities, as they are added to the portal.")

    def items(self):
        return list(
            Project.objects.approved().order_by("-decided_at", "-pk").prefetch_related("topics")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return f"{item.acronym}: {item.title}"

    def item_description(self, item):
        return linebreaks(item.summary, autoescape=True)  # readers take it as HTML: what was typed stays text

    def item_pubdate(self, item):
        return item.decided_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_programme_display(), *(topic.name for topic in item.topics.all())]


@cached_page(audience="public", depends=["projects", "topics"])
def new_projects_feed(request):
    return NewProjectsFeed()(request)
