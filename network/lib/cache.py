"""A Redis cache that turns an unreachable Redis into cache misses instead of server errors.

The page cache, template fragments, sessions (``cached_db``) and allauth's rate limits all go
through the default cache. With Django's ``RedisCache`` any connection error becomes a 500 on
every page; here it becomes a miss (``get`` answers the default, ``set`` and ``delete`` do
nothing), so pages render from PostgreSQL and sessions are read from their database copy.

- **Logged once a minute**, not once per request: the first failure is logged with its cause, and
  the next log line a minute later says how many operations failed in between.
- **Fast while down:** after a failure this process does not try Redis again for
  ``RETRY_SECONDS``, so a request does not pay a connection timeout for every cache call.
- **Rate limits from the database:** keys that start with one of ``FALLBACK_KEY_PREFIXES`` (allauth's
  counters) go to the cache named ``FALLBACK_ALIAS`` (a ``DatabaseCache`` in PostgreSQL) while Redis
  is down, so sign-in limits keep holding across processes instead of failing open or closed.
- **Nothing stale after the outage:** writes made while Redis was unreachable could not make cached
  pages stale (``network.lib.pagecache`` bumps a counter in Redis) and a sign-out could not remove the
  cached copy of its session. So the first time this process reaches Redis again it deletes every
  key under this cache's ``KEY_PREFIX`` (never the whole database, which may hold the Celery queue).
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("network.cache")

# What "Redis is unreachable" looks like from redis-py (BusyLoadingError is a ConnectionError).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class _Outage:
    """Per-process memory of an outage: when to try again, when to log again, what to clear."""

    LOG_EVERY = 60.0

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.last_logged = 0.0
        self.failures = 0
        self.needs_clear = False

    def skip(self) -> bool:
        return time.monotonic() < self.down_until

    def failed(self, error: Exception, retry_seconds: float) -> None:
        now = time.monotonic()
        with self.lock:
            self.down_until = now + retry_seconds
            self.needs_clear = True
            self.failures += 1
            if now - self.last_logged < self.LOG_EVERY and self.last_logged:
                return
            failures, self.failures, self.last_logged = self.failures, 0, now
        logger.warning(
            "Redis cache unreachable (%s: %s): %d operation(s) answered as misses since the "
            "last report; pages render from the database.",
            type(error).__name__,
            error,
            failures,
        )


class ResilientRedisCache(RedisCache):
    RETRY_SECONDS = 1.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._outage = _Outage()
        self._fallback_alias = params.get("FALLBACK_ALIAS")
        self._fallback_prefixes = tuple(params.get("FALLBACK_KEY_PREFIXES", ()))
        self._retry_seconds = float(params.get("RETRY_SECONDS", self.RETRY_SECONDS))

    # --- the guard ---------------------------------------------------------------------------

    def _fallback(self, key):
        if (
            self._fallback_alias
            and isinstance(key, str)
            and key.startswith(self._fallback_prefixes)
        ):
            return caches[self._fallback_alias]
        return None

    def _guarded(self, method: str, key, default, *args, **kwargs):
        """``RedisCache.<method>(key, ...)``; while Redis is unreachable the fallback cache's
        answer for a fallback key, else ``default``."""
        if not self._outage.skip():
            try:
                self._clear_after_outage()
                return getattr(super(), method)(key, *args, **kwargs)
            except UNREACHABLE as error:
                self._outage.failed(error, self._retry_seconds)
        fallback = self._fallback(key)
        if fallback is not None:
            return getattr(fallback, method)(key, *args, **kwargs)
        return default

    def _clear_after_outage(self) -> None:
        """Before the first answer from Redis after an outage, delete what may be stale.
        Raises like any Redis call while Redis is still unreachable."""
        if not self._outage.needs_clear:
            return
        client = self._cache.get_client(write=True)
        deleted = 0
        batch = []
        for name in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(name)
            if len(batch) >= 1000:
                deleted += client.delete(*batch)
                batch = []
        if batch:
            deleted += client.delete(*batch)
        self._outage.needs_clear = False
        logger.warning(
            "Redis cache reachable again: %d key(s) that may be stale were deleted.", deleted
        )

    # --- the cache API -----------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._guarded("get", key, default, default, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", key, False, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", key, None, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", key, False, timeout, version=version)

    def delete(self, key, version=None):
        return self._guarded("delete", key, False, version=version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", key, False, version=version)

    def incr(self, key, delta=1, version=None):
        # Unreachable: as if the key did not exist (callers then ``add`` it, also a no-op).
        result = self._guarded("incr", key, _MISSING, delta, version=version)
        if result is _MISSING:
            raise ValueError(f"Key '{key}' not found (cache unreachable).")
        return result

    def get_many(self, keys, version=None):
        return self._guarded_many("get_many", keys, {}, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded_many("set_many", data, list(data), timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._guarded_many("delete_many", keys, None, version=version)

    def clear(self):
        return self._guarded_many("clear", None, False)

    def _guarded_many(self, method: str, first, default, *args, **kwargs):
        if self._outage.skip():
            return default
        try:
            self._clear_after_outage()
            call = getattr(super(), method)
            return call() if first is None else call(first, *args, **kwargs)
        except UNREACHABLE as error:
            self._outage.failed(error, self._retry_seconds)
            return default


_MISSING = object()
