"""Test layer: only makes tests faster (hasher, in-memory email, plain static storage)."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from .base import *  # noqa: F403
from .base import DATABASES, Q_CLUSTER, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Manifest storage answers 500 without collectstatic (Wagtail's admin asks for hashed names);
# tests serve static files plainly.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise reads every file of STATIC_ROOT when its middleware is built, which Django's test
# client does once per client: over 100 ms per test once `collectstatic` has filled it. Looked up
# per request instead, the same files with the same headers.
WHITENOISE_AUTOREFRESH = True
# A code of the period before or after is accepted too, so a test that computes a code and types
# it seconds later never waits for the next 30-second period. Production keeps allauth's default
# (the current period only): allauth remembers a used code for one period, so a wider window would
# let a seen code be replayed.
MFA_TOTP_TOLERANCE = 1
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
# A test runs inside a transaction that never commits: see its own changes on public pages.
PAGE_CACHE_BUMP_AT_ONCE = True

# Uploaded files of a test run go to a throwaway directory, never into the working tree.
_TEST_FILES = Path(tempfile.mkdtemp(prefix="solidarity-test-files-"))
MEDIA_ROOT = _TEST_FILES / "media"
PRIVATE_MEDIA_ROOT = _TEST_FILES / "private"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's default in-memory test database: concurrency tests post from several
    # threads, and the shared-cache in-memory database answers a second writer "database table
    # is locked" at once instead of waiting, as the file's busy timeout does (Django's docs:
    # "Using an in-memory database with SQLite", settings TEST NAME).
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_FILES / "test.sqlite3")}
STORAGES["private"] = {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}}
