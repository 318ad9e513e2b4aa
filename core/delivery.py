"""The outbox's delivery, by the workers: each mail sent at most once, tried again with backoff, failed at last.

    queued ──claim──▶ sending ──▶ sent
      ▲                  │ the server refused the mail or could not be reached
      └── after 1, 3, 9… minutes (MAIL_RETRY_SECONDS, tripled each time, at most 6 hours)
                         └──▶ failed, after MAIL_MAX_ATTEMPTS, or at once when the server refuses it for good

A mail is claimed ("sending", one more attempt) in a transaction of its own that commits before the mail
server is contacted. A worker that dies while sending leaves the mail "sending", and nothing sends it again
by itself, since it may have left: the sweeper marks it failed after MAIL_INTERRUPTED_MINUTES, and staff may
then send it again from the admin (mail_send_again). Its Message-ID comes from its idempotency key, so a mail that did
leave and is sent again is the same message to the receiving servers.

The sweeper, a periodic job, also queues again the mails whose delivery task was lost (their process died
between commit and queueing, or a worker died before reaching them), and runs again the rerunnable tasks
whose worker died (core.taskqueue).
"""

import contextlib
import datetime
import hashlib
import smtplib
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import OutboxMail
from core.taskqueue import BULK, enqueue_on_commit, queue_status, rerun_lost_tasks, rerunnable_task
from core.workflow import require, transition

State = OutboxMail.State
MAX_RETRY_DELAY = datetime.timedelta(hours=6)
INTERRUPTED = (
    "The worker stopped while sending this mail: it may or may not have left, so it is not sent again "
    "automatically. Send it again if the recipient did not get it."
)


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long a mail waits after its n-th failed attempt."""
    return min(datetime.timedelta(seconds=settings.MAIL_RETRY_SECONDS * 3 ** (attempts - 1)), MAX_RETRY_DELAY)


def queue_delivery(mail_ids: list[int], *, priority: int = 0, run_after: datetime.datetime | None = None) -> None:
    """One delivery task per MAIL_BATCH_SIZE mails, queued when the surrounding transaction commits."""
    size = settings.MAIL_BATCH_SIZE
    deliver = deliver_mails.using(priority=priority, run_after=run_after)
    for start in range(0, len(mail_ids), size):
        enqueue_on_commit(deliver, mail_ids[start : start + size])


class _Link:
    """One SMTP connection for a batch, opened when first needed. Once it could not be opened, the rest of the
    batch waits for its next attempt instead of knocking again (a server that hangs costs one timeout)."""

    def __init__(self):
        self.connection = None
        self.outage: Exception | None = None

    def open(self):
        if self.outage is not None:
            raise self.outage
        if self.connection is None:
            connection = get_connection(fail_silently=False)
            try:
                connection.open()
            except Exception as error:
                self.outage = error
                raise
            self.connection = connection
        return self.connection

    def drop(self) -> None:
        if self.connection is not None:
            # A connection that broke cannot be closed politely.
            with contextlib.suppress(Exception):
                self.connection.close()
        self.connection = None


@rerunnable_task()
def deliver_mails(mail_ids: list[int]) -> int:
    """Send those of the mails that are due, over one connection; returns how many left."""
    link = _Link()
    retries: list[tuple[datetime.datetime, int]] = []
    sent = 0
    try:
        for mail in list(OutboxMail.objects.due().filter(pk__in=mail_ids).order_by("pk")):
            outcome = _deliver(mail, link)
            if outcome is True:
                sent += 1
            elif isinstance(outcome, datetime.datetime):
                retries.append((outcome, mail.pk))
    finally:
        link.drop()
    if retries:
        # One task for them all, when the last of them is due (they failed within moments of each other).
        queue_delivery([mail_id for _, mail_id in retries], run_after=max(when for when, _ in retries))
    return sent


def _deliver(mail: OutboxMail, link: _Link) -> bool | datetime.datetime | None:
    """True when sent; the time of the next attempt when it failed; None when there is nothing more to do."""
    try:
        connection = link.open()
    except Exception as error:
        return _attempt_failed(mail.pk, error, claimed=False)
    if not _claim(mail):
        return None  # another worker has it, or had it
    try:
        connection.send_messages([_message(mail, connection)])
    except Exception as error:
        link.drop()
        return _attempt_failed(mail.pk, error, claimed=True)
    # The mail has left: if this write fails, the mail stays "sending" and is not sent again. Its text goes:
    # links in it may still work (a password reset), and the row is kept only as a record.
    OutboxMail.objects.filter(pk=mail.pk, state__in=[State.SENDING, State.FAILED]).update(
        state=State.SENT, sent_at=timezone.now(), next_attempt_at=None, body="", html_body=""
    )
    return True


def _claim(mail: OutboxMail) -> bool:
    # durable: this commits before the mail server hears of the mail, whoever calls it.
    with transaction.atomic(durable=True):
        claimed = (
            OutboxMail.objects.due()
            .filter(pk=mail.pk)
            .update(state=State.SENDING, attempts=F("attempts") + 1, attempted_at=timezone.now())
        )
    return claimed == 1


def _refused_for_good(error: Exception) -> bool:
    """The server refused this very mail with a permanent (5xx) answer: trying again changes nothing."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _attempt_failed(mail_id: int, error: Exception, *, claimed: bool) -> datetime.datetime | None:
    now = timezone.now()
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().get(pk=mail_id)
        if claimed and mail.state != State.SENDING:
            return None
        if not claimed:
            if mail.state != State.QUEUED or mail.next_attempt_at > now:
                return None  # another task tried it meanwhile
            mail.attempts += 1
            mail.attempted_at = now
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        if mail.attempts >= settings.MAIL_MAX_ATTEMPTS or (claimed and _refused_for_good(error)):
            mail.state, mail.next_attempt_at = State.FAILED, None
        else:
            mail.state, mail.next_attempt_at = State.QUEUED, now + retry_delay(mail.attempts)
        mail.save(update_fields=["state", "attempts", "attempted_at", "last_error", "next_attempt_at"])
    return mail.next_attempt_at


def _message(mail: OutboxMail, connection) -> EmailMultiAlternatives:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    message = EmailMultiAlternatives(
        mail.subject,
        mail.body,
        settings.DEFAULT_FROM_EMAIL,
        [mail.to_email],
        connection=connection,
        headers={
            "Message-ID": f"<{hashlib.sha256(mail.key.encode()).hexdigest()[:40]}@{domain}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    return message


def mail_send_again(mail: OutboxMail, *, by, note: str = "") -> OutboxMail:
    """Staff send a failed mail again, with fresh attempts (one left "sending" by a dead worker is failed by the
    sweeper first)."""
    require(by.has_perm("core.resend_outboxmail"), _("Only staff who may send mails again can do this."))
    with transition(mail, allowed_from=[State.FAILED], field="state", action="core.mail.sent_again", by=by,
                    reason=note) as locked:
        locked.state, locked.attempts, locked.next_attempt_at = State.QUEUED, 0, timezone.now()
        locked.save(update_fields=["state", "attempts", "next_attempt_at"])
        queue_delivery([locked.pk])
    return locked


def sweep(now: datetime.datetime | None = None) -> dict[str, int]:
    """Fail the mails whose worker died while sending, queue again those whose task was lost, run again the
    rerunnable tasks whose worker died. Safe to run anywhere, any number of times."""
    now = now or timezone.now()
    # "Sending" this long: its worker died in the middle (EMAIL_TIMEOUT bounds a real attempt far below this).
    interrupted_before = now - datetime.timedelta(minutes=settings.MAIL_INTERRUPTED_MINUTES)
    interrupted = OutboxMail.objects.filter(state=State.SENDING, attempted_at__lt=interrupted_before).update(
        state=State.FAILED, next_attempt_at=None, last_error=INTERRUPTED
    )
    # Due this long ago and still queued: its delivery task was lost, unless the whole queue is that far behind.
    status = queue_status(now)
    behind = status.oldest_wait if status and status.oldest_wait else datetime.timedelta(0)
    lost_after = max(datetime.timedelta(minutes=settings.MAIL_LOST_MINUTES), behind)
    lost = list(OutboxMail.objects.due(now - lost_after).order_by("pk").values_list("pk", flat=True)[:10_000])
    if lost:
        # Due now again, so that the next sweep leaves them to this one's tasks for a while.
        OutboxMail.objects.filter(pk__in=lost, state=State.QUEUED).update(next_attempt_at=now)
        queue_delivery(lost, priority=BULK)
    return {"interrupted": interrupted, "requeued": len(lost), "rerun": rerun_lost_tasks(now)}


def prune(now: datetime.datetime | None = None) -> int:
    """Delete the mails sent more than MAIL_KEEP_DAYS ago: they hold personal data and have done their work."""
    now = now or timezone.now()
    deleted, _per_model = OutboxMail.objects.filter(
        state=State.SENT, sent_at__lt=now - datetime.timedelta(days=settings.MAIL_KEEP_DAYS)
    ).delete()
    return deleted
