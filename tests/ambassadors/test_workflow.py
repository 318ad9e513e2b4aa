"""Every state transition of a signature, who may make it, and what each leaves behind."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ambassadors.models import Signature
from ambassadors.services import (
    signature_confirm,
    signature_record_paper,
    signature_reject,
    signature_verify,
    signature_withdraw,
)
from core.models import ActionLog
from core.workflow import Refused
from devdata.factories import (
    CityFactory,
    DeclarationFactory,
    OfficerFactory,
    RepresentativeFactory,
    SignatureFactory,
    StaffFactory,
    UserFactory,
)
from tests.ambassadors.helpers import city_of, submit
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
Status = Signature.Status


@pytest.fixture
def declaration():
    return DeclarationFactory()


@pytest.fixture
def representative():
    return RepresentativeFactory(full_name="Anna Sindaca")


@pytest.fixture
def staff():
    return StaffFactory()


def test_a_representative_submits_an_unconfirmed_signature_with_the_hash_of_the_text(
    declaration, representative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signature = submit(representative, declaration)
    run_queued_tasks()
    signature.refresh_from_db()
    assert signature.status == Status.UNCONFIRMED
    assert signature.source == Signature.Source.ONLINE
    assert signature.signer == representative
    assert signature.email == representative.email
    assert signature.text_sha256 == declaration.text_sha256
    assert len(signature.text_sha256) == 64
    assert [(e.data.get("from_state"), e.data["to_state"]) for e in ActionLog.objects.about(signature)] == [
        (None, Status.UNCONFIRMED)
    ]
    assert ActionLog.objects.filter(action="ambassadors.signature.unconfirmed").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [representative.email]
    assert "/ambassadors/confirm/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: UserFactory(),
        lambda: OfficerFactory(),
        lambda: RepresentativeFactory(verified=False),
        lambda: StaffFactory(),
    ],
    ids=["plain user", "city officer", "representative with unverified email", "staff"],
)
def test_only_a_verified_political_representative_may_submit(declaration, make_user):
    user = make_user()
    signature = Signature(declaration=declaration, full_name="X", office="mayor", city=CityFactory())
    with pytest.raises(Refused):
        from ambassadors.services import signature_submit

        signature_submit(signature, by=user)
    assert not Signature.objects.exists()


def test_a_representative_cannot_sign_for_a_city_they_do_not_represent(declaration, representative):
    with pytest.raises(ValidationError) as error:
        submit(representative, declaration, city=CityFactory())
    assert "city" in error.value.message_dict
    assert not Signature.objects.exists()


def test_a_draft_or_superseded_version_cannot_be_signed(representative):
    old = DeclarationFactory()
    DeclarationFactory()  # a newer published version
    draft = DeclarationFactory(published_at=None)
    for declaration in (old, draft):
        with pytest.raises(ValidationError):
            submit(representative, declaration)


def test_other_office_needs_its_title(declaration, representative):
    with pytest.raises(ValidationError):
        submit(representative, declaration, office=Signature.Office.OTHER, office_title="")
    signature = submit(representative, declaration, office=Signature.Office.OTHER, office_title="Alderman")
    assert signature.office_display == "Alderman"


def test_confirming_moves_to_confirmed_mails_signer_and_staff(
    declaration, representative, django_capture_on_commit_callbacks
):
    signature = submit(representative, declaration)
    with django_capture_on_commit_callbacks(execute=True):
        assert signature_confirm(signature) is True
    run_queued_tasks()
    signature.refresh_from_db()
    assert signature.status == Status.CONFIRMED and signature.confirmed_at
    assert {tuple(m.to) for m in mail.outbox} == {(representative.email,), ("staff@smc-portal.localhost",)}


def test_confirming_twice_is_harmless(declaration, representative):
    signature = submit(representative, declaration)
    assert signature_confirm(signature) is True
    assert signature_confirm(signature) is False
    assert ActionLog.objects.about(signature).filter(data__to_state=Status.CONFIRMED).count() == 1


def test_a_withdrawn_signature_cannot_be_confirmed(declaration, representative):
    signature = submit(representative, declaration)
    signature_withdraw(signature, by=representative)
    with pytest.raises(ValidationError):
        signature_confirm(signature)


def test_staff_verify_a_confirmed_signature(
    declaration, representative, staff, django_capture_on_commit_callbacks
):
    signature = submit(representative, declaration)
    signature_confirm(signature)
    with django_capture_on_commit_callbacks(execute=True):
        signature_verify(signature, by=staff, note="Checked with the city hall")
    run_queued_tasks()
    signature.refresh_from_db()
    assert signature.status == Status.VERIFIED and signature.verified_at
    event = ActionLog.objects.about(signature).last()
    assert (event.actor, event.data["from_state"], event.data["to_state"], event.data["reason"]) == (
        staff,
        Status.CONFIRMED,
        Status.VERIFIED,
        "Checked with the city hall",
    )
    assert "verified" in mail.outbox[0].subject
    assert signature.certificate_code in mail.outbox[0].body


def test_an_unconfirmed_signature_cannot_be_verified(declaration, representative, staff):
    signature = submit(representative, declaration)
    with pytest.raises(ValidationError):
        signature_verify(signature, by=staff)
    signature.refresh_from_db()
    assert signature.status == Status.UNCONFIRMED


def test_nobody_but_staff_verifies_or_rejects(declaration, representative):
    signature = submit(representative, declaration)
    signature_confirm(signature)
    for user in (representative, OfficerFactory(), UserFactory()):
        with pytest.raises(Refused):
            signature_verify(signature, by=user)
        with pytest.raises(Refused):
            signature_reject(signature, by=user, note="no")
    signature.refresh_from_db()
    assert signature.status == Status.CONFIRMED


def test_rejecting_needs_a_reason_which_is_mailed(
    declaration, representative, staff, django_capture_on_commit_callbacks
):
    signature = submit(representative, declaration)
    signature_confirm(signature)
    with pytest.raises(ValidationError):
        signature_reject(signature, by=staff, note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        signature_reject(signature, by=staff, note="You are not in office any more.")
    run_queued_tasks()
    signature.refresh_from_db()
    assert signature.status == Status.REJECTED
    assert "You are not in office any more." in mail.outbox[-1].body


def test_a_rejected_signature_cannot_be_verified_or_rejected_again(declaration, representative, staff):
    signature = submit(representative, declaration)
    signature_reject(signature, by=staff, note="Spam")
    with pytest.raises(ValidationError):
        signature_verify(signature, by=staff)
    with pytest.raises(ValidationError):
        signature_reject(signature, by=staff, note="Again")


@pytest.mark.parametrize("status", [Status.UNCONFIRMED, Status.CONFIRMED, Status.VERIFIED])
def test_the_signer_withdraws_a_live_signature(status, representative, django_capture_on_commit_callbacks):
    signature = SignatureFactory(signer=representative, status=status)
    with django_capture_on_commit_callbacks(execute=True):
        signature_withdraw(signature, by=representative)
    run_queued_tasks()
    signature.refresh_from_db()
    assert signature.status == Status.WITHDRAWN and signature.ended_at
    assert ActionLog.objects.about(signature).last().actor == representative
    assert "withdrawn" in mail.outbox[0].subject


def test_nobody_else_withdraws_a_signature(representative, staff):
    signature = SignatureFactory(signer=representative)
    for user in (staff, RepresentativeFactory(), UserFactory()):
        with pytest.raises(Refused):
            signature_withdraw(signature, by=user)


def test_a_withdrawn_signature_cannot_be_withdrawn_again(representative):
    signature = SignatureFactory(signer=representative, status=Status.WITHDRAWN)
    with pytest.raises(ValidationError):
        signature_withdraw(signature, by=representative)


def test_after_withdrawing_the_representative_may_sign_again(declaration, representative):
    first = submit(representative, declaration)
    signature_withdraw(first, by=representative)
    second = submit(representative, declaration)
    assert second.pk != first.pk


def test_staff_record_a_paper_signature_verified_at_once(declaration, staff):
    import datetime

    city = CityFactory()
    signature = signature_record_paper(
        Signature(
            declaration=declaration,
            full_name="Eva Burgemeester",
            office="mayor",
            city=city,
            paper_signed_on=datetime.date(2024, 5, 1),
            paper_place="Brussels",
        ),
        by=staff,
    )
    signature.refresh_from_db()
    assert (signature.status, signature.source) == (Status.VERIFIED, Signature.Source.PAPER)
    assert signature.text_sha256 == declaration.text_sha256
    assert ActionLog.objects.about(signature).get().actor == staff


def test_only_staff_record_paper_signatures(declaration, representative):
    import datetime

    with pytest.raises(Refused):
        signature_record_paper(
            Signature(
                declaration=declaration,
                full_name="X",
                office="mayor",
                city=city_of(representative),
                paper_signed_on=datetime.date(2024, 5, 1),
            ),
            by=representative,
        )


def test_every_transition_is_recorded_in_order(declaration, representative, staff):
    signature = submit(representative, declaration)
    signature_confirm(signature, by=representative)
    signature_verify(signature, by=staff)
    signature_withdraw(signature, by=representative)
    assert [(e.data.get("from_state"), e.data["to_state"]) for e in ActionLog.objects.about(signature)] == [
        (None, Status.UNCONFIRMED),
        (Status.UNCONFIRMED, Status.CONFIRMED),
        (Status.CONFIRMED, Status.VERIFIED),
        (Status.VERIFIED, Status.WITHDRAWN),
    ]
