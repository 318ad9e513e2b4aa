"""A city's membership as a state machine: every step, from which states, by whom, with what record and mail."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts import permissions
from accounts.models import Affiliation
from cities import services
from cities.models import City
from core.models import ActionLog
from core.workflow import Refused
from devdata.factories import (
    AffiliationFactory,
    ApplicationFactory,
    CityFactory,
    OfficerFactory,
    StaffFactory,
    UserFactory,
)
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

Membership = City.Membership
STEPS = {
    "admit": (services.city_admit, [Membership.APPLICANT], Membership.MEMBER, "cities.city.admitted"),
    "suspend": (services.city_suspend, [Membership.MEMBER], Membership.SUSPENDED, "cities.city.suspended"),
    "reinstate": (services.city_reinstate, [Membership.SUSPENDED], Membership.MEMBER, "cities.city.reinstated"),
    "end_membership": (
        services.city_end_membership,
        [Membership.MEMBER, Membership.SUSPENDED],
        Membership.FORMER,
        "cities.city.membership_ended",
    ),
    "readmit": (services.city_readmit, [Membership.FORMER], Membership.MEMBER, "cities.city.readmitted"),
}
ALLOWED = [(name, start) for name, (_perform, starts, _to, _action) in STEPS.items() for start in starts]
REFUSED = [
    (name, start)
    for name, (_perform, starts, _to, _action) in STEPS.items()
    for start in Membership.values
    if start not in starts
]


@pytest.mark.parametrize(("step", "start"), ALLOWED)
def test_staff_move_a_city_along_each_step_with_a_logged_reason(step, start):
    perform, _starts, to, action = STEPS[step]
    staff = StaffFactory()
    city = CityFactory(membership_status=start)
    moved = perform(city, by=staff, note="Decided at the steering group of 3 March.")
    city.refresh_from_db()
    assert city.membership_status == moved.membership_status == to
    assert city.membership_changed_on == timezone.localdate()
    entry = ActionLog.objects.about(city).get(action=action)
    assert entry.actor == staff
    assert entry.data == {
        "reason": "Decided at the steering group of 3 March.",
        "from_state": start,
        "to_state": to,
    }


@pytest.mark.parametrize(("step", "start"), REFUSED)
def test_a_step_from_any_other_state_is_refused_and_changes_nothing(step, start):
    perform = STEPS[step][0]
    city = CityFactory(membership_status=start)
    with pytest.raises(Refused):
        perform(city, by=StaffFactory(), note="A reason")
    city.refresh_from_db()
    assert city.membership_status == start
    assert not ActionLog.objects.about(city).exists()


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("who", ["officer", "verified user", "nobody"])
def test_only_staff_change_a_membership(step, who):
    perform, starts, _to, _action = STEPS[step]
    city = CityFactory(membership_status=starts[0])
    person = {"officer": OfficerFactory, "verified user": UserFactory, "nobody": lambda: None}[who]()
    with pytest.raises(Refused, match="Only staff"):
        perform(city, by=person, note="A reason")
    city.refresh_from_db()
    assert city.membership_status == starts[0]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("note", ["", "   "])
def test_every_step_needs_a_reason(step, note):
    perform, starts, _to, _action = STEPS[step]
    city = CityFactory(membership_status=starts[0])
    with pytest.raises(Refused, match="Give the reason"):
        perform(city, by=StaffFactory(), note=note)
    city.refresh_from_db()
    assert city.membership_status == starts[0]


def test_the_citys_verified_people_are_mailed_after_the_commit_each_on_their_own(
    django_capture_on_commit_callbacks,
):
    city = CityFactory(name="Emmen")
    officer = AffiliationFactory(city=city, user=UserFactory(email="olaf@emmen.example.org"))
    AffiliationFactory(
        city=city, role=Affiliation.Role.REPRESENTATIVE, user=UserFactory(email="mayor@emmen.example.org")
    )
    AffiliationFactory(city=city, status=Affiliation.Status.PENDING, user=UserFactory(email="pending@example.org"))
    AffiliationFactory(city=city, user=UserFactory(email="gone@example.org", is_active=False))
    AffiliationFactory(user=UserFactory(email="elsewhere@example.org"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.city_suspend(city, by=StaffFactory(), note="The fee is two years overdue.")
    run_queued_tasks()
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    run_queued_tasks()
    assert sorted(message.to[0] for message in mail.outbox) == ["mayor@emmen.example.org", "olaf@emmen.example.org"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    message = next(message for message in mail.outbox if message.to == [officer.user.email])
    assert "Emmen's membership of the SMC platform is suspended" in message.subject
    assert "The fee is two years overdue." in message.body
    assert "cannot post" in message.body


def test_a_refused_step_mails_nobody(django_capture_on_commit_callbacks):
    city = CityFactory(membership_status=Membership.FORMER)
    AffiliationFactory(city=city)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Refused):
        services.city_suspend(city, by=StaffFactory(), note="A reason")
    assert mail.outbox == []


def test_ending_and_renewing_a_membership_says_so_in_the_mail(django_capture_on_commit_callbacks):
    city = CityFactory(name="Leuven", membership_status=Membership.MEMBER)
    AffiliationFactory(city=city, user=UserFactory(email="officer@leuven.example.org"))
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.city_end_membership(city, by=staff, note="The council decided to leave.")
    with django_capture_on_commit_callbacks(execute=True):
        services.city_readmit(city, by=staff, note="The new council came back.")
    run_queued_tasks()
    ended, readmitted = sorted(mail.outbox, key=lambda message: "ended" not in message.subject)
    assert "Leuven's membership of the SMC platform has ended" in ended.subject
    assert "Leuven is a member of the SMC platform" in readmitted.subject


def test_admitting_dates_the_membership_and_readmitting_starts_it_anew():
    staff = StaffFactory()
    applicant = CityFactory(membership_status=Membership.APPLICANT, joined_on=None)
    assert services.city_admit(applicant, by=staff, note="Welcome").joined_on == timezone.localdate()
    former = CityFactory(membership_status=Membership.FORMER, joined_on=datetime.date(2016, 5, 1))
    assert services.city_readmit(former, by=staff, note="Welcome back").joined_on == timezone.localdate()
    suspended = CityFactory(membership_status=Membership.SUSPENDED, joined_on=datetime.date(2016, 5, 1))
    assert services.city_reinstate(suspended, by=staff, note="Fee paid").joined_on == datetime.date(2016, 5, 1)


def test_a_city_staff_register_by_hand_is_an_applicant_until_admitted():
    staff = StaffFactory()
    city = services.city_register(City(name="Hasselt", country="BE"), by=staff)
    assert city.membership_status == Membership.APPLICANT
    assert ActionLog.objects.about(city).get().action == "cities.city.registered"
    with pytest.raises(Refused):
        services.city_register(City(name="Genk", country="BE"), by=UserFactory())


def test_can_change_membership_decides_every_step(monkeypatch):
    monkeypatch.setattr(permissions, "can_change_membership", lambda user: False)
    city = CityFactory()
    with pytest.raises(Refused, match="Only staff"):
        services.city_suspend(city, by=StaffFactory(), note="A reason")
    with pytest.raises(Refused, match="Only staff"):
        services.application_check(ApplicationFactory(), items=["contact_confirmed"], by=StaffFactory())
