"""What a city's state means for its people and its pages: officers of a suspended or former city keep their
accounts and read, but no longer post or sign; their profile, the wall, the directory and the city's profile say
so; and a change of state counts from the very next request."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse

from accounts import permissions
from accounts.models import Affiliation, User
from cities import services
from cities.models import City
from devdata.factories import (
    AffiliationFactory,
    CityFactory,
    OfficerFactory,
    SignatureFactory,
    StaffFactory,
    UserFactory,
    topic,
)

pytestmark = pytest.mark.django_db

Membership = City.Membership
NOT_MEMBERS = [Membership.SUSPENDED, Membership.FORMER]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def officer_of(city) -> User:
    return AffiliationFactory(city=city).user


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("state", NOT_MEMBERS)
def test_officers_of_a_city_that_is_no_longer_a_member_keep_their_account_and_read_but_cannot_post(state):
    officer = officer_of(CityFactory(membership_status=state))
    client = logged_in(officer)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get(topic().get_absolute_url()).status_code == 200
    assert client.get(reverse("topics:thread-create", args=[topic().slug])).status_code == 403
    client.post(reverse("topics:thread-create", args=[topic().slug]), {"title": "Still here", "body": "Hello"})
    assert not topic().threads.filter(title="Still here").exists()
    assert fresh(officer).is_active
    assert not permissions.can_see_members_only(fresh(officer))


@pytest.mark.parametrize("state", NOT_MEMBERS)
def test_representatives_of_a_city_that_is_no_longer_a_member_cannot_sign(state):
    city = CityFactory(membership_status=state)
    representative = AffiliationFactory(city=city, role=Affiliation.Role.REPRESENTATIVE).user
    assert not permissions.can_sign_declaration(fresh(representative))
    assert permissions.cities_to_sign_for(fresh(representative)) == []


@pytest.mark.parametrize("state", NOT_MEMBERS)
def test_nobody_may_ask_to_act_for_a_city_that_is_no_longer_a_member(state):
    city = CityFactory(membership_status=state)
    client = logged_in(UserFactory())
    client.post(
        reverse("accounts:affiliation-request"),
        {"full_name": "A Person", "city": city.pk, "role": "officer", "job_title": "Officer"},
    )
    assert not Affiliation.objects.filter(city=city).exists()


@pytest.mark.parametrize(
    ("state", "says"),
    [
        (Membership.SUSPENDED, "Emmen's membership is suspended: you can read the portal, but you cannot post"),
        (Membership.FORMER, "Emmen is no longer a member: you can read the portal, but you cannot post"),
    ],
)
def test_the_officers_profile_shows_the_citys_state_beside_the_affiliation(state, says):
    officer = officer_of(CityFactory(name="Emmen", membership_status=state))
    html = logged_in(officer).get(reverse("accounts:profile")).content.decode()
    assert says in html


def test_a_member_citys_affiliation_shows_no_such_note():
    html = logged_in(OfficerFactory()).get(reverse("accounts:profile")).content.decode()
    assert "you can read the portal, but" not in html


@pytest.mark.parametrize(
    ("state", "mark"),
    [
        (Membership.FORMER, "of a former member city"),
        (Membership.SUSPENDED, "of a suspended member city"),
    ],
)
def test_the_citys_ambassadors_stay_on_the_wall_marked_with_its_state(client, state, mark):
    SignatureFactory(full_name="Sophie Martin", city=CityFactory(name="Emmen", membership_status=state))
    SignatureFactory(full_name="Marco Rossi", city=CityFactory(name="Bologna"))
    html = client.get(reverse("ambassadors:wall")).content.decode()
    assert "Sophie Martin" in html and "Marco Rossi" in html
    assert html.count(mark) == 1


@pytest.fixture
def cities(db):
    return {
        state: CityFactory(name=f"{state.label} city", membership_status=state) for state in Membership
    }


def directory_names(client, **query) -> list[str]:
    return [city.name for city in client.get(reverse("cities:directory"), query).context["page"].object_list]


@pytest.mark.parametrize(
    ("membership", "shown"),
    [
        (None, ["Member city"]),
        ("member", ["Member city"]),
        ("suspended", ["Suspended city"]),
        ("former", ["Former member city"]),
        ("all", ["Former member city", "Member city", "Suspended city"]),
        ("applicant", ["Member city"]),  # not a choice: the members, and a message at the filter
        ("nonsense", ["Member city"]),
    ],
)
def test_the_directory_shows_members_unless_asked_for_the_others_and_never_applicants(
    client, cities, membership, shown
):
    query = {"membership": membership} if membership else {}
    assert directory_names(client, **query) == shown


def test_the_directory_marks_cities_that_are_not_members(client, cities):
    html = client.get(reverse("cities:directory"), {"membership": "all"}).content.decode()
    assert '<span class="badge badge-muted">Suspended</span>' in html
    assert '<span class="badge badge-muted">Former member</span>' in html


def test_the_map_and_the_exports_follow_the_membership_filter(client, cities):
    export = client.get(reverse("cities:export-csv"), {"membership": "former"}).content.decode()
    rows = list(csv.DictReader(io.StringIO(export)))
    assert [(row["name"], row["membership_status"]) for row in rows] == [("Former member city", "former")]
    map_html = client.get(reverse("cities:map"), {"membership": "suspended"}).content.decode()
    assert "Suspended city" in map_html and "Member city" not in map_html


@pytest.mark.parametrize(
    ("state", "since", "says"),
    [
        (Membership.SUSPENDED, None, "Emmen's membership of the platform is suspended: its officers cannot post"),
        (Membership.SUSPENDED, datetime.date(2026, 3, 2), "has been suspended since 2 March 2026"),
        (Membership.FORMER, None, "Emmen is a former member of the platform."),
        (Membership.FORMER, datetime.date(2026, 3, 2), "its membership ended on 2 March 2026."),
    ],
)
def test_the_profile_of_a_city_that_is_not_a_member_says_so(client, state, since, says):
    city = CityFactory(name="Emmen", membership_status=state, membership_changed_on=since)
    html = client.get(city.get_absolute_url()).content.decode()
    assert says in html


@pytest.mark.usefixtures("page_cache_on")
def test_a_change_of_state_changes_what_the_citys_officers_may_do_with_the_next_request(
    django_capture_on_commit_callbacks,
):
    city = CityFactory()
    client = logged_in(officer_of(city))
    new_thread = reverse("topics:thread-create", args=[topic().slug])
    staff = StaffFactory()
    assert client.get(new_thread).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.city_suspend(city, by=staff, note="Fee overdue")
    assert client.get(new_thread).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        services.city_reinstate(city, by=staff, note="Fee paid")
    assert client.get(new_thread).status_code == 200
