"""Database housekeeping that must work before the database itself exists."""

from typing import Any

POSTGRESQL = "django.db.backends.postgresql"


def database_ensure(*, settings_dict: dict[str, Any]) -> bool:
    """Create the PostgreSQL database named in settings_dict if missing; True when created.

    Connects to the server's `postgres` maintenance database with the same credentials.
    """
    if settings_dict["ENGINE"] != POSTGRESQL:
        return False
    # The PostgreSQL driver only where PostgreSQL is configured: SQLite needs none.
    import psycopg
    from psycopg import sql

    params: dict[str, Any] = {
        "dbname": "postgres",
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
    }
    name = settings_dict["NAME"]
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True
