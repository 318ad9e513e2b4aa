"""What a request may come to, in the words the permission table uses."""

from dataclasses import dataclass
from urllib.parse import urlparse

from django.urls import Resolver404, resolve


@dataclass(frozen=True)
class Redirect:
    """A redirect to the page named TARGET (a URL name), or to TARGET itself when it is a path."""

    target: str
    status: int = 302

    def __str__(self):
        return f"{self.status}->{self.target}"


OK = 200
BAD_REQUEST = 400  # a link whose signed token does not check out
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405  # the address takes a POST only
LOGIN = Redirect("account_login")
REAUTHENTICATE = Redirect("account_reauthenticate")
ADMIN_LOGIN = Redirect("admin:login")
MFA_SETUP = Redirect("mfa_index")


def outcome_of(response) -> int | Redirect:
    """The response in the table's words: its status, or where it redirects to."""
    if response.status_code not in (301, 302):
        return response.status_code
    path = urlparse(response.url).path
    try:
        target = resolve(path).view_name
    except Resolver404:  # a static file, say
        target = path
    return Redirect(target, response.status_code)


def assert_outcome(response, expected) -> None:
    assert outcome_of(response) == expected
