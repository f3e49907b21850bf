"""The restore drill (docs/operations.md, "Backups and restore"): back up, restore, compare.

PostgreSQL only, and never skipped: it runs through `make restore-drill`, which gives it a
PostgreSQL database, and fails on any other. It lives outside tests/ so that the suite on SQLite
does not collect it. It makes data, runs deploy/backup.sh against the test database, restores
into a new, empty database and empty directories with deploy/restore.sh, and checks that every
table has the same number of rows and that a private file came back byte for byte.
"""

import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

from solidarity.accounts.roles import Role
from tests.factories import LetterFactory, PrisonerFactory, user_with_role

DEPLOY = Path(__file__).resolve().parents[1]
SCAN = b"\x89PNG\r\n\x1a\n" + os.urandom(512)

pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str) -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "select tablename from pg_tables where schemaname = 'public' order by tablename"
            )
        ]
        return {
            table: conn.execute(f'select count(*) from "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def _run(script: str, *args: str, env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603 (bash from PATH, our own script)
        ["bash", str(DEPLOY / script), *args],  # noqa: S607
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(tmp_path):
    assert connection.vendor == "postgresql", "the drill needs DATABASE_URL=postgres://..."
    for _ in range(3):
        PrisonerFactory()
    user_with_role(Role.ORGANISER)
    letter = LetterFactory()
    letter.reply_scan.save("reply.png", ContentFile(SCAN))
    source_url = _url(connection.settings_dict["NAME"])
    restored_name = f"{connection.settings_dict['NAME']}_restored"
    restored_url = _url(restored_name)
    admin_url = _url("postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{restored_name}"')
        conn.execute(f'create database "{restored_name}"')
    try:
        backup = _run(
            "backup.sh",
            str(tmp_path / "backups"),
            env={
                "DATABASE_URL": source_url,
                "MEDIA_ROOT": str(settings.MEDIA_ROOT),
                "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            },
        ).strip()
        restored_private = tmp_path / "restored-private"
        restored_private.mkdir()
        _run(
            "restore.sh",
            backup,
            env={
                "DATABASE_URL": restored_url,
                "MEDIA_ROOT": str(tmp_path / "restored-media"),
                "PRIVATE_MEDIA_ROOT": str(restored_private),
            },
        )

        source_counts = _row_counts(source_url)
        assert source_counts["activity_letter"] == 1
        assert source_counts["prisoners_prisoner"] >= 3
        assert _row_counts(restored_url) == source_counts
        stored = storages["private"].path(letter.reply_scan.name)
        assert Path(stored).read_bytes() == SCAN
        assert (restored_private / letter.reply_scan.name).read_bytes() == SCAN
        # A second restore into the now full database is refused, not merged.
        with pytest.raises(AssertionError, match="restore only into an empty one"):
            _run("restore.sh", backup, env={"DATABASE_URL": restored_url})
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{restored_name}" with (force)')
