"""The demo content (through the workflows, marked as demo, idempotent) and the benchmark data at a small scale
(tests/devdata/test_bench_data.py checks every page the benchmark measures against its query budget)."""

import io

import pytest
from django.core.management import call_command

from core.models import ActionLog
from devdata.bench import projects as bench
from devdata.demo import projects as demo
from projects.models import AfterEndEntry, Call, Interest, Participation, PartnerRequest, Project, Review

pytestmark = pytest.mark.django_db


def test_the_demo_goes_through_the_workflows_is_marked_and_loads_once():
    call_command("load_demo", stdout=io.StringIO())
    projects = Project.objects.filter(is_demo=True)
    assert projects.count() == 4
    assert set(projects.values_list("status", flat=True)) == {Review.APPROVED, Review.PROPOSED}
    assert {project.phase for project in projects.filter(status=Review.APPROVED)} == {"ended", "running", "upcoming"}
    assert AfterEndEntry.objects.filter(project__acronym="SHIFT-SMC").exists()
    assert {call.phase for call in Call.objects.filter(is_demo=True)} == {"open", "closing", "upcoming", "closed"}
    partner_request = PartnerRequest.objects.get(is_demo=True)
    assert Interest.objects.filter(request=partner_request).count() == 1
    assert ActionLog.objects.filter(action="projects.project.approved").count() == 3
    counts = (Project.objects.count(), Participation.objects.count(), Call.objects.count(), Interest.objects.count())
    demo.load(io.StringIO())
    after = (Project.objects.count(), Participation.objects.count(), Call.objects.count(), Interest.objects.count())
    assert after == counts


@pytest.fixture
def bench_data(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    call_command("load_bench_data", scale=0.01, stdout=io.StringIO())


def test_the_bench_data_scales_and_loads_once(bench_data):
    assert Project.objects.count() == 20 and Call.objects.count() == 5 and PartnerRequest.objects.count() == 10
    assert Participation.objects.filter(role="coordinator").count() == 20
    bench.load_bench(0.01, lambda *args: None)
    assert Project.objects.count() == 20
