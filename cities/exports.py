"""The directory as open data: CSV and GeoJSON carry the same columns, those of other apps included
(core.extensions.export_columns)."""

import io
import json

from django.conf import settings

from core import extensions
from core.csv import write_rows

OWN_COLUMNS = [
    "name",
    "country",
    "region",
    "population",
    "membership_status",
    "sump_status",
    "sump_adopted_on",
    "sump_revision_due",
    "sump_url",
    "latitude",
    "longitude",
]
DATES = ["sump_adopted_on", "sump_revision_due"]


def columns() -> list[str]:
    return [*OWN_COLUMNS, *(column.name for column in extensions.export_columns), "url"]


def _records(cities):
    added = {column.name: column.annotation() for column in extensions.export_columns}
    cities = cities.annotate(**added).only(*OWN_COLUMNS, "slug")
    for city in cities.iterator(chunk_size=2000):
        record = {column: getattr(city, column) for column in OWN_COLUMNS}
        record["country"] = city.country.code
        for column in DATES:  # ISO 8601 in both formats
            record[column] = record[column].isoformat() if record[column] else None
        record.update({name: getattr(city, name) for name in added})
        record["url"] = settings.SITE_URL + city.get_absolute_url()
        yield record


def cities_csv(cities) -> str:
    header = columns()
    stream = io.StringIO()
    write_rows(stream, header, ([record[column] for column in header] for record in _records(cities)))
    return stream.getvalue()


def cities_geojson(cities) -> str:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
            if record["latitude"] is not None and record["longitude"] is not None
            else None,
            "properties": {key: value for key, value in record.items() if key not in ("latitude", "longitude")},
        }
        for record in _records(cities)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
