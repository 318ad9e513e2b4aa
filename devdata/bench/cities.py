"""Benchmark data: every European city of the gazetteer as a member."""

import datetime

from cities.models import City, GazetteerEntry
from devdata.factories import CityFactory
from topics.models import Topic

SUMP_CYCLE = [City.Sump.NONE, City.Sump.IN_PREPARATION, City.Sump.ADOPTED]
BATCH = 1000


def _city(index: int, entry: GazetteerEntry, taken_slugs: set[str]) -> City:
    city = CityFactory.build(
        name="",
        country="",
        population=None,
        latitude=None,
        longitude=None,
        sump_status=SUMP_CYCLE[index % len(SUMP_CYCLE)],
        joined_on=datetime.date(2015 + index % 11, 1 + index % 12, 1 + index % 28),
    )
    city.fill_from_gazetteer(entry)
    city.derive_fields(taken_slugs=taken_slugs)
    return city


def load(scale: float, progress) -> None:
    entries = list(GazetteerEntry.objects.order_by("geonames_id"))
    entries = entries[: max(1, int(len(entries) * scale))]
    taken = set(City.objects.values_list("gazetteer_entry_id", flat=True))
    taken_slugs = set(City.objects.values_list("slug", flat=True))
    cities = [
        _city(index, entry, taken_slugs) for index, entry in enumerate(entries) if entry.geonames_id not in taken
    ]
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
