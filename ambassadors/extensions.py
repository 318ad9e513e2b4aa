"""What the Ambassadors Initiative adds to other apps: the directory's ambassador filter and export column, the
city profile's section, the site search's ambassadors and the signer's personal data."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ambassadors.models import Signature, city_has_ambassador
from core.extensions import DirectoryFilter, ExportColumn, SearchSource
from core.text import highlight


class AmbassadorFilter(django_filters.ChoiceFilter):
    def filter(self, queryset, value):
        if value in ("yes", "no"):
            return queryset.filter(city_has_ambassador() if value == "yes" else ~city_has_ambassador())
        return queryset


def _ambassador_filter():
    return AmbassadorFilter(
        label=_("SMC Ambassador"),
        choices=[("yes", _("Has an ambassador")), ("no", _("Has no ambassador yet"))],
        empty_label=_("Any"),
    )


def _search(query: str, user):
    return Signature.objects.on_wall().search(query).select_related("city").order_by("-verified_at", "pk")


AMBASSADOR_FILTER = DirectoryFilter("ambassador", _ambassador_filter)
HAS_AMBASSADOR_COLUMN = ExportColumn("has_ambassador", city_has_ambassador)
SEARCH_SOURCE = SearchSource(
    "ambassadors",
    results=_search,
    snippet=lambda signature, query: highlight(signature.public_name, query),
    heading=lambda count: ngettext("%(counter)s ambassador", "%(counter)s ambassadors", count) % {"counter": count},
    template="ambassadors/_search_ambassador.html",
)
