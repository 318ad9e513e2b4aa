"""Partner search's pages: the list for who may see it, posting a request (for a call, with its deadline), a
city's interest refused at the field when it may not answer, and the poster seeing who answered."""

import pytest
from django.urls import reverse

from devdata.factories import (
    CallFactory,
    CityFactory,
    InterestFactory,
    OfficerFactory,
    PartnerRequestFactory,
    StaffFactory,
    UserFactory,
    days,
    officer_of,
    topic,
)
from projects.models import Interest, PartnerRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def emmen():
    return CityFactory(name="Emmen")


@pytest.fixture
def bologna():
    return CityFactory(name="Bologna", country="IT", population=390_000)


def titles(client, **query) -> list[str]:
    response = client.get(reverse("projects:partner-requests"), query)
    assert response.status_code == 200
    return sorted(item.title for item in response.context["page"].object_list)


def test_visitors_see_public_requests_and_officers_all(client, emmen):
    PartnerRequestFactory(city=emmen, title="Members", programme="life")
    PartnerRequestFactory(city=emmen, title="Public", members_only=False)
    assert titles(client) == ["Public"]
    client.force_login(OfficerFactory())
    assert titles(client) == ["Members", "Public"]
    assert titles(client, programme="life") == ["Members"]
    assert titles(client, status="filled") == []


def test_a_members_only_request_asks_visitors_to_log_in_and_tells_others_why_not(client, emmen):
    partner_request = PartnerRequestFactory(city=emmen, title="Secret")
    response = client.get(partner_request.get_absolute_url())
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    client.force_login(UserFactory())
    response = client.get(partner_request.get_absolute_url())
    assert response.status_code == 403 and "Secret" not in response.content.decode()


def request_form(city, **fields) -> dict:
    return {
        "city": city.pk, "title": "On-demand buses", "description": "Two partners wanted.", "role_sought": "partner",
        "population_band": "100k_250k", "countries": ["IT", "DE"], "topics": [topic().pk], "members_only": "on",
        **fields,
    }


def test_an_officer_posts_a_request_for_a_call_whose_deadline_is_taken(client, emmen):
    call = CallFactory(deadline=days(45))
    client.force_login(officer_of(emmen))
    form_page = client.get(reverse("projects:partner-request-new"), {"call": call.slug})
    assert form_page.context["form"].initial["call"] == call
    response = client.post(reverse("projects:partner-request-new"), request_form(emmen, call=call.pk))
    posted = PartnerRequest.objects.get()
    assert response.url == posted.get_absolute_url()
    assert (posted.deadline, posted.programme, posted.city) == (days(45), call.programme, emmen)
    assert sorted(country.code for country in posted.countries) == ["DE", "IT"]


@pytest.mark.parametrize(
    ("fields", "field", "starts"),
    [
        ({"deadline": str(days(-1)), "programme": "other"}, "deadline", "This date has passed"),
        ({"programme": ""}, "programme", "Choose the programme, or the call"),
        ({"programme": "other"}, "deadline", "Give the date by which partners should answer."),
    ],
)
def test_a_project_idea_without_a_programme_or_with_a_past_deadline_is_refused_at_the_field(
    client, emmen, fields, field, starts
):
    client.force_login(officer_of(emmen))
    response = client.post(reverse("projects:partner-request-new"), request_form(emmen, **fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(starts)
    assert 'value="On-demand buses"' in response.content.decode()
    assert not PartnerRequest.objects.exists()


def test_a_deadline_after_the_calls_is_refused_at_the_deadline(client, emmen):
    call = CallFactory(deadline=days(45))
    client.force_login(officer_of(emmen))
    response = client.post(
        reverse("projects:partner-request-new"), request_form(emmen, call=call.pk, deadline=str(days(46)))
    )
    assert response.context["form"].errors["deadline"][0].startswith("The call's deadline is")


def test_an_officer_of_another_city_says_it_is_interested_and_the_poster_sees_it(client, emmen, bologna):
    poster = officer_of(emmen)
    partner_request = PartnerRequestFactory(city=emmen, posted_by=poster)
    client.force_login(officer_of(bologna))
    page = client.get(partner_request.get_absolute_url()).content.decode()
    assert "Say your city is interested" in page
    response = client.post(
        reverse("projects:interest-new", args=[partner_request.pk]), {"city": bologna.pk, "message": "We're in."}
    )
    assert response.status_code == 302
    page = client.get(partner_request.get_absolute_url()).content.decode()
    assert "You said Bologna is interested." in page and "Say your city is interested" not in page
    client.force_login(poster)
    page = client.get(partner_request.get_absolute_url()).content.decode()
    assert "1 city is interested" in page and "We&#x27;re in." in page
    assert bologna.get_absolute_url() in page


def test_a_second_answer_from_the_same_city_is_refused_at_the_city_field(client, emmen, bologna):
    partner_request = PartnerRequestFactory(city=emmen)
    InterestFactory(request=partner_request, city=bologna)
    officer = officer_of(bologna)
    officer.affiliations.create(city=CityFactory(name="Lund"), role="officer", job_title="x", status="verified")
    client.force_login(officer)
    response = client.post(
        reverse("projects:interest-new", args=[partner_request.pk]), {"city": bologna.pk, "message": "Again"}
    )
    assert response.status_code == 400
    assert response.context["interest_form"].errors == {"city": ["Bologna has already said it is interested."]}
    assert Interest.objects.count() == 1


def test_the_posting_citys_officers_are_not_offered_the_interest_form(client, emmen):
    partner_request = PartnerRequestFactory(city=emmen)
    client.force_login(officer_of(emmen))
    page = client.get(partner_request.get_absolute_url()).content.decode()
    assert "Say your city is interested" not in page
    url = reverse("projects:interest-new", args=[partner_request.pk])
    response = client.post(url, {"city": emmen.pk, "message": "x"})
    assert response.status_code == 403 and not Interest.objects.exists()


def test_only_the_posting_city_and_staff_see_who_answered(client, emmen, bologna):
    partner_request = PartnerRequestFactory(city=emmen)
    InterestFactory(request=partner_request, city=bologna, message="Secret plans")
    client.force_login(OfficerFactory())
    assert "Secret plans" not in client.get(partner_request.get_absolute_url()).content.decode()
    client.force_login(StaffFactory())
    assert "Secret plans" in client.get(partner_request.get_absolute_url()).content.decode()


def test_the_poster_marks_the_request_filled(client, emmen):
    poster = officer_of(emmen)
    partner_request = PartnerRequestFactory(city=emmen, posted_by=poster)
    client.force_login(poster)
    response = client.post(reverse("projects:partner-request-fill", args=[partner_request.pk]), {"note": ""})
    assert response.status_code == 302
    partner_request.refresh_from_db()
    assert partner_request.status == "filled"
    response = client.post(reverse("projects:partner-request-withdraw", args=[partner_request.pk]), {"note": ""})
    assert response.status_code == 403  # nothing left to close


def test_the_request_page_shows_cities_like_the_one_wanted(client, emmen, bologna):
    partner_request = PartnerRequestFactory(city=emmen, countries=["IT"], members_only=False)
    page = client.get(partner_request.get_absolute_url()).content.decode()
    assert "Cities like the one wanted" in page and "country asked for (Italy)" in page


def test_the_cached_page_gives_each_officer_their_own_part(client, page_cache_on, emmen, bologna):
    poster = officer_of(emmen)
    partner_request = PartnerRequestFactory(city=emmen, posted_by=poster)
    InterestFactory(request=partner_request, city=CityFactory(name="Lund"), message="Secret plans")
    readers = [(poster, "Secret plans", "Say your city is interested"), (officer_of(bologna), "Say your city is "
               "interested", "Secret plans"), (poster, "Secret plans", "Say your city is interested")]
    for reader, shown, hidden in readers:  # the same cached page for both officers, in turn
        client.force_login(reader)
        page = client.get(partner_request.get_absolute_url()).content.decode()
        assert shown in page and hidden not in page
        assert "Cities like the one wanted" in page


def test_a_new_answer_and_a_new_address_show_at_once_on_the_cached_page(
    client, page_cache_on, emmen, bologna, django_capture_on_commit_callbacks
):
    poster = officer_of(emmen)
    partner_request = PartnerRequestFactory(city=emmen, posted_by=poster)
    answerer = officer_of(bologna)
    client.force_login(poster)
    assert "No city has answered yet." in client.get(partner_request.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        InterestFactory(request=partner_request, city=bologna, officer=answerer, message="Count us in")
    page = client.get(partner_request.get_absolute_url()).content.decode()
    assert "Count us in" in page and f"mailto:{answerer.email}" in page
    answerer.email = "new.address@bologna.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        answerer.save()
    assert "mailto:new.address@bologna.example.org" in client.get(partner_request.get_absolute_url()).content.decode()
