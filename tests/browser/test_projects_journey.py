import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from devdata.factories import (
    AffiliationFactory,
    CallFactory,
    CityFactory,
    OfficerFactory,
    ProjectFactory,
    StaffFactory,
    with_totp,
)
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import last_mail_to, link_in, log_in, log_out, run_admin_action, staff_logs_in_to_the_admin

pytestmark = pytest.mark.browser

CALL = "Shared mobility for small cities"
REQUEST = "Two cities wanted for on-demand buses"


def officer(email: str, name: str, city: str, country: str):
    person = OfficerFactory(email=email, full_name=name, affiliation=None)
    AffiliationFactory(user=person, city=CityFactory(name=city, country=country))
    return person


def day(offset: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def log_in_from_the_menu(page, email: str) -> None:
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    log_in(page, email)


def anna_records_a_project_and_tells_what_continued_after_its_end(page, portal) -> None:
    page.goto(portal.url + "/")
    log_in_from_the_menu(page, "anna@emmen.example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
    assert_accessible(page)
    page.get_by_role("link", name="Record a project of your city").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a project")
    page.get_by_label("Your city's role").select_option(label="Coordinator")
    page.get_by_label("Acronym").fill("SHIFT")
    page.get_by_label("Title").fill("Shared, flexible transport for small cities")
    page.get_by_label("Programme").select_option(label="CIVITAS")
    page.get_by_label("Start date").fill("2021-01-01")
    page.get_by_label("End date").fill("2020-12-31")  # a slip: before the start
    page.get_by_label("Summary").fill("Buses on demand and two mobility hubs.")
    page.get_by_role("group", name="Topics").get_by_label("Data and digitalisation").check()
    page.get_by_role("button", name="Send the project to staff").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(page.get_by_text("The project cannot end before it starts.")).to_be_visible()
    expect(page.get_by_label("Acronym")).to_have_value("SHIFT")
    assert_accessible(page)
    page.get_by_label("End date").fill(day(-60))
    page.get_by_role("button", name="Send the project to staff").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SHIFT: Shared, flexible transport for small cities")
    expect(page.get_by_text("Staff have not approved this project yet")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Tell what continued after the end").click()
    page.get_by_label("When").fill(day(-90))  # during the project: not "after the end"
    page.get_by_label("What continued").fill("The on-demand bus became a permanent line")
    page.get_by_label("How").fill("The province took it into its bus concession.")
    page.get_by_role("button", name="Publish the entry").click()
    expect(page.get_by_text("Give a date after the project's official end")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("When").fill(day(-10))
    page.get_by_role("button", name="Publish the entry").click()
    expect(page.get_by_role("region", name="After the end")).to_contain_text("became a permanent line")
    log_out(page)


def staff_approve_the_project(page, portal, staff) -> None:
    staff_logs_in_to_the_admin(page, portal.url, staff)
    page.get_by_role("table", name="Waiting for a decision").get_by_role("link", name="Projects to approve").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects to approve (1 waiting)")
    assert_accessible(page)
    run_admin_action(page, "SHIFT", "Approve: show the project to everyone", note="Checked with CIVITAS.")
    page.get_by_role("link", name="View site").click()
    log_out(page)


def marco_looks_for_partners_for_an_open_call(page, portal) -> None:
    log_in_from_the_menu(page, "marco@bologna.example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Funding calls").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding calls")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name=CALL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CALL)
    assert_accessible(page)
    page.get_by_role("link", name="Look for partners for this call").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Look for partners")
    expect(page.get_by_label("For the call")).to_contain_text(CALL)
    page.get_by_label("Title").fill(REQUEST)
    page.get_by_label("The project idea").fill("Bologna leads a consortium and needs two smaller cities.")
    page.get_by_label("Role offered to the partner").select_option(label="Partner")
    page.get_by_label("Countries wanted").select_option(["SE", "NL"])
    page.get_by_label("Answer by").fill(day(400))  # after the call's deadline
    page.get_by_role("button", name="Post the request").click()
    expect(page.get_by_text("partners must be found by then")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Answer by").fill("")
    page.get_by_role("button", name="Post the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(REQUEST)
    expect(page.get_by_role("region", name="Cities like the one wanted")).to_contain_text("Lund")
    assert_accessible(page)
    log_out(page)


def lena_says_lund_is_interested(page, portal) -> None:
    log_in_from_the_menu(page, "lena@lund.example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").click()
    page.get_by_role("navigation", name="Projects and funding").get_by_role("link", name="Partner search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner search")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name=REQUEST).click()
    page.get_by_label("Your message").fill("Lund ran a demand-responsive pilot and would like to join.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("You said Lund is interested.")).to_be_visible()
    assert_accessible(page)
    log_out(page)


def test_an_officer_records_a_project_another_looks_for_partners_and_a_third_city_answers(portal, page):
    officer("anna@emmen.example.org", "Anna de Vries", "Emmen", "NL")
    officer("marco@bologna.example.org", "Marco Rossi", "Bologna", "IT")
    officer("lena@lund.example.org", "Lena Lind", "Lund", "SE")
    staff = with_totp(StaffFactory(email="moderator@smc.example.org"))
    CallFactory(title=CALL, deadline=timezone.localdate() + datetime.timedelta(days=60))

    anna_records_a_project_and_tells_what_continued_after_its_end(page, portal)
    staff_approve_the_project(page, portal, staff)

    # A visitor now finds the project, with its after-the-end entry, in the list.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").click()
    page.get_by_label("Tells what continued after the end").select_option(label="Yes")
    expect(page.get_by_role("main").get_by_role("link", name="SHIFT")).to_be_visible()
    expect(page).to_have_url(re.compile(r"after_the_end=yes"))  # the filtered list is a link to share

    marco_looks_for_partners_for_an_open_call(page, portal)
    lena_says_lund_is_interested(page, portal)

    # Marco is told by mail, follows the link, and sees Lund with its message and profile.
    mail = last_mail_to("marco@bologna.example.org", "Lund is interested")
    page.goto(link_in(mail, "/partners/"))
    log_in(page, "marco@bologna.example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text(REQUEST)
    interested = page.get_by_role("region", name="1 city is interested")
    expect(interested).to_contain_text("Lund ran a demand-responsive pilot")
    assert_accessible(page)
    interested.get_by_role("link", name="Lund").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lund")


def test_the_other_projects_pages_are_accessible(portal, page):
    """The pages the journey above does not pass through, checked by axe-core as an officer sees them."""
    lena = officer("lena@lund.example.org", "Lena Lind", "Lund", "SE")
    lund = lena.affiliations.get().city
    call = CallFactory(title=CALL, second_deadline=timezone.localdate() + datetime.timedelta(days=200))
    own = ProjectFactory(acronym="OWN", partners=[(lund, "coordinator")])
    other = ProjectFactory(acronym="OTHER", partners=[(CityFactory(name="Graz", country="AT"), "coordinator")])
    lena.call_follows.create(call=call)
    page.goto(portal.url + "/")
    log_in_from_the_menu(page, lena.email)
    for path, heading in [
        (f"/projects/{own.slug}/edit/", "Update OWN"),
        (f"/projects/{other.slug}/join/", "Add your city to OTHER"),
        ("/calls/new/", "Record a funding call"),
        ("/calls/following/", "Calls and programmes you follow"),
        ("/partners/?status=open", "Partner search"),
        ("/projects/?status=running&role=coordinator", "Projects"),
        ("/calls/?status=closing", "Funding calls"),
        (lund.get_absolute_url(), "Lund"),
    ]:
        page.goto(portal.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
