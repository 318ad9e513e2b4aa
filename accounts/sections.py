"""The city profile's section listing the city's verified officers who agreed to be listed."""

from accounts.models import Affiliation


def city_officers(city, user):
    officers = list(Affiliation.objects.listed_officers_of(city))
    return {"officers": officers} if officers else None
