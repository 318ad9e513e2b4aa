import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from core.cache import versions
from core.mail import mail_muted
from devdata.demo import STEPS


class Command(BaseCommand):
    help = "Load the demo content. Idempotent: running it again changes nothing."

    def handle(self, *args, **options):
        # The demo goes through the real workflows; their mails would only flood the console, and their
        # audit entries are stored as usual but not also logged line by line.
        audit = logging.getLogger("smcportal.audit")
        level = audit.level
        audit.setLevel(logging.WARNING)
        try:
            with mail_muted():
                for step in STEPS:
                    with transaction.atomic():
                        step(self.stdout)
        finally:
            audit.setLevel(level)
        versions.evict_everything()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
