"""`make backup` / `make restore` (scripts/backup.py): a backup of the test database, restored into a fresh
database, holds the same data; an existing database is not overwritten without CONFIRM=yes."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from cities.models import City
from devdata.factories import ApplicationFactory, CityFactory

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "backup.py"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backups use pg_dump/pg_restore: PostgreSQL only, not SQLite"
)


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "") + "@" if s["USER"] else ""
    return f"postgres://{auth}{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _connect(name: str):
    s = connection.settings_dict
    return psycopg.connect(
        dbname=name, host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"], password=s["PASSWORD"]
    )


def _drop(name: str) -> None:
    with _connect("postgres") as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _script(action: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT), action],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps seed data for later tests
def test_a_backup_restored_into_a_fresh_database_serves_the_same_data(tmp_path):
    source = connection.settings_dict["NAME"]
    assert source.startswith("test_"), "only ever the test database"
    restored = f"{source}_restored"[:63]
    _drop(restored)
    CityFactory(name="Emmen", country="NL", population=107_000)
    CityFactory(name="Ourense", country="ES", population=105_000)
    CityFactory(name="Kalisz", country="PL", population=98_000)
    ApplicationFactory(city_name="Veszprém")
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "minutes.pdf").write_bytes(b"%PDF-1.4 minutes")
    expected = sorted(City.objects.values_list("name", "country", "population"))

    made = _script("backup", DATABASE_URL=_url(source), MEDIA_ROOT=str(media), BACKUP_DIR=str(tmp_path / "b"))
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip().splitlines()[-1])
    assert {p.name for p in backup.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}

    restore_env = {
        "DATABASE_URL": _url(source),
        "RESTORE_DATABASE_URL": _url(restored),
        "RESTORE_MEDIA_ROOT": str(tmp_path / "restored-media"),
        "BACKUP_DIR": str(tmp_path / "b"),
    }
    try:
        done = _script("restore", **restore_env)
        assert done.returncode == 0, done.stderr
        with _connect(restored) as db:
            rows = db.execute("SELECT name, country, population FROM cities_city ORDER BY 1, 2, 3").fetchall()
            applications = db.execute("SELECT city_name FROM cities_membershipapplication").fetchall()
            migrations = db.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
        assert sorted(rows) == expected
        assert ("Veszprém",) in applications
        assert migrations > 0
        assert (tmp_path / "restored-media" / "documents" / "minutes.pdf").read_bytes() == b"%PDF-1.4 minutes"

        # A database that has tables is not overwritten without CONFIRM=yes ...
        refused = _script("restore", **restore_env)
        assert refused.returncode == 1
        assert "CONFIRM=yes" in refused.stderr
        # ... and is, with it.
        again = _script("restore", **restore_env, CONFIRM="yes")
        assert again.returncode == 0, again.stderr
        with _connect(restored) as db:
            assert db.execute("SELECT count(*) FROM cities_city").fetchone()[0] == len(expected)
    finally:
        _drop(restored)


def test_restore_refuses_sqlite_and_backup_refuses_a_missing_backup(tmp_path):
    refused = _script("backup", DATABASE_URL="sqlite:///var/db.sqlite3", BACKUP_DIR=str(tmp_path))
    assert refused.returncode == 1 and "PostgreSQL" in refused.stderr
    missing = _script("restore", DATABASE_URL=_url("nothing_here"), BACKUP_DIR=str(tmp_path / "none"))
    assert missing.returncode == 1 and "no backup found" in missing.stderr
