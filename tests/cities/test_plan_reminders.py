"""The reminders that a mobility plan is due for revision: 90 and 30 days before, each sent once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import Affiliation
from cities.models import City, PlanReminder
from cities.plans import send_plan_revision_reminders
from core.models import ActionLog
from devdata.factories import AffiliationFactory, CityFactory, UserFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

DUE = datetime.date(2027, 6, 30)


def days_before(days: int) -> datetime.date:
    return DUE - datetime.timedelta(days=days)


@pytest.fixture
def city(db):
    city = CityFactory(name="Emmen", sump_status="adopted", sump_adopted_on=datetime.date(2019, 1, 1),
                       sump_revision_due=DUE)
    AffiliationFactory(city=city, user=UserFactory(email="olaf@emmen.example.org"))
    mayor = UserFactory(email="mayor@emmen.example.org")
    AffiliationFactory(city=city, role=Affiliation.Role.REPRESENTATIVE, user=mayor)
    return city


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            sent = send_plan_revision_reminders(today=today)
        run_queued_tasks()
        return sent

    return run


def test_the_officers_are_reminded_90_days_before_the_revision_is_due(city, send):
    assert send(days_before(90)) == 1
    assert sorted(message.to[0] for message in mail.outbox) == ["mayor@emmen.example.org", "olaf@emmen.example.org"]
    message = mail.outbox[0]
    assert "Emmen's mobility plan is due for revision in 90 days" in message.subject
    assert "/cities/emmen/plan/" in message.body
    assert PlanReminder.objects.get().days_before == 90
    assert ActionLog.objects.about(city).get(action="cities.plan.reminder_sent").data["days_before"] == 90


def test_running_the_job_again_the_same_day_sends_nothing(city, send):
    assert send(days_before(90)) == 1
    assert send(days_before(90)) == 0
    assert len(mail.outbox) == 2  # the two people, once


def test_the_90_day_reminder_is_sent_once_between_90_and_30_days_then_the_30_day_one_once(city, send):
    sent = [send(days_before(days)) for days in range(100, -1, -1)]
    assert sum(sent) == 2
    assert sorted(PlanReminder.objects.values_list("days_before", flat=True)) == [30, 90]
    assert sent[100 - 90] == 1 and sent[100 - 30] == 1


def test_a_job_that_missed_a_day_catches_up_once(city, send):
    assert send(days_before(85)) == 1
    assert send(days_before(84)) == 0


def test_a_date_set_within_30_days_gets_only_the_30_day_reminder_which_counts_the_days_left(city, send):
    assert send(days_before(20)) == 1
    assert "due for revision in 20 days" in mail.outbox[0].subject
    assert send(days_before(10)) == 0
    assert PlanReminder.objects.get().days_before == 30


def test_a_new_due_date_gets_its_own_reminders(city, send):
    send(days_before(90))
    City.objects.filter(pk=city.pk).update(sump_revision_due=DUE + datetime.timedelta(days=365))
    assert send(days_before(90)) == 0  # a year early now
    assert send(days_before(90) + datetime.timedelta(days=365)) == 1


@pytest.mark.parametrize(
    "state", [City.Membership.SUSPENDED, City.Membership.FORMER, City.Membership.APPLICANT]
)
def test_only_member_cities_are_reminded(city, send, state):
    City.objects.filter(pk=city.pk).update(membership_status=state)
    assert send(days_before(90)) == 0
    assert mail.outbox == []


def test_nothing_is_sent_too_early_after_the_date_or_without_a_date(city, send):
    CityFactory(sump_status="in_preparation")
    assert send(days_before(91)) == 0
    assert send(DUE + datetime.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_a_city_without_verified_people_is_reminded_once_it_has_some(city, send):
    Affiliation.objects.filter(city=city).update(status=Affiliation.Status.PENDING)
    assert send(days_before(90)) == 0
    assert not PlanReminder.objects.exists()
    Affiliation.objects.filter(city=city).update(status=Affiliation.Status.VERIFIED)
    assert send(days_before(89)) == 1


def test_the_management_command_runs_the_job_for_a_given_day(city, capsys):
    call_command("send_plan_revision_reminders", today=days_before(30).isoformat())
    assert "1 plan revision reminder(s) sent." in capsys.readouterr().out
    assert PlanReminder.objects.get().days_before == 30


def test_the_management_command_refuses_a_day_that_is_not_a_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_plan_revision_reminders", today="tomorrow")


def test_the_scheduler_runs_the_reminders_every_morning_for_the_day_of_its_period(city):
    from cities.tasks import plan_revision_reminders
    from core import scheduler

    job = scheduler.JOBS["cities.plan-revision-reminders"]
    assert job.every == scheduler.DAY and job.task is plan_revision_reminders
    plan_revision_reminders.enqueue(scheduled_for=f"{days_before(90).isoformat()}T08:00:00+01:00")
    run_queued_tasks()
    assert PlanReminder.objects.get().days_before == 90
    assert len(mail.outbox) == 2
