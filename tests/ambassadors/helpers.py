from accounts.models import Affiliation
from ambassadors.models import Signature
from ambassadors.services import signature_submit

PASSWORD = "correct horse battery staple"


def city_of(representative):
    return representative.affiliations.get(role=Affiliation.Role.REPRESENTATIVE).city


def submit(representative, declaration, **fields) -> Signature:
    """A signature submitted online through the workflow, as the sign page does."""
    data = {
        "full_name": representative.full_name or "Ann Mayor",
        "office": Signature.Office.MAYOR,
        "city": city_of(representative),
        "listed_publicly": True,
        **fields,
    }
    return signature_submit(Signature(declaration=declaration, **data), by=representative)


def log_in_recently(client, user):
    """Logged in and just reauthenticated through allauth, as before withdrawing a signature."""
    client.force_login(user)
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content
