"""The benchmark's pages, their query counts, and a logged-in officer's session cookie, as one JSON line."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from cities.models import City
from devdata.bench.conversations import big_thread
from devdata.bench.people import officer_email
from topics.models import Topic


def bench_pages() -> list[dict]:
    city = City.objects.members().order_by("pk").first()
    topic = Topic.objects.active().order_by("order").first()
    last_page = max(
        1, (City.objects.members().count() + settings.DIRECTORY_PAGE_SIZE - 1) // settings.DIRECTORY_PAGE_SIZE
    )
    pages = [
        ("home", "/"),
        ("directory", "/cities/"),
        ("directory, three filters", "/cities/?country=DE&sump=adopted&population_min=20000"),
        ("directory, last page", f"/cities/?page={last_page}"),
        ("city profile", city.get_absolute_url()),
        ("map", "/cities/map/"),
        ("export CSV", "/cities/export.csv"),
        ("export GeoJSON", "/cities/export.geojson"),
        ("topic list", "/topics/"),
        ("topic page", topic.get_absolute_url()),
        ("ambassadors wall", "/ambassadors/"),
        ("declaration", "/ambassadors/declaration/"),
        ("search, common word", "/search/?q=mobility"),
        ("search, rare word", "/search/?q=zwolle"),
    ]
    thread = big_thread()
    last_post = thread.posts.order_by("-id").values_list("id", flat=True).first()
    pages += [
        ("thread of 5,000 replies, first page", thread.get_absolute_url()),
        ("thread of 5,000 replies, last page", f"{thread.get_absolute_url()}?before={last_post + 1}"),
    ]
    entries = [{"name": name, "path": path} for name, path in pages]
    entries.append({"name": "topic page, logged-in officer", "path": topic.get_absolute_url(), "logged_in": True})
    return entries


class Command(BaseCommand):
    help = "Print the benchmark's pages as JSON (used by bench/run.py)."

    def handle(self, *args, **options):
        officer = get_user_model().objects.get(email=officer_email())
        anonymous, logged_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
        logged_in.force_login(officer)
        entries = bench_pages()
        for entry in entries:
            client = logged_in if entry.get("logged_in") else anonymous
            # What rendering the page costs, without the page cache in front of it.
            with override_settings(PAGE_CACHE=False), CaptureQueriesContext(connection) as queries:
                entry["status"] = client.get(entry["path"], secure=True).status_code
            entry["queries"] = len(queries)
        # The session and the CSRF cookie, as the officer's browser sends them back.
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in logged_in.cookies.items())
        self.stdout.write(json.dumps({"pages": entries, "officer_cookie": cookie}))
