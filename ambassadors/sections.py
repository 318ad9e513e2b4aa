"""The ambassadors section of a city's profile: its current ambassadors, and those who have left office."""

from ambassadors.models import Signature


def city_ambassadors(city, user):
    signatures = list(
        Signature.objects.on_wall()
        .filter(city=city)
        .only("full_name", "office", "office_title", "listed_publicly", "term_status", "left_office_on")
        .order_by("name_folded", "pk")
    )
    if not signatures:
        return None
    current = [signature for signature in signatures if not signature.is_former]
    listed = [signature for signature in current if signature.listed_publicly]
    former = [signature for signature in signatures if signature.is_former and signature.listed_publicly]
    return {"listed": listed, "unlisted_count": len(current) - len(listed), "former": former, "city": city}
