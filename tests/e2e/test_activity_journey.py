"""A godparent logs a letter and an action on a phone; an organiser verifies; the counters move."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from solidarity.accounts.roles import Role
from solidarity.activity.models import ActionVerification, AdvocacyAction, Letter
from tests.e2e.conftest import E2E
from tests.e2e.test_matching_journey import _sign_in
from tests.factories import user_with_role
from tests.factories.accounts import totp_code
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory

pytestmark = E2E


@pytest.fixture
def people(make_profile):
    organiser = user_with_role(Role.ORGANISER, email="organiser@solidarity.test")
    godparent = GodparentProfileFactory(
        full_name="Anna Beispiel", user=user_with_role(Role.GODPARENT)
    )
    for user in (organiser, godparent.user):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = make_profile(name_latin="Ihar Losik", name_ru="Игорь Лосик", translate_to=())
    MatchFactory(godparent=godparent, prisoner=profile.prisoner)
    return organiser, godparent, profile


class Taps:
    """Counts what the user does (a tap, a choice, a typed field): the issue allows under five."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator, action="click", *args):
        self.count += 1
        getattr(locator, action)(*args)


def _counter(page, label):
    return page.locator("li", has_text=label).locator(".counters__number")


def test_a_godparent_logs_a_letter_and_an_action_then_an_organiser_verifies(
    live_server, page, phone, site, people
):
    organiser, godparent, profile = people
    profile_url = f"{live_server.url}{profile.url}"
    phone.goto(profile_url)
    expect(_counter(phone, "letters sent by godparents")).to_have_text("0")
    expect(_counter(phone, "verified advocacy actions")).to_have_text("0")

    _sign_in(phone, f"{live_server.url}/en/accounts/login/?next=/en/me/", godparent.user.email)
    letter = Taps()
    letter(phone.get_by_role("link", name="Log a letter"))
    letter(phone.get_by_role("button", name="Log the letter"))
    expect(phone.get_by_text("Letter to Ihar Losik logged. Thank you.")).to_be_visible()
    assert letter.count < 5

    action = Taps()
    action(phone.get_by_role("link", name="Log an action"))
    action(phone.get_by_label("What did you do?"), "select_option", "parliamentary_question")
    action(phone.get_by_label("Title"), "fill", "Written question on Ihar Losik")
    # Publishing is a choice made on purpose (the box starts unticked): a fifth tap.
    action(phone.get_by_label("May be shown publicly once verified"), "check")
    action(phone.get_by_role("button", name="Log the action"))
    expect(phone.get_by_text("An organiser will verify it")).to_be_visible()
    assert action.count <= 5
    assert Letter.objects.filter(godparent=godparent).count() == 1
    logged = AdvocacyAction.objects.get(godparents=godparent)
    assert logged.verification == ActionVerification.PENDING
    assert logged.is_public

    _sign_in(page, f"{live_server.url}/admin/", organiser.email, totp_code())
    page.goto(f"{live_server.url}/admin/snippets/activity/advocacyaction/?verification=pending")
    row = page.get_by_role("row", name=re.compile("Written question on Ihar Losik"))
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Verify").click()
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Verified: Written question on Ihar Losik.")).to_be_visible()

    phone.goto(profile_url)
    expect(_counter(phone, "letter sent by godparents")).to_have_text("1")
    expect(_counter(phone, "verified advocacy action")).to_have_text("1")
    phone.goto(f"{live_server.url}/en/")
    expect(_counter(phone, "letters sent")).to_have_text("1")
    expect(_counter(phone, "verified advocacy actions")).to_have_text("1")
