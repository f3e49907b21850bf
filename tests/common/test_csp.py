"""Content-Security-Policy on every kind of response (solidarity/common/csp.py, settings).

The site's pages get the strict policy (no inline script or style), Wagtail's admin alone the
wider one it needs, and a private file keeps its own sandboxing policy.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from solidarity.accounts.roles import Role
from tests.factories import GodparentProfileFactory, LetterFactory, user_with_role
from tests.test_settings import load_settings

pytestmark = pytest.mark.django_db
HEADER = "Content-Security-Policy"


def directives(response, header: str = HEADER) -> dict[str, list[str]]:
    assert header in response, f"no {header} on {response.status_code}"
    parts = (part.split() for part in response[header].split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_strict(policy: dict[str, list[str]]) -> None:
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_a_public_page_has_the_strict_policy(client, site):
    response = client.get("/en/")

    assert response.status_code == 200
    assert_strict(directives(response))


def test_a_portal_page_has_the_strict_policy(client):
    godparent = GodparentProfileFactory()
    client.force_login(godparent.user)

    response = client.get(reverse("portal:dashboard"))

    assert response.status_code == 200
    assert_strict(directives(response))


def test_not_found_and_healthz_have_the_strict_policy(client, site):
    missing = client.get("/en/no-such-page/")
    health = client.get(reverse("healthz"))

    assert missing.status_code == 404
    assert_strict(directives(missing))
    assert health["Content-Type"].startswith("application/json")
    assert_strict(directives(health))


def test_the_admin_alone_allows_inline_script_and_style_but_never_eval(client):
    client.force_login(user_with_role(Role.ORGANISER))

    admin = directives(client.get(reverse("wagtailadmin_home")))

    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert not any("'unsafe-eval'" in values for values in admin.values())
    assert admin["object-src"] == ["'none'"]
    assert admin["frame-ancestors"] == ["'self'"]  # the page preview frames the admin's own page


def test_a_private_file_keeps_its_sandboxing_policy(client):
    letter = LetterFactory()
    letter.reply_scan.save("reply.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\0" * 16))
    client.force_login(letter.godparent.user)

    response = client.get(reverse("portal:letter_scan", args=[letter.pk]))

    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert "sandbox" in policy


def test_report_only_mode_sends_the_same_policy_without_enforcing_it(monkeypatch):
    monkeypatch.delenv("CSP_REPORT_ONLY", raising=False)
    enforced = load_settings(monkeypatch, DEBUG="1")
    monkeypatch.setenv("CSP_REPORT_ONLY", "1")
    trial = load_settings(monkeypatch, DEBUG="1")

    assert enforced.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
    assert enforced.CONTENT_SECURITY_POLICY_REPORT_ONLY is None
    assert trial.CONTENT_SECURITY_POLICY is None
    assert trial.CONTENT_SECURITY_POLICY_REPORT_ONLY == enforced.CONTENT_SECURITY_POLICY


def test_report_only_mode_sets_the_report_only_header(client, site, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None

    response = client.get("/en/")

    assert HEADER not in response
    assert_strict(directives(response, "Content-Security-Policy-Report-Only"))


def test_images_may_come_from_the_public_bucket(monkeypatch):
    monkeypatch.delenv("CSP_MEDIA_ORIGINS", raising=False)
    settings = load_settings(
        monkeypatch,
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="solidarity-media",
        AWS_PRIVATE_BUCKET_NAME="solidarity-private",
    )

    origin = "https://solidarity-media.s3.amazonaws.com"
    assert settings.CSP_DIRECTIVES["img-src"] == ["'self'", "data:", origin]
    assert origin in settings.CSP_ADMIN_DIRECTIVES["img-src"]


def test_the_error_page_may_use_its_own_inline_style_and_no_other(rf):
    """500.html is self-contained: its one `<style>` is allowed by hash, not 'unsafe-inline'."""
    import base64
    import hashlib
    import re

    from solidarity.common.csp import SitePolicyMiddleware
    from solidarity.common.views import server_error

    request = rf.get("/en/broken/")
    middleware = SitePolicyMiddleware(server_error)
    middleware.process_request(request)
    response = middleware.process_response(request, server_error(request))

    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = directives(response)
    assert policy["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert policy["script-src"] == ["'self'"]
