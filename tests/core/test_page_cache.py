import gzip

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import City
from core import page_cache, scheduler
from core.mail import send_templated_mail
from tests.factories import CityFactory, UserFactory
from tests.worker import run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def get(client, path="/cities/"):
    return client.get(path).content.decode()


def test_a_visitor_gets_the_same_page_from_the_cache_without_queries(client, django_assert_max_num_queries):
    CityFactory(name="Emmen")
    first = get(client)
    with django_assert_max_num_queries(1):  # the database cache's own read of the version and the page
        assert get(client) == first


def test_a_stored_page_is_served_compressed_to_browsers_that_accept_it(client):
    CityFactory(name="Emmen")
    first = get(client)
    response = client.get("/cities/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content).decode() == first
    assert get(client) == first  # and plain to those that do not


def test_a_page_stored_under_an_older_version_is_never_served(client):
    CityFactory(name="Emmen")
    get(client)
    City.objects.update(name="Renamed without a signal")
    assert "Renamed without a signal" not in get(client)
    page_cache.invalidate()
    assert "Renamed without a signal" in get(client)


def test_a_change_shows_up_at_once(client, django_capture_on_commit_callbacks):
    city = CityFactory(name="Emmen")
    assert "Emmen" in get(client)
    with django_capture_on_commit_callbacks(execute=True):
        city.name = "Emmen-Centrum"
        city.save()
    assert "Emmen-Centrum" in get(client)
    with django_capture_on_commit_callbacks(execute=True):
        city.delete()
    assert "Emmen-Centrum" not in get(client)


def test_a_change_to_topics_of_interest_shows_up_at_once(client, django_capture_on_commit_callbacks):
    city = CityFactory(name="Emmen")
    assert "Projects" not in get(client, city.get_absolute_url())
    from topics.models import Topic

    with django_capture_on_commit_callbacks(execute=True):
        city.topics.add(Topic.objects.get(slug="projects"))
    assert "Projects" in get(client, city.get_absolute_url())


def test_each_language_and_query_has_its_own_page(client):
    CityFactory(name="Emmen", country="NL")
    CityFactory(name="Bologna", country="IT")
    assert "Bologna" not in get(client, "/cities/?country=NL")
    assert "Bologna" in get(client, "/cities/?country=IT")
    client.cookies["django_language"] = "fr"
    assert "Villes membres" in get(client)


def test_people_with_an_account_always_get_a_fresh_page(client):
    CityFactory(name="Emmen")
    get(client)
    City.objects.update(name="Renamed without a signal")
    client.force_login(UserFactory())
    assert "Renamed without a signal" in get(client)


def test_pages_that_set_cookies_are_never_cached(client):
    first = client.get("/join/")
    second = client.get("/join/")
    assert "csrftoken" in first.cookies or "csrftoken" in second.cookies


def test_a_signed_in_persons_row_is_read_from_the_cache_and_a_change_to_it_counts_at_once(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory()
    client.force_login(person)
    client.get("/privacy/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/privacy/")
    assert not [query for query in queries if "accounts_user" in query["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        person.is_active = False
        person.save()
    assert "Log out" not in get(client, "/privacy/")  # signed out at once


def test_a_new_password_ends_other_sessions_at_once(client, django_capture_on_commit_callbacks):
    person = UserFactory()
    client.force_login(person)
    assert "Log out" in get(client, "/privacy/")
    with django_capture_on_commit_callbacks(execute=True):
        person.set_password("a completely new passphrase")
        person.save()
    assert "Log out" not in get(client, "/privacy/")


def test_a_change_committed_by_another_process_shows_although_this_one_keeps_a_copy(client):
    CityFactory(name="Emmen")
    get(client)
    City.objects.update(name="Renamed by another process")
    assert "Renamed by another process" not in get(client)  # this process's copy
    cache.set(page_cache.VERSION_KEY, page_cache._version() + 1, None)  # what that process's commit does
    assert "Renamed by another process" in get(client)


def test_a_remembered_value_is_a_new_object_for_every_caller():
    first = page_cache.remembered("places", lambda: ["Emmen"])
    first.append("changed by one request")
    assert page_cache.remembered("places", lambda: ["never computed again"]) == ["Emmen"]


def test_a_request_reads_the_version_once_and_again_after_its_own_change():
    page_cache._request_started()
    try:
        first = page_cache._current_version()
        cache.set(page_cache.VERSION_KEY, first + 1, None)  # committed elsewhere after this request began
        assert page_cache._current_version() == first
        page_cache.invalidate()  # committed by this request
        assert page_cache._current_version() > first + 1
    finally:
        page_cache._request_finished()
    cache.set(page_cache.VERSION_KEY, 42, None)
    assert page_cache._current_version() == 42  # outside a request it is read every time


def test_local_copies_keep_the_most_recently_used_within_their_size():
    copies = page_cache.LocalCopies(max_bytes=10)
    copies.put("a", 1, "page a", 4)
    copies.put("b", 1, "page b", 4)
    assert copies.get("a", 1) == "page a"  # now the most recently used
    copies.put("c", 1, "page c", 4)
    assert copies.get("b", 1) is None
    assert copies.get("a", 1) == "page a"
    assert copies.get("a", 2) is None  # a copy of another version is never returned
    copies.put("huge", 1, "a page larger than the whole", 11)
    assert copies.get("huge", 1) is None
    assert copies.get("c", 1) == "page c"


def test_a_new_release_never_serves_what_an_older_one_rendered(client, monkeypatch):
    CityFactory(name="Emmen")
    get(client)
    City.objects.update(name="Renamed without a signal")
    monkeypatch.setattr(page_cache, "RELEASE", "the-next-release")
    assert "Renamed without a signal" in get(client)


def test_the_release_is_a_digest_of_the_portals_files(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text("<title>Portal</title>")
    settings.BASE_DIR = tmp_path
    first = page_cache._release()
    assert page_cache._release() == first
    (tmp_path / "templates" / "base.html").write_text("<title>Portal, changed</title>")
    assert page_cache._release() != first


def test_mail_going_through_the_outbox_and_the_scheduler_leaves_cached_pages_alone(
    client, settings, django_capture_on_commit_callbacks
):
    CityFactory(name="Emmen")
    get(client)
    version = page_cache._version()
    settings.EMAIL_BACKEND = "tests.core.mail_servers.RefusingServer"  # queued, tried, failed: every state
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail("cities/emails/application_rejected", {"application": None}, ["a@example.org"])
        scheduler.tick()
    run_queued_tasks()
    assert page_cache._version() == version
