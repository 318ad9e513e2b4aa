"""The projects' daily jobs, for cron (or the scheduler once it lands): close the partner requests whose deadline
has passed, then send the deadline reminders due. Both are idempotent: running it twice a day does nothing more."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from projects.reminders import send_deadline_reminders
from projects.services.partners import close_expired_partner_requests


class Command(BaseCommand):
    help = "Close expired partner requests and send the funding calls' deadline reminders (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for, as YYYY-MM-DD (default: today).")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError("--date must be a date such as 2026-05-31.") from error
        closed = close_expired_partner_requests(today=today)
        sent = send_deadline_reminders(today=today)
        self.stdout.write(f"{closed} partner requests closed, {sent} deadline reminders sent.")
