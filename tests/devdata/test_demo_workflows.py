"""The demo's rows are the ones real use writes: it goes through the workflows, audit entries included."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command

from accounts.models import Affiliation
from ambassadors.models import Declaration, Signature, normalise_email
from cities.models import City, MembershipApplication
from core.models import ActionLog
from core.text import fold
from devdata.demo.people import STAFF_EMAIL
from topics.models import Post, Resource, Subscription, Thread


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def _actions(obj) -> list[str]:
    """The audit trail of one row, oldest first."""
    entries = ActionLog.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    return list(entries.order_by("pk").values_list("action", flat=True))


def test_every_demo_city_joined_through_an_application_staff_checked_and_approved(demo):
    for city in City.objects.exclude(membership_status=City.Membership.APPLICANT):
        application = city.applications.get()
        assert application.status == MembershipApplication.Status.APPROVED
        assert application.decided_by.email == STAFF_EMAIL
        assert not application.missing_checks
        checked = ["cities.application.checked"] * 4
        assert _actions(application) == ["cities.application.submitted", *checked, "cities.application.approved"]
        assert _actions(city)[:2] == ["cities.city.registered", "cities.city.admitted"]
        assert set(_actions(city)[2:]) <= {
            "cities.plan.updated", "cities.city.suspended", "cities.city.membership_ended"
        }
        assert city.search_name == fold(city.name) and city.slug


def test_demo_affiliations_were_asked_for_by_the_person_and_verified_by_staff(demo):
    verified = Affiliation.objects.verified()
    assert verified.count() == 3  # the officer, the mayor and Bologna's officer
    for affiliation in verified:
        assert affiliation.decided_by.email == STAFF_EMAIL and affiliation.decided_at
        assert _actions(affiliation) == ["accounts.affiliation.requested", "accounts.affiliation.verified"]
    pending = Affiliation.objects.pending().get()
    assert _actions(pending) == ["accounts.affiliation.requested"]


def test_demo_threads_count_their_replies_and_their_authors_follow_them(demo):
    for thread in Thread.objects.all():
        posts = thread.posts.order_by("pk")
        assert thread.reply_count == posts.filter(is_first=False).count()
        assert thread.last_activity_at == posts.last().created_at
        assert posts.first().is_first
        for author_id in set(posts.values_list("author_id", flat=True)):
            assert Subscription.objects.filter(user_id=author_id, thread=thread).exists()
    before = list(Thread.objects.order_by("pk").values("reply_count", "last_activity_at"))
    Thread.objects.recount()
    assert list(Thread.objects.order_by("pk").values("reply_count", "last_activity_at")) == before


def test_demo_posts_are_stored_as_rendered_by_the_model(demo):
    for post in Post.objects.all():
        stored = post.body_html
        post.derive_fields()
        assert post.body_html == stored and stored.startswith("<p>")


def test_demo_resources_were_shared_by_officers_with_an_audit_entry(demo):
    for resource in Resource.objects.all():
        assert resource.shared_by_city is not None
        assert _actions(resource) == ["topics.resource.shared"]


def test_the_demo_declaration_was_published_by_staff(demo):
    declaration = Declaration.objects.get()
    entry = ActionLog.objects.get(action="ambassadors.declaration.published")
    assert entry.object_id == declaration.pk and entry.actor.email == STAFF_EMAIL


def test_demo_signatures_have_their_history_and_normalised_emails(demo):
    online = Signature.objects.get(source=Signature.Source.ONLINE)
    assert [(e.data.get("from_state"), e.data["to_state"]) for e in ActionLog.objects.about(online)] == [
        (None, "unconfirmed"),
        ("unconfirmed", "confirmed"),
        ("confirmed", "verified"),
    ]
    assert online.email_normalised == normalise_email(online.email) == "mayor@demo.example.org"
    assert online.text_sha256 == online.declaration.text_sha256
    paper = Signature.objects.get(source=Signature.Source.PAPER, full_name="Eva Burgemeester")
    assert [(e.data.get("from_state"), e.data["to_state"]) for e in ActionLog.objects.about(paper)] == [
        (None, "verified")
    ]
    assert paper.name_folded == "eva burgemeester"
    former = Signature.objects.get(term_status=Signature.Term.LEFT)
    assert [(e.action, e.data["to_state"], e.actor.email) for e in ActionLog.objects.about(former)] == [
        ("ambassadors.signature.verified", "verified", STAFF_EMAIL),
        ("ambassadors.signature.left_office", "left", STAFF_EMAIL),
    ]
    assert ActionLog.objects.filter(action__startswith="ambassadors.signature.").count() == 6


def test_loading_the_demo_sends_no_mail(seeded):
    """Each step commits, as in `make run`, so the workflows' mails would go out if they were not held back."""
    call_command("load_demo", stdout=io.StringIO())
    assert Signature.objects.verified().count() == 3  # the workflows that mail ran
    assert mail.outbox == []
