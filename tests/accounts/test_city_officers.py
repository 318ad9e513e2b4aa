"""A city's profile lists its verified officers who agreed to be listed."""

import pytest
from django.urls import reverse

from accounts.models import Affiliation
from devdata.factories import AffiliationFactory, CityFactory, PendingAffiliationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_city_profile_lists_verified_officers_who_agreed(client):
    city = CityFactory()
    AffiliationFactory(
        city=city, user=UserFactory(full_name="Anna Listed"), job_title="Cycling lead", listed_publicly=True
    )
    AffiliationFactory(city=city, user=UserFactory(full_name="Bert Private"), listed_publicly=False)
    PendingAffiliationFactory(city=city, user=UserFactory(full_name="Cora Pending"), listed_publicly=True)
    AffiliationFactory(
        city=city,
        user=UserFactory(full_name="Dirk Revoked"),
        listed_publicly=True,
        status=Affiliation.Status.REVOKED,
    )
    AffiliationFactory(
        city=city,
        user=UserFactory(full_name="Eva Mayor"),
        listed_publicly=True,
        role=Affiliation.Role.REPRESENTATIVE,
    )
    AffiliationFactory(user=UserFactory(full_name="Fritz Elsewhere"), listed_publicly=True)
    html = client.get(city.get_absolute_url()).content.decode()
    assert "City officers on the platform" in html
    assert "Anna Listed, Cycling lead" in html
    for hidden in ["Bert Private", "Cora Pending", "Dirk Revoked", "Eva Mayor", "Fritz Elsewhere"]:
        assert hidden not in html
    assert html.count("<h1") == 1


def test_the_section_is_left_out_when_nobody_is_listed(client):
    city = CityFactory()
    html = client.get(city.get_absolute_url()).content.decode()
    assert "City officers on the platform" not in html


def test_the_officers_are_read_in_one_query_however_many(django_assert_num_queries):
    from accounts.sections import city_officers as city_officers_section

    city = CityFactory()
    for _ in range(5):
        AffiliationFactory(city=city, listed_publicly=True)
    with django_assert_num_queries(1):
        officers = city_officers_section(city, None)["officers"]
        names = [officer.user.full_name for officer in officers]
    assert len(names) == 5


def test_the_city_profile_page_does_not_query_per_officer(client, django_assert_max_num_queries):
    city = CityFactory()
    for _ in range(8):
        AffiliationFactory(city=city, listed_publicly=True)
    with django_assert_max_num_queries(12) as captured:
        client.get(reverse("cities:profile", args=[city.slug]))
    officer_queries = [q for q in captured.captured_queries if "accounts_affiliation" in q["sql"]]
    assert len(officer_queries) == 1
