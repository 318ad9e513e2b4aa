"""What each kind of change evicts (each app's evictions.py), tested as a visitor sees it: after the change every
page that shows it shows it at once, and every other page is still served from the cache."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.services import affiliation_verify
from ambassadors.services import signature_record_left_office, signature_verify
from core.cache import evictions
from core.models import SiteContact
from devdata.factories import (
    CityFactory,
    DeclarationFactory,
    OfficerFactory,
    PendingAffiliationFactory,
    PostFactory,
    SignatureFactory,
    StaffFactory,
    ThreadFactory,
    UserFactory,
    topic,
)
from topics import moderation, services
from topics.models import MailPreference, Report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def world(db):
    emmen, bologna = CityFactory(name="Emmen"), CityFactory(name="Bologna", country="IT")
    officer = OfficerFactory(affiliation__city=emmen)
    thread = ThreadFactory(topic=topic(), author=officer, author_city=emmen, title="Bus lanes")
    PostFactory(thread=thread, author=officer, author_city=emmen)
    other_thread = ThreadFactory(topic=topic("projects"), title="Project ideas")
    declaration = DeclarationFactory()
    signature = SignatureFactory(declaration=declaration, city=bologna, status="confirmed")
    ambassador = SignatureFactory(declaration=declaration, city=emmen)
    SiteContact.objects.create(name="Coordinator", email="smc@example.org")
    pages = {
        "home": "/",
        "directory": "/cities/",
        "map": "/cities/map/",
        "export": "/cities/export.csv",
        "profile of Emmen": emmen.get_absolute_url(),
        "profile of Bologna": bologna.get_absolute_url(),
        "topic list": "/topics/",
        "topic of the thread": topic().get_absolute_url(),
        "another topic": topic("projects").get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "another thread": other_thread.get_absolute_url(),
        "feed": "/topics/feed/",
        "feed of another topic": f"{topic('projects').get_absolute_url()}feed/",
        "wall": "/ambassadors/",
        "declaration": "/ambassadors/declaration/",
        "search": "/search/?q=bus",
    }
    return {"emmen": emmen, "bologna": bologna, "officer": officer, "thread": thread, "signature": signature,
            "ambassador": ambassador, "pages": pages}


def _served_from_cache(client, path) -> bool:
    """A page from the cache reads nothing but the cache (the database cache's table, in tests)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code in (200, 404)  # a hidden thread is not found: not from the cache
    return all("portal_cache" in query["sql"] for query in queries)


def _reply(world):
    services.post_reply(world["thread"], author=world["officer"], body="A reply")


def _follow(world):
    services.subscribe(world["officer"], topic=topic())


def _report(world):
    Report.objects.create(post=world["thread"].posts.first(), reporter=UserFactory(), reason="Spam")


def _login(world):
    user_logged_in.send(sender=type(world["officer"]), request=None, user=world["officer"])
    world["officer"].save(update_fields=["last_login"])


def _mail_preference(world):
    MailPreference.objects.create(user=world["officer"], delivery="daily")


def _email_verified(world):
    person = UserFactory(verified=False)
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)


def _rename_bologna(world):
    world["bologna"].name = "Bologna (BO)"
    world["bologna"].save()


def _verify_officer_of_bologna(world):
    affiliation_verify(PendingAffiliationFactory(city=world["bologna"], listed_publicly=True), by=StaffFactory())


def _verify_signature(world):
    signature_verify(world["signature"], by=StaffFactory())


def _ambassador_leaves_office(world):
    signature_record_left_office(world["ambassador"], by=StaffFactory(), note="Elections",
                                 left_office_on=world["ambassador"].signed_on)


def _hide_thread(world):
    moderation.thread_hide(world["thread"], by=StaffFactory(), note="Spam")


def _edit_contact(world):
    contact = SiteContact.objects.get()
    contact.name = "New coordinator"
    contact.save()


EVERYTHING_ABOUT_DIRECTORY = {"home", "directory", "map", "export", "topic of the thread", "another topic", "wall",
                              "search"}
CHANGES = {
    "a reply": (_reply, {"thread", "topic of the thread", "topic list", "feed", "search", "profile of Emmen"}),
    "a follow": (_follow, set()),
    "a report": (_report, set()),
    "a login": (_login, set()),
    "a mail preference": (_mail_preference, set()),
    "an email address confirmed": (_email_verified, set()),
    # Every profile lists the cities most like it: a city's change shows there too.
    "a city renamed": (_rename_bologna, EVERYTHING_ABOUT_DIRECTORY | {"profile of Bologna", "profile of Emmen"}),
    "an officer verified": (_verify_officer_of_bologna, {"profile of Bologna"}),
    "a signature verified": (_verify_signature, EVERYTHING_ABOUT_DIRECTORY | {"profile of Bologna", "declaration"}),
    "an ambassador left office": (
        _ambassador_leaves_office, EVERYTHING_ABOUT_DIRECTORY | {"profile of Emmen", "declaration"}
    ),
    "a thread hidden": (
        _hide_thread,
        {"thread", "topic of the thread", "topic list", "feed", "search", "profile of Emmen"},
    ),
    "the contact block edited": (_edit_contact, {"home"}),
}


@pytest.mark.parametrize(("change", "evicted"), CHANGES.values(), ids=CHANGES.keys())
def test_a_change_evicts_the_pages_that_show_it_and_nothing_else(world, change, evicted,
                                                                 django_capture_on_commit_callbacks):
    visitor = Client()
    for path in world["pages"].values():
        visitor.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        change(world)
    from_cache = {name for name, path in world["pages"].items() if _served_from_cache(visitor, path)}
    assert set(world["pages"]) - from_cache == evicted


def test_every_model_of_the_portal_declares_what_its_changes_evict():
    undeclared = [model._meta.label for model in evictions.portal_models() if model not in evictions.REGISTRY]
    assert undeclared == []



def test_what_is_remembered_about_a_citys_people_moves_on_with_its_name_or_membership_only():
    officer = OfficerFactory()
    city, remembered = officer.affiliations.first().city, f"user:{officer.pk}"
    assert remembered not in evictions.versions_of(city, ["sump_status", "sump_revision_due"])
    assert remembered in evictions.versions_of(city, ["membership_status"])
    assert remembered in evictions.versions_of(city, ["name"])
    assert remembered in evictions.versions_of(city)
