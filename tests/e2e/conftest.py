"""Browser journeys: Playwright drives Debian's chromium against Django's live server.

No browser download works on these machines, so Playwright launches /usr/bin/chromium. Journey
modules declare `E2E` as their `pytestmark`: a transactional database with serialized rollback,
so that the rows made by data migrations (roles, Wagtail's root page) are restored, and declared
in the module so that pytest-django schedules these tests after the others.
"""

import os
import shutil

import pytest

from tests.cms.conftest import listings, make_profile  # noqa: F401 (shared fixtures)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

E2E = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def phone(browser):
    """A phone-sized page (the way many parliamentarians use the site)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    yield context.new_page()
    context.close()
