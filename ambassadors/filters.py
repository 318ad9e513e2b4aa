"""The wall's filters. Their GET names are public: people share these links."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Signature
from cities.gazetteer import european_country_choices
from cities.models import City
from core.widgets import FastSelect


class WallFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or city"), method="filter_text", max_length=100)
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="city__country",
        choices=european_country_choices,
        empty_label=_("Any"),
        widget=FastSelect,
    )
    office = django_filters.ChoiceFilter(
        label=_("Office"), choices=Signature.Office.choices, empty_label=_("Any")
    )
    city = django_filters.ModelChoiceFilter(
        label=_("City"),
        field_name="city",
        queryset=lambda request: City.objects.filter(pk__in=Signature.objects.on_wall().values("city"))
        .only("slug", "name")
        .order_by("search_name"),
        to_field_name="slug",
        empty_label=_("Any"),
        widget=FastSelect,
    )

    class Meta:
        model = Signature
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    @property
    def qs(self):
        return super().qs.order_by("-verified_at", "-pk")


def wall_signatures(data):
    return WallFilter(
        data or None,
        queryset=Signature.objects.on_wall()
        .select_related("city", "declaration")
        .only(
            "full_name",
            "office",
            "office_title",
            "statement",
            "listed_publicly",
            "source",
            "verified_at",
            "city__name",
            "city__slug",
            "city__country",
            "city__membership_status",
            "declaration__version",
        ),
    )
