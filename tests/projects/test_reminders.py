"""Reminders 14 and 3 days before each deadline, to the followers of the call and of its programme, sent once per
deadline however often the daily job runs."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from devdata.factories import CallFactory, PartnerRequestFactory, UserFactory
from projects.models import CallStatus, DeadlineReminder, Follow, Programme
from projects.reminders import reminder_due, send_deadline_reminders
from tests.worker import sent_mail

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 1, 1)


def on(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def call():
    return CallFactory(identifier="CIVITAS-01", programme=Programme.CIVITAS, opens_on=on(-30), deadline=on(14))


def run(committing, day: int = 0) -> int:
    with committing():
        return send_deadline_reminders(today=on(day))


@pytest.mark.parametrize(
    ("days_left", "due"),
    [(15, None), (14, 14), (10, 14), (4, 14), (3, 3), (1, 3), (0, 3), (-1, None)],
)
def test_which_reminder_is_due(days_left, due):
    assert reminder_due(on(days_left), TODAY) == due


def test_a_follower_is_reminded_14_days_before_then_3_days_before(call, committing):
    user = UserFactory(email="anna@example.org")
    Follow.objects.create(user=user, call=call)
    assert run(committing, 0) == 1
    assert sent_mail()[-1].to == ["anna@example.org"]
    assert "CIVITAS-01" in sent_mail()[-1].subject and "14 days left" in sent_mail()[-1].subject
    assert call.get_absolute_url() in sent_mail()[-1].body
    assert run(committing, 5) == 0
    assert run(committing, 11) == 1
    assert "3 days left" in sent_mail()[-1].subject
    assert len(sent_mail()) == 2


def test_a_second_run_on_the_same_day_sends_nothing(call, committing):
    Follow.objects.create(user=UserFactory(), call=call)
    assert run(committing) == 1
    assert run(committing) == 0
    assert len(sent_mail()) == 1 and DeadlineReminder.objects.count() == 1


def test_followers_of_the_programme_are_reminded_and_those_of_both_only_once(call, committing):
    both, programme_only, other_programme = UserFactory(), UserFactory(), UserFactory()
    Follow.objects.create(user=both, call=call)
    Follow.objects.create(user=both, programme=Programme.CIVITAS)
    Follow.objects.create(user=programme_only, programme=Programme.CIVITAS)
    Follow.objects.create(user=other_programme, programme=Programme.LIFE)
    assert run(committing) == 2
    assert sorted(m.to[0] for m in sent_mail()) == sorted([both.email, programme_only.email])


def test_each_deadline_of_a_two_stage_call_has_its_reminders(committing):
    call = CallFactory(opens_on=on(-30), deadline=on(3), second_deadline=on(14))
    Follow.objects.create(user=UserFactory(), call=call)
    assert run(committing) == 2
    assert set(DeadlineReminder.objects.values_list("deadline", "days_before")) == {(on(3), 3), (on(14), 14)}


def test_a_missed_day_is_caught_up_and_nothing_is_sent_after_the_deadline(call, committing):
    Follow.objects.create(user=UserFactory(), call=call)
    assert run(committing, 2) == 1  # 12 days left: the 14-day reminder, late
    assert run(committing, 15) == 0  # the deadline has passed


def test_no_reminder_for_unpublished_calls_inactive_people_or_unconfirmed_email(committing):
    proposed = CallFactory(opens_on=on(-30), deadline=on(14), status=CallStatus.PROPOSED)
    Follow.objects.create(user=UserFactory(), call=proposed)
    call = CallFactory(opens_on=on(-30), deadline=on(14))
    Follow.objects.create(user=UserFactory(is_active=False), call=call)
    Follow.objects.create(user=UserFactory(verified=False), call=call)
    assert run(committing) == 0


def test_the_daily_command_closes_expired_requests_and_sends_reminders(call, committing):
    Follow.objects.create(user=UserFactory(), call=call)
    PartnerRequestFactory(deadline=on(-1))
    out = StringIO()
    with committing():
        call_command("projects_daily", date=TODAY.isoformat(), stdout=out)
    assert out.getvalue().strip() == "1 partner requests closed, 1 deadline reminders sent."
    with committing():
        call_command("projects_daily", date=TODAY.isoformat(), stdout=out)
    assert out.getvalue().strip().endswith("0 partner requests closed, 0 deadline reminders sent.")
