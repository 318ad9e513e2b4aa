"""wrk on loopback: its command line, its output read into figures, and the Lua script that makes it walk
through a list of paths (so that one run reads many different pages, as a day's visitors do)."""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass(frozen=True)
class WrkResult:
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors: connect, read, write, timeout
    non_2xx: int  # answers with a status of 400 or more ("Non-2xx or 3xx responses")


def parse(output: str) -> WrkResult:
    """The figures of wrk's output (run with --latency); a figure wrk did not print counts as 0."""
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        requests=int(_find(r"(\d+) requests in", output) or 0),
        rps=float(_find(r"Requests/sec:\s+([\d.]+)", output) or 0),
        p50_ms=_ms(_find(r"^\s*50%\s+([\d.]+[a-z]+)", output)),
        p99_ms=_ms(_find(r"^\s*99%\s+([\d.]+[a-z]+)", output)),
        errors=sum(map(int, socket_errors.groups())) if socket_errors else 0,
        non_2xx=int(_find(r"Non-2xx or 3xx responses: (\d+)", output) or 0),
    )


def _find(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text, re.MULTILINE)
    return match.group(1) if match else None


def _ms(text: str | None) -> float:
    if text is None:
        return 0.0
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return float(number) * UNITS_MS[unit]


def command(
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int = 2,
    headers: dict | None = None,
    script: Path | None = None,
    timeout: str | None = None,
) -> list[str]:
    """wrk's command line. A script's requests go to the host of `url` (its paths replace the url's path)."""
    line = ["wrk", f"-t{threads}", f"-c{max(connections, threads)}", f"-d{seconds:g}s"]
    if timeout:  # how long a request may take before wrk counts it as a timeout error (wrk's default: 2s)
        line.append(f"--timeout={timeout}")
    for name, value in (headers or {}).items():
        line += ["-H", f"{name}: {value}"]
    if script:
        line += ["-s", str(script)]
    return [*line, "--latency", url]


def run(url: str, **options) -> WrkResult:
    """Runs wrk to the end and reads its figures (see `command` for the options)."""
    seconds = options["seconds"]
    output = subprocess.run(command(url, **options), capture_output=True, text=True, check=True, timeout=seconds + 60)
    return parse(output.stdout)


def lua_string(text: str) -> str:
    """`text` as a Lua string literal; refuses what no URL path holds (control characters)."""
    if any(ord(character) < 32 or ord(character) == 127 for character in text):
        raise ValueError(f"not a path: {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def path_list_script(paths: list[str]) -> str:
    """A wrk script whose requests walk through `paths` in turn (each of wrk's threads from the first)."""
    if not paths:
        raise ValueError("a path list needs at least one path")
    listed = "".join(f"  {lua_string(path)},\n" for path in paths)
    return (
        "-- Written by perf/harness/wrk.py: each request asks for the next path of the list.\n"
        f"local paths = {{\n{listed}}}\n"
        "local next_path = 0\n"
        "request = function()\n"
        "  next_path = next_path % #paths + 1\n"
        '  return wrk.format("GET", paths[next_path])\n'
        "end\n"
    )


def write_path_list(paths: list[str], file: Path) -> Path:
    file.write_text(path_list_script(paths))
    return file
