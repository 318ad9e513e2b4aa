"""The benchmark's two portals (the data at the asked scale, and at 1 % of it for the growth ratio), each a
database of benchmark data served by its own gunicorn, and `Bench`, what every scenario works with."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from perf.harness import wrk
from perf.harness.gunicorn import Gunicorn, production_env
from perf.harness.processes import last_json_line, log, manage, orm
from perf.harness.services import create_database

# Loaded when the last step of load_bench_data (the projects) is there; each step skips what it finds loaded.
LOADED = (
    "from devdata.bench.people import STAFF_EMAIL\nfrom accounts.models import User\nfrom cities.models import City\n"
    "from projects.models import PartnerRequest\n"
    "result = City.objects.count() >= 50 and User.objects.filter(email=STAFF_EMAIL).exists()"
    " and PartnerRequest.objects.exists()"
)


class Portal:
    """One database of benchmark data at one scale, its pages (`bench_pages`) and its gunicorn."""

    def __init__(self, label: str, database_url: str, scale: str, redis_url: str | None):
        self.label, self.database_url, self.scale = label, database_url, scale
        name = urlsplit(database_url).path.lstrip("/")
        self.env = production_env(
            database_url=database_url,
            redis_url=redis_url,
            key_prefix=name,  # each database keeps its own keys in a shared Redis
            BENCHMARK_FLOOR="true",
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",  # the busy day's replies notify
        )
        self.server = Gunicorn(label, self.env, workers=2 * (os.cpu_count() or 2) + 1)
        self.data: dict = {}

    def prepare(self) -> None:
        """The database, migrated, with the benchmark data loaded unless it is there already."""
        create_database(self.database_url)
        manage(self.env, "migrate", "--no-input", "-v", "0")
        manage(self.env, "createcachetable")
        if not orm(self.env, LOADED):
            log(f"loading the benchmark data at scale {self.scale} into {self.database_url}")
            manage(self.env, "load_bench_data", "--scale", self.scale, echo=True)

    def start(self) -> None:
        self.data = last_json_line(manage(self.env, "bench_pages"))
        self.server.start()
        log(f"{self.label}: scale {self.scale} on {self.server.base}")

    def stop(self) -> None:
        self.server.stop()

    def cookie(self, person: str) -> str | None:
        """The Cookie header of `person` (officer, staff, writer); None for a visitor."""
        return self.data["sessions"].get(person)

    def client(self, person: str) -> httpx.Client:
        """An HTTP client with `person`'s session, asking for gzip as browsers do."""
        headers = {"Accept-Encoding": "gzip"} | ({"Cookie": self.cookie(person)} if self.cookie(person) else {})
        return httpx.Client(base_url=self.server.base, headers=headers, timeout=60)

    def compressed_size(self, path: str, person: str) -> int:
        """What the page weighs on the wire."""
        with self.client(person) as client:
            response = client.get(path)
            response.read()
            return response.num_bytes_downloaded

    def read_each(self, paths: list[str], person: str) -> None:
        """Reads every page once, as `person`: the caches hold them before a measure starts."""
        with self.client(person) as client:
            for path in paths:
                client.get(path)


@dataclass
class Bench:
    full: Portal
    small: Portal
    seconds: int
    connections: int
    workdir: Path
    results: dict = field(default_factory=dict)

    def wrk(self, portal: Portal, *, path: str = "/", person: str = "visitor", seconds: float, script=None):
        """wrk on `path` (or the paths of `script`) as `person`, asking for gzip as browsers do."""
        headers = {"Accept-Encoding": "gzip"}
        if portal.cookie(person):
            headers["Cookie"] = portal.cookie(person)
        url = portal.server.url(path)
        # A slow page is measured, not dropped: wrk leaves requests it gave up on out of the latencies.
        return wrk.run(
            url, seconds=seconds, connections=self.connections, headers=headers, script=script, timeout="30s"
        )


def combined(runs: list[wrk.WrkResult]) -> dict:
    """Runs of one measure as one: the mean rate and median, the worse p99, every error."""
    return {
        "requests": sum(run.requests for run in runs),
        "rps": sum(run.rps for run in runs) / len(runs),
        "p50_ms": sum(run.p50_ms for run in runs) / len(runs),
        "p99_ms": max(run.p99_ms for run in runs),
        "errors": sum(run.errors for run in runs),
        "non_2xx": sum(run.non_2xx for run in runs),
    }


def ratio(value: float, reference: float, digits: int = 3) -> float:
    """`value` / `reference`, 0 when nothing was measured for the reference."""
    return round(value / reference, digits) if reference else 0.0


def alternating(first, second) -> tuple[dict, dict]:
    """Measures `first` and `second` (each a call giving a wrk result) in the order first, second, second,
    first: a machine getting slower or faster during the run counts the same on both."""
    firsts, seconds = [first()], [second()]
    seconds.append(second())
    firsts.append(first())
    return combined(firsts), combined(seconds)
