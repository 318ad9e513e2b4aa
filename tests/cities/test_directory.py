import pytest
from django.urls import reverse

from cities.models import City
from devdata.factories import CityFactory, topic

pytestmark = pytest.mark.django_db
URL = reverse("cities:directory")


def names(response) -> list[str]:
    return [city.name for city in response.context["page"].object_list]


def test_it_lists_member_cities_only(client):
    CityFactory(name="Emmen")
    CityFactory(name="Applicantville", membership_status=City.Membership.APPLICANT)
    CityFactory(name="Formerton", membership_status=City.Membership.FORMER)
    assert names(client.get(URL)) == ["Emmen"]


def test_the_name_filter_ignores_case_and_accents(client):
    CityFactory(name="Köln", country="DE")
    CityFactory(name="Emmen")
    assert names(client.get(URL, {"q": "koln"})) == ["Köln"]
    assert names(client.get(URL, {"q": "KÖL"})) == ["Köln"]


def test_country_filter_may_repeat(client):
    CityFactory(name="Emmen", country="NL")
    CityFactory(name="Bologna", country="IT")
    CityFactory(name="Leuven", country="BE")
    assert names(client.get(URL + "?country=NL&country=IT")) == ["Bologna", "Emmen"]


def test_population_range(client):
    CityFactory(name="Small", population=20_000)
    CityFactory(name="Medium", population=80_000)
    CityFactory(name="Large", population=400_000)
    assert names(client.get(URL, {"population_min": 50_000, "population_max": 100_000})) == ["Medium"]


def test_sump_and_topic_filters(client):
    data = topic("data-and-digitalisation")
    adopted = CityFactory(name="Adopted", sump_status=City.Sump.ADOPTED)
    adopted.topics.add(data)
    CityFactory(name="Preparing", sump_status=City.Sump.IN_PREPARATION).topics.add(data)
    CityFactory(name="Adopted elsewhere", sump_status=City.Sump.ADOPTED)
    assert names(client.get(URL, {"sump": "adopted", "topic": "data-and-digitalisation"})) == ["Adopted"]


def test_filters_combine(client):
    CityFactory(name="Emmen", country="NL", population=107_000, sump_status=City.Sump.ADOPTED)
    CityFactory(name="Zwolle", country="NL", population=130_000, sump_status=City.Sump.NONE)
    CityFactory(name="Parma", country="IT", population=198_000, sump_status=City.Sump.ADOPTED)
    response = client.get(URL, {"country": "NL", "sump": "adopted", "population_min": 100_000, "q": "em"})
    assert names(response) == ["Emmen"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["Aalborg", "Bologna", "Zwolle"]),
        ("-name", ["Zwolle", "Bologna", "Aalborg"]),
        ("population", ["Zwolle", "Aalborg", "Bologna"]),
        ("-population", ["Bologna", "Aalborg", "Zwolle"]),
        ("joined", ["Bologna", "Zwolle", "Aalborg"]),
        ("-joined", ["Aalborg", "Zwolle", "Bologna"]),
    ],
)
def test_ordering(client, ordering, expected):
    CityFactory(name="Zwolle", population=10_000, joined_on="2020-01-01")
    CityFactory(name="Aalborg", population=50_000, joined_on="2022-01-01")
    CityFactory(name="Bologna", population=90_000, joined_on="2018-01-01")
    assert names(client.get(URL, {"ordering": ordering})) == expected


def test_it_shows_the_number_of_results_and_pages_by_25(client):
    CityFactory.create_batch(30)
    response = client.get(URL)
    assert "30 cities" in response.content.decode()
    assert len(names(response)) == 25
    assert len(names(client.get(URL, {"page": 2}))) == 5


@pytest.mark.parametrize(
    "query",
    [
        {"population_min": "abc"},
        {"population_max": "1e999"},
        {"country": "XX"},
        {"sump": "maybe"},
        {"topic": "no-such-topic"},
        {"ordering": "password"},
        {"page": "999999"},
        {"page": "-1"},
        {"page": "abc"},
        {"q": "x" * 5000},
        {"q": "\x00"},
    ],
)
def test_wrong_values_never_crash(client, query):
    CityFactory(name="Emmen")
    response = client.get(URL, query)
    assert response.status_code == 200


def test_a_wrong_value_is_shown_as_an_error_next_to_its_field_and_others_still_apply(client):
    CityFactory(name="Emmen", country="NL")
    CityFactory(name="Bologna", country="IT")
    response = client.get(URL, {"population_min": "abc", "country": "IT"})
    assert "population_min" in response.context["filter"].form.errors
    assert names(response) == ["Bologna"]
    assert 'value="abc"' in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client):
    CityFactory.create_batch(30)
    response = client.get(URL, {"page": 999999})
    assert response.context["page"].number == 2


def test_htmx_gets_only_the_results_partial(client):
    CityFactory(name="Emmen")
    response = client.get(URL, {"q": "emm"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Emmen" in html
    assert "<html" not in html


def test_page_links_keep_the_filters(client):
    CityFactory.create_batch(30, country="NL")
    html = client.get(URL, {"country": "NL"}).content.decode()
    assert "?country=NL&amp;page=2" in html


@pytest.mark.parametrize("count", [5, 60])
def test_the_directory_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    for city in CityFactory.create_batch(count):
        city.topics.add(topic())
    with django_assert_max_num_queries(8):
        client.get(URL, {"country": "NL", "topic": "data-and-digitalisation"})
