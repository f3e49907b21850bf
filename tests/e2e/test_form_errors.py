"""On a 360 px phone a failed profile save puts the focus on the error summary at the top, and
its link puts the focus on the field, with its label and error in view."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from solidarity.accounts.roles import Role
from tests.e2e.conftest import E2E
from tests.factories import user_with_role
from tests.factories.accounts import PASSWORD
from tests.factories.godparents import GodparentProfileFactory

pytestmark = E2E


@pytest.fixture
def small_phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 560}, is_mobile=True)
    yield context.new_page()
    context.close()


def test_a_failed_save_focuses_the_summary_whose_link_focuses_the_field(
    live_server, small_phone, site
):
    user = user_with_role(Role.GODPARENT)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    GodparentProfileFactory(user=user)  # verified, without evidence: the demo godparent
    small_phone.goto(f"{live_server.url}/en/accounts/login/?next=/en/me/profile/")
    small_phone.locator("input[name=login]").fill(user.email)
    small_phone.locator("input[name=password]").fill(PASSWORD)
    small_phone.get_by_role("button", name=re.compile("Sign in", re.I)).click()

    small_phone.get_by_label("Full name").fill("")
    small_phone.get_by_role("button", name="Save").click()

    summary = small_phone.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    name = small_phone.locator("#id_full_name")
    expect(name).not_to_be_in_viewport()  # the field is further down: the link matters
    summary.get_by_role("link", name="Full name: This field is required.").click()
    expect(name).to_be_focused()
    expect(name).to_be_in_viewport()
    expect(small_phone.locator("label[for=id_full_name]")).to_be_in_viewport()
    expect(small_phone.locator("#id_full_name_error")).to_be_in_viewport()
