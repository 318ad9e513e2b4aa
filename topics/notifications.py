"""Mail to followers: one per new thread or reply, or a daily digest, each with its unsubscribe link.

The request that starts a thread or posts a reply only queues one task when it commits ("thread 7 was
started", "post 12 was published"); a worker finds the followers and queues one task per MAIL_BATCH_SIZE of
them, which writes their mails to the outbox (topics.tasks). Only users who may see the thread hear of it
(Thread.objects.readable_by), never its author, and nothing about a post hidden before the worker got to it.
Each mail's idempotency key names the thread or post and the recipient, so a batch that runs twice (its
worker died, the sweeper ran it again) mails nobody twice. Digests go out the same way, in batches, once a
day from the scheduler (topics.apps registers the job).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from accounts import permissions
from core.mail import mail_batch, send_templated_mail
from core.taskqueue import enqueue_on_commit
from topics.tokens import unsubscribe_token


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _wants_each(user) -> bool:
    from topics.models import MailPreference

    try:
        preference = user.topic_mail_preference
    except MailPreference.DoesNotExist:
        return True
    return preference.delivery == MailPreference.Delivery.EACH


def _may_read(user, thread) -> bool:
    from topics.models import Thread

    return (
        user.is_active
        and permissions.can_subscribe(user)
        and Thread.objects.readable_by(user).published().filter(pk=thread.pk).exists()
    )


def new_thread(thread) -> None:
    from topics import tasks

    enqueue_on_commit(tasks.announce_thread, thread.pk)


def new_reply(post) -> None:
    from topics import tasks

    enqueue_on_commit(tasks.announce_reply, post.pk)


def _batches(ids: list[int]) -> list[list[int]]:
    size = settings.MAIL_BATCH_SIZE
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def followers_to_tell(kind: str, object_id: int) -> list[list[int]]:
    """The followers' subscriptions, in batches: a topic's for a new thread, a thread's for a reply."""
    from topics.models import Post, Subscription, Thread

    if kind == "thread":
        source = Thread.objects.filter(pk=object_id).values("topic_id", "author_id").first()
        followed = {"topic_id": source["topic_id"]} if source else None
    else:
        source = Post.objects.filter(pk=object_id).values("thread_id", "author_id").first()
        followed = {"thread_id": source["thread_id"]} if source else None
    if followed is None:
        return []
    followers = Subscription.objects.filter(**followed).exclude(user_id=source["author_id"]).order_by("pk")
    return _batches(list(followers.values_list("pk", flat=True)))


def _announcement(kind: str, object_id: int) -> dict | None:
    from topics.models import Post, Thread

    if kind == "thread":
        thread = Thread.objects.select_related("topic").filter(pk=object_id).first()
        if thread is None:
            return None
        context = {"thread": thread, "topic": thread.topic, "url": _absolute(thread.get_absolute_url())}
        return {"template": "topics/emails/new_thread", "context": context, "thread": thread,
                "author_id": thread.author_id}
    post = Post.objects.published().select_related("thread", "thread__topic").filter(pk=object_id).first()
    if post is None:
        return None
    context = {"thread": post.thread, "post": post, "url": _absolute(post.get_absolute_url())}
    return {"template": "topics/emails/new_reply", "context": context, "thread": post.thread,
            "author_id": post.author_id}


def mail_followers(kind: str, object_id: int, subscription_ids: list[int]) -> int:
    """Queue the mail about a new thread or reply to these followers; returns how many were queued."""
    from topics.models import Subscription

    announcement = _announcement(kind, object_id)
    if announcement is None:
        return 0
    subscriptions = Subscription.objects.filter(pk__in=subscription_ids).select_related(
        "user", "user__topic_mail_preference"
    )
    queued = 0
    with mail_batch():
        for subscription in subscriptions.order_by("pk"):
            user = subscription.user
            if user.pk == announcement["author_id"] or not _wants_each(user):
                continue
            if not _may_read(user, announcement["thread"]):
                continue
            token = unsubscribe_token(user, subscription)
            send_templated_mail(
                announcement["template"],
                {
                    **announcement["context"],
                    "recipient": user,
                    "unsubscribe_url": _absolute(reverse("topics:unsubscribe", args=[token])),
                    "preferences_url": _absolute(reverse("topics:subscriptions")),
                },
                [user.email],
                key=f"topics.{kind}.{object_id}",
            )
            queued += 1
    return queued


def digest_for(user, *, since: datetime.datetime, until: datetime.datetime) -> dict:
    """What happened in what the user follows, that they may see and did not write themselves."""
    from topics.models import Post, Thread

    followed = user.topic_subscriptions.all()
    topic_ids = [s.topic_id for s in followed if s.topic_id]
    thread_ids = [s.thread_id for s in followed if s.thread_id]
    threads = list(
        Thread.objects.readable_by(user)
        .published()
        .filter(topic_id__in=topic_ids, created_at__gt=since, created_at__lte=until)
        .exclude(author=user)
        .select_related("topic", "author", "author_city")
        .order_by("created_at")
    )
    posts = list(
        Post.objects.readable_by(user)
        .published()
        .filter(
            is_first=False,
            thread_id__in=thread_ids,
            created_at__gt=since,
            created_at__lte=until,
        )
        .exclude(author=user)
        .select_related("thread", "thread__topic", "author", "author_city")
        .order_by("created_at")
    )
    return {"threads": threads, "posts": posts}


def daily_readers() -> list[list[int]]:
    """The mail preferences of those who chose the daily digest, in batches."""
    from topics.models import MailPreference

    preferences = MailPreference.objects.filter(delivery=MailPreference.Delivery.DAILY).order_by("pk")
    return _batches(list(preferences.values_list("pk", flat=True)))


def send_digests(preference_ids: list[int], *, until: datetime.datetime) -> int:
    """Queue each reader's digest of what happened up to `until` since their last one; returns how many."""
    queued = 0
    with mail_batch():
        for preference_id in preference_ids:
            queued += _send_digest(preference_id, until)
    return queued


def _send_digest(preference_id: int, now: datetime.datetime) -> int:
    from topics.models import MailPreference

    with transaction.atomic():
        # The mail and the "last digest" mark commit together: a second run covers nothing twice.
        preference = MailPreference.objects.select_for_update().select_related("user").filter(pk=preference_id).first()
        if preference is None or preference.delivery != MailPreference.Delivery.DAILY:
            return 0
        user = preference.user
        since = preference.last_digest_at or now - datetime.timedelta(days=1)
        if since >= now:
            return 0
        queued = 0
        if user.is_active and permissions.can_subscribe(user):
            digest = digest_for(user, since=since, until=now)
            if digest["threads"] or digest["posts"]:
                token = unsubscribe_token(user)
                send_templated_mail(
                    "topics/emails/digest",
                    {
                        **digest,
                        "recipient": user,
                        "since": since,
                        "SITE_URL": settings.SITE_URL.rstrip("/"),
                        "unsubscribe_url": _absolute(reverse("topics:unsubscribe", args=[token])),
                        "preferences_url": _absolute(reverse("topics:subscriptions")),
                    },
                    [user.email],
                    key=f"topics.digest.{now.isoformat()}",
                )
                queued = 1
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
    return queued
