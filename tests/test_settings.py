"""Settings read the environment: each optional service switches on with its variable."""

import importlib.util
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import solidarity.settings.base as base_settings

BASE = Path(base_settings.__file__)
_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "ALLOWED_HOSTS",
    "AWS_STORAGE_BUCKET_NAME",
    "SECURE_SSL_REDIRECT",
    "AWS_PRIVATE_BUCKET_NAME",
    "BEHIND_PROXY",
    "TRUSTED_PROXY_COUNT",
]


def load_settings(monkeypatch, **env):
    """Evaluate settings/base.py afresh with exactly these variables set."""
    for name in _VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_probe", BASE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sqlite_file_is_the_default_database(monkeypatch):
    settings = load_settings(monkeypatch, DEBUG="1")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert str(settings.DATABASES["default"]["NAME"]).endswith("db.sqlite3")


def test_database_url_switches_to_postgresql(monkeypatch):
    settings = load_settings(
        monkeypatch, DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/solidarity"
    )
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"]) == (
        "solidarity",
        "127.0.0.1",
        5432,
    )


def test_redis_url_moves_the_caches_to_redis_but_jobs_stay_in_the_database(monkeypatch):
    settings = load_settings(monkeypatch, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0")
    redis_aliases = {"default", "pages", "renditions"}
    for alias in redis_aliases:
        assert settings.CACHES[alias]["BACKEND"] == "solidarity.common.cache.ResilientRedisCache"
        assert settings.CACHES[alias]["LOCATION"] == "redis://127.0.0.1:6379/0"
    # While Redis is down, the rate limits count in the database cache table.
    fallback = settings.CACHES[settings.CACHES["default"]["FALLBACK"]]
    assert fallback["BACKEND"].endswith("DatabaseCache")
    # Jobs and queued emails must outlive a Redis outage: the broker is the database.
    assert settings.Q_CLUSTER["orm"] == "default"
    assert "redis" not in settings.Q_CLUSTER


def test_without_redis_the_database_serves_cache_and_jobs(monkeypatch):
    settings = load_settings(monkeypatch, DEBUG="1")
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    assert settings.Q_CLUSTER["orm"] == "default"


def test_smtp_is_used_only_when_email_host_is_set(monkeypatch):
    assert load_settings(monkeypatch, DEBUG="1").EMAIL_BACKEND.endswith("console.EmailBackend")
    smtp = load_settings(monkeypatch, DEBUG="1", EMAIL_HOST="smtp.example.org")
    assert smtp.EMAIL_BACKEND.endswith("smtp.EmailBackend")


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        load_settings(monkeypatch)


def test_production_defaults_are_secure(monkeypatch):
    settings = load_settings(monkeypatch, SECRET_KEY="x" * 60, ALLOWED_HOSTS="solidarity.example")
    assert settings.DEBUG is False
    assert settings.ALLOWED_HOSTS == ["solidarity.example"]
    assert settings.SESSION_COOKIE_SECURE
    assert settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_SSL_REDIRECT is True
    assert settings.SECURE_HSTS_SECONDS >= 31_536_000


def test_a_malformed_boolean_is_an_error_not_a_guess(monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        load_settings(monkeypatch, DEBUG="maybe")


def test_s3_media_switches_on_with_a_bucket(monkeypatch):
    settings = load_settings(
        monkeypatch,
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="solidarity-media",
        AWS_PRIVATE_BUCKET_NAME="solidarity-private",
    )
    assert settings.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert settings.STORAGES["private"]["OPTIONS"]["querystring_auth"] is True


def test_an_empty_variable_keeps_the_secure_default(monkeypatch):
    settings = load_settings(
        monkeypatch, SECRET_KEY="x" * 60, DEBUG="", SECURE_SSL_REDIRECT="", ALLOWED_HOSTS=""
    )
    assert settings.DEBUG is False
    assert settings.SECURE_SSL_REDIRECT is True
    assert settings.ALLOWED_HOSTS == []


@pytest.mark.parametrize(
    "private_bucket", ["", "solidarity-media"], ids=["missing", "same-as-public"]
)
def test_private_files_never_share_the_public_bucket(monkeypatch, private_bucket):
    with pytest.raises(ImproperlyConfigured):
        load_settings(
            monkeypatch,
            DEBUG="1",
            AWS_STORAGE_BUCKET_NAME="solidarity-media",
            AWS_PRIVATE_BUCKET_NAME=private_bucket,
        )


def test_behind_a_proxy_the_client_ip_is_taken_from_the_trusted_hop(monkeypatch):
    settings = load_settings(monkeypatch, DEBUG="1", BEHIND_PROXY="1")
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 1
    assert not hasattr(settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER")
    assert settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    with pytest.raises(ImproperlyConfigured):
        load_settings(monkeypatch, DEBUG="1", BEHIND_PROXY="1", TRUSTED_PROXY_COUNT="0")
