"""The topic areas' workflows: posting, sharing, following, reporting and moderating.

Each function checks the rule, locks what two requests could race on, changes it, writes an audit entry
and leaves mail to after the commit. Views and admin actions call these; nothing else changes the state.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_post, can_moderate, can_post, can_report, can_subscribe
from core.mail import send_templated_mail
from core.models import log_action
from topics import notifications
from topics.models import MailPreference, Post, Report, Resource, Subscription, Thread, Topic


def _officer_city(user):
    """The member city the officer speaks for now; kept on each post as it was when posting."""
    for affiliation in user.verified_affiliations:
        if affiliation.role == affiliation.Role.OFFICER:
            return affiliation.city
    return None


def _require_poster(user) -> None:
    if not can_post(user):
        raise PermissionDenied(_("Only verified city officers can post in the topic areas."))


# Posting ------------------------------------------------------------------------------------------------


def thread_start(topic: Topic, *, author, title: str, body: str, members_only: bool = False) -> Thread:
    _require_poster(author)
    if not topic.is_active:
        raise ValidationError(_("This topic is closed."))
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
        Post.objects.create(
            thread=thread, author=author, author_city=city, body=body, is_first=True, created_at=now
        )
        Subscription.objects.get_or_create(user=author, thread=thread)
        notifications.new_thread(thread)
    return thread


def post_reply(thread: Thread, *, author, body: str) -> Post:
    _require_poster(author)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        if not thread.accepts_replies:
            raise ValidationError(_("This thread is locked: it takes no more replies."))
        post = Post.objects.create(thread=thread, author=author, author_city=_officer_city(author), body=body)
        thread.reply_count += 1
        thread.last_activity_at = post.created_at
        thread.save(update_fields=["reply_count", "last_activity_at"])
        Subscription.objects.get_or_create(user=author, thread=thread)
        notifications.new_reply(post)
    return post


def post_edit(post: Post, *, by, body: str, title: str | None = None) -> Post:
    if not can_edit_post(by, post):
        raise PermissionDenied(_("You can only edit your own posts."))
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
        if post.is_hidden or post.thread.is_locked:
            raise ValidationError(_("This post can no longer be edited."))
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
    if not can_subscribe(user):
        raise PermissionDenied(_("Confirm your email address to follow topics and threads."))
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


def post_report(post: Post, *, by, reason: str) -> Report:
    if not can_report(by):
        raise PermissionDenied(_("Confirm your email address to report a post."))
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            post=post, reporter=by, status=Report.Status.OPEN, defaults={"reason": reason}
        )
        if created:
            log_action(post, "topics.post.reported", actor=by, report=report.pk)
    return report


def _locked_open_report(report: Report) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.OPEN:
        raise ValidationError(
            _("This report was already handled (%(status)s).") % {"status": report.get_status_display()}
        )
    return report


def _close_report(report: Report, status: str, *, by, note: str) -> Report:
    _require_moderator(by)
    with transaction.atomic():
        report = _locked_open_report(report)
        report.status = status
        report.decided_by, report.decided_at, report.decision_note = by, timezone.now(), note
        report.save()
        log_action(report, f"topics.report.{status}", actor=by, reason=note, post=report.post_id)
    return report


def report_resolve(report: Report, *, by, note: str = "") -> Report:
    """The moderator acted on the report (usually: hid the post)."""
    return _close_report(report, Report.Status.RESOLVED, by=by, note=note)


def report_dismiss(report: Report, *, by, note: str = "") -> Report:
    return _close_report(report, Report.Status.DISMISSED, by=by, note=note)


def report_hide_post(report: Report, *, by, note: str = "") -> Report:
    """Hide the reported post and resolve every open report on it."""
    _require_moderator(by)
    with transaction.atomic():
        report = _locked_open_report(report)
        if not report.post.is_hidden:
            post_hide(report.post, by=by, note=note)
        for other in Report.objects.open().filter(post_id=report.post_id):
            report_resolve(other, by=by, note=note)
    return report


# Moderation ---------------------------------------------------------------------------------------------


def _require_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied(_("Only staff can moderate."))


def _refresh_counters(thread: Thread) -> None:
    """Recount after a post is hidden or shown again; the thread row is locked by the caller."""
    Thread.objects.filter(pk=thread.pk).recount()
    thread.refresh_from_db(fields=["reply_count", "last_activity_at"])


def _set_post_hidden(post: Post, hidden: bool, *, by, note: str) -> Post:
    _require_moderator(by)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=post.thread_id)
        post = Post.objects.select_for_update().get(pk=post.pk)
        if post.is_hidden == hidden:
            raise ValidationError(
                _("This post is already hidden.") if hidden else _("This post is not hidden.")
            )
        post.is_hidden = hidden
        post.save(update_fields=["is_hidden"])
        _refresh_counters(thread)
        log_action(post, "topics.post.hidden" if hidden else "topics.post.unhidden", actor=by, reason=note)
        if hidden and post.author is not None and post.author.is_active:
            send_templated_mail(
                "topics/emails/post_hidden",
                {"post": post, "thread": thread, "reason": note},
                [post.author.email],
            )
    return post


def post_hide(post: Post, *, by, note: str = "") -> Post:
    return _set_post_hidden(post, True, by=by, note=note)


def post_unhide(post: Post, *, by, note: str = "") -> Post:
    return _set_post_hidden(post, False, by=by, note=note)


def _set_thread_flag(
    thread: Thread, field: str, value: bool, *, by, note: str, action: str, already: str
) -> Thread:
    _require_moderator(by)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        if getattr(thread, field) == value:
            raise ValidationError(already)
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        log_action(thread, action, actor=by, reason=note)
    return thread


def thread_lock(thread: Thread, *, by, note: str = "") -> Thread:
    return _set_thread_flag(
        thread,
        "is_locked",
        True,
        by=by,
        note=note,
        action="topics.thread.locked",
        already=_("This thread is already locked."),
    )


def thread_unlock(thread: Thread, *, by, note: str = "") -> Thread:
    return _set_thread_flag(
        thread,
        "is_locked",
        False,
        by=by,
        note=note,
        action="topics.thread.unlocked",
        already=_("This thread is not locked."),
    )


def thread_pin(thread: Thread, *, by, note: str = "") -> Thread:
    return _set_thread_flag(
        thread,
        "is_pinned",
        True,
        by=by,
        note=note,
        action="topics.thread.pinned",
        already=_("This thread is already pinned."),
    )


def thread_unpin(thread: Thread, *, by, note: str = "") -> Thread:
    return _set_thread_flag(
        thread,
        "is_pinned",
        False,
        by=by,
        note=note,
        action="topics.thread.unpinned",
        already=_("This thread is not pinned."),
    )


def thread_hide(thread: Thread, *, by, note: str = "") -> Thread:
    return _set_thread_flag(
        thread,
        "is_hidden",
        True,
        by=by,
        note=note,
        action="topics.thread.hidden",
        already=_("This thread is already hidden."),
    )


def thread_unhide(thread: Thread, *, by, note: str = "") -> Thread:
    return _set_thread_flag(
        thread,
        "is_hidden",
        False,
        by=by,
        note=note,
        action="topics.thread.unhidden",
        already=_("This thread is not hidden."),
    )


def thread_move(thread: Thread, *, by, topic: Topic, note: str = "") -> Thread:
    _require_moderator(by)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().select_related("topic").get(pk=thread.pk)
        if thread.topic_id == topic.pk:
            raise ValidationError(_("This thread is already in “%(topic)s”.") % {"topic": topic.name})
        previous = thread.topic
        thread.topic = topic
        thread.save(update_fields=["topic"])
        log_action(
            thread, "topics.thread.moved", actor=by, reason=note, source=previous.slug, target=topic.slug
        )
    return thread


def _set_resource_hidden(resource: Resource, hidden: bool, *, by, note: str) -> Resource:
    _require_moderator(by)
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        if resource.is_hidden == hidden:
            raise ValidationError(
                _("This resource is already hidden.") if hidden else _("This resource is not hidden.")
            )
        resource.is_hidden = hidden
        resource.save(update_fields=["is_hidden"])
        log_action(
            resource,
            "topics.resource.hidden" if hidden else "topics.resource.unhidden",
            actor=by,
            reason=note,
        )
    return resource


def resource_hide(resource: Resource, *, by, note: str = "") -> Resource:
    return _set_resource_hidden(resource, True, by=by, note=note)


def resource_unhide(resource: Resource, *, by, note: str = "") -> Resource:
    return _set_resource_hidden(resource, False, by=by, note=note)
