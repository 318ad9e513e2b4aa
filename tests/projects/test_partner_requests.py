"""Partner search: open -> filled | withdrawn | closed after its deadline; interest once per city, never the
poster's own; the poster is told and sees who answered."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.models import ActionLog
from core.workflow import Refused
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
)
from projects.models import Interest, PartnerRequest, Programme, RequestStatus, Role
from projects.services import partners as services
from tests.worker import sent_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def emmen():
    return CityFactory(name="Emmen")


@pytest.fixture
def olaf(emmen):
    return officer_of(emmen, email="olaf@emmen.example.org")


@pytest.fixture
def bologna():
    return CityFactory(name="Bologna", country="IT")


@pytest.fixture
def marco(bologna):
    return officer_of(bologna, email="marco@bologna.example.org")


def a_request(city, **fields) -> PartnerRequest:
    values = {
        "city": city, "title": "On-demand buses", "description": "Two partners wanted.", "role_sought": Role.PARTNER,
    }
    return PartnerRequest(**{**values, **fields})


def test_a_request_for_a_call_takes_its_programme_and_its_deadline(olaf, emmen):
    call = CallFactory(programme=Programme.LIFE, deadline=days(40))
    posted = services.partner_request_post(a_request(emmen, call=call), by=olaf)
    assert (posted.programme, posted.deadline, posted.status) == (Programme.LIFE, days(40), RequestStatus.OPEN)
    assert posted.members_only and posted.posted_by == olaf
    assert list(ActionLog.objects.about(posted).values_list("action", flat=True)) == [
        "projects.partner_request.posted"
    ]


def test_a_request_cannot_outlive_its_call_or_start_in_the_past(olaf, emmen):
    call = CallFactory(deadline=days(40))
    with pytest.raises(Refused) as refusal:
        services.partner_request_post(a_request(emmen, call=call, deadline=days(41)), by=olaf)
    assert "deadline" in refusal.value.message_dict
    with pytest.raises(Refused) as refusal:
        services.partner_request_post(a_request(emmen, programme=Programme.OTHER, deadline=days(-1)), by=olaf)
    assert "deadline" in refusal.value.message_dict
    assert not PartnerRequest.objects.exists()


def test_a_project_idea_needs_its_own_deadline(olaf, emmen):
    with pytest.raises(Refused) as refusal:
        services.partner_request_post(a_request(emmen, programme=Programme.OTHER), by=olaf)
    assert "deadline" in refusal.value.message_dict


@pytest.mark.parametrize("who", ["verified", "staff", "officer of another city"])
def test_only_an_officer_of_the_city_posts_for_it(who, emmen):
    user = {"verified": UserFactory, "staff": StaffFactory, "officer of another city": OfficerFactory}[who]()
    with pytest.raises(Refused):
        services.partner_request_post(a_request(emmen, programme=Programme.OTHER, deadline=days(9)), by=user)


def test_another_city_says_it_is_interested_and_the_poster_is_told(olaf, emmen, marco, bologna, committing):
    partner_request = PartnerRequestFactory(city=emmen, posted_by=olaf)
    with committing():
        interest = services.interest_express(partner_request, by=marco, city=bologna, message="We ran CIVITAS.")
    assert (interest.city, interest.request_city, interest.officer) == (bologna, emmen, marco)
    message = sent_mail()[-1]
    assert message.to == [olaf.email]
    assert "Bologna" in message.subject and "We ran CIVITAS." in message.body
    assert reverse("projects:partner-request", args=[partner_request.pk]) in message.body
    assert ActionLog.objects.about(partner_request).last().action == "projects.partner_request.interest"


def test_a_city_says_it_is_interested_once(emmen, marco, bologna):
    partner_request = PartnerRequestFactory(city=emmen)
    services.interest_express(partner_request, by=marco, city=bologna, message="Yes")
    with pytest.raises(Refused) as refusal:
        services.interest_express(partner_request, by=officer_of(bologna), city=bologna, message="Us too")
    assert refusal.value.message_dict == {"city": ["Bologna has already said it is interested."]}


def test_the_database_takes_one_interest_per_city_and_none_from_the_posting_city(emmen, bologna):
    partner_request = PartnerRequestFactory(city=emmen)
    InterestFactory(request=partner_request, city=bologna)
    with pytest.raises(IntegrityError), transaction.atomic():
        Interest.objects.create(request=partner_request, city=bologna, request_city=emmen, message="Again")
    with pytest.raises(IntegrityError), transaction.atomic():
        Interest.objects.create(request=partner_request, city=emmen, request_city=emmen, message="Ourselves")


def test_the_posting_city_cannot_answer_its_own_request(olaf, emmen):
    partner_request = PartnerRequestFactory(city=emmen)
    colleague = officer_of(emmen)
    with pytest.raises(Refused) as refusal:
        services.interest_express(partner_request, by=colleague, city=emmen, message="Us")
    assert refusal.value.message_dict == {"city": ["This is your own city's request: another city must answer it."]}


def test_no_interest_after_the_deadline_even_before_the_daily_job(emmen, marco, bologna):
    partner_request = PartnerRequestFactory(city=emmen, deadline=days(-1))
    with pytest.raises(Refused):
        services.interest_express(partner_request, by=marco, city=bologna, message="Late")


@pytest.mark.parametrize("who", ["verified", "staff"])
def test_only_verified_officers_answer(who, emmen, bologna):
    user = {"verified": UserFactory, "staff": StaffFactory}[who]()
    with pytest.raises(Refused):
        services.interest_express(PartnerRequestFactory(city=emmen), by=user, city=bologna, message="x")


@pytest.mark.parametrize("step", ["fill", "withdraw"])
def test_the_poster_closes_the_request_and_the_interested_cities_are_told(step, olaf, emmen, marco, committing):
    partner_request = PartnerRequestFactory(city=emmen, posted_by=olaf)
    InterestFactory(request=partner_request, officer=marco, city=marco.affiliations.get().city)
    with committing():
        getattr(services, f"partner_request_{step}")(partner_request, by=olaf, note="Thank you all.")
    partner_request.refresh_from_db()
    assert partner_request.status == {"fill": RequestStatus.FILLED, "withdraw": RequestStatus.WITHDRAWN}[step]
    assert partner_request.closed_at is not None
    assert sent_mail()[-1].to == [marco.email] and "Thank you all." in sent_mail()[-1].body
    with pytest.raises(Refused):
        services.partner_request_fill(partner_request, by=olaf)


def test_a_colleague_of_the_poster_and_staff_may_close_it_other_officers_may_not(emmen):
    first, second = PartnerRequestFactory(city=emmen), PartnerRequestFactory(city=emmen)
    with pytest.raises(Refused):
        services.partner_request_withdraw(first, by=OfficerFactory())
    services.partner_request_fill(first, by=officer_of(emmen))
    services.partner_request_withdraw(second, by=StaffFactory(), note="Spam")
    assert set(PartnerRequest.objects.values_list("status", flat=True)) == {"filled", "withdrawn"}


def test_requests_close_by_themselves_after_their_deadline_once(emmen):
    expired = PartnerRequestFactory(city=emmen, deadline=days(-1))
    due_today = PartnerRequestFactory(city=emmen, deadline=days(0))
    filled = PartnerRequestFactory(city=emmen, deadline=days(-5), status=RequestStatus.FILLED)
    assert services.close_expired_partner_requests(today=days(0)) == 1
    assert services.close_expired_partner_requests(today=days(0)) == 0
    statuses = dict(PartnerRequest.objects.values_list("pk", "status"))
    assert statuses == {expired.pk: "closed", due_today.pk: "open", filled.pk: "filled"}
    entry = ActionLog.objects.about(expired).get()
    assert (entry.action, entry.actor, entry.data["from_state"]) == ("projects.partner_request.closed", None, "open")


def test_members_only_requests_are_for_verified_officers_and_staff(emmen):
    hidden = PartnerRequestFactory(city=emmen)
    public = PartnerRequestFactory(city=emmen, members_only=False)
    for user, expected in [
        (AnonymousUser(), {public}),
        (UserFactory(), {public}),
        (OfficerFactory(), {hidden, public}),
        (StaffFactory(), {hidden, public}),
    ]:
        assert set(PartnerRequest.objects.visible_to(user)) == expected
