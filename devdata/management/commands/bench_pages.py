"""What `make bench` measures on the loaded benchmark data, as one JSON line:

    {"pages": [{"name", "path", "as": "visitor" | "officer" | "staff", "kind": "page" | "feed" | "export",
                "status", "queries"}, ...],
     "sessions": {"officer": Cookie header, "staff": ..., "writer": ...},
     "busy_day": {"visitor": [paths], "officer": [paths], "thread": path, "topic": path}}

`queries` is what rendering the page costs without the page cache; the sessions are bench accounts logged in
(the writer is a second verified officer, who posts on the busy day in `thread` and follows `topic`); the busy
day's lists mix city profiles, threads and filtered directories that each audience may read.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from cities.models import City
from devdata.bench.projects import LOGGED_IN_PAGES as PROJECT_PAGES_LOGGED_IN
from topics.models import Thread, Topic

LOGGED_IN_PAGES = (
    "home",
    "directory",
    "city profile",
    "topic page",
    "thread of 5,000 replies, first page",
    "thread of 5,000 replies, last page",
    "topic resources",
    "search, common word",
    "ambassadors wall",
    "declaration",
    *PROJECT_PAGES_LOGGED_IN,
)
BUSY_DAY_CITIES, BUSY_DAY_THREADS, BUSY_DAY_COUNTRIES = 45, 45, 8


def visitor_pages() -> list[tuple[str, str, str]]:
    """(name, path, kind) of each page a visitor reads."""
    from devdata.bench.conversations import big_thread
    from devdata.bench.projects import bench_pages as project_pages

    city = City.objects.members().order_by("pk").first()
    topic = Topic.objects.active().order_by("order").first()
    page_size = settings.DIRECTORY_PAGE_SIZE
    last_page = max(1, (City.objects.members().count() + page_size - 1) // page_size)
    thread = big_thread()
    last_post = thread.posts.order_by("-id").values_list("id", flat=True).first()
    return [
        ("home", "/", "page"),
        ("directory", "/cities/", "page"),
        ("directory, three filters", _three_filters(), "page"),
        ("directory, last page", f"/cities/?page={last_page}", "page"),
        ("city profile", city.get_absolute_url(), "page"),
        ("map", "/cities/map/", "page"),
        ("export CSV", "/cities/export.csv", "export"),
        ("export GeoJSON", "/cities/export.geojson", "export"),
        ("topic list", "/topics/", "page"),
        ("topic page", topic.get_absolute_url(), "page"),
        ("topic resources", f"{topic.get_absolute_url()}resources/", "page"),
        ("ambassadors wall", "/ambassadors/", "page"),
        ("ambassadors wall, former", "/ambassadors/?term=former", "page"),
        ("declaration", "/ambassadors/declaration/", "page"),
        ("search, common word", "/search/?q=mobility", "page"),
        ("search, rare word", "/search/?q=zwolle", "page"),
        ("thread of 5,000 replies, first page", thread.get_absolute_url(), "page"),
        ("thread of 5,000 replies, last page", f"{thread.get_absolute_url()}?before={last_post + 1}", "page"),
        ("feed, all topics", "/topics/feed/", "feed"),
        ("feed, one topic", f"{topic.get_absolute_url()}feed/", "feed"),
        *project_pages(),
    ]


def _three_filters() -> str:
    """A country, a plan status and a population that a member city has, so that the page lists cities at every
    scale (an empty list costs one query less, and the figures would compare two different pages)."""
    city = City.objects.members().filter(sump_status="adopted", population__gte=20_000).order_by("pk").first()
    return f"/cities/?country={city.country.code if city else 'DE'}&sump=adopted&population_min=20000"


def bench_pages() -> list[dict]:
    """Every page a visitor reads, then those a verified officer and a staff member use, with their own profile."""
    visitor = visitor_pages()
    entries = [{"name": name, "path": path, "as": "visitor", "kind": kind} for name, path, kind in visitor]
    logged_in = [(name, path) for name, path, _ in visitor if name in LOGGED_IN_PAGES]
    for person in ("officer", "staff"):
        for name, path in [*logged_in, ("own profile", "/profile/")]:
            entries.append({"name": name, "path": path, "as": person, "kind": "page"})
    return entries


def spread(paths: list[str], count: int) -> list[str]:
    """`count` of `paths`, taken evenly from the whole list."""
    step = max(1, len(paths) // count)
    return paths[::step][:count]


def filtered_directories() -> list[str]:
    """The directory as people filter it: further pages, each mobility-plan state, sorted, by size, by country."""
    page_size = settings.DIRECTORY_PAGE_SIZE
    last_page = (City.objects.members().count() + page_size - 1) // page_size
    paths = [f"/cities/?page={page}" for page in range(2, min(last_page, 6) + 1)]
    paths += [f"/cities/?sump={state}" for state in City.Sump.values]
    paths += [f"/cities/?ordering={order}" for order in ("-name", "population", "-population", "-joined")]
    paths += [f"/cities/?population_min={minimum}" for minimum in (10_000, 50_000, 100_000)]
    countries = (
        City.objects.members().values_list("country", flat=True).annotate(n=Count("pk")).order_by("-n", "country")
    )
    for country in countries[:BUSY_DAY_COUNTRIES]:
        paths += [f"/cities/?country={country}", f"/cities/?country={country}&sump=adopted"]
    return paths


def busy_day(officer) -> dict:
    """The busy day's pages for each audience: city profiles, threads they may read, filtered directories (100
    or more where the data holds them); the thread the writer replies in and the topic they follow."""
    from devdata.bench.conversations import big_thread

    cities = spread([city.get_absolute_url() for city in City.objects.members().order_by("pk")], BUSY_DAY_CITIES)
    directories = filtered_directories()
    lists = {}
    for audience, user in (("visitor", AnonymousUser()), ("officer", officer)):
        pks = list(Thread.objects.readable_by(user).order_by("pk").values_list("pk", flat=True))
        threads = Thread.objects.filter(pk__in=spread(pks, BUSY_DAY_THREADS)).select_related("topic").order_by("pk")
        lists[audience] = [*cities, *(thread.get_absolute_url() for thread in threads), *directories]
    topic = Topic.objects.active().order_by("order").first()
    replied = (
        Thread.objects.public()
        .filter(topic=topic, is_locked=False)
        .exclude(pk=big_thread().pk)
        .order_by("pk")
        .first()
    )
    return {**lists, "thread": replied.get_absolute_url(), "topic": topic.get_absolute_url()}


def session(user) -> tuple[Client, str]:
    """A client logged in as `user`, and its session as its browser sends it back."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client, "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


class Command(BaseCommand):
    help = "Print the benchmark's pages, sessions and busy-day paths as JSON (used by make bench)."

    def handle(self, *args, **options):
        from devdata.bench.people import STAFF_EMAIL, officer_emails

        users = get_user_model().objects
        officer_email, writer_email = officer_emails(2)
        officer = users.get(email=officer_email)
        clients, sessions = {"visitor": Client(HTTP_HOST="127.0.0.1")}, {}
        for person, email in (("officer", officer_email), ("staff", STAFF_EMAIL), ("writer", writer_email)):
            clients[person], sessions[person] = session(users.get(email=email))
        entries = bench_pages()
        for entry in entries:
            # What rendering the page costs, without the page cache in front of it.
            with override_settings(PAGE_CACHE=False), CaptureQueriesContext(connection) as queries:
                entry["status"] = clients[entry["as"]].get(entry["path"], secure=True).status_code
            entry["queries"] = len(queries)
        self.stdout.write(json.dumps({"pages": entries, "sessions": sessions, "busy_day": busy_day(officer)}))
