import logging

import pytest

from core.log_redaction import RedactingFilter, redact
from devdata.factories import UserFactory


def test_emails_are_masked():
    assert redact("mail to anna.devries+smc@emmen.nl failed") == "mail to a***@emmen.nl failed"


def test_secrets_in_query_strings_and_emailed_links_are_removed():
    assert redact("GET /x/?token=abc123&page=2") == "GET /x/?token=[redacted]&page=2"
    assert redact("password=hunter2") == "password=[redacted]"
    assert (
        redact('"GET /accounts/confirm-email/MQ:1tq2:abc/ HTTP/1.1"')
        == '"GET /accounts/confirm-email/[redacted]/ HTTP/1.1"'
    )
    assert redact("/accounts/password/reset/key/1-abc/") == "/accounts/password/reset/key/[redacted]/"


def test_the_filter_rewrites_formatted_records():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "user %s logged in", ("bob@example.org",), None)
    RedactingFilter().filter(record)
    assert record.getMessage() == "user b***@example.org logged in"


@pytest.mark.django_db
def test_failed_and_successful_logins_are_logged_without_the_password_or_email(client, caplog):
    user = UserFactory(email="carla@example.org")
    with caplog.at_level(logging.INFO, logger="smcportal.security"):
        client.post("/accounts/login/", {"login": "carla@example.org", "password": "wrong-password-1"})
        client.post("/accounts/login/", {"login": "carla@example.org", "password": "correct horse battery staple"})
    messages = [record.getMessage() for record in caplog.records if record.name == "smcportal.security"]
    assert any(message.startswith("login_failed") for message in messages)
    assert any(message.startswith(f"login user_id={user.pk}") for message in messages)
    assert not any("carla" in message or "wrong-password" in message for message in messages)
