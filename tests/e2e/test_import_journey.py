"""A defender imports the defenders' list in the admin and sends a profile for review."""

import re
from pathlib import Path

from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from cms.models import PrisonerIndexPage, PrisonerPage
from solidarity.accounts.roles import Role
from solidarity.prisoners.models import Prisoner
from tests.e2e.conftest import E2E
from tests.factories import user_with_role
from tests.factories.accounts import PASSWORD, totp_code

pytestmark = E2E

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "prisoners-sample.csv"


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label(re.compile("Email", re.I)).fill(user.email)
    page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    # Staff confirm with their authenticator app (the factory's TOTP secret).
    page.locator("input[name=code]").fill(totp_code())
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_a_defender_imports_the_sample_reviews_applies_and_submits_a_profile(
    live_server, page, site
):
    defender = user_with_role(Role.DEFENDER, email="defender@solidarity.test")
    EmailAddress.objects.create(user=defender, email=defender.email, verified=True, primary=True)
    sign_in(page, live_server, defender)

    # Upload: the sidebar leads to the import; nothing is written by the upload.
    page.get_by_role("button", name="Prisoners").click()
    page.get_by_role("link", name="Import the list").click()
    page.get_by_role("link", name="Import a file").click()
    page.get_by_label("File").set_input_files(SAMPLE)
    page.get_by_role("button", name="Run the dry run").click()

    # Review: one line per row, the changes spelled out, then one click applies.
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(3)
    expect(page.get_by_role("cell", name="Alena Kavaliova", exact=True)).to_be_visible()
    expect(rows.first).to_contain_text("New")
    assert not Prisoner.objects.exists()
    page.get_by_role("button", name=re.compile(r"Apply: 3 new")).click()
    expect(page.get_by_text(re.compile(r"Applied: 3 records created"))).to_be_visible()
    assert Prisoner.objects.count() == 3

    # The imported record gets an editorial page, which goes to an organiser for review.
    listing = PrisonerIndexPage.objects.get(locale__language_code="en")
    page.goto(f"{live_server.url}/admin/pages/add/cms/prisonerpage/{listing.pk}/")
    page.locator("#id_title").fill("Alena Kavaliova")
    page.get_by_role("button", name="Choose prisoner").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Search term").fill("Kavaliowa")
    dialog.get_by_role("link", name=re.compile("Kavaliova")).click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Profile review")).click()

    expect(page.get_by_text(re.compile("created and submitted for moderation"))).to_be_visible()
    profile = PrisonerPage.objects.get(prisoner__external_id="1001")
    assert profile.workflow_in_progress
    assert not profile.live
