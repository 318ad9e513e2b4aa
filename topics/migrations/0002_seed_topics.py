"""The eight working-group topics, in English, as literal data: replaying this migration always gives them.

topics/seed.py marks the same texts for translation (Topic.localized_* looks them up in the catalogue);
tests/topics/test_seed_migration.py checks that the two never drift apart.
"""

from django.db import migrations

TOPICS = [
    {
        "slug": "data-and-digitalisation",
        "name": "Data and digitalisation",
        "summary": "How SMCs can navigate the growing data demands and the challenges they hold.",
        "description": (
            "Mobility data, digital tools and the skills a smaller administration needs to use them: "
            "what to collect, how to share it, and how to stay in control of it."
        ),
    },
    {
        "slug": "european-commission-calls",
        "name": "European Commission calls and initiatives",
        "summary": (
            "Guidance and capacity building for SMCs in navigating and coping with the many "
            "European Commission calls and initiatives."
        ),
        "description": (
            "Which calls fit a small or medium-sized city, how to read them, how to find partners "
            "and how to build a proposal with a small team."
        ),
    },
    {
        "slug": "projects",
        "name": "Projects",
        "summary": "Joint meetings with projects focused on SMCs.",
        "description": (
            "European and national projects working with small and medium-sized cities meet the "
            "platform here to share results and find cities to test them."
        ),
    },
    {
        "slug": "engaging-in-projects",
        "name": "Engaging in projects",
        "summary": (
            "Building on the successes and challenges of projects: what happens after they are "
            "implemented, and how they keep their impact beyond the official end date."
        ),
        "description": (
            "Keeping a pilot running after the funding ends, handing it over to operations, and "
            "learning from what did not last."
        ),
    },
    {
        "slug": "leading-projects",
        "name": "Leading projects",
        "summary": "Linked with capacity building: learning from others how they have led projects.",
        "description": (
            "Coordinating a consortium, managing partners and budgets, and growing the skills to "
            "lead rather than follow."
        ),
    },
    {
        "slug": "working-with-regions",
        "name": "Working with regions",
        "summary": "How to work together to combine resources and move in a common direction.",
        "description": (
            "Cities and their regions share travellers, networks and budgets: how to plan and "
            "fund mobility together."
        ),
    },
    {
        "slug": "working-with-transport-providers",
        "name": "Working with transport providers",
        "summary": "Working with transport providers and establishing communication channels.",
        "description": (
            "Public transport operators, shared-mobility companies and rail: contracts, data "
            "sharing and regular dialogue."
        ),
    },
    {
        "slug": "controlling-and-reducing-car-use",
        "name": "Controlling and reducing car use",
        "summary": "Controlling and reducing car use, explored from the health perspective too.",
        "description": (
            "Parking policy, low-traffic areas, active travel and the health case for using the car "
            "less in smaller cities."
        ),
    },
]


def seed_topics(apps, schema_editor):
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
    operations = [migrations.RunPython(seed_topics, remove_topics)]
