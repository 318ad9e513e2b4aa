"""The home page's contact block, as staff fill it in the admin (no workflow: one row staff edit)."""

from core.models import SiteContact


def load(stdout) -> None:
    if SiteContact.objects.exists():
        return
    SiteContact.objects.create(
        name="Isobel Duxfield",
        role="SMC platform coordinator",
        organisation="POLIS – Cities and Regions for Transport Innovation",
        email="smc-platform@example.org",
        address="Rue du Trône 98\n1050 Brussels\nBelgium",
    )
    stdout.write("  contact block created")
