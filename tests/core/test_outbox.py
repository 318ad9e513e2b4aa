"""Every mail is a row of the outbox, written with the change it tells of and handed to a worker on commit,
in its reader's language."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from accounts.services import affiliation_verify
from core.delivery import deliver_mails
from core.mail import mail_muted, send_templated_mail
from core.models import OutboxMail
from devdata.factories import PendingAffiliationFactory, StaffFactory, UserFactory
from tests.worker import queued_tasks, run_queued_tasks

pytestmark = pytest.mark.django_db

VERIFIED = "accounts/emails/affiliation_verified"


def _verify(affiliation, capture):
    with capture(execute=True):
        affiliation_verify(affiliation, by=StaffFactory())


def test_a_workflow_writes_the_mail_to_the_outbox_and_queues_its_delivery_on_commit(
    django_capture_on_commit_callbacks,
):
    affiliation = PendingAffiliationFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        affiliation_verify(affiliation, by=StaffFactory())
    [row] = OutboxMail.objects.all()
    assert row.to_email == affiliation.user.email and row.user == affiliation.user
    assert row.state == OutboxMail.State.QUEUED and row.attempts == 0
    assert queued_tasks() == []  # nothing for a worker before the commit
    for callback in callbacks:
        callback()
    assert [task.task_path for task in queued_tasks()] == [deliver_mails.module_path]
    assert mail.outbox == []  # the request sends nothing itself
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [[affiliation.user.email]]


def test_nothing_is_queued_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    affiliation = PendingAffiliationFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        affiliation_verify(affiliation, by=StaffFactory())
        raise RuntimeError("the change fails after the mail was written")
    assert not OutboxMail.objects.exists()
    assert queued_tasks() == []
    assert run_queued_tasks() == 0 and mail.outbox == []


def test_a_mail_to_a_known_user_is_in_the_language_they_chose(django_capture_on_commit_callbacks):
    affiliation = PendingAffiliationFactory(user=UserFactory(language="de", signup_language="fr"))
    with translation.override("nl"):  # the staff member deciding reads the admin in Dutch
        _verify(affiliation, django_capture_on_commit_callbacks)
    run_queued_tasks()
    [message] = mail.outbox
    assert f"Sie sind für {affiliation.city.name} verifiziert" in message.subject
    assert OutboxMail.objects.get().language == "de"


def test_without_a_choice_a_user_reads_mail_in_the_language_they_signed_up_in(django_capture_on_commit_callbacks):
    affiliation = PendingAffiliationFactory(user=UserFactory(signup_language="fr"))
    with translation.override("nl"):
        _verify(affiliation, django_capture_on_commit_callbacks)
    run_queued_tasks()
    assert f"Votre rattachement à {affiliation.city.name} est vérifié" in mail.outbox[0].subject


def test_the_person_s_choice_wins_over_the_language_the_caller_suggests(django_capture_on_commit_callbacks):
    reader = UserFactory(language="nl", signup_language="fr")
    affiliation = PendingAffiliationFactory(user=reader)
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(VERIFIED, {"affiliation": affiliation}, [reader.email], language="de")
        send_templated_mail(VERIFIED, {"affiliation": affiliation}, ["stranger@example.org"], language="de")
    assert dict(OutboxMail.objects.values_list("to_email", "language")) == {
        reader.email: "nl",
        "stranger@example.org": "de",
    }


def test_an_unknown_address_gets_the_language_of_the_request(django_capture_on_commit_callbacks):
    affiliation = PendingAffiliationFactory()
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(VERIFIED, {"affiliation": affiliation}, ["Someone@Example.org"])
    assert OutboxMail.objects.get().language == "fr"


def test_each_recipient_gets_a_row_of_their_own_in_their_own_language(django_capture_on_commit_callbacks):
    german, polish = UserFactory(language="de"), UserFactory(language="pl")
    affiliation = PendingAffiliationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(VERIFIED, {"affiliation": affiliation}, [german.email, polish.email, german.email])
    run_queued_tasks()
    assert sorted((m.to[0], m.subject.startswith("[SMC Portal] Sie")) for m in mail.outbox) == sorted(
        [(german.email, True), (polish.email, False)]
    )
    assert dict(OutboxMail.objects.values_list("to_email", "language")) == {german.email: "de", polish.email: "pl"}


def test_an_event_with_a_key_never_mails_the_same_address_twice(django_capture_on_commit_callbacks):
    affiliation = PendingAffiliationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            send_templated_mail(VERIFIED, {"affiliation": affiliation}, ["a@example.org"], key="test.event.1")
        send_templated_mail(VERIFIED, {"affiliation": affiliation}, ["a@example.org"], key="test.event.2")
    run_queued_tasks()
    assert OutboxMail.objects.count() == 2 and len(mail.outbox) == 2


def test_muted_mail_is_not_even_queued(django_capture_on_commit_callbacks):
    affiliation = PendingAffiliationFactory()
    with mail_muted(), django_capture_on_commit_callbacks(execute=True):
        affiliation_verify(affiliation, by=StaffFactory())
    assert not OutboxMail.objects.exists() and queued_tasks() == []
