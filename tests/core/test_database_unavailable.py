"""While the database is unreachable, pages answer a quick 503 with Retry-After, never a 500."""

from unittest import mock

import pytest
from django.core.handlers.exception import convert_exception_to_response
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.middleware import DatabaseUnavailableMiddleware


def _middleware():
    return DatabaseUnavailableMiddleware(lambda request: HttpResponse("ok"))


@pytest.mark.parametrize(
    "error",
    [OperationalError("connection refused"), InterfaceError("connection already closed")],
    ids=["operational", "interface"],
)
def test_a_connection_error_becomes_a_503_page_with_retry_after(error):
    response = _middleware().process_exception(RequestFactory().get("/cities/"), error)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    assert "briefly unavailable" in response.content.decode()


def test_other_errors_are_left_alone():
    request = RequestFactory().get("/")
    assert _middleware().process_exception(request, IntegrityError("duplicate key")) is None
    assert _middleware().process_exception(request, ValueError("a bug")) is None


def test_the_middleware_is_installed_near_the_top(settings):
    path = "core.middleware.DatabaseUnavailableMiddleware"
    assert path in settings.MIDDLEWARE
    assert settings.MIDDLEWARE.index(path) < settings.MIDDLEWARE.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


@pytest.mark.django_db
def test_a_page_whose_database_is_down_answers_503_through_the_whole_stack(client):
    with mock.patch("portal.views.SiteContact.current", side_effect=OperationalError("server closed")):
        response = client.get(reverse("home"))
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.headers.get("Permissions-Policy")
    assert "briefly unavailable" in response.content.decode()


@pytest.mark.django_db
def test_a_programming_error_is_still_a_500(client):
    client.raise_request_exception = False
    with mock.patch("portal.views.SiteContact.current", side_effect=IntegrityError("a bug")):
        response = client.get(reverse("home"))
    assert response.status_code == 500


def test_a_connection_error_raised_by_another_middleware_also_becomes_a_503(settings):
    settings.DEBUG = False

    def session_load_fails(request):
        raise OperationalError("could not connect to server")

    middleware = DatabaseUnavailableMiddleware(convert_exception_to_response(session_load_fails))
    response = middleware(RequestFactory().get("/profile/"))
    assert response.status_code == 503
    assert response["Retry-After"]


def test_a_bug_raised_by_another_middleware_is_still_a_500(settings):
    settings.DEBUG = False

    def buggy(request):
        raise IntegrityError("a bug")

    middleware = DatabaseUnavailableMiddleware(convert_exception_to_response(buggy))
    assert middleware(RequestFactory().get("/")).status_code == 500
