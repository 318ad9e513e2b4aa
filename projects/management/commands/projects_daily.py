"""The projects' daily jobs at once, for a given day (the scheduler runs them every morning: projects.tasks.daily).
Both are idempotent: running it twice a day does nothing more."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from projects.tasks import run_daily


class Command(BaseCommand):
    help = "Close expired partner requests and send the funding calls' deadline reminders (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for, as YYYY-MM-DD (default: today).")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError("--date must be a date such as 2026-05-31.") from error
        self.stdout.write(f"{run_daily(today)}.")
