"""What every drill works with: a private PostgreSQL and Redis, the portal on them under two app servers (A
and B, as behind a load balancer), the demo data and its pages, and the table of checks each scenario fills.

A new scenario gets all of this from `Drill`; what it starts itself it registers with `drill.cleanup` (a
`contextlib.ExitStack`), so that it ends with the run whatever happens. A mail server and the task workers that
deliver to it come from `mail_rig.MailRig`, which stops them when the scenario ends.
"""

import contextlib
import os
import re
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from perf.harness.browser import Browser, fetch
from perf.harness.gunicorn import Gunicorn, production_env
from perf.harness.processes import ROOT, log, manage, orm
from perf.harness.services import PrivatePostgres, PrivateRedis, psql

DB_NAME = "smc_resil"
DEMO_PASSWORD = "smc-demo-2026"  # noqa: S105 - the demo accounts' published password (accounts/demo.py)
MAYOR = "mayor@demo.example.org"
OFFICER = "officer@demo.example.org"
USER = "user@demo.example.org"
NEWCOMER = "newcomer@demo.example.org"


@dataclass
class Check:
    scenario: str
    measure: str
    value: str
    target: str
    ok: bool


class Drill:
    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="smc-resilience-"))
        self.pg = PrivatePostgres(self.workdir)
        self.redis = PrivateRedis(self.workdir)
        self.cleanup = contextlib.ExitStack()
        self.checks: list[Check] = []
        self.env: dict = {}
        self.servers: list[Gunicorn] = []
        self.pages: list[str] = []  # public pages of the demo data, each answering 200 before any failure
        self.officer: Browser | None = None  # the demo officer, logged in on B at setup
        self.started = time.monotonic()

    # -- bookkeeping
    def check(self, scenario: str, measure: str, value, target: str, ok: bool) -> bool:
        self.checks.append(Check(scenario, measure, str(value), target, bool(ok)))
        log(f"  {'ok  ' if ok else 'FAIL'} {measure}: {value} (target {target})")
        return bool(ok)

    def manage(self, *args: str, timeout: float = 600) -> str:
        return manage(self.env, *args, timeout=timeout)

    def orm(self, code: str):
        return orm(self.env, code)

    def sql(self, query: str) -> str:
        return psql(self.pg.url(DB_NAME), query)

    def browser(self, host: str | None = None) -> Browser:
        """A new person's browser, closed with the run."""
        browser = Browser(host=host)
        self.cleanup.callback(browser.close)
        return browser

    def app_server(self, name: str, *, workers: int, threads: int, **env_overrides) -> Gunicorn:
        """Starts another gunicorn on the drill's database and Redis (with settings of its own, if given)."""
        server = Gunicorn(
            name, self.env | env_overrides, workers=workers, threads=threads, logdir=self.workdir, access_log=True
        )
        self.cleanup.callback(server.stop)
        server.start()
        log(f"gunicorn {name} on {server.base} ({workers} workers x {threads} threads)")
        return server

    # -- the run
    def setup(self) -> None:
        log(f"private services in {self.workdir}")
        self.pg.init()
        self.cleanup.callback(self._stop_postgres)
        self.pg.start()
        log(f"PostgreSQL {self.pg.version} on port {self.pg.port}")
        psql(self.pg.url("postgres"), f"CREATE DATABASE {DB_NAME}")
        self.cleanup.callback(self.redis.stop)
        self.redis.start()
        log(f"Redis on port {self.redis.port}")
        self.env = production_env(
            database_url=self.pg.url(DB_NAME),
            redis_url=self.redis.url,
            RATE_LIMIT_JOIN="1000/m/ip",
            RATE_LIMIT_SIGN="1000/m/ip",
            MEDIA_ROOT=str(self.workdir / "media"),
        )
        log("migrate, createcachetable, collectstatic, load_demo")
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("createcachetable")
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.manage("load_demo")
        self.pages = self._demo_pages()
        cores = os.cpu_count() or 2
        self.servers = [
            self.app_server("A", workers=cores + 1, threads=4),
            self.app_server("B", workers=max(2, cores), threads=2),
        ]
        self.officer = self.browser()
        if self.officer.login(self.servers[1].base, OFFICER, DEMO_PASSWORD).status != 302:
            raise RuntimeError("could not log in the demo officer")
        for path in self.pages:
            answer = fetch(self.servers[0].url(path))
            if answer.status != 200:
                raise RuntimeError(f"{path} answers {answer.status} before any outage")

    def _demo_pages(self) -> list[str]:
        found = self.orm(
            "from cities.models import City\nfrom topics.models import Topic\n"
            "result = {'city': City.objects.members().order_by('name').first().slug,"
            " 'topic': Topic.objects.active().first().slug}"
        )
        return [
            "/",
            "/cities/",
            f"/cities/{found['city']}/",
            "/cities/map/",
            "/cities/export.csv",
            "/topics/",
            f"/topics/{found['topic']}/",
            "/ambassadors/",
            "/ambassadors/declaration/",
            "/join/",
            "/search/?q=emmen",
        ]

    def _stop_postgres(self) -> None:
        if self.pg.running():
            self.pg.stop("fast", check=False)

    def teardown(self) -> None:
        self.cleanup.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def show_logs(self) -> None:
        kept = ROOT / "var" / "resilience" / time.strftime("%Y%m%dT%H%M%S")
        kept.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.workdir.glob("*.log")):
            shutil.copy(path, kept / path.name)
            if path.name.startswith(("app-", "postgresql")):
                lines = path.read_text(errors="replace").splitlines()[-30:]
                print(f"---- last lines of {path.name}", *lines, sep="\n")
        print(f"---- all logs kept in {kept}")

    def summary(self) -> bool:
        """Prints the table of checks; True when every target is met."""
        width = max(len(check.measure) for check in self.checks)
        print()
        print(f"{'scenario':<20} {'measure':<{width}}  {'value':<40} {'target':<36} result")
        print("-" * (width + 108))
        for check in sorted(self.checks, key=lambda check: check.scenario[0]):
            result = "ok" if check.ok else "FAIL"
            print(f"{check.scenario:<20} {check.measure:<{width}}  {check.value:<40} {check.target:<36} {result}")
        failed = [check for check in self.checks if not check.ok]
        print()
        print(
            f"{len(self.checks) - len(failed)}/{len(self.checks)} targets met in {time.monotonic() - self.started:.0f}s"
        )
        return not failed


def p99(values: list[float]) -> float:
    if not values:
        return float("nan")
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def join_data(token: str, email: str) -> dict:
    """A membership application as the /join/ form posts it."""
    return {
        "csrfmiddlewaretoken": token,
        "city_name": "Resilienceville",
        "country": "NL",
        "population": "50000",
        "contact_name": "Rita Resilience",
        "applicant_role": "officer",
        "contact_role": "Mobility officer",
        "email": email,
        "motivation": "We test that the portal keeps every acknowledged application.",
        "consent_to_contact": "on",
        "website": "",
    }


def sign_data(page: str, token: str, full_name: str) -> dict:
    """The declaration's signing form (its page and CSRF token) as a representative posts it, for the first city
    it offers."""
    city_select = re.search(r'<select name="city"[^>]*>(.*?)</select>', page, re.S)
    return {
        "csrfmiddlewaretoken": token,
        "version": re.search(r'name="version" value="(\d+)"', page).group(1),
        "full_name": full_name,
        "office": "deputy_mayor",
        "office_title": "",
        "city": re.search(r'<option value="(\d+)"', city_select.group(1)).group(1),
        "statement": "",
        "holds_office": "on",
    }
