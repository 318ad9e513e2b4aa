"""The printable certificate (its signer only) and /ambassadors/verify/<code>/ (anyone)."""

import pytest
from django.urls import reverse

from ambassadors.models import Signature, new_certificate_code
from devdata.factories import RepresentativeFactory, SignatureFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature():
    return SignatureFactory(signer=RepresentativeFactory(), full_name="Anna Certified")


def test_the_signer_opens_their_certificate_with_its_code(client, signature):
    client.force_login(signature.signer)
    response = client.get(signature.get_certificate_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert "Anna Certified" in text and signature.certificate_code in text
    assert signature.get_verify_url() in text
    assert "<script>" not in text.split("</head>")[1]  # no inline script in the page body


@pytest.mark.parametrize("make_user", [RepresentativeFactory, StaffFactory], ids=["other signer", "staff"])
def test_nobody_else_opens_a_certificate(client, signature, make_user):
    client.force_login(make_user())
    assert client.get(signature.get_certificate_url()).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, signature):
    response = client.get(signature.get_certificate_url())
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("status", ["unconfirmed", "confirmed", "rejected", "withdrawn"])
def test_there_is_no_certificate_before_verification_or_after_withdrawal(client, signature, status):
    Signature.objects.filter(pk=signature.pk).update(status=status)
    client.force_login(signature.signer)
    assert client.get(signature.get_certificate_url()).status_code == 404


def test_certificate_codes_are_long_random_and_unique():
    codes = {new_certificate_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(code.replace("-", "")) == 20 for code in codes)
    first, second = SignatureFactory(), SignatureFactory()
    assert first.certificate_code != second.certificate_code


def test_a_genuine_certificate_is_confirmed_to_anyone(client, signature):
    response = client.get(reverse("ambassadors:verify", args=[signature.certificate_code]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Genuine and current" in text and "Anna Certified" in text


def test_a_code_typed_in_lower_case_without_dashes_is_found(client, signature):
    typed = signature.certificate_code.replace("-", "").lower()
    response = client.get(reverse("ambassadors:verify-lookup"), {"code": typed})
    assert response.status_code == 302
    assert client.get(response["Location"]).context["signature"] == signature


def test_a_genuine_unlisted_certificate_does_not_reveal_the_name(client):
    signature = SignatureFactory(full_name="Hidden Person", listed_publicly=False)
    text = client.get(signature.get_verify_url()).content.decode()
    assert "Genuine and current" in text
    assert "Hidden Person" not in text
    assert "chose not to be listed" in text


def test_a_withdrawn_certificate_is_reported_as_not_current(client, signature):
    Signature.objects.filter(pk=signature.pk).update(status="withdrawn")
    text = client.get(signature.get_verify_url()).content.decode()
    assert "Genuine and current" not in text
    assert "withdrawn" in text
    assert "Anna Certified" not in text


def test_an_unknown_code_gives_a_clear_404_page(client):
    response = client.get(reverse("ambassadors:verify", args=["AAAA-BBBB-CCCC-DDDD-EEEE"]))
    assert response.status_code == 404
    assert "No certificate has the code" in response.content.decode()


def test_the_verify_path_is_stable(signature):
    assert reverse("ambassadors:verify", args=["X1"]) == "/ambassadors/verify/X1/"


@pytest.mark.parametrize("typed", ["?", " - - ", "!!!"])
def test_a_code_without_letters_or_digits_is_explained_not_an_error_page(client, typed):
    response = client.get(reverse("ambassadors:verify-lookup"), {"code": typed})
    assert response.status_code == 200
    assert "Type the code printed on the certificate" in response.content.decode()
