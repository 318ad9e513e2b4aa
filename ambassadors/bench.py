"""Benchmark data: 5,000 verified signatures of the current declaration by bench representatives."""

from django.utils import timezone

from accounts.models import Affiliation
from ambassadors.models import Declaration, Signature
from core.text import fold

SIGNATURES = 5_000
BATCH = 2_000


def load(scale: float, progress) -> None:
    declaration = Declaration.objects.filter(published_at__isnull=False).order_by("-version").first()
    if declaration is None:
        declaration = Declaration.objects.create(
            version=1,
            title="Declaration of the SMC Ambassadors",
            body="We endorse the objectives of the Small and Medium-sized Cities platform.",
            published_at=timezone.now(),
        )
    if declaration.signatures.exists():
        return
    total = max(10, int(SIGNATURES * scale))
    representatives = list(
        Affiliation.objects.verified()
        .representatives()
        .select_related("user")
        .order_by("pk")[:total]
    )
    now = timezone.now()
    signatures = [
        Signature(
            declaration=declaration,
            signer=affiliation.user,
            full_name=affiliation.user.full_name,
            name_folded=fold(affiliation.user.full_name),
            office=Signature.Office.MAYOR if n % 5 == 0 else Signature.Office.COUNCILLOR,
            city_id=affiliation.city_id,
            statement="Small cities move Europe." if n % 3 == 0 else "",
            listed_publicly=n % 4 != 0,
            email=affiliation.user.email,
            email_normalised=affiliation.user.email,
            status=Signature.Status.VERIFIED,
            text_sha256=declaration.text_sha256,
            confirmed_at=now,
            verified_at=now,
        )
        for n, affiliation in enumerate(representatives)
    ]
    for start in range(0, len(signatures), BATCH):
        Signature.objects.bulk_create(signatures[start : start + BATCH])
        progress("signatures", min(start + BATCH, len(signatures)), len(signatures))
