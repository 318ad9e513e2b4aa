"""The rules about one project or partner request, for every kind of person (accounts.permissions): partner
cities' officers, officers of other cities, staff, and everyone else."""

import pytest

from accounts import permissions
from accounts.models import User
from devdata.factories import CityFactory, PartnerRequestFactory, ProjectFactory, officer_of
from projects.models import RequestStatus, Review, Role
from tests.accounts.roles import ROLES, make

pytestmark = pytest.mark.django_db

T, F = True, False
# Columns follow ROLES: visitor, unverified, verified, officer (of another city), representative,
# staff without MFA, staff with MFA; then an officer of the partner (or posting) city.
PROJECT_MATRIX = {
    "is_partner_officer": [F, F, F, F, F, F, F, T],
    "can_edit_project": [F, F, F, F, F, F, F, T],
    "can_write_after_end": [F, F, F, F, F, F, F, T],
    "can_join_project": [F, F, F, T, F, F, F, F],
}
REQUEST_MATRIX = {
    "can_see_partner_request": [F, F, F, T, F, T, T, T],
    "speaks_for_partner_request": [F, F, F, F, F, F, F, T],
    "can_express_interest": [F, F, F, T, F, F, F, F],
    "can_close_partner_request": [F, F, F, F, F, T, T, T],
    "can_see_interests": [F, F, F, F, F, T, T, T],
}
PEOPLE = [*ROLES, "partner_officer"]


def person(role: str, city):
    return officer_of(city) if role == "partner_officer" else make(role)


@pytest.mark.parametrize("role", PEOPLE)
def test_every_project_rule_for_every_role(role):
    city = CityFactory()
    project = ProjectFactory(partners=[(city, Role.COORDINATOR)])
    user = person(role, city)
    answers = {name: getattr(permissions, name)(user, project) for name in PROJECT_MATRIX}
    assert answers == {name: row[PEOPLE.index(role)] for name, row in PROJECT_MATRIX.items()}


@pytest.mark.parametrize("role", PEOPLE)
def test_every_partner_request_rule_for_every_role(role):
    city = CityFactory()
    partner_request = PartnerRequestFactory(city=city)
    user = person(role, city)
    answers = {name: getattr(permissions, name)(user, partner_request) for name in REQUEST_MATRIX}
    assert answers == {name: row[PEOPLE.index(role)] for name, row in REQUEST_MATRIX.items()}


def test_a_public_request_is_seen_by_everyone():
    partner_request = PartnerRequestFactory(members_only=False)
    assert all(permissions.can_see_partner_request(make(role), partner_request) for role in ROLES)


def test_a_proposal_is_kept_up_to_date_by_the_cities_it_was_proposed_with_until_staff_reject_it():
    city = CityFactory()
    project = ProjectFactory(status=Review.PROPOSED)
    project.participations.create(city=city, role=Role.COORDINATOR, status=Review.PROPOSED)
    officer = officer_of(city)
    assert permissions.can_edit_project(officer, project)
    assert not permissions.can_join_project(officer_of(CityFactory()), project)  # not approved yet
    project.status = Review.REJECTED
    assert not permissions.can_edit_project(officer, project)


def test_a_city_whose_part_waits_for_staff_does_not_speak_for_an_approved_project():
    city = CityFactory()
    project = ProjectFactory(partners=[(CityFactory(), Role.COORDINATOR)])
    project.participations.create(city=city, role=Role.PARTNER, status=Review.PROPOSED)
    officer = officer_of(city)
    assert not permissions.can_edit_project(officer, project)
    assert not permissions.can_join_project(officer, project)  # it asked already


@pytest.mark.parametrize("status", [RequestStatus.FILLED, RequestStatus.WITHDRAWN, RequestStatus.CLOSED])
def test_a_closed_request_takes_no_answers_and_cannot_be_closed_again(status):
    city = CityFactory()
    partner_request = PartnerRequestFactory(city=city, status=status)
    assert not permissions.can_express_interest(make("officer"), partner_request)
    assert not permissions.can_close_partner_request(officer_of(city), partner_request)


def test_an_officer_of_both_cities_may_answer_for_the_other_one():
    city, other = CityFactory(), CityFactory()
    user = officer_of(city)
    user.affiliations.create(city=other, role="officer", job_title="x", status="verified")
    user = User.objects.get(pk=user.pk)
    assert permissions.can_express_interest(user, PartnerRequestFactory(city=city))
