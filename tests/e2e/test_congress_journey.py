"""The Congress (issue 19's acceptance): an organiser creates it and invites two parliaments'
godparents and a guest; a godparent registers from the email on a phone, in Belarusian; the
guest, not yet a godparent, registers and signs up in one flow; the door checks the guest in by
the badge's QR code; the guest pledges one prisoner; the organiser runs the Congress matching and
approves; the hall screen's counters change."""

import re

import pytest
import segno
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from solidarity.accounts.roles import Role
from solidarity.congress.models import Congress, Registration
from solidarity.congress.services import badge_token
from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.services import godparent_verify
from solidarity.matching.models import Match, MatchStatus
from tests.e2e.conftest import E2E
from tests.e2e.page_checks import PHONE_WIDTH, check_page
from tests.e2e.test_import_journey import sign_in
from tests.factories import PrisonerFactory, user_with_role
from tests.factories.godparents import GodparentProfileFactory, ParliamentFactory

pytestmark = E2E

GUEST_EMAIL = "ieva.ozola@saeima.example"
GUEST_PASSWORD = "a-long-and-unusual-passphrase-19"


def be(msgid: str) -> str:
    with translation.override("be"):
        return gettext(msgid)


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _link(email: str, pattern: str) -> str:
    messages = [m for m in mail.outbox if m.to == [email] and re.search(pattern, m.body)]
    assert messages, f"no email to {email} with {pattern}"
    return _path(re.search(rf"https?://\S+{pattern}\S+/", messages[-1].body).group(0))


@pytest.fixture
def phone_be(browser):
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 780}, is_mobile=True, locale="be-BY"
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def world(site):
    organiser = user_with_role(Role.ORGANISER, email="organiser@solidarity.test")
    EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)
    seimas = ParliamentFactory(country="LT", name="Seimas", short_name="Seimas")
    sejm = ParliamentFactory(country="PL", name="Sejm", short_name="Sejm")
    ParliamentFactory(country="LV", name="Saeima", short_name="Saeima")
    rasa = GodparentProfileFactory(
        full_name="Rasa Seimo", parliament=seimas, user__preferred_language="be"
    )
    GodparentProfileFactory(full_name="Piotr Sejmowy", parliament=sejm)
    GodparentProfileFactory(full_name="Anna Bundestag")  # another parliament: not invited
    for name in ("Ihar Losik", "Maria Kalesnikava", "Ales Bialiatski"):
        PrisonerFactory(name_latin=name)
    return organiser, rasa


def test_the_congress_from_invitation_to_the_hall_screen(
    live_server, page, phone, phone_be, browser, world
):
    organiser, rasa = world
    mail.outbox = []

    # 1. The organiser creates the Congress and invites two parliaments and a guest.
    sign_in(page, live_server, organiser)
    page.goto(f"{live_server.url}/admin/snippets/congress/congress/add/")
    page.locator("input[name=title]").fill("Congress of Symbolic Godparents")
    for name, day in (("starts_on", "2026-12-05"), ("ends_on", "2026-12-06")):
        page.locator(f"input[name={name}]").fill(day)
    page.locator("input[name=place]").fill("Vilnius, Seimas")
    for code in ("be", "en", "lt"):
        page.locator(f"input[name=languages][value={code}]").check()
    page.locator("button.action-save").click()
    expect(page.get_by_text(re.compile("created", re.I)).first).to_be_visible()
    congress = Congress.objects.get()
    assert congress.languages == ["be", "en", "lt"]

    page.goto(f"{live_server.url}/admin/congress/desk/invite/")
    parliaments = page.get_by_label("The verified godparents of these parliaments")
    options = parliaments.locator("option")
    values = [
        options.nth(i).get_attribute("value")
        for i in range(options.count())
        if options.nth(i).inner_text().startswith(("Seimas", "Sejm"))
    ]
    parliaments.select_option(values)
    page.get_by_label("Guests, one address per line").fill(f"Ieva Ozola <{GUEST_EMAIL}>")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("Invited: 3.")).to_be_visible()
    assert congress.invitations.count() == 3

    hall = browser.new_context().new_page()
    hall.goto(f"{live_server.url}/en/congress/hall/{congress.pk}/")
    expect(hall.get_by_role("heading", name="Congress of Symbolic Godparents")).to_be_visible()

    def counter(name: str) -> int:
        hall.reload()
        return int(hall.locator("dt", has_text=name).locator("xpath=../dd").inner_text())

    assert counter("Participants") == 0

    # 2. A Lithuanian godparent registers from the email on a phone, in Belarusian.
    phone_be.goto(live_server.url + _link(rasa.user.email, "/be/congress/register/"))
    expect(phone_be.get_by_role("heading", name="Congress of Symbolic Godparents")).to_be_visible()
    expect(phone_be.locator("input[name=full_name]")).to_have_value("Rasa Seimo")
    check_page(phone_be, name="congress-register", language="be")
    phone_be.locator("input[name=languages][value=lt]").check()
    phone_be.get_by_role("button", name=be("Register")).click()
    expect(phone_be.get_by_text(be("You are registered"), exact=True)).to_be_visible()
    check_page(phone_be, name="congress-registered", language="be")
    assert Registration.objects.get(godparent=rasa).languages == ["lt"]
    assert counter("Participants") == 1

    # 3. The guest registers on a phone, then becomes a godparent in the same flow.
    phone.goto(live_server.url + _link(GUEST_EMAIL, "/en/congress/register/"))
    phone.locator("input[name=full_name]").fill("Ieva Ozola")
    phone.get_by_label("Parliament or assembly").select_option(label="Saeima")
    phone.get_by_role("button", name="Register").click()
    expect(phone.get_by_text("You are registered", exact=True)).to_be_visible()
    registration_path = phone.url
    phone.get_by_role("link", name="Become a godparent").click()
    expect(phone.locator("input[name=email]")).to_have_value(GUEST_EMAIL)
    phone.locator("input[name=password1]").fill(GUEST_PASSWORD)
    if phone.locator("input[name=password2]").count():
        phone.locator("input[name=password2]").fill(GUEST_PASSWORD)
    phone.get_by_role("main").locator("form button[type=submit]").last.click()
    expect(phone).to_have_url(re.compile(r"/accounts/confirm-email/"))
    phone.goto(live_server.url + _link(GUEST_EMAIL, "/confirm-email/"))
    phone.get_by_role("main").locator("form button[type=submit]").click()
    expect(phone.get_by_role("heading", name="Your godparent profile")).to_be_visible()
    expect(phone.locator("input[name=full_name]")).to_have_value("Ieva Ozola")
    phone.locator("input[name=official_email]").fill(GUEST_EMAIL)
    phone.locator("input[name=languages][value=en]").check()
    phone.get_by_role("button", name="Send for verification").click()
    expect(phone.get_by_text("Waiting for verification.")).to_be_visible()
    guest = GodparentProfile.objects.get(user__email=GUEST_EMAIL)
    registration = Registration.objects.get(email=GUEST_EMAIL)
    assert registration.godparent == guest
    assert guest.parliament.name == "Saeima"
    godparent_verify(profile=guest, by=organiser)

    # 4. At the door: the badge's QR code opens the check-in on the organiser's phone.
    phone.goto(live_server.url + _link(GUEST_EMAIL, "/en/congress/badge/"))
    check_in_url = live_server.url + reverse(
        "congress_desk:check_in_badge", args=[badge_token(registration)]
    )
    shown = phone.locator(".congress-badge__qr svg").evaluate("svg => svg.outerHTML")
    encoded = segno.make(check_in_url, error="m").svg_inline(scale=6, omitsize=True)
    assert re.search(r' d="([^"]+)"', shown).group(1) == re.search(r' d="([^"]+)"', encoded).group(
        1
    )
    page.goto(check_in_url)
    expect(page.get_by_role("heading", name="Ieva Ozola")).to_be_visible()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Ieva Ozola is checked in.")).to_be_visible()
    page.goto(check_in_url)
    expect(page.get_by_text(re.compile("Already checked in at"))).to_be_visible()

    # 5. The organiser opens pledges; the guest pledges one prisoner from the phone.
    page.goto(f"{live_server.url}/admin/snippets/congress/congress/edit/{congress.pk}/")
    page.locator("input[name=pledges_open]").check()
    page.locator("button.action-save").click()
    expect(page.get_by_text(re.compile("updated", re.I)).first).to_be_visible()
    phone.goto(registration_path)
    phone.get_by_role("link", name="Pledge to take prisoners").click()
    phone.get_by_label("1", exact=True).check()
    phone.get_by_role("button", name="Pledge").click()
    expect(phone.get_by_text("Thank you. Your pledge is counted.")).to_be_visible()
    assert counter("Prisoners pledged") == 1

    # 6. The Congress matching: only the pledge, reviewed and approved; the guest accepts.
    page.goto(f"{live_server.url}/admin/congress/desk/?congress={congress.pk}")
    expect(page.get_by_text("1 pledged place is not offered yet")).to_be_visible()
    page.get_by_role("button", name="Run the Congress matching").click()
    expect(page.get_by_text("Ready for review")).to_be_visible()
    page.get_by_role("button", name="Approve: send the offers").click()
    expect(page.get_by_text("1 offer made: the godparents are told by email.")).to_be_visible()
    offer = Match.objects.get(godparent=guest)
    assert offer.status == MatchStatus.OFFERED
    before = counter("New godparenthoods accepted")
    phone.goto(live_server.url + _link(GUEST_EMAIL, "/en/me/offers/link/"))
    phone.get_by_role("button", name="Accept").click()
    offer.refresh_from_db()
    assert offer.status == MatchStatus.ACTIVE
    assert counter("New godparenthoods accepted") == before + 1
    hall.context.close()
