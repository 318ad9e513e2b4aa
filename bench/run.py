"""`make bench`: the portal under gunicorn with production settings on PostgreSQL, driven by wrk on
loopback; every page's requests/s, p50 and p99 are compared with the floor, a trivial Django view through
the same middleware and server, measured in the same run. The same pages are then measured on a second
database loaded at --scale 0.01, for the growth ratio (full data against 1 % of it). wrk asks for gzip, as
every browser does. Prints a table and writes bench/results/latest.json.
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


def manage(database_url: str, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**ENV, "DATABASE_URL": database_url},
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


def start_server(database_url: str) -> subprocess.Popen:
    workers = str(2 * os.cpu_count() + 1)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "smcportal.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**ENV, "DATABASE_URL": database_url},
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)  # noqa: S310 - loopback only
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(path: str, cookie: str | None, seconds: int) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", BASE + path]
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


def _ms(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def measure(database_url: str) -> tuple[dict, dict]:
    """The floor and every page, on one database: (floor, {page name: figures})."""
    measured = pages(database_url)
    # Both databases may share one Redis: pages cached from the other one must be dead.
    manage(database_url, "shell", "-c", "from core import page_cache; page_cache.invalidate()")
    server = start_server(database_url)
    try:
        results = {}
        floor_runs = []
        for _ in range(2):
            wrk("/bench/floor", None, 2)
            floor_runs.append(wrk("/bench/floor", None, SECONDS))
        for page in measured["pages"]:
            cookie = measured["officer_cookie"] if page.get("logged_in") else None
            wrk(page["path"], cookie, 2)  # warm-up
            results[page["name"]] = {**page, **wrk(page["path"], cookie, SECONDS)}
        floor_runs.append(wrk("/bench/floor", None, SECONDS))
    finally:
        server.terminate()
        server.wait(timeout=30)
    floor = {key: sum(run[key] for run in floor_runs) / len(floor_runs) for key in ("rps", "p50_ms", "p99_ms")}
    for result in results.values():
        result["ratio"] = round(result["rps"] / floor["rps"], 3)
    return floor, results


def main() -> None:
    prepare_database(DATABASE_URL, SCALE)
    prepare_database(SMALL_DATABASE_URL, SMALL_SCALE)
    manage(DATABASE_URL, "collectstatic", "--no-input", "-v", "0")
    floor, results = measure(DATABASE_URL)
    small_floor, small_results = measure(SMALL_DATABASE_URL)
    for name, result in results.items():
        result["rps_at_small_scale"] = small_results[name]["rps"]
        result["growth"] = round(result["rps"] / small_results[name]["rps"], 3)
        result["p99_to_floor"] = round(result["p99_ms"] / floor["p99_ms"], 2)
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
