import pytest
from playwright.sync_api import expect

from devdata.factories import StaffFactory, with_totp
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import last_mail_to, log_out, run_admin_action, staff_logs_in_to_the_admin

pytestmark = pytest.mark.browser


def test_a_city_applies_to_join_and_appears_in_the_directory_once_staff_approve_it(portal, page, settings):
    page.goto(portal.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for your city to join")
    assert_accessible(page)

    # Sent empty, the form says what is missing next to each field.
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(page.locator("#id_city_name_error")).to_be_visible()
    expect(page.locator("#id_consent_to_contact_error")).to_contain_text("only handle your application if we may")
    assert_accessible(page)

    page.get_by_label("City (required)").fill("Emmen")
    page.get_by_label("Country").select_option("NL")
    page.get_by_label("Population").fill("107000")
    page.get_by_label("Contact person").fill("Anna de Vries")
    page.get_by_label("Your role").fill("Mobility officer")
    page.get_by_label("Email").fill("anna@emmen.example.org")
    page.get_by_label("Why your city wants to join").fill("We want to learn about shared mobility.")
    page.get_by_label("I agree that the SMC platform's staff contact me").check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your application has been received")
    assert_accessible(page)
    last_mail_to("anna@emmen.example.org")  # the applicant's receipt
    assert "Emmen" in last_mail_to(settings.STAFF_NOTIFICATION_EMAILS[0]).body  # staff hear of it

    # Not a member yet.
    page.get_by_role("link", name="Browse the member cities").click()
    expect(page.get_by_role("main").get_by_role("link", name="Emmen")).to_have_count(0)

    staff = with_totp(StaffFactory(email="moderator@smc.example.org"))
    staff_logs_in_to_the_admin(page, portal.url, staff, check_accessible=assert_accessible)
    assert_accessible(page)
    page.get_by_role("table", name="Waiting for a decision").get_by_role("link", name="Membership applications").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Membership applications (1 waiting)")
    filters = page.locator("#changelist-filter")
    expect(filters).to_contain_text("Netherlands")
    expect(filters).not_to_contain_text("Germany")  # only the countries that have applications
    assert_accessible(page)
    run_admin_action(
        page,
        "Emmen",
        "Approve: the city becomes a member",
        note="Welcome to the platform!",
        check_accessible=assert_accessible,
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("(0 waiting)")
    assert "Welcome to the platform!" in last_mail_to("anna@emmen.example.org").body
    page.get_by_role("link", name="View site").click()
    log_out(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cities").click()
    page.get_by_role("main").get_by_role("link", name="Emmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emmen")
