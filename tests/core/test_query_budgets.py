"""Every page type has a query budget that holds at 10 rows and at 1,000 (issue: performance at scale)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Affiliation
from ambassadors.models import Signature
from ambassadors.services import reconfirmation_token
from cities.models import City
from devdata.factories import DeclarationFactory, OfficerFactory, ReconfirmationFactory, UserFactory, topic
from tests.projects.rows import project_rows
from topics.models import Post, Thread

pytestmark = pytest.mark.django_db
BUDGET = 10
# A logged-in page also reads the session (through the database cache here), the user, their verified
# email and their affiliations.
LOGGED_IN_BUDGET = 12


@pytest.fixture(params=[10, 1000], ids=["10 rows", "1000 rows"])
def portal_data(request):
    rows = request.param
    data_topic = topic("data-and-digitalisation")
    cities = City.objects.bulk_create(
        [
            City(
                name=f"Bench {n}",
                slug=f"bench-{n}",
                search_name=f"bench {n}",
                country="NL" if n % 2 else "DE",
                population=20_000 + n,
                latitude=50 + n % 5,
                longitude=5 + n % 7,
                joined_on=datetime.date(2020, 1, 1),
                sump_status=City.Sump.ADOPTED if n % 3 else City.Sump.NONE,
                sump_revision_due=datetime.date.today() + datetime.timedelta(days=n % 700) if n % 3 else None,
                membership_status=City.Membership.SUSPENDED if n % 10 == 0 else City.Membership.MEMBER,
            )
            for n in range(rows)
        ]
    )
    City.topics.through.objects.bulk_create([City.topics.through(city_id=c.pk, topic_id=data_topic.pk) for c in cities])
    officer = OfficerFactory()
    city = officer.affiliations.get().city
    users = UserFactory.create_batch(3)
    threads = Thread.objects.bulk_create(
        [
            Thread(topic=data_topic, title=f"Mobility thread {n}", author=officer, author_city=city, reply_count=1)
            for n in range(rows)
        ]
    )
    Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                author=officer,
                author_city=city,
                body="mobility",
                body_html="<p>mobility</p>",
                is_first=first,
            )
            for thread in threads
            for first in (True, False)
        ]
    )
    big = threads[0]
    Post.objects.bulk_create(
        [
            Post(thread=big, author=officer, author_city=city, body=f"reply {n}", body_html=f"<p>reply {n}</p>")
            for n in range(rows)
        ]
    )
    declaration = DeclarationFactory()
    Signature.objects.bulk_create(
        [
            Signature(
                declaration=declaration,
                full_name=f"Mayor {n}",
                name_folded=f"mayor {n}",
                office="mayor",
                city=cities[n % len(cities)],
                listed_publicly=n % 2 == 0,
                status=Signature.Status.VERIFIED,
                text_sha256=declaration.text_sha256,
                verified_at=timezone.now(),
                certificate_code=f"CODE{n:08d}",
                term_status=Signature.Term.LEFT if n % 5 == 0 else Signature.Term.IN_OFFICE,
                left_office_on=datetime.date(2026, 1, 1) if n % 5 == 0 else None,
            )
            for n in range(rows)
        ]
    )
    Affiliation.objects.bulk_create(
        [
            Affiliation(user=users[n % 3], city=cities[n], role="officer", job_title="x", status="pending")
            for n in range(3)
        ]
    )
    last_post = big.posts.order_by("-id").first()
    asked = ReconfirmationFactory(signature__declaration=declaration)
    projects = project_rows(rows, cities, officer, data_topic)
    return {
        **projects,
        "reconfirm": reverse("ambassadors:reconfirm", args=[reconfirmation_token(asked)]),
        "city": cities[rows // 2],
        "thread": big,
        "last_page": f"{big.get_absolute_url()}?before={last_post.pk + 1}",
        "officer": officer,
        "directory_last": f"/cities/?page={rows // 25 + 1}",
    }


PAGES = {
    "home": lambda d: "/",
    "directory": lambda d: "/cities/",
    "directory, three filters": lambda d: "/cities/?country=NL&sump=adopted&population_min=20000",
    "directory, last page": lambda d: d["directory_last"],
    "directory, every membership state": lambda d: "/cities/?membership=all",
    "directory, revision due within a year": lambda d: "/cities/?revision=within_a_year&sump=adopted",
    "city profile": lambda d: d["city"].get_absolute_url(),
    "map": lambda d: "/cities/map/",
    "export CSV": lambda d: "/cities/export.csv",
    "export GeoJSON": lambda d: "/cities/export.geojson",
    "topic list": lambda d: "/topics/",
    "topic page": lambda d: "/topics/data-and-digitalisation/",
    "thread, first page": lambda d: d["thread"].get_absolute_url(),
    "thread, last page": lambda d: d["last_page"],
    "ambassadors wall": lambda d: "/ambassadors/",
    "ambassadors wall, former": lambda d: "/ambassadors/?term=former",
    "re-confirmation link": lambda d: d["reconfirm"],
    "declaration": lambda d: "/ambassadors/declaration/",
    "search, common word": lambda d: "/search/?q=mobility",
    "search, rare word": lambda d: "/search/?q=zwolle",
    "directory, project filters": lambda d: "/cities/?project=mob-1&led_projects=yes",
    "projects": lambda d: "/projects/",
    "projects, four filters": lambda d: "/projects/?programme=civitas&status=ended&country=NL&after_the_end=yes",
    "projects, last page": lambda d: "/projects/?page=last",
    "project page": lambda d: d["project"].get_absolute_url(),
    "projects CSV": lambda d: "/projects/export.csv",
    "projects GeoJSON": lambda d: "/projects/export.geojson",
    "projects feed": lambda d: "/projects/feed/",
    "calls": lambda d: "/calls/",
    "calls closing soon": lambda d: "/calls/?status=closing&programme=life",
    "call page": lambda d: d["call"].get_absolute_url(),
    "call calendar": lambda d: f"{d['call'].get_absolute_url()}calendar.ics",
    "open calls calendar": lambda d: "/calls/calendar.ics",
    "calls CSV": lambda d: "/calls/export.csv",
    "partner requests": lambda d: "/partners/",
    "partner request": lambda d: d["partner_request"].get_absolute_url(),
}


def _costs(client, paths: dict[str, str]) -> dict[str, int]:
    costs = {}
    for name, path in paths.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, name
        costs[name] = len(queries)
    return costs


def test_every_visitors_page_stays_within_its_budget(client, portal_data):
    costs = _costs(client, {name: page(portal_data) for name, page in PAGES.items()})
    assert {name: cost for name, cost in costs.items() if cost > BUDGET} == {}


def test_an_officers_pages_stay_within_their_budget(client, portal_data):
    client.force_login(portal_data["officer"])
    names = [
        "home", "topic page", "thread, first page", "thread, last page", "search, common word", "city profile",
        "projects", "project page", "calls", "call page", "partner requests", "partner request",
    ]
    paths = {name: PAGES[name](portal_data) for name in names}
    paths["own city's plan page"] = f"/cities/{portal_data['officer'].affiliations.get().city.slug}/plan/"
    costs = _costs(client, paths)
    assert {name: cost for name, cost in costs.items() if cost > LOGGED_IN_BUDGET} == {}
