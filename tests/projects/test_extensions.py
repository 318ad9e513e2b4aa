"""What projects add to the other apps' pages: the directory's project filters and export column, a city's
projects and the cities like it on its profile, the site search, and a person's data."""

import csv
import io
import json

import pytest
from django.urls import reverse

from accounts.services import account_delete
from devdata.factories import (
    AfterEndEntryFactory,
    CallFactory,
    CityFactory,
    InterestFactory,
    OfficerFactory,
    PartnerRequestFactory,
    ProjectFactory,
    UserFactory,
    officer_of,
)
from projects.models import Interest, PartnerRequest, Review, Role
from projects.services import calls as call_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    emmen, bologna, lund = CityFactory(name="Emmen"), CityFactory(name="Bologna"), CityFactory(name="Lund")
    ProjectFactory(acronym="SHIFT", slug="shift", partners=[(emmen, Role.COORDINATOR), (bologna, Role.PARTNER)])
    ProjectFactory(acronym="HIDDEN", status=Review.PROPOSED, partners=[(lund, Role.COORDINATOR)])
    return {"emmen": emmen, "bologna": bologna, "lund": lund}


def directory(client, **query) -> list[str]:
    return sorted(city.name for city in client.get(reverse("cities:directory"), query).context["page"].object_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"project": "shift"}, ["Bologna", "Emmen"]),
        ({"project": "SHIFT"}, ["Bologna", "Emmen"]),
        ({"project": "hidden"}, []),
        ({"led_projects": "yes"}, ["Emmen"]),
        ({"led_projects": "no"}, ["Bologna", "Lund"]),
        ({"led_projects": "maybe"}, ["Bologna", "Emmen", "Lund"]),
    ],
)
def test_the_directory_filters_cities_by_project(client, cities, query, expected):
    assert directory(client, **query) == expected


def test_the_directory_exports_say_which_cities_led_a_project(client, cities):
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("cities:export-csv")).content.decode())))
    assert {row["name"]: row["led_projects"] for row in rows} == {"Bologna": "False", "Emmen": "True", "Lund": "False"}
    geojson = json.loads(client.get(reverse("cities:export-geojson"), {"project": "shift"}).content)
    assert {f["properties"]["name"]: f["properties"]["led_projects"] for f in geojson["features"]} == {
        "Bologna": False, "Emmen": True
    }


def test_a_city_profile_lists_its_projects_and_roles_and_the_cities_that_worked_in_its_programmes(client, cities):
    html = client.get(cities["emmen"].get_absolute_url()).content.decode()
    assert "Projects and roles" in html and "SHIFT" in html and "Coordinator" in html
    assert "Cities like this one" in html and "took part in a project (CIVITAS)" in html
    assert "HIDDEN" not in client.get(cities["lund"].get_absolute_url()).content.decode()


def test_a_city_without_projects_has_no_projects_section(client):
    city = CityFactory()
    assert "Projects and roles" not in client.get(city.get_absolute_url()).content.decode()


def search(client, query: str) -> dict[str, int]:
    groups = client.get(reverse("portal:search"), {"q": query}).context["groups"]
    return {group["kind"]: group["page"].paginator.count for group in groups}


def test_search_finds_approved_projects_published_calls_and_requests_its_reader_may_see(client, cities):
    CallFactory(title="Shift to cycling")
    PartnerRequestFactory(title="Shift partners wanted")
    found = search(client, "shift")
    assert (found["projects"], found["calls"], found["partner_requests"]) == (1, 1, 0)
    client.force_login(OfficerFactory())
    assert search(client, "shift")["partner_requests"] == 1
    assert search(client, "hidden")["projects"] == 0


def test_a_persons_data_covers_what_they_did_in_projects(client):
    user = officer_of(CityFactory())
    call_services.follow(user, call=CallFactory(identifier="CIV-1"))
    PartnerRequestFactory(posted_by=user, title="My request")
    InterestFactory(officer=user, message="My answer")
    AfterEndEntryFactory(author=user, title="My entry")
    client.force_login(user)
    data = json.loads(client.get(reverse("accounts:data-export")).content)
    assert data["followed_calls"][0]["call"] == "CIV-1"
    assert data["partner_requests"][0]["title"] == "My request"
    assert data["partner_interests"][0]["message"] == "My answer"
    assert data["after_the_end_entries"][0]["title"] == "My entry"


def test_a_deleted_account_leaves_its_citys_requests_and_answers_without_an_author():
    user = UserFactory()
    partner_request = PartnerRequestFactory(posted_by=user)
    InterestFactory(officer=user)
    account_delete(user)
    partner_request.refresh_from_db()
    assert partner_request.posted_by is None
    assert Interest.objects.get().officer is None
    assert PartnerRequest.objects.count() == 2
