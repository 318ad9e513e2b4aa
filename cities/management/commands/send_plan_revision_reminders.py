import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cities.plans import send_plan_revision_reminders


class Command(BaseCommand):
    help = (
        "Remind member cities' officers 90 and 30 days before their mobility plan's revision is due. Run daily; "
        "running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to act as if it were today (YYYY-MM-DD); default: today.")

    def handle(self, *args, **options):
        try:
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError:
            raise CommandError("--today takes a date as YYYY-MM-DD.") from None
        sent = send_plan_revision_reminders(today=today)
        self.stdout.write(f"{sent} plan revision reminder(s) sent.")
