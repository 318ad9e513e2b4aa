"""Every address of the portal, and what each of the seven roles gets from it: the permission matrix.

Addresses are named as in `reverse()` (unnamed ones by their path). Each row of GET and POST lists an outcome per
role, in the order of tests.accounts.roles.ROLES:

    visitor, unverified, verified, officer, representative, staff without MFA, staff with MFA

GET has a row for every URL pattern of the portal (test_matrix.py compares it with the resolver). POST has a row
for every address where a POST changes data: what each role gets, what the POST sends, and what is then stored
(nothing for a role whose outcome is not the one that means "done"). An address without a POST row must answer
a POST as it answers a GET, or with 405, and store nothing. ARGS builds an address's arguments in the case's
World: the person's "own" things (an affiliation, a signature, a post) are theirs, the visitor's someone else's.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core import mail

from accounts.models import Affiliation, User
from ambassadors.models import Reconfirmation, Signature
from ambassadors.services import confirmation_token, reconfirmation_token
from cities.models import City, MembershipApplication
from projects.models import Follow, Interest, PartnerRequest, RequestStatus
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
from tests.permissions.world import World, city_of
from tests.worker import run_queued_tasks
from topics.models import MailPreference, Post, Report, Resource, Subscription, Thread
from topics.tokens import unsubscribe_token


def every(outcome) -> list:
    return [outcome] * len(ROLES)


def signed_in(outcome) -> list:
    """The visitor is asked to log in; everyone else gets OUTCOME."""
    return [LOGIN, *[outcome] * (len(ROLES) - 1)]


def verified_email(outcome) -> list:
    """Everyone with a confirmed email address gets OUTCOME; the unverified user is refused."""
    return [LOGIN, FORBIDDEN, *[outcome] * (len(ROLES) - 2)]


def _only(allowed_role: str, outcome) -> list:
    """The visitor is asked to log in, ALLOWED_ROLE gets OUTCOME, everyone else is refused."""
    return [LOGIN, *[outcome if role == allowed_role else FORBIDDEN for role in ROLES[1:]]]


def officers(outcome) -> list:
    """Only the verified officer gets OUTCOME."""
    return _only("officer", outcome)


def representatives(outcome) -> list:
    """Only the political representative gets OUTCOME."""
    return _only("representative", outcome)


REAUTH = REAUTHENTICATE
NO_ADMIN = ADMIN_LOGIN

GET = {
    # The site's frame
    "home": every(OK),
    "healthz": every(OK),
    "/favicon.ico": every(Redirect("/static/img/favicon.svg", 301)),
    "/robots.txt": every(OK),
    "portal:search": every(OK),
    "portal:privacy": every(OK),
    "core:language": every(Redirect("home")),
    # Cities: public, and anyone may ask for their city to join
    "cities:directory": every(OK),
    "cities:map": every(OK),
    "cities:export-csv": every(OK),
    "cities:export-geojson": every(OK),
    "cities:profile": every(OK),
    "cities:join": every(OK),
    "cities:join-thanks": every(OK),
    # A city's plan: its own verified officers, and staff; a council decision sent to join: staff in the admin
    "cities:plan": [LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK, OK],
    "cities:application-document": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
    # Topics: reading is public; following needs a confirmed email, writing a verified officer
    "topics:list": every(OK),
    "topics:feed-all": every(OK),
    "topics:detail": every(OK),
    "topics:feed": every(OK),
    "topics:calendar": every(OK),
    "topics:resources": every(OK),
    "topics:thread": every(OK),
    "topics:post": every(Redirect("topics:thread")),
    "topics:resource-download": every(OK),
    "topics:meeting-ics": every(OK),
    "topics:unsubscribe": every(OK),  # the signed link in the mail is the authority, whoever follows it
    "topics:subscriptions": signed_in(OK),
    "topics:topic-follow": signed_in(NOT_ALLOWED),
    "topics:thread-follow": signed_in(NOT_ALLOWED),
    "topics:post-report": verified_email(OK),
    "topics:thread-create": officers(OK),
    "topics:resource-create": officers(OK),
    "topics:reply": signed_in(NOT_ALLOWED),
    "topics:post-edit": officers(OK),  # one's own post; staff edit in the admin
    # Accounts: one's own affiliations and data; deleting asks for the password again, staff are closed in the admin
    "accounts:profile": signed_in(OK),
    "accounts:affiliation-request": verified_email(OK),
    "accounts:affiliation-withdraw": signed_in(NOT_ALLOWED),
    "accounts:data-export": signed_in(OK),
    "accounts:mail-language": signed_in(NOT_ALLOWED),
    "accounts:delete": [LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, FORBIDDEN, FORBIDDEN],
    # The Ambassadors Initiative: only a political representative signs; one's own signatures need a login
    "ambassadors:wall": every(OK),
    "ambassadors:declaration": every(OK),
    "ambassadors:sign": representatives(OK),
    "ambassadors:confirm": every(OK),  # the emailed link is the authority, as for unsubscribing
    "ambassadors:reconfirm": every(OK),  # the yearly "do you still hold the office?": its link is the authority
    "ambassadors:my-signatures": signed_in(OK),
    "ambassadors:withdraw": signed_in(REAUTH),  # and then for its signer only: test_own_things.py
    "ambassadors:resend-confirmation": signed_in(NOT_ALLOWED),
    "ambassadors:certificate": signed_in(OK),
    "ambassadors:verify-lookup": every(OK),
    "ambassadors:verify": every(OK),
    # Projects and calls: reading is public; a verified officer proposes a project, asks to join one, records a
    # call (staff too) or looks for partners; a project's partner cities' officers edit it (nobody here is one)
    "projects:list": every(OK),
    "projects:feed": every(OK),
    "projects:export-csv": every(OK),
    "projects:export-geojson": every(OK),
    "projects:detail": every(OK),
    "projects:propose": officers(OK),
    "projects:edit": [LOGIN, *[FORBIDDEN] * (len(ROLES) - 1)],
    "projects:after-end-new": [LOGIN, *[FORBIDDEN] * (len(ROLES) - 1)],
    "projects:join": officers(OK),
    "projects:calls": every(OK),
    "projects:calls-export-csv": every(OK),
    "projects:calls-calendar": every(OK),
    "projects:call": every(OK),
    "projects:call-ics": every(OK),
    "projects:call-new": [LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK, OK],
    "projects:following": signed_in(OK),
    "projects:call-follow": signed_in(NOT_ALLOWED),
    "projects:programme-follow": signed_in(NOT_ALLOWED),
    # Partner search: members only by default, read by verified officers and staff
    "projects:partner-requests": every(OK),
    "projects:partner-request-new": officers(OK),
    "projects:partner-request": [LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK, OK],
    "projects:interest-new": signed_in(NOT_ALLOWED),
    "projects:partner-request-fill": signed_in(NOT_ALLOWED),
    "projects:partner-request-withdraw": signed_in(NOT_ALLOWED),
    # Of the admin's own pages only its door: staff reach it with a second factor only
    "admin:index": [NO_ADMIN, NO_ADMIN, NO_ADMIN, NO_ADMIN, NO_ADMIN, MFA_SETUP, OK],
}

ARGS: dict[str, Callable[[World], list]] = {
    "projects:detail": lambda w: [w.project.slug],
    "projects:edit": lambda w: [w.project.slug],
    "projects:after-end-new": lambda w: [w.project.slug],
    "projects:join": lambda w: [w.project.slug],
    "projects:call": lambda w: [w.call.slug],
    "projects:call-ics": lambda w: [w.call.slug],
    "projects:call-follow": lambda w: [w.call.slug],
    "projects:programme-follow": lambda w: ["civitas"],
    "projects:partner-request": lambda w: [w.partner_request.pk],
    "projects:interest-new": lambda w: [w.partner_request.pk],
    "projects:partner-request-fill": lambda w: [w.partner_request.pk],
    "projects:partner-request-withdraw": lambda w: [w.partner_request.pk],
    "cities:profile": lambda w: [w.city.slug],
    "cities:plan": lambda w: [w.planned_city.slug],
    "cities:application-document": lambda w: [w.application_with_document.pk],
    "topics:detail": lambda w: [w.topic.slug],
    "topics:feed": lambda w: [w.topic.slug],
    "topics:calendar": lambda w: [w.topic.slug],
    "topics:resources": lambda w: [w.topic.slug],
    "topics:topic-follow": lambda w: [w.topic.slug],
    "topics:thread-create": lambda w: [w.topic.slug],
    "topics:resource-create": lambda w: [w.topic.slug],
    "topics:thread": lambda w: [w.topic.slug, w.thread.pk],
    "topics:reply": lambda w: [w.topic.slug, w.thread.pk],
    "topics:thread-follow": lambda w: [w.topic.slug, w.thread.pk],
    "topics:post": lambda w: [w.reply.pk],
    "topics:post-report": lambda w: [w.reply.pk],
    "topics:post-edit": lambda w: [w.own_reply.pk],
    "topics:resource-download": lambda w: [w.document.pk],
    "topics:meeting-ics": lambda w: [w.meeting.pk],
    "topics:unsubscribe": lambda w: [unsubscribe_token(w.someone, w.subscription)],
    "accounts:affiliation-withdraw": lambda w: [w.own_affiliation.pk],
    "ambassadors:confirm": lambda w: [confirmation_token(w.unconfirmed_signature)],
    "ambassadors:reconfirm": lambda w: [reconfirmation_token(w.reconfirmation)],
    "ambassadors:withdraw": lambda w: [w.own_signature.pk],
    "ambassadors:resend-confirmation": lambda w: [w.own_unconfirmed_signature.pk],
    "ambassadors:certificate": lambda w: [w.own_signature.pk],
    "ambassadors:verify": lambda w: [w.signature.certificate_code],
}

# What must exist for a page to show something: a list with an item in it.
GIVEN: dict[str, Callable[[World], object]] = {
    "topics:calendar": lambda w: w.meeting,
    "topics:resources": lambda w: w.document,
    "topics:thread": lambda w: w.reply,
    "ambassadors:wall": lambda w: w.signature,
    "ambassadors:declaration": lambda w: w.declaration,
    "ambassadors:sign": lambda w: w.declaration,
}


def stored(model, **lookup) -> Callable[[World], bool]:
    """Whether a row of MODEL matches LOOKUP, whose values may be functions of the world."""

    def check(world: World) -> bool:
        values = {name: value(world) if callable(value) else value for name, value in lookup.items()}
        return model.objects.filter(**values).exists()

    return check


def person(world: World):
    return world.person.pk


@dataclass(frozen=True)
class Change:
    """A POST that changes data. OUTCOMES: per role, or a function that makes them from DONE, the outcome that
    means the change was made. DATA: what is sent (or a function of the world). STORED: whether it was made."""

    outcomes: Callable[[object], list] | list
    done: object
    data: Callable[[World], dict] | dict
    stored: Callable[[World], bool]

    def outcome_for(self, role: str):
        outcomes = self.outcomes if isinstance(self.outcomes, list) else self.outcomes(self.done)
        return dict(zip(ROLES, outcomes, strict=True))[role]

    def data_for(self, world: World) -> dict:
        return self.data(world) if callable(self.data) else self.data


JOIN_FORM = {
    "city_name": "Matrixburg",
    "country": "NL",
    "population": "40000",
    "contact_name": "Anna de Vries",
    "applicant_role": "officer",
    "contact_role": "Mobility officer",
    "email": "anna@matrixburg.example.org",
    "motivation": "We want to learn.",
    "consent_to_contact": "on",
}


def _signature_form(world: World) -> dict:
    city = world.city_to_sign_for
    version = world.declaration.version
    return {"full_name": "Ann Mayor", "office": "mayor", "city": city.pk, "holds_office": "on", "version": version}


def _affiliation_form(world: World) -> dict:
    return {"full_name": "A Person", "city": world.city.pk, "role": "officer", "job_title": "Officer"}


def _deleted(world: World) -> bool:
    return world.signed_in and not User.objects.filter(pk=world.person.pk).exists()


def _interest_form(world: World) -> dict:
    own = city_of(world.person) if world.signed_in else None
    return {"city": own.pk if own else "", "message": "Count us in."}


def _mailed(world: World) -> bool:
    run_queued_tasks()  # what a worker sends, once the request has queued it
    return len(mail.outbox) == 1


def _plan_keepers(done) -> list:
    """The city's own officer and staff keep its plan; the others are refused (GET's row)."""
    return [done if outcome == OK else outcome for outcome in GET["cities:plan"]]


POST = {
    "cities:join": Change(every, Redirect("cities:join-thanks"), JOIN_FORM, stored(MembershipApplication)),
    "cities:plan": Change(
        _plan_keepers,
        Redirect("cities:profile"),
        {"sump_status": "in_preparation"},
        stored(City, pk=lambda w: w.planned_city.pk, sump_status="in_preparation"),
    ),
    "topics:subscriptions": Change(
        signed_in, Redirect("topics:subscriptions"), {"delivery": "daily"}, stored(MailPreference, user=person)
    ),
    "topics:unsubscribe": Change(every, OK, {}, lambda w: not Subscription.objects.filter(user=w.someone).exists()),
    "topics:topic-follow": Change(
        verified_email, Redirect("topics:detail"), {"follow": "1"}, stored(Subscription, user=person, thread=None)
    ),
    "topics:thread-follow": Change(
        verified_email, Redirect("topics:thread"), {"follow": "1"}, stored(Subscription, user=person, topic=None)
    ),
    "topics:post-report": Change(verified_email, Redirect("topics:post"), {"reason": "Spam."}, stored(Report)),
    "topics:thread-create": Change(
        officers, Redirect("topics:thread"), {"title": "Car-free", "body": "Who?"}, stored(Thread, title="Car-free")
    ),
    "topics:resource-create": Change(
        officers,
        Redirect("topics:detail"),
        {"kind": "link", "title": "Parking guide", "url": "https://example.org/parking"},
        stored(Resource),
    ),
    "topics:reply": Change(officers, Redirect("topics:post"), {"body": "Me too."}, stored(Post, body="Me too.")),
    "topics:post-edit": Change(officers, Redirect("topics:post"), {"body": "Edited."}, stored(Post, body="Edited.")),
    "accounts:affiliation-request": Change(
        verified_email, Redirect("accounts:profile"), _affiliation_form, stored(Affiliation, city=lambda w: w.city)
    ),
    "accounts:affiliation-withdraw": Change(
        signed_in, Redirect("accounts:profile"), {}, stored(Affiliation, status=Affiliation.Status.WITHDRAWN)
    ),
    "accounts:mail-language": Change(
        signed_in, Redirect("accounts:profile"), {"language": "de"}, stored(User, pk=person, language="de")
    ),
    "accounts:delete": Change(GET["accounts:delete"], Redirect("home"), {"confirm": "on"}, _deleted),
    "ambassadors:sign": Change(
        representatives, Redirect("ambassadors:my-signatures"), _signature_form, stored(Signature, signer_id=person)
    ),
    "ambassadors:confirm": Change(every, OK, {}, stored(Signature, status=Signature.Status.CONFIRMED)),
    "ambassadors:reconfirm": Change(
        every, OK, {"answer": "in_office"}, stored(Reconfirmation, answered_at__isnull=False, answer="in_office")
    ),
    "ambassadors:withdraw": Change(
        signed_in(REAUTH), Redirect("ambassadors:my-signatures"), {}, stored(Signature, status="withdrawn")
    ),
    "ambassadors:resend-confirmation": Change(signed_in, Redirect("ambassadors:my-signatures"), {}, _mailed),
    "projects:call-follow": Change(
        verified_email, Redirect("projects:call"), {"follow": "1"}, stored(Follow, user=person, programme="")
    ),
    "projects:programme-follow": Change(
        verified_email, Redirect("projects:following"), {"follow": "1"}, stored(Follow, user=person, call=None)
    ),
    "projects:interest-new": Change(
        officers, Redirect("projects:partner-request"), _interest_form, stored(Interest, message="Count us in.")
    ),
    "projects:partner-request-fill": Change(
        lambda done: [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, done, done],  # its city, and staff
        Redirect("projects:partner-request"),
        {"note": ""},
        stored(PartnerRequest, status=RequestStatus.FILLED),
    ),
    "projects:partner-request-withdraw": Change(
        lambda done: [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, done, done],  # its city, and staff
        Redirect("projects:partner-request"),
        {"note": ""},
        stored(PartnerRequest, status=RequestStatus.WITHDRAWN),
    ),
}
