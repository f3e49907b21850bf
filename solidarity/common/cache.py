"""A Redis cache whose outage costs a cache miss, never a 500 (docs/operations.md).

Everything the site keeps in Redis is a cache: pages, image renditions, import progress, cluster
statistics, and allauth's rate-limit counters. Django's `RedisCache` raises on every call while
Redis is down, which turned every page into a 500, /healthz included. `ResilientRedisCache`:

- gives Redis short socket timeouts (a dead or frozen Redis costs at most a fraction of a
  second, and only to the request that finds it out) and no automatic retries;
- turns connection errors and timeouts into misses: `get` answers the default, `set` and
  `delete` do nothing, `add` answers False (nothing is ever taken for granted), `incr` behaves as
  for a missing key;
- keeps a circuit breaker per Redis server and process: after a failure no call reaches Redis for
  `RETRY_AFTER` seconds; then one call probes it, and the next calls follow if it answered;
- logs one warning when an outage starts and one info line when it ends, per process, never one
  line per request;
- may name a `FALLBACK` cache alias that serves every call while Redis is down. The "default"
  alias falls back to the database cache table: allauth's rate limits (sign-in, sign-up, password
  reset) keep counting in a store every process and machine shares, so sign-in stays protected
  without locking everyone out. (allauth takes a lock with `add` before counting: without a
  fallback, "add answers False" would refuse every sign-in after a one-second wait.)

When Redis answers again, the functions registered with `on_redis_recovery()` run once in the
process that saw the outage: the page cache retires every page stored before it, since edits made
meanwhile could not retire them (a withdrawn publicity must not come back from the cache).
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What an unreachable, frozen or failed-over (read-only replica) Redis raises. Other errors (a
# value of the wrong type, a bug) still raise: they are not outages.
OUTAGE_ERRORS: tuple[type[BaseException], ...] = (
    RedisConnectionError,
    RedisTimeoutError,
    ReadOnlyError,
    OSError,
)
# Seconds. Redis answers a healthy request in well under a millisecond on the same network.
DEFAULT_OPTIONS: dict[str, Any] = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
DEFAULT_RETRY_AFTER = 5.0

_recovery_callbacks: list[Callable[[], None]] = []


def on_redis_recovery(callback: Callable[[], None]) -> Callable[[], None]:
    """Run `callback` whenever this process finds Redis reachable again after an outage."""
    if callback not in _recovery_callbacks:
        _recovery_callbacks.append(callback)
    return callback


class RedisBreaker:
    """The state of one Redis server as this process sees it, shared by every alias and thread."""

    def __init__(self, name: str, retry_after: float) -> None:
        self.name = name
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self._next_probe = 0.0

    def allows_call(self) -> bool:
        """Up: always. Down: one caller per `retry_after` seconds probes, the others skip Redis."""
        if self.down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._next_probe:
                return False
            self._next_probe = now + self.retry_after
            return True

    def record_failure(self, error: BaseException) -> None:
        with self._lock:
            self._next_probe = time.monotonic() + self.retry_after
            if self.down_since is not None:
                return
            self.down_since = time.monotonic()
        # The message names the server (no password) and the error class: nothing of a request.
        logger.warning(
            "Redis %s is unreachable (%s: %s): caches miss, or use their fallback, until it "
            "answers again (next try in %g s).",
            self.name,
            type(error).__name__,
            error,
            self.retry_after,
        )

    def record_success(self, started: float) -> None:
        """A call that `started` (time.monotonic()) at that moment got Redis's answer.

        A call already under way when the outage was found says nothing about its end.
        """
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is None or started < self.down_since:
                return
            seconds = time.monotonic() - self.down_since
            self.down_since = None
        logger.info("Redis %s answers again after %.0f s without it.", self.name, seconds)
        for callback in list(_recovery_callbacks):
            try:
                callback()
            except Exception:
                logger.exception("A Redis recovery callback failed.")

    def reset(self) -> None:
        """Forget any outage (tests)."""
        with self._lock:
            self.down_since = None
            self._next_probe = 0.0


_breakers: dict[str, RedisBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(servers: Iterable[str], retry_after: float = DEFAULT_RETRY_AFTER) -> RedisBreaker:
    """The one breaker of these servers in this process (every alias on one Redis shares it)."""
    name = ",".join(_without_credentials(server) for server in servers)
    with _breakers_lock:
        breaker = _breakers.get(name)
        if breaker is None:
            breaker = _breakers[name] = RedisBreaker(name, retry_after)
        return breaker


def reset_breakers() -> None:
    """Forget every outage this process saw, and the breakers themselves (tests)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()
        _breakers.clear()


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, for which an outage is a miss (see the module doc).

    Extra settings next to BACKEND and LOCATION: `FALLBACK`, the alias that serves while Redis is
    down (default: none, every call is a miss), and `RETRY_AFTER`, the seconds between probes.
    `OPTIONS` may override the socket timeouts.
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **(params.get("OPTIONS") or {})}}
        super().__init__(server, params)
        self.fallback_alias: str | None = params.get("FALLBACK")
        retry_after = float(params.get("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        self.breaker = breaker_for(self._servers, retry_after)  # type: ignore[attr-defined]

    def _call(self, name: str, outage: Callable[[], Any], *args: Any, **kwargs: Any) -> Any:
        """Redis's answer; while it is down, the fallback's, or else `outage()`."""
        if self.breaker.allows_call():
            started = time.monotonic()
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except OUTAGE_ERRORS as error:
                self.breaker.record_failure(error)
            else:
                self.breaker.record_success(started)
                return result
        if self.fallback_alias:
            fallback: BaseCache = caches[self.fallback_alias]
            return getattr(fallback, name)(*args, **kwargs)
        return outage()

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz); skipped, and False, between probes."""
        if not self.breaker.allows_call():
            return False
        started = time.monotonic()
        try:
            self._cache.get_client(write=True).ping()  # type: ignore[attr-defined]
        except OUTAGE_ERRORS as error:
            self.breaker.record_failure(error)
            return False
        self.breaker.record_success(started)
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found.")

        return self._call("incr", missing, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # The keys that could not be stored: all of them.
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._call("clear", lambda: False)
