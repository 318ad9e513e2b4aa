"""Every address of the portal, and what each of the seven roles gets from it: the permission matrix.

One row per URL pattern, named as in `reverse()` (unnamed patterns by their path). Columns follow
tests.accounts.roles.ROLES:

    visitor, unverified, verified, officer, representative, staff without MFA, staff with MFA

A row's `get` is what each role gets for a GET; its `post`, where the address takes a POST that changes data,
says what each role gets, what the POST sends, and how to tell that it was stored. An address without a `post`
must answer a POST as it answers a GET (or with 405) and store nothing. The person's "own" things (an
affiliation, a signature, a post) are theirs; the visitor's are someone else's (see world.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core import mail

from accounts.models import Affiliation, User
from ambassadors.models import Signature
from ambassadors.services import confirmation_token
from cities.models import MembershipApplication
from tests.accounts.roles import ROLES
from tests.permissions.outcomes import (
    ADMIN_LOGIN,
    FORBIDDEN,
    LOGIN,
    MFA_SETUP,
    NOT_ALLOWED,
    OK,
    REAUTHENTICATE,
    Redirect,
)
from tests.permissions.world import World
from topics.models import MailPreference, Post, Report, Resource, Subscription, Thread
from topics.tokens import unsubscribe_token


def every(outcome) -> list:
    return [outcome] * len(ROLES)


def signed_in(outcome) -> list:
    """The visitor is asked to log in; everyone else gets OUTCOME."""
    return [LOGIN, *[outcome] * (len(ROLES) - 1)]


def officers(allowed, refused=FORBIDDEN) -> list:
    """Only the verified officer gets ALLOWED."""
    return [LOGIN, refused, refused, allowed, refused, refused, refused]


def verified_email(allowed) -> list:
    """Everyone with a confirmed email address gets ALLOWED; the unverified user a refusal."""
    return [LOGIN, FORBIDDEN, *[allowed] * (len(ROLES) - 2)]


def no_args(world: World) -> list:
    return []


@dataclass(frozen=True)
class Change:
    """A POST that changes data: OUTCOMES per role, the DATA it sends, whether it was STORED, and the outcome
    that means it was done (every other outcome must leave nothing stored)."""

    outcomes: list
    data: Callable[[World], dict]
    stored: Callable[[World], bool]
    done: object

    def __post_init__(self):
        assert len(self.outcomes) == len(ROLES)


@dataclass(frozen=True)
class Row:
    get: list
    args: Callable[[World], list] = no_args
    given: Callable[[World], object] = no_args  # what must exist for the page to mean something
    post: Change | None = None

    def __post_init__(self):
        assert len(self.get) == len(ROLES)


def _thread(world):
    return [world.topic.slug, world.thread.pk]


def _topic(world):
    return [world.topic.slug]


def _follows(world, **target) -> bool:
    return Subscription.objects.filter(user_id=world.person.pk, **target).exists()


SIGN_PAGE = Redirect("ambassadors:declaration")
MY_SIGNATURES = Redirect("ambassadors:my-signatures")

ROOT = {
    "home": Row(every(OK)),
    "healthz": Row(every(OK)),
    "/favicon.ico": Row(every(Redirect("/static/img/favicon.svg", 301))),
    "/robots.txt": Row(every(OK)),
}

CITIES = {
    "cities:directory": Row(every(OK)),
    "cities:map": Row(every(OK)),
    "cities:export-csv": Row(every(OK)),
    "cities:export-geojson": Row(every(OK)),
    "cities:profile": Row(every(OK), args=lambda w: [w.city.slug]),
    # Anyone may ask for their city to join, visitors first of all.
    "cities:join": Row(
        every(OK),
        post=Change(
            every(Redirect("cities:join-thanks")),
            data=lambda w: {
                "city_name": "Matrixburg",
                "country": "NL",
                "population": "40000",
                "contact_name": "Anna de Vries",
                "contact_role": "Mobility officer",
                "email": "anna@matrixburg.example.org",
                "motivation": "We want to learn.",
                "consent_to_contact": "on",
            },
            stored=lambda w: MembershipApplication.objects.filter(city_name="Matrixburg").exists(),
            done=Redirect("cities:join-thanks"),
        ),
    ),
    "cities:join-thanks": Row(every(OK)),
}

TOPICS = {
    "topics:list": Row(every(OK)),
    "topics:feed-all": Row(every(OK)),
    "topics:subscriptions": Row(
        signed_in(OK),
        post=Change(
            signed_in(Redirect("topics:subscriptions")),
            data=lambda w: {"delivery": MailPreference.Delivery.DAILY},
            stored=lambda w: MailPreference.objects.filter(user_id=w.person.pk, delivery="daily").exists(),
            done=Redirect("topics:subscriptions"),
        ),
    ),
    # The signed link in a mail is the authority, whoever follows it (mail clients post without a session).
    "topics:unsubscribe": Row(
        every(OK),
        args=lambda w: [unsubscribe_token(w.someone, w.subscription)],
        post=Change(
            every(OK),
            data=lambda w: {},
            stored=lambda w: not Subscription.objects.filter(pk=w.subscription.pk).exists(),
            done=OK,
        ),
    ),
    "topics:post": Row(every(Redirect("topics:thread")), args=lambda w: [w.reply.pk]),
    # Their own post: only a verified officer edits, and staff do it in the admin.
    "topics:post-edit": Row(
        officers(OK),
        args=lambda w: [w.own_reply.pk],
        post=Change(
            officers(Redirect("topics:post")),
            data=lambda w: {"body": "Edited in the matrix."},
            stored=lambda w: Post.objects.filter(pk=w.own_reply.pk, body="Edited in the matrix.").exists(),
            done=Redirect("topics:post"),
        ),
    ),
    "topics:post-report": Row(
        verified_email(OK),
        args=lambda w: [w.reply.pk],
        post=Change(
            verified_email(Redirect("topics:post")),
            data=lambda w: {"reason": "Advertising."},
            stored=lambda w: Report.objects.filter(post=w.reply).exists(),
            done=Redirect("topics:post"),
        ),
    ),
    "topics:resource-download": Row(every(OK), args=lambda w: [w.document.pk]),
    "topics:meeting-ics": Row(every(OK), args=lambda w: [w.meeting.pk]),
    "topics:detail": Row(every(OK), args=_topic),
    "topics:feed": Row(every(OK), args=_topic),
    "topics:calendar": Row(every(OK), args=_topic, given=lambda w: w.meeting),
    "topics:topic-follow": Row(
        signed_in(NOT_ALLOWED),
        args=_topic,
        post=Change(
            verified_email(Redirect("topics:detail")),
            data=lambda w: {"follow": "1"},
            stored=lambda w: _follows(w, topic=w.topic),
            done=Redirect("topics:detail"),
        ),
    ),
    "topics:thread-create": Row(
        officers(OK),
        args=_topic,
        post=Change(
            officers(Redirect("topics:thread")),
            data=lambda w: {"title": "Car-free Sundays", "body": "Who does it?"},
            stored=lambda w: Thread.objects.filter(title="Car-free Sundays").exists(),
            done=Redirect("topics:thread"),
        ),
    ),
    "topics:resources": Row(every(OK), args=_topic, given=lambda w: w.document),
    "topics:resource-create": Row(
        officers(OK),
        args=_topic,
        post=Change(
            officers(Redirect("topics:detail")),
            data=lambda w: {"kind": "link", "title": "Parking guide", "url": "https://example.org/parking"},
            stored=lambda w: Resource.objects.filter(title="Parking guide").exists(),
            done=Redirect("topics:detail"),
        ),
    ),
    "topics:thread": Row(every(OK), args=_thread, given=lambda w: w.reply),
    "topics:reply": Row(
        signed_in(NOT_ALLOWED),
        args=_thread,
        post=Change(
            officers(Redirect("topics:post")),
            data=lambda w: {"body": "Me too."},
            stored=lambda w: Post.objects.filter(thread=w.thread, body="Me too.").exists(),
            done=Redirect("topics:post"),
        ),
    ),
    "topics:thread-follow": Row(
        signed_in(NOT_ALLOWED),
        args=_thread,
        post=Change(
            verified_email(Redirect("topics:thread")),
            data=lambda w: {"follow": "1"},
            stored=lambda w: _follows(w, thread=w.thread),
            done=Redirect("topics:thread"),
        ),
    ),
}

PROFILE = Redirect("accounts:profile")

ACCOUNTS = {
    "accounts:profile": Row(signed_in(OK)),
    "accounts:affiliation-request": Row(
        verified_email(OK),
        post=Change(
            verified_email(PROFILE),
            data=lambda w: {"full_name": "A Person", "city": w.city.pk, "role": "officer", "job_title": "Officer"},
            stored=lambda w: Affiliation.objects.filter(city=w.city).exists(),
            done=PROFILE,
        ),
    ),
    # Their own request, waiting for staff.
    "accounts:affiliation-withdraw": Row(
        signed_in(NOT_ALLOWED),
        args=lambda w: [w.own_affiliation.pk],
        post=Change(
            signed_in(PROFILE),
            data=lambda w: {},
            stored=lambda w: Affiliation.objects.get(pk=w.own_affiliation.pk).status == "withdrawn",
            done=PROFILE,
        ),
    ),
    "accounts:data-export": Row(signed_in(OK)),
    # Deleting asks for the password again first; staff accounts are closed in the admin instead.
    "accounts:delete": Row(
        [LOGIN, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, FORBIDDEN, FORBIDDEN],
        post=Change(
            [LOGIN, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, FORBIDDEN, FORBIDDEN],
            data=lambda w: {"confirm": "on"},
            stored=lambda w: w.signed_in and not User.objects.filter(pk=w.person.pk).exists(),
            done=Redirect("home"),
        ),
    ),
}

AMBASSADORS = {
    "ambassadors:wall": Row(every(OK), given=lambda w: w.signature),
    "ambassadors:declaration": Row(every(OK), given=lambda w: w.declaration),
    # Only a political representative signs; the others are shown what is missing.
    "ambassadors:sign": Row(
        [LOGIN, SIGN_PAGE, SIGN_PAGE, SIGN_PAGE, OK, SIGN_PAGE, SIGN_PAGE],
        given=lambda w: w.declaration,
        post=Change(
            [LOGIN, SIGN_PAGE, SIGN_PAGE, SIGN_PAGE, MY_SIGNATURES, SIGN_PAGE, SIGN_PAGE],
            data=lambda w: {
                "full_name": "Ann Mayor",
                "office": Signature.Office.MAYOR,
                "city": w.city_to_sign_for.pk,
                "listed_publicly": "on",
                "holds_office": "on",
                "version": w.declaration.version,
            },
            stored=lambda w: Signature.objects.filter(signer_id=w.person.pk).exists(),
            done=MY_SIGNATURES,
        ),
    ),
    # The emailed link is the authority, as for unsubscribing.
    "ambassadors:confirm": Row(
        every(OK),
        args=lambda w: [confirmation_token(w.unconfirmed_signature)],
        post=Change(
            every(OK),
            data=lambda w: {},
            stored=lambda w: Signature.objects.get(pk=w.unconfirmed_signature.pk).status == "confirmed",
            done=OK,
        ),
    ),
    "ambassadors:my-signatures": Row(signed_in(OK)),
    # Their own signature: withdrawing asks for the password again first.
    "ambassadors:withdraw": Row(
        signed_in(REAUTHENTICATE),
        args=lambda w: [w.own_signature.pk],
        post=Change(
            signed_in(REAUTHENTICATE),
            data=lambda w: {},
            stored=lambda w: Signature.objects.get(pk=w.own_signature.pk).status == "withdrawn",
            done=MY_SIGNATURES,
        ),
    ),
    "ambassadors:resend-confirmation": Row(
        signed_in(NOT_ALLOWED),
        args=lambda w: [w.own_unconfirmed_signature.pk],
        post=Change(
            signed_in(MY_SIGNATURES),
            data=lambda w: {},
            stored=lambda w: len(mail.outbox) == 1,
            done=MY_SIGNATURES,
        ),
    ),
    "ambassadors:certificate": Row(signed_in(OK), args=lambda w: [w.own_signature.pk]),
    "ambassadors:verify-lookup": Row(every(OK)),
    "ambassadors:verify": Row(every(OK), args=lambda w: [w.signature.certificate_code]),
}

CORE = {
    "core:search": Row(every(OK)),
    "core:privacy": Row(every(OK)),
    "core:language": Row(every(Redirect("home")), args=lambda w: ["fr"]),
}

ADMIN = {
    # Of the admin's own pages only its door: staff reach it with a second factor only.
    "admin:index": Row([ADMIN_LOGIN] * 5 + [MFA_SETUP, OK]),
}

TABLE: dict[str, Row] = {**ROOT, **CITIES, **TOPICS, **ACCOUNTS, **AMBASSADORS, **CORE, **ADMIN}
