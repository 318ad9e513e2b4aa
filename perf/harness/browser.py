"""A person's session with the portal over loopback HTTP, on httpx: cookies kept as a browser keeps them,
forms read with their CSRF token, login through the real login form. Redirects are not followed (the tools
check them), and a request that gets no answer (refused, reset, timed out) gives status 0 instead of raising,
since the drills provoke exactly that.
"""

import re
import time
from dataclasses import dataclass

import httpx

from perf.harness.processes import HOST

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int  # 0: no answer at all
    text: str
    location: str
    seconds: float


def _answer(send) -> Answer:
    started = time.monotonic()
    try:
        response = send()
    except httpx.TransportError as error:
        return Answer(0, f"{type(error).__name__}: {error}", "", time.monotonic() - started)
    return Answer(response.status_code, response.text, response.headers.get("Location", ""), time.monotonic() - started)


def fetch(url: str, *, timeout: float = 10.0, headers: dict | None = None) -> Answer:
    """One GET with no cookies at all, as a visitor's first request or a probe."""
    return _answer(lambda: httpx.get(url, timeout=timeout, headers=headers))


class Browser:
    """One person's cookies, sent to every server of the site (A and B share them, as behind a load balancer).
    `host` sets the Host header, to address several servers by one name as a load balancer would."""

    def __init__(self, host: str | None = None, timeout: float = 10.0):
        headers = {"User-Agent": "smc-perf/1"} | ({"Host": host} if host else {})
        hooks = {"response": [self._send_secure_cookies_over_http]}
        self.client = httpx.Client(headers=headers, timeout=timeout, follow_redirects=False, event_hooks=hooks)

    def _send_secure_cookies_over_http(self, response: httpx.Response) -> None:
        # Production cookies are Secure (`__Host-sessionid`), and a cookie jar sends those over https only; the
        # tools speak plain http to gunicorn on loopback, where TLS would be ended by the proxy in production.
        for cookie in self.client.cookies.jar:
            cookie.secure = False

    def close(self) -> None:
        self.client.close()

    def add_cookies(self, header: str) -> None:
        """Takes on a session given as a Cookie header (`name=value; name=value`), e.g. from `bench_pages`."""
        for pair in filter(None, (part.strip() for part in header.split(";"))):
            name, _, value = pair.partition("=")
            self.client.cookies.set(name, value, domain=HOST, path="/")

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.client.cookies.jar)

    def get(self, url: str, *, timeout: float | None = None) -> Answer:
        return _answer(lambda: self.client.get(url, **_timeout(timeout)))

    def post(self, url: str, data: dict, *, timeout: float | None = None) -> Answer:
        return _answer(lambda: self.client.post(url, data=data, **_timeout(timeout)))

    def form(self, url: str) -> tuple[Answer, str]:
        """The page at `url` and the CSRF token of its form; raises when there is no form."""
        page = self.get(url)
        match = TOKEN.search(page.text)
        if page.status != 200 or not match:
            raise RuntimeError(f"no form at {url} (status {page.status})")
        return page, match.group(1)

    def login(self, base: str, email: str, password: str) -> Answer:
        """Logs in through the login form of the server at `base`; a 302 says it worked."""
        _, token = self.form(f"{base}/accounts/login/")
        data = {"csrfmiddlewaretoken": token, "login": email, "password": password}
        return self.post(f"{base}/accounts/login/", data)


def _timeout(seconds: float | None) -> dict:
    return {} if seconds is None else {"timeout": seconds}
