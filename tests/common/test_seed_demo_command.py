"""`seed_demo` as a command and at odd sizes: each test builds its own demo, outside the one
test_seed_demo.py shares between its tests (ANALYZE, for one, runs only outside a transaction)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.accounts.models import User
from solidarity.demo.accounts import DEMO_ACCOUNTS
from solidarity.demo.builder import DemoSize
from solidarity.demo.management.commands.seed_demo import NOT_IN_PRODUCTION
from tests.common.test_seed_demo import ALLOW, build, demo_prisoners
from tests.common.test_seed_demo_showcase import build as build_showcase
from tests.common.test_seed_demo_showcase import portraits

pytestmark = pytest.mark.django_db


def test_default_sizes_scale_with_the_number_of_prisoners():
    assert DemoSize(prisoners=120).resolved() == DemoSize(120, 40, 360, 60)
    assert DemoSize(prisoners=9).resolved().godparents == 12


def test_the_command_prints_the_demo_credentials_and_is_idempotent():
    out = io.StringIO()
    args = ["--prisoners", "30", "--letters", "20", "--actions", "5", "--pages", "1"]
    with CaptureQueriesContext(connection) as first:
        call_command("seed_demo", *args, "--anchor-date", "2026-01-15", ALLOW, stdout=out)
    with CaptureQueriesContext(connection) as second:
        call_command("seed_demo", "--anchor-date", "2026-01-15", "--pages", "1", ALLOW, stdout=out)
    output = out.getvalue()
    # Fresh bulk-loaded tables get planner statistics; nothing new, nothing to analyse.
    assert [q["sql"] for q in first.captured_queries if q["sql"] == "ANALYZE"] == ["ANALYZE"]
    assert not [q for q in second.captured_queries if q["sql"] == "ANALYZE"]
    assert "Created demo data: 30 prisoners" in output
    assert "Demo data already exists" in output
    for account in DEMO_ACCOUNTS:
        assert account.email in output
        assert account.password in output
        assert account.totp_secret in output
    assert demo_prisoners().count() == 30


def test_tiny_sizes_build_without_errors():
    result = build(size=DemoSize(prisoners=5, godparents=0, letters=10, actions=3))
    assert demo_prisoners().count() == 5
    assert result.counts["letters"] == 0  # nobody to write them
    assert result.counts["actions"] == 0


def test_the_command_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo", "--prisoners", "3", stdout=io.StringIO())
    assert not User.objects.filter(email="admin@solidarity.test").exists()
    assert str(NOT_IN_PRODUCTION).startswith("seed_demo creates accounts")


def test_portraits_are_drawn_for_a_bounded_number_of_prisoners(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("solidarity.demo.pages.PORTRAIT_LIMIT", 1)
    build_showcase(pages=10)
    assert portraits().count() == 1
