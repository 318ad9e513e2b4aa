"""The workflow kernel: every state machine of the portal moves through `transition`.

A step locks the row (select_for_update, so two requests cannot both take it), checks the state it starts
from, lets the caller change it, and writes one audit entry (dotted action code, who, why, from which state to
which), all in one transaction. Mail is queued by the caller through core.mail, which sends only once the
transaction has committed. Every refusal (no right, wrong state, no reason given) is `Refused`: a
ValidationError, so forms show it next to their fields and views and admin actions as a message.

    def affiliation_verify(affiliation, *, by, note=""):
        require(can_moderate(by), _("Only staff decide on affiliations."))
        with transition(affiliation, allowed_from=[PENDING], action="accounts.affiliation.verified", by=by,
                        reason=note) as locked:
            locked.status = VERIFIED
            locked.save(update_fields=["status"])
        send_templated_mail(...)
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import log_action


class Refused(ValidationError):
    """A step that may not happen now; its message is for the person who asked."""


def require(allowed: bool, message: str, *, code: str = "forbidden") -> None:
    if not allowed:
        raise Refused(message, code=code)


def require_reason(reason: str, message: str | None = None) -> str:
    """The reason, stripped; refused when there is none (it is written to the audit trail and often mailed)."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused(message or _("Give a reason."), code="reason_required")
    return reason


def lock(obj, *, related: Iterable[str] = ()):
    """A fresh copy of OBJ's row, locked until the surrounding transaction ends."""
    manager = type(obj)._default_manager
    return manager.select_for_update(of=("self",)).select_related(*related).get(pk=obj.pk)


def check_state(obj, allowed_from, *, field: str = "status", refusal: str | None = None) -> None:
    """Refuse unless OBJ's FIELD holds one of ALLOWED_FROM (or, when it is a function, one it accepts)."""
    value = getattr(obj, field)
    if allowed_from(value) if callable(allowed_from) else value in tuple(allowed_from):
        return
    if refusal is None:
        display = getattr(obj, f"get_{field}_display", lambda: getattr(obj, field))
        refusal = _("That step is not possible now (%(thing)s: %(state)s).") % {
            "thing": obj._meta.verbose_name,
            "state": str(display()).lower(),
        }
    raise Refused(refusal, code="wrong_state")


@contextmanager
def transition(
    obj,
    *,
    allowed_from: Iterable | Callable,
    action: str,
    by,
    reason: str = "",
    field: str = "status",
    refusal: str | None = None,
    related: Iterable[str] = (),
    **data,
) -> Iterator:
    """Lock OBJ, check it starts from ALLOWED_FROM, yield the locked copy to change, then audit the step.

    The audit entry records ACTION, BY, REASON, the state before and after, and any DATA given.
    """
    with transaction.atomic():
        locked = lock(obj, related=related)
        check_state(locked, allowed_from, field=field, refusal=refusal)
        before = getattr(locked, field)
        yield locked
        after = getattr(locked, field)
        log_action(locked, action, actor=by, reason=reason, from_state=_plain(before), to_state=_plain(after), **data)


def _plain(state):
    """A state as the audit's JSON keeps it: choices and flags as they are, anything else (a date) as text."""
    return state if state is None or isinstance(state, str | int | float | bool) else str(state)


def perform_and_tell(request, step: Callable[[], object], done: str) -> bool:
    """Run STEP (a workflow call) and tell the person: DONE as a success, or the refusal's message. True when done."""
    from django.contrib import messages

    try:
        step()
    except Refused as refusal:
        messages.error(request, " ".join(refusal.messages))
        return False
    messages.success(request, done)
    return True
