"""Community moderation: enough distinct members' reports (or one staff member's) hide a post until a moderator
reviews it; staff restore it or confirm the hiding with a reason; a member who reports in bad faith loses the
right to report."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from accounts.services import reporting_right_restore, reporting_right_withdraw
from core.models import ActionLog
from devdata.factories import OfficerFactory, PostFactory, StaffFactory, UserFactory
from tests.worker import run_queued_tasks
from topics import moderation, services
from topics.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(officer):
    return PostFactory(author=officer, body="Buy cheap watches")


def report(post, person=None, reason="Spam"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.post_report(post, by=person or UserFactory(), reason=reason)


def state(post) -> tuple[bool, bool]:
    post.refresh_from_db()
    return post.is_hidden, post.hidden_by_reports


def mails_to(address) -> list:
    run_queued_tasks()
    return [message for message in mail.outbox if address in message.to]


# The threshold


def test_three_distinct_members_reporting_hide_the_post_pending_review_and_its_author_is_told_why(post, officer):
    report(post, reason="Spam")
    report(post, reason="Advertising")
    assert state(post) == (False, False)
    report(post, reason="Off topic")
    assert state(post) == (True, True)
    entry = ActionLog.objects.filter(object_id=post.pk, action="topics.post.hidden_by_reports").get()
    assert (entry.actor, entry.data["reporters"], entry.data["by_staff"]) == (None, 3, False)
    [told] = mails_to(officer.email)
    assert "reported by 3 members" in told.body and "hidden until a moderator reviews it" in told.subject
    for reason in ("Spam", "Advertising", "Off topic"):
        assert f"- {reason}" in told.body
    assert set(Report.objects.values_list("status", flat=True)) == {"open"}  # waiting for the review


def test_reports_from_one_person_count_once(post):
    member = UserFactory()
    for _ in range(3):
        report(post, member)
    report(post)
    assert state(post) == (False, False)
    assert Report.objects.count() == 2


def test_a_member_whose_earlier_report_was_dismissed_still_counts_once(post):
    member = UserFactory()
    moderation.report_dismiss(report(post, member), by=StaffFactory(), note="Not spam")
    report(post, member)
    report(post)
    assert state(post) == (False, False)


def test_the_threshold_is_a_setting(post, settings):
    settings.REPORT_HIDE_THRESHOLD = 2
    report(post)
    report(post)
    assert state(post) == (True, True)


def test_a_staff_members_report_hides_at_once(post, officer):
    staff = StaffFactory()
    report(post, staff, reason="Phishing link")
    assert state(post) == (True, True)
    entry = ActionLog.objects.filter(object_id=post.pk, action="topics.post.hidden_by_reports").get()
    assert (entry.actor, entry.data["by_staff"]) == (staff, True)
    assert "A moderator of the SMC Portal reported your post" in mails_to(officer.email)[0].body


def test_reports_of_someone_who_lost_the_right_to_report_no_longer_count(post):
    troll = UserFactory()
    report(post, troll)
    report(post)
    reporting_right_withdraw(troll, by=StaffFactory(), note="Reports every post of one member")
    report(post)
    assert state(post) == (False, False)
    report(post)
    assert state(post) == (True, True)


def test_a_post_staff_hid_already_is_not_hidden_again_by_reports(post):
    moderation.post_hide(post, by=StaffFactory(), note="Spam")
    for _ in range(3):
        report(post)
    assert state(post) == (True, False)
    assert not ActionLog.objects.filter(action="topics.post.hidden_by_reports").exists()


def test_the_reporter_who_tips_the_balance_is_told_and_sent_back_to_the_thread(post, client):
    report(post)
    report(post)
    member = UserFactory()
    client.force_login(member)
    response = client.post(reverse("topics:post-report", args=[post.pk]), {"reason": "Scam"}, follow=True)
    assert response.redirect_chain[0][0] == post.thread.get_absolute_url()
    assert "hidden until a moderator has looked at it" in response.content.decode()


# The review


@pytest.fixture
def hidden(post):
    for _ in range(3):
        report(post)
    run_queued_tasks()
    mail.outbox.clear()
    return post


def test_staff_restore_a_post_that_reports_hid_dismissing_its_reports_with_a_reason(hidden, officer):
    staff = StaffFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        moderation.post_review_restore(hidden, by=staff, note="Not spam: a real offer of bikes")
    assert state(hidden) == (False, False)
    assert set(Report.objects.values_list("status", flat=True)) == {"dismissed"}
    entry = ActionLog.objects.filter(object_id=hidden.pk, action="topics.post.restored_after_review").get()
    assert (entry.actor, entry.data["reason"]) == (staff, "Not spam: a real offer of bikes")
    [told] = mails_to(officer.email)
    assert "shown again" in told.subject and "a real offer of bikes" in told.body


def test_staff_confirm_the_hiding_resolving_its_reports_with_a_reason(hidden, officer):
    staff = StaffFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        moderation.post_review_confirm(hidden, by=staff, note="Spam indeed")
    assert state(hidden) == (True, False)
    assert set(Report.objects.values_list("status", flat=True)) == {"resolved"}
    assert ActionLog.objects.filter(object_id=hidden.pk, action="topics.post.hiding_confirmed").get().actor == staff
    assert "Spam indeed" in mails_to(officer.email)[0].body


@pytest.mark.parametrize("review", [moderation.post_review_restore, moderation.post_review_confirm])
def test_a_review_needs_staff_and_a_reason(hidden, review):
    with pytest.raises(ValidationError, match="Only staff"):
        review(hidden, by=OfficerFactory(), note="Fine")
    with pytest.raises(ValidationError, match="Give a reason"):
        review(hidden, by=StaffFactory(), note="")
    assert state(hidden) == (True, True)


@pytest.mark.parametrize("review", [moderation.post_review_restore, moderation.post_review_confirm])
def test_only_a_post_that_reports_hid_is_reviewed(post, review):
    with pytest.raises(ValidationError, match="not waiting for a review"):
        review(post, by=StaffFactory(), note="Fine")
    moderation.post_hide(post, by=StaffFactory(), note="Spam")
    with pytest.raises(ValidationError, match="not waiting for a review"):
        review(post, by=StaffFactory(), note="Fine")


def test_hiding_from_the_queue_confirms_a_post_that_reports_hid(hidden):
    moderation.report_hide_post(Report.objects.first(), by=StaffFactory(), note="Spam indeed")
    assert state(hidden) == (True, False)
    assert set(Report.objects.values_list("status", flat=True)) == {"resolved"}


def test_showing_a_post_again_ends_its_review(hidden):
    moderation.post_unhide(hidden, by=StaffFactory(), note="Mistake")
    assert state(hidden) == (False, False)


def test_staff_see_a_post_that_reports_hid_marked_on_its_thread(hidden, client):
    client.force_login(StaffFactory())
    html = client.get(hidden.thread.get_absolute_url()).content.decode()
    assert "hidden after reports, waiting for review" in html
    client.force_login(UserFactory())
    assert "Buy cheap watches" not in client.get(hidden.thread.get_absolute_url()).content.decode()


# The right to report


def test_staff_withdraw_the_right_to_report_with_a_reason_and_give_it_back(verified_user):
    staff = StaffFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        reporting_right_withdraw(verified_user, by=staff, note="Reported 40 posts of one member in a day")
    verified_user.refresh_from_db()
    assert verified_user.reporting_revoked
    [told] = mails_to(verified_user.email)
    assert "Reported 40 posts of one member in a day" in told.body
    reporting_right_restore(verified_user, by=staff, note="Appeal accepted")
    verified_user.refresh_from_db()
    assert not verified_user.reporting_revoked
    assert list(ActionLog.objects.about(verified_user).values_list("action", "actor")) == [
        ("accounts.user.reporting_withdrawn", staff.pk),
        ("accounts.user.reporting_restored", staff.pk),
    ]


def test_the_right_to_report_is_withdrawn_by_staff_only_with_a_reason_and_once(verified_user):
    with pytest.raises(ValidationError, match="Only staff"):
        reporting_right_withdraw(verified_user, by=OfficerFactory(), note="Troll")
    with pytest.raises(ValidationError, match="Give a reason"):
        reporting_right_withdraw(verified_user, by=StaffFactory(), note="")
    with pytest.raises(ValidationError, match="may report"):
        reporting_right_restore(verified_user, by=StaffFactory(), note="Nothing to restore")
    reporting_right_withdraw(verified_user, by=StaffFactory(), note="Troll")
    with pytest.raises(ValidationError, match="already lost"):
        reporting_right_withdraw(verified_user, by=StaffFactory(), note="Again")


def test_a_report_from_someone_who_lost_the_right_is_refused_with_a_clear_message(verified_user, post, client):
    reporting_right_withdraw(verified_user, by=StaffFactory(), note="Troll")
    client.force_login(verified_user)
    url = reverse("topics:post-report", args=[post.pk])
    for response in (client.get(url), client.post(url, {"reason": "Spam"})):
        assert response.status_code == 403
        assert "withdrawn your right to report posts" in response.content.decode()
    verified_user.refresh_from_db()
    with pytest.raises(ValidationError, match="withdrawn your right to report"):
        services.post_report(post, by=verified_user, reason="Spam")
    assert not Report.objects.exists()
    thread_page = client.get(post.thread.get_absolute_url()).content.decode()
    assert url not in thread_page  # no report link for them any more


def test_staff_withdraw_the_right_from_the_persons_admin_page_with_a_reason(staff_client, verified_user):
    changelist = reverse("admin:accounts_user_changelist")
    data = {"action": "reporting_right_withdraw", "_selected_action": [verified_user.pk]}
    asked = staff_client.post(changelist, data)
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    staff_client.post(changelist, {**data, "apply": "1", "reason": "Bad faith"})
    verified_user.refresh_from_db()
    assert verified_user.reporting_revoked
    page = staff_client.get(reverse("admin:accounts_user_change", args=[verified_user.pk])).content.decode()
    assert 'name="reporting_revoked"' not in page  # read-only: only the actions change it
    filtered = staff_client.get(changelist, {"reporting_revoked__exact": "1"})
    assert filtered.context["cl"].result_count == 1


def test_the_moderation_queue_lists_posts_that_reports_hid_first_with_a_filter(staff_client, post):
    older = PostFactory(body="An older reported post")
    report(older)
    for _ in range(3):
        report(post)
    report(PostFactory(body="A newer reported post"))
    changelist = reverse("admin:topics_report_changelist")
    rows = list(staff_client.get(changelist).context["cl"].result_list)
    assert [row.post.hidden_by_reports for row in rows] == [True, True, True, False, False]
    filtered = staff_client.get(changelist, {"hidden_by_reports": "yes"}).context["cl"].result_list
    assert {row.post_id for row in filtered} == {post.pk}


def test_the_queue_restores_a_post_that_reports_hid(staff_client, hidden):
    changelist = reverse("admin:topics_report_changelist")
    data = {"action": "report_restore_post", "_selected_action": [Report.objects.first().pk]}
    staff_client.post(changelist, {**data, "apply": "1", "reason": "Fine"})
    assert state(hidden) == (False, False)
