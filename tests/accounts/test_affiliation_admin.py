"""Staff verify, reject and revoke affiliations in the admin, with the evidence beside them."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from accounts.models import Affiliation
from core.models import ActionLog
from devdata.factories import (
    AffiliationFactory,
    CityFactory,
    PendingAffiliationFactory,
    StaffFactory,
    UserFactory,
)
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:accounts_affiliation_changelist"


def _act(client, action, affiliations, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in affiliations], **extra}
    return client.post(reverse(CHANGELIST), data)


def test_changelist_shows_the_pending_count_in_its_title(staff_client):
    PendingAffiliationFactory.create_batch(2)
    AffiliationFactory()
    html = staff_client.get(reverse(CHANGELIST)).content.decode()
    assert "Affiliation requests (2 waiting)" in html


def test_admin_index_counts_the_pending_requests(staff_client):
    PendingAffiliationFactory.create_batch(3)
    response = staff_client.get(reverse("admin:index"))
    queues = {queue["label"]: queue for queue in response.context["pending_queues"]}
    assert queues["Affiliation requests"]["count"] == 3
    assert queues["Affiliation requests"]["url"].endswith("?status__exact=pending")


@pytest.mark.parametrize(
    "query",
    ["status__exact=pending", "role__exact=officer", "country=NL", "q=Testville", "q=nobody", "country=ZZ"],
)
def test_filters_and_search_work(staff_client, query):
    PendingAffiliationFactory()
    response = staff_client.get(reverse(CHANGELIST) + "?" + query)
    assert response.status_code == 200


def test_country_filter_narrows_the_list(staff_client):
    dutch = PendingAffiliationFactory(city=CityFactory(country="NL"))
    italian = PendingAffiliationFactory(city=CityFactory(country="IT"))
    response = staff_client.get(reverse(CHANGELIST) + "?country=IT")
    shown = list(response.context["cl"].result_list)
    assert shown == [italian]
    assert dutch not in shown


def test_official_domain_evidence_is_shown_but_decides_nothing(staff_client):
    city = CityFactory(official_email_domain="emmen.nl")
    affiliation = PendingAffiliationFactory(city=city, user=UserFactory(email="anna@emmen.nl"))
    response = staff_client.get(reverse(CHANGELIST))
    assert "official domain" in response.content.decode()
    assert response.context["cl"].result_list[0].email_on_official_domain
    change = staff_client.get(reverse("admin:accounts_affiliation_change", args=[affiliation.pk]))
    assert "emmen.nl" in change.content.decode()
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.PENDING


def test_change_page_shows_the_audit_trail(staff_client):
    affiliation = PendingAffiliationFactory()
    staff = StaffFactory()
    from accounts.services import affiliation_verify

    affiliation_verify(affiliation, by=staff)
    html = staff_client.get(
        reverse("admin:accounts_affiliation_change", args=[affiliation.pk])
    ).content.decode()
    assert "accounts.affiliation.verified" in html


def test_verify_action_asks_for_an_optional_note_then_verifies(
    staff_client, django_capture_on_commit_callbacks
):
    affiliation = PendingAffiliationFactory()
    form = _act(staff_client, "affiliation_verify", [affiliation])
    assert form.status_code == 200
    assert "Note (optional)" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _act(staff_client, "affiliation_verify", [affiliation], apply="1", reason="")
    run_queued_tasks()
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.VERIFIED
    assert len(mail.outbox) == 1


def test_reject_action_requires_a_reason(staff_client):
    affiliation = PendingAffiliationFactory()
    response = _act(staff_client, "affiliation_reject", [affiliation], apply="1", reason="")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.PENDING


def test_reject_action_with_a_reason_rejects(staff_client):
    affiliation = PendingAffiliationFactory()
    _act(staff_client, "affiliation_reject", [affiliation], apply="1", reason="Unknown to the city")
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.REJECTED
    assert affiliation.decision_note == "Unknown to the city"


def test_revoke_action_requires_a_reason_and_revokes(staff_client):
    affiliation = AffiliationFactory()
    _act(staff_client, "affiliation_revoke", [affiliation], apply="1", reason="")
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.VERIFIED
    _act(staff_client, "affiliation_revoke", [affiliation], apply="1", reason="Left the city")
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.REVOKED


def test_an_action_on_a_mixed_selection_reports_the_ones_it_could_not_do(staff_client):
    pending = PendingAffiliationFactory()
    verified = AffiliationFactory()
    _act(staff_client, "affiliation_verify", [pending, verified], apply="1", reason="")
    response = staff_client.get(reverse(CHANGELIST))
    pending.refresh_from_db()
    assert pending.status == Affiliation.Status.VERIFIED
    messages = [str(message) for message in response.context["messages"]]
    assert any("not possible now" in message for message in messages)
    assert ActionLog.objects.filter(action="accounts.affiliation.verified").count() == 1


def test_staff_cannot_add_affiliations_or_delete_them_in_bulk(staff_client):
    assert staff_client.get(reverse("admin:accounts_affiliation_add")).status_code == 403
    response = staff_client.get(reverse(CHANGELIST))
    assert "delete_selected" not in response.content.decode()


def test_user_admin_lists_and_searches_accounts(staff_client):
    UserFactory(email="findme@example.org")
    response = staff_client.get(reverse("admin:accounts_user_changelist") + "?q=findme")
    assert response.status_code == 200
    assert "findme@example.org" in response.content.decode()


INLINE_MANAGEMENT = {
    "core-actionlog-content_type-object_id-TOTAL_FORMS": "0",
    "core-actionlog-content_type-object_id-INITIAL_FORMS": "0",
}


def test_staff_create_an_account_by_email_in_the_admin(staff_client):
    from accounts.models import User

    response = staff_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.officer@example.org",
            "full_name": "New Officer",
            "usable_password": "true",
            "password1": "long-enough-secret-1",
            "password2": "long-enough-secret-1",
            **INLINE_MANAGEMENT,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.officer@example.org")
    assert user.check_password("long-enough-secret-1")


def test_staff_edit_an_account_in_the_admin(staff_client):
    user = UserFactory(full_name="Old Name")
    url = reverse("admin:accounts_user_change", args=[user.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url, {"email": user.email, "full_name": "New Name", "is_active": "on", **INLINE_MANAGEMENT}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "New Name"
