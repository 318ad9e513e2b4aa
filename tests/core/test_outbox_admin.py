"""Staff see the outbox in the admin, find the mails that failed, and send them again."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from core.mail import send_templated_mail
from core.models import OutboxMail
from devdata.factories import PendingAffiliationFactory, UserFactory, with_totp
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:core_outboxmail_changelist"


@pytest.fixture
def failed_mail(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.core.mail_servers.RefusingServer"
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            "accounts/emails/affiliation_verified", {"affiliation": PendingAffiliationFactory()}, ["lost@example.org"]
        )
    run_queued_tasks()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return OutboxMail.objects.get(state=OutboxMail.State.FAILED)


def test_the_failed_mails_are_one_filter_away_and_searchable(staff_client, failed_mail):
    html = staff_client.get(reverse(CHANGELIST), {"state__exact": "failed"}).content.decode()
    assert "lost@example.org" in html
    assert "lost@example.org" in staff_client.get(reverse(CHANGELIST), {"q": "lost@"}).content.decode()
    assert "lost@example.org" not in staff_client.get(reverse(CHANGELIST), {"state__exact": "sent"}).content.decode()


def test_a_mail_s_page_is_read_only_and_does_not_show_its_text(staff_client, failed_mail):
    page = staff_client.get(reverse("admin:core_outboxmail_change", args=[failed_mail.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "no such mailbox" in html
    assert "verified that you act for" in failed_mail.body and "verified that you act for" not in html
    assert 'name="_save"' not in html
    assert staff_client.get(reverse("admin:core_outboxmail_add")).status_code == 403
    assert staff_client.post(reverse("admin:core_outboxmail_delete", args=[failed_mail.pk])).status_code == 403


def test_staff_send_a_failed_mail_again_from_the_list(staff_client, failed_mail, django_capture_on_commit_callbacks):
    data = {"action": "mail_send_again", ACTION_CHECKBOX_NAME: [failed_mail.pk]}
    form = staff_client.post(reverse(CHANGELIST), data)
    assert form.status_code == 200 and "Note (optional)" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse(CHANGELIST), {**data, "apply": "1", "reason": "Mailbox restored"})
    run_queued_tasks()
    failed_mail.refresh_from_db()
    assert failed_mail.state == OutboxMail.State.SENT
    assert [message.to for message in mail.outbox] == [["lost@example.org"]]


def test_staff_who_may_only_look_cannot_send_again(client, failed_mail):
    viewer = with_totp(UserFactory(is_staff=True))
    viewer.user_permissions.add(Permission.objects.get(codename="view_outboxmail"))
    client.force_login(viewer)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "lost@example.org" in html and "mail_send_again" not in html


def test_the_admin_index_shows_the_queue_and_links_to_the_failed_mails(
    staff_client, failed_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            "accounts/emails/affiliation_verified", {"affiliation": PendingAffiliationFactory()}, ["new@example.org"]
        )
    response = staff_client.get(reverse("admin:index"))
    work = response.context["background_work"]
    assert work["queue"].waiting == 1 and work["oldest_since"] is not None
    assert work["failed_mails"] == 1 and work["queued_mails"] == 1
    html = response.content.decode()
    assert f'href="{reverse(CHANGELIST)}?state__exact=failed"' in html and "Mails that failed" in html
