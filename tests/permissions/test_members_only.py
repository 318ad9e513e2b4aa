"""Members-only content (a thread, its posts, a document, a meeting) across the seven roles: verified officers and
staff see it, with or without their second factor; nobody else finds it at its address or in any list."""

from dataclasses import dataclass
from functools import cached_property

import pytest
from django.urls import reverse

from accounts.models import Affiliation
from devdata.factories import MeetingFactory, OfficerFactory, PostFactory, ThreadFactory
from tests.accounts.roles import ROLES, make
from tests.permissions.outcomes import FORBIDDEN, LOGIN, NOT_FOUND, OK, Redirect, outcome_of
from tests.permissions.world import city_of, document
from topics.models import Post, Subscription

pytestmark = pytest.mark.django_db

SEES_MEMBERS_ONLY = {"officer", "staff_without_mfa", "staff_with_mfa"}

THREAD_TITLE = "Members-only parking numbers"
REPLY_TEXT = "Members-only answer about tariffs"
DOCUMENT_TITLE = "Members-only parking study"
MEETING_TITLE = "Members-only working meeting"


class MembersOnly:
    """A members-only thread with a reply, a members-only document and meeting, all in one topic."""

    @cached_property
    def thread(self):
        return ThreadFactory(title=THREAD_TITLE, members_only=True)

    @cached_property
    def reply(self):
        return PostFactory(thread=self.thread, body=REPLY_TEXT)

    @cached_property
    def document(self):
        return document(title=DOCUMENT_TITLE, members_only=True)

    @cached_property
    def meeting(self):
        return MeetingFactory(title=MEETING_TITLE, members_only=True)

    def build(self):
        return self.reply, self.document, self.meeting


@pytest.fixture
def content():
    return MembersOnly()


def _log_in(client, role):
    person = make(role)
    if person.is_authenticated:
        client.force_login(person)
    return person


# At its own address: the outcome per role, in the order of ROLES.
MEMBERS = [NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK]
SIGNED_IN_MEMBERS = [LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK]
ADDRESSES = {
    "topics:thread": (lambda c: [c.thread.topic.slug, c.thread.pk], MEMBERS),
    "topics:post": (
        lambda c: [c.reply.pk],
        [NOT_FOUND, NOT_FOUND, NOT_FOUND, Redirect("topics:thread"), NOT_FOUND] + [Redirect("topics:thread")] * 2,
    ),
    "topics:post-report": (lambda c: [c.reply.pk], SIGNED_IN_MEMBERS),
    # Someone else's post: members find it, but only its author edits it.
    "topics:post-edit": (lambda c: [c.reply.pk], [LOGIN, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND] + [FORBIDDEN] * 2),
    "topics:resource-download": (lambda c: [c.document.pk], MEMBERS),
    "topics:meeting-ics": (lambda c: [c.meeting.pk], MEMBERS),
}


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [
        pytest.param(name, role, expected, id=f"{name}-{role}")
        for name, (_, row) in ADDRESSES.items()
        for role, expected in zip(ROLES, row, strict=True)
    ],
)
def test_members_only_content_is_found_at_its_address_by_members_only(client, content, name, role, expected):
    _log_in(client, role)
    args, _ = ADDRESSES[name]
    response = client.get(reverse(name, args=args(content)))
    assert outcome_of(response) == expected
    if expected == NOT_FOUND:
        assert THREAD_TITLE.encode() not in response.content
        assert REPLY_TEXT.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_reply_in_a_members_only_thread_and_nobody_else_learns_it_exists(client, content, role):
    _log_in(client, role)
    thread = content.thread
    response = client.post(reverse("topics:reply", args=[thread.topic.slug, thread.pk]), {"body": "Me too."})
    expected = {"visitor": LOGIN, "officer": Redirect("topics:post")}.get(
        role, FORBIDDEN if role in SEES_MEMBERS_ONLY else NOT_FOUND
    )
    assert outcome_of(response) == expected
    assert Post.objects.filter(thread=thread, body="Me too.").exists() == (role == "officer")


@pytest.mark.parametrize("role", ROLES)
def test_only_members_follow_a_members_only_thread(client, content, role):
    person = _log_in(client, role)
    thread = content.thread
    response = client.post(reverse("topics:thread-follow", args=[thread.topic.slug, thread.pk]), {"follow": "1"})
    expected = {"visitor": LOGIN}.get(role, Redirect("topics:thread") if role in SEES_MEMBERS_ONLY else NOT_FOUND)
    assert outcome_of(response) == expected
    assert Subscription.objects.filter(user_id=person.pk, thread=thread).exists() == (role in SEES_MEMBERS_ONLY)


@dataclass(frozen=True)
class Listing:
    """A page that lists content: its address, and whether members find NEEDLES on it (never the others)."""

    args: object
    needles: tuple[str, ...]
    query: str = ""
    shown_to_members: bool = True


LISTINGS = {
    "topics:detail": Listing(lambda c: [c.thread.topic.slug], (THREAD_TITLE, DOCUMENT_TITLE, MEETING_TITLE)),
    "topics:resources": Listing(lambda c: [c.document.topic.slug], (DOCUMENT_TITLE,)),
    "topics:calendar": Listing(lambda c: [c.meeting.topic.slug], (MEETING_TITLE,)),
    "topics:list": Listing(lambda c: [], ("1 thread",)),  # the other topics have none
    # Results are highlighted: the words after the searched ones stand as they are.
    "portal:search": Listing(
        lambda c: [], ("parking numbers", "about tariffs", "parking study"), query="?q=Members-only"
    ),
    # Feeds are public by nature; the city profile shows its officers' public posts only.
    "topics:feed": Listing(lambda c: [c.thread.topic.slug], (THREAD_TITLE,), shown_to_members=False),
    "topics:feed-all": Listing(lambda c: [], (THREAD_TITLE,), shown_to_members=False),
    "cities:profile": Listing(
        lambda c: [city_of(c.reply.author).slug], (THREAD_TITLE, REPLY_TEXT), shown_to_members=False
    ),
    "home": Listing(lambda c: [], (THREAD_TITLE,), shown_to_members=False),
}


def _listing(client, name: str, content: MembersOnly):
    listing = LISTINGS[name]
    content.build()
    response = client.get(reverse(name, args=listing.args(content)) + listing.query)
    assert response.status_code == OK
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "role"), [pytest.param(name, role, id=f"{name}-{role}") for name in LISTINGS for role in ROLES]
)
def test_members_only_content_is_listed_to_members_only(client, content, name, role):
    _log_in(client, role)
    page = _listing(client, name, content)
    listed = LISTINGS[name].shown_to_members and role in SEES_MEMBERS_ONLY
    for needle in LISTINGS[name].needles:
        assert (needle in page) == listed, needle


@pytest.mark.parametrize("name", LISTINGS)
def test_a_cached_page_never_shows_members_only_content_to_the_next_person(client, content, name, page_cache_on):
    """Members first, so that a page cached for them is there to be served, wrongly, to the others."""
    listing = LISTINGS[name]
    for role in sorted(ROLES, key=lambda role: role not in SEES_MEMBERS_ONLY):
        client.logout()
        _log_in(client, role)
        page = _listing(client, name, content)
        listed = listing.shown_to_members and role in SEES_MEMBERS_ONLY
        assert all((needle in page) == listed for needle in listing.needles), role


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_thread_is_seen_by_staff_only(client, role):
    thread = ThreadFactory(title="A hidden quarrel", is_hidden=True)
    _log_in(client, role)
    response = client.get(thread.get_absolute_url())
    seen = role.startswith("staff")
    assert response.status_code == (OK if seen else NOT_FOUND)
    assert ("A hidden quarrel" in response.content.decode()) == seen


def test_a_follower_who_may_no_longer_read_a_members_only_thread_does_not_find_it_among_what_they_follow(
    client, content
):
    follower = OfficerFactory()
    Subscription.objects.create(user=follower, thread=content.thread)
    follower.affiliations.update(status=Affiliation.Status.REVOKED)
    client.force_login(follower)
    response = client.get(reverse("topics:subscriptions"))
    assert response.status_code == OK
    assert THREAD_TITLE not in response.content.decode()
