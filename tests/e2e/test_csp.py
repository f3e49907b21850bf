"""The Content-Security-Policy breaks nothing: Chromium reports no violation on the site, the
portal or the admin pages staff use (dashboard, a page editor, a snippet listing, an image
chooser). A violation here means a template needs its inline code moved to static/, or, in the
admin only, settings.CSP_ADMIN_DIRECTIVES needs a source (solidarity/common/csp.py)."""

import re

from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from solidarity.accounts.roles import Role
from tests.e2e.conftest import E2E
from tests.factories import GodparentProfileFactory, user_with_role
from tests.factories.accounts import PASSWORD, totp_code

pytestmark = E2E

# Every violation, whether blocked or only reported, ends up in this list of the page's window.
_COLLECT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def _visit(page, url: str, *, settle: str = "networkidle") -> list[str]:
    """The violations of one page: once it has loaded, or (admin pages, whose scripts fetch
    more after the load) once the network has been idle for half a second."""
    page.goto(url)
    page.wait_for_load_state(settle)
    return [f"{url}: {v}" for v in _violations(page)]


def _sign_in(page, base: str, email: str, *, totp: bool) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label(re.compile("Email", re.I)).fill(email)
    page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    if totp:
        page.locator("input[name=code]").fill(totp_code())
        page.get_by_role("button", name=re.compile("Sign in", re.I)).click()


def test_public_pages_and_the_portal_run_without_a_violation(live_server, browser, site):
    godparent = GodparentProfileFactory()
    EmailAddress.objects.create(
        user=godparent.user, email=godparent.user.email, verified=True, primary=True
    )
    context = browser.new_context()
    context.add_init_script(_COLLECT)
    page = context.new_page()
    base = live_server.url
    found = []
    for url in ("/en/", "/be/", "/en/prisoners/", "/en/accounts/login/", "/en/accounts/signup/"):
        found += _visit(page, base + url, settle="load")
    _sign_in(page, base, godparent.user.email, totp=False)
    for url in ("/en/me/", "/en/me/profile/", "/en/me/reminders/"):
        found += _visit(page, base + url, settle="load")
    context.close()

    assert found == []


def test_the_admin_runs_without_a_violation(live_server, browser, site):
    organiser = user_with_role(Role.ADMIN)
    EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)
    context = browser.new_context()
    context.add_init_script(_COLLECT)
    page = context.new_page()
    base = live_server.url
    _sign_in(page, base, organiser.email, totp=True)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    found = _violations(page)
    home = site.pk
    for url in (
        "/admin/",
        f"/admin/pages/{home}/edit/",
        "/admin/snippets/prisoners/prisoner/",
        "/admin/images/",
        "/admin/images/chooser/",
        f"/admin/pages/{home}/",
    ):
        found += _visit(page, base + url)
    context.close()

    assert found == []
