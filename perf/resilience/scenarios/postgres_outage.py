"""PostgreSQL stopped and started again under load (wrk on loopback, a timed probe and a writer posting
membership applications): while it is down pages answer 503 quickly (probe p99 < 1 s, never a 500); within
5 s of its return every page answers 200; every acknowledged write is still there."""

import signal
import subprocess
import threading
import time

from perf.harness import wrk
from perf.harness.browser import fetch
from perf.harness.processes import log
from perf.resilience.drill import DEMO_PASSWORD, USER, Drill, join_data, p99

NAME = "1 PostgreSQL down"
UP_BEFORE, DOWN_FOR, AFTER_RETURN = 4, 6, 10  # seconds
RECOVERY_TARGET = 5.0
DOWN_P99_TARGET = 1.0
PRE_OUTAGE_WRITES = 20
WRK_CONNECTIONS = 4


class Load:
    """wrk over the public pages, a probe of every page and a writer of applications, all on server A."""

    def __init__(self, drill: Drill, token: str, writer, person):
        self.drill, self.token, self.writer, self.person = drill, token, writer, person
        self.server = drill.servers[0]
        self.probes: list[tuple[float, str, int, float]] = []  # (answered at, path, status, seconds)
        self.writes: list[tuple[float, str, int]] = []  # (answered at, email, status)
        self.stop = threading.Event()
        self.threads = [
            threading.Thread(target=self._probe, daemon=True),
            threading.Thread(target=self._write, daemon=True),
        ]

    def start(self) -> None:
        script = wrk.write_path_list(self.drill.pages, self.drill.workdir / "pages.lua")
        window = UP_BEFORE + DOWN_FOR + AFTER_RETURN + 20
        command = wrk.command(
            self.server.base, seconds=window, connections=WRK_CONNECTIONS, threads=1, script=script, timeout="5s"
        )
        self.wrk = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.drill.cleanup.callback(_kill, self.wrk)
        for thread in self.threads:
            thread.start()

    def finish(self) -> wrk.WrkResult:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)
        self.wrk.send_signal(signal.SIGINT)  # wrk stops and prints its figures
        try:
            output = self.wrk.communicate(timeout=15)[0]
        except subprocess.TimeoutExpired:
            self.wrk.kill()
            output = self.wrk.communicate(timeout=5)[0]
        return wrk.parse(output)

    def _probe(self) -> None:
        pages = [*self.drill.pages, "/profile/", "/healthz"]
        for number in range(100_000):
            if self.stop.is_set():
                return
            path = pages[number % len(pages)]
            url = self.server.url(path)
            answer = self.person.get(url, timeout=5) if path == "/profile/" else fetch(url, timeout=5)
            self.probes.append((time.monotonic(), path, answer.status, answer.seconds))
            time.sleep(0.02)

    def _write(self) -> None:
        for number in range(400):
            if self.stop.is_set():
                return
            email = f"resil-during-{number}@example.org"
            answer = self.writer.post(self.server.url("/join/"), join_data(self.token, email), timeout=5)
            self.writes.append((time.monotonic(), email, answer.status))
            time.sleep(0.1)


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def run(drill: Drill) -> None:
    log("scenario 1: PostgreSQL stopped and started again under load")
    a = drill.servers[0]
    person = drill.browser()
    if person.login(a.base, USER, DEMO_PASSWORD).status != 302:
        raise RuntimeError("could not log in the demo user")
    writer = drill.browser()
    _, token = writer.form(a.url("/join/"))
    acknowledged = []
    for number in range(PRE_OUTAGE_WRITES):
        email = f"resil-before-{number}@example.org"
        if writer.post(a.url("/join/"), join_data(token, email)).status == 302:
            acknowledged.append(email)
    drill.check(
        NAME,
        "applications acknowledged before the outage",
        len(acknowledged),
        f"{PRE_OUTAGE_WRITES}",
        len(acknowledged) == PRE_OUTAGE_WRITES,
    )

    load = Load(drill, token, writer, person)
    offset = a.log_offset()
    load.start()
    time.sleep(UP_BEFORE)
    t_stop = time.monotonic()
    drill.pg.stop("immediate")
    t_down = time.monotonic()
    log(f"  PostgreSQL stopped (immediate, {t_down - t_stop:.2f}s)")
    time.sleep(DOWN_FOR)
    t_start = time.monotonic()
    drill.pg.start()
    t_back = time.monotonic()
    log(f"  PostgreSQL accepting connections again ({t_back - t_start:.2f}s to start)")
    time.sleep(AFTER_RETURN)
    figures = load.finish()
    log(f"  wrk: {figures.rps:.1f} req/s, non-2xx/3xx {figures.non_2xx}")

    _check_while_down(drill, load.probes, t_down, t_back)
    _check_server_answers(drill, offset, figures)
    _check_recovery(drill, load.probes, t_back, person)
    _check_writes(drill, acknowledged, load.writes)


def _check_while_down(drill: Drill, probes: list, t_down: float, t_back: float) -> None:
    down = [p for p in probes if t_down <= p[0] - p[3] and p[0] <= t_back]  # stopped, then recovering
    statuses = sorted({p[2] for p in down})
    served = sorted({p[1] for p in down if p[2] == 200})
    if served:
        log(f"  answered 200 while PostgreSQL was down (no database needed): {served}")
    drill.check(NAME, "probe requests while down", len(down), ">= 10", len(down) >= 10)
    latency = p99([p[3] for p in down])
    drill.check(
        NAME, "probe p99 while down", f"{latency:.3f}s", f"< {DOWN_P99_TARGET:.0f} s", latency < DOWN_P99_TARGET
    )
    drill.check(
        NAME,
        "probe statuses while down",
        statuses or "-",
        "503 (200 if no database needed)",
        bool(down) and set(statuses) <= {503, 200} and 503 in statuses,
    )


def _check_server_answers(drill: Drill, offset: int, figures: wrk.WrkResult) -> None:
    a = drill.servers[0]
    by_status: dict[int, int] = {}
    for status, _ in a.statuses_since(offset):
        by_status[status] = by_status.get(status, 0) + 1
    if 500 in by_status:
        log(f"  answered 500: {[line for line in a.access_lines_since(offset) if line.startswith('500 ')][:10]}")
    drill.check(
        NAME,
        "server A answers in the window (wrk+probe+writer)",
        dict(sorted(by_status.items())),
        "no 500",
        500 not in by_status and all(status in {200, 302, 503} for status in by_status),
    )
    drill.check(NAME, "wrk requests in the window", figures.requests, "> 0", figures.requests > 0)


def _check_recovery(drill: Drill, probes: list, t_back: float, person) -> None:
    failures_after = [p for p in probes if p[0] - p[3] >= t_back and p[2] != 200]
    recovery = max((p[0] - t_back for p in failures_after), default=0.0)
    drill.check(
        NAME,
        "last non-200 after PostgreSQL's return",
        f"{recovery:.2f}s",
        f"< {RECOVERY_TARGET:.0f} s",
        recovery < RECOVERY_TARGET,
    )
    late = [p for p in probes if p[0] - p[3] >= t_back + RECOVERY_TARGET]
    drill.check(
        NAME,
        "probe answers 5 s after the return",
        f"{sum(p[2] == 200 for p in late)}/{len(late)} 200",
        "all 200",
        bool(late) and all(p[2] == 200 for p in late),
    )
    sweep = {}
    for server in drill.servers:
        for path in drill.pages + ["/profile/"]:
            url = server.url(path)
            sweep[f"{server.name}{path}"] = (person.get(url) if path == "/profile/" else fetch(url)).status
    bad = {page: status for page, status in sweep.items() if status != 200}
    drill.check(
        NAME,
        "every page on A and B afterwards",
        f"{len(sweep) - len(bad)}/{len(sweep)} 200" + (f" {bad}" if bad else ""),
        "all 200",
        not bad,
    )


def _check_writes(drill: Drill, acknowledged: list[str], writes: list) -> None:
    acknowledged = acknowledged + [email for _, email, status in writes if status == 302]
    refused = sum(1 for _, _, status in writes if status == 503)
    other = sorted({status for _, _, status in writes if status not in (302, 503)})
    stored = set(drill.sql("SELECT email FROM cities_membershipapplication WHERE email LIKE 'resil-%'").splitlines())
    missing = [email for email in acknowledged if email not in stored]
    drill.check(
        NAME,
        "writes during the window",
        f"{len(writes)} sent, {len(acknowledged) - PRE_OUTAGE_WRITES} acknowledged, {refused} refused with 503"
        + (f", other {other}" if other else ""),
        "only 302/503",
        not other,
    )
    drill.check(
        NAME,
        "acknowledged applications stored after the outage",
        f"{len(acknowledged) - len(missing)}/{len(acknowledged)}",
        "all",
        not missing,
    )
