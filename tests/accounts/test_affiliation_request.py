"""A registered user asks to act for a member city."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Affiliation
from cities.models import City
from core.models import ActionLog
from devdata.factories import AffiliationFactory, CityFactory, PendingAffiliationFactory, UserFactory
from tests.accounts.html import assert_accessible
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
URL = "/profile/affiliations/new/"


def _form(chosen_city, **overrides):
    return {
        "full_name": "Anna de Vries",
        "city": chosen_city.pk,
        "role": Affiliation.Role.OFFICER,
        "job_title": "Mobility policy officer",
        "note": "Listed on emmen.nl/mobility",
        "listed_publicly": "on",
        **overrides,
    }


def test_the_url_is_stable():
    assert reverse("accounts:affiliation-request") == URL


def test_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_unverified_user_cannot_request_an_affiliation(client):
    user = UserFactory(verified=False)
    client.force_login(user)
    city = CityFactory()
    assert client.get(URL).status_code == 403
    response = client.post(URL, _form(city))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Confirm your email address" in html
    assert reverse("account_email") in html
    assert_accessible(html)
    assert not Affiliation.objects.exists()


def test_verified_user_sees_a_labelled_form_with_member_cities_only(client):
    member = CityFactory(name="Emmen")
    CityFactory(name="Applicantville", membership_status=City.Membership.APPLICANT)
    CityFactory(name="Formerburg", membership_status=City.Membership.FORMER)
    client.force_login(UserFactory())
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert_accessible(html)
    assert f'<option value="{member.pk}">Emmen</option>' in html
    assert "Applicantville" not in html
    assert "Formerburg" not in html


def test_verified_user_requests_an_affiliation(client):
    user = UserFactory(full_name="")
    city = CityFactory()
    client.force_login(user)
    response = client.post(URL, _form(city))
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    affiliation = Affiliation.objects.get()
    assert (affiliation.user, affiliation.city, affiliation.status) == (
        user,
        city,
        Affiliation.Status.PENDING,
    )
    assert affiliation.listed_publicly
    assert affiliation.job_title == "Mobility policy officer"
    user.refresh_from_db()
    assert user.full_name == "Anna de Vries"
    assert ActionLog.objects.filter(action="accounts.affiliation.requested", actor=user).exists()


def test_staff_are_told_of_a_new_request(client, settings, django_capture_on_commit_callbacks):
    settings.STAFF_NOTIFICATION_EMAILS = ["staff@example.org"]
    client.force_login(UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _form(CityFactory()))
    run_queued_tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff@example.org"]
    assert "/admin/accounts/affiliation/" in mail.outbox[0].body


def test_a_duplicate_live_request_gives_a_form_error_not_a_crash(client):
    user = UserFactory()
    pending = PendingAffiliationFactory(user=user)
    client.force_login(user)
    response = client.post(URL, _form(pending.city, job_title="Typed again"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "already have a pending or verified request" in html
    assert 'value="Typed again"' in html
    assert Affiliation.objects.count() == 1


def test_a_duplicate_of_a_verified_affiliation_is_refused_too(client):
    user = UserFactory()
    verified = AffiliationFactory(user=user)
    client.force_login(user)
    response = client.post(URL, _form(verified.city))
    assert response.status_code == 200
    assert Affiliation.objects.count() == 1


def test_the_other_role_for_the_same_city_is_a_new_request(client):
    user = UserFactory()
    pending = PendingAffiliationFactory(user=user)
    client.force_login(user)
    response = client.post(URL, _form(pending.city, role=Affiliation.Role.REPRESENTATIVE))
    assert response.status_code == 302
    assert Affiliation.objects.count() == 2


def test_after_a_rejection_the_user_may_ask_again(client):
    user = UserFactory()
    rejected = AffiliationFactory(user=user, status=Affiliation.Status.REJECTED)
    client.force_login(user)
    assert client.post(URL, _form(rejected.city)).status_code == 302
    assert Affiliation.objects.count() == 2


@pytest.mark.parametrize(
    "overrides",
    [
        {"city": "99999"},
        {"city": "not-a-number"},
        {"role": "mayor-of-everything"},
        {"job_title": ""},
        {"full_name": ""},
        {"job_title": "x" * 500},
        {"note": "x" * 5000},
    ],
)
def test_bad_input_gives_a_form_error_never_a_500(client, overrides):
    client.force_login(UserFactory())
    response = client.post(URL, _form(CityFactory(), **overrides))
    assert response.status_code == 200
    assert 'class="field field-error"' in response.content.decode()
    assert not Affiliation.objects.exists()


def test_a_non_member_city_cannot_be_chosen_by_posting_its_id(client):
    applicant = CityFactory(membership_status=City.Membership.APPLICANT)
    client.force_login(UserFactory())
    response = client.post(URL, _form(applicant))
    assert response.status_code == 200
    assert "Choose one of the member cities" in response.content.decode()


def test_the_form_needs_a_csrf_token(client):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(UserFactory())
    assert csrf_client.post(URL, _form(CityFactory())).status_code == 403
