"""After a deportation (issue 18): the weekly list says "Deported to Lithuania"; the godparent
chooses from the email on a phone to go on, and records a need once the person agrees to
contact; an organiser sees the wave, and the next run proposes a Lithuanian parliamentarian to
another deported person who asked for support."""

import datetime
import re

from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from solidarity.accounts.roles import Role
from solidarity.matching.models import ExileNeed, Match, Support
from solidarity.prisoners.choices import ContactConsent, Situation, Status
from solidarity.prisoners.models import Whereabouts
from tests.e2e.conftest import E2E
from tests.e2e.test_import_journey import sign_in
from tests.factories import MatchFactory, PrisonerFactory, user_with_role
from tests.factories.accounts import PASSWORD
from tests.factories.godparents import GodparentProfileFactory, ParliamentFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = E2E


def _staff(role, email):
    user = user_with_role(role, email=email)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _godparent(name, **kwargs):
    profile = GodparentProfileFactory(
        full_name=name, user=user_with_role(Role.GODPARENT, preferred_language="en"), **kwargs
    )
    EmailAddress.objects.create(
        user=profile.user, email=profile.user.email, verified=True, primary=True
    )
    return profile


def test_a_deported_persons_godparent_goes_on_in_exile_and_a_host_country_mp_is_proposed(
    live_server, page, phone, browser, site, tmp_path
):
    anna = _godparent("Anna Beispiel", capacity=1)
    match = MatchFactory(
        godparent=anna,
        prisoner=PrisonerFactory(
            external_id="1001", name_latin="Maria Kalesnikava", status=Status.CONVICTED
        ),
    )
    rasa = _godparent(
        "Rasa Seimo", capacity=1, parliament=ParliamentFactory(country="LT", name="Seimas")
    )
    other = PrisonerFactory(
        name_latin="Ihar Losik", status=Status.DEPORTED, released_on=datetime.date(2025, 12, 13)
    )
    Whereabouts.objects.create(
        prisoner=other, situation=Situation.DEPORTED, country="LT", consent=ContactConsent.SUPPORT
    )
    defender = _staff(Role.DEFENDER, "defender@solidarity.test")
    organiser = _staff(Role.ORGANISER, "organiser@solidarity.test")
    export = tmp_path / "list-en-2025-12-13.csv"
    export.write_bytes(
        make_csv(
            [
                row(
                    name="Maria Kalesnikava",
                    status="former",
                    release_date="13 December 2025",
                    prison="Deported to Lithuania",
                )
            ],
            language="en",
        )
    )
    mail.outbox = []

    # 1. A defender imports the week's English list: the dry run says where, for staff only.
    sign_in(page, live_server, defender)
    page.goto(f"{live_server.url}/admin/prisoners/import/new/")
    page.get_by_label("File").set_input_files(str(export))
    page.get_by_role("button", name="Run the dry run").click()
    expect(page.get_by_text("Forcibly deported: Lithuania")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Apply")).click()
    expect(page.get_by_text(re.compile(r"Applied: 0 records created, 1 updated"))).to_be_visible()
    assert Whereabouts.objects.get(prisoner=match.prisoner).country.code == "LT"

    # 2. The godparent opens the email's link on a phone and chooses to go on.
    (message,) = [m for m in mail.outbox if m.to == [anna.user.email]]
    assert "Lithuania" not in message.body
    path = re.search(r"/en/me/release/\S+/", message.body).group(0)
    phone.goto(f"{live_server.url}/en/accounts/login/?next={path}")
    phone.locator("input[name=login]").fill(anna.user.email)
    phone.locator("input[name=password]").fill(PASSWORD)
    phone.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(
        phone.get_by_role("heading", name="Maria Kalesnikava is free: what happens next?")
    ).to_be_visible()
    phone.get_by_label("Continue: support the person in exile").check()
    phone.get_by_role("button", name="Send my answer").click()
    expect(phone.get_by_text("as soon as they agree to further contact")).to_be_visible()

    # 3. An organiser sees the wave, the person nobody asked yet first, and records the consent.
    desk = browser.new_context().new_page()
    sign_in(desk, live_server, organiser)
    desk.goto(f"{live_server.url}/admin/matching/releases/?since=2025-12-01")
    first = desk.get_by_role("row").nth(1)
    expect(first).to_contain_text("Maria Kalesnikava")
    expect(first).to_contain_text("nobody asked yet")
    expect(first).to_contain_text("Anna Beispiel: Continue: support the person in exile")
    first.get_by_role("link", name=re.compile("Forcibly deported: Lithuania")).click()
    desk.get_by_role("combobox", name=re.compile("consent to further contact", re.I)).select_option(
        ContactConsent.SUPPORT
    )
    desk.locator("button.action-save").click()
    expect(desk.get_by_text(re.compile("saved|updated", re.I)).first).to_be_visible()
    exile = Match.objects.get(support=Support.IN_EXILE, godparent=anna)

    # 4. The godparent sees the person in exile on "My prisoners" and records a need.
    phone.goto(f"{live_server.url}/en/me/")
    expect(phone.get_by_text("Support in exile").first).to_be_visible()
    phone.get_by_role("link", name="Needs in exile").click()
    phone.get_by_role("combobox", name=re.compile(r"^Need\b")).select_option("documents")
    phone.get_by_label(re.compile("What is needed")).fill("A passport: she arrived without one.")
    phone.get_by_role("button", name="Save the need").click()
    expect(phone.get_by_text("The need is recorded.")).to_be_visible()
    expect(phone.get_by_text("A passport: she arrived without one.")).to_be_visible()
    assert ExileNeed.objects.get(prisoner=exile.prisoner).kind == "documents"

    # 5. The next run proposes the Lithuanian MP to the other deported person who asked.
    desk.goto(f"{live_server.url}/admin/matching/runs/")
    desk.get_by_role("link", name="Start a matching run").click()
    desk.get_by_label("Name").fill("After the December wave")
    desk.get_by_role("button", name="Start the run").click()
    expect(desk.get_by_text("Ready for review")).to_be_visible()
    proposal = desk.get_by_role("row", name=re.compile("Ihar Losik"))
    expect(proposal).to_contain_text("Rasa Seimo")
    assert Match.objects.get(prisoner=other, godparent=rasa).support == Support.IN_EXILE
    desk.context.close()
