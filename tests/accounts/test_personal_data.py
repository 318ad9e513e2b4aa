"""Download my data, and delete my account."""

import json
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.urls import reverse

from accounts import services
from accounts.models import Affiliation, User
from core import extensions
from core.extensions import PersonalData
from core.models import ActionLog
from devdata.factories import (
    AffiliationFactory,
    PendingAffiliationFactory,
    StaffFactory,
    UserFactory,
    with_totp,
)
from tests.accounts.html import assert_accessible

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def registry(monkeypatch):
    """Registrations made in a test do not outlive it."""
    copy = extensions.PersonalDataRegistry()
    for entry in extensions.personal_data:
        copy.add(entry)
    monkeypatch.setattr(extensions, "personal_data", copy)
    return copy


def _log_in(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def _reauthenticate(client):
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


# Download


def test_download_is_a_json_attachment_of_what_is_stored_about_the_user(client):
    user = with_totp(UserFactory(full_name="Anna de Vries"))
    affiliation = PendingAffiliationFactory(user=user, job_title="Cycling lead", note="see our site")
    staff = StaffFactory()
    services.affiliation_withdraw(affiliation, by=user)
    ActionLog.objects.create(
        action="other.thing", actor=staff, content_type_id=1, object_id=1, object_repr="x"
    )
    client.force_login(user)
    response = client.get(reverse("accounts:data-export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="smc-portal-my-data.json"'
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["account"]["full_name"] == "Anna de Vries"
    assert data["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
    assert data["affiliations"][0]["job_title"] == "Cycling lead"
    assert data["affiliations"][0]["note"] == "see our site"
    assert data["affiliations"][0]["status"] == "withdrawn"
    assert [entry["action"] for entry in data["audit_entries_as_actor"]] == ["accounts.affiliation.withdrawn"]
    assert data["two_factor_authentication"][0]["type"] == "totp"
    assert user.totp_secret not in response.content.decode()
    assert "password" not in data["account"]


def test_download_holds_nothing_of_other_users(client):
    user = UserFactory()
    other = AffiliationFactory(job_title="Someone else's title")
    client.force_login(user)
    content = client.get(reverse("accounts:data-export")).content.decode()
    assert other.user.email not in content
    assert "Someone else" not in content


def test_other_apps_add_their_part_to_the_download(client, registry):
    registry.add(PersonalData("signatures", lambda user: [{"declaration": 1, "signer": user.email}]))
    user = UserFactory()
    client.force_login(user)
    data = json.loads(client.get(reverse("accounts:data-export")).content)
    assert data["signatures"] == [{"declaration": 1, "signer": user.email}]


def test_a_section_name_registered_twice_keeps_its_first_registration(registry):
    registry.add(PersonalData("signatures", lambda user: "first"))
    registry.add(PersonalData("signatures", lambda user: "second"))
    assert registry.collect(UserFactory())["signatures"] == "first"


def test_visitor_cannot_download(client):
    response = client.get(reverse("accounts:data-export"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# Delete


def test_deleting_asks_for_the_password_first(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 302
    assert urlparse(response.url).path == reverse("account_reauthenticate")


def test_after_reauthentication_the_confirmation_page_is_shown(client):
    user = UserFactory()
    _log_in(client, user)
    _reauthenticate(client)
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 200
    assert_accessible(response.content.decode())


def test_deletion_needs_the_confirmation_box(client):
    user = UserFactory()
    _log_in(client, user)
    _reauthenticate(client)
    response = client.post(reverse("accounts:delete"), {})
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_the_user_deletes_their_account(client):
    user = UserFactory(full_name="Anna de Vries")
    affiliation = AffiliationFactory(user=user)
    from accounts.services import affiliation_revoke

    affiliation_revoke(affiliation, by=StaffFactory(), note="Left")
    _log_in(client, user)
    _reauthenticate(client)
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Affiliation.objects.filter(pk=affiliation.pk).exists()
    assert client.get(reverse("accounts:profile")).status_code == 302  # logged out
    entry = ActionLog.objects.get(action="accounts.user.deleted")
    assert entry.object_id == user.pk
    assert entry.data["by_themselves"] is True
    names = " ".join(ActionLog.objects.values_list("object_repr", flat=True))
    assert "Anna de Vries" not in names
    assert user.email not in names


def test_a_deletion_post_without_recent_reauthentication_is_resumed_after_it(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert urlparse(response.url).path == reverse("account_reauthenticate")
    assert User.objects.filter(pk=user.pk).exists()
    response = client.post(response.url, {"password": PASSWORD})
    assert not User.objects.filter(pk=user.pk).exists()


def test_deletion_hooks_run_inside_the_deletion_transaction(client, registry):
    seen = []

    def withdraw_signatures(user):
        seen.append((user.pk, connection.in_atomic_block))

    registry.add(PersonalData("signatures", list, delete=withdraw_signatures))
    user = UserFactory()
    services.account_delete(user)
    assert seen == [(user.pk, True)]


def test_a_failing_hook_keeps_the_account(registry):
    def broken(user):
        raise RuntimeError("ambassadors could not withdraw")

    registry.add(PersonalData("signatures", list, delete=broken))
    user = UserFactory()
    with pytest.raises(RuntimeError):
        services.account_delete(user)
    assert User.objects.filter(pk=user.pk).exists()
    assert not ActionLog.objects.filter(action="accounts.user.deleted").exists()


def test_staff_cannot_delete_their_own_account_here(client):
    staff = with_totp(StaffFactory())
    client.force_login(staff)
    assert client.get(reverse("accounts:delete")).status_code == 403
    assert client.post(reverse("accounts:delete"), {"confirm": "on"}).status_code == 403
    assert User.objects.filter(pk=staff.pk).exists()


def test_staff_delete_a_users_account_in_the_admin_the_same_way(client, registry):
    seen = []
    registry.add(PersonalData("signatures", list, delete=lambda user: seen.append(user.pk)))
    staff = with_totp(StaffFactory())
    user = UserFactory()
    client.force_login(staff)
    response = client.post(reverse("admin:accounts_user_delete", args=[user.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert seen == [user.pk]
    entry = ActionLog.objects.get(action="accounts.user.deleted")
    assert entry.actor == staff
