"""The portal's task queue: Django's Tasks framework with the database backend of django-tasks-db.

The queue is a table of the portal's own database, so the embedded SQLite default and production on
PostgreSQL run the same code, and any number of workers (`manage.py db_worker`) on any number of machines
share it (each takes a task with SELECT ... FOR UPDATE SKIP LOCKED). Tasks are declared with `task` from this
module: from Django 6 it is django.tasks', before it the django-tasks backport's, so the upgrade changes no
import (settings.INSTALLED_APPS drops the backport by itself).

The backend runs a task at most once: a worker that dies leaves it "running" for ever. A task that is safe
to run again (it looks at what is already done before doing it) is declared with `rerunnable_task`; the
sweeper (core.delivery) runs such a task again once it has been running longer than TASKS_STALE_MINUTES.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

try:
    from django.tasks import TaskResultStatus, task  # Django 6
except ImportError:
    from django_tasks import TaskResultStatus, task

__all__ = ["BULK", "TaskResultStatus", "enqueue_on_commit", "queue_status", "rerunnable_task", "task"]

# Fan-out and digest work runs behind the mails people wait for (a confirmation link overtakes a campaign).
BULK = -10

RERUNNABLE: set[str] = set()
LOST_TASK_ERROR = "core.taskqueue.WorkerLost"


def rerunnable_task(**options):
    """@task(**options) for a task whose worker may die mid-way without harm: it is run again."""

    def decorate(function):
        declared = task(**options)(function)
        RERUNNABLE.add(declared.module_path)
        return declared

    return decorate


def enqueue_on_commit(declared_task, *args, **kwargs) -> None:
    """Queue the task when the surrounding transaction commits (at once outside one): a worker never works on
    rows that were rolled back, and a request only writes a row."""
    transaction.on_commit(partial(declared_task.enqueue, *args, **kwargs))


def _database_queue():
    from django_tasks_db import DatabaseBackend

    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend.rsplit(".", 1)[-1] != DatabaseBackend.__name__:
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(backend_name="default")


@dataclass(frozen=True)
class QueueStatus:
    waiting: int  # ready to run now
    oldest_wait: datetime.timedelta | None  # how long the oldest of those has waited
    delayed: int  # waiting for a later time (retries)
    running: int


def queue_status(now: datetime.datetime | None = None) -> QueueStatus | None:
    """What the workers have before them; None when the queue is not in the database."""
    results = _database_queue()
    if results is None:
        return None
    from django_tasks_db.models import get_date_max

    now = now or timezone.now()
    ready = results.filter(status=TaskResultStatus.READY)
    undated = ready.filter(run_after=get_date_max())
    dated = ready.filter(run_after__lte=now)
    # A task waits from when it was queued, or from when it was due if it was queued for later.
    since = [
        moment
        for moment in (
            undated.order_by("enqueued_at").values_list("enqueued_at", flat=True).first(),
            dated.order_by("run_after").values_list("run_after", flat=True).first(),
        )
        if moment is not None
    ]
    waiting = undated.count() + dated.count()
    return QueueStatus(
        waiting=waiting,
        oldest_wait=now - min(since) if since else None,
        delayed=ready.count() - waiting,
        running=results.filter(status=TaskResultStatus.RUNNING).count(),
    )


def rerun_lost_tasks(now: datetime.datetime | None = None) -> int:
    """Run again the rerunnable tasks whose worker seems to have died; returns how many."""
    results = _database_queue()
    if results is None:
        return 0
    now = now or timezone.now()
    lost = results.filter(
        status=TaskResultStatus.RUNNING,
        started_at__lt=now - datetime.timedelta(minutes=settings.TASKS_STALE_MINUTES),
        task_path__in=RERUNNABLE,
    )
    rerun = 0
    for result in lost:
        with transaction.atomic():
            # Only one sweeper (there may be one per machine) takes each lost task.
            taken = results.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=LOST_TASK_ERROR,
                traceback=f"Still running after {settings.TASKS_STALE_MINUTES} minutes: taken for lost, run again.",
            )
            if taken:
                result.task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
                rerun += 1
    return rerun


def prune_finished_tasks(finished_before: datetime.datetime) -> int:
    """Delete the results of tasks that finished before the time; returns how many."""
    results = _database_queue()
    if results is None:
        return 0
    deleted, _per_model = results.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=finished_before
    ).delete()
    return deleted
