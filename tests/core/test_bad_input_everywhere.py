"""Generated values sent to every form and every GET filter, as every role that reaches them:
no response is ever a server error, and an invalid submission stores nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Affiliation
from ambassadors.models import Signature
from ambassadors.services import reconfirmation_token
from cities.models import City, MembershipApplication
from cities.plans import PLAN_FIELDS
from devdata.factories import (
    CallFactory,
    DeclarationFactory,
    OfficerFactory,
    PartnerRequestFactory,
    ProjectFactory,
    ReconfirmationFactory,
    RepresentativeFactory,
    StaffFactory,
    ThreadFactory,
    UserFactory,
    days,
)
from projects.models import AfterEndEntry, Call, Interest, Participation, PartnerRequest, Project
from tests.core.test_bad_input import nasty_text
from topics.models import Post, Report, Resource, Thread

fuzz = settings(
    max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
values = st.one_of(
    nasty_text,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),  # real dates, in impossible orders (a revision before the adoption, a future adoption)
    st.sampled_from(["adopted", "under_revision", "in_preparation", "none", "officer", "political", "member"]),
    st.dates().map(lambda day: day.isoformat()),  # real dates, the earliest and latest there are among them
    st.sampled_from(["in_office", "left", "former", "all", "mayor", "other"]),  # choices that exist
)


@pytest.fixture
def world(db):
    officer = OfficerFactory()
    thread = ThreadFactory(author=officer, members_only=False)
    DeclarationFactory()
    city = officer.affiliations.get().city
    return {
        "reconfirmation": ReconfirmationFactory(),
        "project": ProjectFactory(start_date=days(-900), end_date=days(-100), partners=[(city, "coordinator")]),
        "other_project": ProjectFactory(),
        "partner_request": PartnerRequestFactory(members_only=False, call=CallFactory()),
        "visitor": None,
        "user": UserFactory(),
        "officer": officer,
        "representative": RepresentativeFactory(),
        "staff": StaffFactory(),
        "thread": thread,
        "post": thread.posts.get(),
    }


def client_as(world, role) -> Client:
    client = Client()
    if world[role] is not None:
        client.force_login(world[role])
    return client


def stored() -> tuple:
    return (
        Thread.objects.count(),
        Post.objects.count(),
        Resource.objects.count(),
        Report.objects.count(),
        Signature.objects.count(),
        Affiliation.objects.count(),
        MembershipApplication.objects.count(),
        list(City.objects.order_by("pk").values_list(*PLAN_FIELDS)),
        Project.objects.count(),
        Participation.objects.count(),
        AfterEndEntry.objects.count(),
        Call.objects.count(),
        PartnerRequest.objects.count(),
        Interest.objects.count(),
    )


GET_PAGES = [
    (
        "/cities/",
        [
            "q", "country", "population_min", "population_max", "sump", "revision", "membership", "topic",
            "ambassador", "project", "led_projects", "ordering", "page",
        ],
    ),
    ("/ambassadors/", ["q", "country", "office", "city", "term", "page"]),
    ("/search/", ["q", "cities_page", "threads_page", "posts_page", "resources_page", "ambassadors_page"]),
    ("/projects/", ["q", "programme", "topic", "status", "country", "city", "role", "after_the_end", "page"]),
    ("/projects/export.geojson", ["q", "programme", "topic", "status", "country", "city", "role", "after_the_end"]),
    ("/calls/", ["q", "status", "programme", "topic", "page"]),
    ("/partners/", ["q", "status", "programme", "topic", "role", "country", "page"]),
    ("/partners/new/", ["call"]),
    ("/ambassadors/", ["q", "country", "office", "city", "page"]),
    (
        "/search/",
        [
            "q", "cities_page", "threads_page", "posts_page", "resources_page", "ambassadors_page", "projects_page",
            "calls_page", "partner_requests_page",
        ],
    ),
    ("/topics/data-and-digitalisation/", ["page"]),
    ("/topics/data-and-digitalisation/resources/", ["page"]),
    ("/ambassadors/verify/", ["code"]),
]


@pytest.mark.parametrize("role", ["visitor", "user", "officer", "representative", "staff"])
@fuzz
@given(data=st.data())
def test_every_get_filter_survives_generated_values_for_every_role(world, role, data):
    client = client_as(world, role)
    thread = world["thread"]
    pages = [*GET_PAGES, (thread.get_absolute_url(), ["after", "before"])]
    path, names = data.draw(st.sampled_from(pages))
    query = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=4))
    assert client.get(path, query).status_code < 500


FORMS = {
    "thread": (lambda w: "/topics/data-and-digitalisation/threads/new/", ["title", "body", "members_only"]),
    "reply": (lambda w: f"{w['thread'].get_absolute_url()}reply/", ["body"]),
    "edit": (lambda w: f"/topics/posts/{w['post'].pk}/edit/", ["title", "body"]),
    "report": (lambda w: f"/topics/posts/{w['post'].pk}/report/", ["reason"]),
    "resource": (
        lambda w: "/topics/data-and-digitalisation/resources/new/",
        ["kind", "title", "description", "url", "members_only"],
    ),
    "affiliation": (lambda w: "/profile/affiliations/new/", ["full_name", "city", "role", "job_title", "note"]),
    "sign": (
        lambda w: "/ambassadors/declaration/sign/",
        [
            "version",
            "full_name",
            "office",
            "office_title",
            "city",
            "term_ends_on",
            "statement",
            "listed_publicly",
            "holds_office",
        ],
    ),
    "reconfirm": (
        lambda w: reverse("ambassadors:reconfirm", args=[reconfirmation_token(w["reconfirmation"])]),
        ["answer", "left_office_on", "term_ends_on"],
    ),
    "join": (
        lambda w: "/join/",
        ["city_name", "country", "population", "contact_name", "applicant_role", "email", "motivation"],
    ),
    "plan": (lambda w: f"/cities/{w['officer'].affiliations.get().city.slug}/plan/", PLAN_FIELDS),
    "project": (
        lambda w: "/projects/new/",
        ["city", "role", "acronym", "title", "programme", "start_date", "end_date", "website", "summary", "topics"],
    ),
    "project edit": (
        lambda w: f"{w['project'].get_absolute_url()}edit/",
        ["acronym", "title", "programme", "start_date", "end_date", "website", "summary", "results", "topics"],
    ),
    "after the end": (
        lambda w: f"{w['project'].get_absolute_url()}after-the-end/new/",
        ["city", "happened_on", "title", "description"],
    ),
    "join a project": (lambda w: f"{w['other_project'].get_absolute_url()}join/", ["city", "role"]),
    "call": (
        lambda w: "/calls/new/",
        ["programme", "identifier", "title", "opens_on", "deadline", "second_deadline", "budget_eur", "url", "summary"],
    ),
    "partner request": (
        lambda w: "/partners/new/",
        [
            "city", "call", "programme", "title", "description", "role_sought", "countries", "population_band",
            "topics", "sump_wanted", "deadline", "members_only",
        ],
    ),
    "interest": (lambda w: f"{w['partner_request'].get_absolute_url()}interest/", ["city", "message"]),
}


@pytest.mark.parametrize("role", ["visitor", "user", "officer", "representative", "staff"])
@pytest.mark.parametrize("form", FORMS)
@fuzz
@given(data=st.data())
def test_every_form_survives_generated_values_and_stores_nothing_invalid(world, role, form, data):
    client = client_as(world, role)
    path_of, names = FORMS[form]
    fields = data.draw(st.dictionaries(st.sampled_from(names), values, min_size=1))
    before = stored()
    response = client.post(path_of(world), fields)
    assert response.status_code < 500
    if response.status_code != 302:
        assert stored() == before
