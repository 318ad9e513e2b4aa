"""The affiliation workflow, the right to report, and account deletion: the only code that changes an
affiliation's status or a person's right to report.

pending --(staff)--> verified | rejected (reason mailed); verified --(staff, reason)--> revoked;
pending or verified --(the person)--> withdrawn.
may report --(staff, reason mailed: reports made in bad faith)--> may not report --(staff, reason)--> may report
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Affiliation, User
from core import extensions
from core.mail import send_templated_mail
from core.models import log_action
from core.workflow import Refused, require, require_reason, transition

REPEAT_WINDOW = datetime.timedelta(minutes=1)
Status = Affiliation.Status


def _duplicate_error() -> Refused:
    return Refused(
        _("You already have a pending or verified request for this city in this role."), code="duplicate"
    )


def _same_request_just_sent(*, user: User, city, role: str, job_title: str) -> Affiliation | None:
    """The same request sent twice within a minute (a double click) is one request, not an error."""
    return (
        Affiliation.objects.pending()
        .filter(user=user, city=city, role=role, job_title=job_title, created_at__gte=timezone.now() - REPEAT_WINDOW)
        .first()
    )


def affiliation_refusal(*, user: User, city, role: str) -> Refused | None:
    """Why USER may not ask to act for CITY in ROLE now, or None: for the form and the workflow alike."""
    if not permissions.can_request_affiliation(user):
        return Refused(_("Confirm your email address before asking to act for a city."), code="forbidden")
    if not permissions.city_confers_rights(city):
        return Refused(_("Only member cities can be chosen."), code="not_member")
    if Affiliation.objects.live().filter(user=user, city=city, role=role).exists():
        return _duplicate_error()
    return None


def affiliation_request(
    *, user: User, city, role: str, job_title: str, note: str = "", listed_publicly: bool = False, full_name: str = ""
) -> Affiliation:
    refusal = affiliation_refusal(user=user, city=city, role=role)
    if refusal is not None:
        repeated = refusal.code == "duplicate" and _same_request_just_sent(
            user=user, city=city, role=role, job_title=job_title
        )
        if repeated:
            return repeated
        raise refusal
    affiliation = Affiliation(
        user=user, city=city, role=role, job_title=job_title, note=note, listed_publicly=listed_publicly
    )
    try:
        with transaction.atomic():
            if full_name and full_name != user.full_name:
                user.full_name = full_name
                user.save(update_fields=["full_name"])
            affiliation.save()
            log_action(affiliation, "accounts.affiliation.requested", actor=user, role=role)
    except IntegrityError as error:
        # Two requests raced past the check above; the database constraint kept only one. Any other
        # integrity error is a bug and must not be reported to the user as a duplicate.
        if "affiliation" not in str(error).lower():
            raise
        repeated = _same_request_just_sent(user=user, city=city, role=role, job_title=job_title)
        if repeated is not None:
            return repeated
        raise _duplicate_error() from None
    send_templated_mail(
        "accounts/emails/affiliation_staff", {"affiliation": affiliation}, settings.STAFF_NOTIFICATION_EMAILS
    )
    return affiliation


# Staff's decisions: the states each starts from, the state it leads to, whether it needs a reason (mailed to the
# person) and the mail that tells them.
DECISIONS = {
    "verified": ([Status.PENDING], Status.VERIFIED, False),
    "rejected": ([Status.PENDING], Status.REJECTED, True),
    "revoked": ([Status.VERIFIED], Status.REVOKED, True),
}


def _decision(name: str, step: str):
    allowed_from, to, reason_required = DECISIONS[step]

    def perform(affiliation: Affiliation, *, by, note: str = "") -> Affiliation:
        require(permissions.can_moderate(by), _("Only staff decide on affiliations."))
        if reason_required:
            note = require_reason(note, _("Give a reason: it is sent to the person."))
        with transition(
            affiliation, allowed_from=allowed_from, action=f"accounts.affiliation.{step}", by=by, reason=note,
            related=["user", "city"],
        ) as locked:
            locked.status = to
            locked.save(update_fields=["status", *locked.record_decision(by=by, note=note)])
        send_templated_mail(
            f"accounts/emails/affiliation_{step}", {"affiliation": locked}, [locked.user.email]
        )
        return locked

    perform.__name__ = name
    return perform


affiliation_verify = _decision("affiliation_verify", "verified")
affiliation_reject = _decision("affiliation_reject", "rejected")
affiliation_revoke = _decision("affiliation_revoke", "revoked")


def affiliation_withdraw(affiliation: Affiliation, *, by) -> Affiliation:
    """The person ends their own request or affiliation; staff need not be asked."""
    require(
        permissions.can_withdraw_affiliation(by, affiliation),
        _("You can only withdraw your own pending or verified affiliations."),
    )
    with transition(
        affiliation, allowed_from=Affiliation.LIVE_STATUSES, action="accounts.affiliation.withdrawn", by=by
    ) as locked:
        locked.status = Status.WITHDRAWN
        locked.save(update_fields=["status"])
    return locked


def _set_reporting_revoked(user: User, revoked: bool, *, by, note: str) -> User:
    require(permissions.can_moderate(by), _("Only staff decide on the right to report."))
    note = require_reason(note, _("Give a reason: it is sent to the person."))
    already = _("This person has already lost the right to report.") if revoked else _("This person may report.")
    with transition(
        user, field="reporting_revoked", allowed_from=[not revoked], refusal=already, by=by, reason=note,
        action="accounts.user.reporting_withdrawn" if revoked else "accounts.user.reporting_restored",
    ) as locked:
        locked.reporting_revoked = revoked
        locked.save(update_fields=["reporting_revoked"])
    template = "reporting_withdrawn" if revoked else "reporting_restored"
    send_templated_mail(f"accounts/emails/{template}", {"person": locked, "reason": note}, [locked.email])
    return locked


def reporting_right_withdraw(user: User, *, by, note: str) -> User:
    """Staff decide that the person reports in bad faith: their reports are refused, and no longer count."""
    return _set_reporting_revoked(user, True, by=by, note=note)


def reporting_right_restore(user: User, *, by, note: str) -> User:
    return _set_reporting_revoked(user, False, by=by, note=note)


def account_delete(user: User, *, by=None) -> None:
    """Delete the account and everything stored with it; what others see of the person's posts stays.

    Other apps' deletion hooks run inside the same transaction (e.g. ambassadors withdraw signatures), then
    the user row goes and the foreign keys' on_delete do the rest. The audit trail keeps the facts: its entries
    never named the person (see User.audit_label), and the ones they made lose their actor.
    """
    if by is None:
        require(permissions.can_delete_account(user), _("This account cannot be deleted here."))
    else:
        require(
            permissions.can_moderate(by) and by.pk != user.pk, _("Only another staff member can delete this account.")
        )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        extensions.personal_data.delete(user)
        log_action(
            user,
            "accounts.user.deleted",
            actor=by,
            by_themselves=by is None,
            affiliations=user.affiliations.count(),
        )
        user.delete()
