"""`make resilience`: the portal under gunicorn with production settings, on a PRIVATE PostgreSQL cluster and
a PRIVATE Redis started on free loopback ports and removed afterwards (the machine's own services are never
touched), through the scenarios of `scenarios/` (database outage under load, two app servers sharing sessions
and rate limits, concurrent signing and joining, Redis outage, and the mail: its server down, a worker killed
mid-batch, two workers on one queue, against a real SMTP server).

Each scenario prints its figures; the run ends with the table of every check and exits 1 when a target is
missed (2 when a tool is missing). Loopback only; every loop is bounded in count and time.
"""

import shutil
import signal
import sys

from perf.resilience.drill import Drill
from perf.resilience.scenarios import SCENARIOS

TOOLS = ("wrk", "redis-server", "redis-cli", "psql")


def main() -> int:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(f"error: not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupted)
    drill = Drill()
    try:
        drill.setup()
        for scenario in SCENARIOS:
            try:
                scenario.run(drill)
            except Exception as error:  # noqa: BLE001 - one broken scenario must not hide the others
                drill.check(scenario.NAME, "scenario ran", f"{type(error).__name__}: {error}", "no error", False)
        ok = drill.summary()
        if not ok:
            drill.show_logs()
    except BaseException:
        drill.show_logs()
        raise
    finally:
        drill.teardown()
    return 0 if ok else 1


def _interrupted(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
