"""GIN expression indexes for full-text search on PostgreSQL; other databases search with icontains.

The expressions match what topics.search builds with SearchVector(..., config="simple"), so the
planner uses them. They are not model state: makemigrations neither sees nor needs them.
"""

from django.db import migrations

INDEXES = [
    ("topics_thread_search_idx", "topics_thread", "COALESCE(title, '')"),
    ("topics_post_search_idx", "topics_post", "COALESCE(body, '')"),
    (
        "topics_resource_search_idx",
        "topics_resource",
        "COALESCE(title, '') || ' ' || COALESCE(description, '')",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (to_tsvector('simple'::regconfig, {expression}))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("topics", "0004_threads_posts_resources_meetings")]
    operations = [migrations.RunPython(create_indexes, drop_indexes)]
