import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from core.cache import ResilientRedisCache

REDIS_UP = "redis://127.0.0.1:6379/15"
REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _cache(location):
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "core.cache.ResilientRedisCache",
                "LOCATION": location,
                "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            }
        }
    ):
        return caches.create_connection("default")


def test_a_redis_outage_turns_every_read_into_a_miss_and_never_raises():
    cache = _cache(REDIS_DOWN)
    cache.set("key", "value")
    assert cache.get("key", "default") == "default"
    assert cache.add("lock", True) is True
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("key") is False
    assert cache.incr("counter", 3) == 3


def _redis_is_running() -> bool:
    try:
        return redis.Redis.from_url(REDIS_UP, socket_connect_timeout=0.2).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.mark.skipif(not _redis_is_running(), reason="no Redis at 127.0.0.1:6379")
def test_with_redis_up_the_cache_works_as_usual():
    cache = _cache(REDIS_UP)
    cache.set("portal-test-key", {"a": 1}, 10)
    assert cache.get("portal-test-key") == {"a": 1}
    assert cache.add("portal-test-key", "other") is False
    cache.delete("portal-test-key")
    assert cache.get("portal-test-key") is None


@pytest.mark.django_db
def test_pages_still_answer_when_redis_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_DOWN,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    assert isinstance(caches["default"], ResilientRedisCache)
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
