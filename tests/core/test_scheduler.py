"""The scheduler queues each periodic job once per period, however often, and wherever, it runs."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from core import scheduler
from core.models import PeriodicRun
from core.tasks import sweep_outbox
from tests.worker import queued_tasks
from topics.tasks import daily_digests

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")  # settings.TIME_ZONE


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=BRUSSELS)


def _queued(jobs: list[str], name: str) -> list[str]:
    return [job.split(" ")[1] for job in jobs if job.startswith(f"{name} ")]


def test_the_daily_digests_are_queued_once_a_day_from_seven_local_time():
    assert _queued(scheduler.tick(at(10, 7, 0)), "topics.daily-digests") == ["2026-03-10T07:00"]
    for again in (at(10, 7, 0), at(10, 12, 0), at(11, 6, 59)):
        assert _queued(scheduler.tick(again), "topics.daily-digests") == []
    assert _queued(scheduler.tick(at(11, 7, 0)), "topics.daily-digests") == ["2026-03-11T07:00"]
    assert [task.args_kwargs["kwargs"] for task in queued_tasks(daily_digests)] == [
        {"scheduled_for": "2026-03-10T07:00:00+01:00"},
        {"scheduled_for": "2026-03-11T07:00:00+01:00"},
    ]


def test_the_outbox_sweeper_is_queued_every_five_minutes():
    assert _queued(scheduler.tick(at(10, 9, 2)), "core.sweep-outbox") == ["2026-03-10T09:00"]
    assert _queued(scheduler.tick(at(10, 9, 4)), "core.sweep-outbox") == []
    assert _queued(scheduler.tick(at(10, 9, 5)), "core.sweep-outbox") == ["2026-03-10T09:05"]
    assert len(queued_tasks(sweep_outbox)) == 2


def test_seven_o_clock_stays_seven_o_clock_across_the_change_to_summer_time():
    job = scheduler.JOBS["topics.daily-digests"]
    assert scheduler.period_of(job, at(29, 8, 0)) == at(29, 7, 0)
    assert scheduler.period_of(job, at(29, 6, 0)).isoformat() == "2026-03-28T07:00:00+01:00"


def test_a_period_another_scheduler_queued_is_not_queued_again():
    job = scheduler.JOBS["topics.daily-digests"]
    PeriodicRun.objects.create(job=job.name, period="2026-03-10T07:00")
    assert _queued(scheduler.tick(at(10, 8, 0)), job.name) == []
    # Two schedulers that both found the period free: the unique record lets one of them through.
    assert scheduler._queue_once(job, "2026-03-10T07:00", at(10, 7, 0)) is False
    assert queued_tasks(daily_digests) == []


@pytest.mark.parametrize("every", [datetime.timedelta(hours=7), datetime.timedelta(days=2), datetime.timedelta(0)])
def test_a_period_must_divide_a_day(every):
    with pytest.raises(ValueError):
        scheduler.register("test.odd", sweep_outbox, every=every)
    assert "test.odd" not in scheduler.JOBS


def test_run_scheduler_once_queues_what_is_due_and_stops():
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert "queued topics.daily-digests" in out.getvalue() and "queued core.sweep-outbox" in out.getvalue()
    call_command("run_scheduler", "--once", stdout=(again := io.StringIO()))
    assert "topics.daily-digests" not in again.getvalue()
    assert PeriodicRun.objects.filter(job="topics.daily-digests").count() == 1
