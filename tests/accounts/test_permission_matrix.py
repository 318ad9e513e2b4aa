"""Every view of this branch, for every kind of person: the status or redirect each one gets."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse

from accounts.models import Affiliation
from tests.accounts.roles import ROLES, make
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db

OK = 200
LOGIN = ("redirect", "account_login")
REAUTHENTICATE = ("redirect", "account_reauthenticate")
ADMIN_LOGIN = ("redirect", "admin:login")
MFA_SETUP = ("redirect", "mfa_index")
FORBIDDEN = 403
PROFILE = ("redirect", "accounts:profile")

# Columns follow ROLES: visitor, unverified, verified, officer, representative,
# staff without MFA, staff with MFA.
GET_MATRIX = {
    "home": [OK, OK, OK, OK, OK, OK, OK],
    "cities:directory": [OK, OK, OK, OK, OK, OK, OK],
    "accounts:profile": [LOGIN, OK, OK, OK, OK, OK, OK],
    "accounts:affiliation-request": [LOGIN, FORBIDDEN, OK, OK, OK, OK, OK],
    "accounts:data-export": [LOGIN, OK, OK, OK, OK, OK, OK],
    # Deleting asks for the password again first; staff accounts are closed in the admin instead.
    "accounts:delete": [
        LOGIN,
        REAUTHENTICATE,
        REAUTHENTICATE,
        REAUTHENTICATE,
        REAUTHENTICATE,
        FORBIDDEN,
        FORBIDDEN,
    ],
    "admin:index": [ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, MFA_SETUP, OK],
}

CASES = [
    pytest.param(url_name, role, expected, id=f"{url_name}-{role}")
    for url_name, row in GET_MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


def _assert_outcome(response, expected):
    if isinstance(expected, tuple):
        _, target = expected
        assert response.status_code == 302, response.status_code
        assert urlparse(response.url).path == reverse(target)
    else:
        assert response.status_code == expected


def _client_for(client, role):
    user = make(role)
    if role != "visitor":
        client.force_login(user)
    return user


@pytest.mark.parametrize(("url_name", "role", "expected"), CASES)
def test_get(client, url_name, role, expected):
    _client_for(client, role)
    _assert_outcome(client.get(reverse(url_name)), expected)


POST_REQUEST = [LOGIN, FORBIDDEN, PROFILE, PROFILE, PROFILE, PROFILE, PROFILE]


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, POST_REQUEST, strict=True)), ids=ROLES)
def test_post_affiliation_request(client, role, expected):
    _client_for(client, role)
    city = CityFactory()
    response = client.post(
        reverse("accounts:affiliation-request"),
        {"full_name": "A Person", "city": city.pk, "role": "officer", "job_title": "Officer"},
    )
    _assert_outcome(response, expected)
    assert Affiliation.objects.filter(city=city).exists() == (expected == PROFILE)


POST_DELETE = [LOGIN, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, FORBIDDEN, FORBIDDEN]


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, POST_DELETE, strict=True)), ids=ROLES)
def test_post_account_delete_without_recent_reauthentication(client, role, expected):
    user = _client_for(client, role)
    _assert_outcome(client.post(reverse("accounts:delete"), {"confirm": "on"}), expected)
    if role != "visitor":
        user.refresh_from_db()  # still there


# Pages about one object. The plan page is City A's, the officer's own city; the document is sent with an
# application and is for the staff's workplace only.
OBJECT_GET_MATRIX = {
    "cities:plan": [LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK, OK],
    "cities:application-document": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
}
OBJECT_CASES = [
    pytest.param(url_name, role, expected, id=f"{url_name}-{role}")
    for url_name, row in OBJECT_GET_MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


def _object_url(url_name: str) -> str:
    from cities.models import City
    from tests.cities.factories import pdf_upload
    from tests.factories import ApplicationFactory

    if url_name == "cities:plan":
        city = City.objects.filter(name="City A").first() or CityFactory(name="City A")
        return reverse(url_name, args=[city.slug])
    application = ApplicationFactory(decision_document=pdf_upload(), decision_document_type="application/pdf")
    return reverse(url_name, args=[application.pk])


@pytest.mark.parametrize(("url_name", "role", "expected"), OBJECT_CASES)
def test_get_a_page_about_one_object(client, settings, tmp_path, url_name, role, expected):
    settings.MEDIA_ROOT = tmp_path
    _client_for(client, role)
    _assert_outcome(client.get(_object_url(url_name)), expected)


SAVED = "saved: back to the city's profile"
POST_PLAN = [LOGIN, FORBIDDEN, FORBIDDEN, SAVED, FORBIDDEN, SAVED, SAVED]


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, POST_PLAN, strict=True)), ids=ROLES)
def test_post_the_plan_of_city_a(client, role, expected):
    from cities.models import City

    _client_for(client, role)
    url = _object_url("cities:plan")
    response = client.post(url, {"sump_status": "in_preparation"})
    city = City.objects.get(name="City A")
    if expected == SAVED:
        assert response.status_code == 302 and response.url == city.get_absolute_url()
    else:
        _assert_outcome(response, expected)
    assert (city.sump_status == City.Sump.IN_PREPARATION) == (expected == SAVED)
