"""The Ambassadors Initiative's periodic work (registered in AmbassadorsConfig.ready()): each morning, ask the
ambassadors whose year or term is up whether they still hold their office, and flag to staff those who did not
answer within 30 days. Both are safe to run again (ambassadors.terms)."""

import datetime

from django.utils import timezone

from ambassadors import terms
from core.taskqueue import rerunnable_task


def _day(scheduled_for: str) -> datetime.date:
    return timezone.localdate(datetime.datetime.fromisoformat(scheduled_for))


@rerunnable_task()
def ask_for_reconfirmations(scheduled_for: str) -> int:
    return terms.ask_for_reconfirmations(today=_day(scheduled_for))


@rerunnable_task()
def flag_unanswered_reconfirmations(scheduled_for: str) -> int:
    return terms.flag_unanswered_reconfirmations(today=_day(scheduled_for))
