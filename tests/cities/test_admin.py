import pytest
from django.core import mail
from django.urls import reverse

from cities.models import City, MembershipApplication
from cities.services import application_approve, application_reject
from core.models import ActionLog
from devdata.factories import ApplicationFactory, CityFactory, StaffFactory, gazetteer
from tests.cities.factories import CheckedApplicationFactory
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


def test_approving_makes_the_city_a_member_filled_from_the_gazetteer(django_capture_on_commit_callbacks):
    staff = StaffFactory()
    application = CheckedApplicationFactory(city_name="Emmen", country="NL")
    with django_capture_on_commit_callbacks(execute=True):
        city = application_approve(application, by=staff, note="Welcome!")
    run_queued_tasks()
    emmen = gazetteer("Emmen", "NL")
    assert city.membership_status == City.Membership.MEMBER
    assert city.geonames_id == emmen.geonames_id
    assert (city.latitude, city.longitude, city.population) == (emmen.latitude, emmen.longitude, emmen.population)
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.decided_by == staff
    assert application.city == city
    [message] = mail.outbox
    assert message.to == [application.email]
    assert "Welcome!" in message.body
    assert ActionLog.objects.filter(action="cities.application.approved", actor=staff).exists()


def test_approving_a_known_former_member_makes_it_a_member_again():
    former = CityFactory(name="Leuven", country="BE", membership_status=City.Membership.FORMER)
    city = application_approve(CheckedApplicationFactory(city_name="leuven", country="BE"), by=StaffFactory())
    assert city.pk == former.pk
    assert City.objects.get(pk=former.pk).membership_status == City.Membership.MEMBER


def test_a_city_missing_from_the_gazetteer_takes_the_applications_population():
    city = application_approve(
        CheckedApplicationFactory(city_name="Tinytown", country="NL", population=9_000), by=StaffFactory()
    )
    assert city.population == 9_000
    assert city.geonames_id is None


def test_rejecting_emails_the_applicant_with_the_reason(django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application_reject(application, by=StaffFactory(), note="Please apply through your region.")
    run_queued_tasks()
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.REJECTED
    assert "Please apply through your region." in mail.outbox[0].body
    assert not City.objects.exists()


def test_a_decided_application_cannot_be_decided_again():
    from django.core.exceptions import ValidationError

    staff = StaffFactory()
    application = ApplicationFactory()
    application_reject(application, by=staff, note="No")
    with pytest.raises(ValidationError):
        application_approve(application, by=staff)
    with pytest.raises(ValidationError):
        application_reject(application, by=staff, note="Again")


def test_staff_approve_through_the_admin_action(staff_client):
    application = CheckedApplicationFactory(city_name="Emmen", country="NL")
    url = reverse("admin:cities_membershipapplication_changelist")
    data = {"action": "application_approve", "_selected_action": [application.pk]}
    confirm = staff_client.post(url, data)
    assert confirm.status_code == 200
    assert b"Note for the applicant (optional)" in confirm.content
    response = staff_client.post(url, {**data, "apply": "1", "reason": ""})
    assert response.status_code == 302
    assert City.objects.members().filter(name="Emmen").exists()


def test_rejecting_in_the_admin_requires_a_reason(staff_client):
    application = ApplicationFactory()
    url = reverse("admin:cities_membershipapplication_changelist")
    data = {"action": "application_reject", "_selected_action": [application.pk], "apply": "1", "reason": ""}
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert b"This field is required" in response.content
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED


def test_the_admin_index_and_changelist_count_pending_applications(staff_client):
    ApplicationFactory.create_batch(3)
    application_reject(ApplicationFactory(), by=staff_client.staff, note="No")
    index = staff_client.get(reverse("admin:index")).content.decode()
    assert "Membership applications" in index and "<strong>3</strong>" in index
    changelist = staff_client.get(reverse("admin:cities_membershipapplication_changelist")).content.decode()
    assert "(3 waiting)" in changelist


def test_staff_add_a_city_by_picking_it_from_the_gazetteer_and_it_starts_as_an_applicant(staff_client):
    entry = gazetteer("Bologna", "IT")
    response = staff_client.post(
        reverse("admin:cities_city_add"),
        {
            "gazetteer_entry": entry.pk,
            "name": "",
            "country": "",
            "sump_status": "adopted",
            "membership_status": "member",
            "platform_role": "",
            "core-actionlog-content_type-object_id-TOTAL_FORMS": "0",
            "core-actionlog-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    city = City.objects.get()
    assert city.membership_status == City.Membership.APPLICANT  # the form's "member" is not read
    assert ActionLog.objects.filter(action="cities.city.registered", actor=staff_client.staff).exists()
    assert (city.name, city.country.code, city.population) == ("Bologna", "IT", entry.population)
    assert (city.latitude, city.longitude, city.geonames_id) == (entry.latitude, entry.longitude, entry.pk)


def test_the_gazetteer_autocomplete_finds_cities_by_name(staff_client):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "Emmen", "app_label": "cities", "model_name": "city", "field_name": "gazetteer_entry"},
    )
    assert response.status_code == 200
    assert "Emmen (NL" in response.content.decode()


def test_the_city_admin_filters_and_searches(staff_client):
    CityFactory(name="Emmen", sump_status=City.Sump.ADOPTED)
    url = reverse("admin:cities_city_changelist")
    assert staff_client.get(url, {"q": "emm", "sump_status__exact": "adopted"}).status_code == 200
    assert staff_client.get(url, {"membership_status__exact": "member", "country": "NL"}).status_code == 200
