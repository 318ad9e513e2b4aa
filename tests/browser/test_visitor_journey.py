import csv
import io

import pytest
from playwright.sync_api import expect

from cities.models import City
from devdata.factories import CityFactory
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_a_visitor_filters_the_directory_opens_a_profile_views_the_map_and_downloads_the_csv(portal, page):
    CityFactory(name="Emmen", country="NL", population=107_000, sump_status=City.Sump.ADOPTED,
                platform_role=City.PlatformRole.CHAIR, latitude=52.78, longitude=6.9)
    CityFactory(name="Zwolle", country="NL", population=130_000, latitude=52.5, longitude=6.08)
    CityFactory(name="Bologna", country="IT", population=394_000, sump_status=City.Sump.ADOPTED,
                latitude=44.49, longitude=11.34)

    page.goto(portal.url + "/")
    assert_accessible(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cities").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Member cities")
    assert_accessible(page)

    page.get_by_label("Country").select_option("NL")
    page.get_by_label("Mobility plan (SUMP)").select_option("adopted")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".result-count")).to_have_text("1 city")
    assert "country=NL" in page.url and "sump=adopted" in page.url

    page.get_by_role("link", name="Emmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emmen")
    expect(page.get_by_role("definition").filter(has_text="SUMP adopted")).to_be_visible()
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="Show them on the map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of member cities")
    expect(page.locator(".map-markers circle")).to_have_count(1)
    expect(page.get_by_role("link", name="Emmen, Netherlands")).to_be_visible()  # named by its SVG title
    assert_accessible(page)

    page.get_by_role("link", name="Show them in the directory").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert [row["name"] for row in rows] == ["Emmen"]


def test_a_wrong_filter_value_shows_a_message_next_to_the_field(portal, page):
    CityFactory(name="Emmen")
    page.goto(portal.url + "/cities/?population_min=abc")
    expect(page.locator("#id_population_min_error")).to_be_visible()
    expect(page.get_by_label("Population at least")).to_have_value("abc")
    assert_accessible(page)
