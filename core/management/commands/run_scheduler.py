import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from core import scheduler


class Command(BaseCommand):
    help = (
        "Queue the periodic jobs (daily digests, the outbox's sweeper...) once per period, for the workers "
        "(manage.py db_worker) to run. Runs until stopped; safe to run on several machines at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Queue what is due now, then stop.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between two looks (default 30).")

    def handle(self, *args, once, interval, **options):
        self.running = True
        if not once:
            signal.signal(signal.SIGINT, self._stop)
            signal.signal(signal.SIGTERM, self._stop)
            self.stdout.write(f"Scheduler started: {', '.join(sorted(scheduler.JOBS))}.")
        while self.running:
            try:
                for queued in scheduler.tick():
                    self.stdout.write(f"queued {queued}")
            except DatabaseError as error:
                # Busy or away for a moment: the next look queues what is due (once, whenever it happens).
                self.stderr.write(f"database unavailable, trying again: {error}")
            if once:
                return
            # A long-running process: drop a connection the database closed or that is past its age.
            close_old_connections()
            for _ in range(interval):
                if not self.running:
                    break
                time.sleep(1)

    def _stop(self, signum, frame):
        self.running = False
