import pytest
from django.contrib.auth.models import AnonymousUser

from devdata.factories import AffiliationFactory, OfficerFactory, StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer(db):
    return OfficerFactory()


@pytest.fixture
def other_officer(db):
    return OfficerFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def verified_user(db):
    return UserFactory()


@pytest.fixture
def unverified_user(db):
    return UserFactory(verified=False)


@pytest.fixture
def pending_officer(db):
    user = UserFactory()
    AffiliationFactory(user=user, status="pending")
    return user


ROLES = ["visitor", "unverified", "verified", "officer", "staff"]


@pytest.fixture
def person(request, db):
    """Parametrise a test with indirect=True over ROLES: the user of that kind (AnonymousUser for visitor)."""
    return {
        "visitor": AnonymousUser,
        "unverified": lambda: UserFactory(verified=False),
        "verified": UserFactory,
        "officer": OfficerFactory,
        "staff": StaffFactory,
    }[request.param]()


@pytest.fixture
def client_as(client):
    def login(user):
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return login
