"""The staff's workplace: queues with pending counts, decisions with reasons, and their own edits through the
workflows, so that each is logged."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from core.models import ActionLog
from devdata.factories import (
    AfterEndEntryFactory,
    CallFactory,
    CityFactory,
    ParticipationFactory,
    PartnerRequestFactory,
    ProjectFactory,
    StaffFactory,
    days,
    topic,
)
from projects.models import Call, CallStatus, Participation, PartnerRequest, Project, Review, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(staff)
    client.staff = staff
    return client


def act(client, model: str, action: str, objects, reason: str = ""):
    data = {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]}
    if reason:
        data.update({"apply": "1", "reason": reason})
    return client.post(reverse(f"admin:projects_{model}_changelist"), data, follow=True)


def test_the_index_counts_what_waits_for_staff(staff_client):
    ProjectFactory(status=Review.PROPOSED)
    CallFactory(status=CallStatus.PROPOSED)
    ParticipationFactory(status=Review.PROPOSED)
    ParticipationFactory(status=Review.PROPOSED, project=ProjectFactory(status=Review.PROPOSED))  # with its project
    html = staff_client.get(reverse("admin:index")).content.decode()
    for label in ["Projects to approve", "Funding calls to check", "Cities asking to join projects"]:
        assert label in html
    queue = staff_client.get(reverse("admin:projects_participation_changelist") + "?status__exact=proposed"
                             "&project__status__exact=approved")
    assert "Cities asking to join projects (1 waiting)" in queue.content.decode()


def test_staff_approve_a_project_from_the_queue(staff_client):
    project = ProjectFactory(status=Review.PROPOSED)
    response = act(staff_client, "project", "project_approve", [project], reason="Fine")
    assert "1 done" in response.content.decode()
    assert Project.objects.get().status == Review.APPROVED


def test_rejecting_asks_for_a_reason_first(staff_client):
    project = ProjectFactory(status=Review.PROPOSED)
    response = act(staff_client, "project", "project_reject", [project])
    assert "This applies to:" in response.content.decode()
    assert Project.objects.get().status == Review.PROPOSED
    act(staff_client, "project", "project_reject", [project], reason="Not a mobility project")
    assert Project.objects.get().decision_note == "Not a mobility project"


def test_a_project_decided_already_is_named_in_a_warning(staff_client):
    project = ProjectFactory()
    response = act(staff_client, "project", "project_approve", [project], reason="Again")
    assert "That step is not possible now" in response.content.decode()


def test_staff_edits_of_a_project_are_logged_field_by_field(staff_client):
    project = ProjectFactory(acronym="SHIFT", start_date=days(-100), end_date=days(100))
    data = {
        "acronym": "SHIFT", "title": "A better title", "programme": project.programme,
        "start_date": str(days(-100)), "end_date": str(days(100)), "summary": project.summary, "results": "",
        "website": "", "topics": [topic().pk],
        **{
            f"{prefix}-{key}": "0"
            for prefix in ("participations", "after_end_entries", "core-actionlog-content_type-object_id")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    response = staff_client.post(reverse("admin:projects_project_change", args=[project.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = ActionLog.objects.about(project).get()
    assert (entry.action, entry.actor, entry.data["fields"]) == ("projects.project.changed", staff_client.staff,
                                                                 ["title", "topics"])


def test_staff_record_a_partner_city_through_the_workflow(staff_client):
    project, city = ProjectFactory(), CityFactory()
    response = staff_client.post(
        reverse("admin:projects_participation_add"), {"project": project.pk, "city": city.pk, "role": "partner"}
    )
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert (participation.status, participation.role) == (Review.APPROVED, Role.PARTNER)
    assert ActionLog.objects.about(participation).get().action == "projects.participation.recorded"


def test_a_partner_city_for_a_rejected_project_is_refused_at_the_field(staff_client):
    project, city = ProjectFactory(status=Review.REJECTED), CityFactory()
    response = staff_client.post(
        reverse("admin:projects_participation_add"), {"project": project.pk, "city": city.pk, "role": "partner"}
    )
    assert response.status_code == 200 and "project" in response.context["adminform"].form.errors
    assert not Participation.objects.exists()


def test_a_call_added_by_staff_is_published_and_logged(staff_client):
    data = {
        "programme": "life", "identifier": "LIFE-1", "title": "Climate", "opens_on": str(days(-1)),
        "deadline": str(days(30)), "url": "https://life.example.org", "summary": "For cities.",
        "core-actionlog-content_type-object_id-TOTAL_FORMS": "0",
        "core-actionlog-content_type-object_id-INITIAL_FORMS": "0",
    }
    response = staff_client.post(reverse("admin:projects_call_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    call = Call.objects.get()
    assert call.status == CallStatus.PUBLISHED and call.recorded_by == staff_client.staff
    assert ActionLog.objects.about(call).get().action == "projects.call.recorded"


def test_staff_publish_a_call_an_officer_recorded(staff_client):
    call = CallFactory(status=CallStatus.PROPOSED)
    act(staff_client, "call", "call_publish", [call], reason="Checked")
    assert Call.objects.get().status == CallStatus.PUBLISHED


def test_staff_withdraw_a_partner_request_with_a_reason(staff_client):
    partner_request = PartnerRequestFactory()
    act(staff_client, "partnerrequest", "partner_request_withdraw", [partner_request], reason="Advertising")
    assert PartnerRequest.objects.get().status == "withdrawn"
    assert ActionLog.objects.about(partner_request).get().data["reason"] == "Advertising"


def test_removing_an_after_the_end_entry_is_logged_on_its_project(staff_client):
    entry = AfterEndEntryFactory()
    response = staff_client.post(reverse("admin:projects_afterendentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert ActionLog.objects.about(entry.project).get().action == "projects.project.after_end_removed"


@pytest.mark.parametrize("model", ["project", "participation", "call", "partnerrequest", "afterendentry"])
def test_every_admin_page_opens(staff_client, model):
    assert staff_client.get(reverse(f"admin:projects_{model}_changelist")).status_code == 200
