"""The signature workflow: the only code that sets a signature's status and its term of office.

unconfirmed --(email link)--> confirmed --(staff)--> verified
any live status --(staff, with a reason)--> rejected; any live status --(signer)--> withdrawn.
A paper signature is recorded by staff and is verified at once.

A verified signature's term of office (term_status) starts "in office" (the term's end, when known, is given
when signing); the daily jobs and the emailed re-confirmation link (no login needed) move it on:

in office --(daily job: a year since signing or the last confirmation, or the term's end)--> asked (a link mailed)
in office --(daily job, the same, but there is no address to ask)--> unanswered
asked --(daily job: no answer within 30 days)--> unanswered (the staff's queue)
asked | unanswered --(link: "I still hold the office")--> in office (confirmed today; a year on, asked again)
asked | unanswered --(staff, with a reason)--> in office
in office | asked | unanswered --(link: "I have left", or staff with a reason; the date they left)--> left
A signature whose ambassador left office stays on the wall, under "former ambassadors": nothing is deleted.

Each step goes through core.workflow.transition: it locks the row, checks the state it starts from, and writes
the one audit entry of the step; mail leaves after the commit. Confirming twice is not an error; a daily job run
twice on one day asks and flags once (each step starts from a state the first run has left).
"""

from contextlib import contextmanager

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import permissions
from ambassadors.models import Declaration, Reconfirmation, Signature
from core.mail import send_templated_mail
from core.models import log_action
from core.workflow import Refused, check_state, lock, require, require_reason, transition

CONFIRMATION_SALT = "ambassadors.signature.confirm"
CONFIRMATION_MAX_AGE = 7 * 24 * 3600
RECONFIRMATION_SALT = "ambassadors.signature.reconfirm"
RECONFIRMATION_MAX_AGE_DAYS = 60  # asked, then flagged for staff after 30 days; a late answer is still welcome
ANSWER_WITHIN_DAYS = 30

Status = Signature.Status
Term = Signature.Term
WAITING_FOR_ANSWER = [Term.ASKED, Term.UNANSWERED]


class ConfirmationLinkError(Exception):
    """The link is expired, tampered with or points nowhere; `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def confirmation_token(signature: Signature) -> str:
    return signing.dumps({"s": signature.pk}, salt=CONFIRMATION_SALT)


def load_link_token(token: str, *, salt: str, max_age: int, key: str, rows):
    """The row of ROWS whose primary key an emailed link's TOKEN carries under KEY; ConfirmationLinkError when
    the link is expired, altered or points nowhere."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ConfirmationLinkError("expired") from error
    except signing.BadSignature as error:
        raise ConfirmationLinkError("invalid") from error
    found = rows.filter(pk=data.get(key)).first() if isinstance(data, dict) else None
    if found is None:
        raise ConfirmationLinkError("invalid")
    return found


def signature_from_token(token: str) -> Signature:
    rows = Signature.objects.select_related("declaration", "city")
    return load_link_token(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE, key="s", rows=rows)


def reconfirmation_token(asked: Reconfirmation) -> str:
    return signing.dumps({"r": asked.pk}, salt=RECONFIRMATION_SALT)


def reconfirmation_from_token(token: str) -> Reconfirmation:
    rows = Reconfirmation.objects.select_related("signature__declaration", "signature__city")
    max_age = RECONFIRMATION_MAX_AGE_DAYS * 24 * 3600
    return load_link_token(token, salt=RECONFIRMATION_SALT, max_age=max_age, key="r", rows=rows)


def _mail_signer(signature: Signature, template: str, *, key: str | None = None, **context) -> None:
    if signature.email:
        send_templated_mail(
            f"ambassadors/emails/{template}",
            {"signature": signature, **context},
            [signature.email],
            language=signature.language or None,
            key=key,
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


def require_staff(by) -> None:
    require(permissions.can_moderate(by), _("Only staff decide on signatures."))


def signature_verify(signature: Signature, *, by, note: str = "") -> Signature:
    require_staff(by)
    with transition(
        signature, allowed_from=[Status.CONFIRMED], action="ambassadors.signature.verified", by=by, reason=note
    ) as locked:
        locked.status, locked.verified_at, locked.decision_note = Status.VERIFIED, timezone.now(), note
        locked.save(update_fields=["status", "verified_at", "decision_note"])
    _mail_signer(locked, "verified")
    return locked


def signature_reject(signature: Signature, *, by, note: str) -> Signature:
    require_staff(by)
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
    require_staff(by)
    if not signature.declaration_id or not signature.declaration.is_published:
        raise Refused({"declaration": _("Choose a published version of the declaration.")})
    if not signature.paper_signed_on:
        raise Refused({"paper_signed_on": _("Give the date the paper was signed.")})
    refusal = paper_signature_refusal(signer=signature.signer, declaration=signature.declaration)
    if refusal is not None:
        raise refusal
    signature.clean()
    signature.office_confirmed_on = signature.paper_signed_on
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


# The term of office ---------------------------------------------------------------------------------------


@contextmanager
def _term_step(signature: Signature, *, allowed_from, action: str, by=None, reason: str = "", refusal=None, **data):
    """A step of a verified signature's term: locked, checked, audited (core.workflow.transition)."""
    with transition(
        signature, field="term_status", allowed_from=allowed_from, action=action, by=by, reason=reason,
        refusal=refusal, related=["declaration", "city"], **data,
    ) as locked:
        check_state(locked, [Status.VERIFIED], refusal=_("Only a verified signature has a term of office."))
        yield locked


def signature_ask_to_reconfirm(signature: Signature, *, today) -> Reconfirmation | None:
    """The daily job asks an ambassador whose year or term is up whether they still hold the office, once per
    due date. None when there is nothing to ask now."""
    due_on = signature.next_reconfirmation_on
    if due_on > today or Reconfirmation.objects.filter(signature=signature, due_on=due_on).exists():
        return None
    occasion = Reconfirmation.Occasion.TERM_END if due_on == signature.term_ends_on else Reconfirmation.Occasion.YEARLY
    to = Term.ASKED if signature.email else Term.UNANSWERED  # a paper signature may have no address to ask
    with _term_step(
        signature, allowed_from=[Term.IN_OFFICE], action=f"ambassadors.signature.reconfirmation_{to}",
        occasion=occasion, due_on=due_on.isoformat(),
    ) as locked:
        asked = Reconfirmation.objects.create(signature=locked, occasion=occasion, due_on=due_on, sent_on=today)
        locked.term_status = to
        locked.save(update_fields=["term_status"])
    _mail_signer(locked, "reconfirm", key=f"ambassadors.reconfirm.{asked.pk}", asked=asked,
                 token=reconfirmation_token(asked), answer_days=ANSWER_WITHIN_DAYS)
    return asked


def signature_flag_unanswered(signature: Signature) -> Signature:
    """The daily job: no answer within ANSWER_WITHIN_DAYS, so staff find the signature in their queue."""
    with _term_step(
        signature, allowed_from=[Term.ASKED], action="ambassadors.signature.reconfirmation_unanswered"
    ) as locked:
        locked.term_status = Term.UNANSWERED
        locked.save(update_fields=["term_status"])
    return locked


def _back_in_office(signature: Signature, *, by, reason: str = "", via: str, term_ends_on=None) -> Signature:
    with _term_step(
        signature, allowed_from=WAITING_FOR_ANSWER, action="ambassadors.signature.office_confirmed", by=by,
        reason=reason, refusal=_("Nobody has asked this ambassador to re-confirm: there is nothing to confirm."),
        via=via,
    ) as locked:
        locked.term_status, locked.office_confirmed_on = Term.IN_OFFICE, timezone.localdate()
        fields = ["term_status", "office_confirmed_on"]
        if term_ends_on is not None:
            locked.term_ends_on = term_ends_on
            fields.append("term_ends_on")
        locked.save(update_fields=fields)
    return locked


def _left_office(signature: Signature, *, left_office_on, by, reason: str = "", via: str) -> Signature:
    if left_office_on is None:
        raise Refused({"left_office_on": _("Give the date they left the office.")})
    if problem := signature.left_office_refusal(left_office_on):
        raise Refused({"left_office_on": problem})
    with _term_step(
        signature, allowed_from=[Term.IN_OFFICE, *WAITING_FOR_ANSWER], action="ambassadors.signature.left_office",
        by=by, reason=reason, refusal=_("This ambassador is already recorded as having left office."), via=via,
        left_office_on=left_office_on.isoformat(),
    ) as locked:
        locked.term_status, locked.left_office_on = Term.LEFT, left_office_on
        locked.save(update_fields=["term_status", "left_office_on"])
    return locked


def reconfirmation_refusal(asked: Reconfirmation) -> Refused | None:
    """Why a re-confirmation link can change nothing now (answered already, or no longer asked), or None."""
    if asked.answered_at is not None:
        return Refused(_("This request has already been answered. Nothing was changed."), code="used")
    signature = asked.signature
    latest = signature.reconfirmations.order_by("-due_on", "-pk").values_list("pk", flat=True).first()
    if signature.status != Status.VERIFIED or signature.term_status not in WAITING_FOR_ANSWER or latest != asked.pk:
        return Refused(
            _("This request no longer needs an answer: the signature's record has changed since we asked. "
              "Nothing was changed."),
            code="closed",
        )
    return None


def reconfirmation_answer(
    asked: Reconfirmation, *, still_in_office: bool, left_office_on=None, term_ends_on=None, by=None
) -> Signature:
    """The ambassador answers through the emailed link (whoever holds it; no login needed). The link then
    works no more."""
    with transaction.atomic():
        asked = lock(asked, related=["signature"])
        refusal = reconfirmation_refusal(asked)
        if refusal is not None:
            raise refusal
        if still_in_office:
            signature = _back_in_office(asked.signature, by=by, via="link", term_ends_on=term_ends_on)
        else:
            signature = _left_office(asked.signature, left_office_on=left_office_on, by=by, via="link")
        asked.answer = Reconfirmation.Answer.IN_OFFICE if still_in_office else Reconfirmation.Answer.LEFT
        asked.answered_at = timezone.now()
        asked.save(update_fields=["answer", "answered_at"])
    return signature


def signature_confirm_in_office(signature: Signature, *, by, note: str) -> Signature:
    """Staff heard otherwise (a call, the city's website) that the ambassador still holds the office."""
    require_staff(by)
    note = require_reason(note, _("Say how you know: it is kept in the signature's history."))
    return _back_in_office(signature, by=by, reason=note, via="staff")


def signature_record_left_office(signature: Signature, *, by, note: str, left_office_on=None) -> Signature:
    """Staff record that the ambassador left the office; the ambassador is told, with the reason."""
    require_staff(by)
    note = require_reason(note, _("Give the reason: it is kept in the signature's history and sent to the ambassador."))
    signature = _left_office(signature, left_office_on=left_office_on, by=by, reason=note, via="staff")
    _mail_signer(signature, "left_office", reason=note)
    return signature
