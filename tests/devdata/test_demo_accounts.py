"""`make run` loads the demo accounts and prints their logins."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Affiliation, User
from devdata.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_and_printed(settings):
    from devdata.demo import people as demo

    CityFactory(name="Emmen")
    CityFactory(name="Bologna", country="IT")
    demo.load(StringIO())
    demo.load(StringIO())
    assert User.objects.filter(email__endswith="@demo.example.org").count() == len(demo.DEMO_ACCOUNTS)
    assert Affiliation.objects.verified().count() == 2
    assert Affiliation.objects.pending().count() == 1
    settings.DEBUG = True
    out = StringIO()
    call_command("show_demo_logins", stdout=out)
    printed = out.getvalue()
    assert demo.DEMO_PASSWORD in printed
    assert "officer@demo.example.org" in printed
    assert "asks to be City officer, Emmen" in printed


def test_demo_logins_are_never_printed_in_production(settings):
    from devdata.demo import people as demo

    demo.load(StringIO())
    settings.DEBUG = False
    out = StringIO()
    call_command("show_demo_logins", stdout=out)
    assert out.getvalue() == ""
