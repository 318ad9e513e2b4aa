"""The portal's task workers as production runs them (`manage.py db_worker --no-reload`), started, stopped and
killed by the tools, each with the environment it is given (the drill's database, its mail server)."""

import signal
import subprocess
from pathlib import Path

from perf.harness.processes import PYTHON, ROOT, end

POLL_SECONDS = "0.2"  # how often an idle worker looks for work (the library's default: 1 s)


class TaskWorker:
    """One `db_worker` process, named `worker_id` in the task results it claims; its output goes to
    `logdir/worker-<id>.log`."""

    def __init__(self, worker_id: str, env: dict, *, logdir: Path):
        self.worker_id, self.env, self.logdir = worker_id, env, logdir
        self.process: subprocess.Popen | None = None
        self._output = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> "TaskWorker":
        command = [PYTHON, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", POLL_SECONDS]
        command += ["--worker-id", self.worker_id, "-v", "1"]
        self._output = (self.logdir / f"worker-{self.worker_id}.log").open("ab")
        # A session of its own, as scripts/with_workers.sh starts them: a Ctrl-C of the tool reaches it once,
        # from stop().
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self._output, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def kill(self) -> None:
        """SIGKILL: the process dies wherever it is, as in a power cut or the OOM killer."""
        self._end(signal.SIGKILL, timeout=10)

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM: the worker finishes the task in hand and exits (killed if it takes longer than `timeout`)."""
        self._end(signal.SIGTERM, timeout=timeout)

    def _end(self, signum: int, *, timeout: float) -> None:
        end(self.process, signum, timeout=timeout)
        self.process = None
        if self._output:
            self._output.close()
            self._output = None
