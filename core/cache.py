"""Redis as the shared cache, degrading to "no cache" while Redis is down: slower pages, never errors.

While Redis is unreachable every read is a miss, every write is dropped and `add` answers True (so that
allauth's rate-limit lock never spins); sessions fall back to the database (cached_db).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("smcportal.cache")
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
_WARN_EVERY_SECONDS = 30
_last_warning = 0.0


def _warn(error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > _WARN_EVERY_SECONDS:
        _last_warning = now
        logger.warning("Redis unavailable, serving without cache: %s", error)


def _degrading(method_name: str, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCacheClient, self), method_name)(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            _warn(error)
            return fallback(*args, **kwargs)

    method.__name__ = method_name
    return method


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    add = _degrading("add", lambda key, value, timeout: True)
    get = _degrading("get", lambda key, default: default)
    set = _degrading("set", lambda key, value, timeout: None)
    touch = _degrading("touch", lambda key, timeout: False)
    delete = _degrading("delete", lambda key: False)
    get_many = _degrading("get_many", lambda keys: {})
    has_key = _degrading("has_key", lambda key: False)
    incr = _degrading("incr", lambda key, delta: delta)
    set_many = _degrading("set_many", lambda data, timeout: [])
    delete_many = _degrading("delete_many", lambda keys: None)
    clear = _degrading("clear", lambda: False)

    def get_client(self, key=None, *, write=False):
        # Django builds a new client for every call, which costs more CPU than the round trip itself (a
        # client sets up its table of reply parsers). A client is only a handle on its connection pool and
        # is safe to share between threads, so one per pool serves.
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
