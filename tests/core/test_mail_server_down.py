"""A mail server that does not answer never breaks a page: the request only writes the outbox."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from core.models import OutboxMail
from devdata.factories import OfficerFactory, UserFactory, topic
from tests.core.mail_servers import closed_port
from tests.worker import run_queued_tasks
from topics import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def smtp_refusing_connections(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2


def _waiting_for_a_retry(to: str) -> bool:
    row = OutboxMail.objects.get(to_email=to)
    return row.state == OutboxMail.State.QUEUED and row.attempts == 1 and "Connection" in row.last_error


def test_signing_up_succeeds_and_the_confirmation_waits_for_the_server(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "new@example.org", "password1": "a-long-new-secret-42", "password2": "a-long-new-secret-42"},
        )
    assert response.status_code == 302 and response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email="new@example.org").exists()
    run_queued_tasks()
    assert _waiting_for_a_retry("new@example.org") and mail.outbox == []


def test_a_reply_in_a_followed_thread_succeeds_and_its_mails_wait_for_the_server(
    client, django_capture_on_commit_callbacks
):
    author, replier, follower = OfficerFactory(), OfficerFactory(), UserFactory()
    thread = services.thread_start(topic(), author=author, title="Bus lanes", body="Who has them?")
    services.subscribe(follower, thread=thread)
    client.force_login(replier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("topics:reply", args=[thread.topic.slug, thread.pk]), {"body": "We do."})
    assert response.status_code == 302
    assert thread.posts.filter(body="We do.").exists()
    run_queued_tasks()
    assert _waiting_for_a_retry(follower.email) and _waiting_for_a_retry(author.email)
