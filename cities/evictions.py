"""What a change to a city evicts: the directory (its list, map, exports and the home page's counts), the city's
profile, every profile's "cities like this one" ("cities"), and what is remembered about its people (their
rights follow the city's membership)."""

from cities.models import City, GazetteerEntry, MembershipApplication, PlanReminder
from core.cache import evictions

# What is remembered about a city's people holds its name and membership (their rights follow it); a change of
# anything else (its plan, say) leaves them, and costs no query for them.
REMEMBERED_WITH_PEOPLE = {"membership_status", "name", "slug"}


def _city(city, fields) -> list[str]:
    versions = ["directory", "cities", f"city:{city.slug}"]
    if city.pk and (fields is None or REMEMBERED_WITH_PEOPLE & set(fields)):
        versions += [f"user:{user_id}" for user_id in city.affiliations.values_list("user_id", flat=True)]
    return versions


def register() -> None:
    evictions.register(City, _city)
    evictions.register(City.topics.through, lambda city, fields: ["directory", "cities", f"city:{city.slug}"])
    # Staff read these in the admin only; an approved application changes its city, which evicts as above.
    evictions.register(GazetteerEntry, evictions.nothing)
    evictions.register(MembershipApplication, evictions.nothing)
    evictions.register(PlanReminder, evictions.nothing)  # a record that a mail was sent: staff read it in the admin
