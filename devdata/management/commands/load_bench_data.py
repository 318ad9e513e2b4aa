import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.cache import versions
from devdata.bench import STEPS


class Progress:
    """A one-line progress bar per step, on the command's output."""

    def __init__(self, stdout):
        self.stdout = stdout

    def __call__(self, label: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        self.stdout.write(f"\r  {label:<28} [{'#' * filled}{'.' * (width - filled)}] {done:>7}/{total}", ending=end)
        self.stdout.flush()


class Command(BaseCommand):
    help = "Load network-scale benchmark data (every European city, 20,000 users, 200,000 posts…)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is full size; 0.01 gives 1 %% of it.")

    def handle(self, *args, scale, **options):
        if not 0 < scale <= 1:
            raise CommandError("--scale must be above 0 and at most 1.")
        started = time.monotonic()
        progress = Progress(self.stdout)
        for step in STEPS:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:  # bulk loads run longer than a web request may
                        cursor.execute("SET LOCAL statement_timeout = 0")
                step(scale, progress)
        if connection.vendor == "postgresql":
            # Statistics and visibility maps, as autovacuum would make them later; a benchmark started
            # while autovacuum still works through the fresh rows would measure it too.
            with connection.cursor() as cursor:  # VACUUM cannot run inside a transaction (a test's, say)
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        versions.evict_everything()  # bulk inserts send no signals
        self.stdout.write(self.style.SUCCESS(f"Benchmark data loaded in {time.monotonic() - started:.0f} s."))
