"""Moderation: staff hide, lock, pin and move what members wrote, and decide on reports.

Every step is a core.workflow transition of one flag or status (locked, checked, audited with its reason); the
author of a hidden post is told why after the commit.

A post reported by REPORT_HIDE_THRESHOLD distinct members who may report, or by one staff member, is hidden at
once, pending review (topics.services.post_report):

shown --(reports reach the threshold, or a staff member's report)--> hidden by reports (waiting for review)
hidden by reports --(staff, with a reason: restore)--> shown; its open reports dismissed
hidden by reports --(staff, with a reason: confirm)--> hidden; its open reports resolved
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


NOT_IN_REVIEW = gettext_lazy("This post is not waiting for a review after reports.")

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


def _set_post_hidden(
    post: Post, hidden: bool, *, by, note: str, action: str, by_reports: bool = False, reviewing: bool = False, **data
):
    """Hide or show the post and recount its thread; returns the post and its thread, both as now stored.
    REVIEWING: the step ends a review, so it starts from a post hidden by reports."""
    if reviewing:
        field, allowed_from, refusal = "hidden_by_reports", [True], str(NOT_IN_REVIEW)
    else:
        field, allowed_from = "is_hidden", [not hidden]
        refusal = _("This post is already hidden.") if hidden else _("This post is not hidden.")
    with transaction.atomic():
        thread = lock(Thread(pk=post.thread_id))
        with transition(
            post, field=field, allowed_from=allowed_from, refusal=refusal, action=action, by=by, reason=note, **data
        ) as locked:
            locked.is_hidden, locked.hidden_by_reports = hidden, by_reports
            locked.save(update_fields=["is_hidden", "hidden_by_reports"])
        _refresh_counters(thread)
    return locked, thread


def _tell_author(post: Post, thread: Thread, template: str, **context) -> None:
    if post.author is not None and post.author.is_active:
        send_templated_mail(
            f"topics/emails/{template}", {"post": post, "thread": thread, **context}, [post.author.email]
        )


def post_hide(post: Post, *, by, note: str = "") -> Post:
    _require_moderator(by)
    note = _reason(note)
    post, thread = _set_post_hidden(post, True, by=by, note=note, action="topics.post.hidden")
    _tell_author(post, thread, "post_hidden", reason=note)
    return post


def post_unhide(post: Post, *, by, note: str = "") -> Post:
    _require_moderator(by)
    post, _thread = _set_post_hidden(post, False, by=by, note=_reason(note), action="topics.post.unhidden")
    return post


# Hidden by reports, pending review ----------------------------------------------------------------------


def post_hide_after_reports(post: Post, *, reports: list[Report], by=None) -> Post:
    """Members' reports reached the threshold, or a staff member (BY) reported the post: it is hidden at once
    and waits for a moderator's review at the top of the queue. Its author is told why."""
    post, thread = _set_post_hidden(
        post, True, by=by, note="", action="topics.post.hidden_by_reports", by_reports=True,
        reporters=len({report.reporter_id for report in reports}), by_staff=by is not None,
    )
    reasons = [report.reason for report in reports]
    _tell_author(post, thread, "post_hidden_by_reports", reasons=reasons, by_staff=by is not None)
    return post


def _close_open_reports(post: Post, status: str, *, by, note: str) -> None:
    for report in Report.objects.open().filter(post_id=post.pk).order_by("pk"):
        _close_report(report, status, by=by, note=note)


def post_review_restore(post: Post, *, by, note: str = "") -> Post:
    """The review finds nothing wrong: the post is shown again, its open reports dismissed, its author told."""
    _require_moderator(by)
    note = _reason(note)
    with transaction.atomic():
        post, thread = _set_post_hidden(
            post, False, by=by, note=note, action="topics.post.restored_after_review", reviewing=True
        )
        _close_open_reports(post, Report.Status.DISMISSED, by=by, note=note)
    _tell_author(post, thread, "post_restored", reason=note)
    return post


def post_review_confirm(post: Post, *, by, note: str = "") -> Post:
    """The review agrees with the reports: the post stays hidden, its open reports are resolved, its author is
    told the moderator's reason."""
    _require_moderator(by)
    note = _reason(note)
    with transaction.atomic():
        post, thread = _set_post_hidden(post, True, by=by, note=note, action="topics.post.hiding_confirmed",
                                        reviewing=True)
        _close_open_reports(post, Report.Status.RESOLVED, by=by, note=note)
    _tell_author(post, thread, "post_hidden", reason=note)
    return post


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
    """Hide the reported post (or, when reports hid it already, confirm that) and resolve every open report on
    it."""
    _require_moderator(by)
    note = _reason(note)
    with transaction.atomic():
        report = report_resolve(report, by=by, note=note)
        post = Post.objects.get(pk=report.post_id)
        if post.hidden_by_reports:
            post_review_confirm(post, by=by, note=note)
        elif not post.is_hidden:
            post_hide(post, by=by, note=note)
        _close_open_reports(post, Report.Status.RESOLVED, by=by, note=note)
    return report


def report_restore_post(report: Report, *, by, note: str = "") -> Report:
    """The queue's "restore": the post that reports hid is shown again; its reports are dismissed."""
    post_review_restore(report.post, by=by, note=note)
    report.refresh_from_db()
    return report


def report_confirm_hiding(report: Report, *, by, note: str = "") -> Report:
    """The queue's "confirm": the post that reports hid stays hidden; its reports are resolved."""
    post_review_confirm(report.post, by=by, note=note)
    report.refresh_from_db()
    return report
