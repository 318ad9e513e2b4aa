"""Moderation: reports form a queue; staff hide, lock, pin and move through services that log each step."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import ActionLog
from devdata.factories import PostFactory, ThreadFactory, topic
from tests.worker import run_queued_tasks
from topics import moderation, services
from topics.models import Post, Report, Thread

pytestmark = pytest.mark.django_db


def _log(obj, action):
    return ActionLog.objects.filter(object_id=obj.pk, action=action).get()


def test_hiding_a_post_logs_it_recounts_the_thread_and_mails_the_author(
    staff, officer, django_capture_on_commit_callbacks
):
    thread = services.thread_start(topic(), author=officer, title="Bus lanes", body="Who has them?")
    reply = services.post_reply(thread, author=officer, body="Buy cheap watches")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.post_hide(reply, by=staff, note="Spam")
    run_queued_tasks()
    thread.refresh_from_db()
    assert thread.reply_count == 0
    entry = _log(reply, "topics.post.hidden")
    assert entry.actor == staff and entry.data == {"reason": "Spam", "from_state": False, "to_state": True}
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "Spam" in mail.outbox[0].body and "hidden" in mail.outbox[0].subject

    moderation.post_unhide(reply, by=staff, note="Mistake")
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert _log(reply, "topics.post.unhidden").data == {"reason": "Mistake", "from_state": True, "to_state": False}
    with pytest.raises(ValidationError, match="not hidden"):
        moderation.post_unhide(reply, by=staff, note="Again")


@pytest.mark.parametrize(
    ("perform", "undo", "field", "action"),
    [
        (moderation.thread_lock, moderation.thread_unlock, "is_locked", "locked"),
        (moderation.thread_pin, moderation.thread_unpin, "is_pinned", "pinned"),
        (moderation.thread_hide, moderation.thread_unhide, "is_hidden", "hidden"),
    ],
)
def test_each_thread_flag_is_set_and_unset_with_a_log_entry(perform, undo, field, action, staff):
    thread = ThreadFactory()
    perform(thread, by=staff, note="Because")
    thread.refresh_from_db()
    assert getattr(thread, field) is True
    assert _log(thread, f"topics.thread.{action}").actor == staff
    with pytest.raises(ValidationError):
        perform(thread, by=staff, note="Again")
    undo(thread, by=staff, note="Back")
    thread.refresh_from_db()
    assert getattr(thread, field) is False
    assert _log(thread, f"topics.thread.un{action}").data == {"reason": "Back", "from_state": True, "to_state": False}


def test_moving_a_thread_logs_both_topics_and_old_links_redirect(staff, client):
    thread = ThreadFactory()
    old_url = thread.get_absolute_url()
    moderation.thread_move(thread, by=staff, topic=topic("projects"), note="Belongs there")
    thread.refresh_from_db()
    assert thread.topic.slug == "projects"
    entry = _log(thread, "topics.thread.moved")
    assert entry.data == {
        "reason": "Belongs there",
        "source": "data-and-digitalisation",
        "target": "projects",
        "from_state": topic("data-and-digitalisation").pk,
        "to_state": topic("projects").pk,
    }
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == thread.get_absolute_url()
    with pytest.raises(ValidationError, match="already in"):
        moderation.thread_move(thread, by=staff, topic=topic("projects"), note="Again")


def test_a_pinned_thread_comes_first_on_the_topic_page(staff, client):
    first = ThreadFactory(title="Old but pinned")
    ThreadFactory(title="Newer thread")
    moderation.thread_pin(first, by=staff, note="Important")
    page = client.get(topic().get_absolute_url()).content.decode()
    assert page.index("Old but pinned") < page.index("Newer thread")


def test_a_report_is_rate_limited_and_never_duplicated(verified_user, client_as, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "report_post": "2/h/user"}
    client = client_as(verified_user)
    posts = [PostFactory() for _ in range(3)]
    for post in posts[:2]:
        response = client.post(reverse("topics:post-report", args=[post.pk]), {"reason": "Spam"})
        assert response.status_code == 302
    response = client.post(reverse("topics:post-report", args=[posts[2].pk]), {"reason": "Spam"})
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert response.context["form"]["reason"].value() == "Spam"
    services.post_report(posts[0], by=verified_user, reason="Again")
    assert Report.objects.filter(post=posts[0]).count() == 1


def test_an_empty_report_reason_is_asked_for_next_to_the_field(verified_user, client_as):
    post = PostFactory()
    response = client_as(verified_user).post(reverse("topics:post-report", args=[post.pk]), {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert not Report.objects.exists()


def test_hiding_a_reported_post_resolves_every_open_report_on_it(staff, verified_user, officer):
    post = PostFactory()
    first = services.post_report(post, by=verified_user, reason="Spam")
    second = services.post_report(post, by=officer, reason="Advertising")
    moderation.report_hide_post(first, by=staff, note="Spam indeed")
    post.refresh_from_db()
    assert post.is_hidden
    assert set(Report.objects.values_list("status", flat=True)) == {"resolved"}
    assert _log(post, "topics.post.hidden").actor == staff
    assert ActionLog.objects.filter(action="topics.report.resolved").count() == 2
    with pytest.raises(ValidationError):
        moderation.report_dismiss(second, by=staff)


def test_dismissing_a_report_is_logged(staff, verified_user):
    report = services.post_report(PostFactory(), by=verified_user, reason="I disagree")
    moderation.report_dismiss(report, by=staff, note="Disagreement is allowed")
    report.refresh_from_db()
    assert report.status == "dismissed" and report.decided_by == staff
    assert _log(report, "topics.report.dismissed").data["reason"] == "Disagreement is allowed"


def test_hiding_a_resource_is_logged_and_removes_it_from_the_topic(staff, client):
    from devdata.factories import LinkResourceFactory

    resource = LinkResourceFactory(title="Shady offer")
    moderation.resource_hide(resource, by=staff, note="Spam")
    assert _log(resource, "topics.resource.hidden").actor == staff
    assert "Shady offer" not in client.get(topic().get_absolute_url()).content.decode()


@pytest.fixture
def admin_client_with_mfa(client, staff):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(staff)
    return client


def test_the_admin_shows_the_report_queue_and_hides_with_a_reason(
    admin_client_with_mfa, staff, verified_user
):
    post = PostFactory()
    report = services.post_report(post, by=verified_user, reason="Spam")
    index = admin_client_with_mfa.get(reverse("admin:index")).content.decode()
    assert "Reported posts" in index
    changelist = reverse("admin:topics_report_changelist")
    assert "1 waiting" in admin_client_with_mfa.get(changelist).content.decode()
    action = {"action": "report_hide_post", "_selected_action": [report.pk]}
    asked = admin_client_with_mfa.post(changelist, action)
    assert asked.status_code == 200 and "Reason" in asked.content.decode()
    admin_client_with_mfa.post(changelist, {**action, "apply": "1", "reason": "Spam indeed"})
    post.refresh_from_db()
    assert post.is_hidden
    page = admin_client_with_mfa.get(reverse("admin:topics_post_change", args=[post.pk])).content.decode()
    assert "topics.post.hidden" in page  # the audit trail, read-only, on the post's admin page


def test_the_admin_moves_threads_with_a_reason(admin_client_with_mfa):
    thread = ThreadFactory()
    changelist = reverse("admin:topics_thread_changelist")
    admin_client_with_mfa.post(
        changelist,
        {
            "action": "thread_move",
            "_selected_action": [thread.pk],
            "apply": "1",
            "topic": topic("projects").pk,
            "reason": "Wrong place",
        },
    )
    thread.refresh_from_db()
    assert thread.topic.slug == "projects"


def test_a_deleted_author_s_posts_stay_as_former_member(officer, client):
    thread = ThreadFactory(author=officer)
    officer.delete()
    post = Post.objects.get(thread=thread)
    assert post.author is None
    page = client.get(Thread.objects.get().get_absolute_url()).content.decode()
    assert "Former member" in page


@pytest.mark.parametrize("model", ["thread", "post", "report", "resource", "meeting", "topic"])
def test_every_topics_admin_page_opens(model, admin_client_with_mfa):
    PostFactory()
    assert admin_client_with_mfa.get(reverse(f"admin:topics_{model}_changelist")).status_code == 200


def test_a_meeting_is_entered_in_its_own_time_zone(admin_client_with_mfa):
    from topics.models import Meeting

    response = admin_client_with_mfa.post(
        reverse("admin:topics_meeting_add"),
        {
            "topic": topic().pk,
            "title": "Lisbon session",
            "time_zone": "Europe/Lisbon",
            "starts_at_0": "2027-03-04",
            "starts_at_1": "10:00",
            "ends_at_0": "2027-03-04",
            "ends_at_1": "09:00",
            "place": "",
            "online_url": "",
            "agenda": "",
        },
    )
    assert response.status_code == 200 and "must end after it starts" in response.content.decode()
    admin_client_with_mfa.post(
        reverse("admin:topics_meeting_add"),
        {
            "topic": topic().pk,
            "title": "Lisbon session",
            "time_zone": "Europe/Lisbon",
            "starts_at_0": "2027-03-04",
            "starts_at_1": "10:00",
            "ends_at_0": "2027-03-04",
            "ends_at_1": "11:00",
            "place": "Câmara Municipal",
            "online_url": "",
            "agenda": "",
        },
    )
    meeting = Meeting.objects.get()
    assert meeting.starts_at.isoformat() == "2027-03-04T10:00:00+00:00"  # Lisbon is on UTC in March
    bad = admin_client_with_mfa.post(
        reverse("admin:topics_meeting_add"),
        {
            "topic": topic().pk,
            "title": "x",
            "time_zone": "Mars/Olympus",
            "starts_at_0": "2027-03-04",
            "starts_at_1": "10:00",
            "ends_at_0": "2027-03-04",
            "ends_at_1": "11:00",
        },
    )
    assert bad.status_code == 200 and "is not a time zone name" in bad.content.decode()
