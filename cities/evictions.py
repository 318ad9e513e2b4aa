"""What a change to a city evicts: the directory (its list, map, exports and the home page's counts), the city's
profile, and what is remembered about its people (their rights follow the city's membership)."""

from cities.models import City, GazetteerEntry, MembershipApplication
from core.cache import evictions


def _city(city, fields) -> list[str]:
    people = city.affiliations.values_list("user_id", flat=True) if city.pk else []
    return ["directory", f"city:{city.slug}", *(f"user:{user_id}" for user_id in people)]


def register() -> None:
    evictions.register(City, _city)
    evictions.register(City.topics.through, lambda city, fields: ["directory", f"city:{city.slug}"])
    # Staff read these in the admin only; an approved application changes its city, which evicts as above.
    evictions.register(GazetteerEntry, evictions.nothing)
    evictions.register(MembershipApplication, evictions.nothing)
