import pytest
from django.core import mail
from django.urls import reverse

from cities.models import MembershipApplication
from core.models import ActionLog
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
URL = reverse("cities:join")
VALID = {
    "city_name": "Kortrijk",
    "country": "BE",
    "population": "77000",
    "contact_name": "Lotte Peeters",
    "applicant_role": "officer",
    "contact_role": "Mobility coordinator",
    "email": "lotte@example.org",
    "motivation": "We test shared e-bikes and want to learn from others.",
    "consent_to_contact": "on",
}


def test_the_form_has_a_label_for_every_field(client):
    html = client.get(URL).content.decode()
    for name in ["city_name", "country", "population", "contact_name", "applicant_role", "contact_role", "email",
                 "motivation", "decision_document", "consent_to_contact"]:
        assert f'for="id_{name}"' in html


def test_a_valid_application_is_stored_and_both_sides_are_emailed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, VALID)
    run_queued_tasks()
    assert response.status_code == 302
    assert response["Location"] == reverse("cities:join-thanks")
    application = MembershipApplication.objects.get()
    assert application.city_name == "Kortrijk"
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert {tuple(message.to) for message in mail.outbox} == {("lotte@example.org",), ("staff@smc-portal.localhost",)}
    assert ActionLog.objects.filter(action="cities.application.submitted").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("city_name", ""),
        ("country", "XX"),
        ("population", "abc"),
        ("population", "-5"),
        ("population", "99999999999999999999"),
        ("email", "not-an-email"),
        ("motivation", ""),
        ("applicant_role", ""),
        ("applicant_role", "emperor"),
        ("consent_to_contact", None),
    ],
)
def test_a_wrong_value_is_shown_next_to_its_field_and_the_input_is_kept(client, field, value):
    data = {**VALID}
    if value is None:
        data.pop(field)
    else:
        data[field] = value
    response = client.post(URL, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert "Lotte Peeters" in html
    assert not MembershipApplication.objects.exists()


def test_the_honeypot_stores_nothing_and_tells_the_bot_nothing(client):
    response = client.post(URL, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_the_rate_limit_stops_a_flood_from_one_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "join": "2/h/ip"}
    for n in range(2):
        assert client.post(URL, {**VALID, "email": f"a{n}@example.org"}).status_code == 302
    response = client.post(URL, {**VALID, "email": "a3@example.org"})
    assert response.status_code == 429
    assert "Too many applications" in response.content.decode()
    assert "Lotte Peeters" in response.content.decode()
    assert MembershipApplication.objects.count() == 2


def test_the_thanks_page_answers(client):
    assert client.get(reverse("cities:join-thanks")).status_code == 200
