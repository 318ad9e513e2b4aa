"""Benchmark data: 5,000 verified signatures of the current declaration by bench representatives; one in ten
has left office since (a former ambassador), one in three gave the end of their term."""

import datetime

from django.utils import timezone

from accounts.models import Affiliation
from ambassadors.models import Declaration, Signature
from devdata.factories import DeclarationFactory, SignatureFactory

SIGNATURES = 5_000
BATCH = 2_000


def _declaration() -> Declaration:
    declaration = Declaration.objects.filter(published_at__isnull=False).order_by("-version").first()
    return declaration or DeclarationFactory(
        version=1,
        title="Declaration of the SMC Ambassadors",
        body="We endorse the objectives of the Small and Medium-sized Cities platform.",
        published_at=timezone.now(),
    )


def _signature(n: int, affiliation: Affiliation, declaration: Declaration, now) -> Signature:
    signature = SignatureFactory.build(
        declaration=declaration,
        signer=affiliation.user,
        full_name=affiliation.user.full_name,
        office=Signature.Office.MAYOR if n % 5 == 0 else Signature.Office.COUNCILLOR,
        city=affiliation.city,
        statement="Small cities move Europe." if n % 3 == 0 else "",
        listed_publicly=n % 4 != 0,
        email=affiliation.user.email,
        status=Signature.Status.VERIFIED,
        confirmed_at=now,
        verified_at=now,
        term_ends_on=now.date() + datetime.timedelta(days=365 + n % 1000) if n % 3 == 0 else None,
        term_status=Signature.Term.LEFT if n % 10 == 7 else Signature.Term.IN_OFFICE,
        left_office_on=now.date() if n % 10 == 7 else None,
    )
    signature.derive_fields()
    return signature


def load(scale: float, progress) -> None:
    declaration = _declaration()
    if declaration.signatures.exists():
        return
    total = max(10, int(SIGNATURES * scale))
    representatives = Affiliation.objects.verified().representatives().select_related("user", "city")
    now = timezone.now()
    signatures = [
        _signature(n, affiliation, declaration, now)
        for n, affiliation in enumerate(representatives.order_by("pk")[:total])
    ]
    for start in range(0, len(signatures), BATCH):
        Signature.objects.bulk_create(signatures[start : start + BATCH])
        progress("signatures", min(start + BATCH, len(signatures)), len(signatures))
