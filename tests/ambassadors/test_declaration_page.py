
"""/ambassadors/declaration/: the current version, its translations, the count and the way to sign."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ambassadors.models import Signature
from devdata.factories import (
    DeclarationFactory,
    OfficerFactory,
    RepresentativeFactory,
    SignatureFactory,
    TranslationFactory,
    UserFactory,
)
from tests.languages import GETTEXT, speak

pytestmark = pytest.mark.django_db
URL = "/ambassadors/declaration/"


def test_the_path_is_stable():
    assert reverse("ambassadors:declaration") == URL


def test_it_shows_the_latest_published_version_not_a_draft(client):
    DeclarationFactory(title="Old words")
    DeclarationFactory(title="Current words")
    DeclarationFactory(title="Draft words", published_at=None)
    text = client.get(URL).content.decode()
    assert "Current words" in text
    assert "Old words" not in text and "Draft words" not in text


def test_it_says_so_when_nothing_is_published(client):
    DeclarationFactory(published_at=None)
    response = client.get(URL)
    assert response.status_code == 200
    assert "has not been published yet" in response.content.decode()


def test_a_reader_in_italian_sees_the_italian_text_and_english_named_as_binding(client):
    declaration = DeclarationFactory(title="English title")
    TranslationFactory(declaration=declaration, language="it", title="Titolo italiano")
    text = client.get(URL, HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert 'lang="it"' in text and "Titolo italiano" in text
    assert "English title" in text
    assert text.index("Titolo italiano") < text.index("English title")
    with translation.override("it"):
        assert gettext("Binding text (English)") in text


def test_a_reader_whose_language_has_no_translation_gets_english(client):
    declaration = DeclarationFactory(title="English title")
    TranslationFactory(declaration=declaration, language="it", title="Titolo italiano")
    text = client.get(URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "English title" in text
    with translation.override("de"):
        assert gettext("The English text is the binding text that signatories sign.") in text
    # Other languages are offered, folded away.
    assert '<details class="translation" lang="it">' in text


@pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")
def test_a_reader_in_european_portuguese_sees_the_portuguese_text(client, settings, tmp_path):
    speak(settings, tmp_path, {"pt-pt": {}})
    declaration = DeclarationFactory(title="English title")
    TranslationFactory(declaration=declaration, language="pt-pt", title="Título português")
    text = client.get(URL, HTTP_ACCEPT_LANGUAGE="pt-PT").content.decode()
    assert 'lang="pt-pt"' in text and "Título português" in text


def test_the_markdown_is_rendered_and_cleaned(client):
    DeclarationFactory(body="We **cooperate**.<script>alert(1)</script>")
    text = client.get(URL).content.decode()
    assert "<strong>cooperate</strong>" in text
    assert "<script>alert(1)" not in text


def test_it_counts_verified_signatories_only(client):
    declaration = DeclarationFactory()
    SignatureFactory.create_batch(2, declaration=declaration)
    SignatureFactory(declaration=declaration, listed_publicly=False)
    for status in ("unconfirmed", "confirmed", "rejected", "withdrawn"):
        SignatureFactory(declaration=declaration, status=status)
    assert client.get(URL).context["signatory_count"] == 3


def test_a_visitor_is_asked_to_log_in(client):
    DeclarationFactory()
    text = client.get(URL).content.decode()
    assert "Log in to sign" in text
    assert reverse("ambassadors:sign") not in text


def test_a_user_with_an_unverified_email_is_asked_to_verify_it(client):
    DeclarationFactory()
    client.force_login(UserFactory(verified=False))
    text = client.get(URL).content.decode()
    assert "confirm your email address" in text
    assert reverse("account_email") in text


@pytest.mark.parametrize("make_user", [UserFactory, OfficerFactory], ids=["user", "officer"])
def test_a_user_who_is_no_representative_is_sent_to_their_profile(client, make_user):
    DeclarationFactory()
    client.force_login(make_user())
    text = client.get(URL).content.decode()
    assert reverse("accounts:profile") in text
    assert reverse("ambassadors:sign") not in text


def test_a_representative_gets_the_sign_button(client):
    DeclarationFactory()
    client.force_login(RepresentativeFactory())
    assert f'href="{reverse("ambassadors:sign")}"' in client.get(URL).content.decode()


def test_a_representative_who_signed_sees_their_status(client):
    declaration, representative = DeclarationFactory(), RepresentativeFactory()
    SignatureFactory(declaration=declaration, signer=representative, status=Signature.Status.CONFIRMED)
    client.force_login(representative)
    text = client.get(URL).content.decode()
    assert "You have signed this version" in text
    assert f'href="{reverse("ambassadors:sign")}"' not in text
