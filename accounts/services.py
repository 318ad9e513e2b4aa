"""The affiliation workflow and account deletion: the only code that changes an affiliation's status."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions, personal_data
from accounts.models import Affiliation, User
from cities.models import City
from core.mail import send_templated_mail
from core.models import ActionLog, log_action

REPEAT_WINDOW = datetime.timedelta(minutes=1)


def _duplicate_error() -> ValidationError:
    return ValidationError(
        _("You already have a pending or verified request for this city in this role."), code="duplicate"
    )


def _same_request_just_sent(*, user: User, city: City, role: str, job_title: str) -> Affiliation | None:
    """The same request sent twice within a minute (a double click) is one request, not an error."""
    return (
        Affiliation.objects.pending()
        .filter(
            user=user,
            city=city,
            role=role,
            job_title=job_title,
            created_at__gte=timezone.now() - REPEAT_WINDOW,
        )
        .first()
    )


def affiliation_request(
    *,
    user: User,
    city: City,
    role: str,
    job_title: str,
    note: str = "",
    listed_publicly: bool = False,
    full_name: str = "",
) -> Affiliation:
    if not permissions.can_request_affiliation(user):
        raise ValidationError(_("Confirm your email address before asking to act for a city."))
    if city.membership_status != City.Membership.MEMBER:
        raise ValidationError(_("Only member cities can be chosen."), code="not_member")
    repeated = _same_request_just_sent(user=user, city=city, role=role, job_title=job_title)
    if repeated is not None:
        return repeated
    if Affiliation.objects.live().filter(user=user, city=city, role=role).exists():
        raise _duplicate_error()
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


def _locked(affiliation: Affiliation, *, expected: tuple[str, ...]) -> Affiliation:
    locked = Affiliation.objects.select_for_update().select_related("user", "city").get(pk=affiliation.pk)
    if locked.status not in expected:
        raise ValidationError(
            _("This affiliation is %(status)s: that step is not possible now.")
            % {"status": locked.get_status_display().lower()},
            code="wrong_state",
        )
    return locked


def _decide(affiliation: Affiliation, *, status: str, by, note: str, expected: tuple[str, ...], action: str):
    with transaction.atomic():
        affiliation = _locked(affiliation, expected=expected)
        affiliation.status = status
        affiliation.decided_by, affiliation.decided_at = by, timezone.now()
        affiliation.decision_note = note
        affiliation.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        log_action(affiliation, f"accounts.affiliation.{action}", actor=by, note=note)
    return affiliation


def _mail_user(affiliation: Affiliation, template: str) -> None:
    send_templated_mail(f"accounts/emails/{template}", {"affiliation": affiliation}, [affiliation.user.email])


def _require_reason(note: str) -> None:
    if not note.strip():
        raise ValidationError(_("Give a reason: it is sent to the person."), code="reason_required")


def affiliation_verify(affiliation: Affiliation, *, by, note: str = "") -> Affiliation:
    affiliation = _decide(
        affiliation,
        status=Affiliation.Status.VERIFIED,
        by=by,
        note=note,
        expected=(Affiliation.Status.PENDING,),
        action="verified",
    )
    _mail_user(affiliation, "affiliation_verified")
    return affiliation


def affiliation_reject(affiliation: Affiliation, *, by, note: str) -> Affiliation:
    _require_reason(note)
    affiliation = _decide(
        affiliation,
        status=Affiliation.Status.REJECTED,
        by=by,
        note=note,
        expected=(Affiliation.Status.PENDING,),
        action="rejected",
    )
    _mail_user(affiliation, "affiliation_rejected")
    return affiliation


def affiliation_revoke(affiliation: Affiliation, *, by, note: str) -> Affiliation:
    _require_reason(note)
    affiliation = _decide(
        affiliation,
        status=Affiliation.Status.REVOKED,
        by=by,
        note=note,
        expected=(Affiliation.Status.VERIFIED,),
        action="revoked",
    )
    _mail_user(affiliation, "affiliation_revoked")
    return affiliation


def affiliation_withdraw(affiliation: Affiliation, *, by) -> Affiliation:
    """The person ends their own request or affiliation; staff need not be asked."""
    if not permissions.can_withdraw_affiliation(by, affiliation):
        raise ValidationError(_("You can only withdraw your own pending or verified affiliations."))
    return _decide(
        affiliation,
        status=Affiliation.Status.WITHDRAWN,
        by=by,
        note="",
        expected=Affiliation.LIVE_STATUSES,
        action="withdrawn",
    )


def account_delete(user: User, *, by=None) -> None:
    """Delete the account and everything stored with it; what others see of the person's posts stays.

    Other apps' hooks run inside the same transaction (e.g. ambassadors withdraw signatures), then
    the user row goes and the foreign keys' on_delete do the rest. The audit trail keeps the fact,
    not the person: entries about the user and their affiliations lose the name they were written with.
    """
    if by is None and not permissions.can_delete_account(user):
        raise ValidationError(_("This account cannot be deleted here."))
    if by is not None and (not permissions.can_moderate(by) or by.pk == user.pk):
        raise ValidationError(_("Only another staff member can delete this account."))
    user_pk = user.pk
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_pk)
        personal_data.run_deletion_hooks(user)
        affiliation_ids = list(user.affiliations.values_list("pk", flat=True))
        former = _("former member #%(id)d") % {"id": user_pk}
        ActionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Affiliation), object_id__in=affiliation_ids
        ).update(object_repr=former)
        ActionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=user_pk
        ).update(object_repr=former)
        entry = log_action(
            user,
            "accounts.user.deleted",
            actor=by,
            by_themselves=by is None,
            affiliations=len(affiliation_ids),
        )
        ActionLog.objects.filter(pk=entry.pk).update(object_repr=former)
        user.delete()
