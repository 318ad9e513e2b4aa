"""The declaration page's per-person bit: one's own signature of this version, or what stands between the reader
and signing (which depends only on their rights, so it is captured once per audience)."""

from django.template.loader import render_to_string

from ambassadors.models import Signature
from core.cache.pages import register_slot
from core.cache.store import remembered


def own_live_signature(user, declaration_id: int):
    return remembered(
        f"signature:{user.pk}:{declaration_id}",
        lambda: Signature.objects.live().filter(declaration_id=declaration_id, signer=user).first(),
        depends=[f"user:{user.pk}"],
    )


def _capture(declaration, context) -> dict:
    step = render_to_string("ambassadors/_signing_step.html", context.flatten())
    return {"declaration_id": declaration.pk, "step": step}


def _fill(request, data) -> str:
    if request.user.is_authenticated:
        signature = own_live_signature(request.user, data["declaration_id"])
        if signature is not None:
            return render_to_string("ambassadors/_own_signature.html", {"own_signature": signature})
    return data["step"]


def register() -> None:
    register_slot("own-signature", capture=_capture, fill=_fill)
