import csv
import io
import json

import pytest
from django.urls import reverse

from cities.models import City
from devdata.factories import CityFactory

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_has_the_open_data_columns(client):
    CityFactory(name="Emmen", country="NL", region="Drenthe", population=107_000, latitude=52.78, longitude=6.9)
    response = client.get(reverse("cities:export-csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    [row] = csv_rows(response)
    assert list(row) == [
        "name",
        "country",
        "region",
        "population",
        "membership_status",
        "sump_status",
        "sump_adopted_on",
        "sump_revision_due",
        "sump_url",
        "latitude",
        "longitude",
        "has_ambassador",
        "led_projects",
        "url",
    ]
    assert row["name"] == "Emmen"
    assert row["country"] == "NL"
    assert row["population"] == "107000"
    assert row["url"].endswith("/cities/emmen/")


def test_exports_honour_the_filters_and_equal_the_filtered_directory(client):
    for n in range(40):
        CityFactory(country="NL" if n % 2 else "IT", sump_status=City.Sump.ADOPTED if n % 3 else City.Sump.NONE)
    CityFactory(country="NL", membership_status=City.Membership.APPLICANT)
    query = {"country": "NL", "sump": "adopted", "ordering": "-population"}
    directory = client.get(reverse("cities:directory"), query)
    expected = [city.name for city in directory.context["filter"].qs]
    assert len(expected) > 0
    assert [row["name"] for row in csv_rows(client.get(reverse("cities:export-csv"), query))] == expected
    geojson = json.loads(client.get(reverse("cities:export-geojson"), query).content)
    assert [feature["properties"]["name"] for feature in geojson["features"]] == expected


def test_exports_return_every_matching_city_not_one_page(client):
    CityFactory.create_batch(30)
    assert len(csv_rows(client.get(reverse("cities:export-csv")))) == 30


def test_geojson_is_a_feature_collection_of_longitude_latitude_points(client):
    CityFactory(name="Bologna", country="IT", latitude=44.49, longitude=11.34)
    data = json.loads(client.get(reverse("cities:export-geojson")).content)
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [11.34, 44.49]}
    assert feature["properties"]["country"] == "IT"
    assert set(feature["properties"]) == {
        "name",
        "country",
        "region",
        "population",
        "membership_status",
        "sump_status",
        "sump_adopted_on",
        "sump_revision_due",
        "sump_url",
        "url",
        "has_ambassador",
        "led_projects",
    }


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(client):
    CityFactory(name="=HYPERLINK(1)", region="+cmd|calc", country="NL")
    [row] = csv_rows(client.get(reverse("cities:export-csv")))
    assert row["name"] == "'=HYPERLINK(1)"
    assert row["region"] == "'+cmd|calc"


def test_a_wrong_filter_value_does_not_break_an_export(client):
    CityFactory()
    assert client.get(reverse("cities:export-csv"), {"population_min": "abc"}).status_code == 200
    assert client.get(reverse("cities:export-geojson"), {"country": "XX"}).status_code == 200
