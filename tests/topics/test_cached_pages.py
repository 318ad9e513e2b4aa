"""Signed-in people share cached topic pages with those of the same rights, never with anyone else."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import affiliation_revoke
from core.cache import versions
from devdata.factories import OfficerFactory, StaffFactory, ThreadFactory, UserFactory, topic
from topics import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def threads(db):
    return {
        "open": ThreadFactory(title="Open thread on parking"),
        "members": ThreadFactory(title="Members-only budget figures", members_only=True),
        "hidden": ThreadFactory(title="Hidden spam thread", is_hidden=True),
    }


def topic_page(user, **client_options) -> str:
    client = Client(**client_options)
    if user is not None:
        client.force_login(user)
    return client.get(topic().get_absolute_url()).content.decode()


def shown(page: str) -> set[str]:
    return {title for title in ("Open", "Members-only", "Hidden") if title in page}


def test_each_audience_sees_only_its_own_threads_whoever_came_first(threads):
    staff, officer, verified = StaffFactory(), OfficerFactory(), UserFactory()
    for _ in range(2):  # the second round is served from the cache
        assert shown(topic_page(staff)) == {"Open", "Members-only", "Hidden"}
        assert shown(topic_page(officer)) == {"Open", "Members-only"}
        assert shown(topic_page(verified)) == {"Open"}
        assert shown(topic_page(None)) == {"Open"}


def test_an_officer_gets_the_page_another_officer_rendered_without_its_queries(threads):
    url = topic().get_absolute_url()
    topic_page(OfficerFactory())
    client = Client()
    client.force_login(OfficerFactory())
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert "Members-only budget figures" in page
    assert not [query for query in queries if "topics_thread" in query["sql"]]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # The session and the versions; the user (with what their rights are made of), what they follow and the
    # page are this process's own copies.
    assert len(queries) == 2


def test_what_someone_follows_is_theirs(threads, django_capture_on_commit_callbacks):
    follower, other = OfficerFactory(), OfficerFactory()
    topic_page(other)
    with django_capture_on_commit_callbacks(execute=True):
        services.subscribe(follower, topic=topic())
    assert "Stop following" in topic_page(follower)
    assert "Stop following" not in topic_page(other)


def test_a_page_from_the_cache_carries_the_readers_own_form_token(threads, django_capture_on_commit_callbacks):
    topic_page(OfficerFactory(), enforce_csrf_checks=True)
    reader = OfficerFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    page = client.get(topic().get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("topics:topic-follow", args=[topic().slug]), {"follow": "1", "csrfmiddlewaretoken": token}
        )
    assert response.status_code == 302
    assert "Stop following" in client.get(topic().get_absolute_url()).content.decode()


def test_losing_the_affiliation_hides_members_only_threads_at_once(threads, django_capture_on_commit_callbacks):
    officer = OfficerFactory()
    assert "Members-only" in topic_page(officer)
    with django_capture_on_commit_callbacks(execute=True):
        affiliation_revoke(officer.affiliations.get(), by=StaffFactory(), note="Left the city's service.")
    assert "Members-only" not in topic_page(officer)


def test_an_email_no_longer_verified_takes_the_follow_button_away_at_once(
    threads, django_capture_on_commit_callbacks
):
    person = UserFactory()
    assert "Follow “" in topic_page(person)
    with django_capture_on_commit_callbacks(execute=True):
        address = EmailAddress.objects.get(user=person)
        address.verified = False
        address.save()
    assert "Follow “" not in topic_page(person)


def test_logging_in_evicts_nothing(django_capture_on_commit_callbacks):
    person = UserFactory()
    before = versions.current(["directory", f"user:{person.pk}"])
    with django_capture_on_commit_callbacks(execute=True):
        user_logged_in.send(sender=type(person), request=None, user=person)
    assert versions.current(["directory", f"user:{person.pk}"]) == before


def test_one_officers_cached_thread_never_carries_anothers_links_or_token(django_capture_on_commit_callbacks):
    alice, bob = OfficerFactory(full_name="Alice Author"), OfficerFactory(full_name="Bob Builder")
    thread = ThreadFactory(author=alice, title="Bus lanes")
    bobs_reply = services.post_reply(thread, author=bob, body="Our experience")
    alice_client, bob_client = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice_client.force_login(alice)
    bob_client.force_login(bob)
    alices_page = alice_client.get(thread.get_absolute_url()).content.decode()  # rendered and stored
    bobs_page = bob_client.get(thread.get_absolute_url()).content.decode()  # the same copy, filled in for Bob
    first_post = thread.posts.get(is_first=True)
    edit = reverse("topics:post-edit", args=[first_post.pk])
    assert edit in alices_page and edit not in bobs_page
    assert reverse("topics:post-edit", args=[bobs_reply.pk]) in bobs_page
    assert reverse("topics:post-report", args=[first_post.pk]) in bobs_page
    assert reverse("topics:post-report", args=[first_post.pk]) not in alices_page
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert set(token.findall(alices_page)).isdisjoint(token.findall(bobs_page))
    assert "Stop following" in bobs_page and "Stop following" not in alices_page  # Bob follows it since he replied
    visitor_page = Client().get(thread.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in visitor_page and "/edit/" not in visitor_page and "/report/" not in visitor_page


def test_members_only_threads_never_reach_a_visitor_through_a_cached_page_feed_or_search(threads):
    officer = Client()
    officer.force_login(OfficerFactory())
    visitor = Client()
    for path in ("/topics/", topic().get_absolute_url(), "/topics/feed/", f"{topic().get_absolute_url()}feed/",
                 "/search/?q=budget"):
        assert officer.get(path).status_code == 200  # a member's copy is stored first
        assert "Members-only budget figures" not in visitor.get(path).content.decode(), path
