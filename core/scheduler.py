"""Periodic work without a hand-kept cron: `manage.py run_scheduler` runs beside the workers and queues each
registered job once per period.

An app registers a job in one line, from its AppConfig.ready():

    scheduler.register("topics.daily-digests", send_daily_digests, every=scheduler.DAY, at=datetime.time(7))

Periods are laid out from `at` (local time) every `every`, which divides a day. Each job is queued with a
PeriodicRun row (job, period) under a unique constraint, in one transaction, so however many schedulers run,
on however many machines, and however often, a job is queued once per period. The task is called with
`scheduled_for`, the ISO 8601 time its period began, so that it knows what its run covers. A scheduler that
was stopped queues the current period only: each job covers what it missed by itself.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import PeriodicRun

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Any  # a task declared with core.taskqueue.task, taking `scheduled_for`
    every: datetime.timedelta
    at: datetime.time


JOBS: dict[str, PeriodicJob] = {}


def register(name: str, task, *, every: datetime.timedelta = DAY, at: datetime.time = datetime.time(0)) -> None:
    if every <= datetime.timedelta(0) or every > DAY or DAY % every:
        raise ValueError(f"The period of {name!r} must divide a day, not be {every}.")
    JOBS[name] = PeriodicJob(name=name, task=task, every=every, at=at)


def period_of(job: PeriodicJob, now: datetime.datetime) -> datetime.datetime:
    """When the period that contains `now` began, in local time."""
    local = timezone.localtime(now)
    # Wall-clock arithmetic (one time zone on both sides), so that "07:00" stays 07:00 across daylight saving.
    first = local.replace(hour=job.at.hour, minute=job.at.minute, second=0, microsecond=0)
    if first > local:
        first -= DAY
    return first + (local - first) // job.every * job.every


def tick(now: datetime.datetime | None = None) -> list[str]:
    """Queue every job whose current period has not run yet; returns "job period" for each one queued."""
    now = now or timezone.now()
    queued = []
    for job in JOBS.values():
        began = period_of(job, now)
        period = began.strftime("%Y-%m-%dT%H:%M")
        if not PeriodicRun.objects.filter(job=job.name, period=period).exists() and _queue_once(job, period, began):
            queued.append(f"{job.name} {period}")
    return queued


def _queue_once(job: PeriodicJob, period: str, began: datetime.datetime) -> bool:
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(job=job.name, period=period)
            # The queue is a table of this database: the task row commits with the record, or neither does.
            job.task.enqueue(scheduled_for=began.isoformat())
    except IntegrityError:
        return False  # another scheduler queued it first
    return True
