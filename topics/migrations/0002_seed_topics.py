from django.db import migrations

from topics.seed import TOPICS


def create_topics(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    for order, topic in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            slug=topic["slug"],
            defaults={
                "name": topic["name"],
                "summary": topic["summary"],
                "description": topic["description"],
                "order": order,
            },
        )


def remove_topics(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    Topic.objects.filter(slug__in=[topic["slug"] for topic in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]
    operations = [migrations.RunPython(create_topics, remove_topics)]
