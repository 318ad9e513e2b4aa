"""What the projects' workflows share: refusing contradictory dates at their field, and logged changes."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import permissions
from core.models import log_action
from core.workflow import Refused, lock, require, transition


def checked(obj) -> None:
    """OBJ's own rules (dates that contradict each other), refused at the field they concern."""
    try:
        obj.clean()
    except ValidationError as error:
        raise Refused(error.message_dict if hasattr(error, "error_dict") else error.messages) from None


def apply_changes(obj, *, by, action: str, fields: list[str], changes: dict, topics=None) -> list[str]:
    """Change OBJ's FIELDS to CHANGES (and its topics), check it, save, and log which fields changed."""
    with transaction.atomic():
        locked = lock(obj)
        changed = [name for name in fields if name in changes and getattr(locked, name) != changes[name]]
        for name in changed:
            setattr(locked, name, changes[name])
        checked(locked)
        if topics is not None and {t.pk for t in topics} != set(locked.topics.values_list("pk", flat=True)):
            locked.topics.set(topics)
            changed.append("topics")
        if changed:
            locked.save(update_fields=[name for name in changed if name != "topics"])
            log_action(locked, action, actor=by, fields=changed)
    return changed


def decide(obj, *, to: str, allowed_from: list, action: str, by, note: str, staff_only: str, related=(), then=None):
    """Staff's decision on OBJ (a Decided row with a status): refused with STAFF_ONLY to anyone else; from
    ALLOWED_FROM to TO, who and why recorded, one audit entry; THEN(locked) runs in the same transaction.
    Returns the locked, decided copy."""
    require(permissions.can_moderate(by), staff_only)
    with transition(obj, allowed_from=allowed_from, action=action, by=by, reason=note, related=related) as locked:
        locked.status = to
        locked.save(update_fields=["status", *locked.record_decision(by=by, note=note)])
        if then is not None:
            then(locked)
    return locked
