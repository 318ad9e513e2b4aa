from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=150, verbose_name="name")),
                ("slug", models.SlugField(max_length=80, unique=True, verbose_name="slug")),
                ("summary", models.CharField(max_length=300, verbose_name="summary")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "topic",
                "verbose_name_plural": "topics",
                "ordering": ["order", "name"],
                "indexes": [models.Index(fields=["is_active", "order"], name="topics_topi_is_acti_3f1c5e_idx")],
            },
        ),
    ]
