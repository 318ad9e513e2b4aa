"""The membership lifecycle in the demo, made through its workflows, once."""

import io

import pytest
from django.core.management import call_command

from cities.models import City, MembershipApplication
from core.models import ActionLog
from devdata.demo import lifecycle

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_suspended_and_a_former_city_a_plan_due_soon_and_a_half_checked_application():
    call_command("load_demo", stdout=io.StringIO())
    kristiansand, stavanger = City.objects.get(name="Kristiansand"), City.objects.get(name="Stavanger")
    assert kristiansand.membership_status == City.Membership.SUSPENDED
    assert stavanger.membership_status == City.Membership.FORMER
    assert ActionLog.objects.about(kristiansand).filter(action="cities.city.suspended").exists()
    emmen = City.objects.get(name="Emmen", country="NL")
    assert emmen.sump_status == City.Sump.ADOPTED and emmen.sump_revision_due is not None
    assert ActionLog.objects.about(emmen).filter(action="cities.plan.updated").exists()
    hasselt = MembershipApplication.objects.get(city_name="Hasselt")
    assert len(hasselt.missing_checks) == 2

    def snapshot():
        return list(City.objects.order_by("pk").values()), ActionLog.objects.count()

    before = snapshot()
    lifecycle.load(io.StringIO())
    assert snapshot() == before
