"""Projects and calls as open data, honouring the lists' filters. CSV cells a spreadsheet would run as a formula
are neutralised (core.csv); the GeoJSON has one point per partner city of each project."""

import io
import json
from collections import defaultdict
from typing import NamedTuple

from django.conf import settings
from django.urls import reverse

from core.csv import write_rows
from projects.models import Participation
from projects.models.projects import by_role

PROJECT_COLUMNS = [
    "acronym", "title", "programme", "start_date", "end_date", "status", "partners", "topics",
    "after_the_end_entries", "website", "url",
]
CALL_COLUMNS = [
    "identifier", "title", "programme", "opens_on", "deadline", "second_deadline", "budget_eur", "status",
    "topics", "official_link", "url",
]


def _addresses(name: str):
    """SLUG -> the full address of that page: reversed once, not once a row (thousands of rows, slugs URL-safe)."""
    marker = "0slug0"
    pattern = settings.SITE_URL + reverse(name, args=[marker])
    return lambda slug: pattern.replace(marker, slug)


def _csv(header: list[str], rows) -> str:
    stream = io.StringIO()
    write_rows(stream, header, rows)
    return stream.getvalue()


def _topics(obj) -> str:
    return "; ".join(topic.name for topic in obj.topics.all())


class Partner(NamedTuple):
    role: str
    name: str
    country: str
    slug: str
    latitude: float | None
    longitude: float | None


def _with_partners(projects) -> list[tuple]:
    """(project, its partners) for every project, the partners read as plain values in one query: thousands of
    city rows would cost a second as model objects."""
    projects = list(projects.prefetch_related(None).prefetch_related("topics"))
    partners = defaultdict(list)
    rows = (
        Participation.objects.approved()
        .filter(project__in=[project.pk for project in projects])
        .order_by(*by_role())
        .values_list("project_id", "role", "city__name", "city__country", "city__slug", "city__latitude",
                     "city__longitude")
    )
    for project_id, *partner in rows:
        partners[project_id].append(Partner(*partner))
    return [(project, partners[project.pk]) for project in projects]


def projects_csv(projects) -> str:
    address = _addresses("projects:detail")
    rows = (
        [
            project.acronym,
            project.title,
            project.programme,
            project.start_date,
            project.end_date,
            project.phase,
            "; ".join(f"{p.name} ({p.country}, {p.role})" for p in partners),
            _topics(project),
            project.after_end_count,
            project.website,
            address(project.slug),
        ]
        for project, partners in _with_partners(projects)
    )
    return _csv(PROJECT_COLUMNS, rows)


def projects_geojson(projects) -> str:
    project_address, city_address = _addresses("projects:detail"), _addresses("cities:profile")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": {
                "project": project.acronym,
                "title": project.title,
                "programme": project.programme,
                "status": project.phase,
                "city": p.name,
                "country": p.country,
                "role": p.role,
                "url": project_address(project.slug),
                "city_url": city_address(p.slug),
            },
        }
        for project, partners in _with_partners(projects)
        for p in partners
        if p.latitude is not None and p.longitude is not None
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def calls_csv(calls) -> str:
    address = _addresses("projects:call")
    rows = (
        [
            call.identifier,
            call.title,
            call.programme,
            call.opens_on,
            call.deadline,
            call.second_deadline,
            call.budget_eur,
            call.phase,
            _topics(call),
            call.url,
            address(call.slug),
        ]
        for call in calls
    )
    return _csv(CALL_COLUMNS, rows)
