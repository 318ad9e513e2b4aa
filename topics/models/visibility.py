"""Who may read which rows of the topic areas, in one place: every list, count, feed, search, mail and city page
goes through these QuerySet methods, and no caller filters on `is_hidden` or `members_only` itself.

- readable_by(user): what USER may open. Staff see everything, hidden rows too (they moderate them); a
  members-only row needs a verified officer; a hidden row is for staff only.
- public(): what a visitor may read, whoever asks (feeds, the public parts of a city's profile).
- published(): not hidden by the moderators; what is told to people (mails, digests) even when they are staff.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q

from accounts import permissions


def readable_q(user, prefix: str = "", *, hideable: bool = True) -> Q:
    condition = Q(**{f"{prefix}topic__is_active": True})
    if permissions.can_moderate(user):
        return condition
    if hideable:
        condition &= Q(**{f"{prefix}is_hidden": False})
    if not permissions.can_see_members_only(user):
        condition &= Q(**{f"{prefix}members_only": False})
    return condition


class ReadableQuerySet(models.QuerySet):
    """For a model with a topic, `members_only` and `is_hidden` (threads, resources)."""

    def readable_by(self, user):
        return self.filter(readable_q(user))

    def public(self):
        return self.readable_by(AnonymousUser())

    def published(self):
        return self.filter(is_hidden=False)
