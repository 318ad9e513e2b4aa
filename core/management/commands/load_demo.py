from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from core import page_cache
from core.mail import mail_muted

# Each app that has demo content provides demo.load(stdout); order matters (cities before officers).
DEMO_MODULES = ["core.demo", "cities.demo", "accounts.demo", "topics.demo", "ambassadors.demo"]


class Command(BaseCommand):
    help = "Load the demo content. Idempotent: running it again changes nothing."

    def handle(self, *args, **options):
        # The demo goes through the real workflows; their mails would only flood the console.
        with mail_muted():
            self._load()
        page_cache.invalidate()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    def _load(self):
        for name in DEMO_MODULES:
            module = import_module(name)
            with transaction.atomic():
                module.load(self.stdout)
