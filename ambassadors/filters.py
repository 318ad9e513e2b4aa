"""The wall's filters. Their GET names are public: people share these links."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Signature
from cities.gazetteer import european_country_choices
from cities.models import City
from core.widgets import FastSelect

FORMER, ALL = "former", "all"


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
    # Applied in qs, the empty choice (current ambassadors) included.
    term = django_filters.ChoiceFilter(
        label=_("In office"),
        choices=[(FORMER, _("Former ambassadors")), (ALL, _("Current and former ambassadors"))],
        empty_label=_("Current ambassadors"),
        method="filter_term",
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

    def filter_term(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        filtered = super().qs  # validates the form first
        term = getattr(self.form, "cleaned_data", {}).get("term")
        if term == FORMER:
            filtered = filtered.former()
        elif term != ALL:
            filtered = filtered.current()
        return filtered.order_by("-verified_at", "-pk")


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
            "term_status",
            "left_office_on",
            "city__name",
            "city__slug",
            "city__country",
            "city__membership_status",
            "declaration__version",
        ),
    )
