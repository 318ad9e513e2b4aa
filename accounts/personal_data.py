"""What the portal stores about a person, for "download my data" and "delete my account".

Each app adds its part from its AppConfig.ready():

    personal_data.register("signatures", lambda user: [...])   # JSON-serialisable
    personal_data.register_deletion(withdraw_signatures)        # fn(user), inside the deletion transaction
"""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

EXPORTERS: dict[str, Callable[[Any], Any]] = {}
DELETION_HOOKS: list[Callable[[Any], None]] = []


def register(name: str, fn: Callable[[Any], Any]) -> None:
    if name in EXPORTERS and EXPORTERS[name] is not fn:
        raise ValueError(f"A personal data section named {name!r} is already registered.")
    EXPORTERS[name] = fn


def register_deletion(fn: Callable[[Any], None]) -> None:
    if fn not in DELETION_HOOKS:
        DELETION_HOOKS.append(fn)


def collect(user) -> dict[str, Any]:
    data: dict[str, Any] = {"exported_at": timezone.now()}
    for name, fn in EXPORTERS.items():
        data[name] = fn(user)
    return data


def run_deletion_hooks(user) -> None:
    for fn in DELETION_HOOKS:
        fn(user)


# The accounts app's own parts.


def _account(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "signup_language": user.signup_language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_staff": user.is_staff,
    }


def _email_addresses(user) -> list[dict]:
    return list(user.emailaddress_set.order_by("pk").values("email", "verified", "primary"))


def _two_factor(user) -> list[dict]:
    # The kinds and dates only: secrets and recovery codes are never exported.
    return [
        {
            "type": authenticator.type,
            "created_at": authenticator.created_at,
            "last_used_at": authenticator.last_used_at,
        }
        for authenticator in user.authenticator_set.order_by("pk")
    ]


def _affiliations(user) -> list[dict]:
    return [
        {
            "city": affiliation.city.name,
            "role": affiliation.role,
            "job_title": affiliation.job_title,
            "note": affiliation.note,
            "listed_publicly": affiliation.listed_publicly,
            "status": affiliation.status,
            "decision_note": affiliation.decision_note,
            "decided_at": affiliation.decided_at,
            "requested_at": affiliation.created_at,
        }
        for affiliation in user.affiliations.select_related("city").order_by("created_at", "pk")
    ]


def _audit_entries(user) -> list[dict]:
    from core.models import ActionLog

    return list(
        ActionLog.objects.filter(actor=user)
        .order_by("created_at", "pk")
        .values("created_at", "action", "object_repr", "data")
    )


def _mails(user) -> list[dict]:
    from core.models import OutboxMail

    return list(
        OutboxMail.objects.of(user)
        .order_by("created_at", "pk")
        .values("created_at", "to_email", "language", "subject", "body", "state", "sent_at")
    )


def _delete_mails(user) -> None:
    from core.models import OutboxMail

    OutboxMail.objects.of(user).delete()


register("account", _account)
register("email_addresses", _email_addresses)
register("two_factor_authentication", _two_factor)
register("affiliations", _affiliations)
register("audit_entries_as_actor", _audit_entries)
register("mails", _mails)
register_deletion(_delete_mails)
