"""A parliamentarian's first hour (issue 15's acceptance), in Belarusian on a 360 px phone:
home → "Become a godparent" → sign-up → the confirmation from the outbox → the profile → an
organiser verifies → an offer with the prisoner's facts → accept → a letter → the dashboard.

Every page on the way passes `check_page`: axe-core finds no serious or critical violation, no
line is an English msgid of the catalogues, and nothing is wider than the phone.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from django_countries.fields import Country
from playwright.sync_api import expect
from wagtail.models import Locale

from solidarity.accounts.roles import Role
from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.services import godparent_verify
from solidarity.matching.models import Match, MatchStatus
from solidarity.matching.runs import matching_run_approve, matching_run_start
from solidarity.prisoners.choices import Publicity
from tests.e2e.conftest import E2E
from tests.e2e.page_checks import PHONE_WIDTH, check_page
from tests.factories import user_with_role
from tests.factories.godparents import ParliamentFactory

pytestmark = E2E
LANGUAGE = "be"
MP_EMAIL = "ona.pavardenyte@lrs.example"
MP_PASSWORD = "a-long-and-unusual-passphrase-42"


def be(msgid: str) -> str:
    """What the Belarusian catalogue says for an English msgid (the names the user reads)."""
    with translation.override(LANGUAGE):
        return gettext(msgid)


@pytest.fixture
def phone_be(browser):
    """A 360 px phone whose browser asks for Belarusian."""
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 780}, is_mobile=True, locale="be-BY"
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def world(site, make_profile):
    """An organiser, a parliament to choose, and a prisoner with a public profile in Belarusian."""
    organiser = user_with_role(Role.ORGANISER, email="organiser@solidarity.test")
    EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)
    ParliamentFactory(country="LT", name="Lietuvos Respublikos Seimas", short_name="Seimas")
    profile = make_profile(
        publicity=Publicity.FULL,
        name_latin="Ihar Losik",
        name_be="Ігар Лосік",
        name_ru="Игорь Лосик",
        translate_to=("be", "ru"),
    )
    with translation.override(LANGUAGE):
        profile_url = profile.get_translation(Locale.objects.get(language_code=LANGUAGE)).url
    return organiser, profile.prisoner, profile_url


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _sign_up(phone, live_server) -> None:
    phone.goto(f"{live_server.url}/{LANGUAGE}/")
    check_page(phone, name="home", language=LANGUAGE)
    call = phone.get_by_role("main").get_by_role("link", name=be("Become a godparent"))
    expect(call).to_have_count(1)  # one clear action in the home page's content
    call.first.click()
    expect(phone).to_have_url(re.compile(rf"/{LANGUAGE}/accounts/signup/"))
    check_page(phone, name="sign-up", language=LANGUAGE)
    phone.locator("input[name=email]").fill(MP_EMAIL)
    phone.locator("input[name=password1]").fill(MP_PASSWORD)
    if phone.locator("input[name=password2]").count():
        phone.locator("input[name=password2]").fill(MP_PASSWORD)
    phone.get_by_role("main").locator("form button[type=submit]").last.click()
    expect(phone).to_have_url(re.compile(r"/accounts/confirm-email/"))
    check_page(phone, name="confirm-email-sent", language=LANGUAGE)


def _confirm_from_the_outbox(phone, live_server) -> None:
    (message,) = [m for m in mail.outbox if MP_EMAIL in m.to]
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body).group(0)
    phone.goto(live_server.url + _path(link))
    check_page(phone, name="confirm-email", language=LANGUAGE)
    phone.get_by_role("main").locator("form button[type=submit]").click()


def _fill_the_profile(phone) -> None:
    expect(phone.get_by_role("heading", name=be("Your godparent profile"))).to_be_visible()
    check_page(phone, name="godparent-profile", language=LANGUAGE)
    phone.locator("input[name=full_name]").fill("Ona Pavardenytė")
    phone.get_by_label(be("Parliament or assembly")).select_option(
        label="Lietuvos Respublikos Seimas"
    )
    phone.locator("input[name=political_group]").fill("EPP")
    phone.locator("input[name=official_email]").fill(MP_EMAIL)
    phone.locator("input[name=languages][value=en]").check()
    phone.locator("input[name=public_listing_consent]").check()
    phone.get_by_role("button", name=be("Send for verification")).click()
    expect(phone.get_by_text(be("Waiting for verification."))).to_be_visible()
    check_page(phone, name="dashboard-waiting", language=LANGUAGE)


def _verify_and_offer(organiser) -> Match:
    """The organiser's side, through the services the admin calls (the admin's own journeys are
    test_godparent_journey and test_matching_journey): verify, run matching, approve."""
    godparent = GodparentProfile.objects.get(user__email=MP_EMAIL)
    godparent_verify(profile=godparent, by=organiser)
    run = matching_run_start(created_by=organiser, name="First hour")  # computed at once in tests
    assert matching_run_approve(run=run, by=organiser) == 1
    return Match.objects.get(godparent=godparent)


def _the_offer_shows_facts_and_reasons(phone, profile_url: str) -> None:
    """An offer a godparent can decide on: the public facts, the reasons in words, a link to
    the profile. The prisoner has no godparent and no godparent from Lithuania yet: the two
    reasons the matching run records ("no_godparent", "new_country")."""
    main = phone.get_by_role("main")
    expect(main.locator(f'a[href="{profile_url}"]').first).to_be_visible()
    expect(main.get_by_text(be("Sentence"), exact=True)).to_be_visible()
    expect(
        main.get_by_text(be("Nobody supports this person yet: you would be their first godparent."))
    ).to_be_visible()
    with translation.override(LANGUAGE):
        country = Country("LT").name  # django-countries' name, from the shipped catalogue
        new_country = gettext("You would be their first godparent from %(name)s.") % {
            "name": country
        }
    assert country != "Lithuania"  # the country's name is Belarusian too
    expect(main.get_by_text(new_country)).to_be_visible()
    # Declining is possible, with a reason that stays optional.
    expect(main.get_by_text(be("Decline this offer")).first).to_be_visible()


def test_a_parliamentarian_goes_from_the_home_page_to_a_first_letter_in_belarusian_on_a_phone(
    live_server, phone_be, world
):
    organiser, prisoner, profile_url = world
    mail.outbox = []
    phone = phone_be

    _sign_up(phone, live_server)
    _confirm_from_the_outbox(phone, live_server)
    _fill_the_profile(phone)
    match = _verify_and_offer(organiser)

    # The offer from its email, read in Belarusian: who, their status and facts, then accept.
    (offer,) = [m for m in mail.outbox if m.to == [MP_EMAIL] and "/offers/link/" in m.body]
    link = re.search(r"https?://\S+/me/offers/link/\S+/", offer.body).group(0)
    phone.goto(live_server.url + _path(link))
    expect(phone).to_have_url(re.compile(rf"/{LANGUAGE}/"))
    with translation.override(LANGUAGE):
        status = prisoner.get_status_display()
    main = phone.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Ігар Лосік")
    expect(main.get_by_text(status, exact=True).first).to_be_visible()
    _the_offer_shows_facts_and_reasons(phone, profile_url)
    check_page(phone, name="offer", language=LANGUAGE)
    main.get_by_role("button", name=be("Accept"), exact=True).click()
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE

    # The dashboard: the prisoner with the envelope; a letter logged in two taps.
    expect(phone.get_by_text(be("Prisoners you support"))).to_be_visible()
    check_page(phone, name="dashboard-matched", language=LANGUAGE)
    phone.get_by_role("link", name=be("Log a letter")).click()
    check_page(phone, name="letter-form", language=LANGUAGE)
    phone.get_by_role("button", name=be("Log the letter")).click()
    heading = phone.get_by_role("heading", name=be("Your recent letters"))
    expect(heading).to_be_visible()
    recent = phone.locator("section", has=heading)
    expect(recent).to_contain_text("Ігар Лосік")
    check_page(phone, name="dashboard-letter", language=LANGUAGE)
