"""Every page type of projects, funding calls and partner search, rendered as people see it (forms with their
errors too), is valid HTML for the Nu Html Checker; see tests/html/test_valid_html.py for the checker itself."""


import pytest
from django.test import Client
from django.urls import reverse

from devdata.factories import (
    AfterEndEntryFactory,
    CallFactory,
    CityFactory,
    InterestFactory,
    PartnerRequestFactory,
    ProjectFactory,
    StaffFactory,
    UserFactory,
    days,
    officer_of,
    topic,
)
from projects.models import CallStatus, Review, Role
from tests.html.checker import Pages, as_user, assert_valid_html

pytestmark = pytest.mark.django_db
ERRORS = ('class="errors"',)


def _world():
    emmen = CityFactory(name="Emmen & Co", country="NL", population=107_000, sump_status="adopted")
    bologna = CityFactory(name="Bologna", country="IT", population=390_000)
    emmen.topics.add(topic())
    bologna.topics.add(topic())
    ended = ProjectFactory(
        acronym="SHIFT", title="Shared & flexible", start_date=days(-1500), end_date=days(-100),
        website="https://shift.example.org/?a=1&b=2", results="Two hubs\nand a bus.",
        partners=[(emmen, Role.COORDINATOR), (bologna, Role.PARTNER)],
    )
    ended.topics.add(topic())
    AfterEndEntryFactory(project=ended, city=emmen, title="The bus stayed & grew")
    ProjectFactory(acronym="WAIT", status=Review.PROPOSED, partners=[(emmen, Role.COORDINATOR)])
    call = CallFactory(identifier="HE-01", second_deadline=days(200), budget_eur=2_000_000)
    call.topics.add(topic())
    partner_request = PartnerRequestFactory(
        city=emmen, call=call, countries=["IT", "DE"], population_band="100k_250k", sump_wanted="adopted",
        programme_experience=True,
    )
    partner_request.topics.add(topic())
    InterestFactory(request=partner_request, city=bologna, message="We are in & ready.")
    return {"emmen": emmen, "bologna": bologna, "ended": ended, "call": call, "request": partner_request}


def _render(settings) -> dict[str, str]:
    settings.DEBUG = False
    world = _world()
    pages = Pages()
    visitor = Client()
    emmen_officer = as_user(officer_of(world["emmen"]))
    other_officer = as_user(officer_of(CityFactory(name="Lund")))
    staff = as_user(StaffFactory())
    ended, call, partner_request = world["ended"], world["call"], world["request"]

    pages.get("projects", visitor, "/projects/", contains=("SHIFT",))
    pages.get("projects filtered", visitor, "/projects/?status=ended&city=emmen&after_the_end=yes")
    pages.get("projects with a filter error", visitor, "/projects/?status=nonsense", contains=ERRORS)
    pages.get("projects (officer)", emmen_officer, "/projects/", contains=("Record a project",))
    pages.get("project", visitor, ended.get_absolute_url(), contains=("The bus stayed",))
    pages.get("project (partner officer)", emmen_officer, ended.get_absolute_url(), contains=("Update the project",))
    pages.get("project (other officer)", other_officer, ended.get_absolute_url(), contains=("Add your city",))
    pages.get("project waiting for staff", emmen_officer, "/projects/wait/", contains=("have not approved",))
    pages.get("propose", emmen_officer, reverse("projects:propose"))
    pages.post("propose with errors", emmen_officer, reverse("projects:propose"),
               {"acronym": "X", "start_date": "2024-01-01", "end_date": "2023-01-01"}, contains=ERRORS)
    pages.get("edit", emmen_officer, reverse("projects:edit", args=[ended.slug]))
    pages.get("after the end", emmen_officer, reverse("projects:after-end-new", args=[ended.slug]))
    pages.post("after the end with errors", emmen_officer, reverse("projects:after-end-new", args=[ended.slug]),
               {"happened_on": str(days(-200))}, contains=ERRORS)
    pages.get("join", other_officer, reverse("projects:join", args=[ended.slug]))

    pages.get("calls", visitor, "/calls/", contains=("HE-01",))
    pages.get("calls closing", visitor, "/calls/?status=closing&programme=horizon_europe")
    pages.get("call (visitor)", visitor, call.get_absolute_url(), contains=("Second-stage deadline",))
    pages.get("call (member)", as_user(UserFactory()), call.get_absolute_url(), contains=("Follow",))
    pages.get("call (officer)", other_officer, call.get_absolute_url(), contains=("Look for partners",))
    proposed_call = CallFactory(status=CallStatus.PROPOSED, recorded_by=StaffFactory())
    pages.get("call waiting for staff", staff, proposed_call.get_absolute_url())
    pages.get("record a call", staff, reverse("projects:call-new"))
    pages.post("record a call with errors", other_officer, reverse("projects:call-new"),
               {"opens_on": str(days(5)), "deadline": str(days(1)), "budget_eur": "lots"}, contains=ERRORS)
    follower = UserFactory()
    follower.call_follows.create(call=call)
    follower.call_follows.create(programme="life")
    pages.get("following", as_user(follower), reverse("projects:following"), contains=("HE-01",))
    pages.get("following nothing", as_user(UserFactory()), reverse("projects:following"))

    pages.get("partner requests (visitor)", visitor, "/partners/")
    pages.get("partner requests (officer)", other_officer, "/partners/", contains=(partner_request.title,))
    pages.get("partner request (poster)", emmen_officer, partner_request.get_absolute_url(),
              contains=("We are in", "Close the request"))
    pages.get("partner request (other officer)", other_officer, partner_request.get_absolute_url(),
              contains=("Say your city is interested", "Cities like the one wanted"))
    pages.post("interest with errors", other_officer, reverse("projects:interest-new", args=[partner_request.pk]),
               {"message": ""}, status=400, contains=ERRORS)
    pages.get("look for partners", other_officer, reverse("projects:partner-request-new"), call=call.slug)
    pages.post("look for partners with errors", other_officer, reverse("projects:partner-request-new"),
               {"title": "x", "deadline": str(days(-3))}, contains=ERRORS)

    pages.get("city profile with projects", visitor, world["emmen"].get_absolute_url(),
              contains=("Projects and roles", "Cities like this one", "took part in a project (CIVITAS)"))
    pages.get("search", other_officer, "/search/", q="shift", contains=("SHIFT",))
    pages.get("calls (fr)", Client(headers={"accept-language": "fr"}), "/calls/")
    return pages.documents


def test_every_projects_page_type_is_valid_html(settings, tmp_path):
    assert_valid_html(lambda: _render(settings), tmp_path)
