"""Cities like yours, on a small fixed set of cities whose answers are known."""

import pytest
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.test.utils import CaptureQueriesContext

from cities import likeness
from cities.models import City
from core import extensions
from core.extensions import LikenessSignal, Registry
from devdata.factories import CityFactory, UserFactory, topic

pytestmark = pytest.mark.django_db

DATA, PROJECTS = "data-and-digitalisation", "projects"


def city(name, country, population, sump, *topics, membership=City.Membership.MEMBER):
    made = CityFactory(
        name=name, country=country, population=population, sump_status=sump, membership_status=membership
    )
    made.topics.set([topic(slug) for slug in topics])
    return made


@pytest.fixture
def emmen(db):
    """Emmen (NL, 107,000, SUMP adopted, data and projects) and the cities it is measured against."""
    emmen = city("Emmen", "NL", 107_000, "adopted", DATA, PROJECTS)
    city("Zwolle", "NL", 130_000, "adopted", DATA)  # band 3 + country 2 + topic 1 + plan 1 = 7
    city("Deventer", "NL", 100_000, "none")  # band 3 (100,000 opens the band) + country 2 = 5
    city("Parma", "IT", 198_000, "adopted", PROJECTS)  # band 3 + topic 1 + plan 1 = 5, farther in size
    city("Leuven", "BE", 101_000, "in_preparation")  # band 3 + neighbour 1 = 4
    city("Münster", "DE", 315_000, "adopted", DATA, PROJECTS)  # neighbour 1 + topics 2 + plan 1 = 4
    city("Faro", "PT", 60_000, "none")  # nothing in common: never shown
    city("Kristiansand", "NO", 117_000, "adopted", DATA, membership=City.Membership.SUSPENDED)
    city("Stavanger", "NO", 120_000, "adopted", DATA, membership=City.Membership.FORMER)
    return City.objects.prefetch_related("topics").get(pk=emmen.pk)


def ranked(emmen, **options):
    return [(match.city.name, match.score) for match in likeness.cities_like(emmen, **options)]


def test_the_closest_member_cities_come_first_ties_going_to_the_closest_in_size(emmen):
    assert ranked(emmen) == [("Zwolle", 7), ("Deventer", 5), ("Parma", 5), ("Leuven", 4), ("Münster", 4)]


def test_each_match_says_why_it_matched(emmen):
    reasons = {match.city.name: match.reasons for match in likeness.cities_like(emmen)}
    assert reasons["Zwolle"] == [
        "same population band",
        "same country (Netherlands)",
        "shared topic Data and digitalisation",
        "SUMP adopted",
    ]
    assert reasons["Leuven"] == ["same population band", "neighbouring country (Belgium)"]
    assert reasons["Münster"] == [
        "neighbouring country (Germany)",
        "shared topics Data and digitalisation, Projects",
        "SUMP adopted",
    ]


def test_suspended_former_and_unalike_cities_and_the_city_itself_are_never_shown(emmen):
    shown = {name for name, _score in ranked(emmen, shown=20)}
    assert shown == {"Zwolle", "Deventer", "Parma", "Leuven", "Münster"}


def test_a_city_with_nothing_known_still_gets_its_neighbours(db):
    bare = CityFactory(name="Bare", country="NL", population=None, sump_status="none")
    city("Aachen", "DE", 250_000, "adopted")
    city("Lisbon", "PT", 500_000, "adopted")
    bare = City.objects.prefetch_related("topics").get(pk=bare.pk)
    assert [(match.city.name, match.reasons) for match in likeness.cities_like(bare)] == [
        ("Aachen", ["neighbouring country (Germany)"])
    ]


def test_another_app_adds_a_signal_with_its_own_points_and_reasons(emmen, monkeypatch):
    registry = Registry()
    monkeypatch.setattr(extensions, "likeness_signals", registry)
    def points(city):
        return Case(When(name="Faro", then=Value(10)), default=Value(0), output_field=IntegerField())

    def reasons(city, matches):
        return {match.city.pk: "led a CIVITAS project" for match in matches if match.points["led_project"]}

    registry.add(LikenessSignal("led_project", points=points, reasons=reasons))
    matches = likeness.cities_like(emmen)
    assert (matches[0].city.name, matches[0].score, matches[0].reasons) == ("Faro", 10, ["led a CIVITAS project"])


def test_a_profile_costs_the_same_few_queries_however_many_cities_there_are(emmen):
    def fresh():
        return City.objects.prefetch_related("topics").get(pk=emmen.pk)

    # The ranking, the shared topics' names, and the city's own projects (read once for the projects' signals).
    first = fresh()
    with CaptureQueriesContext(connection) as few:
        likeness.cities_like(first)
    for n in range(60):
        city(f"More {n}", "NL", 110_000 + n, "adopted", DATA)
    second = fresh()
    with CaptureQueriesContext(connection) as many:
        likeness.cities_like(second)
    assert len(few) == len(many) == 3


@pytest.mark.parametrize(
    ("population", "band"),
    [(0, (0, 20_000)), (19_999, (0, 20_000)), (20_000, (20_000, 50_000)), (500_000, (500_000, None)), (None, None)],
)
def test_population_bands(population, band):
    assert likeness.population_band(population) == band


def test_the_neighbour_table_reads_both_ways():
    assert likeness.neighbours("NL") == {"BE", "DE"}
    assert "NL" in likeness.neighbours("BE") and "DK" in likeness.neighbours("SE")
    for country in {code for pair in likeness.BORDERS.split() for code in pair.split("-")}:
        for neighbour in likeness.neighbours(country):
            assert country in likeness.neighbours(neighbour)


def test_the_profile_shows_the_cities_like_it(client, emmen):
    html = client.get(emmen.get_absolute_url()).content.decode()
    assert "Cities like this one" in html
    reasons = "same population band, same country (Netherlands), shared topic Data and digitalisation, SUMP adopted"
    assert reasons in html


@pytest.mark.usefixtures("page_cache_on")
def test_a_profile_ranks_once_until_the_portals_data_changes(client, emmen, django_capture_on_commit_callbacks):
    client.force_login(UserFactory())  # signed-in people get the profile rendered afresh
    client.get(emmen.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert "Zwolle" in client.get(emmen.get_absolute_url()).content.decode()
    assert not [query for query in queries if "likeness_" in query["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        city("Hoogeveen", "NL", 107_500, "adopted", DATA, PROJECTS)
    assert "Hoogeveen" in client.get(emmen.get_absolute_url()).content.decode()
