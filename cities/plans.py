"""A city's mobility plan (SUMP): its status and dates, kept by the city's own officers, and the reminders that
its revision falls due.

plan_update is the only code that changes the plan's fields; each change is one audit entry on the city (the
staff see it in the city's audit trail). send_plan_revision_reminders is run daily (manage.py
send_plan_revision_reminders): a member city's verified people are told 90 days and again 30 days before the
revision is due, each reminder once per due date, however often the job runs.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts import permissions
from cities.models import City, PlanReminder
from cities.services import verified_people_emails
from core.mail import send_templated_mail
from core.models import log_action
from core.workflow import Refused, require, transition

PLAN_FIELDS = ["sump_status", "sump_adopted_on", "sump_revision_due", "sump_url"]
ADOPTED_STATES = {City.Sump.ADOPTED, City.Sump.UNDER_REVISION}
REMINDER_DAYS = (30, 90)  # the shortest lead time that has come is the one due


def plan_errors(values: dict, *, today: datetime.date) -> dict[str, str]:
    """What is impossible in a plan's VALUES, by field: the form shows it at the field, the workflow refuses."""
    status = values.get("sump_status")
    adopted_on, revision_due = values.get("sump_adopted_on"), values.get("sump_revision_due")
    errors = {}
    if status in ADOPTED_STATES and adopted_on is None:
        errors["sump_adopted_on"] = _("Give the date the plan was adopted.")
    elif status not in ADOPTED_STATES and adopted_on is not None:
        errors["sump_adopted_on"] = _(
            "Only an adopted plan has an adoption date: choose “adopted” or “under revision”."
        )
    elif adopted_on is not None and adopted_on > today:
        errors["sump_adopted_on"] = _("The adoption date cannot be in the future.")
    if revision_due is not None:
        if status not in ADOPTED_STATES:
            errors["sump_revision_due"] = _("Only an adopted plan falls due for revision.")
        elif adopted_on is not None and revision_due <= adopted_on:
            errors["sump_revision_due"] = _("The revision is due after the plan's adoption, not before.")
    return errors


def _plain(value) -> str:
    return "" if value is None else str(value)


def plan_update(city: City, *, by, values: dict, today: datetime.date) -> City:
    """Set the plan's fields to VALUES (those of PLAN_FIELDS); one audit entry names each field changed."""
    require(
        permissions.can_update_city_plan(by, city), _("Only the city's verified officers update its mobility plan.")
    )
    values = {field: values.get(field) or (City.Sump.NONE if field == "sump_status" else None) for field in PLAN_FIELDS}
    values["sump_url"] = values["sump_url"] or ""
    errors = plan_errors(values, today=today)
    if errors:
        raise Refused(errors)
    changes: dict[str, list[str]] = {}
    # The audit entry is written as the step ends, so the changes found on the locked row are in it.
    with transition(
        city, field="sump_status", allowed_from=lambda status: True, action="cities.plan.updated", by=by,
        changes=changes,
    ) as locked:
        for field, value in values.items():
            if getattr(locked, field) != value:
                changes[field] = [_plain(getattr(locked, field)), _plain(value)]
                setattr(locked, field, value)
        if not changes:
            raise Refused(_("Nothing was changed."), code="unchanged")
        locked.save(update_fields=[*changes, "updated_at"])
    return locked


def _reminder_due(city: City, today: datetime.date) -> int:
    days_left = (city.sump_revision_due - today).days
    return next(days for days in REMINDER_DAYS if days_left <= days)


def _remind(city: City, days_before: int, *, today: datetime.date) -> bool:
    """Send CITY's reminder DAYS_BEFORE its revision date unless it was sent already; True when sent now."""
    emails = verified_people_emails(city)
    if not emails:
        return False  # nobody to tell yet: an officer verified tomorrow still gets it
    try:
        with transaction.atomic():
            PlanReminder.objects.create(
                city=city, revision_due=city.sump_revision_due, days_before=days_before, recipients=len(emails)
            )
            log_action(
                city, "cities.plan.reminder_sent", days_before=days_before, revision_due=str(city.sump_revision_due)
            )
            send_templated_mail(
                "cities/emails/plan_revision_reminder",
                {"city": city, "days_left": (city.sump_revision_due - today).days},
                emails,
                key=f"cities.plan.reminder.{city.pk}.{city.sump_revision_due}.{days_before}",
            )
    except IntegrityError:
        return False  # sent already, by this job earlier or by a run at the same time
    return True


def send_plan_revision_reminders(*, today: datetime.date) -> int:
    """Remind member cities whose plan revision is due within 90 days (and again within 30); returns how many
    reminders went out. Idempotent: a reminder already sent for a city's due date is never sent again."""
    already = set(
        PlanReminder.objects.filter(revision_due__gte=today).values_list("city_id", "revision_due", "days_before")
    )
    sent = 0
    cities = (
        City.objects.members()
        .revision_due_between(today, today + datetime.timedelta(days=max(REMINDER_DAYS)))
        .only("pk", "name", "slug", "sump_revision_due")
        .order_by("sump_revision_due", "pk")
    )
    for city in cities:
        days_before = _reminder_due(city, today)
        if (city.pk, city.sump_revision_due, days_before) not in already and _remind(city, days_before, today=today):
            sent += 1
    return sent
