"""allauth's mails leave through the outbox, in their reader's language, with links that work."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from core.models import OutboxMail
from devdata.factories import UserFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


def _path_in(message, start: str) -> str:
    return re.search(r"https?://[^/\s]+(" + re.escape(start) + r"\S*)", message.body).group(1)


def test_signing_up_in_german_records_it_and_the_confirmation_mail_is_german_with_a_working_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "neu@example.org", "password1": "a-long-new-secret-42", "password2": "a-long-new-secret-42"},
            HTTP_ACCEPT_LANGUAGE="de",
        )
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert (user.language, user.signup_language) == ("", "de")
    assert mail.outbox == []  # the request only queued it
    run_queued_tasks()
    [message] = mail.outbox
    assert OutboxMail.objects.get().language == "de" and OutboxMail.objects.get().user == user
    assert "E-Mail" in message.subject
    assert client.post(_path_in(message, "/accounts/confirm-email/")).status_code == 302
    assert EmailAddress.objects.get(email="neu@example.org").verified


def test_a_password_reset_is_mailed_in_the_account_s_language_not_the_page_s(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(language="fr", signup_language="de")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_ACCEPT_LANGUAGE="en")
    run_queued_tasks()
    [message] = mail.outbox
    assert OutboxMail.objects.get().language == "fr"
    assert "mot de passe" in message.body.lower()
    page = client.get(_path_in(message, "/accounts/password/reset/key/"), follow=True)
    assert page.status_code == 200 and 'name="password1"' in page.content.decode()


def test_a_new_address_of_an_account_is_written_to_in_the_account_s_language(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(language="it")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": "nuovo@example.org"})
    run_queued_tasks()
    row = OutboxMail.objects.get(to_email="nuovo@example.org")
    assert row.language == "it" and row.user == user
