"""Who may do what with a signature. Who may sign at all is decided in accounts.permissions."""

from accounts.models import Affiliation
from accounts.permissions import can_sign_declaration, has_verified_email


def cities_to_sign_for(user) -> list:
    """The member cities the user is a verified political representative of."""
    if not can_sign_declaration(user):
        return []
    return [
        affiliation.city
        for affiliation in user.verified_affiliations
        if affiliation.role == Affiliation.Role.REPRESENTATIVE
    ]


def signing_step(user) -> str:
    """What stands between the user and signing: login, verify_email, representative, or nothing ("")."""
    if not (user and user.is_authenticated):
        return "login"
    if not has_verified_email(user):
        return "verify_email"
    if not can_sign_declaration(user):
        return "representative"
    return ""


def is_signer(user, signature) -> bool:
    return bool(user and user.is_authenticated and signature.signer_id == user.pk)


def can_view_certificate(user, signature) -> bool:
    return is_signer(user, signature) and signature.is_genuine_and_current


def can_withdraw(user, signature) -> bool:
    return is_signer(user, signature) and signature.is_live
