from pathlib import Path

import pytest
from playwright.sync_api import expect

from devdata.factories import StaffFactory, with_totp
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import last_mail_to, log_out, staff_logs_in_to_the_admin
from tests.cities.factories import PDF

pytestmark = pytest.mark.browser


def test_a_city_applies_with_its_council_decision_and_staff_admit_it_once_the_checklist_is_worked(
    portal, page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    decision = tmp_path / "raadsbesluit-emmen.pdf"
    decision.write_bytes(PDF)
    page.goto(portal.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for your city to join")
    assert_accessible(page)

    # Sent empty, the form says what is missing next to each field.
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(page.locator("#id_city_name_error")).to_be_visible()
    expect(page.locator("#id_applicant_role_error")).to_be_visible()
    expect(page.locator("#id_consent_to_contact_error")).to_contain_text("only handle your application if we may")
    assert_accessible(page)

    page.get_by_label("City (required)").fill("Emmen")
    page.get_by_label("Country").select_option("NL")
    page.get_by_label("Population").fill("107000")
    page.get_by_label("Contact person").fill("Anna de Vries")
    page.get_by_label("You apply as").select_option(label="City officer")
    page.get_by_label("Your job title").fill("Mobility officer")
    page.get_by_label("Email").fill("anna@emmen.example.org")
    page.get_by_label("Why your city wants to join").fill("We want to learn about shared mobility.")
    page.get_by_label("Council resolution or letter of intent").set_input_files(str(decision))
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
    expect(page.get_by_role("row").filter(has_text="Emmen")).to_contain_text("0/4")
    assert_accessible(page)

    # The council's decision is for staff to read, through the portal.
    page.get_by_role("link", name="Emmen", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the document (PDF)").click()
    assert download.value.suggested_filename == "decision-of-emmen.pdf"
    assert Path(download.value.path()).read_bytes() == PDF
    # No axe on the admin's change pages: run there, axe itself sets inline styles the CSP refuses.
    page.get_by_role("link", name="Membership applications").last.click()

    # Approving before the checklist is worked is refused, naming what is missing.
    choose_action(page, "Emmen", "Approve: the city becomes a member")
    page.get_by_label("Note for the applicant (optional)").fill("Welcome to the platform!")
    page.get_by_role("button", name="Approve: the city becomes a member").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "The checklist is not complete; missing: Decision document received; Contact person confirmed; "
        "City matched to its gazetteer entry; Welcome call held."
    )
    assert_accessible(page)

    choose_action(page, "Emmen", "Tick checklist items")
    assert_accessible(page)
    for item in CHECKLIST:
        page.get_by_label(item).check()
    page.get_by_label("Note (optional)").fill("Welcome call with Anna on 12 May.")
    page.get_by_role("button", name="Tick checklist items").click()
    expect(page.locator(".messagelist")).to_contain_text("1 done")
    expect(page.get_by_role("row").filter(has_text="Emmen")).to_contain_text("4/4")

    choose_action(page, "Emmen", "Approve: the city becomes a member")
    page.get_by_label("Note for the applicant (optional)").fill("Welcome to the platform!")
    page.get_by_role("button", name="Approve: the city becomes a member").click()
    expect(page.locator(".messagelist")).to_contain_text("1 done")
    expect(page.get_by_role("heading", level=1)).to_contain_text("(0 waiting)")
    assert "Welcome to the platform!" in last_mail_to("anna@emmen.example.org").body

    # Every tick and the decision are in the application's audit trail.
    page.get_by_role("link", name="Emmen", exact=True).click()
    trail = page.locator("#core-actionlog-content_type-object_id-group")
    for action in ["cities.application.submitted", "cities.application.checked", "cities.application.approved"]:
        expect(trail).to_contain_text(action)
    page.get_by_role("link", name="View site").click()
    log_out(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cities").click()
    page.get_by_role("main").get_by_role("link", name="Emmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emmen")


CHECKLIST = [
    "Decision document received",
    "Contact person confirmed",
    "City matched to its gazetteer entry",
    "Welcome call held",
]


def choose_action(page, row_text: str, action_label: str) -> None:
    """On an admin change list, tick the row, choose the action and press Go: the action's own form opens."""
    page.get_by_role("row").filter(has_text=row_text).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action_label)
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("This applies to:")).to_be_visible()
