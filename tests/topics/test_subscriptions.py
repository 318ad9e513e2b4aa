"""Following topics and threads: mail per event or a daily digest, always with a one-click unsubscribe."""

import io
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse

from devdata.factories import OfficerFactory, ThreadFactory, UserFactory, topic
from tests.worker import run_queued_tasks
from topics import services
from topics.models import MailPreference, Subscription
from topics.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db


def _unsubscribe_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/topics/unsubscribe/[^\s]+/)", message.body).group(1)


def test_topic_followers_get_a_mail_for_a_new_thread_but_not_its_author(
    officer, verified_user, django_capture_on_commit_callbacks
):
    services.subscribe(verified_user, topic=topic())
    services.subscribe(officer, topic=topic())
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [[verified_user.email]]
    message = mail.outbox[0]
    assert "Bus lanes" in message.subject
    assert thread.get_absolute_url() in message.body
    assert "/topics/unsubscribe/" in message.body


def test_thread_followers_get_a_mail_for_each_reply_and_the_author_follows_their_thread(
    officer, other_officer, verified_user, django_capture_on_commit_callbacks
):
    thread = services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")
    services.subscribe(verified_user, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(thread, author=other_officer, body="We do.")
    run_queued_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([officer.email, verified_user.email])
    assert all("We do." not in m.subject for m in mail.outbox)


def test_members_only_threads_are_mailed_only_to_those_who_may_read_them(
    officer, verified_user, django_capture_on_commit_callbacks
):
    reader = OfficerFactory()
    for user in (verified_user, reader):
        services.subscribe(user, topic=topic())
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_start(
            topic(), author=officer, title="Internal", body="Members only.", members_only=True
        )
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [[reader.email]]


def test_nothing_is_mailed_when_the_transaction_does_not_commit(
    officer, verified_user, django_capture_on_commit_callbacks
):
    services.subscribe(verified_user, topic=topic())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")
    assert callbacks and run_queued_tasks() == 0 and mail.outbox == []


def test_a_follower_who_chose_the_digest_gets_no_single_mail(
    officer, verified_user, django_capture_on_commit_callbacks
):
    services.subscribe(verified_user, topic=topic())
    services.mail_preference_set(verified_user, delivery=MailPreference.Delivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")
    run_queued_tasks()
    assert mail.outbox == []


def test_the_daily_digest_sends_what_happened_since_the_last_one(
    officer, other_officer, verified_user, django_capture_on_commit_callbacks
):
    services.subscribe(verified_user, topic=topic())
    services.mail_preference_set(verified_user, delivery=MailPreference.Delivery.DAILY)
    thread = services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")
    services.subscribe(verified_user, thread=thread)
    services.post_reply(thread, author=other_officer, body="We do.")
    hidden = services.thread_start(topic(), author=officer, title="Secret plan", body="x", members_only=True)
    assert hidden.members_only

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=io.StringIO())
    run_queued_tasks()
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [verified_user.email]
    assert "Bus lanes" in digest.body and "Secret plan" not in digest.body
    assert "/topics/unsubscribe/" in digest.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=io.StringIO())
    run_queued_tasks()
    assert mail.outbox == []


def test_the_one_click_unsubscribe_link_works_without_logging_in(
    officer, verified_user, client, django_capture_on_commit_callbacks
):
    services.subscribe(verified_user, topic=topic())
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")
    run_queued_tasks()
    path = _unsubscribe_path(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200 and topic().name in page.content.decode()
    assert Subscription.objects.filter(user=verified_user, topic=topic()).exists()  # a GET changes nothing
    done = client.post(path)
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()
    assert not Subscription.objects.filter(user=verified_user, topic=topic()).exists()
    assert client.post(path).status_code == 200  # twice is harmless


def test_the_digest_link_unsubscribes_from_everything(verified_user, client):
    services.subscribe(verified_user, topic=topic())
    services.subscribe(verified_user, thread=ThreadFactory())
    other = UserFactory()
    services.subscribe(other, topic=topic())
    client.post(reverse("topics:unsubscribe", args=[unsubscribe_token(verified_user)]))
    assert not Subscription.objects.filter(user=verified_user).exists()
    assert Subscription.objects.filter(user=other).exists()


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "eyJ1IjoxLCJzIjpudWxsfQ:1tampered:signature",
        signing.dumps({"u": 1, "s": None}, salt="another.salt"),
        signing.dumps(["not", "a", "dict"], salt="topics.unsubscribe"),
    ],
)
def test_a_tampered_unsubscribe_link_shows_a_clear_error_and_changes_nothing(token, verified_user, client):
    services.subscribe(verified_user, topic=topic())
    for method in (client.get, client.post):
        response = method(reverse("topics:unsubscribe", args=[token]))
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert Subscription.objects.filter(user=verified_user).exists()


def test_a_token_for_one_user_cannot_be_edited_to_another(verified_user, client):
    victim = UserFactory()
    services.subscribe(victim, topic=topic())
    token = unsubscribe_token(verified_user)
    payload, rest = token.split(":", 1)
    forged = signing.b64_encode(f'{{"u":{victim.pk},"s":null}}'.encode()).decode() + ":" + rest
    assert client.post(reverse("topics:unsubscribe", args=[forged])).status_code == 400
    assert Subscription.objects.filter(user=victim).exists()


def test_following_and_unfollowing_from_the_topic_page(verified_user, client_as):
    client = client_as(verified_user)
    url = reverse("topics:topic-follow", args=[topic().slug])
    assert client.get(url).status_code == 405
    client.post(url, {"follow": "1"})
    client.post(url, {"follow": "1"})
    assert Subscription.objects.filter(user=verified_user, topic=topic()).count() == 1
    page = client.get(topic().get_absolute_url()).content.decode()
    assert "Stop following" in page
    client.post(url, {"follow": "0"})
    assert not Subscription.objects.filter(user=verified_user).exists()


def test_the_follow_button_answers_htmx_with_the_button_alone(verified_user, client_as):
    response = client_as(verified_user).post(
        reverse("topics:topic-follow", args=[topic().slug]), {"follow": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert (
        response.content.decode().lstrip().startswith("<form")
        and "Stop following" in response.content.decode()
    )


def test_the_mail_preference_is_chosen_on_the_following_page(verified_user, client_as):
    client = client_as(verified_user)
    client.post(reverse("topics:subscriptions"), {"delivery": "daily"})
    assert MailPreference.objects.get(user=verified_user).delivery == "daily"
    response = client.post(reverse("topics:subscriptions"), {"delivery": "hourly"})
    assert response.status_code == 200 and response.context["form"].errors
