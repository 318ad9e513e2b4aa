from django.core.management.base import BaseCommand

from topics.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Mail the daily digest to users who chose it: what happened since their last digest. Run from cron."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
