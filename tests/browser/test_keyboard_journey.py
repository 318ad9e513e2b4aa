"""The signing journey with the keyboard alone: no click, only Tab, Shift+Tab, Enter, Space and typing.

Every Tab stop on the way must show a focus indicator, on screen and not covered (helpers.tab_to). Staff
verify the signature in the admin with the keyboard too.
"""

import pytest
from playwright.sync_api import expect

from ambassadors.models import Signature
from devdata.factories import StaffFactory, with_totp
from tests.browser.helpers import (
    PASSWORD,
    a_declaration_and_a_mayor,
    last_mail_to,
    link_in,
    skip_to_content,
    tab_through_the_page,
    tab_to,
    totp_code,
    wait_for_the_fragment_focus,
)

pytestmark = pytest.mark.browser


def heading(page):
    return page.get_by_role("heading", level=1)


def log_in_with_the_keyboard(page, email):
    expect(heading(page)).to_have_text("Sign In")
    skip_to_content(page)
    tab_to(page, "Email")
    page.keyboard.type(email)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    # Every key landed where it was meant to before the form goes (a lost key fails here, not at the login).
    expect(page.get_by_label("Email")).to_have_value(email)
    expect(page.get_by_label("Password")).to_have_value(PASSWORD)
    page.keyboard.press("Enter")


def log_out_with_the_keyboard(page):
    wait_for_the_fragment_focus(page)
    tab_to(page, "Log out", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in")).to_be_visible()


def staff_verify_the_signature_with_the_keyboard(page, base_url):
    staff = with_totp(StaffFactory(email="moderator@smc.example.org"))
    page.goto(base_url + "/admin/")
    log_in_with_the_keyboard(page, staff.email)
    expect(heading(page)).to_have_text("Two-Factor Authentication")
    skip_to_content(page)
    tab_to(page, "Code")
    page.keyboard.type(totp_code(staff.totp_secret))
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Staff workplace")

    skip_to_content(page, target="content-start")
    tab_to(page, "Signatures")
    page.keyboard.press("Enter")
    expect(heading(page)).to_contain_text("Ambassador signatures to verify (1 waiting")
    skip_to_content(page, target="content-start")
    tab_to(page, "Select this object for an action")
    page.keyboard.press("Space")
    tab_to(page, "Action", backwards=True)
    page.keyboard.type("Verify")
    tab_to(page, "Go")
    page.keyboard.press("Enter")
    expect(page.get_by_text("This applies to:")).to_be_visible()
    expect(page.locator("#content-start")).to_be_focused()  # the skip link's #content-start was kept
    tab_to(page, "Note (optional)")
    page.keyboard.type("Checked with the city hall.")
    tab_to(page, "Verify: show on the ambassadors wall")
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("1 done")
    tab_to(page, "Log out", backwards=True)
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Logged out")


def test_a_mayor_signs_confirms_opens_the_certificate_and_withdraws_with_the_keyboard_alone(portal, page, settings):
    mayor = a_declaration_and_a_mayor()

    # Every stop of the home page, header to footer, shows where the focus is.
    page.goto(portal.url + "/")
    stops = tab_through_the_page(page)
    assert stops[0] == "Skip to main content"
    assert {"Cities", "Search the portal", "Log in", "Read the declaration and sign it", "Language",
            "Change language"} <= set(stops)

    page.goto(portal.url + "/")
    skip_to_content(page)
    tab_to(page, "Read the declaration and sign it")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("The ambassador declaration")

    skip_to_content(page)
    tab_to(page, "Log in to sign")
    page.keyboard.press("Enter")
    log_in_with_the_keyboard(page, mayor.email)
    expect(heading(page)).to_have_text("The ambassador declaration")

    skip_to_content(page)
    tab_to(page, "Sign the declaration")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Sign the ambassador declaration")
    assert "Office (required)" in tab_through_the_page(page)
    page.reload()

    # Sent without the office and the confirmation first, the form comes back with its errors. The skip
    # link put #main in the address, so the answer opens with the focus on the main content.
    skip_to_content(page)
    tab_to(page, "Sign the declaration")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    wait_for_the_fragment_focus(page)
    expect(page.locator("#main")).to_be_focused()
    tab_to(page, "Office")
    page.keyboard.type("Mayor")
    expect(page.get_by_role("combobox", name="Office")).to_have_value("mayor")
    tab_to(page, "Public statement")
    page.keyboard.type("Emmen shares what it learns about cycling.")
    tab_to(page, "List my name, office and statement")
    page.keyboard.press("Space")
    tab_to(page, "I confirm that I hold the office")
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="I confirm that I hold the office")).to_be_checked()
    tab_to(page, "Sign the declaration")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("My ambassador signatures")

    # The link in the mail, as if opened from the mail program.
    page.goto(link_in(last_mail_to(mayor.email), "/ambassadors/confirm/"))
    expect(heading(page)).to_have_text("Confirm your signature")
    skip_to_content(page)
    tab_to(page, "Confirm my signature")
    page.keyboard.press("Space")
    expect(page.get_by_text("Thank you: your signature is confirmed.")).to_be_visible()

    log_out_with_the_keyboard(page)
    staff_verify_the_signature_with_the_keyboard(page, portal.url)
    page.goto(link_in(last_mail_to(mayor.email, "verified"), "/ambassadors/my-signatures/"))
    log_in_with_the_keyboard(page, mayor.email)
    expect(heading(page)).to_have_text("My ambassador signatures")
    skip_to_content(page)
    tab_to(page, "Open your certificate for version 1")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Certificate of SMC Ambassador")
    skip_to_content(page)
    tab_to(page, "Print the certificate")
    tab_to(page, "Back to your signatures", backwards=True)
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("My ambassador signatures")

    # Withdrawing an hour later: the portal asks for the password again.
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    skip_to_content(page)
    tab_to(page, "Withdraw your signature of version 1")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Confirm Access")
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
    skip_to_content(page)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Withdraw your signature")
    skip_to_content(page)
    tab_to(page, "Withdraw my signature")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Your signature is withdrawn.")
    assert Signature.objects.get(signer=mayor).status == Signature.Status.WITHDRAWN
