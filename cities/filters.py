"""The directory's filters. Their GET names are public: people share these links."""

import functools

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cities.gazetteer import european_country_choices
from cities.models import City
from core import extensions
from core.widgets import FastSelectMultiple

# A text box keeps what was typed ("abc") on screen beside its error; a number box would blank it.
NUMBER_AS_TEXT = forms.TextInput(attrs={"inputmode": "numeric"})


class StableOrderingFilter(django_filters.OrderingFilter):
    """Adds the primary key as a tie-breaker, so pages never overlap when many cities sort equal."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.order_by(*[self.get_ordering_value(param) for param in value], "pk")


class CityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=100)
    country = django_filters.MultipleChoiceFilter(
        label=_("Country"), choices=european_country_choices, widget=FastSelectMultiple(attrs={"size": 6})
    )
    population_min = django_filters.NumberFilter(
        label=_("Population at least"),
        field_name="population",
        lookup_expr="gte",
        min_value=0,
        max_value=10**9,
        widget=NUMBER_AS_TEXT,
    )
    population_max = django_filters.NumberFilter(
        label=_("Population at most"),
        field_name="population",
        lookup_expr="lte",
        min_value=0,
        max_value=10**9,
        widget=NUMBER_AS_TEXT,
    )
    sump = django_filters.ChoiceFilter(
        label=_("Mobility plan (SUMP)"), field_name="sump_status", choices=City.Sump.choices, empty_label=_("Any")
    )

    class Meta:
        model = City
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset


def _ordering() -> StableOrderingFilter:
    return StableOrderingFilter(
        label=_("Sort by"),
        fields=(("search_name", "name"), ("population", "population"), ("joined_on", "joined")),
        field_labels={
            "search_name": _("Name"),
            "-search_name": _("Name (Z–A)"),
            "population": _("Population (smallest first)"),
            "-population": _("Population (largest first)"),
            "joined_on": _("Joined (earliest first)"),
            "-joined_on": _("Joined (latest first)"),
        },
        empty_label=_("Name"),
    )


@functools.cache
def _filter_class() -> type[CityFilter]:
    """CityFilter with the filters other apps register (core.extensions.directory_filters), sorting last."""
    added = {entry.name: entry.build() for entry in extensions.directory_filters}
    return type("CityFilter", (CityFilter,), {**added, "ordering": _ordering(), "Meta": CityFilter.Meta})


def member_cities(data):
    """The directory's filter over member cities, used by the list, the map and the exports alike."""
    return _filter_class()(data or None, queryset=City.objects.members())
