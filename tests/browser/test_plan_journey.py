import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cities.models import City
from devdata.factories import AffiliationFactory, CityFactory, StaffFactory, UserFactory, with_totp
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import log_in, log_out, staff_logs_in_to_the_admin

pytestmark = pytest.mark.browser


def test_an_officer_updates_the_plans_dates_and_the_directory_and_the_staff_see_them(portal, page):
    emmen = CityFactory(name="Emmen", country="NL", population=107_000, sump_status=City.Sump.IN_PREPARATION)
    CityFactory(name="Zwolle", country="NL", population=130_000, sump_status=City.Sump.ADOPTED)
    olaf = UserFactory(email="olaf@emmen.example.org", full_name="Olaf Officer")
    AffiliationFactory(user=olaf, city=emmen)
    today = timezone.localdate()
    adopted, due = today.replace(day=1) - datetime.timedelta(days=4 * 365), today + datetime.timedelta(days=200)

    page.goto(portal.url + "/accounts/login/")
    log_in(page, olaf.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cities").click()
    page.get_by_role("main").get_by_role("link", name="Emmen").click()
    page.get_by_role("link", name="Update the plan's status and dates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mobility plan of Emmen")
    assert_accessible(page)

    # A revision due before the plan was adopted is refused at its field, and what was typed stays.
    page.get_by_label("Status of the plan").select_option(label="SUMP adopted")
    page.get_by_label("Adopted on").fill(adopted.isoformat())
    page.get_by_label("Next revision due").fill((adopted - datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Link to the plan").fill("https://emmen.example.org/sump")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(page.locator("#id_sump_revision_due_error")).to_contain_text("The revision is due after the plan's adoption")
    expect(page.get_by_label("Adopted on")).to_have_value(adopted.isoformat())
    expect(page.get_by_label("Link to the plan")).to_have_value("https://emmen.example.org/sump")
    assert_accessible(page)

    page.get_by_label("Next revision due").fill(due.isoformat())
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("status")).to_contain_text("The mobility plan of Emmen is updated.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emmen")
    facts = page.locator(".facts-list")
    expect(facts).to_contain_text("SUMP adopted")
    expect(facts).to_contain_text("Next revision due")
    assert_accessible(page)
    log_out(page)

    # Anyone finds the cities whose plan falls due for revision within a year, with the date.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cities").click()
    page.get_by_label("Plan revision").select_option(label="Revision due within a year")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".result-count")).to_have_text("1 city")
    row = page.get_by_role("row").filter(has_text="Emmen")
    expect(row).to_contain_text("revision due")
    expect(page).to_have_url(re.compile("revision=within_a_year"))  # htmx moves the address once the list is in
    assert_accessible(page)

    # The staff see who changed what in the city's audit trail.
    staff = with_totp(StaffFactory(email="moderator@smc.example.org"))
    staff_logs_in_to_the_admin(page, portal.url, staff)
    page.goto(portal.url + f"/admin/cities/city/{emmen.pk}/change/")
    trail = page.locator("#core-actionlog-content_type-object_id-group")
    expect(trail).to_contain_text("cities.plan.updated")
    expect(trail).to_contain_text(due.isoformat())
