"""The directory as open data: CSV and GeoJSON carry the same columns."""

import io
import json

from django.conf import settings

from ambassadors.models import city_has_ambassador
from core.csv import write_rows

COLUMNS = [
    "name", "country", "region", "population", "sump_status", "latitude", "longitude",
    "has_ambassador", "url",
]


def _records(cities):
    fields = [column for column in COLUMNS if column not in ("has_ambassador", "url")]
    cities = cities.annotate(has_ambassador=city_has_ambassador()).only(*fields, "slug")
    for city in cities.iterator(chunk_size=2000):
        yield {
            "name": city.name,
            "country": city.country.code,
            "region": city.region,
            "population": city.population,
            "sump_status": city.sump_status,
            "latitude": city.latitude,
            "longitude": city.longitude,
            "has_ambassador": city.has_ambassador,
            "url": settings.SITE_URL + city.get_absolute_url(),
        }


def cities_csv(cities) -> str:
    stream = io.StringIO()
    write_rows(stream, COLUMNS, ([record[column] for column in COLUMNS] for record in _records(cities)))
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
