import pytest

from ambassadors.models import Signature
from devdata.factories import CityFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_search_finds_listed_ambassadors_by_name_and_city(client):
    SignatureFactory(full_name="Matteo Lepore", city=CityFactory(name="Bologna"))
    html = client.get("/search/", {"q": "lepore"}).content.decode()
    assert "1 ambassador" in html and "<mark>Lepore</mark>" in html


def test_search_never_reveals_an_unlisted_or_unverified_name(client):
    city = CityFactory(name="Emmen")
    SignatureFactory(full_name="Secret Signer", city=city, listed_publicly=False)
    SignatureFactory(full_name="Pending Person", city=city, status=Signature.Status.CONFIRMED)
    html = client.get("/search/", {"q": "emmen"}).content.decode()
    assert "1 ambassador" in html
    assert "Secret Signer" not in html and "Pending Person" not in html
    assert "chose not to be listed" in html
    assert "0 ambassadors" in client.get("/search/", {"q": "secret"}).content.decode()
