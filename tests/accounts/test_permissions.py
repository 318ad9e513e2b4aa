"""Every rule in accounts.permissions, for every kind of person, and the edges that could leak."""

from types import SimpleNamespace

import pytest

from accounts import permissions
from accounts.models import Affiliation, User
from cities.models import City
from devdata.factories import AffiliationFactory, CityFactory, UserFactory
from tests.accounts.roles import ROLES, make

pytestmark = pytest.mark.django_db

T, F = True, False
# Columns follow ROLES: visitor, unverified, verified, officer, representative,
# staff without MFA, staff with MFA.
MATRIX = {
    "has_verified_email": [F, F, T, T, T, T, T],
    "is_verified_officer": [F, F, F, T, F, F, F],
    "is_political_representative": [F, F, F, F, T, F, F],
    "can_moderate": [F, F, F, F, F, T, T],
    "has_second_factor": [F, F, F, F, F, F, T],
    "must_set_up_mfa_for_admin": [F, F, F, F, F, T, F],
    "can_use_admin": [F, F, F, F, F, F, T],
    "can_request_affiliation": [F, F, T, T, T, T, T],
    "can_delete_account": [F, T, T, T, T, F, F],
    "can_post": [F, F, F, T, F, F, F],
    "can_see_members_only": [F, F, F, T, F, T, T],
    "can_sign_declaration": [F, F, F, F, T, F, F],
    "can_report": [F, F, T, T, T, T, T],
    "reporting_revoked": [F, F, F, F, F, F, F],
    "can_subscribe": [F, F, T, T, T, T, T],
    "can_propose_project": [F, F, F, T, F, F, F],
    "can_record_call": [F, F, F, T, F, T, T],
    "can_follow_calls": [F, F, T, T, T, T, T],
    "can_request_partners": [F, F, F, T, F, F, F],
    "can_change_membership": [F, F, F, F, F, T, T],
    "can_read_application_documents": [F, F, F, F, F, F, T],
}


@pytest.mark.parametrize("role", ROLES)
def test_every_rule_for_every_role(role):
    user = make(role)
    answers = {name: getattr(permissions, name)(user) for name in MATRIX}
    expected = {name: row[ROLES.index(role)] for name, row in MATRIX.items()}
    assert answers == expected


def test_people_share_an_audience_exactly_when_every_capability_is_the_same():
    users = {role: make(role) for role in ROLES}
    audiences = {role: permissions.audience(user) for role, user in users.items()}
    for first in ROLES:
        for second in ROLES:
            same_rights = permissions.capabilities(users[first]) == permissions.capabilities(users[second])
            assert (audiences[first] == audiences[second]) == same_rights, (first, second)


def test_the_matrix_covers_every_rule_of_one_argument():
    import inspect

    rules = {
        name
        for name, fn in vars(permissions).items()
        if inspect.isfunction(fn) and not name.startswith("_") and fn.__module__ == permissions.__name__
    }
    assert rules - set(MATRIX) == {
        "can_edit_post",
        "can_report_post",
        "can_withdraw_affiliation",
        "capabilities",
        # Who a cached page is for: tested below and in tests/topics/test_cached_pages.py.
        "audience",
        # The Ambassadors Initiative's rules, tested below and in tests/ambassadors.
        "cities_to_sign_for",
        "signing_step",
        "is_signer",
        "can_view_certificate",
        "can_withdraw",
        # Projects, calls and partner search: the cities an officer speaks for, and the rules about one project
        # or request, tested per role in tests/projects/test_permissions.py.
        "officer_city_ids",
        "officer_cities",
        "is_partner_officer",
        "can_edit_project",
        "can_write_after_end",
        "can_join_project",
        "can_see_partner_request",
        "speaks_for_partner_request",
        "can_express_interest",
        "can_close_partner_request",
        "can_see_interests",
        # A city's rules, tested below and in tests/cities.
        "city_confers_rights",
        "affiliation_confers_rights",
        "is_officer_of",
        "can_update_city_plan",
    }


SIGNING_STEP = ["login", "verify_email", "representative", "representative", "", "representative", "representative"]


@pytest.mark.parametrize("role", ROLES)
def test_what_stands_between_each_role_and_signing(role):
    user = make(role)
    assert permissions.signing_step(user) == SIGNING_STEP[ROLES.index(role)]
    assert bool(permissions.cities_to_sign_for(user)) == (role == "representative")


@pytest.mark.parametrize("role", ROLES)
def test_capabilities_give_templates_the_same_answers(role):
    user = make(role)
    can = permissions.capabilities(user)
    assert can["post"] == permissions.can_post(user)
    assert can["sign"] == permissions.can_sign_declaration(user)
    assert can["moderate"] == permissions.can_moderate(user)
    assert can["request_affiliation"] == permissions.can_request_affiliation(user)
    assert can["delete_account"] == permissions.can_delete_account(user)
    assert can["propose_project"] == permissions.can_propose_project(user)
    assert can["record_call"] == permissions.can_record_call(user)
    assert can["follow_calls"] == permissions.can_follow_calls(user)
    assert can["request_partners"] == permissions.can_request_partners(user)


@pytest.mark.parametrize("role", ROLES)
def _post(author_id, *, hidden=False, locked=False, thread_hidden=False):
    thread = SimpleNamespace(accepts_replies=not (locked or thread_hidden))
    return SimpleNamespace(author_id=author_id, is_hidden=hidden, thread=thread)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_author_who_may_post_edits_a_post(role):
    user = make(role)
    own = getattr(user, "pk", None) or -1
    assert permissions.can_edit_post(user, _post(own)) == (role == "officer")
    assert permissions.can_edit_post(user, _post(-2)) is False


@pytest.mark.parametrize("state", [{"hidden": True}, {"locked": True}, {"thread_hidden": True}])
def test_nobody_edits_a_hidden_post_or_a_post_in_a_locked_or_hidden_thread(state):
    officer = make("officer")
    assert permissions.can_edit_post(officer, _post(officer.pk, **state)) is False


@pytest.mark.parametrize("role", ROLES)
def test_people_who_may_report_report_other_peoples_posts_only(role):
    user = make(role)
    own = getattr(user, "pk", None) or -1
    assert permissions.can_report_post(user, _post(-2)) == permissions.can_report(user)
    assert permissions.can_report_post(user, _post(own)) is False


@pytest.mark.parametrize("role", ROLES[1:])
def test_nobody_whose_right_to_report_was_withdrawn_may_report_whatever_else_they_may_do(role):
    user = make(role)
    User.objects.filter(pk=user.pk).update(reporting_revoked=True)
    user = _fresh(user)
    assert permissions.reporting_revoked(user) is True
    assert permissions.can_report(user) is False
    assert permissions.can_report_post(user, _post(-2)) is False
    assert permissions.capabilities(user)["report"] is False
    assert permissions.can_post(user) == (role == "officer")  # and nothing else changes


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owner_withdraws_an_affiliation(role):
    user = make(role)
    someone_elses = AffiliationFactory()
    assert permissions.can_withdraw_affiliation(user, someone_elses) is False
    if role != "visitor":
        own = AffiliationFactory(user=user, status=Affiliation.Status.PENDING)
        assert permissions.can_withdraw_affiliation(user, own) is True


@pytest.mark.parametrize(
    "state", [Affiliation.Status.REJECTED, Affiliation.Status.REVOKED, Affiliation.Status.WITHDRAWN]
)
def test_an_affiliation_that_ended_cannot_be_withdrawn(state):
    affiliation = AffiliationFactory(status=state)
    assert permissions.can_withdraw_affiliation(affiliation.user, affiliation) is False


# Edges


def _fresh(user) -> User:
    """The rules cache per request (cached_property): read the user again as a new request would."""
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize(
    "state",
    [
        Affiliation.Status.PENDING,
        Affiliation.Status.REJECTED,
        Affiliation.Status.REVOKED,
        Affiliation.Status.WITHDRAWN,
    ],
)
def test_an_officer_affiliation_that_is_not_verified_gives_no_rights(state):
    affiliation = AffiliationFactory(status=state)
    assert not permissions.can_post(_fresh(affiliation.user))


@pytest.mark.parametrize(
    "membership", [City.Membership.SUSPENDED, City.Membership.FORMER, City.Membership.APPLICANT]
)
def test_an_officer_of_a_city_that_is_not_a_member_cannot_post(membership):
    affiliation = AffiliationFactory(city=CityFactory(membership_status=membership))
    assert not permissions.can_post(_fresh(affiliation.user))


@pytest.mark.parametrize(
    ("membership", "confers"),
    [
        (City.Membership.MEMBER, True),
        (City.Membership.SUSPENDED, False),
        (City.Membership.FORMER, False),
        (City.Membership.APPLICANT, False),
    ],
)
def test_only_a_member_city_confers_rights_on_its_people(membership, confers):
    affiliation = AffiliationFactory(city=CityFactory(membership_status=membership))
    assert permissions.city_confers_rights(affiliation.city) is confers
    assert permissions.affiliation_confers_rights(affiliation) is confers
    assert bool(_fresh(affiliation.user).verified_affiliations) is confers


# Columns follow ROLES. The officer's own city is "City A"; every other role is tested against it too.
OFFICER_OF_CITY_A = [F, F, F, T, F, F, F]
UPDATES_PLAN_OF_CITY_A = [F, F, F, T, F, T, T]


@pytest.mark.parametrize("role", ROLES)
def test_who_is_an_officer_of_a_city_and_who_updates_its_plan(role):
    user = make(role)
    city_a = City.objects.filter(name="City A").first() or CityFactory(name="City A")
    other = CityFactory(name="City C")
    assert permissions.is_officer_of(user, city_a) == OFFICER_OF_CITY_A[ROLES.index(role)]
    assert permissions.can_update_city_plan(user, city_a) == UPDATES_PLAN_OF_CITY_A[ROLES.index(role)]
    assert permissions.is_officer_of(user, other) is False
    assert permissions.can_update_city_plan(user, other) == (role in ("staff_without_mfa", "staff_with_mfa"))


def test_a_pending_officer_is_no_officer_of_the_city():
    affiliation = AffiliationFactory(status=Affiliation.Status.PENDING)
    assert not permissions.is_officer_of(_fresh(affiliation.user), affiliation.city)


def test_an_officer_whose_email_is_no_longer_verified_cannot_post():
    affiliation = AffiliationFactory()
    affiliation.user.emailaddress_set.update(verified=False)
    assert not permissions.can_post(_fresh(affiliation.user))


def test_a_verified_secondary_address_does_not_verify_the_account_email():
    user = UserFactory(verified=False)
    user.emailaddress_set.create(email="other@example.org", verified=True, primary=False)
    assert not permissions.has_verified_email(_fresh(user))


def test_an_inactive_account_may_do_nothing():
    affiliation = AffiliationFactory()
    User.objects.filter(pk=affiliation.user.pk).update(is_active=False, is_staff=True)
    user = _fresh(affiliation.user)
    assert not any(getattr(permissions, name)(user) for name in MATRIX)


def test_an_officer_of_one_city_and_representative_of_another_has_both_rights():
    user = UserFactory()
    AffiliationFactory(user=user)
    AffiliationFactory(user=user, role=Affiliation.Role.REPRESENTATIVE)
    user = _fresh(user)
    assert permissions.can_post(user)
    assert permissions.can_sign_declaration(user)


def test_the_rules_ask_the_database_once_per_request(django_assert_max_num_queries):
    user = _fresh(AffiliationFactory().user)
    with django_assert_max_num_queries(2):
        for _ in range(5):
            permissions.can_post(user)
            permissions.can_sign_declaration(user)
            permissions.can_report(user)
