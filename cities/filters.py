"""The directory's filters. Their GET names are public: people share these links."""

import datetime
import functools

import django_filters
from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.gazetteer import european_country_choices
from cities.models import City
from core import extensions
from core.widgets import FastSelectMultiple

REVISION_WITHIN_A_YEAR = "within_a_year"
REVISION_OVERDUE = "overdue"
ALL_CITIES = "all"

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
    revision = django_filters.ChoiceFilter(
        label=_("Plan revision"),
        choices=[(REVISION_WITHIN_A_YEAR, _("Revision due within a year")), (REVISION_OVERDUE, _("Revision overdue"))],
        empty_label=_("Any"),
        method="filter_revision",
    )
    # Applied in filter_queryset, so that no value (or one not understood) means the members.
    membership = django_filters.ChoiceFilter(
        label=_("Membership"),
        choices=[
            (City.Membership.MEMBER, _("Members")),
            (City.Membership.SUSPENDED, _("Suspended members")),
            (City.Membership.FORMER, _("Former members")),
            (ALL_CITIES, _("All: members, suspended and former")),
        ],
        empty_label=None,
        method="filter_nothing",
    )

    class Meta:
        model = City
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_revision(self, queryset, name, value):
        today = timezone.localdate()
        if value == REVISION_WITHIN_A_YEAR:
            return queryset.revision_due_between(today, today + datetime.timedelta(days=365))
        return queryset.filter(sump_revision_due__lt=today)

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        membership = self.form.cleaned_data.get("membership") or City.Membership.MEMBER
        if membership != ALL_CITIES:
            queryset = queryset.filter(membership_status=membership)
        return super().filter_queryset(queryset)


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
    """The directory's filter, used by the list, the map and the exports alike: the member cities, or with
    `membership` the suspended or former ones (applicants never)."""
    # Always bound, so that no filter at all still means "the members".
    return _filter_class()(data or QueryDict(), queryset=City.objects.listed())
