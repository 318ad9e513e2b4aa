"""/ambassadors/declaration/sign/: the online signing form."""

import pytest
from django.core import mail
from django.urls import reverse

from ambassadors.models import Signature
from devdata.factories import (
    CityFactory,
    DeclarationFactory,
    OfficerFactory,
    RepresentativeFactory,
    SignatureFactory,
    UserFactory,
)
from tests.ambassadors.helpers import city_of
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
URL = "/ambassadors/declaration/sign/"


@pytest.fixture
def declaration():
    return DeclarationFactory()


@pytest.fixture
def representative(client):
    user = RepresentativeFactory(full_name="Anna Rossi")
    client.force_login(user)
    return user


def form_data(representative, declaration, **changes):
    return {
        "version": declaration.version,
        "full_name": "Anna Rossi",
        "office": "mayor",
        "office_title": "",
        "city": city_of(representative).pk,
        "statement": "Small cities learn fast.",
        "listed_publicly": "on",
        "holds_office": "on",
        **changes,
    }


def test_a_visitor_is_sent_to_log_in(client, declaration):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("make_user", [UserFactory, OfficerFactory], ids=["user", "officer"])
def test_someone_who_may_not_sign_is_told_why_and_what_to_do(client, declaration, make_user):
    client.force_login(make_user())
    response = client.post(URL, {"full_name": "X"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only verified political representatives of member cities may sign." in html
    assert reverse("accounts:affiliation-request") in html
    assert not Signature.objects.exists()


def test_the_form_offers_only_the_cities_the_representative_acts_for(client, declaration, representative):
    CityFactory(name="Elsewhere")
    response = client.get(URL)
    assert response.status_code == 200
    assert list(response.context["form"].fields["city"].queryset) == [city_of(representative)]
    assert response.context["form"]["full_name"].value() == "Anna Rossi"
    assert reverse("cities:join") in response.content.decode()


def test_signing_stores_an_unconfirmed_signature_and_mails_a_link(
    client, declaration, representative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(representative, declaration))
    run_queued_tasks()
    assert response.status_code == 302 and response["Location"] == reverse("ambassadors:my-signatures")
    signature = Signature.objects.get()
    assert (signature.status, signature.signer, signature.city) == (
        "unconfirmed",
        representative,
        city_of(representative),
    )
    assert signature.statement == "Small cities learn fast." and signature.listed_publicly
    assert signature.text_sha256 == declaration.text_sha256
    assert "/ambassadors/confirm/" in mail.outbox[0].body


def test_bad_input_is_explained_next_to_the_field_and_kept(client, declaration, representative):
    data = form_data(
        representative, declaration, office="other", office_title="", holds_office="", full_name=""
    )
    data["statement"] = "Kept text"
    response = client.post(URL, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"office_title", "holds_office", "full_name"}
    assert "Kept text" in response.content.decode()
    assert not Signature.objects.exists()


def test_a_city_of_someone_else_is_refused(client, declaration, representative):
    response = client.post(URL, form_data(representative, declaration, city=CityFactory().pk))
    assert response.status_code == 200
    assert "city" in response.context["form"].errors


def test_signing_twice_sends_the_signer_to_their_signature(client, declaration, representative):
    SignatureFactory(declaration=declaration, signer=representative, status="unconfirmed")
    response = client.post(URL, form_data(representative, declaration))
    assert response.status_code == 302 and response["Location"] == reverse("ambassadors:my-signatures")
    assert Signature.objects.count() == 1


def test_a_version_published_while_the_form_was_open_must_be_read_first(client, declaration, representative):
    newer = DeclarationFactory(title="Newer words")
    response = client.post(URL, form_data(representative, declaration))
    assert response.status_code == 200
    assert "newer version" in response.content.decode()
    assert response.context["form"]["version"].value() == newer.version
    assert "Newer words" in response.content.decode()
    assert not Signature.objects.exists()


def test_signing_is_rate_limited_per_ip(client, declaration, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "sign_declaration": "1/h/ip"}
    first = RepresentativeFactory()
    client.force_login(first)
    assert client.post(URL, form_data(first, declaration)).status_code == 302
    second = RepresentativeFactory()
    client.force_login(second)
    response = client.post(URL, form_data(second, declaration))
    assert response.status_code == 429
    assert "Too many signatures" in response.content.decode()
    assert Signature.objects.count() == 1


def test_the_form_needs_csrf(declaration, representative):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(representative)
    assert strict.post(URL, form_data(representative, declaration)).status_code == 403


def test_a_mangled_hidden_version_is_explained_at_the_top(client, declaration, representative):
    response = client.post(URL, form_data(representative, declaration, version="abc"))
    assert response.status_code == 200
    assert "The form was incomplete" in response.content.decode()
    assert not Signature.objects.exists()
