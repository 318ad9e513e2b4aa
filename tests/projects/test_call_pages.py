"""The calls' pages: the filterable list and its CSV, a call's page with its follow buttons, recording a call, and
the page of what one follows."""

import csv
import io

import pytest
from django.urls import reverse

from devdata.factories import CallFactory, OfficerFactory, PartnerRequestFactory, StaffFactory, UserFactory, days, topic
from projects.models import Call, CallStatus, Follow, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls():
    soon = CallFactory(identifier="EUI-SOON", programme=Programme.EUI, deadline=days(10))
    later = CallFactory(identifier="HE-LATER", deadline=days(90))
    later.topics.add(topic("data-and-digitalisation"))
    coming = CallFactory(identifier="LIFE-COMING", programme=Programme.LIFE, opens_on=days(20), deadline=days(80))
    closed = CallFactory(identifier="OLD", opens_on=days(-90), deadline=days(-3))
    CallFactory(identifier="PROPOSED", status=CallStatus.PROPOSED)
    return {"soon": soon, "later": later, "coming": coming, "closed": closed}


def listed(client, **query) -> list[str]:
    response = client.get(reverse("projects:calls"), query)
    assert response.status_code == 200
    return [call.identifier for call in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["EUI-SOON", "LIFE-COMING", "HE-LATER", "OLD"]),
        ({"status": "open"}, ["EUI-SOON", "HE-LATER"]),
        ({"status": "closing"}, ["EUI-SOON"]),
        ({"status": "upcoming"}, ["LIFE-COMING"]),
        ({"status": "closed"}, ["OLD"]),
        ({"programme": "life"}, ["LIFE-COMING"]),
        ({"topic": "data-and-digitalisation"}, ["HE-LATER"]),
        ({"q": "soon"}, ["EUI-SOON"]),
    ],
)
def test_calls_to_come_are_listed_soonest_first_and_filtered(client, calls, query, expected):
    assert listed(client, **query) == expected


def test_the_csv_lists_the_filtered_calls(client, calls):
    response = client.get(reverse("projects:calls-export-csv"), {"status": "open"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["identifier"] for row in rows] == ["EUI-SOON", "HE-LATER"]
    assert rows[0]["status"] == "closing"


def test_a_visitor_is_invited_to_log_in_to_follow(client, calls):
    html = client.get(calls["soon"].get_absolute_url()).content.decode()
    assert "to be reminded of the deadlines" in html
    assert "Follow “EUI-SOON”" not in html


def test_a_member_follows_a_call_and_its_programme_and_sees_them_listed(client, calls):
    user = UserFactory()
    client.force_login(user)
    call = calls["soon"]
    response = client.post(reverse("projects:call-follow", args=[call.slug]), {"follow": "1"})
    assert response.status_code == 302
    response = client.post(
        reverse("projects:programme-follow", args=["eui"]), {"follow": "1", "next": call.get_absolute_url()}
    )
    assert response.url == call.get_absolute_url()
    html = client.get(call.get_absolute_url()).content.decode()
    assert "Stop following “EUI-SOON”" in html and "Stop following “European Urban Initiative”" in html
    following = client.get(reverse("projects:following")).content.decode()
    assert "EUI-SOON" in following and "Every call of European Urban Initiative" in following
    client.post(reverse("projects:call-follow", args=[call.slug]), {"follow": "0"})
    assert list(Follow.objects.values_list("programme", flat=True)) == ["eui"]


def test_following_with_htmx_answers_with_the_new_button(client, calls):
    client.force_login(UserFactory())
    response = client.post(
        reverse("projects:call-follow", args=[calls["soon"].slug]), {"follow": "1"}, headers={"HX-Request": "true"}
    )
    assert "Stop following “EUI-SOON”" in response.content.decode()


def test_an_unknown_programme_cannot_be_followed(client):
    client.force_login(UserFactory())
    assert client.post(reverse("projects:programme-follow", args=["nope"]), {"follow": "1"}).status_code == 404


def test_an_unverified_user_may_not_follow(client, calls):
    client.force_login(UserFactory(verified=False))
    response = client.post(reverse("projects:call-follow", args=[calls["soon"].slug]), {"follow": "1"})
    assert response.status_code == 403 and not Follow.objects.exists()


def test_a_call_page_lists_the_open_requests_for_it_that_the_reader_may_see(client, calls):
    PartnerRequestFactory(call=calls["later"], title="Public request", members_only=False)
    PartnerRequestFactory(call=calls["later"], title="Members request")
    html = client.get(calls["later"].get_absolute_url()).content.decode()
    assert "Public request" in html and "Members request" not in html
    client.force_login(OfficerFactory())
    html = client.get(calls["later"].get_absolute_url()).content.decode()
    assert "Members request" in html and "Look for partners for this call" in html


def call_form(**fields) -> dict:
    return {
        "programme": "civitas", "identifier": "CIV-9", "title": "Labs", "opens_on": str(days(-1)),
        "deadline": str(days(30)), "url": "https://civitas.example.org", "summary": "For small cities.", **fields,
    }


@pytest.mark.parametrize(("make", "status"), [(StaffFactory, "published"), (OfficerFactory, "proposed")])
def test_staff_and_officers_record_calls(client, make, status):
    client.force_login(make())
    response = client.post(reverse("projects:call-new"), call_form())
    call = Call.objects.get()
    assert response.url == call.get_absolute_url() and call.status == status


def test_a_deadline_before_the_opening_is_refused_at_the_deadline(client):
    client.force_login(StaffFactory())
    response = client.post(reverse("projects:call-new"), call_form(opens_on=str(days(5)), deadline=str(days(1))))
    assert response.context["form"].errors == {"deadline": ["The deadline cannot be before the call opens."]}
    assert not Call.objects.exists()


def test_a_budget_that_is_not_a_number_is_shown_at_its_field_as_typed(client):
    client.force_login(StaffFactory())
    response = client.post(reverse("projects:call-new"), call_form(budget_eur="about 2M"))
    assert "budget_eur" in response.context["form"].errors
    assert 'value="about 2M"' in response.content.decode()
