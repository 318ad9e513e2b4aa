"""Every page type, rendered as people see it, is valid HTML for the Nu Html Checker (vnu).

The checker is the npm package vnu-jar, pinned in package.json / package-lock.json at the repository root:
`npm ci --ignore-scripts` puts it at node_modules/vnu-jar/build/dist/vnu.jar (VNU_JAR overrides the path).
It needs Java 17+; without the jar or java the test is skipped, saying which is missing (with VNU_REQUIRED=1 in the
environment, as in CI, it fails instead).

All pages are rendered first, then checked in one run of the checker (one JVM start, a few seconds).
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views import defaults

from accounts.models import Affiliation
from ambassadors.models import Declaration, Signature
from ambassadors.services import confirmation_token, reconfirmation_token
from devdata.factories import (
    AffiliationFactory,
    CityFactory,
    DeclarationFactory,
    LinkResourceFactory,
    MeetingFactory,
    OfficerFactory,
    PostFactory,
    ReconfirmationFactory,
    RepresentativeFactory,
    SignatureFactory,
    StaffFactory,
    ThreadFactory,
    TranslationFactory,
    UserFactory,
    topic,
    with_totp,
)
from tests.html.checker import Pages, as_user, assert_valid_html
from topics.models import Resource, Subscription
from topics.tokens import unsubscribe_token

PASSWORD = "correct horse battery staple"

MARKDOWN = """## Our experience & results

We tried **three** approaches, see [the report](https://example.org/report?a=1&b=2) and <https://example.org>.

1. Cycle lanes
2. Parking fees & zones
   * residents
   * visitors

> Small cities learn fast.

Inline `code` and a block:

    for street in streets:
        paint(street)

| year | trips |
| ---- | ----- |
| 2024 | 1,200 |

<script>alert("not run")</script> <b onclick="x()">bold</b> <img src=x onerror=alert(1)>

---

Cycling in Testville. Last line."""

pytestmark = pytest.mark.django_db


def _reauthenticated(user) -> Client:
    client = Client()
    assert client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}).status_code == 302
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
    return client


def _render_every_page(settings) -> dict[str, str]:
    settings.DEBUG = False
    pages = Pages()
    visitor = Client()

    # Content: a member city with officers, an ambassador and recent posts; topics with threads,
    # resources and meetings; a published declaration with a translation and signatures.
    city = CityFactory(
        name="Testville on Sea",
        region="Drenthe",
        website="https://testville.example.org/?lang=en&x=1",
        description="A city by the sea & the dunes.\n\nIt cycles.",
        sump_status="adopted",
        sump_adopted_on=datetime.date(2021, 3, 14),
        sump_revision_due=timezone.localdate() + datetime.timedelta(days=200),
        sump_url="https://testville.example.org/sump",
    )
    city.topics.add(topic())
    cyclingham = CityFactory(name="Cyclingham", country="DE")
    officer = OfficerFactory(full_name="Olga Officer")
    officer.affiliations.update(city=city, listed_publicly=True)
    other_officer = OfficerFactory(full_name="Otto Officer")
    other_officer.affiliations.update(city=city, listed_publicly=True)
    representative = RepresentativeFactory(full_name="Rita Representative")
    representative.affiliations.update(city=city)
    declaration = DeclarationFactory(body="We commit our cities to **cooperate** & exchange.\n\n1. one\n2. two")
    TranslationFactory(declaration=declaration)
    signature = SignatureFactory(
        declaration=declaration,
        signer=RepresentativeFactory(full_name="Sam Signer"),
        full_name="Sam Signer",
        city=city,
        statement="Cycling matters & so do buses.",
    )
    SignatureFactory(declaration=declaration, city=city, listed_publicly=False)
    SignatureFactory(declaration=declaration, city=cyclingham, full_name="Cy Clist")
    withdrawn = SignatureFactory(
        declaration=declaration, status=Signature.Status.WITHDRAWN, ended_at=timezone.now(), verified_at=None
    )
    former = SignatureFactory(
        declaration=declaration,
        signer=RepresentativeFactory(full_name="Fay Former"),
        full_name="Fay Former",
        city=city,
        term_status=Signature.Term.LEFT,
        left_office_on=timezone.localdate(),
        term_ends_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    thread = ThreadFactory(author=officer, title="Cycling lanes & parking: what works?", body=MARKDOWN)
    PostFactory(
        thread=thread,
        author=other_officer,
        body="Reply about *cycling* with a [link](https://example.org).",
        edited_at=timezone.now(),
    )
    ThreadFactory(author=other_officer, title="Members only cycling", members_only=True)
    pinned = ThreadFactory(author=other_officer, title="Pinned and locked")
    pinned.is_pinned = pinned.is_locked = True
    pinned.save()
    LinkResourceFactory(shared_by=officer, title="Cycling guide", description="How to & why.")
    LinkResourceFactory(shared_by=officer, title="Members only guide", members_only=True)
    LinkResourceFactory(shared_by=officer, title="Parking study", kind=Resource.Kind.FILE, url="", size=123_456,
                        file="topics/resources/2026/11/parking.pdf", content_type="application/pdf")
    MeetingFactory(
        created_by=officer,
        online_url="https://meet.example.org/room?a=1&b=2",
        agenda="1. Welcome\n2. Cycling & parking",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
    )
    slug = topic().slug
    thread_url = thread.get_absolute_url()
    first_post = thread.posts.get(is_first=True)

    errors = ('class="errors"',)  # a field's error, tied to it (templates/includes/field.html)

    # Home, directory, map, city profile.
    pages.get("home", visitor, "/")
    pages.get("directory", visitor, "/cities/", contains=("Testville on Sea",))
    filters = {"country": ["NL", "DE"], "population_min": "1000", "sump": "adopted", "topic": slug}
    pages.get("directory filtered", visitor, "/cities/", contains=("Testville on Sea",), ordering="-population",
              **filters)
    pages.get("directory with a form error", visitor, "/cities/", contains=errors, population_min="abc")
    pages.get("directory with no results", visitor, "/cities/", q="nowhere at all")
    pages.get("map", visitor, "/cities/map/", contains=("<svg",))
    pages.get("map filtered", visitor, "/cities/map/", country="NL")
    sections = ('id="officers-title"', 'id="ambassadors-title"', "Recent posts by", "Sam Signer", "Olga Officer")
    pages.get("city profile (visitor)", visitor, city.get_absolute_url(), contains=sections)
    pages.get("city profile (officer)", as_user(officer), city.get_absolute_url(), contains=sections)
    bare = CityFactory(website="", description="", population=None, latitude=None, longitude=None)
    pages.get("city profile (bare)", visitor, bare.get_absolute_url())
    _lifecycle_pages(pages, visitor, city, officer, errors)

    # Joining.
    pages.get("join", visitor, "/join/")
    pages.post("join with errors", visitor, "/join/", {"city_name": "", "email": "not an email", "population": "x"},
               contains=errors)
    pages.get("join thanks", visitor, "/join/thanks/")

    # Topics, as a visitor and as an officer.
    officer_client = as_user(officer)
    Subscription.objects.create(user=officer, topic=topic())
    Subscription.objects.create(user=officer, thread=thread)
    pages.get("topics (visitor)", visitor, "/topics/")
    pages.get("topics (officer)", officer_client, "/topics/")
    pages.get("topic (visitor)", visitor, f"/topics/{slug}/",
              contains=("Cycling guide", "Parking study", "Working-group meeting"))
    pages.get("topic (officer)", officer_client, f"/topics/{slug}/", contains=("Members only cycling",))
    pages.get("topic (staff)", as_user(StaffFactory()), f"/topics/{slug}/")
    markdown = ("<table>", "<blockquote>", "<ol>", "<pre>", "Olga Officer", "Reply about")
    pages.get("thread (visitor)", visitor, thread_url, contains=markdown)
    pages.get("thread (officer, reply form)", officer_client, thread_url, contains=(*markdown, 'name="body"'))
    pages.get("thread (locked)", officer_client, pinned.get_absolute_url())
    pages.get("thread (paged)", officer_client, thread_url, after=str(first_post.pk))
    PostFactory(thread=thread, author=other_officer, body="A hidden reply.", is_hidden=True)
    pages.get("thread (staff, a hidden reply)", as_user(StaffFactory()), thread_url, contains=("A hidden reply.",))
    pages.post("reply with errors", officer_client, reverse("topics:reply", args=[slug, thread.pk]), {"body": ""},
               status=400, contains=errors)
    new_thread = reverse("topics:thread-create", args=[slug])
    pages.get("new thread", officer_client, new_thread)
    pages.post("new thread with errors", officer_client, new_thread, {"title": "", "body": ""}, contains=errors)
    pages.post("post edit with errors", officer_client, reverse("topics:post-edit", args=[first_post.pk]),
               {"title": "", "body": ""}, contains=errors)
    pages.post("post report with errors", as_user(other_officer), reverse("topics:post-report", args=[first_post.pk]),
               {"reason": ""}, contains=errors)
    pages.get("resources", officer_client, reverse("topics:resources", args=[slug]), contains=("Members only guide",))
    pages.post("new resource with errors", officer_client, reverse("topics:resource-create", args=[slug]),
               {"kind": "link", "title": "", "url": "not a url"}, contains=errors)
    pages.get("topics forbidden", as_user(UserFactory()), new_thread, status=403)
    pages.get("subscriptions", officer_client, reverse("topics:subscriptions"))
    pages.get("unsubscribe", visitor, reverse("topics:unsubscribe", args=[unsubscribe_token(officer)]))

    # Search: a city, threads, posts, resources and an ambassador all match "cycling".
    found = ("Cyclingham", "Members only <mark>cycling</mark>", "Reply about", "Cycling</mark> guide", "Cy Clist")
    pages.get("search (empty)", visitor, "/search/")
    pages.get("search (every kind)", officer_client, "/search/", q="cycling", contains=found)
    pages.get("search (visitor)", visitor, "/search/", q="cycling")
    pages.get("search (nothing found)", visitor, "/search/", q="zzzqqq")

    # Plain pages and errors (DEBUG is off, as in production: Django renders the error templates).
    pages.get("privacy", visitor, "/privacy/")
    pages.get("404", visitor, "/no-such-page/", status=404)
    pages.get("404 of a model", visitor, "/cities/no-such-city/", status=404)
    pages.get("403", as_user(UserFactory()), reverse("admin:login"), status=403)  # PermissionDenied: templates/403.html
    pages.post("403 csrf", Client(enforce_csrf_checks=True), "/join/", {"city_name": "X"}, status=403)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    pages.add("400", defaults.bad_request(request, Exception("bad")), status=400)
    pages.add("500", defaults.server_error(request), status=500)
    pages.add("429", render(request, "429.html", status=429), status=429)  # allauth's rate limits
    pages.add("503", HttpResponse(loader.get_template("503.html").render({}, None), status=503), status=503)

    # allauth.
    pages.get("login", visitor, reverse("account_login"))
    pages.post("login with errors", Client(), reverse("account_login"),
               {"login": "nobody@example.org", "password": "wrong"}, contains=("form-errors",))
    pages.get("signup", visitor, reverse("account_signup"))
    pages.post("signup with errors", Client(), reverse("account_signup"),
               {"email": "not an email", "password1": "short", "password2": "other"}, contains=errors)
    pages.get("password reset", visitor, reverse("account_reset_password"))
    pages.get("password reset done", visitor, reverse("account_reset_password_done"))
    pages.get("email verification sent", visitor, reverse("account_email_verification_sent"))
    pages.get("inactive", visitor, reverse("account_inactive"))
    user = UserFactory(full_name="Uma User")
    user_client = _reauthenticated(user)
    pages.get("email management", user_client, reverse("account_email"), contains=(user.email,))
    pages.get("password change", user_client, reverse("account_change_password"))
    pages.get("reauthenticate", user_client, reverse("account_reauthenticate"))
    pages.get("logout", user_client, reverse("account_logout"))
    pages.get("mfa index", user_client, reverse("mfa_index"))
    pages.get("mfa activate totp", user_client, reverse("mfa_activate_totp"))
    pages.get("mfa index with totp", as_user(with_totp(UserFactory())), reverse("mfa_index"))

    # Accounts.
    pages.get("profile", user_client, reverse("accounts:profile"))
    pages.get("profile (officer)", officer_client, reverse("accounts:profile"), contains=("Testville on Sea",))
    pages.get("affiliation request", user_client, reverse("accounts:affiliation-request"))
    pages.post("affiliation request with errors", user_client, reverse("accounts:affiliation-request"),
               {"full_name": "", "city": "999999", "role": "nonsense", "job_title": ""}, contains=errors)
    pages.get("not allowed", as_user(UserFactory(verified=False)), reverse("accounts:affiliation-request"), status=403)
    pages.get("account delete", user_client, reverse("accounts:delete"))
    AffiliationFactory(user=user, city=city, status=Affiliation.Status.PENDING)
    pages.get("profile (pending affiliation)", user_client, reverse("accounts:profile"))

    # Ambassadors.
    pages.get("wall", visitor, "/ambassadors/", contains=("Sam Signer",))
    pages.get("wall filtered", visitor, "/ambassadors/", country="NL")
    pages.get("declaration (visitor)", visitor, "/ambassadors/declaration/")
    pages.get("declaration (officer, may not sign)", officer_client, "/ambassadors/declaration/")
    representative_client = as_user(representative)
    pages.get("declaration (representative, may sign)", representative_client, "/ambassadors/declaration/",
              contains=('href="/ambassadors/declaration/sign/"',))
    pages.get("declaration (signer)", as_user(signature.signer), "/ambassadors/declaration/")
    pages.get("declaration (in Italian)", Client(headers={"accept-language": "it"}), "/ambassadors/declaration/",
              contains=('lang="it"',))
    pages.get("sign", representative_client, "/ambassadors/declaration/sign/")
    pages.post("sign with errors", representative_client, "/ambassadors/declaration/sign/",
               {"version": declaration.version, "full_name": "", "office": "other", "city": city.pk,
                "term_ends_on": "2001-01-01"},
               contains=(*errors, "The term cannot end before the signature"))
    signer_client = _reauthenticated(signature.signer)
    pages.get("my signatures", signer_client, reverse("ambassadors:my-signatures"))
    pages.get("certificate", signer_client, signature.get_certificate_url(), contains=(signature.certificate_code,))
    pages.get("withdraw", signer_client, reverse("ambassadors:withdraw", args=[signature.pk]))
    pages.get("verify lookup", visitor, reverse("ambassadors:verify-lookup"))
    pages.get("verify lookup with errors", visitor, reverse("ambassadors:verify-lookup"), code="", contains=errors)
    pages.get("verify lookup, no code", visitor, reverse("ambassadors:verify-lookup"), code="?", contains=errors)
    pages.get("verify (genuine)", visitor, signature.get_verify_url(), contains=("Genuine and current",))
    pages.get("verify (withdrawn)", visitor, withdrawn.get_verify_url(), contains=("withdrawn",))
    pages.get("verify (unknown)", visitor, reverse("ambassadors:verify", args=["AAAA-BBBB-CCCC"]), status=404)
    pages.get("verify (former)", visitor, former.get_verify_url(), contains=("Genuine, former since",))
    pages.get("wall, former ambassadors", visitor, "/ambassadors/", term="former", contains=("Fay Former",))
    former_client = as_user(former.signer)
    pages.get("my signatures (former)", former_client, reverse("ambassadors:my-signatures"),
              contains=("Former ambassador since",))
    pages.get("certificate (former)", former_client, former.get_certificate_url(), contains=("Former ambassador",))
    _reconfirmation_pages(pages, visitor, errors)
    unconfirmed = SignatureFactory(
        declaration=declaration, status=Signature.Status.UNCONFIRMED, verified_at=None, confirmed_at=None
    )
    confirm_url = reverse("ambassadors:confirm", args=[confirmation_token(unconfirmed)])
    pages.get("confirm", visitor, confirm_url)
    pages.post("confirm (confirmed now)", visitor, confirm_url, {})
    pages.get("confirm (invalid link)", visitor, reverse("ambassadors:confirm", args=["nonsense"]), status=400)

    # The pages whose words come most from translations, in every language the portal speaks.
    for code, _name in settings.LANGUAGES:
        if code != "en":
            _render_in(pages, code, city, slug, representative, declaration, errors)
    return pages.documents


def _lifecycle_pages(pages: Pages, visitor: Client, city, officer, errors) -> None:
    """Membership states, the plan page, cities like this one, the join form's document."""
    suspended = CityFactory(
        name="Suspendville", membership_status="suspended", membership_changed_on=datetime.date(2026, 3, 2)
    )
    former = CityFactory(name="Formerton", membership_status="former")
    SignatureFactory(declaration=Declaration.objects.get(), city=former, full_name="Fiona Former")
    AffiliationFactory(city=suspended, user=officer)
    pages.get("directory (every membership state)", visitor, "/cities/", contains=("Suspendville", "Formerton"),
              membership="all")
    pages.get("directory (revision due within a year)", visitor, "/cities/", contains=("revision due",),
              revision="within_a_year")
    pages.get("directory with a membership error", visitor, "/cities/", contains=errors, membership="nonsense")
    pages.get("city profile (suspended)", visitor, suspended.get_absolute_url(), contains=("has been suspended",))
    pages.get("city profile (former)", visitor, former.get_absolute_url(), contains=("former member",))
    pages.get("city profile (cities like it)", visitor, city.get_absolute_url(), contains=("Cities like this one",))
    officer_client = as_user(officer)
    plan = reverse("cities:plan", args=[city.slug])
    pages.get("city profile (officer, plan link)", officer_client, city.get_absolute_url(), contains=(plan,))
    pages.get("plan", officer_client, plan, contains=('type="date"',))
    pages.post("plan with errors", officer_client, plan,
               {"sump_status": "adopted", "sump_adopted_on": "2030-01-01", "sump_revision_due": "soon",
                "sump_url": "x"}, contains=errors)
    pages.get("profile (officer of a suspended city)", officer_client, reverse("accounts:profile"),
              contains=("Suspendville's membership is suspended",))
    pages.get("wall (a former member city)", visitor, "/ambassadors/", contains=("of a former member city",))
    document = SimpleUploadedFile("decision.pdf", b"MZ not a pdf", content_type="application/pdf")
    pages.post("join with a document error", visitor, "/join/", {"city_name": "X", "decision_document": document},
               contains=errors)
def _reconfirmation_pages(pages, visitor, errors) -> None:
    """The yearly question "do you still hold the office?": asked, answered wrongly, answered, used, broken."""
    asked = ReconfirmationFactory()
    url = reverse("ambassadors:reconfirm", args=[reconfirmation_token(asked)])
    pages.get("reconfirm", visitor, url, contains=('name="answer"',))
    pages.post("reconfirm with errors", visitor, url, {"answer": "left", "left_office_on": "2999-01-01"},
               contains=errors)
    pages.post("reconfirm without an answer", visitor, url, {}, contains=('id="answer-errors"',))
    left_on = timezone.localdate().isoformat()
    pages.post("reconfirm (left office)", visitor, url, {"answer": "left", "left_office_on": left_on},
               contains=("former ambassador",))
    pages.get("reconfirm (used link)", visitor, url, contains=("already been answered",))
    other = ReconfirmationFactory()
    pages.post("reconfirm (still in office)", visitor,
               reverse("ambassadors:reconfirm", args=[reconfirmation_token(other)]), {"answer": "in_office"},
               contains=("remain an ambassador",))
    pages.get("reconfirm (invalid link)", visitor, reverse("ambassadors:reconfirm", args=["nonsense"]), status=400)


def _render_in(pages, code, city, slug, representative, declaration, errors) -> None:
    """Home, directory, a city profile, a topic, the declaration and the sign form (with its errors), in CODE."""
    client = Client(headers={"accept-language": code})
    here = (f'<html lang="{code}">',)
    pages.get(f"home ({code})", client, "/", contains=here)
    pages.get(f"directory ({code})", client, "/cities/", contains=here, population_min="abc")
    pages.get(f"city profile ({code})", client, city.get_absolute_url(), contains=here)
    pages.get(f"topic ({code})", client, f"/topics/{slug}/", contains=here)
    pages.post(f"join with errors ({code})", client, "/join/", {"city_name": ""}, contains=errors)
    pages.get(f"declaration ({code})", client, "/ambassadors/declaration/", contains=here)
    pages.get(f"search ({code})", client, "/search/", q="cycling")
    signer = Client(headers={"accept-language": code})
    signer.force_login(representative)
    pages.get(f"sign ({code})", signer, "/ambassadors/declaration/sign/", contains=here)
    pages.post(f"sign with errors ({code})", signer, "/ambassadors/declaration/sign/",
               {"version": declaration.version, "full_name": "", "office": "other", "city": city.pk}, contains=errors)


def test_every_page_type_is_valid_html(settings, tmp_path):
    assert_valid_html(lambda: _render_every_page(settings), tmp_path)
