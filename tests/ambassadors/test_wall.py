"""/ambassadors/: verified signatures only, unlisted ones nameless, filters as GET parameters, counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambassadors.models import Signature
from devdata.factories import CityFactory, DeclarationFactory, SignatureFactory

pytestmark = pytest.mark.django_db
URL = "/ambassadors/"


def test_the_path_is_stable():
    assert reverse("ambassadors:wall") == URL


def test_only_verified_signatures_are_named_on_the_wall(client):
    declaration = DeclarationFactory()
    SignatureFactory(declaration=declaration, full_name="Vera Verified")
    for status in ("unconfirmed", "confirmed", "rejected", "withdrawn"):
        SignatureFactory(declaration=declaration, status=status, full_name=f"Name {status.title()}")
    response = client.get(URL)
    text = response.content.decode()
    assert "Vera Verified" in text
    for status in ("unconfirmed", "confirmed", "rejected", "withdrawn"):
        assert f"Name {status.title()}" not in text
    assert response.context["counts"]["current"] == 1


def test_signatures_of_an_unpublished_version_are_not_shown(client):
    SignatureFactory(declaration=DeclarationFactory(published_at=None), full_name="Draft Signer")
    assert "Draft Signer" not in client.get(URL).content.decode()


def test_an_unlisted_ambassador_counts_but_shows_no_name_nor_statement(client):
    SignatureFactory(full_name="Hidden Person", statement="Hidden words", listed_publicly=False)
    response = client.get(URL)
    text = response.content.decode()
    assert "Hidden Person" not in text and "Hidden words" not in text
    assert "An ambassador who chose not to be listed" in text
    assert response.context["counts"]["current"] == 1


def test_searching_an_unlisted_name_finds_nothing(client):
    SignatureFactory(full_name="Hidden Person", listed_publicly=False)
    SignatureFactory(full_name="Open Person")
    assert client.get(URL, {"q": "hidden"}).context["page"].paginator.count == 0
    assert client.get(URL, {"q": "open pers"}).context["page"].paginator.count == 1


def test_filters_by_country_office_city_and_text(client):
    emmen = CityFactory(name="Emmen", country="NL")
    bologna = CityFactory(name="Bologna", country="IT")
    SignatureFactory(city=emmen, office="mayor", full_name="Eva")
    SignatureFactory(city=bologna, office="councillor", full_name="Matteo")
    SignatureFactory(city=bologna, office="mayor", full_name="Maria")

    def names(**params):
        return sorted(s.full_name for s in client.get(URL, params).context["page"].object_list)

    assert names(country="IT") == ["Maria", "Matteo"]
    assert names(office="mayor") == ["Eva", "Maria"]
    assert names(city="bologna", office="mayor") == ["Maria"]
    assert names(q="emmen") == ["Eva"]
    assert names(q="MATTEO") == ["Matteo"]


def test_a_filter_it_does_not_understand_is_ignored_with_a_message(client):
    SignatureFactory()
    response = client.get(URL, {"office": "emperor"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    assert "not understood" in response.content.decode()


def test_it_counts_per_country(client):
    SignatureFactory.create_batch(2, city=CityFactory(country="IT"))
    SignatureFactory(city=CityFactory(country="NL"), listed_publicly=False)
    rows = {row["country"].code: row["count"] for row in client.get(URL).context["per_country"]}
    assert rows == {"IT": 2, "NL": 1}


def test_it_is_paginated_and_keeps_the_filters(client):
    city = CityFactory(country="IT")
    SignatureFactory.create_batch(35, city=city)
    response = client.get(URL, {"country": "IT"})
    assert len(response.context["page"].object_list) == 30
    assert "country=IT&amp;page=2" in response.content.decode()
    assert len(client.get(URL, {"country": "IT", "page": 2}).context["page"].object_list) == 5


def test_a_nonsense_page_number_does_not_crash(client):
    assert client.get(URL, {"page": "many"}).status_code == 200


def _queries_for_wall(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_wall_takes_the_same_few_queries_for_5_or_50_signatures(client, django_assert_max_num_queries):
    declaration = DeclarationFactory()
    SignatureFactory.create_batch(5, declaration=declaration)
    with_five = _queries_for_wall(client)
    SignatureFactory.create_batch(45, declaration=declaration, listed_publicly=False)
    with django_assert_max_num_queries(with_five):
        client.get(URL)
    assert with_five <= 8


def test_verified_signatures_of_every_published_version_stay_on_the_wall(client):
    SignatureFactory(declaration=DeclarationFactory(), full_name="First Version")
    SignatureFactory(declaration=DeclarationFactory(), full_name="Second Version")
    text = client.get(URL).content.decode()
    assert "First Version" in text and "Second Version" in text
    assert Signature.objects.on_wall().count() == 2
