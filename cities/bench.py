"""Benchmark data: every European city of the gazetteer as a member."""

import datetime

from django.utils.text import slugify

from cities.models import City, GazetteerEntry
from core.text import fold
from topics.models import Topic

SUMP_CYCLE = [City.Sump.NONE, City.Sump.IN_PREPARATION, City.Sump.ADOPTED]
BATCH = 1000


def _city(index: int, entry: GazetteerEntry, slug: str) -> City:
    return City(
        name=entry.name,
        slug=slug,
        search_name=fold(entry.name),
        country=entry.country,
        population=entry.population,
        latitude=entry.latitude,
        longitude=entry.longitude,
        gazetteer_entry=entry,
        membership_status=City.Membership.MEMBER,
        sump_status=SUMP_CYCLE[index % len(SUMP_CYCLE)],
        joined_on=datetime.date(2015 + index % 11, 1 + index % 12, 1 + index % 28),
    )


def load(scale: float, progress) -> None:
    entries = list(GazetteerEntry.objects.order_by("geonames_id"))
    entries = entries[: max(1, int(len(entries) * scale))]
    taken = set(City.objects.values_list("gazetteer_entry_id", flat=True))
    used_slugs = set(City.objects.values_list("slug", flat=True))
    cities = []
    for index, entry in enumerate(entries):
        if entry.geonames_id in taken:
            continue
        slug = slugify(fold(entry.name)) or "city"
        if slug in used_slugs:
            slug = f"{slug}-{entry.geonames_id}"
        used_slugs.add(slug)
        cities.append(_city(index, entry, slug))
    for start in range(0, len(cities), BATCH):
        City.objects.bulk_create(cities[start : start + BATCH])
        progress("cities", min(start + BATCH, len(cities)), len(cities))
    topics = list(Topic.objects.order_by("pk"))
    new_ids = City.objects.filter(gazetteer_entry_id__in=[city.gazetteer_entry_id for city in cities]).values_list(
        "pk", flat=True
    )
    City.topics.through.objects.bulk_create(
        [City.topics.through(city_id=pk, topic_id=topics[pk % len(topics)].pk) for pk in new_ids],
        batch_size=2000,
        ignore_conflicts=True,
    )
