"""A city's mobility plan with its dates: kept by the city's own officers on their page, every change in the
city's audit trail, impossible dates refused at their field; the directory and the open data show the dates."""

import csv
import datetime
import io
import json

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import Affiliation
from cities.models import City
from cities.plans import plan_update
from core.models import ActionLog
from core.workflow import Refused
from devdata.factories import AffiliationFactory, CityFactory, OfficerFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = datetime.timedelta(days=365)
VALID = {
    "sump_status": "adopted",
    "sump_adopted_on": "2021-06-15",
    "sump_revision_due": "2031-06-15",
    "sump_url": "https://emmen.example.org/sump",
}


@pytest.fixture
def city(db):
    return CityFactory(name="Emmen", sump_status=City.Sump.IN_PREPARATION)


@pytest.fixture
def officer(city):
    return AffiliationFactory(city=city).user


def plan_url(city) -> str:
    return reverse("cities:plan", args=[city.slug])


def test_an_officer_updates_the_plan_and_the_profile_shows_it(client, city, officer):
    client.force_login(officer)
    response = client.post(plan_url(city), VALID, follow=True)
    assert response.redirect_chain[-1][0] == city.get_absolute_url()
    html = response.content.decode()
    assert "The mobility plan of Emmen is updated." in html
    assert "15 June 2021" in html and "15 June 2031" in html
    city.refresh_from_db()
    assert city.sump_status == City.Sump.ADOPTED
    assert city.sump_adopted_on == datetime.date(2021, 6, 15)
    assert city.sump_revision_due == datetime.date(2031, 6, 15)
    assert city.sump_url == "https://emmen.example.org/sump"


def test_each_change_is_in_the_citys_audit_trail_with_who_and_what(client, city, officer):
    client.force_login(officer)
    client.post(plan_url(city), VALID)
    entry = ActionLog.objects.about(city).get(action="cities.plan.updated")
    assert entry.actor == officer
    assert entry.data["from_state"] == "in_preparation" and entry.data["to_state"] == "adopted"
    assert entry.data["changes"] == {
        "sump_status": ["in_preparation", "adopted"],
        "sump_adopted_on": ["", "2021-06-15"],
        "sump_revision_due": ["", "2031-06-15"],
        "sump_url": ["", "https://emmen.example.org/sump"],
    }


def test_saving_without_a_change_logs_nothing(client, city, officer):
    client.force_login(officer)
    client.post(plan_url(city), VALID)
    response = client.post(plan_url(city), VALID, follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert ActionLog.objects.about(city).filter(action="cities.plan.updated").count() == 1


def test_the_form_starts_from_the_plan_as_it_is(client, officer):
    city = officer.affiliations.get().city
    City.objects.filter(pk=city.pk).update(sump_status="adopted", sump_adopted_on=datetime.date(2020, 2, 1))
    client.force_login(officer)
    html = client.get(plan_url(city)).content.decode()
    assert 'value="2020-02-01"' in html and 'type="date"' in html


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"sump_revision_due": "2020-01-01"}, "sump_revision_due", "The revision is due after the plan's adoption"),
        ({"sump_revision_due": "2021-06-15"}, "sump_revision_due", "The revision is due after the plan's adoption"),
        (
            {"sump_adopted_on": (TODAY + datetime.timedelta(days=1)).isoformat()},
            "sump_adopted_on",
            "The adoption date cannot be in the future.",
        ),
        ({"sump_adopted_on": ""}, "sump_adopted_on", "Give the date the plan was adopted."),
        ({"sump_status": "in_preparation"}, "sump_adopted_on", "Only an adopted plan has an adoption date"),
        (
            {"sump_status": "none", "sump_adopted_on": ""},
            "sump_revision_due",
            "Only an adopted plan falls due for revision.",
        ),
        ({"sump_adopted_on": "31/02/2021"}, "sump_adopted_on", "Enter a valid date."),
        ({"sump_revision_due": "next spring"}, "sump_revision_due", "Enter a valid date."),
        ({"sump_status": "lost"}, "sump_status", "Select a valid choice."),
        ({"sump_url": "javascript:alert(1)"}, "sump_url", "Enter a valid URL."),
    ],
)
def test_an_impossible_plan_gets_a_message_at_the_field_and_keeps_what_was_typed(
    client, city, officer, values, field, message
):
    client.force_login(officer)
    data = {**VALID, **values}
    response = client.post(plan_url(city), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    for name, value in data.items():
        if value and name != "sump_status":
            assert f'value="{value}"' in html, name
    city.refresh_from_db()
    assert city.sump_status == City.Sump.IN_PREPARATION
    assert not ActionLog.objects.about(city).exists()


def test_a_typed_value_that_is_not_a_date_comes_back_in_a_text_box(client, city, officer):
    client.force_login(officer)
    html = client.post(plan_url(city), {**VALID, "sump_adopted_on": "spring 2021"}).content.decode()
    assert 'type="text" name="sump_adopted_on" value="spring 2021"' in html


def test_the_workflow_itself_refuses_impossible_dates():
    city = CityFactory()
    values = {"sump_status": "adopted", "sump_adopted_on": TODAY, "sump_revision_due": TODAY - YEAR}
    with pytest.raises(Refused) as refusal:
        plan_update(city, by=StaffFactory(), values=values, today=TODAY)
    assert "sump_revision_due" in refusal.value.message_dict


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer of another city", 403), ("verified user", 403), ("pending officer", 403), ("staff", 200)],
)
def test_only_the_citys_officers_and_staff_reach_the_plan_page(client, city, who, status):
    user = {
        "officer of another city": OfficerFactory,
        "verified user": UserFactory,
        "pending officer": lambda: AffiliationFactory(city=city, status=Affiliation.Status.PENDING).user,
        "staff": StaffFactory,
    }[who]()
    client.force_login(user)
    assert client.get(plan_url(city)).status_code == status
    client.post(plan_url(city), VALID)
    city.refresh_from_db()
    assert (city.sump_status == City.Sump.ADOPTED) == (status == 200)


def test_a_visitor_is_asked_to_log_in(client, city):
    response = client.get(plan_url(city))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("state", [City.Membership.SUSPENDED, City.Membership.FORMER])
def test_officers_of_a_city_that_is_not_a_member_no_longer_update_its_plan(client, state):
    city = CityFactory(membership_status=state)
    client.force_login(AffiliationFactory(city=city).user)
    assert client.get(plan_url(city)).status_code == 403


def test_the_profile_links_the_plan_page_for_those_who_may_use_it(client, city, officer):
    assert plan_url(city) not in client.get(city.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert plan_url(city) in client.get(city.get_absolute_url()).content.decode()


def test_the_page_of_an_unknown_or_applicant_city_is_not_found(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("cities:plan", args=["nowhere"])).status_code == 404
    applicant = CityFactory(membership_status=City.Membership.APPLICANT)
    assert client.get(plan_url(applicant)).status_code == 404


# The directory and the open data -------------------------------------------------------------------------------


@pytest.fixture
def plans(db):
    def city(name, due):
        return CityFactory(name=name, sump_status="adopted", sump_adopted_on=TODAY - 5 * YEAR, sump_revision_due=due)

    return {
        "soon": city("Soon", TODAY + datetime.timedelta(days=40)),
        "in a year": city("In a year", TODAY + datetime.timedelta(days=365)),
        "later": city("Later", TODAY + 2 * YEAR),
        "overdue": city("Overdue", TODAY - datetime.timedelta(days=1)),
        "no date": CityFactory(name="No date", sump_status="in_preparation"),
    }


def names(client, **query) -> list[str]:
    return [city.name for city in client.get(reverse("cities:directory"), query).context["page"].object_list]


def test_the_directory_filters_on_a_revision_due_within_a_year(client, plans):
    assert names(client, revision="within_a_year") == ["In a year", "Soon"]
    assert names(client, revision="overdue") == ["Overdue"]
    assert len(names(client)) == 5


def test_the_directory_shows_the_due_date(client, plans):
    html = client.get(reverse("cities:directory"), {"q": "later"}).content.decode()
    assert f"revision due {date_filter(plans['later'].sump_revision_due, 'DATE_FORMAT')}" in html


def test_the_exports_carry_the_plans_status_and_dates(client):
    CityFactory(
        name="Emmen",
        sump_status="under_revision",
        sump_adopted_on=datetime.date(2019, 3, 14),
        sump_revision_due=datetime.date(2029, 3, 14),
        sump_url="https://emmen.example.org/sump",
    )
    [row] = csv.DictReader(io.StringIO(client.get(reverse("cities:export-csv")).content.decode()))
    assert (row["sump_status"], row["sump_adopted_on"], row["sump_revision_due"], row["sump_url"]) == (
        "under_revision",
        "2019-03-14",
        "2029-03-14",
        "https://emmen.example.org/sump",
    )
    [feature] = json.loads(client.get(reverse("cities:export-geojson")).content)["features"]
    assert feature["properties"]["sump_adopted_on"] == "2019-03-14"
    assert feature["properties"]["sump_revision_due"] == "2029-03-14"


def test_can_update_city_plan_decides_the_link_the_page_and_the_workflow(client, city, officer, monkeypatch):
    client.force_login(officer)
    assert plan_url(city) in client.get(city.get_absolute_url()).content.decode()
    monkeypatch.setattr(permissions, "can_update_city_plan", lambda user, city: False)
    assert plan_url(city) not in client.get(city.get_absolute_url()).content.decode()
    assert client.get(plan_url(city)).status_code == 403
    with pytest.raises(Refused):
        plan_update(city, by=officer, values={"sump_status": "none"}, today=TODAY)
