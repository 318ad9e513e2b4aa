from django.core.management.base import BaseCommand
from django.utils import timezone

from topics import tasks


class Command(BaseCommand):
    help = (
        "Queue the daily digests now, covering the time since each reader's last one. The scheduler "
        "(manage.py run_scheduler) does this every morning; a worker (manage.py db_worker) sends them."
    )

    def handle(self, *args, **options):
        tasks.daily_digests.enqueue(scheduled_for=timezone.now().isoformat())
        self.stdout.write("The daily digests are queued for the workers.")
