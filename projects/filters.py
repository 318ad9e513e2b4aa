"""The filters of projects, calls and partner requests. Their GET names are public: people share these links.

A filter given a value it does not know is left out and says so beside its field; a page never fails on one.
"""

import django_filters
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.gazetteer import european_country_choices
from core.text import fold
from core.widgets import FastSelect
from projects.models import (
    AfterEndEntry,
    Call,
    CallPhase,
    Participation,
    PartnerRequest,
    Phase,
    Programme,
    Project,
    RequestStatus,
    Review,
    Role,
)
from projects.models.calls import call_phase_q
from projects.models.projects import phase_q

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _active_topics(request=None):
    return Project._meta.get_field("topics").related_model.objects.filter(is_active=True)


def _topic_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=_active_topics,
        to_field_name="slug",
        empty_label=_("Any"),
    )


def _text_filter(label):
    return django_filters.CharFilter(label=label, method="filter_text", max_length=100)


class _TextSearch(django_filters.FilterSet):
    def filter_text(self, queryset, name, value):
        return queryset.search(value)


class ProjectFilter(_TextSearch):
    q = _text_filter(_("Acronym, title or summary"))
    programme = django_filters.ChoiceFilter(label=_("Programme"), choices=Programme.choices, empty_label=_("Any"))
    topic = _topic_filter()
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Phase.choices, method="filter_phase", empty_label=_("Any")
    )
    country = django_filters.ChoiceFilter(
        label=_("Partner country"), choices=european_country_choices, method="filter_partners", widget=FastSelect,
        empty_label=_("Any"),
    )
    city = django_filters.CharFilter(
        label=_("Partner city"), method="filter_partners", max_length=100,
        help_text=_("A city's name, e.g. Emmen"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role of that city or country"), choices=Role.choices, method="filter_partners", empty_label=_("Any")
    )
    after_the_end = django_filters.ChoiceFilter(
        label=_("Tells what continued after the end"), choices=YES_NO, method="filter_after_the_end",
        empty_label=_("Any"),
    )

    class Meta:
        model = Project
        fields = []

    def filter_phase(self, queryset, name, value):
        return queryset.filter(phase_q(value, timezone.localdate()))

    def filter_partners(self, queryset, name, value):
        return queryset  # applied once for the three, in filter_queryset

    def _partners_filter(self, queryset):
        # Country, city and role describe one partner together: "projects Emmen coordinated".
        data = self.form.cleaned_data
        if not (data.get("country") or data.get("city", "").strip() or data.get("role")):
            return queryset
        partners = Participation.objects.approved()
        if data.get("country"):
            partners = partners.filter(city__country=data["country"])
        if data.get("city", "").strip():
            wanted = data["city"].strip()
            partners = partners.filter(Q(city__slug=wanted.lower()) | Q(city__search_name=fold(wanted)))
        if data.get("role"):
            partners = partners.filter(role=data["role"])
        return queryset.filter(Exists(partners.filter(project=OuterRef("pk"))))

    def filter_after_the_end(self, queryset, name, value):
        told = Exists(AfterEndEntry.objects.filter(project=OuterRef("pk")))
        return queryset.filter(told if value == "yes" else ~told)

    def filter_queryset(self, queryset):
        return self._partners_filter(super().filter_queryset(queryset))


def listed_projects(data):
    """The projects list and its exports: approved projects, whoever asks (so that the page is the same for
    everyone with the same rights), filtered by DATA."""
    partners = (
        Participation.objects.filter(status=Review.APPROVED)
        .select_related("city")
        .only("project", "role", "city__slug", "city__name", "city__country", "city__latitude", "city__longitude")
        .by_role()
    )
    # A subquery, not a join: the count of the list leaves it out, and a page reads it for its own rows only.
    told = AfterEndEntry.objects.filter(project=OuterRef("pk")).order_by().values("project")
    projects = (
        Project.objects.approved()
        .annotate(after_end_count=Coalesce(Subquery(told.annotate(n=Count("pk")).values("n")), 0))
        .prefetch_related(Prefetch("participations", queryset=partners, to_attr="partners"), "topics")
        .order_by("-start_date", "acronym", "pk")
    )
    return ProjectFilter(data or None, queryset=projects)


class CallFilter(_TextSearch):
    q = _text_filter(_("Identifier, title or summary"))
    status = django_filters.ChoiceFilter(
        label=_("Open or closed"), choices=CallPhase.choices, method="filter_phase", empty_label=_("Any")
    )
    programme = django_filters.ChoiceFilter(label=_("Programme"), choices=Programme.choices, empty_label=_("Any"))
    topic = _topic_filter()

    class Meta:
        model = Call
        fields = []

    def filter_phase(self, queryset, name, value):
        return queryset.filter(call_phase_q(value, timezone.localdate()))


def listed_calls(data):
    """The calls list and its export: published calls, whoever asks, filtered by DATA."""
    return CallFilter(data or None, queryset=Call.objects.published().soonest_first().prefetch_related("topics"))


class PartnerRequestFilter(_TextSearch):
    q = _text_filter(_("Words in the title or idea"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices, empty_label=_("Any"))
    programme = django_filters.ChoiceFilter(label=_("Programme"), choices=Programme.choices, empty_label=_("Any"))
    topic = _topic_filter()
    role = django_filters.ChoiceFilter(
        label=_("Role offered"), field_name="role_sought", choices=Role.choices, empty_label=_("Any")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country of the city looking"), field_name="city__country", choices=european_country_choices,
        widget=FastSelect, empty_label=_("Any"),
    )

    class Meta:
        model = PartnerRequest
        fields = []


def listed_partner_requests(data, user):
    requests = (
        PartnerRequest.objects.visible_to(user)
        .select_related("city", "call")
        .annotate(interest_count=Count("interests"))
        .order_by("-created_at", "-pk")
    )
    return PartnerRequestFilter(data or None, queryset=requests)
