"""The projects' background work: every morning, close the partner requests past their deadline and remind the
followers of funding calls 14 and 3 days before each deadline. Both are idempotent (a second run sends nothing)."""

import datetime

from core.taskqueue import BULK, rerunnable_task
from projects.reminders import send_deadline_reminders
from projects.services.partners import close_expired_partner_requests


def run_daily(today: datetime.date) -> str:
    closed = close_expired_partner_requests(today=today)
    sent = send_deadline_reminders(today=today)
    return f"{closed} partner requests closed, {sent} deadline reminders sent"


@rerunnable_task(priority=BULK)
def daily(scheduled_for: str) -> str:
    return run_daily(datetime.datetime.fromisoformat(scheduled_for).date())
