"""Joining with a council decision: the document (a PDF, for staff only), the applicant's role, and the staff's
checklist that gates the approval."""

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from accounts import permissions
from cities.models import City, MembershipApplication
from cities.services import application_approve, application_check, application_reject, application_uncheck
from core.models import ActionLog
from core.workflow import Refused
from devdata.factories import ApplicationFactory, CityFactory, OfficerFactory, StaffFactory, UserFactory, gazetteer
from tests.cities import test_join
from tests.cities.conftest import apply_action
from tests.cities.factories import PDF, CheckedApplicationFactory, pdf_upload
from tests.topics.test_uploads import DOCX, EXE
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
JOIN = reverse("cities:join")
VALID = {**test_join.VALID, "applicant_role": "political", "contact_role": "Alderman for mobility"}
CHECKLIST = ["document_received", "contact_confirmed", "gazetteer_matched", "welcome_call_held"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def staff_with_mfa():
    staff = StaffFactory()
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return staff


# The form --------------------------------------------------------------------------------------------------


def test_an_application_takes_the_applicants_role_and_a_council_decision_stored_under_a_random_name(client):
    response = client.post(JOIN, {**VALID, "decision_document": pdf_upload("Besluit gemeenteraad Kortrijk.pdf")})
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.applicant_role == MembershipApplication.ApplicantRole.POLITICAL
    assert application.decision_document_type == "application/pdf"
    stored = application.decision_document.name
    assert stored.startswith("cities/decisions/") and stored.endswith(".pdf") and "Besluit" not in stored
    assert application.decision_document.read() == PDF


def test_the_decision_document_is_optional(client):
    assert client.post(JOIN, VALID).status_code == 302
    assert not MembershipApplication.objects.get().decision_document


def test_the_submitted_application_suggests_its_gazetteer_entry_to_the_staff(client):
    client.post(JOIN, VALID)
    application = MembershipApplication.objects.get()
    assert application.gazetteer_entry == gazetteer("Kortrijk", "BE")
    assert not application.gazetteer_matched  # a suggestion: staff confirm it on the checklist


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("decision.pdf", EXE, "This file is not a PDF"),
        ("decision.docx", DOCX, "This file is not a PDF"),
        ("decision.pdf", b"<html><script>alert(1)</script></html>", "This file is not a PDF"),
        ("empty.pdf", b"", "The submitted file is empty."),
        ("huge.pdf", PDF + b"0" * (10 * 1024 * 1024), "the limit is 10 MB"),
    ],
)
def test_a_document_that_is_not_a_pdf_or_too_large_is_refused_at_its_field(client, name, data, message):
    response = client.post(JOIN, {**VALID, "decision_document": pdf_upload(name, data)})
    assert response.status_code == 200
    form = response.context["form"]
    assert message in form.errors["decision_document"][0]
    assert form["contact_name"].value() == "Lotte Peeters"
    assert 'id="id_decision_document_error"' in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_staff_hear_that_a_document_came_with_the_application(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(JOIN, {**VALID, "decision_document": pdf_upload()})
    run_queued_tasks()
    staff_mail = next(message for message in mail.outbox if "staff@" in message.to[0])
    assert "A council resolution or letter of intent is attached" in staff_mail.body
    assert "Mayor, deputy mayor or councillor" in staff_mail.body


# The document is served to staff only -----------------------------------------------------------------------


@pytest.fixture
def with_document(client):
    client.post(JOIN, {**VALID, "decision_document": pdf_upload()})
    return MembershipApplication.objects.get()


def test_staff_download_the_document_as_a_sandboxed_attachment(client, with_document):
    client.force_login(staff_with_mfa())
    response = client.get(reverse("cities:application-document", args=[with_document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "decision-of-kortrijk.pdf" in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    "who", ["verified user", "officer", "staff without a second factor"]
)
def test_nobody_else_reads_the_document(client, with_document, who):
    user = {"verified user": UserFactory, "officer": OfficerFactory, "staff without a second factor": StaffFactory}
    client.force_login(user[who]())
    response = client.get(reverse("cities:application-document", args=[with_document.pk]))
    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_a_visitor_is_asked_to_log_in(client, with_document):
    response = client.get(reverse("cities:application-document", args=[with_document.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_document_is_under_no_public_address(client, with_document, settings):
    assert client.get(settings.MEDIA_URL + with_document.decision_document.name).status_code == 404


def test_an_application_without_a_document_has_none_to_download(client):
    application = ApplicationFactory()
    client.force_login(staff_with_mfa())
    assert client.get(reverse("cities:application-document", args=[application.pk])).status_code == 404


# The checklist ---------------------------------------------------------------------------------------------


def test_each_tick_is_a_logged_step_of_its_own():
    staff = StaffFactory()
    application = ApplicationFactory(gazetteer_entry=gazetteer("Emmen", "NL"))
    application_check(application, items=["document_received", "gazetteer_matched"], by=staff, note="By mail")
    application.refresh_from_db()
    assert application.document_received and application.gazetteer_matched
    assert not application.contact_confirmed
    entries = ActionLog.objects.about(application).filter(action="cities.application.checked")
    assert sorted(entry.data["item"] for entry in entries) == ["document_received", "gazetteer_matched"]
    assert {entry.actor for entry in entries} == {staff}
    assert {entry.data["reason"] for entry in entries} == {"By mail"}


def test_matching_the_gazetteer_needs_an_entry_and_a_refusal_ticks_nothing():
    application = ApplicationFactory(gazetteer_entry=None)
    with pytest.raises(Refused, match="Pick the city's gazetteer entry first"):
        application_check(application, items=["contact_confirmed", "gazetteer_matched"], by=StaffFactory())
    application.refresh_from_db()
    assert not application.contact_confirmed


def test_an_item_ticked_already_is_refused():
    application = ApplicationFactory(welcome_call_held=True)
    with pytest.raises(Refused, match="“Welcome call held” is already ticked."):
        application_check(application, items=["welcome_call_held"], by=StaffFactory())


@pytest.mark.parametrize("who", [OfficerFactory, UserFactory, lambda: None])
def test_only_staff_work_the_checklist(who):
    application = ApplicationFactory()
    with pytest.raises(Refused):
        application_check(application, items=["contact_confirmed"], by=who())
    application.refresh_from_db()
    assert not application.contact_confirmed


def test_clearing_an_item_needs_a_reason_and_is_logged():
    staff = StaffFactory()
    application = ApplicationFactory(contact_confirmed=True)
    with pytest.raises(Refused, match="Say why"):
        application_uncheck(application, items=["contact_confirmed"], by=staff, note="")
    application_uncheck(application, items=["contact_confirmed"], by=staff, note="Wrong person called")
    application.refresh_from_db()
    assert not application.contact_confirmed
    entry = ActionLog.objects.about(application).get(action="cities.application.unchecked")
    assert entry.data["reason"] == "Wrong person called"


def test_a_decided_application_keeps_its_checklist():
    staff = StaffFactory()
    application = ApplicationFactory()
    application_reject(application, by=staff, note="Not a city")
    with pytest.raises(Refused, match="decided already"):
        application_check(application, items=["contact_confirmed"], by=staff)


# The approval gate ------------------------------------------------------------------------------------------


def test_approval_is_refused_while_the_checklist_is_incomplete_and_says_which_items_are_missing():
    application = ApplicationFactory(city_name="Emmen", document_received=True, contact_confirmed=True)
    with pytest.raises(Refused) as refusal:
        application_approve(application, by=StaffFactory(), note="Welcome")
    message = refusal.value.messages[0]
    assert "City matched to its gazetteer entry; Welcome call held" in message
    assert "Decision document received" not in message
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert not City.objects.exists()


def test_a_complete_checklist_admits_the_city_from_the_matched_gazetteer_entry_through_the_citys_own_step():
    staff = StaffFactory()
    entry = gazetteer("Emmen", "NL")
    application = CheckedApplicationFactory(city_name="Emmen (Drenthe)", gazetteer_entry=entry)
    city = application_approve(application, by=staff, note="Welcome")
    assert (city.name, city.membership_status, city.gazetteer_entry) == ("Emmen", City.Membership.MEMBER, entry)
    assert [log.action for log in ActionLog.objects.about(city)] == ["cities.city.registered", "cities.city.admitted"]


def test_an_override_reason_approves_an_incomplete_checklist_and_is_logged():
    staff = StaffFactory()
    application = ApplicationFactory(city_name="Emmen")
    city = application_approve(application, by=staff, override="Founding member: the decision is from 2016.")
    assert city.membership_status == City.Membership.MEMBER
    entry = ActionLog.objects.about(application).get(action="cities.application.approved")
    assert entry.data["override"] == "Founding member: the decision is from 2016."


def test_an_application_of_a_city_that_is_already_a_member_is_not_approved():
    CityFactory(name="Emmen", country="NL", membership_status=City.Membership.SUSPENDED)
    application = CheckedApplicationFactory(city_name="Emmen", country="NL")
    with pytest.raises(Refused, match="already on the platform"):
        application_approve(application, by=StaffFactory())
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED


# In the admin ------------------------------------------------------------------------------------------------


CHANGELIST = reverse("admin:cities_membershipapplication_changelist")


def test_staff_tick_items_in_the_admin_and_see_the_progress(staff_client):
    application = ApplicationFactory(gazetteer_entry=gazetteer("Emmen", "NL"))
    data = {"action": "application_check", "_selected_action": [application.pk]}
    asked = staff_client.post(CHANGELIST, data).content.decode()
    assert "Decision document received" in asked and 'name="items"' in asked
    staff_client.post(CHANGELIST, {**data, "apply": "1", "items": ["contact_confirmed", "gazetteer_matched"]})
    application.refresh_from_db()
    assert application.contact_confirmed and application.gazetteer_matched
    assert ">2/4<" in staff_client.get(CHANGELIST).content.decode()


def test_the_admin_says_why_an_approval_is_refused(staff_client):
    application = ApplicationFactory(city_name="Emmen")
    response = apply_action(staff_client, CHANGELIST, "application_approve", application, reason="Hi")
    assert "The checklist is not complete; missing: Decision document received;" in response.content.decode()
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED


def test_the_application_page_links_the_document_through_the_staff_only_view(staff_client, client):
    staff_client.logout()
    client.post(JOIN, {**VALID, "decision_document": pdf_upload()})
    application = MembershipApplication.objects.get()
    client.force_login(staff_with_mfa())
    page = client.get(reverse("admin:cities_membershipapplication_change", args=[application.pk])).content.decode()
    assert reverse("cities:application-document", args=[application.pk]) in page
    assert application.decision_document.name not in page


def test_can_read_application_documents_decides_the_download(client, with_document, monkeypatch):
    client.force_login(staff_with_mfa())
    url = reverse("cities:application-document", args=[with_document.pk])
    assert client.get(url).status_code == 200
    monkeypatch.setattr(permissions, "can_read_application_documents", lambda user: False)
    assert client.get(url).status_code == 403
