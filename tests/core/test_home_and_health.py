from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse

from cities.models import City
from core.models import SiteContact
from devdata.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_tells_what_the_platform_is_and_lists_the_eight_topics(client):
    CityFactory(name="Emmen", platform_role=City.PlatformRole.CHAIR)
    html = client.get("/").content.decode()
    assert "living laboratories for transport innovation" in html
    assert html.count('class="card"') == 8
    assert "Controlling and reducing car use" in html
    assert "Ambassadors Initiative" in html
    assert reverse("cities:join") in html
    assert "chaired by" in html and "Emmen" in html
    assert html.count("<h1") == 1


def test_the_contact_block_is_what_staff_set(client):
    SiteContact.objects.create(name="Isobel Duxfield", email="isobel@example.org", address="Rue du Trône 98")
    html = client.get("/").content.decode()
    assert "Isobel Duxfield" in html and "mailto:isobel@example.org" in html and "Rue du Trône 98" in html


def test_every_page_has_the_accessible_frame(client):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert 'role="search"' in html
    assert 'for="site-search-q"' in html and 'class="language-chooser"' in html


def test_no_page_loads_anything_from_another_host(client):
    html = client.get("/").content.decode()
    assert 'src="http' not in html and 'href="//' not in html
    assert "<script>" not in html and " style=" not in html


def test_the_strict_content_security_policy_is_sent(client):
    policy = client.get("/")["Content-Security-Policy"]
    for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]:
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_the_privacy_page_says_what_is_stored(client):
    html = client.get(reverse("portal:privacy")).content.decode()
    assert "What we store, why, and for how long" in html


def test_pages_are_sent_compressed_to_browsers_that_accept_it(client):
    CityFactory.create_batch(30)
    response = client.get("/cities/", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_robots_keep_out_of_accounts_and_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()
