"""allauth's pages inside the portal: our layout, labelled fields, one h1, and the flows behind them."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from devdata.factories import UserFactory, with_totp
from tests.accounts.html import assert_accessible
from tests.worker import run_queued_tasks

PASSWORD = "correct horse battery staple"

pytestmark = pytest.mark.django_db


def _link_in(message, path_start: str) -> str:
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_start) + r"\S*)", message.body)
    assert match, message.body
    return match.group(1)


def _sign_up(client, email):
    data = {"email": email, "password1": "a-long-new-secret-42", "password2": "a-long-new-secret-42"}
    return client.post(reverse("account_signup"), data)


def _log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _log_in_and_reauthenticate(client, email):
    _log_in(client, email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key_done",
        "account_email_verification_sent",
        "account_inactive",
    ],
)
def test_entrance_pages_are_portal_pages_with_labelled_fields(client, url_name):
    response = client.get(reverse(url_name))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html
    assert_accessible(html)


def test_login_page_labels_email_and_password_and_offers_the_password_reset(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login">' in html
    assert '<label for="id_password">' in html
    assert reverse("account_reset_password") in html
    assert 'class="stacked-form"' in html
    assert 'id="mfa_login"' in html  # the passkey form, inside the page's body


@pytest.mark.parametrize(
    "url_name",
    [
        "account_email",
        "account_change_password",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_generate_recovery_codes",
        "account_reauthenticate",
        "account_logout",
    ],
)
def test_account_management_pages_are_portal_pages_with_labelled_fields(client, url_name):
    user = UserFactory()
    _log_in_and_reauthenticate(client, user.email)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert_accessible(html)


def test_management_pages_lead_back_to_the_profile(client):
    user = UserFactory()
    _log_in(client, user.email)
    html = client.get(reverse("mfa_index")).content.decode()
    assert f'<a href="{reverse("accounts:profile")}">' in html


def test_errors_are_shown_next_to_the_field_and_the_input_is_kept(client):
    response = client.post(
        reverse("account_signup"), {"email": "not-an-email", "password1": "x", "password2": "y"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="field field-error"' in html
    assert 'value="not-an-email"' in html
    assert_accessible(html)


def test_signup_needs_email_verification_then_logs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "new.person@example.org")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:profile")).status_code == 302  # not logged in yet
    run_queued_tasks()
    assert len(mail.outbox) == 1
    confirm_path = _link_in(mail.outbox[0], "/accounts/confirm-email/")
    confirm_page = client.get(confirm_path)
    assert_accessible(confirm_page.content.decode())
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new.person@example.org").verified
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_signup_with_a_taken_email_looks_the_same_and_mails_the_owner(client, django_capture_on_commit_callbacks):
    owner = UserFactory(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "taken@example.org")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    run_queued_tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "already" in mail.outbox[0].body.lower()


def test_unverified_user_cannot_log_in_and_is_told_to_verify(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = _log_in(client, user.email)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_verified_user_logs_in_to_the_profile_and_logs_out(client):
    user = UserFactory()
    response = _log_in(client, user.email)
    assert response.url == reverse("accounts:profile")
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_wrong_password_gives_a_message_not_a_crash(client):
    user = UserFactory()
    response = _log_in(client, user.email, "wrong password")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert_accessible(html)


def test_failed_logins_for_one_account_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        assert _log_in(client, user.email, "wrong password").status_code == 200
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code in {200, 429}
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert "too many" in response.content.decode().lower()


def test_password_reset_does_not_tell_whether_an_account_exists(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": user.email})
        unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("account_reset_password_done")
    run_queued_tasks()
    assert len(mail.outbox) == 2
    assert {tuple(message.to) for message in mail.outbox} == {(user.email,), ("nobody@example.org",)}


def test_password_reset_by_mail_sets_a_new_password(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    run_queued_tasks()
    reset_path = _link_in(mail.outbox[0], "/accounts/password/reset/key/")
    form_page = client.get(reset_path, follow=True)
    assert form_page.status_code == 200
    assert_accessible(form_page.content.decode())
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_path,
        {"password1": "another-long-secret-7", "password2": "another-long-secret-7"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-secret-7")


def test_password_reset_requests_are_rate_limited_per_address(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            client.post(reverse("account_reset_password"), {"email": user.email})
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 429 or "too many" in response.content.decode().lower()
    run_queued_tasks()
    assert len(mail.outbox) == 5


def test_password_change(client):
    user = UserFactory()
    _log_in(client, user.email)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "changed-long-secret-9", "password2": "changed-long-secret-9"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("changed-long-secret-9")


def test_adding_an_email_address_sends_a_verification_mail(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    _log_in(client, user.email)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_email"), {"action_add": "", "email": "second@example.org"})
        assert response.status_code in {200, 302}
        if response.status_code == 302 and "reauthenticate" in response.url:
            client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    run_queued_tasks()
    assert EmailAddress.objects.filter(user=user, email="second@example.org", verified=False).exists()
    assert any("second@example.org" in message.to for message in mail.outbox)


def test_reauthentication_with_the_password(client):
    user = UserFactory()
    _log_in(client, user.email)
    response = client.post(
        reverse("account_reauthenticate") + "?next=" + reverse("accounts:profile"), {"password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")


def test_reauthentication_with_a_wrong_password_shows_an_error(client):
    user = UserFactory()
    _log_in(client, user.email)
    response = client.post(reverse("account_reauthenticate"), {"password": "wrong"})
    assert response.status_code == 200
    assert 'class="field field-error"' in response.content.decode()


def test_login_asks_for_the_second_factor_when_one_is_set_up(client):
    user = with_totp(UserFactory())
    response = _log_in(client, user.email)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    page = client.get(response.url)
    assert_accessible(page.content.decode())
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_login_with_an_unknown_email_looks_like_a_wrong_password(client):
    UserFactory(email="known@example.org")
    unknown = _log_in(client, "unknown@example.org", "whatever-password")
    wrong = _log_in(client, "known@example.org", "whatever-password")
    error = 'role="alert"'
    assert unknown.status_code == wrong.status_code == 200
    assert error in unknown.content.decode() and error in wrong.content.decode()
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


def test_signups_from_one_address_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for n in range(2):
        client.post(
            reverse("account_signup"),
            {
                "email": f"bot{n}@example.org",
                "password1": "a-long-new-secret-42",
                "password2": "a-long-new-secret-42",
            },
        )
    response = client.post(
        reverse("account_signup"),
        {
            "email": "bot3@example.org",
            "password1": "a-long-new-secret-42",
            "password2": "a-long-new-secret-42",
        },
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert_accessible(response.content.decode())
    assert not EmailAddress.objects.filter(email="bot3@example.org").exists()


@pytest.mark.parametrize("url_name", ["mfa_deactivate_totp", "mfa_view_recovery_codes", "mfa_index"])
def test_pages_for_a_user_with_an_authenticator_app_are_portal_pages(client, url_name):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = with_totp(UserFactory())
    RecoveryCodes.activate(user)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert_accessible(response.content.decode())
