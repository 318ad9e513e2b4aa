"""The ambassadors section of a city's profile."""

from ambassadors.models import Signature


def city_ambassadors(city, user):
    signatures = list(
        Signature.objects.on_wall()
        .filter(city=city)
        .only("full_name", "office", "office_title", "listed_publicly")
        .order_by("name_folded", "pk")
    )
    if not signatures:
        return None
    listed = [signature for signature in signatures if signature.listed_publicly]
    return {"listed": listed, "unlisted_count": len(signatures) - len(listed), "city": city}
