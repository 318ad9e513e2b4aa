"""The projects' workflow: proposed -> approved | rejected by staff, partner cities' officers keep it up to date,
cities ask to join, and what continued after the end; every change logged."""

import datetime

import pytest
from django.db import IntegrityError

from core.models import ActionLog
from core.workflow import Refused
from devdata.factories import (
    CityFactory,
    OfficerFactory,
    ParticipationFactory,
    ProjectFactory,
    StaffFactory,
    UserFactory,
    days,
    officer_of,
    topic,
)
from projects.models import AfterEndEntry, Participation, Programme, Project, Review, Role
from projects.services import projects as services
from tests.worker import sent_mail

pytestmark = pytest.mark.django_db


def new_project(**fields) -> Project:
    values = {
        "acronym": "SHIFT",
        "title": "Shared transport",
        "programme": Programme.CIVITAS,
        "start_date": datetime.date(2020, 1, 1),
        "end_date": datetime.date(2023, 12, 31),
        "summary": "Buses on demand.",
    }
    return Project(**{**values, **fields})


def actions(obj) -> list[str]:
    return list(ActionLog.objects.about(obj).values_list("action", flat=True))


@pytest.fixture
def emmen():
    return CityFactory(name="Emmen")


@pytest.fixture
def officer(emmen):
    return officer_of(emmen, email="olaf@emmen.example.org")


@pytest.fixture
def proposed(officer, emmen, committing):
    with committing():
        return services.project_propose(
            new_project(), by=officer, city=emmen, role=Role.COORDINATOR, topics=[topic("projects")]
        )


def test_an_officer_proposes_a_project_for_their_city_and_it_waits_for_staff(proposed, emmen, settings):
    assert proposed.status == Review.PROPOSED
    assert proposed.slug == "shift"
    assert list(proposed.topics.values_list("slug", flat=True)) == ["projects"]
    participation = proposed.participations.get()
    assert (participation.city, participation.role, participation.status) == (emmen, Role.COORDINATOR, "proposed")
    assert actions(proposed) == ["projects.project.proposed"]
    assert sent_mail()[-1].to == settings.STAFF_NOTIFICATION_EMAILS
    assert "SHIFT" in sent_mail()[-1].subject


@pytest.mark.parametrize("who", ["visitor_like", "verified", "staff"])
def test_only_verified_officers_propose_projects(who, emmen):
    user = {"visitor_like": lambda: UserFactory(verified=False), "verified": UserFactory, "staff": StaffFactory}[who]()
    with pytest.raises(Refused):
        services.project_propose(new_project(), by=user, city=emmen, role=Role.PARTNER)
    assert not Project.objects.exists()


def test_an_officer_cannot_propose_a_project_for_another_city(officer):
    with pytest.raises(Refused) as refusal:
        services.project_propose(new_project(), by=officer, city=CityFactory(), role=Role.PARTNER)
    assert "city" in refusal.value.message_dict


def test_a_project_that_ends_before_it_starts_is_refused_at_its_end_date(officer, emmen):
    project = new_project(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 1, 1))
    with pytest.raises(Refused) as refusal:
        services.project_propose(project, by=officer, city=emmen, role=Role.PARTNER)
    assert refusal.value.message_dict == {"end_date": ["The project cannot end before it starts."]}


def test_the_database_refuses_a_project_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        ProjectFactory(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 1, 1))


def test_staff_approve_a_project_with_its_founding_partners_and_the_proposer_is_told(proposed, officer, committing):
    staff = StaffFactory()
    with committing():
        services.project_approve(proposed, by=staff, note="Looks right")
    proposed.refresh_from_db()
    assert (proposed.status, proposed.decided_by, proposed.decision_note) == (Review.APPROVED, staff, "Looks right")
    assert proposed.participations.get().status == Review.APPROVED
    assert actions(proposed) == ["projects.project.proposed", "projects.project.approved"]
    assert actions(proposed.participations.get()) == ["projects.participation.approved"]
    assert sent_mail()[-1].to == [officer.email] and "SHIFT" in sent_mail()[-1].subject


def test_staff_reject_a_project_only_with_a_reason_which_is_mailed(proposed, officer, committing):
    staff = StaffFactory()
    with pytest.raises(Refused):
        services.project_reject(proposed, by=staff, note=" ")
    with committing():
        services.project_reject(proposed, by=staff, note="This is not a transport project.")
    proposed.refresh_from_db()
    assert proposed.status == Review.REJECTED
    assert proposed.participations.get().status == Review.REJECTED
    assert "This is not a transport project." in sent_mail()[-1].body


def test_officers_do_not_decide_on_projects_and_a_decided_project_is_not_decided_again(proposed, officer):
    with pytest.raises(Refused):
        services.project_approve(proposed, by=officer)
    services.project_approve(proposed, by=StaffFactory())
    with pytest.raises(Refused):
        services.project_reject(proposed, by=StaffFactory(), note="Too late")


def test_a_partner_officer_updates_the_project_and_the_changed_fields_are_logged(proposed, officer):
    changed = services.project_update(
        proposed, by=officer, changes={"results": "Two hubs opened.", "title": "Shared transport"},
        topics=[topic("projects"), topic("leading-projects")],
    )
    assert changed == ["results", "topics"]
    proposed.refresh_from_db()
    assert proposed.results == "Two hubs opened."
    entry = ActionLog.objects.about(proposed).last()
    assert (entry.action, entry.data["fields"]) == ("projects.project.changed", ["results", "topics"])


def test_officers_of_other_cities_cannot_update_a_project(proposed):
    with pytest.raises(Refused):
        services.project_update(proposed, by=OfficerFactory(), changes={"title": "Mine now"})


def test_an_update_cannot_make_the_project_end_before_it_starts(proposed, officer):
    with pytest.raises(Refused) as refusal:
        services.project_update(proposed, by=officer, changes={"end_date": datetime.date(2019, 1, 1)})
    assert "end_date" in refusal.value.message_dict
    proposed.refresh_from_db()
    assert proposed.end_date == datetime.date(2023, 12, 31)


def test_another_city_asks_to_join_an_approved_project_and_staff_decide(settings, committing):
    project = ProjectFactory(partners=[(CityFactory(), Role.COORDINATOR)])
    bologna = CityFactory(name="Bologna")
    marco = officer_of(bologna)
    with committing():
        participation = services.participation_propose(project, by=marco, city=bologna, role=Role.REPLICATING)
    assert participation.status == Review.PROPOSED
    assert sent_mail()[-1].to == settings.STAFF_NOTIFICATION_EMAILS
    with pytest.raises(Refused):  # once is enough
        services.participation_propose(project, by=marco, city=bologna, role=Role.PARTNER)
    with committing():
        services.participation_approve(participation, by=StaffFactory())
    participation.refresh_from_db()
    assert participation.status == Review.APPROVED
    assert sent_mail()[-1].to == [marco.email]
    assert actions(participation) == ["projects.participation.proposed", "projects.participation.approved"]


def test_a_city_joins_only_approved_projects_and_only_for_itself(proposed):
    bologna = CityFactory()
    with pytest.raises(Refused):
        services.participation_propose(proposed, by=officer_of(bologna), city=bologna, role=Role.PARTNER)
    approved = ProjectFactory()
    with pytest.raises(Refused):
        services.participation_propose(approved, by=OfficerFactory(), city=bologna, role=Role.PARTNER)


def test_a_rejected_participation_needs_a_reason_and_can_be_asked_again():
    participation = ParticipationFactory(status=Review.PROPOSED)
    staff = StaffFactory()
    with pytest.raises(Refused):
        services.participation_reject(participation, by=staff, note="")
    services.participation_reject(participation, by=staff, note="Not a partner of this project.")
    city = participation.city
    again = services.participation_propose(participation.project, by=officer_of(city), city=city, role=Role.PARTNER)
    assert again.status == Review.PROPOSED


def test_the_database_keeps_one_live_participation_per_city_and_project():
    participation = ParticipationFactory()
    with pytest.raises(IntegrityError):
        Participation.objects.create(project=participation.project, city=participation.city, role=Role.PARTNER)


def test_staff_record_a_partner_of_a_proposal_which_is_decided_with_it():
    project = ProjectFactory(status=Review.PROPOSED)
    participation = services.participation_record(project, by=StaffFactory(), city=CityFactory(), role=Role.PARTNER)
    assert participation.status == Review.PROPOSED
    services.project_approve(project, by=StaffFactory())
    assert Participation.objects.get().status == Review.APPROVED


def test_staff_record_a_partner_city_approved_at_once():
    project = ProjectFactory()
    city = CityFactory()
    participation = services.participation_record(project, by=StaffFactory(), city=city, role=Role.ASSOCIATED)
    assert participation.status == Review.APPROVED
    assert actions(participation) == ["projects.participation.recorded"]
    with pytest.raises(Refused):
        services.participation_record(project, by=StaffFactory(), city=city, role=Role.PARTNER)
    with pytest.raises(Refused):
        services.participation_record(project, by=OfficerFactory(), city=CityFactory(), role=Role.PARTNER)


@pytest.fixture
def ended(emmen):
    return ProjectFactory(start_date=days(-1000), end_date=days(-100), partners=[(emmen, Role.COORDINATOR)])


def test_a_partner_officer_tells_what_continued_after_the_end(ended, emmen, officer):
    entry = services.after_end_add(
        ended, by=officer, city=emmen, happened_on=days(-10), title="The bus stayed", description="The region pays."
    )
    assert AfterEndEntry.objects.get() == entry
    assert (entry.author, entry.city) == (officer, emmen)
    assert actions(ended)[-1] == "projects.project.after_end_added"


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (-100, "Give a date after the project's official end"),
        (-200, "Give a date after the project's official end"),
        (5, "This date is still to come"),
    ],
)
def test_an_after_the_end_entry_is_dated_after_the_end_and_not_in_the_future(ended, emmen, officer, offset, message):
    with pytest.raises(Refused) as refusal:
        services.after_end_add(ended, by=officer, city=emmen, happened_on=days(offset), title="x", description="y")
    assert refusal.value.message_dict["happened_on"][0].startswith(message)
    assert not AfterEndEntry.objects.exists()


def test_only_officers_of_a_partner_city_write_after_the_end_entries(ended, emmen):
    other = CityFactory()
    with pytest.raises(Refused):
        services.after_end_add(
            ended, by=officer_of(other), city=other, happened_on=days(-10), title="x", description="y"
        )
    with pytest.raises(Refused):
        services.after_end_add(ended, by=StaffFactory(), city=emmen, happened_on=days(-10), title="x", description="y")
