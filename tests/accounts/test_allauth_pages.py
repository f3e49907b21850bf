"""Every allauth page answers every role in en, be and ru, in the page's language.

One request per page, role and language: the intended answer (a page, or the redirect of a page
that is not for this user), `<html lang>` of the language, and on be and ru pages no English text
from allauth's or our catalogue.
"""

import re
import time
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import allauth
import polib
import pytest
from allauth.account.internal.flows import login as login_flow
from allauth.account.internal.userkit import user_id_to_str
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from solidarity.accounts.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "be", "ru"]
ROLES = ["anonymous", Role.GODPARENT, Role.DEFENDER, Role.ORGANISER]
OK = 200
# Where a page that is not for this user sends them (a URL name; "landing" is the login landing).
LOGIN, LANDING = "account_login", "landing"

# url name: (anonymous, godparent, staff). Staff (defender, organiser) have an authenticator and
# recovery codes, as the admin requires; the godparent has no second factor.
PAGES = {
    "account_login": (OK, LANDING, LANDING),  # for signed-out users only
    "account_signup": (OK, LANDING, LANDING),
    "account_logout": ("/", OK, OK),
    "account_inactive": (OK, OK, OK),
    "account_reauthenticate": (LOGIN, OK, OK),
    "account_email": (LOGIN, OK, OK),
    "account_email_verification_sent": (OK, OK, OK),
    "account_change_password": (LOGIN, OK, OK),
    "account_set_password": (LOGIN, "account_change_password", "account_change_password"),
    "account_reset_password": (OK, OK, OK),
    "account_reset_password_done": (OK, OK, OK),
    "account_reset_password_from_key_done": (OK, OK, OK),
    "account_confirm_login_code": (LOGIN, LANDING, LANDING),  # only during a sign-in by code
    "mfa_index": (LOGIN, OK, OK),
    "mfa_authenticate": (LOGIN, LANDING, LANDING),  # only during a sign-in
    "mfa_reauthenticate": (LOGIN, "account_reauthenticate", OK),
    "mfa_activate_totp": (LOGIN, OK, "mfa_deactivate_totp"),
    "mfa_deactivate_totp": (LOGIN, 404, OK),
    "mfa_view_recovery_codes": (LOGIN, 404, OK),
    "mfa_generate_recovery_codes": (LOGIN, OK, OK),
    "mfa_list_webauthn": (LOGIN, OK, OK),
    "mfa_add_webauthn": (LOGIN, OK, OK),
}
# With an argument, opened last: the link of someone else's confirmation email, and a password
# reset link gone stale. allauth signs out whoever is signed in there, as the link is not theirs.
CONFIRM_EMAIL, BAD_RESET_KEY = "account_confirm_email", "account_reset_password_from_key"


def _sign_in(client, user) -> None:
    """A session as after typing the password a moment ago (and the code, for staff)."""
    client.force_login(user)
    session = client.session
    now = time.time()
    session[login_flow._AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    records = [{"method": "password", "at": now, "email": user.email, "reauthenticated": True}]
    if user.groups.exclude(name__icontains="godparent").exists():
        records.append({"method": "mfa", "at": now, "type": "totp"})
    session[login_flow.AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


@cache
def _english(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Texts that must not appear on a page in `language`: msgids of allauth and of our catalogue.

    Whole text nodes are compared with short msgids; long ones (with placeholders or markup cut
    out) are looked for inside the page's text. A msgid its catalogue leaves as is (a brand
    name such as "WebAuthn") is no English left over.
    """
    allauth_po = Path(allauth.__file__).parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    ours = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    vendor = (
        settings.BASE_DIR / "locale_vendor" / "allauth" / language / "LC_MESSAGES" / "django.po"
    )
    same = {
        e.msgid
        for path in (ours, vendor)
        if path.exists()
        for e in polib.pofile(str(path))
        if e.msgstr == e.msgid
    }
    msgids = {e.msgid for path in (allauth_po, ours) for e in polib.pofile(str(path))} - same
    whole, fragments = set(), set()
    for msgid in msgids:
        text = " ".join(msgid.split())
        if not re.search(r"%|\{|<", text) and len(text) < 30:
            whole.add(text)
        for part in re.split(r"%\(\w+\)s|%s|%d|\{\w*\}|<[^>]+>", text):
            if len(part.strip()) >= 30:
                fragments.add(part.strip())
    return frozenset(whole), tuple(sorted(fragments))


class _Texts(HTMLParser):
    """The page's text nodes and the attributes people read (labels, placeholders, buttons)."""

    def __init__(self):
        super().__init__()
        self.nodes: list[str] = []
        self._skip = 0
        self._other_language: list[str] = []  # open tags with a lang of their own

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag != "html" and dict(attrs).get("lang"):
            self._other_language.append(tag)  # the language switcher's "English"
        for name, value in attrs:
            if value and name in ("placeholder", "aria-label", "title", "alt"):
                self.nodes.append(value)
            if value and name == "value" and ("type", "submit") in attrs:
                self.nodes.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if self._other_language and self._other_language[-1] == tag:
            self._other_language.pop()

    def handle_data(self, data):
        if not self._skip and not self._other_language and data.strip():
            self.nodes.append(" ".join(data.split()))


def english_left(html: str, language: str) -> list[str]:
    whole, fragments = _english(language)
    parser = _Texts()
    parser.feed(html)
    text = " ".join(parser.nodes)
    found = [node for node in parser.nodes if node.rstrip(":") in whole or node in whole]
    return found + [fragment for fragment in fragments if fragment in text]


def _expected_url(expected: str, language: str) -> str:
    if expected == LANDING:
        return ""  # the adapter's landing page: "My prisoners" or the admin
    if expected.startswith("/"):
        return expected
    with translation.override(language):
        return reverse(expected)


def _problems(response, path: str, expected: int | str, language: str) -> list[str]:
    """What is wrong with one answer: its status or redirect, its language, English left."""
    if expected not in (OK, 404):
        target = _expected_url(str(expected), language)
        if response.status_code != 302 or not response["Location"].startswith(target):
            return [f"{path}: {response.status_code} {response.get('Location')}, not to {target}"]
        return []
    if response.status_code != expected:
        return [f"{path}: {response.status_code}, not {expected}"]
    if expected == 404:
        return []
    html = response.content.decode()
    problems = []
    if f'<html lang="{language}">' not in html:
        problems.append(f"{path}: not <html lang={language}>")
    if language != "en" and (english := english_left(html, language)):
        problems.append(f"{path}: English left: {english}")
    return problems


@pytest.fixture
def confirmation_key(db) -> str:
    """The key of a real confirmation email, for someone else's address being signed up."""
    somebody = user_with_role(None)
    address = EmailAddress.objects.create(
        user=somebody,
        email="a.very.long.name.of.a.member.of.parliament@bundestag.parlament.example.org",
        verified=False,
        primary=True,
    )
    return EmailConfirmationHMAC(address).key


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_every_allauth_page_answers_every_role_in_every_language(client, role, confirmation_key):
    user = None
    if role != "anonymous":
        user = user_with_role(role)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if role != Role.GODPARENT:
            RecoveryCodes.activate(user)
    column = 0 if role == "anonymous" else 1 if role == Role.GODPARENT else 2
    problems = []
    for language in LANGUAGES:
        if user:
            # Again for each language: the two links below sign out whoever opens them (allauth).
            _sign_in(client, user)
        with translation.override(language):
            pages = {name: (reverse(name), answers[column]) for name, answers in PAGES.items()}
            pages[CONFIRM_EMAIL] = (reverse(CONFIRM_EMAIL, args=[confirmation_key]), OK)
            stale = reverse(BAD_RESET_KEY, kwargs={"uidb36": "1", "key": "set-stale"})
            pages[BAD_RESET_KEY] = (stale, OK)
        for path, expected in pages.values():
            problems += _problems(client.get(path), path, expected, language)
    assert not problems, "\n".join(problems)
