"""The signature workflow: the only code that sets a signature's status.

unconfirmed --(email link)--> confirmed --(staff)--> verified
any live status --(staff, with a reason)--> rejected; any live status --(signer)--> withdrawn.
A paper signature is recorded by staff and is verified at once.

Each step goes through core.workflow.transition: it locks the row, checks the state it starts from, and writes
the one audit entry of the step; mail leaves after the commit. Confirming twice is not an error.
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import permissions
from ambassadors.models import Declaration, Signature
from core.mail import send_templated_mail
from core.models import log_action
from core.workflow import Refused, check_state, require, require_reason, transition

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


def _already_signed() -> Refused:
    return Refused(
        _("You have already signed this version of the declaration. See your signatures on your ambassador page."),
        code="already_signed",
    )


def signing_refusal(user, declaration: Declaration | None, *, version_read: int | None = None) -> Refused | None:
    """Why USER cannot sign DECLARATION now (having read VERSION_READ), or None: the sign page asks before it
    shows the form, and signature_submit before it stores anything."""
    if not permissions.can_sign_declaration(user):
        return Refused(_("Only verified political representatives of member cities may sign."), code="forbidden")
    current = Declaration.objects.current()
    if current is None or declaration is None or current.pk != declaration.pk or version_read not in (
        None,
        current.version,
    ):
        return Refused(
            _("A newer version of the declaration has been published. Please read it before signing."),
            code="not_current",
        )
    if Signature.objects.live().filter(declaration=declaration, signer=user).exists():
        return _already_signed()
    return None


def signature_submit(signature: Signature, *, by, version_read: int | None = None) -> Signature:
    """A representative signs online. `signature` carries the form's fields and its declaration."""
    refusal = signing_refusal(by, signature.declaration, version_read=version_read)
    if refusal is not None:
        raise refusal
    if signature.city_id not in {city.pk for city in permissions.cities_to_sign_for(by)}:
        raise Refused(
            {"city": _("You can sign only for a city you are recognised as a political representative of.")}
        )
    declaration = signature.declaration
    signature.signer, signature.email = by, by.email
    signature.source, signature.status = Signature.Source.ONLINE, Status.UNCONFIRMED
    signature.text_sha256 = declaration.text_sha256
    signature.language = translation.get_language() or settings.LANGUAGE_CODE
    signature.clean()
    try:
        with transaction.atomic():
            signature.save()
            _flag_duplicates(signature)
            log_action(signature, "ambassadors.signature.unconfirmed", actor=by, to_state=signature.status)
    except IntegrityError as error:
        # Two requests at once: the database's constraint let only one of them through.
        signature.pk = None
        raise _already_signed() from error
    _mail_signer(signature, "confirm", token=confirmation_token(signature))
    return signature


def signature_resend_confirmation(signature: Signature, *, by) -> None:
    """A fresh link for a signer whose mail got lost or whose link expired; the status does not change."""
    require(permissions.is_signer(by, signature), _("Only the signer may ask for the confirmation email."))
    check_state(signature, [Status.UNCONFIRMED])
    _mail_signer(signature, "confirm", token=confirmation_token(signature))


def signature_confirm(signature: Signature, *, by=None) -> bool:
    """The signer clicked the emailed link. True when confirmed now, False when it already was."""
    if signature.status in (Status.CONFIRMED, Status.VERIFIED):
        return False
    try:
        with transition(
            signature, allowed_from=[Status.UNCONFIRMED], action="ambassadors.signature.confirmed", by=by
        ) as locked:
            locked.status, locked.confirmed_at = Status.CONFIRMED, timezone.now()
            locked.save(update_fields=["status", "confirmed_at"])
    except Refused:
        signature.refresh_from_db(fields=["status"])
        if signature.status in (Status.CONFIRMED, Status.VERIFIED):
            return False  # the same link clicked twice at once: the other click confirmed it
        raise
    _mail_signer(locked, "confirmed")
    send_templated_mail("ambassadors/emails/staff_waiting", {"signature": locked}, settings.STAFF_NOTIFICATION_EMAILS)
    signature.status, signature.confirmed_at = locked.status, locked.confirmed_at
    return True


def _require_staff(by) -> None:
    require(permissions.can_moderate(by), _("Only staff decide on signatures."))


def signature_verify(signature: Signature, *, by, note: str = "") -> Signature:
    _require_staff(by)
    with transition(
        signature, allowed_from=[Status.CONFIRMED], action="ambassadors.signature.verified", by=by, reason=note
    ) as locked:
        locked.status, locked.verified_at, locked.decision_note = Status.VERIFIED, timezone.now(), note
        locked.save(update_fields=["status", "verified_at", "decision_note"])
    _mail_signer(locked, "verified")
    return locked


def signature_reject(signature: Signature, *, by, note: str) -> Signature:
    _require_staff(by)
    note = require_reason(note, _("Give the reason for the rejection: it is sent to the signer."))
    with transition(
        signature, allowed_from=Signature.LIVE_STATUSES, action="ambassadors.signature.rejected", by=by, reason=note
    ) as locked:
        locked.status, locked.ended_at, locked.decision_note = Status.REJECTED, timezone.now(), note
        locked.save(update_fields=["status", "ended_at", "decision_note"])
    _mail_signer(locked, "rejected")
    return locked


def signature_withdraw(signature: Signature, *, by) -> Signature:
    """The signer takes their signature back; it leaves the wall and the counts at once."""
    require(permissions.is_signer(by, signature), _("Only the signer may withdraw a signature."))
    with transition(
        signature, allowed_from=Signature.LIVE_STATUSES, action="ambassadors.signature.withdrawn", by=by
    ) as locked:
        locked.status, locked.ended_at = Status.WITHDRAWN, timezone.now()
        locked.save(update_fields=["status", "ended_at"])
    _mail_signer(locked, "withdrawn")
    return locked


def _account_signed_already() -> Refused:
    return Refused({"signer": _("This account already has a live signature on this version.")})


def paper_signature_refusal(*, signer, declaration) -> Refused | None:
    """An account signs each version once: a paper signature for it needs no live online one."""
    if signer is not None and Signature.objects.live().filter(signer=signer, declaration=declaration).exists():
        return _account_signed_already()
    return None


def signature_record_paper(signature: Signature, *, by) -> Signature:
    """Staff record a declaration signed on paper (date, place, optional scan); it is verified at once."""
    _require_staff(by)
    if not signature.declaration_id or not signature.declaration.is_published:
        raise Refused({"declaration": _("Choose a published version of the declaration.")})
    if not signature.paper_signed_on:
        raise Refused({"paper_signed_on": _("Give the date the paper was signed.")})
    refusal = paper_signature_refusal(signer=signature.signer, declaration=signature.declaration)
    if refusal is not None:
        raise refusal
    signature.source, signature.status = Signature.Source.PAPER, Status.VERIFIED
    signature.text_sha256 = signature.declaration.text_sha256
    signature.language = signature.language or settings.LANGUAGE_CODE
    signature.confirmed_at = signature.verified_at = timezone.now()
    signature.email = signature.email or (signature.signer.email if signature.signer_id else "")
    try:
        with transaction.atomic():
            signature.save()
            _flag_duplicates(signature)
            log_action(
                signature, "ambassadors.signature.verified", actor=by, to_state=signature.status, source="paper"
            )
    except IntegrityError as error:
        signature.pk = None
        raise _account_signed_already() from error
    _mail_signer(signature, "verified")
    return signature


def declaration_publish(declaration: Declaration, *, by, note: str = "") -> Declaration:
    """From now on the version's text is fixed, and it becomes the one people sign."""
    _require_staff(by)
    with transition(
        declaration,
        field="published_at",
        allowed_from=[None],
        refusal=_("This version is already published."),
        action="ambassadors.declaration.published",
        by=by,
        reason=note,
        version=declaration.version,
    ) as locked:
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
    return locked


def declaration_new_version(declaration: Declaration, *, by, note: str = "") -> Declaration:
    """A draft copy of a version, with its translations, for staff to edit and publish."""
    _require_staff(by)
    with transaction.atomic():
        # Locking the newest row serialises two staff members starting a version at once.
        latest = Declaration.objects.select_for_update().order_by("-version").first()
        draft = Declaration.objects.create(version=latest.version + 1, title=declaration.title, body=declaration.body)
        for source in declaration.translations.all():
            draft.translations.create(language=source.language, title=source.title, body=source.body)
        log_action(draft, "ambassadors.declaration.drafted", actor=by, copied_from=declaration.version, reason=note)
    return draft
