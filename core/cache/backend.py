"""The shared cache: Redis (through django-redis) while it answers, and what happens while it does not.

While Redis is unreachable every read is a miss and every write is dropped: pages are rendered afresh, slower
but never an error, and sessions fall back to the database (cached_db). Rate-limit counters are the exception:
they move to the database cache, so that login and signing limits keep counting through an outage instead of
silently letting every attempt through.
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("smcportal.cache")
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
RATE_LIMIT_PREFIX = "allauth:rl:"  # allauth's rate-limit keys, which also count the portal's own limits
_WARN_EVERY_SECONDS = 30
_MISSING = object()


class PortalCache(BaseCache):
    """Forwards to the cache named OPTIONS["PRIMARY"] (Redis); while it is down, to OPTIONS["RATE_LIMITS"] (the
    database) for rate-limit keys, and to nothing for the rest."""

    def __init__(self, location, params):
        options = params.get("OPTIONS", {})
        self._primary_alias, self._fallback_alias = options["PRIMARY"], options["RATE_LIMITS"]
        super().__init__({key: value for key, value in params.items() if key != "OPTIONS"})
        self._last_warning = 0.0

    @property
    def primary(self):
        return caches[self._primary_alias]

    @property
    def rate_limits(self):
        return caches[self._fallback_alias]

    def _call(self, method: str, key, *args, degraded=None, **kwargs):
        try:
            return getattr(self.primary, method)(key, *args, **kwargs)
        except OUTAGE_ERRORS as error:
            self._warn(error)
            if isinstance(key, str) and key.startswith(RATE_LIMIT_PREFIX):
                return getattr(self.rate_limits, method)(key, *args, **kwargs)
            return degraded

    def _warn(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._last_warning > _WARN_EVERY_SECONDS:
            self._last_warning = now
            logger.warning("Redis unavailable, serving without its cache: %s", error)

    def get(self, key, default=None, version=None):
        found = self._call("get", key, _MISSING, version=version, degraded=_MISSING)
        return default if found is _MISSING else found

    def set(self, key, value, timeout=300, version=None):
        self._call("set", key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=300, version=None):
        # While Redis is down an add "succeeds", so that a lock taken with it (allauth's) never waits.
        return self._call("add", key, value, timeout=timeout, version=version, degraded=True)

    def touch(self, key, timeout=300, version=None):
        return self._call("touch", key, timeout=timeout, version=version, degraded=False)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version, degraded=False)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version, degraded=False)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version=version, degraded=delta)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._call("get_many", keys, version=version, degraded={})

    def set_many(self, data, timeout=300, version=None):
        return self._call("set_many", data, timeout=timeout, version=version, degraded=[])

    def delete_many(self, keys, version=None):
        self._call("delete_many", list(keys), version=version)

    def clear(self):
        try:
            self.primary.clear()
        except OUTAGE_ERRORS as error:
            self._warn(error)
