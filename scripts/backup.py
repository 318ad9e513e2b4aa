#!/usr/bin/env python3
"""`make backup` and `make restore`: the database (pg_dump, custom format) and the uploaded files.

    backup:   DATABASE_URL's database -> backups/<UTC timestamp>/database.dump
              MEDIA_ROOT                -> backups/<UTC timestamp>/media.tar.gz, plus manifest.json
    restore:  BACKUP=backups/<timestamp> (default: the latest) into RESTORE_DATABASE_URL (default:
              DATABASE_URL) and RESTORE_MEDIA_ROOT (default: MEDIA_ROOT). A database that already has
              tables, or a media directory that is not empty, is overwritten only with CONFIRM=yes.

BACKUP_DIR (default backups/) is where backups are written and looked for. PostgreSQL only: the
development default (SQLite) is a single file under var/ to copy. Passwords travel to pg_dump/pg_restore
through the environment (PGPASSWORD), never on the command line.
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MEDIA_ROOT = ROOT / "var" / "media"
DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar.gz"


class BackupError(Exception):
    pass


def _database(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql", "postgis"}:
        raise BackupError(f"only PostgreSQL databases are backed up by this script, not {parts.scheme}://")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise BackupError("the database URL names no database")
    return {
        "name": name,
        "host": parts.hostname or "",
        "port": str(parts.port or ""),
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
    }


def _pg_env(db: dict, dbname: str | None = None) -> dict:
    env = {**os.environ, "PGDATABASE": dbname or db["name"], "PGCONNECT_TIMEOUT": "10"}
    for key, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD")):
        if db[key]:
            env[var] = db[key]
    return env


def _run(command: list[str], env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - fixed PostgreSQL client tools, no shell
        command, env=env, input=stdin, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def _psql(db: dict, sql: str, dbname: str) -> str:
    """Runs `sql` with psql, where :'name' is the target database's name as a literal and :"name" quoted."""
    command = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", f"name={db['name']}"]
    return _run(command, _pg_env(db, dbname), stdin=sql + "\n").stdout


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _backup_dir() -> Path:
    return Path(os.environ.get("BACKUP_DIR") or ROOT / "backups")


def _media_root(variable: str = "MEDIA_ROOT") -> Path:
    return Path(os.environ.get(variable) or os.environ.get("MEDIA_ROOT") or DEFAULT_MEDIA_ROOT)


def backup() -> Path:
    db = _database(os.environ.get("DATABASE_URL", ""))
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = _backup_dir() / stamp
    target.mkdir(parents=True)
    dump = target / DUMP_NAME
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"], _pg_env(db))
    media_root = _media_root()
    media = target / MEDIA_NAME
    with tarfile.open(media, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname=".")
    manifest = {
        "created": stamp,
        "database": db["name"],
        "media_root": str(media_root),
        "files": {path.name: {"bytes": path.stat().st_size, "sha256": _sha256(path)} for path in (dump, media)},
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"database {db['name']} -> {dump} ({dump.stat().st_size} bytes)")
    print(f"media {media_root} -> {media} ({media.stat().st_size} bytes)")
    print(target)
    return target


def _latest_backup() -> Path:
    candidates = sorted(path for path in _backup_dir().glob("*") if (path / DUMP_NAME).is_file())
    if not candidates:
        raise BackupError(f"no backup found in {_backup_dir()}")
    return candidates[-1]


def _check(source: Path) -> None:
    manifest_path = source / "manifest.json"
    if not (source / DUMP_NAME).is_file():
        raise BackupError(f"{source} holds no {DUMP_NAME}")
    if manifest_path.is_file():
        for name, expected in json.loads(manifest_path.read_text())["files"].items():
            if (source / name).is_file() and _sha256(source / name) != expected["sha256"]:
                raise BackupError(f"{source / name} does not match its checksum in manifest.json")


def restore() -> None:
    source = Path(os.environ["BACKUP"]) if os.environ.get("BACKUP") else _latest_backup()
    _check(source)
    confirmed = os.environ.get("CONFIRM") == "yes"
    url = os.environ.get("RESTORE_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    db = _database(url)
    exists = _psql(db, "SELECT 1 FROM pg_database WHERE datname = :'name'", "postgres").strip() == "1"
    if exists:
        tables = int(
            _psql(
                db,
                "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
                db["name"],
            ).strip()
        )
        if tables and not confirmed:
            raise BackupError(
                f"database {db['name']} already has {tables} tables: restoring would overwrite them. "
                "Run again with CONFIRM=yes to do so."
            )
    media_root = _media_root("RESTORE_MEDIA_ROOT")
    media = source / MEDIA_NAME
    if media.is_file() and media_root.is_dir() and any(media_root.iterdir()) and not confirmed:
        raise BackupError(f"{media_root} is not empty: run again with CONFIRM=yes to overwrite its files.")
    if not exists:
        _psql(db, 'CREATE DATABASE :"name"', "postgres")
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={db['name']}",
            str(source / DUMP_NAME),
        ],
        _pg_env(db),
    )
    print(f"{source / DUMP_NAME} -> database {db['name']}")
    if media.is_file():
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media) as archive:
            archive.extractall(media_root, filter="data")
        print(f"{media} -> {media_root}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["backup", "restore"])
    args = parser.parse_args(argv)
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            print(f"error: {tool} not found (PostgreSQL client tools)", file=sys.stderr)
            return 2
    try:
        backup() if args.action == "backup" else restore()
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
