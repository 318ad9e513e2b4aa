"""The accounts app's part of "download my data" (registered in AccountsConfig.ready())."""


def account(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "signup_language": user.signup_language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_staff": user.is_staff,
        "right_to_report_withdrawn": user.reporting_revoked,
    }


def email_addresses(user) -> list[dict]:
    return list(user.emailaddress_set.order_by("pk").values("email", "verified", "primary"))


def two_factor(user) -> list[dict]:
    # The kinds and dates only: secrets and recovery codes are never exported.
    return [
        {
            "type": authenticator.type,
            "created_at": authenticator.created_at,
            "last_used_at": authenticator.last_used_at,
        }
        for authenticator in user.authenticator_set.order_by("pk")
    ]


def affiliations(user) -> list[dict]:
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


def audit_entries(user) -> list[dict]:
    from core.models import ActionLog

    return list(
        ActionLog.objects.filter(actor=user)
        .order_by("created_at", "pk")
        .values("created_at", "action", "object_repr", "data")
    )


def mails(user) -> list[dict]:
    from core.models import OutboxMail

    return list(
        OutboxMail.objects.of(user)
        .order_by("created_at", "pk")
        .values("created_at", "to_email", "language", "subject", "body", "state", "sent_at")
    )


def delete_mails(user) -> None:
    from core.models import OutboxMail

    OutboxMail.objects.of(user).delete()
