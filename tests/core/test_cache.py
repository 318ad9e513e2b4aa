"""The shared cache while Redis answers and while it does not (core/cache/backend.py)."""

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from core.cache.backend import PortalCache
from devdata.factories import UserFactory

REDIS_UP = "redis://127.0.0.1:6379/15"
REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _caches(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "core.cache.backend.PortalCache",
            "OPTIONS": {"PRIMARY": "redis", "RATE_LIMITS": "database"},
        },
        "redis": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "portal-test",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
        "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    }


def _redis_is_running() -> bool:
    try:
        return redis.Redis.from_url(REDIS_UP, socket_connect_timeout=0.2).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.fixture
def redis_down(settings):
    settings.CACHES = _caches(REDIS_DOWN)
    for alias in ("default", "redis"):
        caches[alias].close()
    yield caches["default"]


@pytest.mark.django_db
def test_while_redis_is_down_reads_miss_writes_are_dropped_and_nothing_raises(redis_down):
    assert isinstance(redis_down, PortalCache)
    redis_down.set("key", "value")
    assert redis_down.get("key", "default") == "default"
    assert redis_down.add("lock", True) is True  # a lock never waits on a cache that is not there
    assert redis_down.get_many(["a", "b"]) == {}
    assert redis_down.delete("key") is False
    assert redis_down.incr("counter", 3) == 3


@pytest.mark.django_db
def test_while_redis_is_down_rate_limit_counters_are_kept_in_the_database(redis_down):
    redis_down.set("allauth:rl:allauth.account:login_failed:10/m:ip:127.0.0.1", [1.0, 2.0], 60)
    assert redis_down.get("allauth:rl:allauth.account:login_failed:10/m:ip:127.0.0.1") == [1.0, 2.0]
    assert caches["database"].get("allauth:rl:allauth.account:login_failed:10/m:ip:127.0.0.1") == [1.0, 2.0]


@pytest.mark.django_db
def test_while_redis_is_down_failed_logins_are_still_limited(client, redis_down):
    person = UserFactory()
    pages = [
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong guess"}).content.decode()
        for _ in range(6)
    ]
    # Five failed attempts per address in five minutes (ACCOUNT_RATE_LIMITS), then allauth says so.
    assert ["Too many failed login attempts" in page for page in pages] == [False] * 5 + [True]


@pytest.mark.django_db
def test_pages_still_answer_when_redis_is_down(client, redis_down):
    assert client.get("/").status_code == 200
    assert client.get("/cities/").status_code == 200
    application = {
        "city_name": "Kortrijk",
        "country": "BE",
        "population": "77000",
        "contact_name": "Lotte",
        "applicant_role": "officer",
        "contact_role": "Officer",
        "email": "lotte@example.org",
        "motivation": "Learn.",
        "consent_to_contact": "on",
    }
    assert client.post("/join/", application).status_code == 302


@pytest.mark.skipif(not _redis_is_running(), reason="no Redis at 127.0.0.1:6379")
def test_with_redis_up_the_cache_works_as_usual():
    with override_settings(CACHES=_caches(REDIS_UP)):
        cache = caches.create_connection("default")
        cache.set("portal-test-key", {"a": 1}, 10)
        assert cache.get("portal-test-key") == {"a": 1}
        assert cache.add("portal-test-key", "other") is False
        cache.delete("portal-test-key")
        assert cache.get("portal-test-key") is None
