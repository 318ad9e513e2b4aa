import re

import pytest
from playwright.sync_api import expect

from cities.models import City
from cities.services import city_end_membership
from devdata.factories import (
    AffiliationFactory,
    CityFactory,
    SignatureFactory,
    StaffFactory,
    UserFactory,
    topic,
    with_totp,
)
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import last_mail_to, log_in, log_out, run_admin_action, staff_logs_in_to_the_admin

pytestmark = pytest.mark.browser


def test_staff_suspend_a_city_its_officer_reads_but_cannot_post_and_every_page_says_so(portal, page):
    emmen = CityFactory(name="Emmen", country="NL", population=107_000)
    CityFactory(name="Zwolle", country="NL", population=130_000)
    olaf = UserFactory(email="olaf@emmen.example.org", full_name="Olaf Officer")
    AffiliationFactory(user=olaf, city=emmen)
    SignatureFactory(full_name="Sophie Martin", city=emmen)

    staff = with_totp(StaffFactory(email="moderator@smc.example.org"))
    staff_logs_in_to_the_admin(page, portal.url, staff)
    page.goto(portal.url + "/admin/cities/city/")
    assert_accessible(page)
    reason = "The fee is two years overdue."
    run_admin_action(page, "Emmen", "Suspend the membership", note=reason, check_accessible=assert_accessible)
    expect(page.get_by_role("row").filter(has_text="Emmen")).to_contain_text("Suspended")
    assert reason in last_mail_to(olaf.email, "suspended").body
    page.goto(portal.url + "/")
    log_out(page)

    # The officer keeps the account and reads, but may not start a thread; the profile says why.
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    log_in(page, olaf.email)
    page.goto(portal.url + "/profile/")
    expect(page.get_by_role("main")).to_contain_text("Emmen's membership is suspended: you can read the portal")
    assert_accessible(page)
    page.goto(portal.url + topic().get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(topic().name)
    expect(page.get_by_role("link", name="Start a new thread")).to_have_count(0)
    portal.expect_status(403, "/threads/new/")
    page.goto(portal.url + f"{topic().get_absolute_url()}threads/new/")
    expect(page.get_by_role("main")).to_contain_text("Only verified city officers")
    log_out(page)

    # The directory shows members unless asked; the profile and the wall say the city is suspended.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cities").click()
    expect(page.get_by_role("main").get_by_role("link", name="Emmen")).to_have_count(0)
    page.get_by_label("Membership").select_option(label="Suspended members")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".result-count")).to_have_text("1 city")
    expect(page).to_have_url(re.compile("membership=suspended"))  # htmx moves the address once the list is in
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Emmen").click()
    expect(page.locator(".notice")).to_contain_text("Emmen's membership of the platform has been suspended since")
    assert_accessible(page)
    page.goto(portal.url + "/ambassadors/")
    expect(page.get_by_role("listitem").filter(has_text="Sophie Martin")).to_contain_text("of a suspended member city")

    # Once the membership has ended, the ambassador stays on the wall, of a former member city.
    city_end_membership(City.objects.get(pk=emmen.pk), by=staff, note="The council decided to leave.")
    page.reload()
    expect(page.get_by_role("listitem").filter(has_text="Sophie Martin")).to_contain_text("of a former member city")
    assert_accessible(page)
