from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from core.cache import versions

# Each app that has demo content provides demo.load(stdout); order matters (cities before officers).
DEMO_MODULES = ["core.demo", "cities.demo", "accounts.demo", "topics.demo", "ambassadors.demo"]


class Command(BaseCommand):
    help = "Load the demo content. Idempotent: running it again changes nothing."

    def handle(self, *args, **options):
        # The demo goes through the real workflows; their mails would only flood the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self._load()
        versions.evict_everything()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    def _load(self):
        for name in DEMO_MODULES:
            module = import_module(name)
            with transaction.atomic():
                module.load(self.stdout)
