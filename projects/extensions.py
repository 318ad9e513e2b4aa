"""What projects add to other apps' pages and data, registered from ProjectsConfig.ready(): the city profile's
projects, the projects signal of "cities like yours", the directory's project filters and export column, the
site search's projects, calls and partner requests, and a person's data."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import extensions
from core.extensions import DirectoryFilter, ExportColumn, PersonalData, ProfileSection, SearchSource
from core.text import fold, highlight
from projects import likeness, personal_data, search, sections
from projects.models import Participation, Project, Role


def _took_part(**conditions) -> Exists:
    return Exists(Participation.objects.approved().filter(city=OuterRef("pk"), **conditions))


def city_led_projects() -> Exists:
    """Over City rows: the city coordinated an approved project."""
    return _took_part(role=Role.COORDINATOR)


class ProjectFilter(django_filters.CharFilter):
    """Cities taking part in a project, named by its address (slug) or its acronym."""

    def filter(self, queryset, value):
        value = (value or "").strip()
        if not value:
            return queryset
        named = Project.objects.approved().filter(Q(slug=slugify(fold(value))) | Q(acronym__iexact=value))
        partners = Participation.objects.approved().filter(project__in=named.values("pk"), city=OuterRef("pk"))
        return queryset.filter(Exists(partners))


class LedProjectsFilter(django_filters.ChoiceFilter):
    def filter(self, queryset, value):
        if value in ("yes", "no"):
            return queryset.filter(city_led_projects() if value == "yes" else ~city_led_projects())
        return queryset


def _project_filter():
    return ProjectFilter(label=_("Partner in the project (acronym)"), max_length=100)


def _led_projects_filter():
    return LedProjectsFilter(
        label=_("Has led a project"),
        choices=[("yes", _("Has coordinated a project")), ("no", _("Has not coordinated a project yet"))],
        empty_label=_("Any"),
    )


SEARCH_SOURCES = [
    SearchSource(
        "projects",
        results=search.search_projects,
        snippet=lambda project, query: highlight(f"{project.acronym}: {project.title}. {project.summary}", query),
        heading=lambda count: ngettext("%(counter)s project", "%(counter)s projects", count) % {"counter": count},
        template="projects/_search_project.html",
    ),
    SearchSource(
        "calls",
        results=search.search_calls,
        snippet=lambda call, query: highlight(f"{call.identifier}: {call.title}. {call.summary}", query),
        heading=lambda count: ngettext("%(counter)s funding call", "%(counter)s funding calls", count)
        % {"counter": count},
        template="projects/_search_call.html",
    ),
    SearchSource(
        "partner_requests",
        results=search.search_partner_requests,
        snippet=lambda item, query: highlight(f"{item.title}. {item.description}", query),
        heading=lambda count: ngettext("%(counter)s partner request", "%(counter)s partner requests", count)
        % {"counter": count},
        template="projects/_search_partner_request.html",
    ),
]

PERSONAL_DATA = [
    PersonalData("followed_calls", personal_data.follows),
    PersonalData("partner_requests", personal_data.partner_requests),
    PersonalData("partner_interests", personal_data.partner_interests),
    PersonalData("after_the_end_entries", personal_data.after_the_end_entries),
    PersonalData("project_and_call_proposals", personal_data.proposals),
]


def register() -> None:
    extensions.profile_sections.add(ProfileSection("projects", "projects/_city_projects.html", sections.city_projects))
    for signal in likeness.PROJECT_SIGNALS:
        extensions.likeness_signals.add(signal)
    extensions.directory_filters.add(DirectoryFilter("project", _project_filter))
    extensions.directory_filters.add(DirectoryFilter("led_projects", _led_projects_filter))
    extensions.export_columns.add(ExportColumn("led_projects", city_led_projects))
    for source in SEARCH_SOURCES:
        extensions.search_sources.add(source)
    for entry in PERSONAL_DATA:
        extensions.personal_data.add(entry)
