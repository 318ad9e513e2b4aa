"""PostgreSQL and Redis for the tools: databases to create on the machine's server (the benchmark), and a
private throw-away cluster and Redis server on free loopback ports that a drill may stop and start (the
machine's own services are never touched)."""

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from perf.harness.processes import HOST, free_port, port_open, wait_for


def psql(url: str, sql: str, *, check: bool = True) -> str:
    """Runs `sql` on the database at `url` (postgres://user@host:port/name); returns the rows, unaligned."""
    parts = urlsplit(url)
    command = ["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-h", parts.hostname or HOST]
    command += ["-p", str(parts.port or 5432), "-U", parts.username or "postgres", "-d", parts.path.lstrip("/")]
    result = subprocess.run([*command, "-c", sql], capture_output=True, text=True, check=False, timeout=120)
    if check and result.returncode != 0:
        raise RuntimeError(f"psql on {url}: {result.stderr.strip()}")
    return result.stdout.strip()


def create_database(url: str) -> None:
    """Creates the database named in `url` unless it exists."""
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"a database name of lower-case letters, digits and _, not {name!r}")
    server = url.rsplit("/", 1)[0] + "/postgres"
    if not psql(server, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):  # noqa: S608 - a checked name
        psql(server, f"CREATE DATABASE {name}")


class PrivatePostgres:
    """A throw-away cluster in its own directory, on its own port; run as the postgres OS user under root."""

    def __init__(self, workdir: Path):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(Path(path).parent.name))
        if not bins:
            raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
        self.bin = Path(bins[-1])
        self.version = self.bin.parent.name
        self.dir = workdir / "pg"
        self.port = free_port()
        self.log = workdir / "postgresql.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(workdir, "postgres", "postgres")

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = [shutil.which("runuser") or "runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=120)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.dir), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir.parent} -c listen_addresses={HOST} -c max_connections=100"
        self._run("pg_ctl", "-D", str(self.dir), "-o", options, "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast", check: bool = True) -> None:
        self._run("pg_ctl", "-D", str(self.dir), "-m", mode, "-w", "-t", "60", "stop", check=check)

    def running(self) -> bool:
        return self.dir.exists() and self._run("pg_ctl", "-D", str(self.dir), "status", check=False).returncode == 0

    def url(self, name: str) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{name}"


class PrivateRedis:
    """A redis-server that keeps nothing on disk, on its own port."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.workdir), "--logfile", str(self.workdir / "redis.log"), "--daemonize", "no"]
        self.process = subprocess.Popen(command)
        wait_for(lambda: port_open(self.port), 15, "redis-server")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self.process = None

    def dbsize(self) -> int:
        command = ["redis-cli", "-h", HOST, "-p", str(self.port), "dbsize"]
        out = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        return int(out) if out.isdigit() else -1
