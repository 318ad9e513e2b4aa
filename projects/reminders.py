"""Reminders of funding calls' deadlines, 14 and 3 days before each one, to the people who follow the call or its
programme. Run daily by the scheduler (projects.tasks), or by hand with manage.py projects_daily.

Each reminder sent is a DeadlineReminder row whose unique key (person, call, deadline, which reminder) makes a
second run the same day, or two runs at once, send nothing more. A run that was missed catches up: the 14-day
reminder goes out any day from 14 to 4 days before, the 3-day one from 3 days before to the day itself.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from accounts.permissions import can_follow_calls
from core.mail import send_templated_mail
from projects.models import Call, DeadlineReminder, Follow

REMINDER_DAYS = (14, 3)


def reminder_due(deadline: datetime.date, today: datetime.date) -> int | None:
    """Which reminder (days before) is due for DEADLINE on TODAY, if any."""
    days_left = (deadline - today).days
    for days, next_days in zip(REMINDER_DAYS, (*REMINDER_DAYS[1:], -1), strict=True):
        if next_days < days_left <= days:
            return days
    return None


def _followers(calls: list[Call]) -> dict[int, list]:
    """Each call's followers: those of the call and those of its programme, each once."""
    follows = Follow.objects.filter(
        Q(call__in=calls) | Q(programme__in={call.programme for call in calls}), user__is_active=True
    ).select_related("user")
    by_call, by_programme = defaultdict(dict), defaultdict(dict)
    for follow in follows:
        target = by_call[follow.call_id] if follow.call_id else by_programme[follow.programme]
        target[follow.user_id] = follow.user
    return {
        call.pk: list({**by_programme[call.programme], **by_call[call.pk]}.values()) for call in calls
    }


def send_deadline_reminders(*, today: datetime.date) -> int:
    """Send the reminders due today; returns how many were sent."""
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    calls = list(
        Call.objects.published().filter(
            Q(deadline__range=(today, horizon)) | Q(second_deadline__range=(today, horizon))
        )
    )
    if not calls:
        return 0
    followers = _followers(calls)
    sent_before = set(
        DeadlineReminder.objects.filter(call__in=calls).values_list("user_id", "call_id", "deadline", "days_before")
    )
    sent = 0
    for call in calls:
        for deadline, label in call.deadlines:
            days = reminder_due(deadline, today)
            if days is None:
                continue
            for user in followers[call.pk]:
                if (user.pk, call.pk, deadline, days) in sent_before or not can_follow_calls(user):
                    continue
                sent += _remind(user, call, deadline=deadline, label=label, days=days, today=today)
    return sent


def _remind(user, call: Call, *, deadline: datetime.date, label: str, days: int, today: datetime.date) -> int:
    site = settings.SITE_URL.rstrip("/")
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(user=user, call=call, deadline=deadline, days_before=days)
            send_templated_mail(
                "projects/emails/deadline_reminder",
                {
                    "recipient": user,
                    "call": call,
                    "deadline": deadline,
                    "label": label,
                    "days_left": (deadline - today).days,
                    "url": site + call.get_absolute_url(),
                    "following_url": site + reverse("projects:following"),
                },
                [user.email],
            )
    except IntegrityError:  # another run sent it a moment ago
        return 0
    return 1
