"""An organiser imports the actions collected at an event, in Belarusian, on a phone: the dry
run (stored, as for the defenders' list) refuses a file with a bad row, the corrected file is
applied with one click, and the outcome replaces the Apply button."""

import os
import re
from pathlib import Path

from allauth.account.models import EmailAddress
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from solidarity.accounts.roles import Role
from solidarity.activity.models import ActionImport, AdvocacyAction
from tests.activity.action_import_files import import_people, make_csv, row
from tests.e2e.conftest import E2E
from tests.e2e.test_import_journey import sign_in
from tests.factories import user_with_role

pytestmark = E2E
# Set E2E_SHOTS=/some/dir to keep the screenshots for a look.
SHOTS = Path(os.environ.get("E2E_SHOTS", "")) if os.environ.get("E2E_SHOTS") else None


def _shot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_organiser_corrects_and_applies_an_event_file_in_belarusian_on_a_phone(
    live_server, page, site, tmp_path
):
    import_people()
    organiser = user_with_role(Role.ORGANISER, email="organiser@solidarity.test")
    EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)
    profile = UserProfile.get_for_user(organiser)
    profile.preferred_language = "be"  # the admin speaks each user's chosen language
    profile.save()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, organiser)
    bad = tmp_path / "event.csv"
    bad.write_bytes(make_csv([row(), row(title="Адкрыты ліст", kind="Petition")]))
    good = tmp_path / "event-corrected.csv"
    good.write_bytes(make_csv([row(), row(title="Адкрыты ліст", kind="Public statement"), row()]))

    page.goto(f"{live_server.url}/admin/activity/import-actions/new/")
    _shot(page, "action-import-be-form")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Запусціць пробны прагон").click()
    expect(page.get_by_text(re.compile("1 радок з памылкамі"))).to_be_visible()
    expect(page.get_by_text("Petition")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Ужыць"))).to_have_count(0)
    _shot(page, "action-import-be-refused")

    page.get_by_role("link", name="Загрузіць выпраўлены файл").click()
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="Запусціць пробны прагон").click()
    expect(page.get_by_text("Тое ж дзеянне, што ў радку 2: прапушчана.")).to_be_visible()
    _shot(page, "action-import-be-dry-run")
    page.get_by_role("button", name=re.compile("Ужыць")).click()

    expect(page.get_by_role("link", name="Праваабарончыя дзеянні", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Ужыць"))).to_have_count(0)
    _shot(page, "action-import-be-applied")
    assert AdvocacyAction.objects.count() == 2
    assert [record.is_applied for record in ActionImport.objects.order_by("pk")] == [False, True]
    # Nothing is cut off at the screen's edge: each row's details fit on the phone.
    for cell in page.locator(".import-rows td").all():
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= 390, cell.inner_text()
