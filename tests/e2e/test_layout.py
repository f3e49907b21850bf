"""The public pages fit a 320 px phone, and the header stays compact on a phone."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import user_with_role
from tests.factories.accounts import PASSWORD

pytestmark = E2E

PATHS = ["/en/", "/be/", "/ru/prisoners/", "/ru/godparents/", "/be/accounts/signup/"]


@pytest.fixture
def small_phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    yield context.new_page()
    context.close()


def test_no_public_page_is_wider_than_a_320_px_phone(live_server, small_phone, site):
    for path in PATHS:
        small_phone.goto(f"{live_server.url}{path}")
        width = small_phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide"


def test_a_long_email_address_wraps_instead_of_widening_the_page(live_server, small_phone, site):
    email = "a.very.long.parliamentary.address.of.the.committee@bundestag-parlament.example.de"
    user = user_with_role(None, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    small_phone.goto(f"{live_server.url}/en/accounts/login/")
    small_phone.locator("input[name=login]").fill(email)
    small_phone.locator("input[name=password]").fill(PASSWORD)
    small_phone.locator("main form button[type=submit]").first.click()
    small_phone.goto(f"{live_server.url}/en/accounts/email/")
    expect(small_phone.get_by_text(email).first).to_be_visible()
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_phone_header_is_compact_and_its_menu_opens_without_javascript(
    live_server, browser, site
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False
    )
    phone = context.new_page()
    phone.goto(f"{live_server.url}/ru/")
    assert phone.locator(".site-header").bounding_box()["height"] <= 100
    expect(phone.get_by_role("link", name="Зарегистрироваться")).to_be_visible()
    expect(phone.get_by_role("link", name="Крёстные")).to_be_hidden()

    phone.get_by_text("Меню").click()
    expect(phone.get_by_role("link", name="Крёстные")).to_be_visible()
    context.close()


def test_a_desktop_shows_the_links_in_a_row(live_server, page, site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/en/")
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.get_by_role("link", name="Godparents")).to_be_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= 80
