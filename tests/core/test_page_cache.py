"""Whole pages cached per audience under the versions of what they show (core/cache)."""

import gzip

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cities.models import City
from core import scheduler
from core.cache import store, versions
from core.mail import send_templated_mail
from devdata.factories import CityFactory, OfficerFactory, StaffFactory, UserFactory
from tests.worker import run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def get(client, path="/cities/"):
    return client.get(path).content.decode()


def test_a_visitor_gets_the_same_page_from_the_cache_with_one_read_of_the_versions(
    client, django_assert_max_num_queries
):
    CityFactory(name="Emmen")
    first = get(client)
    with django_assert_max_num_queries(1):  # the database cache's read of the versions; the page is local
        assert get(client) == first


def test_a_stored_page_is_served_compressed_to_browsers_that_accept_it(client):
    CityFactory(name="Emmen")
    first = get(client)
    response = client.get("/cities/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content).decode() == first
    assert get(client) == first  # and plain to those that do not


def test_a_page_is_served_until_what_it_shows_moves_on(client, django_capture_on_commit_callbacks):
    CityFactory(name="Emmen")
    get(client)
    City.objects.update(name="Renamed without a signal")
    assert "Renamed without a signal" not in get(client)
    with django_capture_on_commit_callbacks(execute=True):
        versions.evict_everything()
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
    assert "Leading projects" not in get(client, city.get_absolute_url())
    from topics.models import Topic

    with django_capture_on_commit_callbacks(execute=True):
        city.topics.add(Topic.objects.get(slug="leading-projects"))
    assert "Leading projects" in get(client, city.get_absolute_url())


def test_each_language_and_query_has_its_own_page(client):
    CityFactory(name="Emmen", country="NL")
    CityFactory(name="Bologna", country="IT")
    assert "Bologna" not in get(client, "/cities/?country=NL")
    assert "Bologna" in get(client, "/cities/?country=IT")
    client.cookies["django_language"] = "fr"
    assert "Villes membres" in get(client)


def test_members_and_staff_each_share_a_copy_and_never_get_a_visitors(client):
    CityFactory(name="Emmen")
    visitor_page = get(client)
    member, staff = Client(), Client()
    member.force_login(UserFactory())
    staff.force_login(StaffFactory())
    assert "Log out" not in visitor_page
    assert "Log out" in get(member) and "Admin" not in get(member)
    assert "Admin" in get(staff)
    another_member = Client()
    another_member.force_login(OfficerFactory())
    City.objects.update(name="Renamed without a signal")
    assert "Renamed without a signal" not in get(another_member)  # the members' copy, rendered once


def test_pages_that_set_cookies_are_never_cached(client):
    first = client.get("/join/")
    second = client.get("/join/")
    assert "csrftoken" in first.cookies or "csrftoken" in second.cookies


def test_a_signed_in_persons_row_is_remembered_and_a_change_to_it_counts_at_once(
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
    cache.set(versions.PREFIX + "directory", versions.current(["directory"])[1] + 1, None)  # that commit's bump
    assert "Renamed by another process" in get(client)


def test_a_remembered_value_is_a_new_object_for_every_caller():
    first = store.remembered("places", lambda: ["Emmen"], depends=["directory"])
    first.append("changed by one request")
    assert store.remembered("places", lambda: ["never computed again"], depends=["directory"]) == ["Emmen"]


def test_a_remembered_value_is_computed_again_once_what_it_depends_on_moves_on(django_capture_on_commit_callbacks):
    assert store.remembered("places", lambda: ["Emmen"], depends=["directory"]) == ["Emmen"]
    with django_capture_on_commit_callbacks(execute=True):
        versions.bump("topics")
    assert store.remembered("places", lambda: ["not computed"], depends=["directory"]) == ["Emmen"]
    with django_capture_on_commit_callbacks(execute=True):
        versions.bump("directory")
    assert store.remembered("places", lambda: ["Bologna"], depends=["directory"]) == ["Bologna"]


def test_a_request_reads_the_versions_once_and_again_after_its_own_change(django_capture_on_commit_callbacks):
    versions._started()
    try:
        first = versions.current(["directory"])
        cache.set(versions.PREFIX + "directory", first[1] + 1, None)  # committed elsewhere after this began
        assert versions.current(["directory"]) == first
        with django_capture_on_commit_callbacks(execute=True):
            versions.bump("directory")  # committed by this request
        assert versions.current(["directory"])[1] > first[1] + 1
    finally:
        versions._finished()
    cache.set(versions.PREFIX + "directory", 42, None)
    assert versions.current(["directory"])[1] == 42  # outside a request they are read every time


def test_local_copies_keep_the_most_recently_used_within_their_size():
    copies = store.LocalCopies(max_bytes=10)
    copies.put("a", "page a", 4)
    copies.put("b", "page b", 4)
    assert copies.get("a") == "page a"  # now the most recently used
    copies.put("c", "page c", 4)
    assert copies.get("b") is None
    assert copies.get("a") == "page a"
    copies.put("huge", "a page larger than the whole", 11)
    assert copies.get("huge") is None
    assert copies.get("c") == "page c"


def test_a_new_release_never_serves_what_an_older_one_stored(client, monkeypatch):
    CityFactory(name="Emmen")
    get(client)
    City.objects.update(name="Renamed without a signal")
    monkeypatch.setattr(store, "RELEASE", "the-next-release")
    assert "Renamed without a signal" in get(client)


def test_the_release_is_the_deploys_identifier(monkeypatch):
    monkeypatch.setenv("RELEASE_ID", "2026.12.3-1")
    assert store._release() == "2026.12.3-1"
    monkeypatch.delenv("RELEASE_ID")
    assert store._release()  # the git commit here, or the package's version


def test_mail_going_through_the_outbox_and_the_scheduler_leaves_cached_pages_alone(
    client, settings, django_capture_on_commit_callbacks
):
    CityFactory(name="Emmen")
    get(client)
    before = versions.current(["directory", "topics", "people"])
    settings.EMAIL_BACKEND = "tests.core.mail_servers.RefusingServer"  # queued, tried, failed: every state
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail("cities/emails/application_rejected", {"application": None}, ["a@example.org"])
        scheduler.tick()
    run_queued_tasks()
    assert versions.current(["directory", "topics", "people"]) == before
