"""Funding calls' workflows and following: the only code that changes a call's status.

call: (recorded by staff) published; (recorded by an officer) proposed --(staff)--> published | rejected

People with a confirmed email follow a call, or every call of a programme, and are reminded of each deadline
(projects.reminders). Each step writes one audit entry; mail leaves after the commit.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts import permissions
from core.mail import send_templated_mail
from core.models import log_action
from core.workflow import require, require_reason
from projects.models import Call, CallStatus, Follow
from projects.services.common import apply_changes, checked, decide

EDITABLE_FIELDS = [
    "programme", "identifier", "title", "opens_on", "deadline", "second_deadline", "budget_eur", "url", "summary"
]


def call_record(call: Call, *, by, topics=()) -> Call:
    """Staff's calls are published at once; an officer's wait for staff."""
    require(permissions.can_record_call(by), _("Only verified city officers and staff can record funding calls."))
    checked(call)
    staff = permissions.can_moderate(by)
    call.recorded_by = by
    call.status = CallStatus.PUBLISHED if staff else CallStatus.PROPOSED
    if staff:
        call.record_decision(by=by)
    with transaction.atomic():
        call.save()
        call.topics.set(topics)
        log_action(call, "projects.call.recorded", actor=by, to_state=call.status)
    if not staff:
        send_templated_mail("projects/emails/call_staff", {"call": call}, settings.STAFF_NOTIFICATION_EMAILS)
    return call


def _mail_recorder(call: Call, template: str) -> None:
    if call.recorded_by_id and call.recorded_by.email and not call.recorded_by.is_staff:
        send_templated_mail(f"projects/emails/{template}", {"call": call}, [call.recorded_by.email])


def _decide_call(call: Call, *, to: str, by, note: str) -> Call:
    locked = decide(
        call, to=to, allowed_from=[CallStatus.PROPOSED], action=f"projects.call.{to}", by=by, note=note,
        staff_only=_("Only staff decide on funding calls."), related=["recorded_by"],
    )
    _mail_recorder(locked, f"call_{to}")
    return locked


def call_publish(call: Call, *, by, note: str = "") -> Call:
    return _decide_call(call, to=CallStatus.PUBLISHED, by=by, note=note)


def call_reject(call: Call, *, by, note: str) -> Call:
    note = require_reason(note, _("Give the reason: it is sent to the officer who recorded the call."))
    return _decide_call(call, to=CallStatus.REJECTED, by=by, note=note)


def call_update(call: Call, *, by, changes: dict, topics=None) -> list[str]:
    """Staff correct a call (in the admin); returns the fields changed."""
    require(permissions.can_moderate(by), _("Only staff change funding calls."))
    return apply_changes(
        call, by=by, action="projects.call.changed", fields=EDITABLE_FIELDS, changes=changes, topics=topics
    )


# Following ----------------------------------------------------------------------------------------------


def _require_follower(user) -> None:
    require(permissions.can_follow_calls(user), _("Confirm your email address to follow calls."))


def follow(user, *, call: Call | None = None, programme: str = "") -> Follow:
    """Idempotent: the same click twice, even at the same moment, is one follow."""
    _require_follower(user)
    try:
        with transaction.atomic():
            followed, _created = Follow.objects.get_or_create(user=user, call=call, programme=programme)
    except IntegrityError:
        followed = Follow.objects.get(user=user, call=call, programme=programme)
    return followed


def unfollow(user, *, call: Call | None = None, programme: str = "") -> None:
    Follow.objects.filter(user=user, call=call, programme=programme).delete()
