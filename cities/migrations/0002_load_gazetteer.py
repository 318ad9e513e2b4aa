from django.db import migrations

from cities.gazetteer import load_entries


def load_gazetteer(apps, schema_editor):
    load_entries(apps.get_model("cities", "GazetteerEntry"))


def unload_gazetteer(apps, schema_editor):
    apps.get_model("cities", "GazetteerEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial")]
    operations = [migrations.RunPython(load_gazetteer, unload_gazetteer)]
