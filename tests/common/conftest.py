"""Fixtures for the cache outage tests: a Redis of the test's own, and the caches pointed at it."""

import pytest
from django.core.cache import caches

from solidarity.common.cache import reset_breakers
from tests.common.redis_server import RedisServer, redis_caches


@pytest.fixture
def redis_server():
    server = RedisServer()
    yield server
    server.kill()


@pytest.fixture
def on_redis(settings, redis_server):
    """Every cache alias on the test's Redis, as production configures them with REDIS_URL.

    Probes a down Redis again after 0.2 s (production: 5 s), so a test can see it come back.
    """
    reset_breakers()
    settings.CACHES = redis_caches(redis_server.url, retry_after=0.2)
    yield redis_server
    # Leave nothing behind for the next test: no open outage, no backend on a dead port.
    reset_breakers()
    caches.close_all()
