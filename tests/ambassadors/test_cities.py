"""What the ambassadors add to the cities: a profile section, a directory filter, an export column."""

import csv
import io
import json

import pytest

from devdata.factories import CityFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    with_one = CityFactory(name="Ambassadorville")
    SignatureFactory(city=with_one)
    without = CityFactory(name="Quietville")
    SignatureFactory(city=without, status="withdrawn")
    SignatureFactory(city=without, status="confirmed")
    return with_one, without


def test_the_profile_lists_listed_ambassadors_by_name_and_counts_the_others(client):
    city = CityFactory()
    SignatureFactory(city=city, full_name="Listed Mayor")
    SignatureFactory.create_batch(2, city=city, full_name="Unlisted Person", listed_publicly=False)
    SignatureFactory(city=city, full_name="Withdrawn Person", status="withdrawn")
    text = client.get(city.get_absolute_url()).content.decode()
    assert "SMC Ambassadors" in text
    assert "Listed Mayor" in text
    assert "Unlisted Person" not in text and "Withdrawn Person" not in text
    assert "and 2 ambassadors who chose not to be listed" in text


def test_a_city_without_ambassadors_has_no_section(client):
    city = CityFactory()
    assert "ambassadors-title" not in client.get(city.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("value", "expected"), [("yes", ["Ambassadorville"]), ("no", ["Quietville"])])
def test_the_directory_filters_on_having_an_ambassador(client, cities, value, expected):
    page = client.get("/cities/", {"ambassador": value}).context["page"]
    assert [city.name for city in page.object_list] == expected


def test_the_directory_without_the_filter_lists_all(client, cities):
    assert client.get("/cities/").context["page"].paginator.count == 2


def test_the_csv_export_has_the_column_and_honours_the_filter(client, cities):
    rows = list(csv.DictReader(io.StringIO(client.get("/cities/export.csv").content.decode())))
    assert {row["name"]: row["has_ambassador"] for row in rows} == {
        "Ambassadorville": "True",
        "Quietville": "False",
    }
    filtered = list(
        csv.DictReader(io.StringIO(client.get("/cities/export.csv?ambassador=no").content.decode()))
    )
    assert [row["name"] for row in filtered] == ["Quietville"]


def test_the_geojson_export_has_the_property(client, cities):
    data = json.loads(client.get("/cities/export.geojson").content)
    assert {f["properties"]["name"]: f["properties"]["has_ambassador"] for f in data["features"]} == {
        "Ambassadorville": True,
        "Quietville": False,
    }
