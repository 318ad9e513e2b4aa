import dataclasses
import json

from django.core.management.base import BaseCommand
from django.db.models import Count

from core import delivery
from core.models import OutboxMail
from core.taskqueue import queue_status


class Command(BaseCommand):
    help = (
        "The outbox and the task queue at a glance, as JSON (status: mails by state, tasks waiting, delayed and "
        "running, the oldest wait in seconds), or the sweeper run at once (sweep)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "sweep"])

    def handle(self, *args, action, **options):
        if action == "sweep":
            self.stdout.write(json.dumps(delivery.sweep(), sort_keys=True))
            return
        by_state = dict(OutboxMail.objects.values_list("state").annotate(count=Count("pk")).order_by())
        status = queue_status()
        tasks = dataclasses.asdict(status) if status else {}
        if status:
            tasks["oldest_wait"] = status.oldest_wait.total_seconds() if status.oldest_wait else None
        report = {"mails": {state: by_state.get(state, 0) for state in OutboxMail.State.values}, "tasks": tasks}
        self.stdout.write(json.dumps(report, sort_keys=True))
