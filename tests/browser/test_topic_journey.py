import pytest
from playwright.sync_api import expect

from devdata.factories import AffiliationFactory, CityFactory, OfficerFactory, StaffFactory, UserFactory, with_totp
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

TOPIC = "Data and digitalisation"
TITLE = "Open data portals for bus punctuality"
MESSAGE = (
    "We publish **real-time punctuality** of our buses as open data.\n\n"
    "The specification is on [our data portal](https://data.emmen.example.org/bus)."
)
REPLY = "Bologna does the same with GTFS-RT feeds; happy to compare notes."


def open_topic(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics").click()
    page.get_by_role("main").get_by_role("link", name=TOPIC).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TOPIC)


def test_officers_discuss_in_a_topic_a_visitor_finds_the_thread_and_a_reported_reply_is_hidden_by_staff(
    portal, page
):
    anna = OfficerFactory(email="anna@emmen.example.org", full_name="Anna de Vries", affiliation=None)
    AffiliationFactory(user=anna, city=CityFactory(name="Emmen"))
    marco = OfficerFactory(email="marco@bologna.example.org", full_name="Marco Rossi", affiliation=None)
    AffiliationFactory(user=marco, city=CityFactory(name="Bologna", country="IT"))
    UserFactory(email="pieter@example.org", full_name="Pieter Bakker")
    staff = with_totp(StaffFactory(email="moderator@smc.example.org"))

    # Marco follows the topic.
    page.goto(portal.url + "/accounts/login/")
    log_in(page, marco.email)
    open_topic(page, portal.url)
    assert_accessible(page)
    page.get_by_role("button", name=f"Follow “{TOPIC}”").click()
    expect(page.get_by_role("button", name=f"Stop following “{TOPIC}”")).to_be_visible()
    log_out(page)

    # Anna starts a thread in Markdown.
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    log_in(page, anna.email)
    open_topic(page, portal.url)
    page.get_by_role("link", name="Start a new thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Start a new thread in {TOPIC}")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the thread").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    assert_accessible(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Message").fill(MESSAGE)
    page.get_by_role("button", name="Publish the thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    first_post = page.get_by_role("article").first
    expect(first_post.locator("strong", has_text="real-time punctuality")).to_be_visible()
    expect(first_post.get_by_role("link", name="our data portal")).to_have_attribute(
        "href", "https://data.emmen.example.org/bus"
    )
    assert_accessible(page)
    log_out(page)

    # Marco hears of it, opens the thread from the mail, logs in and replies.
    mail = last_mail_to(marco.email, TITLE)
    assert "Anna de Vries started a new thread" in mail.body
    page.goto(link_in(mail, "/topics/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    page.get_by_role("region", name="Reply").get_by_role("link", name="Log in").click()
    log_in(page, marco.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    portal.expect_status(400, "/reply/")  # the reply view answers a reply with mistakes with 400
    page.get_by_role("button", name="Publish the reply").click()
    expect(page.get_by_label("Your reply")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.get_by_label("Your reply").fill(REPLY)
    page.get_by_role("button", name="Publish the reply").click()
    expect(page.get_by_role("article").filter(has_text=REPLY)).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # A visitor finds the thread with the search box.
    search = page.get_by_role("search")
    search.get_by_role("searchbox", name="Search the portal").fill("punctuality")
    search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Search")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("article").filter(has_text=REPLY)).to_be_visible()

    # A registered user reports the reply.
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    log_in(page, "pieter@example.org")
    page.get_by_role("search").get_by_role("searchbox").fill("punctuality")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.get_by_role("main").get_by_role("link", name=TITLE).first.click()
    page.get_by_role("link", name="Report this post by Marco Rossi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a post to the moderators")
    assert_accessible(page)
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    assert_accessible(page)
    page.get_by_label("What is wrong with this post?").fill("This reply advertises a commercial product.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("status")).to_be_visible()
    log_out(page)

    # Staff hide it from the moderation queue.
    staff_logs_in_to_the_admin(page, portal.url, staff)
    page.get_by_role("table", name="Waiting for a decision").get_by_role("link", name="Reported posts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reported posts (1 waiting)")
    assert_accessible(page)
    run_admin_action(page, "commercial product", "Hide the reported post and resolve", note="Advertising.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reported posts (0 waiting)")
    assert "Advertising." in last_mail_to(marco.email, "hidden").body
    page.get_by_role("link", name="View site").click()
    log_out(page)

    # The visitor no longer sees the reply; Anna's post is still there.
    page.goto(link_in(mail, "/topics/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("real-time punctuality")).to_be_visible()
    expect(page.get_by_text(REPLY)).to_have_count(0)
