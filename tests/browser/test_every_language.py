"""axe-core and the portal's own font on the pages a visitor and a signing mayor use most, in every language the
portal speaks: home, the directory, a city profile, a topic, the declaration and the sign form.

One browser session walks every language (a test per language would start the live portal 24 times); each
page is asked for by address (`?lang=`), and a failure names its language and page.
"""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from core.languages import QUERY_PARAMETER
from devdata.factories import topic
from tests.browser.helpers import a_declaration_and_a_mayor
from tests.browser.test_language_journey import check, signed_in_as

pytestmark = pytest.mark.browser
PAGES = ("/", "/cities/", "/cities/{city}/", "/topics/{topic}/", "/ambassadors/declaration/")


def test_the_most_used_pages_are_accessible_and_drawn_in_every_language(portal, page):
    mayor = a_declaration_and_a_mayor(city_name="Emmen")
    city, topic_slug = mayor.affiliations.first().city, topic().slug
    languages = [code for code, _name in settings.LANGUAGES]
    assert len(languages) == len(set(languages)) >= 7

    def visit(code: str, address: str) -> None:
        page.goto(f"{portal.url}{address}?{QUERY_PARAMETER}={code}")
        expect(page.locator("html")).to_have_attribute("lang", code)
        try:
            check(page)
        except AssertionError as error:
            raise AssertionError(f"[{code}] {address}: {error}") from None

    for code in languages:
        for address in PAGES:
            visit(code, address.format(city=city.slug, topic=topic_slug))

    signed_in_as(page, portal.url, mayor)
    for code in languages:
        visit(code, "/ambassadors/declaration/sign/")
