"""The admin pages of the import of advocacy actions: who may use them, upload, review, apply."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from solidarity.accounts.roles import Role
from solidarity.activity import action_import as service
from solidarity.activity.action_import import action_import_plan, action_import_upload
from solidarity.activity.models import ActionImport, ActionVerification, AdvocacyAction
from solidarity.common.staging_admin import ALREADY_APPLIED_MESSAGE, CANNOT_APPLY_ERROR
from solidarity.godparents.models import VerificationState
from tests.activity.action_import_files import import_people, make_csv, make_xlsx, row

pytestmark = pytest.mark.django_db
MENU_LABEL = "Import actions"


def url(name: str, *args) -> str:
    with translation.override("en"):  # the admin lives under the language prefix
        return reverse(f"action_import:{name}", args=args)


def upload(content: bytes, name: str = "event.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def people(db):
    return import_people()


@pytest.fixture
def stored(people):
    return action_import_upload(
        content=make_csv([row()]), filename="event.csv", by=people["organiser"]
    )


@pytest.fixture
def organiser_client(client, people):
    client.force_login(people["organiser"])
    return client


def _pages(stored) -> list[str]:
    return [
        url("index"),
        url("add"),
        url("template"),
        url("detail", stored.pk),
        url("status", stored.pk),
    ]


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.ADMIN])
def test_organisers_and_admins_reach_every_page(client, role_users, stored, role):
    client.force_login(role_users[role])

    for page in _pages(stored):
        assert client.get(page).status_code == 200, page
    assert MENU_LABEL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_defenders_are_sent_back_to_the_dashboard(client, role_users, stored):
    client.force_login(role_users[Role.DEFENDER])

    for page in _pages(stored):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url == reverse("wagtailadmin_home")
    response = client.post(url("apply", stored.pk), {"skip": "0"})
    assert response.status_code == 302
    assert not AdvocacyAction.objects.exists()
    assert MENU_LABEL not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("role", [Role.GODPARENT, None])
def test_godparents_and_users_without_a_role_are_told_the_area_is_for_staff(
    client, role_users, stored, role
):
    client.force_login(role_users[role])

    for page in _pages(stored):
        response = client.get(page)
        assert response.status_code == 403, page
    client.post(url("apply", stored.pk), {"skip": "0"})
    assert not AdvocacyAction.objects.exists()


def test_visitors_are_sent_to_the_login(client, stored):
    for page in _pages(stored):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.startswith(reverse("account_login"))
    client.post(url("apply", stored.pk), {"skip": "0"})
    assert not AdvocacyAction.objects.exists()


def test_upload_review_and_apply(organiser_client, people):
    content = make_csv([row(), row(title="Second", prisoners="Максим Знак"), row()])

    response = organiser_client.post(url("add"), {"file": upload(content)})

    record = ActionImport.objects.get()
    assert response.status_code == 302
    assert response.url == url("detail", record.pk)
    page = organiser_client.get(response.url).content.decode()
    assert "Written question on Maryia Kalesnikava" in page
    assert "Maksim Znak" in page  # the spelling of the reader's language
    assert "Same action as line 2: skipped." in page
    assert "Apply: record 2 actions" in page
    assert 'name="skip" value="0"' in page
    assert not AdvocacyAction.objects.exists()

    response = organiser_client.post(url("apply", record.pk), {"skip": "0"}, follow=True)

    assert response.redirect_chain[-1][0] == url("detail", record.pk)
    result = response.content.decode()
    assert "Imported: 2 actions recorded, verified by you." in result
    assert "1 duplicate skipped." in result
    assert reverse(AdvocacyAction.snippet_viewset.get_url_name("list")) in result
    assert AdvocacyAction.objects.filter(verification=ActionVerification.VERIFIED).count() == 2
    # An applied import shows its result, never a second Apply button.
    assert "Apply: record" not in result


def test_an_xlsx_file_is_accepted(organiser_client, people):
    content = make_xlsx(
        [
            ["date", "kind", "title", "prisoners", "godparents"],
            ["2026-03-15", "event", "Solidarity evening", "1001", "anna@example.org"],
        ]
    )

    response = organiser_client.post(url("add"), {"file": upload(content, "event.xlsx")})

    page = organiser_client.get(response.url).content.decode()
    assert "Solidarity evening" in page
    assert "Apply: record 1 action" in page


def test_a_file_that_is_not_an_action_list_is_refused_at_upload(organiser_client, people):
    response = organiser_client.post(url("add"), {"file": upload(b"name,email\nA,a@b.c\n")})

    assert response.status_code == 200
    assert "Columns missing" in response.content.decode()
    assert not ActionImport.objects.exists()


def test_rows_with_errors_are_explained_and_cannot_be_applied(organiser_client, people):
    content = make_csv([row(), row(godparents="waiting@example.org", kind="Petition")])
    record = action_import_upload(content=content, filename="event.csv", by=people["organiser"])

    page = organiser_client.get(url("detail", record.pk)).content.decode()

    assert "1 row has errors" in page
    assert "Unknown kind “Petition”" in page
    assert "is not verified" in page
    assert 'name="skip"' not in page
    organiser_client.post(url("apply", record.pk), {"skip": "1"})
    assert not AdvocacyAction.objects.exists()
    record.refresh_from_db()
    assert not record.is_applied


def test_an_apply_confirmed_for_another_dry_run_is_refused(organiser_client, stored):
    response = organiser_client.post(url("apply", stored.pk), {"skip": "3"}, follow=True)

    assert str(CANNOT_APPLY_ERROR) in response.content.decode()
    assert not AdvocacyAction.objects.exists()
    stored.refresh_from_db()
    assert stored.is_planned


def test_a_second_apply_of_the_same_record_creates_nothing(organiser_client, stored):
    organiser_client.post(url("apply", stored.pk), {"skip": "0"})

    response = organiser_client.post(url("apply", stored.pk), {"skip": "0"}, follow=True)

    assert AdvocacyAction.objects.count() == 1
    # A double click or a replay is told it went through once, not that it failed.
    assert str(ALREADY_APPLIED_MESSAGE) in response.content.decode()


def test_a_row_that_became_invalid_since_the_dry_run_fails_visibly_and_can_be_run_again(
    organiser_client, people, stored
):
    anna = people["anna"]
    anna.verification_state = VerificationState.UNVERIFIED
    anna.save()

    page = organiser_client.post(url("apply", stored.pk), {"skip": "0"}, follow=True)

    assert str(service.INVALID_ROWS_ERROR) in page.content.decode()
    assert "Run the dry run again" in page.content.decode()
    assert not AdvocacyAction.objects.exists()
    response = organiser_client.post(url("again", stored.pk))
    again = ActionImport.objects.latest("pk")
    assert response.url == url("detail", again.pk)
    assert (again.is_planned, again.counts["error"]) == (True, 1)


def test_two_uploads_of_one_file_applied_one_after_the_other_record_it_once(
    organiser_client, people
):
    content = make_csv([row()])
    first, second = (
        action_import_upload(content=content, filename="event.csv", by=people["organiser"])
        for _ in range(2)
    )

    organiser_client.post(url("apply", first.pk), {"skip": "0"})
    response = organiser_client.post(url("apply", second.pk), {"skip": "0"}, follow=True)

    assert "Imported: 0 actions recorded" in response.content.decode()
    assert "1 duplicate skipped." in response.content.decode()
    assert AdvocacyAction.objects.count() == 1


def test_cells_of_the_file_are_shown_escaped(organiser_client, people):
    content = make_csv([row(title="<script>alert(1)</script>", prisoners="<b>Nobody</b>")])
    record = action_import_upload(content=content, filename="event.csv", by=people["organiser"])

    page = organiser_client.get(url("detail", record.pk)).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Nobody</b>" not in page


def test_the_template_is_a_file_the_import_reads(organiser_client, people):
    response = organiser_client.get(url("template"))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    plan = action_import_plan(content=response.content, filename="template.csv")
    assert plan.ignored_columns == []
    assert len(plan.rows) == 1  # the example names people who need not exist here
