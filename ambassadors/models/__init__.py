"""The Ambassadors Initiative: a versioned declaration, the signatures of political representatives, and the
requests that ask them each year whether they still hold their office."""

from ambassadors.models.declarations import (
    BINDING_LANGUAGE,
    Declaration,
    DeclarationQuerySet,
    DeclarationTranslation,
    translation_languages,
)
from ambassadors.models.signatures import (
    CODE_ALPHABET,
    CODE_LENGTH,
    LIVE_SIGNATURE_STATUSES,
    Signature,
    SignatureQuerySet,
    SignatureStatus,
    TermStatus,
    city_has_ambassador,
    new_certificate_code,
    normalise_code,
    normalise_email,
    one_year_after,
    paper_scan_path,
)
from ambassadors.models.terms import AmbassadorTerm, Reconfirmation

__all__ = [
    "AmbassadorTerm",
    "BINDING_LANGUAGE",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "LIVE_SIGNATURE_STATUSES",
    "Declaration",
    "DeclarationQuerySet",
    "DeclarationTranslation",
    "Reconfirmation",
    "Signature",
    "SignatureQuerySet",
    "SignatureStatus",
    "TermStatus",
    "city_has_ambassador",
    "new_certificate_code",
    "normalise_code",
    "normalise_email",
    "one_year_after",
    "paper_scan_path",
    "translation_languages",
]
