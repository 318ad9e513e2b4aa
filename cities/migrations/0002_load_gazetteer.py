from django.db import migrations

from cities.gazetteer import european_cities
from cities.text import fold


def load_gazetteer(apps, schema_editor):
    GazetteerEntry = apps.get_model("cities", "GazetteerEntry")
    GazetteerEntry.objects.bulk_create(
        [
            GazetteerEntry(
                geonames_id=city["geonameid"],
                name=city["name"],
                search_name=fold(city["name"]),
                country=city["countrycode"],
                latitude=city["latitude"],
                longitude=city["longitude"],
                population=city["population"],
                timezone=city["timezone"],
            )
            for city in european_cities()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def unload_gazetteer(apps, schema_editor):
    apps.get_model("cities", "GazetteerEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial")]
    operations = [migrations.RunPython(load_gazetteer, unload_gazetteer)]
