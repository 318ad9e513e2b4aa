"""The login backends, reading the signed-in person's row through the cache.

Every request of a signed-in person loads their user row; with cached pages that row is often the only query
left. It is remembered (core.cache.store) under the person's version, "user:<id>", which every change to their
row, addresses, affiliations or second factors moves on (accounts/evictions.py), so a deactivated account, a
changed password or a revoked affiliation takes effect at once. What their rights are built from (their verified
affiliations, whether their address is verified) is worked out before the row is remembered, so that asking
accounts.permissions costs no query either.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from core.cache.store import remembered


def _with_rights_read(user):
    if user is not None:
        user.verified_affiliations  # noqa: B018 - cached_property, read now so that it is remembered with the row
        user.has_verified_email  # noqa: B018
    return user


class _RememberedUser:
    def get_user(self, user_id):
        load = super().get_user
        return remembered(f"user:{user_id}", lambda: _with_rights_read(load(user_id)), depends=[f"user:{user_id}"])


class ModelBackend(_RememberedUser, DjangoModelBackend):
    pass


class AuthenticationBackend(_RememberedUser, AllauthBackend):
    pass
