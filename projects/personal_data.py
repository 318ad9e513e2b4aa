"""The projects' part of "download my data". What a person wrote for their city (projects, entries, requests,
interests) stays with the city after the account is deleted, without its author."""

from projects.models import AfterEndEntry, Call, Participation, Project


def follows(user) -> list[dict]:
    return [
        {
            "call": follow.call.identifier if follow.call_id else None,
            "programme": follow.programme,
            "since": follow.created_at,
        }
        for follow in user.call_follows.select_related("call").order_by("created_at", "pk")
    ]


def partner_requests(user) -> list[dict]:
    return list(
        user.partner_requests.order_by("created_at", "pk").values(
            "title", "description", "city__name", "status", "deadline", "created_at"
        )
    )


def partner_interests(user) -> list[dict]:
    interests = user.partner_interests.order_by("created_at", "pk")
    return list(interests.values("request__title", "city__name", "message", "created_at"))


def after_the_end_entries(user) -> list[dict]:
    return list(
        AfterEndEntry.objects.filter(author=user)
        .order_by("created_at", "pk")
        .values("project__acronym", "city__name", "happened_on", "title", "description", "created_at")
    )


def proposals(user) -> list[dict]:
    return [
        *Project.objects.filter(proposed_by=user).order_by("pk").values("acronym", "status", "created_at"),
        *Participation.objects.filter(proposed_by=user)
        .order_by("pk")
        .values("project__acronym", "city__name", "role", "status", "created_at"),
        *Call.objects.filter(recorded_by=user).order_by("pk").values("identifier", "status", "created_at"),
    ]
