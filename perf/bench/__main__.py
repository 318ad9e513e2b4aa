"""`make bench`: the portal under gunicorn with production settings on PostgreSQL (and Redis when REDIS_URL is
set, as in production), driven by wrk on loopback asking for gzip as browsers do, through the scenarios of
`scenarios/`: every page against the floor and its growth from 1 % of the data, a busy day, and a reply's
fan-out to its followers by a task worker delivering to a real SMTP server. Loads the
benchmark data when missing (`manage.py load_bench_data`: the asked scale into BENCH_DATABASE_URL, 1 % into
the same name with `_small`), prints a table per scenario with every figure short of its target marked, and
writes bench/results/latest.json.

BENCH_SECONDS (8), BENCH_CONNECTIONS (16), BENCH_SCALE (1.0), BENCH_DATABASE_URL and REDIS_URL tune it;
BENCH_ONLY=busy_day (names of scenarios, comma-separated) runs only those.
The figures are ratios to the floor measured in the same run, so a noisy machine moves them less than raw
requests/s, but only a quiet machine gives figures to compare.
"""

import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from perf.bench.portal import Bench, Portal
from perf.bench.scenarios import SCENARIOS
from perf.bench.table import MARK, render
from perf.harness.processes import ROOT, log, manage

SMALL_SCALE = "0.01"
RESULTS = ROOT / "bench" / "results" / "latest.json"


def main() -> int:
    if shutil.which("wrk") is None:
        print("error: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 2
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/smcportal_bench")
    redis_url = os.environ.get("REDIS_URL") or None
    full = Portal("full", database_url, os.environ.get("BENCH_SCALE", "1.0"), redis_url)
    small = Portal("small", database_url + "_small", SMALL_SCALE, redis_url)
    for portal in (full, small):
        portal.prepare()
    manage(full.env, "collectstatic", "--no-input", "-v", "0")
    with tempfile.TemporaryDirectory(prefix="smc-bench-") as workdir:
        bench = Bench(
            full,
            small,
            seconds=int(os.environ.get("BENCH_SECONDS", "8")),
            connections=int(os.environ.get("BENCH_CONNECTIONS", "16")),
            workdir=Path(workdir),
        )
        try:
            for portal in (full, small):
                portal.start()
            sections = []
            for scenario in _chosen(SCENARIOS, os.environ.get("BENCH_ONLY", "")):
                log(f"scenario {scenario.NAME}")
                sections.append(scenario.run(bench))
        finally:
            for portal in (full, small):
                portal.stop()
    shortfalls = [line for section in sections for line in section.shortfalls]
    _write(bench, redis_url, shortfalls)
    for section in sections:
        print()
        print(render(section))
    print()
    print(f"{MARK} short of its target (issue 13)." if shortfalls else "Every figure meets its target.")
    for line in shortfalls:
        print(f"  short: {line}")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


def _chosen(scenarios: list, only: str) -> list:
    names = {name.strip() for name in only.split(",") if name.strip()}
    unknown = names - {scenario.NAME for scenario in scenarios}
    if unknown:
        raise SystemExit(f"BENCH_ONLY: no scenario {', '.join(sorted(unknown))}")
    return [scenario for scenario in scenarios if not names or scenario.NAME in names]


def _write(bench: Bench, redis_url: str | None, shortfalls: list[str]) -> None:
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{platform.node()}, {os.cpu_count()} cores, {platform.platform()}",
        "scale": bench.full.scale,
        "small_scale": bench.small.scale,
        "seconds": bench.seconds,
        "connections": bench.connections,
        "cache": "redis" if redis_url else "database",
        **bench.results,
        "shortfalls": shortfalls,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    sys.exit(main())
