import pytest
from playwright.sync_api import expect

from devdata.factories import CityFactory, StaffFactory, with_totp
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import (
    last_mail_to,
    link_in,
    log_in,
    log_out,
    run_admin_action,
    staff_logs_in_to_the_admin,
)

pytestmark = pytest.mark.browser

EMAIL = "jan.jansen@emmen.example.org"
PASSWORD = "Fietsen door het Drentse land 2026"


def test_a_new_user_signs_up_confirms_the_email_asks_to_be_an_officer_and_sees_verified_once_staff_agree(
    portal, page
):
    CityFactory(name="Emmen", country="NL")

    page.goto(portal.url + "/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    assert_accessible(page)

    # The browser asks for the required fields itself; the server refuses a weak password.
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password (required)").fill("fiets")
    page.get_by_label("Password (again)").fill("fiets")
    page.get_by_role("main").get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(page.get_by_role("main")).to_contain_text("This password is too short.")
    expect(page.get_by_label("Email")).to_have_value(EMAIL)
    assert_accessible(page)

    page.get_by_label("Password (required)").fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    assert_accessible(page)

    # The confirmation link from the mail opens a page with a Confirm button.
    page.goto(link_in(last_mail_to(EMAIL), "/accounts/confirm-email/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")

    # Log out and back in, as one does on another day.
    log_out(page)
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    assert_accessible(page)
    log_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    expect(page.get_by_text("You do not act for a city yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ask to act for a member city").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask to act for a member city")
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    assert_accessible(page)

    page.get_by_label("Your full name").fill("Jan Jansen")
    page.get_by_label("City (required)").select_option(label="Emmen")
    page.get_by_label("I act for the city as").select_option(label="City officer")
    page.get_by_label("Your job title").fill("Mobility policy officer")
    page.get_by_label("Note for the staff").fill("Listed on www.emmen.nl/mobiliteit")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_contain_text("the staff will check your request")
    row = page.get_by_role("row").filter(has_text="Emmen")
    expect(row).to_contain_text("Pending")
    log_out(page)

    staff = with_totp(StaffFactory(email="moderator@smc.example.org"))
    staff_logs_in_to_the_admin(page, portal.url, staff)
    page.get_by_role("table", name="Waiting for a decision").get_by_role("link", name="Affiliation requests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Affiliation requests (1 waiting)")
    assert_accessible(page)
    run_admin_action(page, "Jan Jansen", "Verify the affiliation", check_accessible=assert_accessible)
    page.get_by_role("link", name="View site").click()
    log_out(page)

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    log_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("row").filter(has_text="Emmen")).to_contain_text("Verified")
    assert_accessible(page)
