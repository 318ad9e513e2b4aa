from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cities", "0005_sump_dates_from_year")]

    operations = [migrations.RemoveField(model_name="city", name="sump_year")]
