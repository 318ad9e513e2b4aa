import re

import pytest
from playwright.sync_api import expect

from devdata.factories import StaffFactory, with_totp
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import (
    PASSWORD,
    a_declaration_and_a_mayor,
    last_mail_to,
    link_in,
    log_in,
    log_out,
    run_admin_action,
    staff_logs_in_to_the_admin,
)

pytestmark = pytest.mark.browser


def test_a_mayor_signs_the_declaration_is_verified_gets_a_genuine_certificate_and_withdraws(portal, page, settings):
    mayor = a_declaration_and_a_mayor()
    staff = with_totp(StaffFactory(email="moderator@smc.example.org"))

    page.goto(portal.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ambassadors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SMC Ambassadors")
    expect(page.get_by_text("0 current ambassadors have signed the declaration.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Read the declaration and sign it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The ambassador declaration")
    assert_accessible(page)

    page.get_by_role("link", name="Log in to sign").click()
    log_in(page, mayor.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("The ambassador declaration")
    page.get_by_role("complementary").get_by_role("link", name="Sign the declaration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign the ambassador declaration")
    assert_accessible(page)

    page.get_by_role("button", name="Sign the declaration").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(page.get_by_text("Only someone who holds the office may sign")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_label("Your full name")).to_have_value("Sophie Martin")
    page.get_by_role("combobox", name="Office").select_option(label="Mayor")
    page.get_by_label("Public statement").fill("Emmen shares what it learns about cycling with every city.")
    page.get_by_label("List my name, office and statement").check()
    page.get_by_label("I confirm that I hold the office").check()
    page.get_by_role("button", name="Sign the declaration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My ambassador signatures")
    expect(page.get_by_role("status")).to_contain_text("click the link in it to confirm your signature")
    assert_accessible(page)

    page.goto(link_in(last_mail_to(mayor.email), "/ambassadors/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your signature")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_text("Thank you: your signature is confirmed.")).to_be_visible()
    log_out(page)

    staff_logs_in_to_the_admin(page, portal.url, staff)
    page.get_by_role("table", name="Waiting for a decision").get_by_role("link", name="Ambassador signatures").click()
    assert_accessible(page)
    run_admin_action(page, "Sophie Martin", "Verify: show on the ambassadors wall")
    page.get_by_role("link", name="View site").click()
    log_out(page)

    # On the wall and on the city's profile.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ambassadors").click()
    expect(page.get_by_text("1 current ambassador has signed the declaration.")).to_be_visible()
    ambassador = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Sophie Martin"))
    expect(ambassador).to_contain_text("Mayor")
    assert_accessible(page)
    ambassador.get_by_role("link", name="Emmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emmen")
    expect(page.get_by_role("region", name="SMC Ambassadors")).to_contain_text("Sophie Martin, Mayor")
    assert_accessible(page)

    # The mail of verification leads to the certificate; its code checks out as genuine.
    verified = last_mail_to(mayor.email, "verified")
    page.goto(link_in(verified, "/ambassadors/my-signatures/"))
    log_in(page, mayor.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("My ambassador signatures")
    page.get_by_role("link", name="Open your certificate for version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate of SMC Ambassador")
    expect(page.get_by_role("button", name="Print the certificate")).to_be_visible()
    assert_accessible(page)
    code = page.locator(".certificate-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z-]+", code)
    assert link_in(verified, "/ambassadors/verify/").endswith(f"/ambassadors/verify/{code}/")

    page.get_by_role("link", name="Back to your signatures").click()
    page.get_by_role("link", name="Read the declaration").click()
    page.get_by_role("link", name="Check an ambassador's certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check an ambassador's certificate")
    assert_accessible(page)
    page.get_by_label("Certificate code").fill(code)
    page.get_by_role("button", name="Check the certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate check")
    expect(page.get_by_text("Genuine and current")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Sophie Martin, Mayor, Emmen")
    assert_accessible(page)

    # Withdrawing: some time has passed since the login, so the portal asks for the password again.
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    page.goto(portal.url + "/ambassadors/my-signatures/")
    page.get_by_role("link", name="Withdraw your signature of version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    assert_accessible(page)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your signature")
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw my signature").click()
    expect(page.get_by_role("status")).to_contain_text("Your signature is withdrawn.")
    expect(page.get_by_role("link", name="Open your certificate for version 1")).to_have_count(0)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ambassadors").click()
    expect(page.get_by_text("0 current ambassadors have signed the declaration.")).to_be_visible()
    expect(page.get_by_role("heading", name="Sophie Martin")).to_have_count(0)
    page.goto(link_in(verified, "/ambassadors/verify/"))
    expect(page.get_by_text("Not current: this certificate was genuine")).to_be_visible()
