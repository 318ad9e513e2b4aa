"""The people the permission tests are about, one builder per role."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import Affiliation
from devdata.factories import AffiliationFactory, CityFactory, StaffFactory, UserFactory, with_totp

ROLES = [
    "visitor",
    "unverified",
    "verified",
    "officer",
    "representative",
    "staff_without_mfa",
    "staff_with_mfa",
]


def make(role: str):
    """A fresh user in that role (AnonymousUser for the visitor)."""
    if role == "visitor":
        return AnonymousUser()
    if role == "unverified":
        return UserFactory(verified=False)
    if role == "verified":
        return UserFactory()
    if role == "officer":
        user = UserFactory()
        AffiliationFactory(user=user, city=CityFactory(name="City A"), role=Affiliation.Role.OFFICER)
        return user
    if role == "representative":
        user = UserFactory()
        AffiliationFactory(
            user=user,
            city=CityFactory(name="City B"),
            role=Affiliation.Role.REPRESENTATIVE,
            job_title="Mayor",
        )
        return user
    if role == "staff_without_mfa":
        return StaffFactory()
    if role == "staff_with_mfa":
        return with_totp(StaffFactory())
    raise ValueError(role)
