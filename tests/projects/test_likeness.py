"""Cities like yours, with projects: the ranking of member cities by what a partner request asks, and the projects
signal of a city's profile, on small fixed sets of cities whose answers are known; a fixed number of queries
whatever the number of cities."""

import pytest

from cities.likeness import cities_like
from cities.models import City
from devdata.factories import CityFactory, ParticipationFactory, PartnerRequestFactory, ProjectFactory, topic
from projects.likeness import cities_for_request
from projects.models import Programme, Review, Role

pytestmark = pytest.mark.django_db

DATA = "data-and-digitalisation"
REGIONS = "working-with-regions"


@pytest.fixture
def towns():
    """Seven member cities and an applicant; the comments give what a request from Asker wants of each."""
    data, regions = topic(DATA), topic(REGIONS)
    cities = {
        # asks: 100,000 to 250,000 people, Italy (Austria and France are neighbours), data, SUMP adopted,
        # CIVITAS experience.
        "asker": CityFactory(name="Asker", country="NL", population=120_000),
        "parma": CityFactory(name="Parma", country="IT", population=190_000, sump_status=City.Sump.ADOPTED),
        "graz": CityFactory(name="Graz", country="AT", population=140_000, sump_status=City.Sump.IN_PREPARATION),
        "lund": CityFactory(name="Lund", country="SE", population=90_000, sump_status=City.Sump.ADOPTED),
        "trento": CityFactory(name="Trento", country="IT", population=118_000),
        "tiny": CityFactory(name="Tiny", country="PT", population=15_000),
        "big": CityFactory(name="Bigtown", country="BE", population=900_000),
        "applicant": CityFactory(
            name="Applicant", country="IT", population=150_000, membership_status=City.Membership.APPLICANT
        ),
    }
    cities["parma"].topics.add(data)
    cities["lund"].topics.add(data, regions)
    cities["tiny"].topics.add(regions)
    ProjectFactory(programme=Programme.CIVITAS, partners=[(cities["lund"], Role.COORDINATOR)])
    ProjectFactory(programme=Programme.CIVITAS, partners=[(cities["trento"], Role.PARTNER)])
    # Not counted: an Interreg project, and a CIVITAS project staff have not approved.
    ProjectFactory(programme=Programme.INTERREG, partners=[(cities["big"], Role.COORDINATOR)])
    ProjectFactory(programme=Programme.CIVITAS, status=Review.PROPOSED, partners=[(cities["tiny"], Role.COORDINATOR)])
    return cities


@pytest.fixture
def partner_request(towns):
    partner_request = PartnerRequestFactory(
        city=towns["asker"],
        countries=["IT"],
        population_band="100k_250k",
        sump_wanted="adopted",
        programme=Programme.CIVITAS,
        programme_experience=True,
    )
    partner_request.topics.add(topic(DATA))
    return partner_request


def test_cities_are_ranked_by_what_the_request_asks(partner_request):
    # Parma: band 3 + Italy 3 + data 1 + SUMP 2 = 9; Trento: band 3 + Italy 3 + took part in CIVITAS 2 = 8;
    # Lund: data 1 + SUMP 2 + led CIVITAS 3 = 6; Graz: band 3 + neighbour 1 = 4. Bigtown, Tiny: nothing asked.
    ranking = [(match.city.name, match.score) for match in cities_for_request(partner_request)]
    assert ranking == [("Parma", 9), ("Trento", 8), ("Lund", 6), ("Graz", 4)]


def test_each_match_says_why_it_matched(partner_request):
    reasons = {match.city.name: match.reasons for match in cities_for_request(partner_request)}
    assert reasons["Parma"] == [
        "population 100,000 to 250,000", "country asked for (Italy)", "shared topic Data and digitalisation",
        "SUMP adopted",
    ]
    assert reasons["Trento"] == [
        "population 100,000 to 250,000", "country asked for (Italy)", "took part in a project (CIVITAS)"
    ]
    assert reasons["Lund"] == ["shared topic Data and digitalisation", "SUMP adopted", "led a project (CIVITAS)"]
    assert reasons["Graz"] == ["population 100,000 to 250,000", "neighbouring country (Austria)"]


def test_the_asking_city_and_cities_that_are_not_members_are_never_matched(partner_request):
    names = {match.city.name for match in cities_for_request(partner_request, shown=50)}
    assert "Asker" not in names and "Applicant" not in names


def test_experience_counts_only_when_the_request_asks_for_it(towns):
    partner_request = PartnerRequestFactory(city=towns["asker"], programme=Programme.CIVITAS)
    partner_request.topics.add(topic(DATA))
    assert [(match.city.name, match.score) for match in cities_for_request(partner_request)] == [
        ("Lund", 1), ("Parma", 1)
    ]


def test_a_request_that_asks_nothing_matches_nobody(towns):
    assert cities_for_request(PartnerRequestFactory(city=towns["asker"])) == []


def test_ties_go_to_the_middle_of_the_band_asked_for(towns):
    partner_request = PartnerRequestFactory(city=towns["asker"], population_band="100k_250k")
    # All in the band; 175,000 is its middle: Parma (190,000), Applicant left out, Graz, Trento (118,000).
    assert [match.city.name for match in cities_for_request(partner_request)] == ["Parma", "Graz", "Trento"]


@pytest.mark.parametrize("extra_cities", [0, 200])
def test_the_request_ranking_is_three_queries_whatever_the_number_of_cities(
    partner_request, django_assert_max_num_queries, extra_cities
):
    for n in range(extra_cities):
        city = CityFactory(country="IT", population=100_000 + n)
        if n % 10 == 0:
            ParticipationFactory(city=city, role=Role.COORDINATOR, project__programme=Programme.CIVITAS)
    with django_assert_max_num_queries(3):  # the request's topics, the ranking, the shared topics' names
        matches = cities_for_request(partner_request)
    assert len(matches) == (6 if extra_cities else 4)


@pytest.fixture
def far_apart():
    """Four cities with nothing in common (countries far apart, other population bands, no topics, no plan)
    but their projects."""
    cities = {
        "home": CityFactory(name="Home", country="PT", population=30_000),
        "leader": CityFactory(name="Leader", country="FI", population=600_000),
        "partner": CityFactory(name="Partner", country="GR", population=300_000),
        "elsewhere": CityFactory(name="Elsewhere", country="IE", population=150_000),
    }
    ProjectFactory(programme=Programme.CIVITAS, partners=[(cities["home"], Role.PARTNER)])
    ProjectFactory(programme=Programme.CIVITAS, partners=[(cities["leader"], Role.COORDINATOR)])
    ProjectFactory(programme=Programme.CIVITAS, partners=[(cities["partner"], Role.REPLICATING)])
    ProjectFactory(programme=Programme.INTERREG, partners=[(cities["elsewhere"], Role.COORDINATOR)])
    return cities


def test_on_a_profile_cities_that_worked_in_the_same_programmes_are_alike(far_apart):
    home = City.objects.prefetch_related("topics").get(pk=far_apart["home"].pk)
    matches = [(match.city.name, match.score, match.reasons) for match in cities_like(home)]
    assert matches == [
        ("Leader", 2, ["led a project (CIVITAS)"]),
        ("Partner", 1, ["took part in a project (CIVITAS)"]),
    ]


def test_a_city_without_projects_gets_no_points_from_them(far_apart):
    assert cities_like(far_apart["elsewhere"]) == []
