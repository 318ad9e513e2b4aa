"""Staff reach the admin only through allauth's login and with a second factor."""

from urllib.parse import parse_qs, urlparse

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from devdata.factories import StaffFactory, UserFactory, with_totp

pytestmark = pytest.mark.django_db


def test_staff_without_mfa_opening_the_admin_are_sent_to_set_it_up(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_index")


def test_staff_without_mfa_cannot_open_any_admin_page(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:accounts_affiliation_changelist"))
    assert response.url == reverse("mfa_index")


def test_staff_are_told_why_they_were_sent_to_mfa(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:index"), follow=True)
    assert "two-factor authentication before using the admin" in response.content.decode()


def test_staff_with_an_authenticator_app_reach_the_admin_index(client):
    client.force_login(with_totp(StaffFactory()))
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_with_a_security_key_reach_the_admin_index(client):
    staff = StaffFactory()
    Authenticator.objects.create(user=staff, type=Authenticator.Type.WEBAUTHN, data={})
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200


def test_recovery_codes_alone_are_not_a_second_factor(client):
    staff = StaffFactory()
    Authenticator.objects.create(user=staff, type=Authenticator.Type.RECOVERY_CODES, data={})
    client.force_login(staff)
    assert client.get(reverse("admin:index")).url == reverse("mfa_index")


def test_staff_without_mfa_can_still_use_the_public_site(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_admin_login_redirects_to_the_allauth_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    url = urlparse(response.url)
    assert url.path == reverse("account_login")
    assert parse_qs(url.query)["next"] == [reverse("admin:login")]


def test_visitor_opening_the_admin_ends_up_at_the_allauth_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_non_staff_user_gets_no_admin(client):
    client.force_login(UserFactory())
    assert client.get(reverse("admin:login")).status_code == 403


def test_staff_login_with_password_and_totp_code_reaches_the_admin(client):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    staff = with_totp(StaffFactory())
    response = client.post(
        reverse("account_login") + "?next=" + reverse("admin:index"),
        {"login": staff.email, "password": "correct horse battery staple"},
    )
    assert response.url == reverse("mfa_authenticate")
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(staff.totp_secret, counter))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_sent_to_mfa_activate_an_authenticator_app_and_then_reach_the_admin(client):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    staff = StaffFactory()
    client.post(reverse("account_login"), {"login": staff.email, "password": "correct horse battery staple"})
    assert client.get(reverse("admin:index")).url == reverse("mfa_index")
    client.post(reverse("account_reauthenticate"), {"password": "correct horse battery staple"})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("admin:index")).status_code == 200


def test_recovery_codes_page_is_a_portal_page(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    from tests.accounts.html import assert_accessible

    user = with_totp(UserFactory())
    RecoveryCodes.activate(user)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": "correct horse battery staple"})
    response = client.get(reverse("mfa_view_recovery_codes"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert_accessible(html)
