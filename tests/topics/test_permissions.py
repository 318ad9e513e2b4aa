"""Who may do what in the topic areas: visitor, unverified user, verified user, officer, staff."""

import pytest
from django.urls import reverse

from core.workflow import Refused
from devdata.factories import PostFactory, ThreadFactory, topic
from tests.topics.conftest import ROLES
from topics import moderation
from topics.models import Post, Report, Subscription, Thread

pytestmark = pytest.mark.django_db

MAY_POST = {"officer"}
MAY_FOLLOW_OR_REPORT = {"verified", "officer", "staff"}
SEES_MEMBERS_ONLY = {"officer", "staff"}


def _expected_refusal(role):
    return 302 if role == "visitor" else 403


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_only_verified_officers_may_open_the_new_thread_form(person, client_as):
    response = client_as(person).get(reverse("topics:thread-create", args=[topic().slug]))
    role = _role(person)
    assert response.status_code == (200 if role in MAY_POST else _expected_refusal(role))


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_only_verified_officers_may_start_a_thread(person, client_as):
    client_as(person).post(
        reverse("topics:thread-create", args=[topic().slug]),
        {"title": "Car-free Sundays", "body": "Who does it?"},
    )
    assert Thread.objects.filter(title="Car-free Sundays").exists() == (_role(person) in MAY_POST)


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_only_verified_officers_may_reply(person, client_as):
    thread = ThreadFactory()
    client_as(person).post(reverse("topics:reply", args=[thread.topic.slug, thread.pk]), {"body": "Me too."})
    assert Post.objects.filter(thread=thread, body="Me too.").exists() == (_role(person) in MAY_POST)


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_only_verified_officers_may_share_a_resource(person, client_as):
    client_as(person).post(
        reverse("topics:resource-create", args=[topic().slug]),
        {"kind": "link", "title": "Parking guide", "url": "https://example.org/parking"},
    )
    from topics.models import Resource

    assert Resource.objects.filter(title="Parking guide").exists() == (_role(person) in MAY_POST)


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_only_users_with_a_verified_email_may_follow_a_topic(person, client_as):
    client_as(person).post(reverse("topics:topic-follow", args=[topic().slug]), {"follow": "1"})
    followed = person.is_authenticated and Subscription.objects.filter(user=person, topic=topic()).exists()
    assert followed == (_role(person) in MAY_FOLLOW_OR_REPORT)


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_only_users_with_a_verified_email_may_report_a_post(person, client_as):
    post = ThreadFactory().posts.get()
    client_as(person).post(reverse("topics:post-report", args=[post.pk]), {"reason": "Advertising."})
    assert Report.objects.filter(post=post).exists() == (_role(person) in MAY_FOLLOW_OR_REPORT)


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_members_only_threads_are_seen_by_officers_and_staff_only(person, client_as):
    thread = ThreadFactory(members_only=True)
    response = client_as(person).get(thread.get_absolute_url())
    assert response.status_code == (200 if _role(person) in SEES_MEMBERS_ONLY else 404)
    assert Thread.objects.readable_by(person).filter(pk=thread.pk).exists() == (
        _role(person) in SEES_MEMBERS_ONLY
    )


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_hidden_threads_and_posts_are_seen_by_staff_only(person, client_as):
    thread = ThreadFactory(is_hidden=True)
    reply = PostFactory(is_hidden=True)
    assert client_as(person).get(thread.get_absolute_url()).status_code == (
        200 if _role(person) == "staff" else 404
    )
    assert Post.objects.readable_by(person).filter(pk=reply.pk).exists() == (_role(person) == "staff")


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_only_staff_may_moderate(person):
    post = PostFactory()
    if _role(person) == "staff":
        moderation.post_hide(post, by=person, note="Off topic.")
        post.refresh_from_db()
        assert post.is_hidden
    else:
        with pytest.raises(Refused):
            moderation.post_hide(post, by=person, note="Off topic.")
        with pytest.raises(Refused):
            moderation.thread_lock(post.thread, by=person, note="Closed.")


def test_an_officer_edits_their_own_post(officer, client_as):
    thread = ThreadFactory(author=officer)
    post = thread.posts.get()
    response = client_as(officer).post(
        reverse("topics:post-edit", args=[post.pk]), {"title": "A better title", "body": "Edited text."}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.body == "Edited text." and post.edited_at is not None
    assert thread.title == "A better title"
    page = client_as(officer).get(thread.get_absolute_url()).content.decode()
    assert "edited" in page


@pytest.mark.parametrize("who", ["other_officer", "staff", "verified_user"])
def test_nobody_else_may_edit_a_post(who, request, client_as):
    post = PostFactory()
    user = request.getfixturevalue(who)
    url = reverse("topics:post-edit", args=[post.pk])
    assert client_as(user).get(url).status_code == 403
    assert client_as(user).post(url, {"body": "Hijacked"}).status_code == 403
    post.refresh_from_db()
    assert post.body != "Hijacked"


def test_a_visitor_is_sent_to_log_in_to_edit(client):
    post = PostFactory()
    response = client.get(reverse("topics:post-edit", args=[post.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_officer_whose_affiliation_is_pending_cannot_post(pending_officer, client_as):
    response = client_as(pending_officer).get(reverse("topics:thread-create", args=[topic().slug]))
    assert response.status_code == 403
    assert "Only verified city officers" in response.content.decode()


def test_a_locked_thread_takes_no_reply(officer, client_as):
    thread = ThreadFactory(is_locked=True)
    response = client_as(officer).post(
        reverse("topics:reply", args=[thread.topic.slug, thread.pk]), {"body": "Hi"}
    )
    assert response.status_code == 400
    assert "locked" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_reply_to_a_members_only_thread_by_a_stranger_is_not_found(verified_user, client_as):
    thread = ThreadFactory(members_only=True)
    response = client_as(verified_user).post(
        reverse("topics:reply", args=[thread.topic.slug, thread.pk]), {"body": "Hi"}
    )
    assert response.status_code == 404


def _role(user) -> str:
    if not user.is_authenticated:
        return "visitor"
    if user.is_staff:
        return "staff"
    if not user.has_verified_email:
        return "unverified"
    return "officer" if user.affiliations.exists() else "verified"
