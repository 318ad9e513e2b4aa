"""A city's address is its folded name, made unique the same way whether it is saved or loaded in bulk."""

import pytest

from cities.models import City
from devdata.factories import CityFactory

pytestmark = pytest.mark.django_db

NAMES = [("Münster", "DE"), ("Munster", "IE"), ("Münster", "DE"), ("Münster", "DE")]
SLUGS = ["munster", "munster-ie", "munster-de", "munster-3"]


def test_a_city_of_a_name_taken_gets_its_country_then_a_number():
    cities = [CityFactory(name=name, country=country) for name, country in NAMES]
    assert [city.slug for city in cities] == SLUGS
    assert {city.search_name for city in cities} == {"munster"}


def test_a_bulk_load_gives_the_slugs_saving_one_by_one_gives():
    taken = set()
    cities = [CityFactory.build(name=name, country=country) for name, country in NAMES]
    for city in cities:
        city.derive_fields(taken_slugs=taken)
    City.objects.bulk_create(cities)
    assert list(City.objects.order_by("pk").values_list("slug", flat=True)) == SLUGS
    assert taken == set(SLUGS)
