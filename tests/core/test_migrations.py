"""Migrations replay: data migrations carry their own data, and renamed migrations keep old databases working."""

import ast
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

ROOT = Path(__file__).resolve().parents[2]
# New name: the name makemigrations gave it, which databases migrated before the rename have recorded.
RENAMED = {
    ("accounts", "0002_affiliation_relations_and_constraint"): "0002_initial",
    ("topics", "0003_rename_topic_active_order_index"): (
        "0003_rename_topics_topi_is_acti_3f1c5e_idx_topics_topi_is_acti_556a6f_idx"
    ),
}


def _data_migrations() -> list[Path]:
    files = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if Path(config.path).parent == ROOT and folder.is_dir():  # the project's own apps
            files += [path for path in sorted(folder.glob("0*.py")) if "RunPython" in path.read_text()]
    return files


def _imported_packages(path: Path) -> set[str]:
    packages = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            packages |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            packages.add("." if node.level else node.module.split(".")[0])
    return packages


@pytest.mark.parametrize("path", _data_migrations(), ids=lambda path: f"{path.parent.parent.name}/{path.stem}")
def test_a_data_migration_imports_nothing_but_django_and_the_standard_library(path):
    assert _imported_packages(path) - {"django"} - set(sys.stdlib_module_names) == set()


@pytest.mark.django_db
def test_a_database_migrated_under_the_generated_names_has_nothing_to_migrate():
    recorder = MigrationRecorder(connection)
    for (app, name), old_name in RENAMED.items():
        recorder.record_unapplied(app, name)
        recorder.record_applied(app, old_name)

    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    out = StringIO()
    call_command("migrate", "--no-input", stdout=out)
    assert "No migrations to apply." in out.getvalue()
    applied = MigrationRecorder(connection).applied_migrations()
    assert set(RENAMED) <= set(applied)  # recorded under the new names too, from now on
