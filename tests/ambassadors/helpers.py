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
    """A real log-in through allauth, so that the session counts as freshly authenticated."""
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
