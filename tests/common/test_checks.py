"""`check --deploy` warns when links in emails would lead nowhere or over plain http."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from solidarity.common.checks import SITE_URL_NOT_HTTPS, SITE_URL_NOT_SERVED, check_site_url


def ids(**settings) -> set[str]:
    with override_settings(**settings):
        return {problem.id for problem in check_site_url()}


def test_the_development_default_is_flagged_for_a_production_host():
    assert ids(SITE_URL="http://127.0.0.1:8000", ALLOWED_HOSTS=["solidarity.example.org"]) == {
        SITE_URL_NOT_SERVED,
        SITE_URL_NOT_HTTPS,
    }


def test_the_public_https_address_passes_also_under_a_wildcard_host():
    assert ids(SITE_URL="https://solidarity.example.org", ALLOWED_HOSTS=[".example.org"]) == set()


def test_a_plain_http_public_address_is_flagged():
    assert ids(
        SITE_URL="http://solidarity.example.org", ALLOWED_HOSTS=["solidarity.example.org"]
    ) == {SITE_URL_NOT_HTTPS}


def test_the_check_runs_with_the_deploy_checks_only():
    with override_settings(
        SITE_URL="http://127.0.0.1:8000", ALLOWED_HOSTS=["solidarity.example.org"]
    ):
        call_command("check", fail_level="WARNING")  # not a deploy check: passes
        with pytest.raises(SystemCheckError, match=r"solidarity\.W001"):
            call_command("check", deploy=True, fail_level="WARNING", tags=["security"])
