"""The declaration's workflow: staff publish a version (its text is fixed from then on) and start the next."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassadors.models import Declaration
from ambassadors.services import require_staff
from core.models import log_action
from core.workflow import transition


def declaration_publish(declaration: Declaration, *, by, note: str = "") -> Declaration:
    """From now on the version's text is fixed, and it becomes the one people sign."""
    require_staff(by)
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
    require_staff(by)
    with transaction.atomic():
        # Locking the newest row serialises two staff members starting a version at once.
        latest = Declaration.objects.select_for_update().order_by("-version").first()
        draft = Declaration.objects.create(version=latest.version + 1, title=declaration.title, body=declaration.body)
        for source in declaration.translations.all():
            draft.translations.create(language=source.language, title=source.title, body=source.body)
        log_action(draft, "ambassadors.declaration.drafted", actor=by, copied_from=declaration.version, reason=note)
    return draft
