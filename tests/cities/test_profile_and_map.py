import pytest
from django.urls import reverse

from cities.models import City
from devdata.factories import CityFactory, topic

pytestmark = pytest.mark.django_db


def test_the_profile_shows_the_city_facts(client):
    city = CityFactory(
        name="Bologna",
        country="IT",
        region="Emilia-Romagna",
        population=394_843,
        population_year=2023,
        sump_status=City.Sump.ADOPTED,
        sump_year=2019,
        sump_url="https://example.org/sump",
        website="https://example.org",
        platform_role=City.PlatformRole.CHAIR,
        latitude=44.49,
        longitude=11.34,
    )
    city.topics.add(topic("projects"))
    html = client.get(city.get_absolute_url()).content.decode()
    for text in ["Bologna", "Emilia-Romagna", "Italy", "394,843", "(2023)", "SUMP adopted", "(2019)",
                 "https://example.org/sump", "Chair", "Projects", "map-marker-current"]:
        assert text in html
    assert html.count("<h1") == 1


def test_applicant_cities_have_no_public_profile(client):
    city = CityFactory(membership_status=City.Membership.APPLICANT)
    assert client.get(city.get_absolute_url()).status_code == 404


def test_a_former_member_is_marked_as_such(client):
    city = CityFactory(membership_status=City.Membership.FORMER)
    assert "Former member" in client.get(city.get_absolute_url()).content.decode()


def test_an_unknown_slug_is_a_404(client):
    assert client.get("/cities/no-such-city/").status_code == 404


def test_a_city_without_coordinates_has_no_locator_map(client):
    city = CityFactory(latitude=None, longitude=None)
    html = client.get(city.get_absolute_url()).content.decode()
    assert "map-marker-current" not in html


@pytest.mark.parametrize("topic_count", [1, 8])
def test_the_profile_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, topic_count):
    from topics.models import Topic

    city = CityFactory()
    city.topics.set(Topic.objects.all()[:topic_count])
    with django_assert_max_num_queries(8):
        client.get(city.get_absolute_url())


def test_the_map_has_one_accessible_link_per_member_city_and_a_text_list(client):
    emmen = CityFactory(name="Emmen", country="NL", latitude=52.78, longitude=6.9)
    CityFactory(name="Bologna", country="IT", latitude=44.49, longitude=11.34)
    CityFactory(name="Applicant", membership_status=City.Membership.APPLICANT, latitude=50.0, longitude=5.0)
    CityFactory(name="New York", country="US", latitude=40.7, longitude=-74.0)
    html = client.get(reverse("cities:map")).content.decode()
    assert f'<a href="{emmen.get_absolute_url()}"><title>Emmen, Netherlands</title><circle' in html
    assert html.count("<circle") == 2
    assert "Applicant" not in html
    assert 'id="city-list"' in html


def test_the_map_honours_the_directory_filters(client):
    CityFactory(name="Emmen", country="NL")
    CityFactory(name="Bologna", country="IT", latitude=44.49, longitude=11.34)
    response = client.get(reverse("cities:map"), {"country": "IT"})
    assert response.context["markers"].count == 1
    assert "<title>Bologna, Italy</title>" in response.content.decode()
    assert "Emmen" not in response.context["markers"].svg


def test_a_map_of_many_cities_draws_its_markers_as_one_path_and_links_each_city_in_its_list(client, monkeypatch):
    from cities import mapping

    monkeypatch.setattr(mapping, "LINKED_MARKERS_AT_MOST", 2)
    cities = [CityFactory(latitude=50 + n, longitude=5 + n) for n in range(3)]
    html = client.get(reverse("cities:map")).content.decode()
    assert html.count('<path class="map-dots"') == 1 and html.count("h0") == 3
    assert "<circle" not in html
    assert "<h3>Netherlands</h3>" in html
    for city in cities:
        assert f'<li><a href="{city.get_absolute_url()}">{city.name}</a></li>' in html
    assert "the list below links every city's profile" in html


def test_the_map_draws_the_bundled_country_shapes_without_third_party_hosts(client):
    html = client.get(reverse("cities:map")).content.decode()
    assert "map-country" in html
    assert "https://" not in html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("count", [3, 40])
def test_the_map_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    CityFactory.create_batch(count)
    with django_assert_max_num_queries(6):
        client.get(reverse("cities:map"))


def test_city_names_on_the_map_are_escaped(client):
    CityFactory(name='<script>alert("x")</script> & Co', country="NL")
    html = client.get(reverse("cities:map")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
