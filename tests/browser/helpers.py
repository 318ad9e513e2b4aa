"""What several journeys do the same way: read mails, log people in, pass the staff's second factor."""

import re
import time
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from tests.worker import run_queued_tasks

PASSWORD = "correct horse battery staple"  # devdata.factories.UserFactory's password


def mails_to(address: str) -> list:
    """The mails to the address, once a worker has sent what the portal queued."""
    run_queued_tasks()
    return [message for message in mail.outbox if address in message.to]


def last_mail_to(address: str, subject_contains: str = ""):
    """The newest mail to the address (whose subject contains the text); fails clearly when there is none."""
    matching = [message for message in mails_to(address) if subject_contains in message.subject]
    assert matching, f"no mail to {address} about {subject_contains!r}; outbox: {[m.subject for m in mail.outbox]}"
    return matching[-1]


def link_in(message, path_contains: str = "") -> str:
    """The first http(s) link in the mail's plain-text body whose address contains the text."""
    links = [link for link in re.findall(r"https?://[^\s<>\"')]+", message.body) if path_contains in link]
    assert links, f"no link containing {path_contains!r} in the mail {message.subject!r}:\n{message.body}"
    return links[0]


def totp_code(secret: str) -> str:
    """The code an authenticator app would show now, computed by allauth's own TOTP functions."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    # Stay clear of the end of a period so the code is still current when the server checks it, even
    # after a keyboard-only journey has tabbed its way to the submit button on a busy machine.
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 12:
        time.sleep(left + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def log_in(page, email: str, password: str = PASSWORD) -> None:
    """Fill allauth's login page, which the page must be showing."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign In", exact=True).click()


def log_out(page) -> None:
    page.get_by_role("navigation", name="Account").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in")).to_be_visible()


def staff_logs_in_to_the_admin(page, base_url: str, staff, check_accessible=None) -> None:
    """Staff open /admin/, are sent to the login page, then asked for their authenticator's code.

    The staff user must have been made with devdata.factories.with_totp (the secret is in staff.totp_secret).
    """
    page.goto(base_url + "/admin/")
    log_in(page, staff.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    if check_accessible:
        check_accessible(page)
    page.get_by_label("Code").fill(totp_code(staff.totp_secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff workplace")


def run_admin_action(page, row_text: str, action_label: str, note: str = "", check_accessible=None) -> None:
    """On an admin change list, tick the row, choose the action, press Go, then confirm on the reason page."""
    row = page.get_by_role("row").filter(has_text=row_text)
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action_label)
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("This applies to:")).to_be_visible()
    if check_accessible:
        check_accessible(page)
    if note:
        page.get_by_role("textbox").fill(note)
    page.get_by_role("button", name=action_label).click()
    expect(page.locator(".messagelist")).to_contain_text("1 done")


def a_declaration_and_a_mayor(city_name: str = "Emmen", mayor_name: str = "Sophie Martin"):
    """The current declaration and a verified political representative of a member city; returns the mayor."""
    from devdata.factories import CityFactory, DeclarationFactory, RepresentativeFactory

    DeclarationFactory(version=1, title="Declaration of the SMC Ambassadors")
    return RepresentativeFactory(
        email="sophie.martin@emmen.example.org",
        full_name=mayor_name,
        affiliation__city=CityFactory(name=city_name, country="NL"),
    )


# Keyboard: what the focused element is, and whether a sighted keyboard user can see where the focus is.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {body: true, name: '(page)'};
  let name = el.getAttribute('aria-label') || '';
  if (!name && el.labels && el.labels.length) name = el.labels[0].innerText;
  if (!name) name = el.innerText || el.value || el.id || el.tagName;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return {
    body: false,
    tag: el.tagName.toLowerCase(),
    type: el.tagName === 'INPUT' ? el.type : '',
    name: name.replace(/\\s+/g, ' ').trim(),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
             && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineColor !== 'transparent',
    shadow: style.boxShadow !== 'none',
    box: [Math.round(rect.left), Math.round(rect.top + scrollY), Math.round(rect.width), Math.round(rect.height)],
    inViewport: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
                && rect.top < innerHeight && rect.left < innerWidth,
    onTop: !!hit && (hit === el || el.contains(hit) || hit.contains(el) || (hit.control === el)),
  };
}"""


# A date field's day, month, year and calendar button are Tab stops of their own in chromium: the field may be
# focused four times in a row without trapping anyone.
SEGMENTED_INPUTS = {"date": 4}


def _stuck(stops: list[dict], stop: dict) -> bool:
    """The focus did not move on: the same element again, more often than its own parts explain."""
    repeats = 0
    for earlier in reversed(stops):
        if earlier != stop:
            break
        repeats += 1
    return not stop["body"] and repeats >= SEGMENTED_INPUTS.get(stop.get("type", ""), 1)


def focused(page) -> dict:
    return page.evaluate(_FOCUSED)


def assert_focus_visible(stop: dict) -> None:
    """The focused element shows an outline or a shadow and is on screen, not under something else."""
    assert stop["outline"] or stop["shadow"], f"no visible focus indicator on {stop}"
    assert stop["inViewport"], f"the focused element is outside the viewport: {stop}"
    assert stop["onTop"], f"the focused element is hidden under another element: {stop}"


def tab_to(page, name: str, *, backwards: bool = False, max_stops: int = 80) -> dict:
    """Press Tab (or Shift+Tab) until the focused element's name starts with the text.

    Every stop on the way must show where the focus is; a page that never gets there (a focus trap, a
    control left out of the tab order) fails with the list of stops it went through.
    """
    stops = []
    for _ in range(max_stops):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stop = focused(page)
        if _stuck(stops, stop):
            raise AssertionError(f"the focus is stuck on {stop} (a focus trap)")
        stops.append(stop)
        if stop["body"]:
            continue
        assert_focus_visible(stop)
        if stop["name"].lower().startswith(name.lower()):
            return stop
    names = [stop["name"] for stop in stops]
    raise AssertionError(f"{name!r} not reached with the keyboard in {max_stops} stops: {names}")


def wait_for_the_fragment_focus(page) -> None:
    """Let the page finish loading; a page opened at #main is given its focus there by the browser.

    Chromium moves the focus to the address's fragment once the page has loaded, which can be after the
    heading is on screen. A key pressed before that lands somewhere else and the focus then jumps back.
    """
    page.wait_for_load_state("load")
    fragment = urlsplit(page.url).fragment
    if fragment and page.locator(f"#{fragment}[tabindex]").count():
        expect(page.locator(f"#{fragment}")).to_be_focused()


def skip_to_content(page, target: str = "main") -> None:
    """The first Tab stop of every page is the skip link; Enter moves the focus to the main content.

    The portal's main content is #main; the admin's is #content-start.
    """
    wait_for_the_fragment_focus(page)
    page.keyboard.press("Tab")
    stop = focused(page)
    assert stop["name"] == "Skip to main content", stop
    assert_focus_visible(stop)
    page.keyboard.press("Enter")
    expect(page.locator(f"#{target}")).to_be_focused()


def tab_through_the_page(page, max_stops: int = 200) -> list[str]:
    """Tab from the top of a freshly opened page to its end; every stop shows its focus. Returns their names."""
    stops = []
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["body"] or (stops and stop == stops[0]):
            return [stop["name"] for stop in stops]
        if _stuck(stops, stop):
            raise AssertionError(f"the focus is stuck on {stop} (a focus trap)")
        assert_focus_visible(stop)
        stops.append(stop)
    raise AssertionError(f"the page never ends after {max_stops} Tab stops: {[stop['name'] for stop in stops]}")
