"""Content-Security-Policy: one strict policy for the site, a wider one for Wagtail's admin only.

The site's own pages run no inline script or style (static/ holds them all), so an injected
`<script>` or `onclick=` in a page can do nothing. Wagtail's admin cannot run under that policy:
its widgets (dates, inline panels, choosers) print inline `<script>` and `style=` attributes. The
admin is behind sign-in and MFA and shows no visitor-written HTML unescaped, so it alone gets
`'unsafe-inline'` (never `'unsafe-eval'`): settings.CSP_ADMIN_DIRECTIVES, for paths under
CSP_ADMIN_PREFIXES. Both policies are sent as Report-Only instead when CSP_REPORT_ONLY=1 (a
careful roll-out: violations show in the browser's console, nothing breaks).

A response that already carries a policy keeps it: private files (common/uploads.py) send a
stricter, sandboxing one. The error page (500.html) keeps its styles inline, so that it renders
when nothing else works; its `<style>` block alone is allowed, by its hash.
"""

import base64
import hashlib
import re
from functools import cache
from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.template.loader import get_template

_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


@cache
def error_page_style_source() -> str | None:
    """The CSP source that allows 500.html's own `<style>` block and nothing else."""
    template: Any = get_template("500.html")  # the Django backend's wrapper: .template.source
    match = _STYLE_BLOCK.search(template.template.source)
    if match is None:
        return None
    digest = hashlib.sha256(match.group(1).encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's directives swapped in under the admin prefix."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefixes = tuple(getattr(settings, "CSP_ADMIN_PREFIXES", ()))
        if prefixes and request.path_info.startswith(prefixes) and parts.replace is None:
            parts.replace = dict(settings.CSP_ADMIN_DIRECTIVES)
        if response.status_code == 500 and parts.update is None:
            source = error_page_style_source()
            if source:
                parts.update = {"style-src": [source]}
        return parts
