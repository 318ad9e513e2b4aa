import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

CITY_POSTS_SHOWN = 5


def city_recent_posts(city, user):
    """The city profile's section: recent public posts written by the city's officers."""
    from topics.models import Post

    posts = list(
        Post.objects.visible_to(user)
        .filter(author_city=city, is_hidden=False, thread__members_only=False, thread__is_hidden=False)
        .select_related("thread", "thread__topic", "author", "author_city")
        .order_by("-created_at")[:CITY_POSTS_SHOWN]
    )
    return {"posts": posts} if posts else None


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Topics")

    def ready(self):
        from accounts import personal_data
        from cities import profile_sections
        from core import scheduler
        from topics import personal_data as topics_data
        from topics import tasks

        scheduler.register("topics.daily-digests", tasks.daily_digests, at=datetime.time(7))
        profile_sections.register("topics/_city_posts.html", city_recent_posts)
        personal_data.register("posts", topics_data.posts)
        personal_data.register("resources", topics_data.resources)
        personal_data.register("subscriptions", topics_data.subscriptions)
        personal_data.register("reports", topics_data.reports)
