"""Moderation: staff hide, lock, pin and move what members wrote, and decide on reports.

Every step is a core.workflow transition of one flag or status (locked, checked, audited with its reason); the
author of a hidden post is told why after the commit.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from core.cache import versions
from core.mail import send_templated_mail
from core.workflow import lock, require, require_reason, transition
from topics.models import Post, Report, Resource, Thread, Topic


def _require_moderator(user) -> None:
    require(permissions.can_moderate(user), _("Only staff can moderate."))


def _reason(note: str) -> str:
    """Every moderation step says why: the reason is kept in the audit trail (and mailed to a hidden post's
    author)."""
    return require_reason(note, _("Give a reason: it is kept in the moderation log."))


def _set_flag(obj, field: str, value: bool, *, by, note: str, action: str, already: str):
    """Set a moderation flag (hidden, locked, pinned) that must not hold VALUE yet; returns the locked row."""
    _require_moderator(by)
    note = _reason(note)
    with transition(
        obj, field=field, allowed_from=[not value], refusal=already, action=action, by=by, reason=note
    ) as locked:
        setattr(locked, field, value)
        locked.save(update_fields=[field])
    return locked


# Each flag: its field, the value set, the audit code, and what is said when it is set already.
THREAD_FLAGS = {
    "lock": ("is_locked", True, "topics.thread.locked", gettext_lazy("This thread is already locked.")),
    "unlock": ("is_locked", False, "topics.thread.unlocked", gettext_lazy("This thread is not locked.")),
    "pin": ("is_pinned", True, "topics.thread.pinned", gettext_lazy("This thread is already pinned.")),
    "unpin": ("is_pinned", False, "topics.thread.unpinned", gettext_lazy("This thread is not pinned.")),
    "hide": ("is_hidden", True, "topics.thread.hidden", gettext_lazy("This thread is already hidden.")),
    "unhide": ("is_hidden", False, "topics.thread.unhidden", gettext_lazy("This thread is not hidden.")),
}


def _thread_step(step: str):
    field, value, action, already = THREAD_FLAGS[step]

    def perform(thread: Thread, *, by, note: str = "") -> Thread:
        return _set_flag(thread, field, value, by=by, note=note, action=action, already=str(already))

    perform.__name__ = f"thread_{step}"
    return perform


thread_lock = _thread_step("lock")
thread_unlock = _thread_step("unlock")
thread_pin = _thread_step("pin")
thread_unpin = _thread_step("unpin")
thread_hide = _thread_step("hide")
thread_unhide = _thread_step("unhide")


def thread_move(thread: Thread, *, by, topic: Topic, note: str = "") -> Thread:
    _require_moderator(by)
    note = _reason(note)
    previous = thread.topic.slug
    with transition(
        thread,
        field="topic_id",
        allowed_from=lambda topic_id: topic_id != topic.pk,
        refusal=_("This thread is already in “%(topic)s”.") % {"topic": topic.name},
        action="topics.thread.moved",
        by=by,
        reason=note,
        related=["topic"],
        source=previous,
        target=topic.slug,
    ) as locked:
        locked.topic = topic
        locked.save(update_fields=["topic"])
        versions.bump(f"topic:{previous}")  # the topic it left lists it no more (the save evicts the new one)
    return locked


def _refresh_counters(thread: Thread) -> None:
    """Recount after a post is hidden or shown again; the thread row is locked by the caller."""
    Thread.objects.filter(pk=thread.pk).recount()
    thread.refresh_from_db(fields=["reply_count", "last_activity_at"])


def _set_post_hidden(post: Post, hidden: bool, *, by, note: str) -> Post:
    _require_moderator(by)
    note = _reason(note)
    already = _("This post is already hidden.") if hidden else _("This post is not hidden.")
    with transaction.atomic():
        thread = lock(Thread(pk=post.thread_id))
        post = _set_flag(
            post, "is_hidden", hidden, by=by, note=note, already=already,
            action="topics.post.hidden" if hidden else "topics.post.unhidden",
        )
        _refresh_counters(thread)
    if hidden and post.author is not None and post.author.is_active:
        send_templated_mail(
            "topics/emails/post_hidden", {"post": post, "thread": thread, "reason": note}, [post.author.email]
        )
    return post


def post_hide(post: Post, *, by, note: str = "") -> Post:
    return _set_post_hidden(post, True, by=by, note=note)


def post_unhide(post: Post, *, by, note: str = "") -> Post:
    return _set_post_hidden(post, False, by=by, note=note)


def resource_hide(resource: Resource, *, by, note: str = "") -> Resource:
    return _set_flag(
        resource, "is_hidden", True, by=by, note=note, action="topics.resource.hidden",
        already=_("This resource is already hidden."),
    )


def resource_unhide(resource: Resource, *, by, note: str = "") -> Resource:
    return _set_flag(
        resource, "is_hidden", False, by=by, note=note, action="topics.resource.unhidden",
        already=_("This resource is not hidden."),
    )


# Reports ------------------------------------------------------------------------------------------------


def _close_report(report: Report, status: str, *, by, note: str) -> Report:
    _require_moderator(by)
    note = _reason(note)
    with transition(
        report,
        allowed_from=[Report.Status.OPEN],
        action=f"topics.report.{status}",
        by=by,
        reason=note,
        post=report.post_id,
    ) as locked:
        locked.status = status
        locked.save(update_fields=["status", *locked.record_decision(by=by, note=note)])
    return locked


def report_resolve(report: Report, *, by, note: str = "") -> Report:
    """The moderator acted on the report (usually: hid the post)."""
    return _close_report(report, Report.Status.RESOLVED, by=by, note=note)


def report_dismiss(report: Report, *, by, note: str = "") -> Report:
    return _close_report(report, Report.Status.DISMISSED, by=by, note=note)


def report_hide_post(report: Report, *, by, note: str = "") -> Report:
    """Hide the reported post and resolve every open report on it."""
    _require_moderator(by)
    note = _reason(note)
    with transaction.atomic():
        report = report_resolve(report, by=by, note=note)
        if not Post.objects.filter(pk=report.post_id, is_hidden=True).exists():
            post_hide(report.post, by=by, note=note)
        for other in Report.objects.open().filter(post_id=report.post_id):
            report_resolve(other, by=by, note=note)
    return report
