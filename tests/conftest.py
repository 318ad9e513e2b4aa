import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The database cache holds sessions and rate-limit counters, as in production.
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def page_cache_on(settings):
    """Pages cached as in production (off by default in tests, as in development), with no copy left in this
    process from an earlier test."""
    from core import page_cache

    page_cache.local_copies.clear()
    settings.PAGE_CACHE = True


@pytest.fixture
def staff_client(client):
    """A client logged in as staff with a second factor, as the admin requires."""
    from tests.factories import StaffFactory, with_totp

    client.force_login(with_totp(StaffFactory()))
    return client
