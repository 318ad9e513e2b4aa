"""A visitor changes the language with the chooser and browses on in it: the page keeps its place, nothing is
clipped, and the portal's own font covers every letter (Greek and Bulgarian need their own subsets).

The journey runs in French and in Greek (another script); its words come from the catalogues. Every other
language is walked more cheaply in test_every_language.py.
"""

import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from cities.models import City
from devdata.factories import CityFactory, topic
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import a_declaration_and_a_mayor
from tests.languages import speak

pytestmark = pytest.mark.browser
LANGUAGES = ["fr", "el"]  # a Latin script and another

# Every letter on the page is drawn by a loaded face of Source Sans 3 whose unicode-range covers it, and no
# text is cut off by an element that hides its overflow; the page never scrolls sideways.
_FONTS_AND_CLIPPING = """async () => {
  await document.fonts.ready;
  const faces = [];
  document.fonts.forEach((face) => {
    if (face.family.replace(/"/g, '') !== 'Source Sans 3' || face.status !== 'loaded') return;
    for (const part of face.unicodeRange.split(',')) {
      const [from, to] = part.trim().replace(/^U\\+/i, '').split('-');
      faces.push([String(face.weight), parseInt(from, 16), parseInt(to || from, 16)]);
    }
  });
  const uncovered = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (!parent || !parent.checkVisibility() || parent.closest('script, style')) continue;
    const weight = getComputedStyle(parent).fontWeight;
    for (const letter of walker.currentNode.data) {
      if (!/\\p{L}/u.test(letter)) continue;
      const code = letter.codePointAt(0);
      const drawn = faces.some(([w, from, to]) => w === weight && code >= from && code <= to);
      if (!drawn) uncovered.add(`${letter} (${weight})`);
    }
  }
  const clipped = [];
  const FORM_CONTROLS = 'select, textarea, input';  // they scroll their own content
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
    if (!hides || !el.offsetParent || el.matches(FORM_CONTROLS) || el.closest('.visually-hidden, .honeypot')) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      clipped.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.innerText.slice(0, 40)}`);
    }
  }
  const sideways = document.documentElement.scrollWidth > window.innerWidth + 1;
  return {uncovered: [...uncovered], clipped, sideways};
}"""


def assert_readable(page) -> None:
    found = page.evaluate(_FONTS_AND_CLIPPING)
    assert found["uncovered"] == [], f"{page.url}: letters no loaded face of Source Sans 3 covers: {found['uncovered']}"
    assert found["clipped"] == [], f"{page.url}: clipped text: {found['clipped']}"
    assert not found["sideways"], f"{page.url}: the page scrolls sideways"


def signed_in_as(page, base_url: str, user) -> None:
    """The browser carries USER's session, as after logging in."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def check(page) -> None:
    assert_accessible(page)
    assert_readable(page)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_visitor_changes_the_language_and_browses_on_in_it(portal, page, code):
    assert code in dict(settings.LANGUAGES), f"{code} is not switched on in settings.LANGUAGES"
    mayor = a_declaration_and_a_mayor(city_name="Emmen")  # a member city in the Netherlands
    City.objects.filter(name="Emmen").update(population=107_000)
    CityFactory(name="Bologna", country="IT", population=394_000)
    with translation.override(code):
        texts = ("Member cities", "Topics", "Change language", "Sign the ambassador declaration")
        words = {text: gettext(text) for text in texts}
        name = translation.get_language_info(code)["name_local"]
        population = intcomma(107_000)
        topic_name = topic().localized_name

    # In English, the visitor narrows the directory (htmx moves the page's address without reloading it)...
    page.goto(portal.url + "/cities/")
    page.get_by_label("Country").select_option("NL")
    page.wait_for_url("**/cities/?*country=NL*")
    expect(page.get_by_role("link", name="Bologna")).to_have_count(0)

    # ...then picks their language by its own name, and presses the button with the keyboard.
    chooser = page.get_by_label("Language")
    chooser.select_option(label=name[:1].upper() + name[1:])
    chooser.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Change language")).to_be_focused()
    page.keyboard.press("Enter")

    # The same page, filter kept, now in their language, which the following pages keep.
    page.wait_for_url("**/cities/?*country=NL*")
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.get_by_role("heading", level=1)).to_have_text(words["Member cities"])
    expect(page.get_by_role("link", name="Bologna")).to_have_count(0)
    expect(page.get_by_role("button", name=words["Change language"])).to_be_visible()
    check(page)

    page.get_by_role("link", name="Emmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emmen")
    expect(page.locator(".facts-list")).to_contain_text(population)
    check(page)

    page.get_by_role("navigation").first.get_by_role("link", name=words["Topics"]).click()
    page.get_by_role("link", name=topic_name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(topic_name)
    expect(page.locator("html")).to_have_attribute("lang", code)
    check(page)

    page.goto(portal.url + "/ambassadors/declaration/")
    expect(page.locator("html")).to_have_attribute("lang", code)
    check(page)

    # A mayor signs in the same language.
    signed_in_as(page, portal.url, mayor)
    page.goto(portal.url + "/ambassadors/declaration/sign/")
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.get_by_role("heading", level=1)).to_have_text(words["Sign the ambassador declaration"])
    check(page)

    # On a phone's width too, nothing is cut off.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(portal.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", code)
    check(page)


@pytest.mark.parametrize(("code", "words", "letter"), [("el", "Πόλεις-μέλη", "π"), ("bg", "Градове-членки", "д")])
def test_greek_and_cyrillic_letters_are_drawn_by_the_portals_own_font(portal, page, settings, tmp_path, code, words,
                                                                     letter):
    speak(settings, tmp_path, {code: {"Member cities": words}})
    page.goto(portal.url + f"/cities/?lang={code}")
    expect(page.get_by_role("heading", level=1)).to_have_text(words)
    check(page)
    loaded = page.evaluate(
        """(letter) => [...document.fonts].some((face) => face.status === 'loaded' && face.unicodeRange.split(',')
             .some((part) => { const [a, b] = part.trim().slice(2).split('-').map((x) => parseInt(x, 16));
                               const c = letter.codePointAt(0); return c >= a && c <= (b || a); }))""",
        letter,
    )
    assert loaded, f"no face of the portal's font for {letter!r} was loaded"
