from django.db import migrations

from topics.seed import TOPICS, create_topics


def seed_topics(apps, schema_editor):
    create_topics(apps.get_model("topics", "Topic"))


def remove_topics(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    Topic.objects.filter(slug__in=[topic["slug"] for topic in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]
    operations = [migrations.RunPython(seed_topics, remove_topics)]
