"""The topic areas' workflows: posting, sharing, following and reporting (moderation is in topics.moderation).

Each function checks the rule (accounts.permissions), locks what two requests could race on, changes it,
writes an audit entry and leaves mail to after the commit. Views and admin actions call these; nothing else
changes the state.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from core.models import log_action
from core.workflow import lock, require
from topics import moderation, notifications
from topics.models import MailPreference, Post, Report, Resource, Subscription, Thread, Topic


def _officer_city(user):
    """The member city the officer speaks for now; kept on each post as it was when posting."""
    for affiliation in user.verified_affiliations:
        if affiliation.role == affiliation.Role.OFFICER:
            return affiliation.city
    return None


def _require_poster(user) -> None:
    require(permissions.can_post(user), _("Only verified city officers can post in the topic areas."))


# Posting ------------------------------------------------------------------------------------------------


def thread_start(topic: Topic, *, author, title: str, body: str, members_only: bool = False) -> Thread:
    _require_poster(author)
    require(topic.is_active, _("This topic is closed."), code="closed")
    now = timezone.now()
    city = _officer_city(author)
    with transaction.atomic():
        thread = Thread.objects.create(
            topic=topic,
            title=title,
            author=author,
            author_city=city,
            members_only=members_only,
            created_at=now,
            last_activity_at=now,
        )
        Post.objects.create(thread=thread, author=author, author_city=city, body=body, is_first=True, created_at=now)
        Subscription.objects.get_or_create(user=author, thread=thread)
        notifications.new_thread(thread)
    return thread


def post_reply(thread: Thread, *, author, body: str) -> Post:
    _require_poster(author)
    with transaction.atomic():
        thread = lock(thread)
        require(thread.accepts_replies, _("This thread is locked: it takes no more replies."), code="locked")
        post = Post.objects.create(thread=thread, author=author, author_city=_officer_city(author), body=body)
        thread.reply_count += 1
        thread.last_activity_at = post.created_at
        thread.save(update_fields=["reply_count", "last_activity_at"])
        Subscription.objects.get_or_create(user=author, thread=thread)
        notifications.new_reply(post)
    return post


def post_edit(post: Post, *, by, body: str, title: str | None = None) -> Post:
    require(permissions.can_edit_post(by, post), _("You can only edit your own posts, while they are open to replies."))
    with transaction.atomic():
        post = lock(post, related=["thread"])
        require(permissions.can_edit_post(by, post), _("This post can no longer be edited."), code="wrong_state")
        post.body = body
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at"])
        if title is not None and post.is_first and title != post.thread.title:
            post.thread.title = title
            post.thread.save(update_fields=["title"])
    return post


def resource_share(resource: Resource, *, by) -> Resource:
    _require_poster(by)
    resource.shared_by = by
    resource.shared_by_city = _officer_city(by)
    resource.created_at = timezone.now()
    with transaction.atomic():
        resource.save()
        log_action(resource, "topics.resource.shared", actor=by, kind=resource.kind)
    return resource


# Following ----------------------------------------------------------------------------------------------


def subscribe(user, *, topic: Topic | None = None, thread: Thread | None = None) -> Subscription:
    require(permissions.can_subscribe(user), _("Confirm your email address to follow topics and threads."))
    try:
        with transaction.atomic():
            subscription, _created = Subscription.objects.get_or_create(user=user, topic=topic, thread=thread)
    except IntegrityError:  # the same click twice, at the same moment
        subscription = Subscription.objects.get(user=user, topic=topic, thread=thread)
    return subscription


def unsubscribe(user, *, topic: Topic | None = None, thread: Thread | None = None) -> None:
    Subscription.objects.filter(user=user, topic=topic, thread=thread).delete()


def mail_preference_set(user, *, delivery: str) -> MailPreference:
    preference, _created = MailPreference.objects.update_or_create(user=user, defaults={"delivery": delivery})
    return preference


# Reports ------------------------------------------------------------------------------------------------


REPORTING_WITHDRAWN = gettext_lazy(
    "The moderators have withdrawn your right to report posts, after reports they found were made in bad faith. "
    "If you think this is a mistake, write to the platform's contact address on the home page."
)


def report_refusal(user, post: Post) -> str:
    """What a person who may not report this post is told."""
    if permissions.reporting_revoked(user):
        return str(REPORTING_WITHDRAWN)
    if not permissions.can_report(user):
        return _("Confirm your email address to report a post.")
    return _("You cannot report your own post.")


def _counting_reports(post: Post) -> list[Report]:
    """The post's open reports, one per person who may report now: a person's reports count once, and those
    of someone who lost the right to report count no more."""
    reports = Report.objects.open().filter(post_id=post.pk).select_related("reporter").order_by("pk")
    by_person = {report.reporter_id: report for report in reports if report.reporter is not None}
    return [report for report in by_person.values() if permissions.can_report(report.reporter)]


def post_report(post: Post, *, by, reason: str) -> Report:
    """A member reports a post. Once REPORT_HIDE_THRESHOLD distinct members have (or at once when staff
    report it), the post is hidden until a moderator reviews it (topics.moderation)."""
    require(permissions.can_report_post(by, post), report_refusal(by, post))
    with transaction.atomic():
        post = lock(post)  # the reports on one post are counted one at a time
        report, created = Report.objects.get_or_create(
            post=post, reporter=by, status=Report.Status.OPEN, defaults={"reason": reason}
        )
        if created:
            log_action(post, "topics.post.reported", actor=by, report=report.pk)
        counting = _counting_reports(post)
        staff_report = permissions.can_moderate(by)
        if not post.is_hidden and (staff_report or len(counting) >= settings.REPORT_HIDE_THRESHOLD):
            moderation.post_hide_after_reports(post, reports=counting, by=by if staff_report else None)
    return report
