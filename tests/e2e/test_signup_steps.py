"""The three sign-up steps fit a 320 px phone in every language, even with a long address."""

import re

import pytest
from django.core import mail

from tests.e2e.conftest import E2E

pytestmark = E2E
WIDTH = 320
LONG_ADDRESS = "a.very.long.name.of.a.member.of.parliament@bundestag.parlament.example.org"
PASSWORD = "a-long-and-unusual-passphrase-42"
STEP = {"en": "Step {} of 3", "be": "Крок {} з 3", "ru": "Шаг {} из 3"}


def _fits(page, step: int, language: str) -> None:
    """The page is on `step`, in `language`, and nothing makes it wider than the screen."""
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".signup-steps__count").inner_text() == STEP[language].format(step)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"step {step} in {language} is {width} px wide: {page.url}"


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_each_sign_up_step_fits_a_320_px_phone(live_server, browser, site, language):
    context = browser.new_context(viewport={"width": WIDTH, "height": 640}, is_mobile=True)
    phone = context.new_page()
    mail.outbox = []

    phone.goto(f"{live_server.url}/{language}/accounts/signup/")
    _fits(phone, 1, language)
    # One address per language: allauth sends one confirmation per address every 3 minutes.
    phone.locator("input[name=email]").fill(f"{language}.{LONG_ADDRESS}")
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)
    phone.locator("form button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    _fits(phone, 2, language)  # the "Confirmation email sent to <address>" message included

    (message,) = mail.outbox
    path = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", message.body).group(1)
    phone.goto(live_server.url + path)
    _fits(phone, 2, language)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/me/profile/$"))
    _fits(phone, 3, language)
    context.close()
