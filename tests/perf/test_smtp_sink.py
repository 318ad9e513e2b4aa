"""The mail drills' SMTP server keeps what arrives, comes back on its port after an outage and can hold its
answer to a mail; the portal's workers deliver to it under the Message-ID the drills expect of a key."""

import smtplib
import threading
from email.message import EmailMessage

import pytest

from core.mail import send_templated_mail
from core.models import OutboxMail
from devdata.factories import PendingAffiliationFactory
from perf.harness.mail_cast import followers_mails, message_id_local_part
from perf.harness.smtp_sink import SmtpSink
from tests.worker import run_queued_tasks


@pytest.fixture
def sink():
    server = SmtpSink()
    server.start()
    yield server
    server.stop()


def _send(sink: SmtpSink, number: int, to: str = "Reader@Example.org") -> None:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = f"mail {number}", "portal@example.org", to
    message["Message-ID"] = f"<m{number}@example.org>"
    message.set_content("Hello.")
    with smtplib.SMTP("127.0.0.1", sink.port, timeout=5) as connection:
        connection.send_message(message)


def test_the_sink_counts_what_arrives_by_message_id_and_recipient(sink):
    _send(sink, 1)
    _send(sink, 1)
    _send(sink, 2, to="other@example.org")
    assert sink.by_message_id() == {"<m1@example.org>": 2, "<m2@example.org>": 1}
    assert sink.by_recipient() == {"reader@example.org": 2, "other@example.org": 1}


def test_a_stopped_sink_refuses_connections_and_comes_back_on_the_same_port(sink):
    port = sink.port
    sink.stop()
    with pytest.raises(ConnectionRefusedError):
        _send(sink, 1)
    sink.start()
    _send(sink, 2)
    assert sink.port == port and [message.subject for message in sink.messages] == ["mail 2"]


def test_a_held_answer_keeps_the_sender_waiting_until_released(sink):
    _send(sink, 1)
    sink.hold(at=1)
    sender = threading.Thread(target=_send, args=(sink, 2))
    sender.start()
    assert sink.holding.wait(5)
    assert sink.count() == 2 and sender.is_alive()  # the server has the mail; its sender has no answer yet
    sink.release()
    sender.join(5)
    assert not sender.is_alive()


@pytest.mark.django_db
def test_the_portal_delivers_to_the_sink_under_the_message_id_of_its_key(
    sink, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = sink.settings()["EMAIL_BACKEND"]
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", sink.port, False
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            "accounts/emails/affiliation_verified", {"affiliation": PendingAffiliationFactory()}, ["reader@example.org"]
        )
    run_queued_tasks()
    row = OutboxMail.objects.get(to_email="reader@example.org")
    [message] = sink.messages
    assert row.state == OutboxMail.State.SENT
    assert message.message_id.strip("<>").partition("@")[0] == message_id_local_part(row.key)
    assert message.recipients == ("reader@example.org",)


def test_a_reply_is_expected_to_reach_each_follower_of_its_thread_but_its_author():
    cast = {"threads": [{"id": 7, "followers": ["a@x.org", "b@x.org"]}, {"id": 8, "followers": ["b@x.org"]}]}
    posts = [{"id": 70, "thread": 7, "author": "a@x.org"}, {"id": 80, "thread": 8, "author": "a@x.org"}]
    assert followers_mails(cast, posts) == {"topics.reply.70:b@x.org": "b@x.org", "topics.reply.80:b@x.org": "b@x.org"}
