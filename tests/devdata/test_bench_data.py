"""`load_bench_data` at a small scale, and every page the benchmark measures on it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from ambassadors.models import Signature, normalise_email
from cities.models import City, GazetteerEntry
from devdata.bench.conversations import big_thread
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


def test_every_benchmark_page_answers_within_its_query_budget(bench_data):
    out = StringIO()
    call_command("bench_pages", stdout=out)
    measured = json.loads(out.getvalue().strip().splitlines()[-1])
    assert len(measured["pages"]) == 17
    for page in measured["pages"]:
        assert page["status"] == 200, page
        assert page["queries"] <= (12 if page.get("logged_in") else 10), page
    assert "sessionid" in measured["officer_cookie"]


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
