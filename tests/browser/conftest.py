"""Journeys in a real browser: Playwright driving Debian's chromium against the live portal."""

import functools
import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"

# Playwright's sync API keeps an event loop running in this thread for the whole session (teardowns
# included); the tests' own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"browser journeys skipped: no chromium at {CHROMIUM}")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def portal(live_server, seeded, page, settings, page_cache_on):
    """The live portal, its pages cached as in production (every journey also checks that a change shows at
    once), and a page that fails the test on any console error (a CSP violation, say).

    A journey that expects an error status (a form sent with mistakes answered 400, say) announces it first
    with portal.expect_status(400, "/reply/"); any other status >= 400 fails the test.
    """
    from django.core.cache import cache

    cache.clear()  # rate-limit counters and used TOTP codes from earlier tests live in the database cache
    settings.SITE_URL = live_server.url
    errors = []
    expected = []  # (status, part of the URL)

    def is_expected(status, url):
        return any(status == code and part in url for code, part in expected)

    def on_console(message):
        url = (message.location or {}).get("url", "")
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource") and any(part in url for _code, part in expected):
            return
        errors.append(message.text)

    def on_response(response):
        if response.status >= 400 and not is_expected(response.status, response.url):
            errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", on_response)
    page.set_default_timeout(10_000)
    live_server.expect_status = lambda status, url_part: expected.append((status, url_part))
    yield live_server
    del live_server.expect_status  # the live server lives for the whole session
    assert errors == [], f"browser console errors: {errors}"


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def assert_accessible(page) -> None:
    """axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on the page as it is now."""
    # evaluate() is the DevTools protocol, not a page script, so the strict CSP stays on for the page.
    page.evaluate(_axe_source())
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})" for v in result["violations"]
    ]
    assert violations == [], f"{page.url}: {violations}"
