"""Mail to followers: one per new thread or reply, or a daily digest, each with its unsubscribe link.

Only users who may see the thread hear of it (Thread.objects.readable_by), never its author, and nothing
is sent before the surrounding transaction commits.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import can_subscribe
from core.mail import send_templated_mail
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
        and can_subscribe(user)
        and Thread.objects.readable_by(user).published().filter(pk=thread.pk).exists()
    )


def _send_to_followers(subscriptions, *, template: str, context: dict, thread, author_id) -> None:
    for subscription in subscriptions.select_related("user", "user__topic_mail_preference"):
        user = subscription.user
        if user.pk == author_id or not _wants_each(user) or not _may_read(user, thread):
            continue
        token = unsubscribe_token(user, subscription)
        send_templated_mail(
            template,
            {
                **context,
                "recipient": user,
                "unsubscribe_url": _absolute(reverse("topics:unsubscribe", args=[token])),
                "preferences_url": _absolute(reverse("topics:subscriptions")),
            },
            [user.email],
        )


def new_thread(thread) -> None:
    def send():
        _send_to_followers(
            thread.topic.subscriptions.all(),
            template="topics/emails/new_thread",
            context={"thread": thread, "topic": thread.topic, "url": _absolute(thread.get_absolute_url())},
            thread=thread,
            author_id=thread.author_id,
        )

    transaction.on_commit(send)


def new_reply(post) -> None:
    def send():
        thread = post.thread
        _send_to_followers(
            thread.subscriptions.all(),
            template="topics/emails/new_reply",
            context={"thread": thread, "post": post, "url": _absolute(post.get_absolute_url())},
            thread=thread,
            author_id=post.author_id,
        )

    transaction.on_commit(send)


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


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """One digest per user who chose it, covering the time since their last one. Returns mails sent."""
    from topics.models import MailPreference

    now = now or timezone.now()
    sent = 0
    for preference_id in MailPreference.objects.filter(delivery=MailPreference.Delivery.DAILY).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            preference = (
                MailPreference.objects.select_for_update().select_related("user").get(pk=preference_id)
            )
            user = preference.user
            since = preference.last_digest_at or now - datetime.timedelta(days=1)
            if since >= now:
                continue
            if user.is_active and can_subscribe(user):
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
                    )
                    sent += 1
            preference.last_digest_at = now
            preference.save(update_fields=["last_digest_at"])
    return sent
