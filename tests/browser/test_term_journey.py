import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from ambassadors.models import Declaration, Signature
from core import scheduler
from devdata.factories import SignatureFactory
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import a_declaration_and_a_mayor, last_mail_to, link_in, mails_to

pytestmark = pytest.mark.browser


def _signed_a_year_ago(mayor) -> Signature:
    """Sophie Martin signed, was verified, and has not been asked about her office since, more than a year ago."""
    city = mayor.affiliations.get().city
    signed_on = timezone.localdate() - datetime.timedelta(days=400)
    signature = SignatureFactory(
        declaration=Declaration.objects.get(),
        signer=mayor,
        full_name="Sophie Martin",
        city=city,
        office_confirmed_on=signed_on,
    )
    signed_at = timezone.now() - datetime.timedelta(days=400)
    Signature.objects.filter(pk=signature.pk).update(
        created_at=signed_at, confirmed_at=signed_at, verified_at=signed_at
    )
    return signature


def test_an_ambassador_answers_the_yearly_mail_that_they_have_left_office_and_the_wall_shows_it(portal, page):
    mayor = a_declaration_and_a_mayor()
    signature = _signed_a_year_ago(mayor)

    page.goto(portal.url + "/ambassadors/")
    expect(page.get_by_text("1 current ambassador has signed the declaration.")).to_be_visible()
    expect(page.get_by_role("heading", name="Sophie Martin")).to_be_visible()
    assert_accessible(page)

    # The next morning's job asks her, once, by mail.
    scheduler.tick()
    question = last_mail_to(mayor.email, "Do you still hold your office?")
    scheduler.tick()  # a second tick on the same day queues nothing, and nobody is asked twice
    assert [message.subject for message in mails_to(mayor.email)] == [question.subject]

    page.goto(link_in(question, "/ambassadors/office/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Do you still hold your office?")
    expect(page.get_by_role("main")).to_contain_text("Sophie Martin, you signed version 1")
    assert_accessible(page)

    # She says she has left, but forgets the date: the form says so at the field and keeps her answer.
    page.get_by_label("No, I have left the office").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(page.get_by_text("Give the date you left the office.")).to_be_visible()
    expect(page.get_by_label("No, I have left the office")).to_be_checked()
    assert_accessible(page)

    left_on = timezone.localdate() - datetime.timedelta(days=3)
    page.get_by_label("I left the office on").fill(left_on.isoformat())
    page.get_by_role("button", name="Send my answer").click()
    with translation.override("en"):
        since = date_format(left_on, "DATE_FORMAT")
    expect(page.get_by_role("main")).to_contain_text(f"now shows you as a former ambassador, since {since}")
    assert_accessible(page)

    # The wall, served from the cache a moment ago, shows the change at once.
    page.get_by_role("link", name="See the former ambassadors").click()
    expect(page.get_by_text("0 current ambassadors have signed the declaration.")).to_be_visible()
    expect(page.get_by_text("1 former ambassador has since left office.")).to_be_visible()
    former = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Sophie Martin"))
    expect(former).to_contain_text(f"Former ambassador since {since}")
    assert_accessible(page)
    page.get_by_role("link", name="Clear all filters").click()
    expect(page.get_by_role("heading", name="Sophie Martin")).to_have_count(0)
    expect(page.get_by_text("No ambassador matches these filters.")).to_be_visible()

    # The link works once; the certificate check says since when she is a former ambassador.
    page.goto(link_in(question, "/ambassadors/office/"))
    expect(page.get_by_role("main")).to_contain_text("This request has already been answered. Nothing was changed.")
    expect(page.get_by_role("button", name="Send my answer")).to_have_count(0)
    assert_accessible(page)
    page.goto(portal.url + signature.get_verify_url())
    expect(page.get_by_text(f"Genuine, former since {since}")).to_be_visible()
    assert_accessible(page)
