"""Shared fixtures: a real Wagtail page tree per locale and users for every role."""

import gc
import time

import pytest
from allauth.account.internal.flows import login as login_flow
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.utils import is_mfa_enabled
from django.test import Client

from solidarity.accounts.roles import Role
from tests.factories import user_with_role
from tests.sitesnapshot import SiteSnapshot, build_site_snapshot

_SITE_SNAPSHOT: SiteSnapshot | None = None


def pytest_configure(config):
    """Collect cyclic garbage every 50,000 allocations instead of 700.

    A test process makes and drops millions of short-lived objects (querysets, templates,
    responses) that reference counting frees; the collector's young-generation passes over them
    found little and cost about a tenth of the suite's CPU. Start-up objects are frozen as in
    production (solidarity/common/apps.py).
    """
    gc.set_threshold(50_000, 20, 100)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """A copy of the migrated template database for this test process (tests/testdb.py), and
    the post-migration snapshot reachable from every connection object.

    Browser journeys use serialized rollback to restore what data migrations made (roles, Wagtail's
    root page). Django keeps the snapshot on the connection object, which is context-local; once
    Playwright's sync API runs, tests see a fresh connection object without it. Storing it on the
    wrapper class makes it visible to every connection to the test database.
    """
    from django.db import connections

    from tests.testdb import setup_test_database, teardown_test_database

    global _SITE_SNAPSHOT
    with django_db_blocker.unblock():
        name = setup_test_database()
        for connection in connections.all():
            contents = connection.creation.serialize_db_to_string()
            connection._test_serialized_contents = contents
            type(connection)._test_serialized_contents = contents
        _SITE_SNAPSHOT = build_site_snapshot()
    yield
    with django_db_blocker.unblock():
        teardown_test_database(name)


class MFAClient(Client):
    """`force_login` as if the user had also entered their authenticator code, when they have one.

    Staff need a session confirmed with a second factor to use the admin
    (accounts/middleware.py); tests of that rule use `force_login(user, mfa=False)`.
    """

    def force_login(self, user, backend=None, *, mfa: bool = True):
        super().force_login(user, backend)
        if mfa and is_mfa_enabled(user):
            session = self.session
            now = time.time()
            session[login_flow._AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
            session[login_flow.AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "password", "at": now, "email": user.email},
                {"method": "mfa", "at": now, "type": "totp"},
            ]
            session.save()


@pytest.fixture
def client():
    return MFAClient()


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Every test starts in the default language.

    A request through the test client activates its URL's language in the test thread and
    nothing deactivates it, so without this a test's messages depend on the tests before it.
    """
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def page_cache_off(settings):
    """For tests that measure rendering: without it a repeated request is a page cache hit."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def site(db):
    """The public site as `make run` sets it up: home and prisoner listing in en, be and ru.

    Built once per test process and restored here (tests/sitesnapshot.py): `site_setup()` is
    what the snapshot ran, so both give the same rows.
    """
    assert _SITE_SNAPSHOT is not None, "django_db_setup builds the snapshot"
    return _SITE_SNAPSHOT.restore()


@pytest.fixture
def role_users(db):
    """One user per role, plus a user with no role."""
    return {role: user_with_role(role) for role in [*Role, None]}


@pytest.fixture
def outbox(monkeypatch, settings):
    """Emails as sent once their transaction commits.

    Tests run inside a transaction that never commits, so the on-commit hooks that queue emails
    would never fire; here they run at once (django-q2 is synchronous in tests).
    `tests/notifications` proves the real hook waits for the commit.
    """
    from django.core import mail
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    mail.outbox = []
    return mail.outbox


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the access matrix (case → roles allowed) whenever its test ran, even with -q."""
    ran = any(
        "test_access_matrix" in report.nodeid
        for reports in terminalreporter.stats.values()
        for report in reports
        if hasattr(report, "nodeid")
    )
    if not ran:
        return
    from tests.accounts.test_access_matrix import ALLOWED, CASES, ROLES

    write = terminalreporter.write_line
    terminalreporter.section("access matrix: roles allowed per case (all others refused)")
    write(f"{len(CASES)} cases x {len(ROLES)} actors: {', '.join(ROLES)}")
    for name in CASES:
        allowed = [role for role in ROLES if role in ALLOWED[name]]
        write(f"  {name:<55} {', '.join(allowed) or '(nobody)'}")


def pytest_collection_modifyitems(config, items):
    """Refuse a browser test outside tests/e2e (say, a fixture named `page`, which is Playwright's).

    Such a test would be grouped with the journeys and run after them, on a database they empty.
    """
    strays = [
        item.nodeid
        for item in items
        if "browser_name" in getattr(item, "fixturenames", ())
        and not item.nodeid.startswith("tests/e2e/")
    ]
    if strays:
        raise pytest.UsageError(f"Browser fixtures outside tests/e2e: {', '.join(strays[:5])}")
