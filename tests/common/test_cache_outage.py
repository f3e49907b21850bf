"""A Redis outage costs cache misses, never a 500: each test stops a Redis of its own.

Dead (connections refused) and frozen (connections hang until the socket timeout) are the two
ways Redis fails; both must leave the site serving, sign-in rate-limited, and the logs quiet.
"""

import io
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from redis.exceptions import ConnectionError as RedisConnectionError
from wagtail.images import get_image_model

from cms.models import PrisonerIndexPage, PrisonerPage
from solidarity.common.cache import RedisBreaker, ResilientRedisCache
from solidarity.prisoners.choices import Publicity
from tests.factories import PrisonerFactory, UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

ALIASES = ("default", "pages", "renditions")
CACHE_LOGGER = "solidarity.common.cache"


def outage_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == CACHE_LOGGER]


@pytest.fixture
def profile(site, settings, tmp_path):
    """A live profile with a photo: its page asks the renditions cache for each image size."""
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 500), "#888").save(buffer, format="PNG")
    photo = get_image_model().objects.create(
        title="portrait", file=ImageFile(buffer, name="portrait.png")
    )
    listing = PrisonerIndexPage.objects.get(locale__language_code="en")
    prisoner = PrisonerFactory(publicity=Publicity.FULL)
    return listing.add_child(
        instance=PrisonerPage(
            title=prisoner.name_latin,
            slug=f"prisoner-{prisoner.pk}",
            prisoner=prisoner,
            photo=photo,
        )
    )


def test_every_alias_answers_misses_while_redis_is_dead(on_redis):
    for alias in ALIASES:
        caches[alias].set("kept", "value")
    on_redis.kill()

    started = time.monotonic()
    for alias in ("pages", "renditions"):
        cache = caches[alias]
        assert isinstance(cache, ResilientRedisCache)
        assert cache.get("kept") is None
        assert cache.get("kept", "fallback value") == "fallback value"
        assert cache.get_many(["kept", "other"]) == {}
        assert cache.has_key("kept") is False
        assert cache.add("new", 1) is False
        assert cache.set("new", 1) is None
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.touch("kept") is False
        assert cache.delete("kept") is False
        assert cache.delete_many(["a", "b"]) is None
        assert cache.get_or_set("computed", lambda: "fresh") == "fresh"
        with pytest.raises(ValueError, match="not found"):
            cache.incr("counter")
        with pytest.raises(ValueError, match="not found"):
            cache.decr("counter")
    # Refused connections cost next to nothing, and after the first the breaker skips Redis.
    assert time.monotonic() - started < 1


def test_the_default_alias_serves_from_the_database_while_redis_is_dead(on_redis):
    on_redis.kill()
    cache = caches["default"]

    cache.set("counter", 1)
    assert cache.incr("counter") == 2
    assert cache.add("lock", True) is True
    assert cache.add("lock", True) is False
    assert caches["database"].get("counter") == 2


def test_a_frozen_redis_costs_one_timeout_then_is_skipped_until_the_next_probe(on_redis, caplog):
    cache = caches["pages"]
    cache.set("kept", "value")
    on_redis.freeze()
    caplog.set_level(logging.INFO, logger=CACHE_LOGGER)

    started = time.monotonic()
    assert cache.get("kept") is None
    first = time.monotonic() - started
    started = time.monotonic()
    for _request in range(50):
        assert cache.get("kept") is None
    skipped = time.monotonic() - started

    assert 0.4 < first < 1.5  # the read timeout, 0.5 s
    assert skipped < 0.25  # 50 skipped calls cost less than half of one timeout
    on_redis.thaw()
    time.sleep(0.3)  # RETRY_AFTER of the fixture: 0.2 s
    assert cache.get("kept") == "value"
    lines = outage_lines(caplog)
    assert [line.levelname for line in lines] == ["WARNING", "INFO"]
    assert "unreachable" in lines[0].getMessage()
    assert "TimeoutError" in lines[0].getMessage()
    assert "answers again" in lines[1].getMessage()


def test_pages_answer_without_redis_and_the_outage_is_logged_once(
    client, on_redis, profile, caplog
):
    pages = ["/en/", profile.get_parent().url, profile.url, reverse("account_login")]
    for url in pages:
        assert client.get(url).status_code == 200
    on_redis.kill()
    caplog.set_level(logging.INFO, logger=CACHE_LOGGER)

    for _visit in range(3):
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Cache") != "hit"
        time.sleep(0.25)  # past RETRY_AFTER: every visit round probes Redis again
    html = client.get(profile.url).content.decode()
    assert "<picture" in html  # renditions were looked up (and missed), not skipped

    lines = outage_lines(caplog)
    assert len(lines) == 1
    assert lines[0].levelname == "WARNING"
    assert f"127.0.0.1:{on_redis.port}" in lines[0].getMessage()


def test_sign_in_stays_rate_limited_while_redis_is_dead(client, on_redis):
    """Neither open (guessing goes on) nor closed (nobody signs in): the database counts."""
    user = UserFactory(email="mp@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    on_redis.kill()

    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "x"})
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_still_signs_in_while_redis_is_dead(client, on_redis):
    user = UserFactory(email="mp@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    on_redis.kill()

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_pages_cached_before_an_outage_are_retired_when_redis_comes_back(client, on_redis, profile):
    """An edit during the outage could not retire them: a withdrawn publicity must not return."""
    url = profile.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    on_redis.freeze()
    assert client.get(url)["X-Cache"] != "hit"

    on_redis.thaw()
    time.sleep(0.3)  # RETRY_AFTER of the fixture: 0.2 s
    client.get("/en/")  # the first call that reaches Redis again finds it back

    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


def test_a_call_under_way_when_the_outage_began_does_not_end_it(caplog):
    """A request answered just before Redis froze must not log a recovery, then a new outage."""
    caplog.set_level(logging.INFO, logger=CACHE_LOGGER)
    breaker = RedisBreaker("redis://127.0.0.1:1/0", retry_after=60)
    started = time.monotonic()
    breaker.record_failure(RedisConnectionError("Connection refused."))

    breaker.record_success(started)

    assert breaker.down_since is not None
    assert not breaker.allows_call()
    assert [line.levelname for line in outage_lines(caplog)] == ["WARNING"]


def test_one_caller_probes_a_down_redis_per_retry_window():
    breaker = RedisBreaker("redis://127.0.0.1:1/0", retry_after=1)
    breaker.record_failure(RedisConnectionError("Connection refused."))
    assert not breaker.allows_call()
    time.sleep(1.05)

    with ThreadPoolExecutor(max_workers=8) as pool:
        allowed = list(pool.map(lambda _caller: breaker.allows_call(), range(40)))

    assert allowed.count(True) == 1
