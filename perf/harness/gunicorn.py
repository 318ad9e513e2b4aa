"""The portal as production runs it: gunicorn, DEBUG off, on a given database and Redis, on a free loopback
port, ready once /healthz answers."""

import os
import secrets
import subprocess
from pathlib import Path

from perf.harness.browser import fetch
from perf.harness.processes import HOST, ROOT, VENV_BIN, end, free_port, wait_for

# Who runs the tools may have the development database, Redis or a libpq setting in their environment.
_NOT_INHERITED = ("DATABASE_", "REDIS_", "PG", "CACHE_KEY_PREFIX")


def production_env(*, database_url: str, redis_url: str | None = None, key_prefix: str = "", **overrides) -> dict:
    """The environment of a production start on loopback: DEBUG off, no TLS redirect (no proxy in front), and
    only the database and Redis given here (each run keeps its own keys in Redis under `key_prefix`)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(_NOT_INHERITED)}
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": "perf-only-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SITE_URL": f"http://{HOST}",
        "DATABASE_URL": database_url,
        "CACHE_KEY_PREFIX": key_prefix,
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env | overrides


class Gunicorn:
    """One gunicorn. With a `logdir` its output goes to files there (and, with `access_log`, one line per
    request: status, seconds, method, path); without, to this terminal, warnings only."""

    def __init__(
        self,
        name: str,
        env: dict,
        *,
        workers: int,
        threads: int = 1,
        logdir: Path | None = None,
        access_log: bool = False,
    ):
        self.name, self.env, self.workers, self.threads = name, env, workers, threads
        self.logdir, self.port = logdir, free_port()
        self.access_log = logdir / f"access-{name}.log" if logdir and access_log else None
        self.process: subprocess.Popen | None = None
        self._output = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self, timeout: float = 60) -> None:
        command = [
            str(VENV_BIN / "gunicorn"),
            "smcportal.wsgi",
            f"--bind={HOST}:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            "--timeout=30",
            "--graceful-timeout=5",
            "--no-control-socket",  # gunicorn's default socket is shared by every gunicorn of this user
            "--log-level=warning",
        ]
        if self.access_log:
            command += [f"--access-logfile={self.access_log}", "--access-logformat=%(s)s %(L)s %(m)s %(U)s"]
        if self.logdir:
            command.append(f"--error-logfile={self.logdir / f'gunicorn-{self.name}.log'}")
            self._output = (self.logdir / f"app-{self.name}.log").open("ab")  # the portal's own log
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self._output, stderr=subprocess.STDOUT if self._output else None
        )
        wait_for(self._ready, timeout, f"gunicorn {self.name}", 0.3)

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn {self.name} exited with status {self.process.returncode}")
        return fetch(self.url("/healthz"), timeout=2).status == 200

    def stop(self) -> None:
        end(self.process)
        self.process = None
        if self._output:
            self._output.close()
            self._output = None

    # The access log, for drills that count what was answered during a window.
    def log_offset(self) -> int:
        return self.access_log.stat().st_size if self.access_log and self.access_log.exists() else 0

    def access_lines_since(self, offset: int) -> list[str]:
        with self.access_log.open("rb") as handle:
            handle.seek(offset)
            return handle.read().decode(errors="replace").splitlines()

    def statuses_since(self, offset: int) -> list[tuple[int, float]]:
        """(status, seconds) of each request logged since `offset`."""
        answered = []
        for line in self.access_lines_since(offset):
            status, _, rest = line.partition(" ")
            seconds = rest.split(" ", 1)[0]
            if status.isdigit() and seconds.replace(".", "", 1).isdigit():
                answered.append((int(status), float(seconds)))
        return answered
