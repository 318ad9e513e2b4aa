"""`load_bench_data` at a small scale, and every page the benchmark measures on it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from ambassadors.models import Signature, normalise_email
from cities.models import City, GazetteerEntry
from devdata.bench.conversations import big_thread
from devdata.bench.people import STAFF_EMAIL, officer_emails
from topics.models import Meeting, Post, Thread, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_data(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    call_command("load_bench_data", scale=0.002, stdout=StringIO())


def test_the_scale_shrinks_everything_and_keeps_the_long_thread(bench_data):
    assert City.objects.members().count() == int(GazetteerEntry.objects.count() * 0.002)
    assert Thread.objects.count() == 100
    assert Post.objects.count() == 400
    thread = big_thread()
    assert thread.reply_count == 50 == thread.posts.count() - 1
    assert Meeting.objects.count() == 20 * Topic.objects.count()
    assert Signature.objects.verified().count() >= 1


def test_loading_twice_adds_nothing(bench_data):
    counts = (City.objects.count(), Thread.objects.count(), Post.objects.count(), Signature.objects.count())
    call_command("load_bench_data", scale=0.002, stdout=StringIO())
    assert (City.objects.count(), Thread.objects.count(), Post.objects.count(), Signature.objects.count()) == counts


@pytest.fixture
def measured(bench_data):
    out = StringIO()
    call_command("bench_pages", stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def test_every_benchmark_page_answers_within_its_query_budget(measured):
    assert len(measured["pages"]) == (20 + 13) + 2 * (11 + 4)
    for page in measured["pages"]:
        assert page["status"] == 200, page
        assert page["queries"] <= (10 if page["as"] == "visitor" else 12), page


def test_bulk_loaded_rows_hold_what_their_models_derive_when_saved(bench_data):
    for model, fields in [
        (City, ["search_name", "slug"]),
        (Post, ["body_html"]),
        (Signature, ["name_folded", "email_normalised"]),
    ]:
        for row in model.objects.all():
            stored = [getattr(row, field) for field in fields]
            row.derive_fields()
            assert [getattr(row, field) for field in fields] == stored, row
    signature = Signature.objects.first()
    assert signature.email_normalised == normalise_email(signature.email) != ""


def test_bulk_loaded_threads_count_their_replies_as_the_workflows_do(bench_data):
    before = list(Thread.objects.order_by("pk").values_list("reply_count", "last_activity_at"))
    Thread.objects.recount()
    assert list(Thread.objects.order_by("pk").values_list("reply_count", "last_activity_at")) == before
    assert sum(count for count, _latest in before) == Post.objects.filter(is_first=False).count()


def test_officer_and_staff_pages_are_measured_with_their_own_sessions(measured):
    for person in ("officer", "staff"):
        names = {page["name"] for page in measured["pages"] if page["as"] == person}
        assert {"home", "topic page", "thread of 5,000 replies, last page", "own profile"} <= names
    sessions = measured["sessions"]
    assert len({sessions["officer"], sessions["staff"], sessions["writer"]}) == 3
    assert all("sessionid=" in cookie for cookie in sessions.values())


def test_the_bench_data_has_a_staff_member(bench_data):
    staff = User.objects.get(email=STAFF_EMAIL)
    assert staff.is_staff and staff.emailaddress_set.get().verified


def test_the_busy_day_mixes_different_pages_each_audience_may_read(measured):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=officer_emails(1)[0]))
    for audience, reader in (("visitor", Client(HTTP_HOST="127.0.0.1")), ("officer", client)):
        paths = measured["busy_day"][audience]
        assert len(set(paths)) == len(paths)
        assert {path.split("/")[1] for path in paths} == {"cities", "topics"}
        assert any("?country=" in path for path in paths)
        for path in paths:
            assert reader.get(path, secure=True).status_code == 200, path
    members_only = set(measured["busy_day"]["officer"]) - set(measured["busy_day"]["visitor"])
    assert any("/threads/" in path for path in members_only)
    assert Client().get(measured["busy_day"]["thread"], secure=True).status_code == 200
