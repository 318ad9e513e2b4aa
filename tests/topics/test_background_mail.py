"""Followers hear of new threads and replies, and digest readers of their day, through the workers: the
request queues one task, the workers fan out in batches, and nobody is mailed twice."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import scheduler
from core.delivery import deliver_mails, sweep
from core.models import OutboxMail
from core.taskqueue import TaskResultStatus
from devdata.factories import UserFactory, topic
from tests.worker import queued_tasks, run_queued_tasks
from topics import moderation, services
from topics.models import MailPreference, Post, Thread
from topics.tasks import announce_reply, daily_digests, mail_followers

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(officer):
    return services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")


@pytest.fixture
def reply_in_batches_of_two(thread, other_officer, settings, django_capture_on_commit_callbacks):
    """A reply, committed, in a thread with `followers` followers besides its author; batches of two."""

    def reply(followers: int) -> None:
        settings.MAIL_BATCH_SIZE = 2
        _followers(thread, followers)
        with django_capture_on_commit_callbacks(execute=True):
            services.post_reply(thread, author=other_officer, body="We do.")

    return reply


def _followers(thread, count, **user_fields):
    users = [UserFactory(**user_fields) for _ in range(count)]
    for user in users:
        services.subscribe(user, thread=thread)
    return users


def test_a_reply_in_a_followed_thread_queues_one_task_and_no_mail_in_the_request(
    thread, other_officer, client_as, django_capture_on_commit_callbacks
):
    followers = _followers(thread, 3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(other_officer).post(
            reverse("topics:reply", args=[thread.topic.slug, thread.pk]), {"body": "We do."}
        )
    assert response.status_code == 302
    assert [task.task_path for task in queued_tasks()] == [announce_reply.module_path]
    assert not OutboxMail.objects.exists() and mail.outbox == []
    run_queued_tasks()
    told = {thread.author.email, *(user.email for user in followers)}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(told)


def test_followers_are_mailed_in_batches_each_a_task_of_its_own(reply_in_batches_of_two):
    reply_in_batches_of_two(4)
    assert [task.task_path for task in queued_tasks()] == [announce_reply.module_path]
    run_queued_tasks(count=1)
    assert [len(task.args_kwargs["args"][2]) for task in queued_tasks(mail_followers)] == [2, 2, 1]
    run_queued_tasks(count=3)
    assert [len(task.args_kwargs["args"][0]) for task in queued_tasks(deliver_mails)] == [2, 2, 1]
    run_queued_tasks()
    assert len(mail.outbox) == 5


def test_a_batch_run_twice_mails_nobody_twice(thread, other_officer):
    _followers(thread, 2)
    reply = services.post_reply(thread, author=other_officer, body="We do.")
    subscriptions = list(thread.subscriptions.values_list("pk", flat=True))
    assert mail_followers.call("reply", reply.pk, subscriptions) == 3
    mail_followers.call("reply", reply.pk, subscriptions)
    assert OutboxMail.objects.count() == 3


def test_a_batch_whose_worker_was_killed_is_run_again_and_mails_each_follower_once(
    reply_in_batches_of_two, django_capture_on_commit_callbacks
):
    reply_in_batches_of_two(3)
    run_queued_tasks(count=1)  # the announcement: two batches
    first, second = queued_tasks(mail_followers)
    mail_followers.call(*first.args_kwargs["args"][:2], first.args_kwargs["args"][2][:1])  # it got this far...
    first.claim("killed-worker")  # ...and died, its task left "running"
    DBTaskResult.objects.filter(pk=first.pk).update(started_at=timezone.now() - datetime.timedelta(minutes=16))

    with django_capture_on_commit_callbacks(execute=True):
        assert sweep()["rerun"] == 1
    first.refresh_from_db()
    assert first.status == TaskResultStatus.FAILED
    run_queued_tasks()
    assert sorted(OutboxMail.objects.values_list("state", flat=True)) == ["queued"] + ["sent"] * 3
    # The mail the dead worker had written waited for no task of its own: the sweeper finds it too.
    OutboxMail.objects.filter(state="queued").update(next_attempt_at=timezone.now() - datetime.timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    run_queued_tasks()
    assert len(mail.outbox) == 4 == len({message.to[0] for message in mail.outbox})


def test_a_reply_hidden_before_the_worker_gets_to_it_is_not_mailed(
    thread, other_officer, staff, django_capture_on_commit_callbacks
):
    _followers(thread, 2)
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.post_reply(thread, author=other_officer, body="Buy cheap watches")
    moderation.post_hide(reply, by=staff, note="Spam")
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == []


def test_each_follower_reads_of_the_reply_in_their_own_language(
    thread, other_officer, django_capture_on_commit_callbacks
):
    german, dutch = _followers(thread, 1, language="de") + _followers(thread, 1, signup_language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(thread, author=other_officer, body="We do.")
    run_queued_tasks()
    languages = dict(OutboxMail.objects.values_list("to_email", "language"))
    assert languages[german.email] == "de" and languages[dutch.email] == "nl"
    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert "hat in „Bus lanes“ geantwortet." in by_address[german.email]
    assert "heeft geantwoord in “Bus lanes”." in by_address[dutch.email]


def _digest_reader_with_news(officer, until):
    reader = UserFactory()
    services.subscribe(reader, topic=topic())
    services.mail_preference_set(reader, delivery=MailPreference.Delivery.DAILY)
    earlier = until - datetime.timedelta(hours=2)
    MailPreference.objects.filter(user=reader).update(last_digest_at=until - datetime.timedelta(days=1))
    news = services.thread_start(topic(), author=officer, title="Parking levies", body="Who has one?")
    Thread.objects.filter(pk=news.pk).update(created_at=earlier)
    Post.objects.filter(thread=news).update(created_at=earlier)
    return reader


def test_the_daily_digest_goes_out_once_however_often_the_scheduler_and_its_task_run(
    officer, django_capture_on_commit_callbacks
):
    now = timezone.now()
    began = scheduler.period_of(scheduler.JOBS["topics.daily-digests"], now)
    reader = _digest_reader_with_news(officer, began)
    for _ in range(2):
        scheduler.tick(now)
        scheduler.tick(now + datetime.timedelta(minutes=1))
    assert len(queued_tasks(daily_digests)) == 1
    run_queued_tasks()
    daily_digests.enqueue(scheduled_for=began.isoformat())  # run again by hand, or by the sweeper
    run_queued_tasks()
    [digest] = mail.outbox
    assert digest.to == [reader.email] and "Parking levies" in digest.body
