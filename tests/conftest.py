from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
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
    from core.cache import store

    store.local_copies.clear()
    settings.PAGE_CACHE = True


@pytest.fixture
def seeded(transactional_db):
    """Transactional tests start from an empty database: put the migrations' seed data back.

    The flush also recreated the content types under new ids, which the process-wide ContentType cache
    (filled by earlier tests) does not know: an audit entry would point at a row that is gone.
    """
    from cities.models import GazetteerEntry
    from topics.models import Topic

    ContentType.objects.clear_cache()
    if not GazetteerEntry.objects.exists():
        import_module("cities.migrations.0002_load_gazetteer").load_gazetteer(apps, None)
    if not Topic.objects.exists():
        import_module("topics.migrations.0002_seed_topics").seed_topics(apps, None)


@pytest.fixture
def staff_client(client):
    """A client logged in as staff with a second factor, as the admin requires."""
    from devdata.factories import StaffFactory, with_totp

    client.force_login(with_totp(StaffFactory()))
    return client
