"""The projects' pages: the filterable list and its exports and feed, a project's page, and the forms officers
use to record a project, update it, join it and tell what continued after its end."""

import csv
import io
import json

import pytest
from django.urls import reverse

from devdata.factories import AfterEndEntryFactory, CityFactory, OfficerFactory, ProjectFactory, days, officer_of, topic
from projects.models import AfterEndEntry, Participation, Programme, Project, Review, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    emmen = CityFactory(name="Emmen", country="NL")
    bologna = CityFactory(name="Bologna", country="IT")
    ended = ProjectFactory(
        acronym="SHIFT", programme=Programme.CIVITAS, start_date=days(-1500), end_date=days(-100),
        partners=[(emmen, Role.COORDINATOR), (bologna, Role.PARTNER)],
    )
    ended.topics.add(topic("projects"))
    AfterEndEntryFactory(project=ended, city=emmen)
    running = ProjectFactory(acronym="LINK", programme=Programme.INTERREG, partners=[(bologna, Role.COORDINATOR)])
    upcoming = ProjectFactory(acronym="SOON", start_date=days(30), end_date=days(900), partners=[(emmen, "partner")])
    ProjectFactory(acronym="WAITING", status=Review.PROPOSED, partners=[(emmen, Role.COORDINATOR)])
    return {"emmen": emmen, "bologna": bologna, "ended": ended, "running": running, "upcoming": upcoming}


def listed(client, **query) -> list[str]:
    response = client.get(reverse("projects:list"), query)
    assert response.status_code == 200
    return sorted(project.acronym for project in response.context["page"].object_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["LINK", "SHIFT", "SOON"]),
        ({"q": "shift"}, ["SHIFT"]),
        ({"programme": "interreg"}, ["LINK"]),
        ({"topic": "projects"}, ["SHIFT"]),
        ({"status": "ended"}, ["SHIFT"]),
        ({"status": "running"}, ["LINK"]),
        ({"status": "upcoming"}, ["SOON"]),
        ({"country": "IT"}, ["LINK", "SHIFT"]),
        ({"city": "emmen"}, ["SHIFT", "SOON"]),
        ({"city": "Bologna", "role": "coordinator"}, ["LINK"]),
        ({"country": "NL", "role": "coordinator"}, ["SHIFT"]),
        ({"after_the_end": "yes"}, ["LINK", "SHIFT", "SOON"][1:2]),
        ({"after_the_end": "no"}, ["LINK", "SOON"]),
    ],
)
def test_the_list_filters_are_shareable_get_parameters(client, world, query, expected):
    assert listed(client, **query) == expected


@pytest.mark.parametrize("query", [{"status": "nonsense"}, {"country": "XX"}, {"topic": "nope"}, {"page": "9999"}])
def test_a_filter_it_does_not_know_is_ignored_with_a_message(client, world, query):
    response = client.get(reverse("projects:list"), query)
    assert response.status_code == 200
    if "page" not in query:
        assert "Some filters were not understood" in response.content.decode()


def test_htmx_gets_only_the_results(client, world):
    response = client.get(reverse("projects:list"), {"status": "ended"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "SHIFT" in html and "<html" not in html


def test_a_proposal_is_seen_only_by_its_partner_cities_officers_and_staff(client, world):
    waiting = Project.objects.get(acronym="WAITING")
    assert client.get(waiting.get_absolute_url()).status_code == 404
    client.force_login(OfficerFactory())
    assert client.get(waiting.get_absolute_url()).status_code == 404
    client.force_login(officer_of(world["emmen"]))
    html = client.get(waiting.get_absolute_url()).content.decode()
    assert "Staff have not approved this project yet" in html


def test_the_project_page_shows_partners_by_role_and_what_continued(client, world):
    html = client.get(world["ended"].get_absolute_url()).content.decode()
    assert html.index("Emmen</a> (Netherlands): Coordinator") < html.index("Bologna</a> (Italy): Partner")
    assert "The bus line stayed" in html and "Ended" in html


def test_the_csv_export_follows_the_filters_and_is_safe_from_formulas(client, world):
    ProjectFactory(acronym="=HYPERLINK(\"x\")", title="+1 evil", partners=[(world["emmen"], Role.PARTNER)])
    response = client.get(reverse("projects:export-csv"), {"city": "emmen"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(row["acronym"] for row in rows) == ["'=HYPERLINK(\"x\")", "SHIFT", "SOON"]
    shift = next(row for row in rows if row["acronym"] == "SHIFT")
    assert shift["partners"] == "Emmen (NL, coordinator); Bologna (IT, partner)"
    assert shift["status"] == "ended" and shift["after_the_end_entries"] == "1"
    assert next(row for row in rows if row["title"].endswith("evil"))["title"] == "'+1 evil"


def test_the_geojson_export_has_a_point_per_partner_city(client, world):
    data = json.loads(client.get(reverse("projects:export-geojson"), {"q": "shift"}).content)
    points = [(f["properties"]["city"], f["properties"]["role"], f["geometry"]["type"]) for f in data["features"]]
    assert points == [("Emmen", "coordinator", "Point"), ("Bologna", "partner", "Point")]


def test_the_feed_lists_approved_projects_newest_first_with_the_summary_escaped(client, world):
    ProjectFactory(acronym="NEWEST", summary="<script>alert(1)</script>")
    xml = client.get(reverse("projects:feed")).content.decode()
    assert xml.index("NEWEST") < xml.index("SHIFT")
    assert "WAITING" not in xml
    assert "<script>" not in xml


def project_form(**fields) -> dict:
    return {
        "city": fields.pop("city"), "role": "coordinator", "acronym": "HUBS", "title": "Mobility hubs",
        "programme": "civitas", "start_date": "2021-01-01", "end_date": "2024-06-30", "summary": "Hubs.",
        "topics": [topic("projects").pk], **fields,
    }


def test_an_officer_records_a_project_and_lands_on_its_page(client, world):
    officer = officer_of(world["emmen"])
    client.force_login(officer)
    response = client.post(reverse("projects:propose"), project_form(city=world["emmen"].pk))
    project = Project.objects.get(acronym="HUBS")
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.status == Review.PROPOSED
    assert client.get(project.get_absolute_url()).status_code == 200


def test_dates_that_contradict_are_shown_at_the_end_date_and_what_was_typed_stays(client, world):
    client.force_login(officer_of(world["emmen"]))
    data = project_form(city=world["emmen"].pk, start_date="2024-01-01", end_date="2023-01-01")
    response = client.post(reverse("projects:propose"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"end_date": ["The project cannot end before it starts."]}
    assert 'value="Mobility hubs"' in response.content.decode()
    assert not Project.objects.filter(acronym="HUBS").exists()


def test_an_officer_cannot_record_a_project_for_a_city_that_is_not_theirs(client, world):
    client.force_login(officer_of(world["emmen"]))
    response = client.post(reverse("projects:propose"), project_form(city=world["bologna"].pk))
    assert "city" in response.context["form"].errors


def test_a_partner_officer_updates_the_project(client, world):
    client.force_login(officer_of(world["bologna"]))
    data = {
        "acronym": "LINK", "title": "Linked up", "programme": "interreg", "start_date": str(days(-365)),
        "end_date": str(days(365)), "summary": "Trains.", "results": "More trains.",
    }
    response = client.post(reverse("projects:edit", args=["link"]), data)
    assert response.status_code == 302
    assert Project.objects.get(acronym="LINK").results == "More trains."


def test_officers_of_other_cities_may_not_update_it(client, world):
    client.force_login(OfficerFactory())
    assert client.get(reverse("projects:edit", args=["link"])).status_code == 403


def test_a_partner_officer_tells_what_continued_and_a_date_before_the_end_is_refused_at_its_field(client, world):
    client.force_login(officer_of(world["emmen"]))
    url = reverse("projects:after-end-new", args=["shift"])
    data = {"city": world["emmen"].pk, "happened_on": str(days(-200)), "title": "Kept", "description": "It stayed."}
    response = client.post(url, data)
    assert "Give a date after the project's official end" in response.context["form"].errors["happened_on"][0]
    response = client.post(url, {**data, "happened_on": str(days(-5))})
    assert response.status_code == 302
    assert AfterEndEntry.objects.filter(title="Kept").exists()


def test_an_officer_adds_their_city_to_an_approved_project(client, world):
    lund = CityFactory(name="Lund")
    client.force_login(officer_of(lund))
    page = client.get(world["running"].get_absolute_url()).content.decode()
    assert "Add your city to this project" in page
    response = client.post(reverse("projects:join", args=["link"]), {"city": lund.pk, "role": "replicating"})
    assert response.status_code == 302
    assert Participation.objects.get(city=lund).status == Review.PROPOSED
