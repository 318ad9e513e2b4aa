"""The signature workflow: the only code that sets a signature's status.

unconfirmed --(email link)--> confirmed --(staff)--> verified
any live status --(staff, with a reason)--> rejected; any live status --(signer)--> withdrawn.
A paper signature is recorded by staff and is verified at once.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.permissions import can_moderate, can_sign_declaration, cities_to_sign_for
from ambassadors.models import Declaration, Signature, SignatureEvent
from core.mail import send_templated_mail
from core.models import log_action

CONFIRMATION_SALT = "ambassadors.signature.confirm"
CONFIRMATION_MAX_AGE = 7 * 24 * 3600

Status = Signature.Status


class ConfirmationLinkError(Exception):
    """The link is expired, tampered with or points nowhere; `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def confirmation_token(signature: Signature) -> str:
    return signing.dumps({"s": signature.pk}, salt=CONFIRMATION_SALT)


def signature_from_token(token: str) -> Signature:
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ConfirmationLinkError("expired") from error
    except signing.BadSignature as error:
        raise ConfirmationLinkError("invalid") from error
    signature = Signature.objects.select_related("declaration", "city").filter(pk=data.get("s")).first()
    if signature is None:
        raise ConfirmationLinkError("invalid")
    return signature


def _record(signature: Signature, *, from_status: str, by, note: str = "") -> None:
    actor = by if by is not None and by.is_authenticated else None
    SignatureEvent.objects.create(
        signature=signature, actor=actor, from_status=from_status, to_status=signature.status, note=note
    )
    log_action(
        signature,
        f"ambassadors.signature.{signature.status}",
        actor=actor,
        from_status=from_status,
        note=note,
    )


def _locked(signature: Signature, allowed: tuple[str, ...]) -> Signature:
    return _check_state(Signature.objects.select_for_update().get(pk=signature.pk), allowed)


def _check_state(locked: Signature, allowed: tuple[str, ...]) -> Signature:
    if locked.status not in allowed:
        raise ValidationError(
            _("This signature is %(status)s; that step is not possible now.")
            % {"status": locked.get_status_display().lower()},
            code="wrong_state",
        )
    return locked


def _mail_signer(signature: Signature, template: str, **context) -> None:
    if signature.email:
        send_templated_mail(
            f"ambassadors/emails/{template}",
            {"signature": signature, **context},
            [signature.email],
            language=signature.language or None,
        )


def _flag_duplicates(signature: Signature) -> None:
    others = Signature.objects.likely_duplicates_of(signature)
    if others.exists():
        others.update(possible_duplicate=True)
        Signature.objects.filter(pk=signature.pk).update(possible_duplicate=True)
        signature.possible_duplicate = True


def _already_signed_error() -> ValidationError:
    return ValidationError(
        _(
            "You have already signed this version of the declaration. "
            "See your signatures on your ambassador page."
        ),
        code="already_signed",
    )


def signature_submit(signature: Signature, *, by) -> Signature:
    """A representative signs online. `signature` carries the form's fields and its declaration."""
    if not can_sign_declaration(by):
        raise PermissionDenied(_("Only verified political representatives of member cities may sign."))
    declaration = signature.declaration
    current = Declaration.objects.current()
    if current is None or current.pk != declaration.pk:
        raise ValidationError(
            _("A newer version of the declaration has been published. Please read it before signing."),
            code="not_current",
        )
    if signature.city_id not in {city.pk for city in cities_to_sign_for(by)}:
        raise ValidationError(
            {"city": _("You can sign only for a city you are recognised as a political representative of.")}
        )
    signature.signer = by
    signature.email = by.email
    signature.source = Signature.Source.ONLINE
    signature.status = Status.UNCONFIRMED
    signature.text_sha256 = declaration.text_sha256
    signature.language = translation.get_language() or settings.LANGUAGE_CODE
    signature.clean()
    if Signature.objects.live().filter(declaration=declaration, signer=by).exists():
        raise _already_signed_error()
    try:
        with transaction.atomic():
            signature.save()
            _flag_duplicates(signature)
            _record(signature, from_status="", by=by)
    except IntegrityError as error:
        # Two requests at once: the database's constraint let only one of them through.
        signature.pk = None
        raise _already_signed_error() from error
    _mail_signer(signature, "confirm", token=confirmation_token(signature))
    return signature


def signature_resend_confirmation(signature: Signature, *, by) -> None:
    """A fresh link for a signer whose mail got lost or whose link expired; the status does not change."""
    if by is None or not by.is_authenticated or signature.signer_id != by.pk:
        raise PermissionDenied(_("Only the signer may ask for the confirmation email."))
    _check_state(signature, (Status.UNCONFIRMED,))
    _mail_signer(signature, "confirm", token=confirmation_token(signature))


def signature_confirm(signature: Signature, *, by=None) -> bool:
    """The signer clicked the emailed link. True when confirmed now, False when it already was."""
    with transaction.atomic():
        locked = Signature.objects.select_for_update().get(pk=signature.pk)
        if locked.status in (Status.CONFIRMED, Status.VERIFIED):
            return False
        _check_state(locked, (Status.UNCONFIRMED,))
        locked.status = Status.CONFIRMED
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["status", "confirmed_at"])
        _record(locked, from_status=Status.UNCONFIRMED, by=by)
    _mail_signer(locked, "confirmed")
    send_templated_mail(
        "ambassadors/emails/staff_waiting", {"signature": locked}, settings.STAFF_NOTIFICATION_EMAILS
    )
    signature.status, signature.confirmed_at = locked.status, locked.confirmed_at
    return True


def _require_staff(by) -> None:
    if not can_moderate(by):
        raise PermissionDenied(_("Only staff decide on signatures."))


def signature_verify(signature: Signature, *, by, note: str = "") -> Signature:
    _require_staff(by)
    with transaction.atomic():
        locked = _locked(signature, (Status.CONFIRMED,))
        locked.status = Status.VERIFIED
        locked.verified_at = timezone.now()
        locked.decision_note = note
        locked.save(update_fields=["status", "verified_at", "decision_note"])
        _record(locked, from_status=Status.CONFIRMED, by=by, note=note)
    _mail_signer(locked, "verified")
    return locked


def signature_reject(signature: Signature, *, by, note: str) -> Signature:
    _require_staff(by)
    if not (note or "").strip():
        raise ValidationError(
            _("Give the reason for the rejection: it is sent to the signer."), code="no_reason"
        )
    with transaction.atomic():
        locked = _locked(signature, Signature.LIVE_STATUSES)
        from_status = locked.status
        locked.status = Status.REJECTED
        locked.ended_at = timezone.now()
        locked.decision_note = note
        locked.save(update_fields=["status", "ended_at", "decision_note"])
        _record(locked, from_status=from_status, by=by, note=note)
    _mail_signer(locked, "rejected")
    return locked


def signature_withdraw(signature: Signature, *, by) -> Signature:
    """The signer takes their signature back; it leaves the wall and the counts at once."""
    if by is None or not by.is_authenticated or signature.signer_id != by.pk:
        raise PermissionDenied(_("Only the signer may withdraw a signature."))
    with transaction.atomic():
        locked = _locked(signature, Signature.LIVE_STATUSES)
        from_status = locked.status
        locked.status = Status.WITHDRAWN
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "ended_at"])
        _record(locked, from_status=from_status, by=by)
    _mail_signer(locked, "withdrawn")
    return locked


def signature_record_paper(signature: Signature, *, by) -> Signature:
    """Staff record a declaration signed on paper (date, place, optional scan); it is verified at once."""
    _require_staff(by)
    if not signature.declaration_id or not signature.declaration.is_published:
        raise ValidationError({"declaration": _("Choose a published version of the declaration.")})
    if not signature.paper_signed_on:
        raise ValidationError({"paper_signed_on": _("Give the date the paper was signed.")})
    signature.source = Signature.Source.PAPER
    signature.status = Status.VERIFIED
    signature.text_sha256 = signature.declaration.text_sha256
    signature.language = signature.language or settings.LANGUAGE_CODE
    now = timezone.now()
    signature.confirmed_at = signature.verified_at = now
    signature.email = signature.email or (signature.signer.email if signature.signer_id else "")
    try:
        with transaction.atomic():
            signature.save()
            _flag_duplicates(signature)
            _record(signature, from_status="", by=by, note=_("Signed on paper"))
    except IntegrityError as error:
        signature.pk = None
        raise ValidationError(
            {"signer": _("This account already has a live signature on this version.")}
        ) from error
    _mail_signer(signature, "verified")
    return signature


def declaration_publish(declaration: Declaration, *, by, note: str = "") -> Declaration:
    """From now on the version's text is fixed, and it becomes the one people sign."""
    _require_staff(by)
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().get(pk=declaration.pk)
        if locked.is_published:
            raise ValidationError(_("This version is already published."), code="published")
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        log_action(locked, "ambassadors.declaration.published", actor=by, version=locked.version, note=note)
    return locked


def declaration_new_version(declaration: Declaration, *, by, note: str = "") -> Declaration:
    """A draft copy of a version, with its translations, for staff to edit and publish."""
    _require_staff(by)
    with transaction.atomic():
        # Locking the newest row serialises two staff members starting a version at once.
        latest = Declaration.objects.select_for_update().order_by("-version").first()
        draft = Declaration.objects.create(
            version=latest.version + 1, title=declaration.title, body=declaration.body
        )
        for source in declaration.translations.all():
            draft.translations.create(language=source.language, title=source.title, body=source.body)
        log_action(
            draft, "ambassadors.declaration.drafted", actor=by, copied_from=declaration.version, note=note
        )
    return draft
