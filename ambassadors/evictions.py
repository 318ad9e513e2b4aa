"""What a change in the Ambassadors Initiative evicts: the wall, the declaration page (its counts and the
signer's own signature), the directory (its ambassador filter and column), the city's profile and what is
remembered about the signer."""

from ambassadors.models import AmbassadorTerm, Declaration, DeclarationTranslation, Reconfirmation, Signature
from core.cache import evictions


def _signature(signature, fields) -> list[str]:
    names = ["wall", "declaration", "directory", f"city:{signature.city.slug}"]
    if signature.signer_id:
        names.append(f"user:{signature.signer_id}")
    return names


def register() -> None:
    evictions.register(Declaration, lambda declaration, fields: ["declaration", "wall"])
    evictions.register(DeclarationTranslation, lambda translation, fields: ["declaration"])
    evictions.register(Signature, _signature)
    evictions.register(AmbassadorTerm, _signature)
    evictions.register(Reconfirmation, evictions.nothing)  # a request and its answer: the signature shows the rest
