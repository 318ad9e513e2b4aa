"""Staff move a city's membership only through admin actions that ask why; the form cannot set it."""

import pytest
from django.urls import reverse

from cities.models import City
from core.models import ActionLog
from devdata.factories import CityFactory
from tests.cities.conftest import apply_action

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:cities_city_changelist")
ACTIONS = {
    "city_admit": (City.Membership.APPLICANT, City.Membership.MEMBER),
    "city_suspend": (City.Membership.MEMBER, City.Membership.SUSPENDED),
    "city_reinstate": (City.Membership.SUSPENDED, City.Membership.MEMBER),
    "city_end_membership": (City.Membership.SUSPENDED, City.Membership.FORMER),
    "city_readmit": (City.Membership.FORMER, City.Membership.MEMBER),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_each_membership_action_asks_for_a_reason_then_moves_the_city(staff_client, action):
    start, end = ACTIONS[action]
    city = CityFactory(name="Emmen", membership_status=start)
    data = {"action": action, "_selected_action": [city.pk]}
    asked = staff_client.post(CHANGELIST, data)
    assert asked.status_code == 200 and b'name="reason"' in asked.content
    refused = staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    assert refused.status_code == 200 and b"This field is required" in refused.content
    city.refresh_from_db()
    assert city.membership_status == start
    done = staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": "Steering group decision"}, follow=True)
    city.refresh_from_db()
    assert city.membership_status == end
    assert "1 done" in done.content.decode()
    assert ActionLog.objects.about(city).get().actor == staff_client.staff


def test_an_action_from_the_wrong_state_says_why_and_changes_nothing(staff_client):
    city = CityFactory(name="Emmen", membership_status=City.Membership.FORMER)
    response = apply_action(staff_client, CHANGELIST, "city_suspend", city, reason="Why not")
    assert "Emmen: That step is not possible now (city: former member)." in response.content.decode()
    city.refresh_from_db()
    assert city.membership_status == City.Membership.FORMER


def test_the_city_form_shows_the_membership_and_the_plan_but_cannot_change_them(staff_client):
    city = CityFactory(name="Emmen", country="NL", sump_status=City.Sump.NONE)
    url = reverse("admin:cities_city_change", args=[city.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="membership_status"' not in page and 'name="sump_status"' not in page
    assert reverse("cities:plan", args=[city.slug]) in page
    response = staff_client.post(
        url,
        {
            "name": "Emmen",
            "country": "NL",
            "membership_status": "former",
            "sump_status": "adopted",
            "platform_role": "",
            "core-actionlog-content_type-object_id-TOTAL_FORMS": "0",
            "core-actionlog-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.membership_status, city.sump_status) == (City.Membership.MEMBER, City.Sump.NONE)


def test_staff_cannot_delete_cities_in_bulk(staff_client):
    CityFactory()
    page = staff_client.get(CHANGELIST).content.decode()
    assert 'value="delete_selected"' not in page
    assert 'value="city_suspend"' in page
