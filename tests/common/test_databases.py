import os
import uuid

import dj_database_url
import psycopg
import pytest

from solidarity.common.databases import database_ensure

SERVER_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
def server():
    """A PostgreSQL server (always present on this project's machines and CI)."""
    settings_dict = dj_database_url.parse(SERVER_URL)
    try:
        psycopg.connect(SERVER_URL, connect_timeout=3).close()
    except psycopg.OperationalError:
        pytest.skip(f"no PostgreSQL server at {SERVER_URL}")
    return settings_dict


def test_sqlite_needs_no_creation():
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "x"}
    assert database_ensure(settings_dict=sqlite) is False


def test_a_missing_postgresql_database_is_created_once(server):
    name = f"solidarity_ensure_{uuid.uuid4().hex[:8]}"
    settings_dict = {**server, "NAME": name}
    try:
        assert database_ensure(settings_dict=settings_dict) is True
        assert database_ensure(settings_dict=settings_dict) is False
    finally:
        with psycopg.connect(SERVER_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
