import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def _search(query: str, user):
    from cities.models import City

    return City.objects.members().search(query).only("slug", "name", "country", "region")


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Cities")

    def ready(self):
        from cities import evictions as own_evictions
        from cities import slots, tasks
        from core import extensions, scheduler
        from core.extensions import SearchSource
        from core.text import highlight

        own_evictions.register()
        slots.register()
        scheduler.register("cities.plan-revision-reminders", tasks.plan_revision_reminders, at=datetime.time(8))
        extensions.search_sources.add(
            SearchSource(
                "cities",
                results=_search,
                snippet=lambda city, query: highlight(city.name, query),
                heading=lambda count: ngettext("%(counter)s city", "%(counter)s cities", count) % {"counter": count},
                template="cities/_search_city.html",
            )
        )
