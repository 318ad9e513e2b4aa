"""One live signature per person and version, likely duplicates flagged, a fixed published text."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from accounts.models import User
from ambassadors.models import Declaration, DeclarationTranslation, Signature, normalise_email
from ambassadors.services import signature_withdraw
from devdata.factories import DeclarationFactory, RepresentativeFactory, SignatureFactory, TranslationFactory
from tests.ambassadors.helpers import city_of, submit

Status = Signature.Status


@pytest.mark.django_db
def test_a_second_live_signature_on_the_same_version_is_refused_with_a_clear_message():
    declaration, representative = DeclarationFactory(), RepresentativeFactory()
    submit(representative, declaration)
    with pytest.raises(ValidationError) as error:
        submit(representative, declaration)
    assert "already signed" in error.value.messages[0]
    assert Signature.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_two_live_signatures_even_past_the_service():
    signature = SignatureFactory(status=Status.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureFactory(
            declaration=signature.declaration, signer=signature.signer, status=Status.UNCONFIRMED
        )


@pytest.mark.django_db
def test_ended_signatures_do_not_count_against_the_constraint():
    signature = SignatureFactory(status=Status.WITHDRAWN)
    SignatureFactory(declaration=signature.declaration, signer=signature.signer, status=Status.REJECTED)
    SignatureFactory(declaration=signature.declaration, signer=signature.signer, status=Status.VERIFIED)
    assert Signature.objects.live().count() == 1


@pytest.mark.django_db
def test_the_same_person_may_sign_each_version_once():
    representative = RepresentativeFactory()
    first = DeclarationFactory()
    submit(representative, first)
    second = DeclarationFactory()
    submit(representative, second)
    assert Signature.objects.live().filter(signer=representative).count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and real concurrency"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps seed topics for later tests
def test_two_concurrent_submissions_leave_one_signature_and_one_clear_message(monkeypatch):
    declaration, representative = DeclarationFactory(), RepresentativeFactory()
    city = city_of(representative)
    barrier = threading.Barrier(2, timeout=10)
    real_save = Signature.save

    def save_together(self, *args, **kwargs):
        # Both requests have passed the service's own check before either inserts.
        if self.pk is None:
            barrier.wait()
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Signature, "save", save_together)
    outcomes = []

    def sign():
        try:
            user = User.objects.get(pk=representative.pk)
            submit(user, Declaration.objects.get(pk=declaration.pk), city=city)
            outcomes.append("signed")
        except ValidationError as error:
            outcomes.append(error.code if hasattr(error, "code") else "error")
        finally:
            connection.close()

    threads = [threading.Thread(target=sign) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["already_signed", "signed"]
    assert Signature.objects.live().filter(signer=representative).count() == 1


@pytest.mark.parametrize(
    ("address", "mailbox"),
    [
        ("Anna.Rossi+ambassador@Gmail.com", "annarossi@gmail.com"),
        ("a.n.n.a@googlemail.com", "anna@gmail.com"),
        ("anna.rossi+x@comune.bologna.it", "anna.rossi@comune.bologna.it"),
        ("ANNA.ROSSI@comune.bologna.it", "anna.rossi@comune.bologna.it"),
    ],
)
def test_mailboxes_are_normalised_for_duplicate_detection(address, mailbox):
    assert normalise_email(address) == mailbox


@pytest.mark.django_db
def test_a_signature_from_the_same_mailbox_is_flagged_as_a_likely_duplicate():
    declaration = DeclarationFactory()
    other = SignatureFactory(declaration=declaration, email="anna.rossi@gmail.com", signer=None)
    representative = RepresentativeFactory(email="Anna.Rossi+smc@gmail.com")
    signature = submit(representative, declaration)
    other.refresh_from_db()
    signature.refresh_from_db()
    assert signature.possible_duplicate and other.possible_duplicate


@pytest.mark.django_db
def test_a_signature_with_the_same_folded_name_and_city_is_flagged():
    declaration, representative = DeclarationFactory(), RepresentativeFactory()
    city = city_of(representative)
    SignatureFactory(declaration=declaration, city=city, full_name="Jose  Muñoz", signer=None, email="")
    signature = submit(representative, declaration, full_name="josé munoz")
    assert signature.possible_duplicate


@pytest.mark.django_db
def test_different_people_are_not_flagged():
    declaration, representative = DeclarationFactory(), RepresentativeFactory()
    SignatureFactory(declaration=declaration, full_name="Somebody Else")
    assert not submit(representative, declaration, full_name="Anna Rossi").possible_duplicate


@pytest.mark.django_db
def test_a_withdrawn_signature_is_not_a_duplicate_of_a_new_one():
    declaration, representative = DeclarationFactory(), RepresentativeFactory()
    first = submit(representative, declaration)
    signature_withdraw(first, by=representative)
    assert not submit(representative, declaration).possible_duplicate


@pytest.mark.django_db
def test_a_published_declaration_never_changes():
    declaration = DeclarationFactory()
    declaration.body = "Something else"
    with pytest.raises(ValidationError):
        declaration.save()
    declaration.refresh_from_db()
    declaration.published_at = None
    with pytest.raises(ValidationError):
        declaration.save()


@pytest.mark.django_db
def test_a_draft_may_be_edited_and_then_published_once():
    draft = DeclarationFactory(published_at=None)
    draft.body = "Better words"
    draft.save()
    from django.utils import timezone

    draft.published_at = timezone.now()
    draft.save()
    assert Declaration.objects.current() == draft


@pytest.mark.django_db
def test_a_published_translation_never_changes_but_languages_may_be_added():
    translation = TranslationFactory()
    translation.body = "Altro"
    with pytest.raises(ValidationError):
        translation.save()
    with pytest.raises(ValidationError):
        translation.delete()
    TranslationFactory(declaration=translation.declaration, language="fr", title="Déclaration", body="Texte")
    assert DeclarationTranslation.objects.count() == 2


@pytest.mark.django_db
def test_english_is_not_a_translation():
    translation = TranslationFactory.build(declaration=DeclarationFactory(), language="en")
    with pytest.raises(ValidationError):
        translation.save()


@pytest.mark.django_db
def test_the_hash_changes_with_the_text():
    a = DeclarationFactory.build(version=1, title="T", body="B")
    b = DeclarationFactory.build(version=1, title="T", body="B.")
    assert a.text_sha256 != b.text_sha256
