"""Issue 20 on a phone in English: a parliamentarian who reads no Russian writes a letter from
phrases plus one sentence of their own, the check flags a word, they fix it, print the PDF (read
back: the Cyrillic name and address), post it, and see it on "My prisoners"."""

import datetime
import io
import re

from allauth.account.models import EmailAddress
from playwright.sync_api import expect
from pypdf import PdfReader

from solidarity.accounts.roles import Role
from solidarity.activity.models import AdvocacyAction, Letter, LetterOutcome
from solidarity.writing.models import PreparedLetter
from solidarity.writing.selectors import phrase_options
from tests.e2e.conftest import E2E
from tests.e2e.page_checks import PHONE_WIDTH, check_page
from tests.factories import LetterFactory, MatchFactory, PrisonerFactory, user_with_role
from tests.factories.accounts import PASSWORD
from tests.factories.godparents import GodparentProfileFactory

pytestmark = E2E


def test_a_godparent_writes_prints_and_posts_a_letter_on_a_phone(live_server, browser, site):
    profile = GodparentProfileFactory(
        full_name="Anna Schmidt", user=user_with_role(Role.GODPARENT, preferred_language="en")
    )
    EmailAddress.objects.create(
        user=profile.user, email=profile.user.email, verified=True, primary=True
    )
    prisoner = PrisonerFactory(
        name_ru="Колесникова Мария Александровна",
        name_be="Калеснікава Марыя Аляксандраўна",
        name_latin="Maryia Kalesnikava",
    )
    match = MatchFactory(godparent=profile, prisoner=prisoner)
    # Other godparents' letters to the same colony: 12 sent, 1 answered, 5 came back.
    today = datetime.date.today()
    for number in range(12):
        outcome = (
            LetterOutcome.REPLY_RECEIVED
            if number == 0
            else LetterOutcome.RETURNED
            if number <= 5
            else LetterOutcome.SENT
        )
        LetterFactory(
            prisoner=prisoner,
            facility=prisoner.facility,
            sent_on=today - datetime.timedelta(days=30 + number),
            outcome=outcome,
            outcome_on=today - datetime.timedelta(days=number) if number <= 5 else None,
        )
    options = phrase_options(letter_language="ru", language="en")
    chosen = [options["greeting"][0], options["books_films"][0], options["closing"][0]]

    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 780}, is_mobile=True, accept_downloads=True
    )
    phone = context.new_page()
    phone.goto(f"{live_server.url}/en/accounts/login/?next=/en/me/")
    phone.locator("input[name=login]").fill(profile.user.email)
    phone.locator("input[name=password]").fill(PASSWORD)
    phone.get_by_role("button", name=re.compile("Sign in", re.I)).click()

    # 1. From "My prisoners" to the composer: what to expect at this colony, frankly.
    phone.get_by_role("link", name="Write a letter").click()
    expect(phone.get_by_role("heading", name="Write to Maryia Kalesnikava")).to_be_visible()
    expect(
        phone.get_by_text(re.compile(r"12 letters to this place: 1 \(8%\) got an answer"))
    ).to_be_visible()
    expect(phone.get_by_text("Letters rarely get through here.")).to_be_visible()
    check_page(phone, name="letter-compose", language="en")

    # 2. Phrases by their English meaning, and one sentence of one's own with a flagged word.
    for topic, option in zip(("Greeting", "Books and films", "Closing"), chosen, strict=True):
        phone.locator("summary", has_text=topic).click()
        phone.get_by_role("checkbox", name=option.meaning.split("{")[0].strip()).first.check()
    expect(phone.get_by_label("Your name in Cyrillic")).to_have_value("Анна Шмидт")
    phone.get_by_label(re.compile("A few words of your own")).fill("Желаю Вам свободы и сил.")
    phone.get_by_role("button", name="Check the letter").click()
    expect(phone.get_by_role("heading", name="1 place to change")).to_be_visible()
    expect(phone.locator(".flags mark")).to_have_text("свободы")
    check_page(phone, name="letter-check-flagged", language="en")
    phone.get_by_role("button", name="Print (PDF)").click()
    expect(phone.get_by_text(re.compile("tick the box to print it as it is"))).to_be_visible()
    assert not PreparedLetter.objects.exists()

    # 3. Fixed, checked again, printed.
    phone.get_by_label(re.compile("A few words of your own")).fill("Желаю Вам сил и тепла.")
    phone.get_by_role("button", name="Check the letter").click()
    expect(phone.get_by_text(re.compile("Nothing to change"))).to_be_visible()
    phone.get_by_role("button", name="Print (PDF)").click()
    expect(phone.get_by_text("Your letter is ready")).to_be_visible()
    check_page(phone, name="letter-printed", language="en")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download the PDF").click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "Колесникова Мария Александровна" in text
    for line in prisoner.facility.envelope_lines:
        assert " ".join(line.split()) in text
    assert "Желаю Вам сил и тепла." in text
    assert "свободы" not in text

    # 4. Posted: the letter counts and shows on the dashboard.
    phone.get_by_role("button", name="I posted it").click()
    expect(phone.get_by_text(re.compile("the letter is logged as sent"))).to_be_visible()
    expect(phone.get_by_role("heading", name="Your recent letters")).to_be_visible()
    expect(phone.get_by_text("Printed, not posted yet")).to_have_count(0)
    check_page(phone, name="letter-posted-dashboard", language="en")
    letter = Letter.objects.get(godparent=profile)
    assert (letter.match, letter.facility, letter.language) == (match, prisoner.facility, "ru")
    assert PreparedLetter.objects.get().letter == letter

    # 5. The same pages in Belarusian and Russian, and the toolkit in the three languages.
    for language in ("be", "ru"):
        phone.goto(f"{live_server.url}/{language}/me/prisoners/{match.pk}/write/")
        phone.locator(".topic > summary").first.click()
        check_page(phone, name="letter-compose", language=language)
    for language in ("en", "be", "ru"):
        phone.goto(f"{live_server.url}/{language}/me/prisoners/{match.pk}/toolkit/")
        expect(phone.locator("textarea").first).to_contain_text(
            {"en": "Maryia Kalesnikava", "be": "Калеснікава", "ru": "Колесникова"}[language]
        )
        check_page(phone, name="toolkit", language=language)
    phone.get_by_role("button", name=re.compile(r"Запис")).first.click()
    expect(phone.get_by_text(re.compile("Действие записано"))).to_be_visible()
    assert AdvocacyAction.objects.filter(godparents=profile, prisoners=prisoner).count() == 1
    context.close()
