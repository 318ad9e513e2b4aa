"""The Ambassadors Initiative's part of "download my data", and what deleting an account does to it."""


def signatures(user) -> list[dict]:
    return list(
        user.ambassador_signatures.order_by("pk").values(
            "declaration__version",
            "full_name",
            "office",
            "office_title",
            "city__name",
            "statement",
            "listed_publicly",
            "email",
            "source",
            "status",
            "text_sha256",
            "created_at",
            "confirmed_at",
            "verified_at",
            "term_ends_on",
            "term_status",
            "office_confirmed_on",
            "left_office_on",
        )
    )


def reconfirmations(user) -> list[dict]:
    """The yearly questions about the office, and the answers given."""
    from ambassadors.models import Reconfirmation

    return list(
        Reconfirmation.objects.filter(signature__signer=user)
        .order_by("pk")
        .values("signature__declaration__version", "occasion", "due_on", "sent_on", "answer", "answered_at")
    )


def withdraw_signatures(user) -> None:
    """A deleted account's live signatures are withdrawn: they leave the wall and the counts."""
    from ambassadors.models import Signature
    from ambassadors.services import signature_withdraw

    for signature in user.ambassador_signatures.filter(status__in=Signature.LIVE_STATUSES):
        signature_withdraw(signature, by=user)
