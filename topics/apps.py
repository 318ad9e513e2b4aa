import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Topics")

    def ready(self):
        from core import extensions, scheduler
        from core.extensions import PersonalData, ProfileSection
        from topics import evictions as own_evictions
        from topics import extensions as topic_extensions
        from topics import personal_data, sections, slots, tasks

        own_evictions.register()
        slots.register()
        scheduler.register("topics.daily-digests", tasks.daily_digests, at=datetime.time(7))
        extensions.profile_sections.add(ProfileSection("posts", "topics/_city_posts.html", sections.city_recent_posts))
        extensions.directory_filters.add(topic_extensions.TOPIC_FILTER)
        for source in topic_extensions.SEARCH_SOURCES:
            extensions.search_sources.add(source)
        for name, export in [
            ("posts", personal_data.posts),
            ("resources", personal_data.resources),
            ("subscriptions", personal_data.subscriptions),
            ("reports", personal_data.reports),
        ]:
            extensions.personal_data.add(PersonalData(name, export))
