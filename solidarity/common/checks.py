"""Deployment checks for settings that Django's own `check --deploy` does not know about."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host

SITE_URL_NOT_SERVED = "solidarity.W001"
SITE_URL_NOT_HTTPS = "solidarity.W002"


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs) -> list[Warning]:
    """Every link in an email, the admin and the sitemap is built from SITE_URL, with no request
    to correct it: a default or mistyped value sends every recipient to a dead address, and a
    plain-http one to a page where a password could be read on the way."""
    address = urlsplit(settings.SITE_URL)
    host = address.hostname or ""
    problems = []
    if not host or not validate_host(host, settings.ALLOWED_HOSTS):
        problems.append(
            Warning(
                f"SITE_URL ({settings.SITE_URL}) names a host this site does not serve "
                f"(ALLOWED_HOSTS: {', '.join(settings.ALLOWED_HOSTS) or 'none'}).",
                hint="Set SITE_URL to the public address, e.g. https://solidarity.example.org: "
                "links in emails and the sitemap are built from it.",
                id=SITE_URL_NOT_SERVED,
            )
        )
    if address.scheme != "https":
        problems.append(
            Warning(
                f"SITE_URL ({settings.SITE_URL}) is not an https address.",
                hint="Links in emails lead to sign-in pages: serve and name them over https.",
                id=SITE_URL_NOT_HTTPS,
            )
        )
    return problems
