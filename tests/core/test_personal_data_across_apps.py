"""What each app adds to "download my data" and what "delete my account" does to its data."""

import pytest
from django.core import mail

from accounts.services import account_delete
from ambassadors.models import Signature
from core import extensions
from core.mail import send_templated_mail
from core.models import OutboxMail
from devdata.factories import (
    OfficerFactory,
    PendingAffiliationFactory,
    PostFactory,
    RepresentativeFactory,
    SignatureFactory,
    ThreadFactory,
    UserFactory,
)
from tests.worker import run_queued_tasks
from topics.models import Post, Subscription

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_persons_posts_subscriptions_and_signatures():
    officer = OfficerFactory()
    thread = ThreadFactory(author=officer, body="Our **bus lanes**")
    PostFactory(thread=thread, author=officer, body="And a reply")
    Subscription.objects.create(user=officer, topic=thread.topic)
    SignatureFactory(signer=officer, full_name="Olga Officer")
    data = extensions.personal_data.collect(officer)
    assert [post["body"] for post in data["posts"]] == ["Our **bus lanes**", "And a reply"]
    assert data["subscriptions"]["following"][0]["topic__slug"] == thread.topic.slug
    assert data["ambassador_signatures"][0]["full_name"] == "Olga Officer"


def test_deleting_an_account_withdraws_its_signatures_and_keeps_its_posts_as_a_former_members():
    representative = RepresentativeFactory()
    signature = SignatureFactory(signer=representative, status=Signature.Status.VERIFIED)
    officer = OfficerFactory()
    post = PostFactory(author=officer)
    account_delete(representative)
    account_delete(officer)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.WITHDRAWN
    assert not Signature.objects.on_wall().exists()
    post = Post.objects.get(pk=post.pk)
    assert post.author is None
    assert post.author_name == "Former member"



def test_the_download_holds_the_mails_sent_to_the_person_and_deletion_removes_them(django_capture_on_commit_callbacks):
    person, other = UserFactory(email="anna@example.org", language="nl"), UserFactory()
    context = {"affiliation": PendingAffiliationFactory()}
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail("accounts/emails/affiliation_verified", context, ["ANNA@example.org", other.email])
    run_queued_tasks()
    [row] = extensions.personal_data.collect(person)["mails"]
    assert row["to_email"] == "ANNA@example.org" and row["language"] == "nl" and row["state"] == "sent"
    assert row["subject"] == next(message.subject for message in mail.outbox if message.to == ["ANNA@example.org"])
    account_delete(person)
    assert list(OutboxMail.objects.values_list("to_email", flat=True)) == [other.email]
