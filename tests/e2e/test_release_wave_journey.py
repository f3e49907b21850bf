"""A defender imports a week's export that releases many people at once and has bad rows: the
dry run says who is released and whose godparents will hear of it; applying skips the bad rows
and the godparents' emails are queued."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from solidarity.accounts.roles import Role
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import Status
from tests.e2e.conftest import E2E
from tests.e2e.test_import_journey import sign_in
from tests.factories import MatchFactory, PrisonerFactory, user_with_role
from tests.prisoners.importing.files import make_csv, row

pytestmark = E2E

RELEASED = 8


def test_a_defender_reviews_a_release_wave_applies_it_skipping_bad_rows(
    live_server, page, site, tmp_path
):
    matches = [
        MatchFactory(
            prisoner=PrisonerFactory(
                external_id=str(number), name_ru=f"Заключённая {number}", status=Status.CONVICTED
            ),
            godparent__full_name=f"MEP Number {number}",
        )
        for number in range(1, RELEASED + 1)
    ]
    rows = [
        *(
            row(id=str(n), name=f"Заключённая {n}", status="former", release_date="13.12.2025",
                prison="освобождена")
            for n in range(1, RELEASED + 1)
        ),
        row(id="90", name=""),  # no name
        row(id="91", name="Невозможная Дата", birthday="31.02.1990"),
        row(id="92", name="Будущий Арест", arrested="01.01.2099"),
    ]  # fmt: skip
    export = tmp_path / "list-2025-12-13.csv"
    export.write_bytes(make_csv(rows))
    defender = user_with_role(Role.DEFENDER, email="defender@solidarity.test")
    EmailAddress.objects.create(user=defender, email=defender.email, verified=True, primary=True)
    sign_in(page, live_server, defender)

    page.goto(f"{live_server.url}/admin/prisoners/import/new/")
    page.get_by_label("File").set_input_files(str(export))
    page.get_by_role("button", name="Run the dry run").click()

    wave = page.get_by_role("region", name="What this file changes")
    expect(wave).to_contain_text(f"Released: sentence served: {RELEASED}")
    expect(wave).to_contain_text("line 4: Заключённая 3")
    expect(wave).not_to_contain_text("MEP Number")  # defenders never see who supports whom
    expect(page.get_by_text("3 rows are invalid")).to_be_visible()
    page.get_by_role("button", name=f"Apply: 0 new, {RELEASED} changed; skip 3 invalid").click()

    expect(page.get_by_text(re.compile(r"Applied: 0 records created, 8 updated"))).to_be_visible()
    expect(page.get_by_text("3 invalid rows were skipped.")).to_be_visible()
    ended = Match.objects.filter(pk__in=[m.pk for m in matches], status=MatchStatus.ENDED)
    assert ended.count() == RELEASED
    told = sorted(message.to[0] for message in mail.outbox if message.to[0] != defender.email)
    assert told == sorted(m.godparent.user.email for m in matches)
