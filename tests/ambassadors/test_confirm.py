"""The emailed confirmation link: valid, reused, expired, tampered."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse

from ambassadors.models import Signature
from ambassadors.services import CONFIRMATION_SALT, confirmation_token
from core.models import ActionLog
from devdata.factories import SignatureFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("ambassadors:confirm", args=[token])


@pytest.fixture
def signature():
    return SignatureFactory(status=Signature.Status.UNCONFIRMED, confirmed_at=None, verified_at=None)


def test_opening_the_link_asks_for_one_click_and_changes_nothing(client, signature):
    response = client.get(url(confirmation_token(signature)))
    assert response.status_code == 200
    assert "Confirm my signature" in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == "unconfirmed"


def test_clicking_confirm_confirms_without_logging_in(client, signature):
    response = client.post(url(confirmation_token(signature)))
    assert response.status_code == 200
    assert "your signature is confirmed" in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == "confirmed"


def test_a_second_click_is_harmless_and_says_already_confirmed(client, signature):
    token = confirmation_token(signature)
    client.post(url(token))
    for response in (client.post(url(token)), client.get(url(token))):
        assert response.status_code == 200
        assert "already confirmed" in response.content.decode()
    assert ActionLog.objects.about(signature).filter(data__to_state="confirmed").count() == 1


def test_an_expired_link_gives_a_clear_page(client, signature, monkeypatch):
    token = confirmation_token(signature)
    later = datetime.datetime.now().timestamp() + 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(url(token))
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == "unconfirmed"


def test_a_link_within_seven_days_still_works(client, signature, monkeypatch):
    token = confirmation_token(signature)
    later = datetime.datetime.now().timestamp() + 6 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert client.post(url(token)).status_code == 200
    signature.refresh_from_db()
    assert signature.status == "confirmed"


@pytest.mark.parametrize(
    "make_token",
    [
        lambda s: confirmation_token(s)[:-3] + "abc",
        lambda s: signing.dumps({"s": s.pk}, salt="another.purpose"),
        lambda s: signing.dumps({"s": s.pk + 999}, salt=CONFIRMATION_SALT),
        lambda s: "nonsense",
    ],
    ids=["tampered", "other salt", "unknown signature", "garbage"],
)
def test_a_bad_link_gives_a_clear_page_never_a_500(client, signature, make_token):
    response = client.post(url(make_token(signature)))
    assert response.status_code == 400
    assert "altered" in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == "unconfirmed"


def test_the_link_of_a_withdrawn_signature_cannot_confirm_it(client, signature):
    token = confirmation_token(signature)
    Signature.objects.filter(pk=signature.pk).update(status="withdrawn")
    response = client.post(url(token))
    assert response.status_code == 200
    assert (
        "no longer be confirmed" in response.content.decode() or "not possible" in response.content.decode()
    )
    signature.refresh_from_db()
    assert signature.status == "withdrawn"


def test_the_signer_asks_for_a_new_link_which_works(
    client, signature, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(signature.signer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ambassadors:resend-confirmation", args=[signature.pk]))
    run_queued_tasks()
    assert response.status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/ambassadors/confirm/" in line)
    client.post(link.strip().removeprefix(settings.SITE_URL))
    signature.refresh_from_db()
    assert signature.status == "confirmed"


def test_nobody_else_asks_for_a_new_link(client, signature):
    from django.core import mail

    from devdata.factories import RepresentativeFactory

    client.force_login(RepresentativeFactory())
    assert client.post(reverse("ambassadors:resend-confirmation", args=[signature.pk])).status_code == 404
    assert mail.outbox == []


def test_a_confirmed_signature_needs_no_new_link(client, signature):
    Signature.objects.filter(pk=signature.pk).update(status="confirmed")
    client.force_login(signature.signer)
    response = client.post(reverse("ambassadors:resend-confirmation", args=[signature.pk]), follow=True)
    assert "not possible now" in response.content.decode()
