"""The workers deliver the outbox: each mail at most once, tried again with backoff, failed after the last try."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from core.delivery import INTERRUPTED, deliver_mails, mail_send_again, retry_delay, sweep
from core.mail import mail_batch, send_templated_mail
from core.models import ActionLog, OutboxMail
from devdata.factories import PendingAffiliationFactory, StaffFactory
from tests.core.mail_servers import WorkerKilled, closed_port
from tests.worker import queued_tasks, run_queued_tasks, wait_is_over

pytestmark = pytest.mark.django_db
State = OutboxMail.State
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def queue_mail(django_capture_on_commit_callbacks):
    def queue(to="reader@example.org", *, committed=True) -> OutboxMail:
        with django_capture_on_commit_callbacks(execute=committed):
            send_templated_mail(
                "accounts/emails/affiliation_verified", {"affiliation": PendingAffiliationFactory()}, [to]
            )
        return OutboxMail.objects.get(to_email=to)

    return queue


@pytest.fixture
def smtp_refusing_connections(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    return settings


def test_a_worker_sends_a_queued_mail_and_keeps_only_its_record(queue_mail):
    row = queue_mail()
    run_queued_tasks()
    [message] = mail.outbox
    row.refresh_from_db()
    assert row.state == State.SENT and row.sent_at and row.attempts == 1
    assert row.body == ""  # links in a sent mail may still work: the outbox does not keep them
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["Message-ID"].endswith("@smc-portal.localhost>")


def test_a_mail_delivered_by_two_tasks_is_sent_once(queue_mail):
    row = queue_mail()
    deliver_mails.enqueue([row.pk])
    assert len(queued_tasks(deliver_mails)) == 2
    run_queued_tasks()
    assert deliver_mails.call([row.pk]) == 0
    assert len(mail.outbox) == 1


def test_a_mail_server_refusing_connections_leaves_the_mail_queued_for_a_later_attempt(
    queue_mail, smtp_refusing_connections
):
    row = queue_mail()
    before = timezone.now()
    run_queued_tasks()
    row.refresh_from_db()
    assert row.state == State.QUEUED and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert before + datetime.timedelta(seconds=60) <= row.next_attempt_at <= timezone.now() + datetime.timedelta(
        seconds=60
    )
    [retry] = queued_tasks(deliver_mails)
    assert retry.run_after == row.next_attempt_at and retry.args_kwargs["args"] == [[row.pk]]
    assert run_queued_tasks() == 0  # not before its time

    smtp_refusing_connections.EMAIL_BACKEND = LOCMEM  # the server is back
    wait_is_over()
    run_queued_tasks()
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 2
    assert len(mail.outbox) == 1


def test_each_failed_attempt_waits_three_times_longer_up_to_six_hours(settings):
    settings.MAIL_RETRY_SECONDS = 60
    assert [retry_delay(n).total_seconds() for n in range(1, 8)] == [60, 180, 540, 1620, 4860, 14580, 21600]


def test_after_the_last_attempt_the_mail_is_failed(queue_mail, smtp_refusing_connections):
    smtp_refusing_connections.MAIL_MAX_ATTEMPTS = 3
    row = queue_mail()
    for _ in range(3):
        run_queued_tasks()
        wait_is_over()
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == 3 and row.next_attempt_at is None
    assert "ConnectionRefusedError" in row.last_error
    assert queued_tasks(deliver_mails) == []


def test_a_server_that_refuses_the_mail_for_good_fails_it_at_once(queue_mail, settings):
    settings.EMAIL_BACKEND = "tests.core.mail_servers.RefusingServer"
    row = queue_mail()
    run_queued_tasks()
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == 1
    assert "no such mailbox" in row.last_error


def test_a_mail_whose_worker_died_while_sending_is_never_sent_again_by_itself(
    queue_mail, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.core.mail_servers.ServerDuringWhichTheWorkerDies"
    row = queue_mail(committed=False)
    with pytest.raises(WorkerKilled):
        deliver_mails.call([row.pk])
    row.refresh_from_db()
    assert row.state == State.SENDING and row.attempts == 1  # claimed, and committed, before the server heard of it

    settings.EMAIL_BACKEND = LOCMEM
    assert deliver_mails.call([row.pk]) == 0  # the worker restarts, or the sweeper runs its task again
    later = timezone.now() + datetime.timedelta(minutes=31)
    assert sweep(later)["interrupted"] == 1
    run_queued_tasks()
    row.refresh_from_db()
    assert row.state == State.FAILED and row.last_error == INTERRUPTED
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        mail_send_again(row, by=StaffFactory())
    run_queued_tasks()
    assert len(mail.outbox) == 1


def test_the_sweeper_queues_again_a_mail_whose_task_was_lost(queue_mail, django_capture_on_commit_callbacks):
    row = queue_mail(committed=False)  # the process died between the commit and the queueing
    assert queued_tasks() == []
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep()["requeued"] == 0  # not yet: its task may just be slow to come
        OutboxMail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(minutes=11))
        assert sweep()["requeued"] == 1
    run_queued_tasks()
    row.refresh_from_db()
    assert row.state == State.SENT and len(mail.outbox) == 1


def test_the_sweeper_waits_longer_while_the_whole_queue_is_behind(queue_mail):
    row = queue_mail()
    now = timezone.now()
    OutboxMail.objects.filter(pk=row.pk).update(next_attempt_at=now - datetime.timedelta(minutes=12))
    [task] = queued_tasks()
    type(task).objects.filter(pk=task.pk).update(enqueued_at=now - datetime.timedelta(minutes=15))
    assert sweep(now)["requeued"] == 0
    assert len(queued_tasks()) == 1


def test_staff_send_a_failed_mail_again_with_fresh_attempts(queue_mail, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.core.mail_servers.RefusingServer"
    row = queue_mail()
    run_queued_tasks()
    settings.EMAIL_BACKEND = LOCMEM
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        mail_send_again(row, by=staff, note="The address was fixed.")
    row.refresh_from_db()
    assert row.state == State.QUEUED and row.attempts == 0
    entry = ActionLog.objects.get(action="core.mail.sent_again")
    assert entry.actor == staff
    assert entry.data == {"reason": "The address was fixed.", "from_state": "failed", "to_state": "queued"}
    run_queued_tasks()
    row.refresh_from_db()
    assert row.state == State.SENT and len(mail.outbox) == 1


def test_a_mail_that_was_sent_or_is_waiting_cannot_be_sent_again(queue_mail):
    waiting = queue_mail("waiting@example.org", committed=False)
    sent = queue_mail("sent@example.org")
    run_queued_tasks()
    for row in (waiting, sent):
        with pytest.raises(ValidationError):
            mail_send_again(row, by=StaffFactory())
    assert len(mail.outbox) == 1


def test_the_outbox_command_counts_mails_by_state_and_sweeps_at_once(queue_mail, settings):
    queue_mail("a@example.org")
    queue_mail("b@example.org", committed=False)
    run_queued_tasks()
    out = io.StringIO()
    call_command("outbox", "status", stdout=out)
    status = json.loads(out.getvalue())
    assert status["mails"] == {"queued": 1, "sending": 0, "sent": 1, "failed": 0}
    assert status["tasks"]["waiting"] == 0 and status["tasks"]["oldest_wait"] is None
    settings.MAIL_LOST_MINUTES = 0
    call_command("outbox", "sweep", stdout=(swept := io.StringIO()))
    assert json.loads(swept.getvalue())["requeued"] == 1


def test_a_batch_that_could_not_reach_the_server_is_tried_again_as_one_batch(
    smtp_refusing_connections, django_capture_on_commit_callbacks
):
    context = {"affiliation": PendingAffiliationFactory()}
    with django_capture_on_commit_callbacks(execute=True), mail_batch():
        for n in range(3):
            send_templated_mail("accounts/emails/affiliation_verified", context, [f"{n}@example.org"])
    assert len(queued_tasks(deliver_mails)) == 1
    run_queued_tasks()
    [retry] = queued_tasks(deliver_mails)
    assert sorted(retry.args_kwargs["args"][0]) == sorted(OutboxMail.objects.values_list("pk", flat=True))
    assert retry.run_after == max(OutboxMail.objects.values_list("next_attempt_at", flat=True))
