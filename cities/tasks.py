"""The cities' background work: the daily reminders that a mobility plan falls due for revision."""

import datetime

from cities.plans import send_plan_revision_reminders
from core.taskqueue import BULK, rerunnable_task


@rerunnable_task(priority=BULK)
def plan_revision_reminders(scheduled_for: str) -> int:
    """The scheduler's daily job, for the day its period began; safe to run again (cities.plans says why)."""
    return send_plan_revision_reminders(today=datetime.datetime.fromisoformat(scheduled_for).date())
