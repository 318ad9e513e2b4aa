"""The login backends, reading the signed-in person's row through the shared cache.

Every request of a signed-in person loads their user row; with cached pages that row is often the only
database query left. It is remembered until the portal's data next changes (core.page_cache), and any save
of a user moves that on, so a deactivated account or a changed password takes effect at once.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from core import page_cache


class _RememberedUser:
    def get_user(self, user_id):
        load = super().get_user
        return page_cache.remembered(f"user:{user_id}", lambda: load(user_id))


class ModelBackend(_RememberedUser, DjangoModelBackend):
    pass


class AuthenticationBackend(_RememberedUser, AllauthBackend):
    pass
