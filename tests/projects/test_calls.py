"""Funding calls: recorded by staff (published) or officers (waiting for staff), dates that contradict refused at
their field, open or closed from their dates, followed, and written as iCalendar."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from core.models import ActionLog
from core.workflow import Refused
from devdata.factories import CallFactory, OfficerFactory, StaffFactory, UserFactory, days, topic
from projects.models import Call, CallPhase, CallStatus, Follow, Programme
from projects.services import calls as services
from tests.worker import sent_mail

pytestmark = pytest.mark.django_db


def new_call(**fields) -> Call:
    values = {
        "programme": Programme.CIVITAS,
        "identifier": "CIVITAS-2027-01",
        "title": "Living labs",
        "opens_on": days(-5),
        "deadline": days(50),
        "url": "https://civitas.example.org/call",
        "summary": "Pilots for small cities.",
    }
    return Call(**{**values, **fields})


def test_a_call_recorded_by_staff_is_published_at_once():
    call = services.call_record(new_call(), by=StaffFactory(), topics=[topic("projects")])
    assert call.status == CallStatus.PUBLISHED and call.slug == "civitas-2027-01"
    assert list(call.topics.values_list("slug", flat=True)) == ["projects"]
    assert ActionLog.objects.about(call).get().action == "projects.call.recorded"


def test_a_call_recorded_by_an_officer_waits_for_staff_who_publish_or_reject_it(committing, settings):
    officer = OfficerFactory()
    with committing():
        call = services.call_record(new_call(), by=officer)
    assert call.status == CallStatus.PROPOSED
    assert sent_mail()[-1].to == settings.STAFF_NOTIFICATION_EMAILS
    with committing():
        services.call_publish(call, by=StaffFactory())
    assert Call.objects.get().status == CallStatus.PUBLISHED
    assert sent_mail()[-1].to == [officer.email]
    other = services.call_record(new_call(identifier="X-1"), by=officer)
    with pytest.raises(Refused):
        services.call_reject(other, by=StaffFactory(), note="")
    services.call_reject(other, by=StaffFactory(), note="Already recorded as CIVITAS-2027-01.")
    assert Call.objects.get(pk=other.pk).status == CallStatus.REJECTED


@pytest.mark.parametrize("make", [UserFactory, lambda: UserFactory(verified=False)])
def test_people_who_are_not_officers_or_staff_cannot_record_calls(make):
    with pytest.raises(Refused):
        services.call_record(new_call(), by=make())


def test_officers_do_not_publish_calls():
    call = services.call_record(new_call(), by=OfficerFactory())
    with pytest.raises(Refused):
        services.call_publish(call, by=OfficerFactory())


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"opens_on": days(10), "deadline": days(5)}, "deadline", "The deadline cannot be before the call opens."),
        (
            {"second_deadline": days(50)},
            "second_deadline",
            "The second stage's deadline must come after the first one.",
        ),
    ],
)
def test_dates_that_contradict_are_refused_at_their_field(fields, field, message):
    with pytest.raises(Refused) as refusal:
        services.call_record(new_call(**fields), by=StaffFactory())
    assert refusal.value.message_dict == {field: [message]}


def test_the_database_refuses_dates_that_contradict():
    with pytest.raises(IntegrityError):
        CallFactory(opens_on=days(10), deadline=days(5))


@pytest.mark.parametrize(
    ("opens", "deadline", "phase"),
    [(5, 50, CallPhase.UPCOMING), (-5, 50, CallPhase.OPEN), (-5, 30, CallPhase.CLOSING), (-5, 0, CallPhase.CLOSING),
     (-50, -1, CallPhase.CLOSED)],
)
def test_a_calls_phase_follows_from_its_dates(opens, deadline, phase):
    call = CallFactory(opens_on=days(opens), deadline=days(deadline))
    assert call.phase == phase
    assert set(Call.objects.in_phase(phase)) == {call}


def test_open_includes_the_calls_closing_soon():
    CallFactory(opens_on=days(-5), deadline=days(10))
    assert Call.objects.in_phase(CallPhase.OPEN).count() == 1


def test_staff_changes_to_a_call_are_logged_with_the_fields_changed():
    call = CallFactory()
    assert services.call_update(call, by=StaffFactory(), changes={"title": "New title"}) == ["title"]
    assert ActionLog.objects.about(call).get().data["fields"] == ["title"]
    with pytest.raises(Refused):
        services.call_update(call, by=OfficerFactory(), changes={"title": "Mine"})


def test_following_twice_is_one_follow_and_unfollowing_ends_it():
    user, call = UserFactory(), CallFactory()
    services.follow(user, call=call)
    services.follow(user, call=call)
    services.follow(user, programme=Programme.LIFE)
    assert Follow.objects.filter(user=user).count() == 2
    services.unfollow(user, call=call)
    assert list(Follow.objects.values_list("programme", flat=True)) == [Programme.LIFE]


def test_people_without_a_confirmed_email_cannot_follow():
    with pytest.raises(Refused):
        services.follow(UserFactory(verified=False), call=CallFactory())


def test_a_call_downloads_as_an_ics_with_each_deadline_a_whole_day(client):
    call = CallFactory(identifier="LIFE-2027; CLIMA", deadline=datetime.date(2027, 3, 4),
                       second_deadline=datetime.date(2027, 9, 1), opens_on=datetime.date(2026, 11, 1))
    response = client.get(reverse("projects:call-ics", args=[call.slug]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20270304\r\nDTEND;VALUE=DATE:20270305\r\n" in text
    assert "DTSTART;VALUE=DATE:20270901" in text
    assert "SUMMARY:First-stage deadline: LIFE-2027\\; CLIMA" in text
    assert f"UID:call-deadline-{call.pk}-2@" in text


def test_the_calendar_of_open_calls_leaves_out_closed_and_unpublished_ones(client):
    CallFactory(title="Open call")
    CallFactory(title="Coming call", opens_on=days(10), deadline=days(40))
    CallFactory(title="Closed call", opens_on=days(-60), deadline=days(-1))
    CallFactory(title="Proposed call", status=CallStatus.PROPOSED)
    text = client.get(reverse("projects:calls-calendar")).content.decode()
    assert "Open call" in text and "Coming call" in text
    assert "Closed call" not in text and "Proposed call" not in text


def test_unpublished_calls_have_no_calendar_and_no_page_for_visitors(client):
    call = CallFactory(status=CallStatus.PROPOSED)
    assert client.get(reverse("projects:call-ics", args=[call.slug])).status_code == 404
    assert client.get(call.get_absolute_url()).status_code == 404
