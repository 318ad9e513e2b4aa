"""The core's own periodic jobs (registered in core.apps): the outbox's sweeper and housekeeping."""

import datetime
import logging

from django.utils import timezone

from core import delivery
from core.models import PeriodicRun
from core.taskqueue import prune_finished_tasks, task

logger = logging.getLogger(__name__)

SWEEP_EVERY = datetime.timedelta(minutes=5)
KEEP_TASK_RESULTS = datetime.timedelta(days=7)
KEEP_PERIODIC_RUNS = datetime.timedelta(days=60)


@task()
def sweep_outbox(scheduled_for: str) -> dict[str, int]:
    done = delivery.sweep()
    if any(done.values()):
        logger.warning("outbox sweep: %s", done)
    return done


@task()
def tidy_up(scheduled_for: str) -> dict[str, int]:
    """Delete old sent mails, finished task results and periodic run records."""
    now = timezone.now()
    runs, _per_model = PeriodicRun.objects.filter(started_at__lt=now - KEEP_PERIODIC_RUNS).delete()
    return {
        "mails": delivery.prune(now),
        "task_results": prune_finished_tasks(now - KEEP_TASK_RESULTS),
        "periodic_runs": runs,
    }
