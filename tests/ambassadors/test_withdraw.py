"""Withdrawing: only one's own signature, after reauthentication, gone from the wall and counts at once."""

import pytest
from django.urls import reverse

from ambassadors.models import Signature
from devdata.factories import RepresentativeFactory, SignatureFactory
from tests.ambassadors.helpers import log_in_recently

pytestmark = pytest.mark.django_db


def url(signature):
    return reverse("ambassadors:withdraw", args=[signature.pk])


@pytest.fixture
def signature():
    return SignatureFactory(signer=RepresentativeFactory(), full_name="Anna Withdrawing")


def test_a_visitor_is_sent_to_log_in(client, signature):
    response = client.post(url(signature))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_signer_without_a_recent_login_must_reauthenticate(client, signature):
    client.force_login(signature.signer)
    response = client.post(url(signature))
    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]
    signature.refresh_from_db()
    assert signature.status == "verified"


def test_the_signer_withdraws_and_the_wall_and_counts_drop_at_once(client, signature):
    wall = client.get(reverse("ambassadors:wall"))
    assert wall.context["counts"]["current"] == 1 and "Anna Withdrawing" in wall.content.decode()
    log_in_recently(client, signature.signer)
    assert client.get(url(signature)).status_code == 200
    response = client.post(url(signature))
    assert response.status_code == 302 and response["Location"] == reverse("ambassadors:my-signatures")
    signature.refresh_from_db()
    assert signature.status == "withdrawn"
    wall = client.get(reverse("ambassadors:wall"))
    assert wall.context["counts"]["current"] == 0 and "Anna Withdrawing" not in wall.content.decode()
    assert client.get(reverse("ambassadors:declaration")).context["signatory_count"] == 0


def test_someone_else_gets_a_404(client, signature):
    other = RepresentativeFactory()
    log_in_recently(client, other)
    assert client.post(url(signature)).status_code == 404
    signature.refresh_from_db()
    assert signature.status == "verified"


def test_an_ended_signature_has_nothing_to_withdraw(client, signature):
    Signature.objects.filter(pk=signature.pk).update(status="rejected")
    log_in_recently(client, signature.signer)
    response = client.post(url(signature))
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.status == "rejected"


def test_my_signatures_lists_only_my_own(client, signature):
    SignatureFactory(full_name="Somebody Else")
    client.force_login(signature.signer)
    text = client.get(reverse("ambassadors:my-signatures")).content.decode()
    assert url(signature) in text
    assert "Somebody Else" not in text
