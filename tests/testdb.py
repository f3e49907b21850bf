"""The test database, migrated once and copied to every test process.

Migrating ~250 migrations costs minutes, and pytest-xdist would do it once per worker. Instead the
first process to arrive migrates a template (under a file lock), keyed by a digest of every
migration file, the database backend and its name; every process then copies it:

- **SQLite**: the template is a file in the system's temporary directory; each process copies it
  (SQLite's backup API) to the file the test settings name, or into an in-memory database of its
  own, kept alive by one open connection for as long as the process runs.
- **PostgreSQL**: the template is a database; each process gets `CREATE DATABASE … TEMPLATE`,
  dropped again at the end of the run.

A template is reused by later runs until a migration changes (the digest), which is also what
makes `pytest` on a single file start in seconds. Delete `solidarity-testdb-*` files or
`test_*_tpl_*` databases to force a rebuild.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[1]
_KEEP_ALIVE: list[sqlite3.Connection] = []


def migrations_digest(vendor: str) -> str:
    """What the migrated schema depends on: the project's migrations and the packages' versions.

    Not the checkout's path nor the database's name, so that a fresh clone (CI) on a machine that
    already built the template reuses it.
    """
    digest = hashlib.sha256(f"{django.get_version()}|{vendor}".encode())
    paths = [*ROOT.glob("solidarity/*/migrations/*.py"), *ROOT.glob("cms/migrations/*.py")]
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    # Migrations of installed packages (Wagtail, allauth, django-q2…) follow their versions.
    from importlib.metadata import distributions

    for dist in sorted(distributions(), key=lambda d: d.metadata["Name"] or ""):
        digest.update(f"{dist.metadata['Name']}={dist.version}".encode())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(name: str) -> Iterator[None]:
    path = Path(tempfile.gettempdir()) / f"{name}.lock"
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def setup_test_database() -> str:
    """Point the default connection at a fresh copy of the migrated template; its name."""
    if len(settings.DATABASES) != 1:
        raise RuntimeError("tests/testdb.py copies one database alias; extend it for more.")
    connection = connections["default"]
    original = connection.settings_dict["NAME"]
    key = migrations_digest(connection.vendor)
    if connection.vendor == "sqlite":
        return _sqlite(connection, key)
    if connection.vendor == "postgresql":
        return _postgresql(connection, key, str(original))
    raise RuntimeError(f"No template copy for {connection.vendor}")


def _migrate_into(connection, name: str, *, before_close=None) -> None:
    """Django's own test database creation (migrate, cache tables), under another name."""
    connection.settings_dict.setdefault("TEST", {})
    test_name = connection.settings_dict["TEST"].get("NAME")
    connection.settings_dict["TEST"]["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        if before_close:
            before_close()
    finally:
        connection.settings_dict["TEST"]["NAME"] = test_name
    connection.close()


def _sqlite(connection, key: str) -> str:
    template = Path(tempfile.gettempdir()) / f"solidarity-testdb-{key}.sqlite3"
    with _locked(f"solidarity-testdb-{key}"):
        if not template.exists():
            # Migrated in memory (a file costs a disk sync per migration), then written out.
            building = template.with_suffix(f".{os.getpid()}.building")
            memory = f"file:memorydb_template_{os.getpid()}?mode=memory&cache=shared"
            keep = sqlite3.connect(memory, uri=True)

            def write_out() -> None:
                target = sqlite3.connect(building)
                keep.backup(target)
                target.close()

            _migrate_into(connection, memory, before_close=write_out)
            keep.close()
            building.rename(template)
    # The test settings ask for a file (threads must wait for each other's writes, which a
    # shared in-memory database refuses at once); otherwise a database in memory.
    wanted = (connection.settings_dict.get("TEST") or {}).get("NAME")
    in_memory = not wanted or "mode=memory" in str(wanted) or str(wanted) == ":memory:"
    name = f"file:memorydb_default_{_worker()}?mode=memory&cache=shared" if in_memory else wanted
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    target = sqlite3.connect(name, uri=in_memory)
    source.backup(target)
    source.close()
    if in_memory:
        _KEEP_ALIVE.append(target)
    else:
        target.close()
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    return name


def _postgresql(connection, key: str, original: str) -> str:
    template = f"test_solidarity_tpl_{key}"
    name = f"test_{original}_{_worker()}"[:63]
    with _locked(f"solidarity-testdb-{template}"):
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            exists = cursor.fetchone() is not None
        if not exists:
            _migrate_into(connection, template)
            connection.settings_dict["NAME"] = original
            settings.DATABASES["default"]["NAME"] = original
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    return name


def teardown_test_database(name: str) -> None:
    connection = connections["default"]
    connection.close()
    if connection.vendor == "sqlite":
        for kept in _KEEP_ALIVE:
            kept.close()
        _KEEP_ALIVE.clear()
        return
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
