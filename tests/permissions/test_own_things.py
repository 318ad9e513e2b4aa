"""What belongs to someone (a post, an affiliation, a signature, a followed thread, their data) is theirs alone:
another member of the same role and a stranger get a 404 or a 403, never the thing, and change nothing."""

import pytest
from django.urls import reverse

from accounts.models import Affiliation
from ambassadors.models import Signature
from devdata.factories import (
    OfficerFactory,
    PostFactory,
    RepresentativeFactory,
    SignatureFactory,
    ThreadFactory,
    UserFactory,
)
from tests.ambassadors.helpers import log_in_recently
from tests.permissions.outcomes import FORBIDDEN, NOT_FOUND, OK, Redirect, outcome_of
from tests.permissions.world import unconfirmed_signature
from tests.worker import run_queued_tasks
from topics.models import Post, Subscription
from topics.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db

WHO = ["owner", "another member", "stranger"]


def _person(who: str, owner, same_role, stranger=UserFactory):
    """The owner, another person of the owner's role, or a stranger (by default a member with a confirmed email
    and no city)."""
    return {"owner": lambda: owner, "another member": same_role, "stranger": stranger}[who]()


def _refused(response, secret: str, refusal=NOT_FOUND) -> None:
    assert outcome_of(response) == refusal
    assert secret not in response.content.decode()


def _shown_to_owner_only(response, who: str, secret: str, refusal=NOT_FOUND) -> None:
    """The owner gets the page, with SECRET on it; anyone else gets REFUSAL, without it."""
    if who != "owner":
        _refused(response, secret, refusal)
        return
    assert response.status_code == OK
    assert secret in response.content.decode()


# A post: only its author edits it.

POST_BODY = "Our own parking numbers, first draft."


@pytest.fixture
def post():
    return PostFactory(thread=ThreadFactory(), body=POST_BODY)


@pytest.mark.parametrize("who", WHO)
def test_a_post_opens_for_editing_for_its_author_only(client, post, who):
    client.force_login(_person(who, post.author, OfficerFactory))
    response = client.get(reverse("topics:post-edit", args=[post.pk]))
    _shown_to_owner_only(response, who, POST_BODY, FORBIDDEN)


@pytest.mark.parametrize("who", WHO)
def test_a_post_is_changed_by_its_author_only(client, post, who):
    client.force_login(_person(who, post.author, OfficerFactory))
    response = client.post(reverse("topics:post-edit", args=[post.pk]), {"body": "Rewritten."})
    assert outcome_of(response) == (Redirect("topics:post") if who == "owner" else FORBIDDEN)
    assert Post.objects.get(pk=post.pk).body == ("Rewritten." if who == "owner" else POST_BODY)


# An affiliation: only the person it names sees or ends it.

JOB_TITLE = "Head of cycling for the owner"


@pytest.fixture
def affiliation():
    owner = OfficerFactory(affiliation__job_title=JOB_TITLE)
    return owner.affiliations.get()


@pytest.mark.parametrize("who", WHO)
def test_an_affiliation_is_withdrawn_by_the_person_it_names_only(client, affiliation, who):
    client.force_login(_person(who, affiliation.user, OfficerFactory))
    response = client.post(reverse("accounts:affiliation-withdraw", args=[affiliation.pk]))
    assert outcome_of(response) == (Redirect("accounts:profile") if who == "owner" else NOT_FOUND)
    affiliation.refresh_from_db()
    expected = Affiliation.Status.WITHDRAWN if who == "owner" else Affiliation.Status.VERIFIED
    assert affiliation.status == expected


@pytest.mark.parametrize("url_name", ["accounts:profile", "accounts:data-export"])
@pytest.mark.parametrize("who", WHO)
def test_an_affiliation_shows_on_its_own_persons_profile_and_data_only(client, affiliation, url_name, who):
    client.force_login(_person(who, affiliation.user, OfficerFactory))
    response = client.get(reverse(url_name))
    assert response.status_code == OK
    assert (JOB_TITLE in response.content.decode()) == (who == "owner")


# A signature: only its signer sees its certificate, withdraws it or asks for its email again.

SIGNER_NAME = "Ann Owner-Mayor"


@pytest.fixture
def signature():
    return SignatureFactory(signer=RepresentativeFactory(), full_name=SIGNER_NAME, listed_publicly=False)


@pytest.mark.parametrize("who", WHO)
def test_a_certificate_is_shown_to_its_signer_only(client, signature, who):
    client.force_login(_person(who, signature.signer, RepresentativeFactory))
    response = client.get(reverse("ambassadors:certificate", args=[signature.pk]))
    _shown_to_owner_only(response, who, SIGNER_NAME)


@pytest.mark.parametrize("who", WHO)
def test_a_signature_is_listed_among_its_signers_signatures_only(client, signature, who):
    client.force_login(_person(who, signature.signer, RepresentativeFactory))
    response = client.get(reverse("ambassadors:my-signatures"))
    assert (signature.get_certificate_url() in response.content.decode()) == (who == "owner")


@pytest.mark.parametrize("who", WHO)
def test_a_signature_is_withdrawn_by_its_signer_only(client, signature, who):
    log_in_recently(client, _person(who, signature.signer, RepresentativeFactory))
    url = reverse("ambassadors:withdraw", args=[signature.pk])
    page = client.get(url)
    response = client.post(url)
    signature.refresh_from_db()
    if who == "owner":
        assert page.status_code == OK
        assert outcome_of(response) == Redirect("ambassadors:my-signatures")
        assert signature.status == Signature.Status.WITHDRAWN
    else:
        _refused(page, SIGNER_NAME)
        _refused(response, SIGNER_NAME)
        assert signature.status == Signature.Status.VERIFIED


@pytest.mark.parametrize("who", WHO)
def test_a_confirmation_email_is_sent_again_for_its_signer_only(
    client, mailoutbox, django_capture_on_commit_callbacks, who
):
    signature = unconfirmed_signature(signer=RepresentativeFactory(), full_name=SIGNER_NAME)
    client.force_login(_person(who, signature.signer, RepresentativeFactory))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ambassadors:resend-confirmation", args=[signature.pk]))
    run_queued_tasks()
    if who == "owner":
        assert outcome_of(response) == Redirect("ambassadors:my-signatures")
        assert [message.to for message in mailoutbox] == [[signature.email]]
    else:
        _refused(response, SIGNER_NAME)
        assert mailoutbox == []


# A followed thread: only its follower sees it among what they follow, or stops following it.

THREAD_TITLE = "The thread the owner follows"


@pytest.fixture
def subscription():
    return Subscription.objects.create(user=UserFactory(), thread=ThreadFactory(title=THREAD_TITLE))


@pytest.mark.parametrize("who", WHO)
def test_a_followed_thread_is_listed_to_its_follower_only(client, subscription, who):
    client.force_login(_person(who, subscription.user, UserFactory, OfficerFactory))
    response = client.get(reverse("topics:subscriptions"))
    assert response.status_code == OK
    assert (THREAD_TITLE in response.content.decode()) == (who == "owner")


@pytest.mark.parametrize("who", WHO)
def test_unfollowing_a_thread_ends_ones_own_subscription_only(client, subscription, who):
    client.force_login(_person(who, subscription.user, UserFactory, OfficerFactory))
    thread = subscription.thread
    client.post(reverse("topics:thread-follow", args=[thread.topic.slug, thread.pk]), {"follow": "0"})
    assert Subscription.objects.filter(pk=subscription.pk).exists() == (who != "owner")


def test_an_altered_unsubscribe_link_ends_nothing(client, subscription):
    token = unsubscribe_token(subscription.user, subscription)
    response = client.post(reverse("topics:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert Subscription.objects.filter(pk=subscription.pk).exists()
