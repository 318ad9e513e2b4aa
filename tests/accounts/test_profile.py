"""The profile page: the person's affiliations and states, and the way to their data."""

import pytest
from django.urls import reverse

from accounts.models import Affiliation
from core.models import ActionLog
from devdata.factories import AffiliationFactory, CityFactory, PendingAffiliationFactory, UserFactory
from tests.accounts.html import assert_accessible

pytestmark = pytest.mark.django_db


def test_profile_lists_affiliations_with_their_states(client):
    user = UserFactory()
    AffiliationFactory(user=user, city=CityFactory(name="Emmen"))
    PendingAffiliationFactory(
        user=user, city=CityFactory(name="Bologna"), role=Affiliation.Role.REPRESENTATIVE
    )
    AffiliationFactory(city=CityFactory(name="Elsewhere"))  # someone else's
    client.force_login(user)
    response = client.get(reverse("accounts:profile"))
    html = response.content.decode()
    assert_accessible(html)
    assert "Emmen" in html and "Verified" in html
    assert "Bologna" in html and "Pending" in html and "Political representative" in html
    assert "Elsewhere" not in html


def test_profile_links_to_the_request_form_for_a_verified_user(client):
    client.force_login(UserFactory())
    html = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:affiliation-request") in html
    assert reverse("accounts:data-export") in html
    assert reverse("accounts:delete") in html


def test_profile_asks_an_unverified_user_to_confirm_the_email_first(client):
    client.force_login(UserFactory(verified=False))
    html = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:affiliation-request") not in html
    assert reverse("account_email") in html


def test_profile_does_not_offer_staff_to_delete_their_account(client):
    from devdata.factories import StaffFactory

    client.force_login(StaffFactory())
    html = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:delete") not in html


def test_the_user_withdraws_a_pending_request_from_the_profile(client):
    affiliation = PendingAffiliationFactory()
    client.force_login(affiliation.user)
    response = client.post(reverse("accounts:affiliation-withdraw", args=[affiliation.pk]))
    assert response.url == reverse("accounts:profile")
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.WITHDRAWN


def test_nobody_touches_another_users_affiliation_by_changing_the_id(client):
    affiliation = AffiliationFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:affiliation-withdraw", args=[affiliation.pk]))
    assert response.status_code == 404
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.VERIFIED
    assert not ActionLog.objects.exists()


def test_withdrawing_twice_gives_a_message_not_a_crash(client):
    affiliation = AffiliationFactory(status=Affiliation.Status.WITHDRAWN)
    client.force_login(affiliation.user)
    response = client.post(reverse("accounts:affiliation-withdraw", args=[affiliation.pk]), follow=True)
    assert response.status_code == 200
    assert "only withdraw your own pending or verified" in response.content.decode()


def test_withdraw_is_post_only(client):
    affiliation = AffiliationFactory()
    client.force_login(affiliation.user)
    assert client.get(reverse("accounts:affiliation-withdraw", args=[affiliation.pk])).status_code == 405


def test_a_person_chooses_the_language_of_the_portals_mails_on_their_profile(client):
    person = UserFactory(signup_language="nl")
    client.force_login(person)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "The language I signed up in (Nederlands)" in page and "Deutsch" in page
    response = client.post(reverse("accounts:mail-language"), {"language": "pl"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.language == "pl"
    assert "Polski" in client.get(reverse("accounts:profile")).content.decode()


def test_an_unknown_language_is_refused_and_changes_nothing(client):
    person = UserFactory(language="fr")
    client.force_login(person)
    client.post(reverse("accounts:mail-language"), {"language": "xx"})
    person.refresh_from_db()
    assert person.language == "fr"
    assert "Choose one of the languages in the list." in client.get(reverse("accounts:profile")).content.decode()
