"""What every tool needs to drive processes: where the portal is, a timestamped log, free ports, bounded
waiting, and `manage.py` run with a given environment."""

import json
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python")
HOST = "127.0.0.1"
_STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - _STARTED:6.1f}s] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.2):
            return True
    except OSError:
        return False


def until(check: Callable[[], bool], timeout: float, interval: float = 0.1) -> bool:
    """Asks `check` every `interval` seconds until it says yes (True) or `timeout` seconds have passed (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return check()


def wait_for(check: Callable[[], bool], timeout: float, what: str, interval: float = 0.1) -> None:
    if not until(check, timeout, interval):
        raise RuntimeError(f"timed out after {timeout:.0f}s waiting for {what}")


def manage(env: dict, *args: str, timeout: float | None = 1800, echo: bool = False) -> str:
    """Runs `manage.py args` in `env`; returns its output, or shows it as it comes when `echo` is set."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=not echo, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout or ''}\n{result.stderr or ''}")
    return result.stdout or ""


def last_json_line(output: str):
    """The JSON a management command prints as its last line (anything it logged before is skipped)."""
    return json.loads(output.strip().splitlines()[-1])


def orm(env: dict, code: str):
    """Runs `code`, which sets `result`, in `manage.py shell`; returns `result` (it must be JSON)."""
    script = code + "\nimport json as _json\nprint(_json.dumps(result))\n"
    return last_json_line(manage(env, "shell", "-c", script, timeout=120))


def end(process: subprocess.Popen | None, signum: int = signal.SIGTERM, *, timeout: float = 20) -> None:
    """Sends SIGNUM to a running PROCESS and waits for it; kills it if it is still there after TIMEOUT."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signum)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
