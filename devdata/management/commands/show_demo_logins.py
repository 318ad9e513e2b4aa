from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import User
from devdata.demo.people import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PENDING_REQUESTS


class Command(BaseCommand):
    help = "Print the demo accounts' logins, in development (DEBUG on) only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            return
        emails = [account[0] for account in DEMO_ACCOUNTS]
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        if not existing:
            return
        self.stdout.write("Demo logins (development only), password: " + DEMO_PASSWORD)
        for email, full_name, is_staff, affiliation in DEMO_ACCOUNTS:
            if email in existing:
                if is_staff:
                    what = "staff"
                elif affiliation:
                    what = f"{affiliation[1].label}, {affiliation[0]}"
                else:
                    pending = [r for r in DEMO_PENDING_REQUESTS if r[0] == email]
                    what = f"asks to be {pending[0][2].label}, {pending[0][1]}" if pending else "no city"
                self.stdout.write(f"  {email:32} {full_name} ({what})")
