"""What a change to a city evicts: the directory (its list, map, exports and the home page's counts), the city's
profile, every profile's "cities like this one" ("cities"), and what is remembered about its people (their
rights follow the city's membership)."""

from cities.models import City, GazetteerEntry, MembershipApplication, PlanReminder
from core.cache import evictions


def _city(city, fields) -> list[str]:
    people = city.affiliations.values_list("user_id", flat=True) if city.pk else []
    return ["directory", "cities", f"city:{city.slug}", *(f"user:{user_id}" for user_id in people)]


def register() -> None:
    evictions.register(City, _city)
    evictions.register(City.topics.through, lambda city, fields: ["directory", "cities", f"city:{city.slug}"])
    # Staff read these in the admin only; an approved application changes its city, which evicts as above.
    evictions.register(GazetteerEntry, evictions.nothing)
    evictions.register(MembershipApplication, evictions.nothing)
    evictions.register(PlanReminder, evictions.nothing)  # a record that a mail was sent: staff read it in the admin
