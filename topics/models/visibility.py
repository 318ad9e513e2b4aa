"""Who sees which rows, in one place: every list, count, feed, search and city page goes through here."""

from django.db.models import Q

from accounts.permissions import can_moderate, can_see_members_only


def visible_q(user, prefix: str = "", *, hideable: bool = True) -> Q:
    """Rows of a topic-area model (thread, resource, meeting) that `user` may see.

    Staff see hidden rows too (they moderate them); members-only rows need a verified officer or staff.
    """
    condition = Q(**{f"{prefix}topic__is_active": True})
    if can_moderate(user):
        return condition
    if hideable:
        condition &= Q(**{f"{prefix}is_hidden": False})
    if not can_see_members_only(user):
        condition &= Q(**{f"{prefix}members_only": False})
    return condition
