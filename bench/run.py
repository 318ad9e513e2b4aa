"""`make bench`: the portal under gunicorn with production settings on PostgreSQL, driven by wrk on
loopback; every page's requests/s, p50 and p99 are compared with the floor, a trivial Django view through
the same middleware and server, measured in the same run. The same pages are then measured on a second
database loaded at --scale 0.01, for the growth ratio (full data against 1 % of it): both servers run side by
side and each page is measured on them in the order full, small, small, full, so that a machine getting
slower or faster during the run does not show as growth. wrk asks for gzip, as every browser does. Prints a
table and writes bench/results/latest.json.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
SMALL_BASE = f"http://127.0.0.1:{PORT + 1}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SCALE = os.environ.get("BENCH_SCALE", "1.0")
SMALL_SCALE = "0.01"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/smcportal_bench")
SMALL_DATABASE_URL = DATABASE_URL + "_small"
ENV = {
    **os.environ,
    "DEBUG": "false",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-" + "x" * 50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "SITE_URL": BASE,
    "BENCHMARK_FLOOR": "true",
    "LOG_LEVEL": "WARNING",
}


def env_for(database_url: str) -> dict:
    # Both databases may share one Redis: each keeps its own keys there.
    return {**ENV, "DATABASE_URL": database_url, "CACHE_KEY_PREFIX": database_url.rsplit("/", 1)[1]}


def manage(database_url: str, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env_for(database_url),
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout if capture else ""


def prepare_database(database_url: str, scale: str) -> None:
    name = database_url.rsplit("/", 1)[1]
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {name}"],
        capture_output=True,
        check=False,
    )
    manage(database_url, "migrate", "--no-input", "-v", "0")
    manage(database_url, "createcachetable")
    code = "from cities.models import City; print(City.objects.count())"
    loaded = manage(database_url, "shell", "-c", code, capture=True)
    if int(loaded.strip().splitlines()[-1]) < 50:
        manage(database_url, "load_bench_data", "--scale", scale)


def pages(database_url: str) -> dict:
    """The pages to measure and a logged-in officer's session cookie, from the loaded data."""
    return json.loads(manage(database_url, "bench_pages", capture=True).strip().splitlines()[-1])


def start_server(database_url: str, base: str) -> subprocess.Popen:
    workers = str(2 * os.cpu_count() + 1)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "smcportal.wsgi",
            "--bind",
            base.removeprefix("http://"),
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env_for(database_url),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - loopback only
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(base: str, path: str, cookie: str | None, seconds: int) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", base + path]
    command[1:1] = ["-H", "Accept-Encoding: gzip"]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, errors.groups())) if errors else 0),
    }


def combined(runs: list[dict]) -> dict:
    """Runs of one page as one: the mean rate and median, the worse p99, every error."""
    return {
        "rps": sum(run["rps"] for run in runs) / len(runs),
        "p50_ms": sum(run["p50_ms"] for run in runs) / len(runs),
        "p99_ms": max(run["p99_ms"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
    }


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


class Portal:
    """One gunicorn on one database, with the pages to measure there and the floor's runs."""

    def __init__(self, database_url: str, base: str):
        self.base = base
        self.measured = pages(database_url)
        self.server = start_server(database_url, base)
        self.floor_runs = []

    def floor(self) -> None:
        wrk(self.base, "/bench/floor", None, 2)
        self.floor_runs.append(wrk(self.base, "/bench/floor", None, SECONDS))

    def page(self, index: int, seconds: int) -> dict:
        page = self.measured["pages"][index]
        cookie = self.measured["officer_cookie"] if page.get("logged_in") else None
        return wrk(self.base, page["path"], cookie, seconds)

    def floor_figures(self) -> dict:
        runs = self.floor_runs
        return {key: sum(run[key] for run in runs) / len(runs) for key in ("rps", "p50_ms", "p99_ms")}

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=30)


def measure() -> tuple[dict, dict, dict]:
    """The floor at both scales and every page at full data with its growth, page by page side by side."""
    full = Portal(DATABASE_URL, BASE)
    small = Portal(SMALL_DATABASE_URL, SMALL_BASE)
    try:
        results = {}
        for portal in (full, small, full, small):
            portal.floor()
        for index, page in enumerate(full.measured["pages"]):
            full.page(index, 2), small.page(index, 2)  # warm-up
            # Full, small, small, full: a machine slowing down or speeding up evenly counts the same on both.
            half = max(SECONDS // 2, 1)
            full_runs = [full.page(index, half)]
            small_runs = [small.page(index, half), small.page(index, half)]
            full_runs.append(full.page(index, half))
            result = {**page, **combined(full_runs)}
            result["rps_at_small_scale"] = combined(small_runs)["rps"]
            result["growth"] = round(result["rps"] / result["rps_at_small_scale"], 3)
            results[page["name"]] = result
        for portal in (full, small):
            portal.floor()
    finally:
        full.stop()
        small.stop()
    floor, small_floor = full.floor_figures(), small.floor_figures()
    for result in results.values():
        result["ratio"] = round(result["rps"] / floor["rps"], 3)
        result["p99_to_floor"] = round(result["p99_ms"] / floor["p99_ms"], 2)
    return floor, small_floor, results


def main() -> None:
    prepare_database(DATABASE_URL, SCALE)
    prepare_database(SMALL_DATABASE_URL, SMALL_SCALE)
    manage(DATABASE_URL, "collectstatic", "--no-input", "-v", "0")
    floor, small_floor, results = measure()
    report = {
        "floor": floor,
        "floor_at_small_scale": small_floor,
        "pages": results,
        "connections": CONNECTIONS,
        "seconds": SECONDS,
        "scale": SCALE,
        "small_scale": SMALL_SCALE,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(report, indent=2))
    columns = ("req/s", "p50 ms", "p99 ms", "ratio", "p99/fl", "growth", "queries", "errors")
    print(f"{'page':<38}" + "".join(f"{column:>9}" for column in columns))
    print(f"{'floor':<38}{floor['rps']:>9.0f}{floor['p50_ms']:>9.1f}{floor['p99_ms']:>9.1f}{1:>9.2f}")
    for name, result in results.items():
        print(
            f"{name:<38}{result['rps']:>9.0f}{result['p50_ms']:>9.1f}{result['p99_ms']:>9.1f}"
            f"{result['ratio']:>9.2f}{result['p99_to_floor']:>9.1f}{result['growth']:>9.2f}"
            f"{result['queries']:>9}{result['errors']:>9}"
        )
    print(f"written to {out / 'latest.json'}")


if __name__ == "__main__":
    sys.exit(main())
