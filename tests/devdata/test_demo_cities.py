import io

import pytest
from django.core.management import call_command

from cities.models import City

pytestmark = pytest.mark.django_db


def test_demo_data_is_real_varied_and_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    members = City.objects.members()
    assert members.count() >= 40
    assert members.values("country").distinct().count() >= 12
    emmen = members.get(name="Emmen", country="NL")
    assert emmen.platform_role == City.PlatformRole.CHAIR
    assert emmen.geonames_id == 2756136
    bologna = members.get(name="Bologna")
    assert bologna.sump_status == City.Sump.ADOPTED
    assert set(members.values_list("sump_status", flat=True)) == {"none", "in_preparation", "adopted"}
    assert all(city.geonames_id and city.latitude and city.population for city in members)

    def snapshot():
        return list(City.objects.order_by("pk").values()) , City.objects.count()

    before = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before
