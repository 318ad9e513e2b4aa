"""Every address of projects, calls and partner search that is about one object, for every kind of person: the
status each one gets (200, a redirect to log in, 403 with the reason, or 404 for what is not shown yet)."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse

from devdata.factories import CallFactory, CityFactory, PartnerRequestFactory, ProjectFactory, days, officer_of
from projects.models import CallStatus, Review
from tests.accounts.roles import ROLES, make

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, MISSING, NOT_POST = 200, "login", 403, 404, 405
PEOPLE = [*ROLES, "partner_officer"]


@pytest.fixture
def things():
    city = CityFactory(name="Partnerville")
    return {
        "city": city,
        "ended": ProjectFactory(slug="ended", start_date=days(-900), end_date=days(-10), partners=[(city, "partner")]),
        "proposed": ProjectFactory(slug="proposed", status=Review.PROPOSED, partners=[(city, "partner")]),
        "call": CallFactory(slug="open-call"),
        "proposed_call": CallFactory(slug="proposed-call", status=CallStatus.PROPOSED),
        "request": PartnerRequestFactory(city=city),
    }


# Columns follow PEOPLE: visitor, unverified, verified, officer (of another city), representative,
# staff without MFA, staff with MFA, officer of the partner (or posting) city.
GET_MATRIX = {
    ("projects:detail", "ended"): [OK, OK, OK, OK, OK, OK, OK, OK],
    ("projects:detail", "proposed"): [MISSING, MISSING, MISSING, MISSING, MISSING, OK, OK, OK],
    ("projects:edit", "ended"): [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
    ("projects:after-end-new", "ended"): [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
    ("projects:join", "ended"): [LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    ("projects:call", "open-call"): [OK, OK, OK, OK, OK, OK, OK, OK],
    ("projects:call", "proposed-call"): [MISSING, MISSING, MISSING, MISSING, MISSING, OK, OK, MISSING],
    ("projects:call-ics", "open-call"): [OK, OK, OK, OK, OK, OK, OK, OK],
    ("projects:partner-request", "request"): [LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK, OK, OK],
    ("projects:interest-new", "request"): [LOGIN, NOT_POST, NOT_POST, NOT_POST, NOT_POST, NOT_POST, NOT_POST, NOT_POST],
}
POST_MATRIX = {
    "projects:interest-new": [LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    "projects:partner-request-fill": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, OK],
}


def _argument(things, key):
    return things["request"].pk if key == "request" else key


def _outcome(response):
    if response.status_code == 302:
        path = urlparse(response.url).path
        return LOGIN if path == reverse("account_login") else ("redirect", path)
    return response.status_code


@pytest.mark.parametrize("role", PEOPLE)
def test_get(client, things, role):
    user = officer_of(things["city"]) if role == "partner_officer" else make(role)
    if role != "visitor":
        client.force_login(user)
    outcomes = {
        (name, key): _outcome(client.get(reverse(name, args=[_argument(things, key)]))) for name, key in GET_MATRIX
    }
    assert outcomes == {address: row[PEOPLE.index(role)] for address, row in GET_MATRIX.items()}


@pytest.mark.parametrize("role", PEOPLE)
@pytest.mark.parametrize("name", POST_MATRIX)
def test_post(client, things, role, name):
    user = officer_of(things["city"]) if role == "partner_officer" else make(role)
    if role != "visitor":
        client.force_login(user)
    data = {"city": user.affiliations.first().city_id if role in ("officer",) else "", "message": "Yes", "note": ""}
    outcome = _outcome(client.post(reverse(name, args=[things["request"].pk]), data))
    expected = POST_MATRIX[name][PEOPLE.index(role)]
    assert outcome == (("redirect", things["request"].get_absolute_url()) if expected == OK else expected)
