"""The import pages of the admin: who may use them, upload, dry-run review, apply."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from solidarity.accounts.roles import Role
from solidarity.common.models import ImportState
from solidarity.prisoners.choices import Status
from solidarity.prisoners.importing import runs
from solidarity.prisoners.models import Prisoner, PrisonerImport
from tests.factories import MatchFactory, PrisonerFactory, UserFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):  # the admin lives under the language prefix
        return reverse(f"prisoner_import:{name}", args=args)


def csv_upload(content: bytes, name: str = "list.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def defender_client(client, role_users):
    client.force_login(role_users[Role.DEFENDER])
    return client


@pytest.fixture
def planned(role_users):
    return runs.import_upload(
        content=make_csv([row(), row(id="1002", name="")]),
        filename="list.csv",
        language="",
        publicity="basic",
        user=role_users[Role.DEFENDER],
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMIN, True),
        (Role.ORGANISER, True),
        (Role.DEFENDER, True),
        (Role.GODPARENT, False),
        (None, False),
    ],
)
def test_only_staff_who_may_add_and_change_records_reach_the_import(
    client, role_users, planned, role, allowed
):
    client.force_login(role_users[role])
    pages = [url("index"), url("add"), url("detail", planned.pk), url("status", planned.pk)]
    for page in pages:
        response = client.get(page)
        assert (response.status_code == 200) is allowed, page
        assert "Мария Колесникова" not in response.content.decode() or allowed
    valid = runs.import_upload(
        content=make_csv([row()]), filename="ok.csv", language="", publicity="basic", user=None
    )
    response = client.post(url("apply", valid.pk))
    # Staff are sent back; signed-in users without admin access are told it is a staff area.
    assert response.status_code == (302 if allowed else 403)
    valid.refresh_from_db()
    assert (valid.state == ImportState.APPLIED) is allowed
    assert Prisoner.objects.exists() is allowed


def test_staff_with_admin_access_but_no_record_permissions_are_refused(client, planned):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(url("detail", planned.pk))
    assert response.status_code == 302
    assert "Мария Колесникова" not in response.content.decode()
    assert b"Import the list" not in client.get(reverse("wagtailadmin_home")).content


def test_anonymous_visitors_are_sent_to_the_login(client, planned):
    response = client.get(url("detail", planned.pk))
    assert response.status_code == 302
    assert "login" in response.url


def test_the_menu_offers_the_import_to_defenders(defender_client):
    assert b"Import the list" in defender_client.get(reverse("wagtailadmin_home")).content


def test_upload_review_and_apply(defender_client, role_users):
    content = make_csv([row(), row(id="1002", name="Максим Знак", birthday="04.09.1981")])
    response = defender_client.post(
        url("add"), {"file": csv_upload(content), "language": "", "publicity": "basic"}
    )
    record = PrisonerImport.objects.get()
    assert response.status_code == 302
    assert response.url == url("detail", record.pk)

    page = defender_client.get(response.url).content.decode()
    assert "Мария Колесникова" in page
    assert "Максим Знак" in page
    assert "Apply: 2 new, 0 changed" in page
    assert not Prisoner.objects.exists()

    response = defender_client.post(url("apply", record.pk), follow=True)
    assert Prisoner.objects.count() == 2
    record.refresh_from_db()
    assert record.state == ImportState.APPLIED
    assert record.applied_by == role_users[Role.DEFENDER]
    assert "Applied: 2 records created" in response.content.decode()


def test_applying_again_says_it_was_applied_once(defender_client):
    """A second click, or a resent post: told so, not shown "cannot be applied"."""
    valid = runs.import_upload(
        content=make_csv([row()]), filename="ok.csv", language="", publicity="basic", user=None
    )
    defender_client.post(url("apply", valid.pk))

    again = defender_client.post(url("apply", valid.pk), follow=True).content.decode()

    assert "This import was already applied (or is being applied): once." in again
    assert "cannot be applied" not in again
    assert Prisoner.objects.count() == 1


def test_an_invalid_row_is_explained_and_skipped_only_once_confirmed(defender_client, planned):
    page = defender_client.get(url("detail", planned.pk)).content.decode()
    assert "1 row is invalid: applying leaves its record untouched" in page
    assert "The name is empty." in page
    assert "Apply: 1 new, 0 changed; skip 1 invalid" in page
    defender_client.post(url("apply", planned.pk))  # no confirmation of the skipped row
    defender_client.post(url("apply", planned.pk), {"skip": "2"})  # confirmed another count
    assert not Prisoner.objects.exists()
    defender_client.post(url("apply", planned.pk), {"skip": "1"})
    assert list(Prisoner.objects.values_list("external_id", flat=True)) == ["1001"]
    planned.refresh_from_db()
    assert planned.result["skipped"] == 1


def test_rows_can_be_filtered_by_result(defender_client, planned):
    page = defender_client.get(url("detail", planned.pk), {"action": "invalid"}).content.decode()
    assert "The name is empty." in page
    assert "Мария Колесникова" not in page
    page = defender_client.get(url("detail", planned.pk), {"action": "bogus"}).content.decode()
    assert "Мария Колесникова" in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"id,name\n1,x\n", "list.pdf", "Only CSV and XLSX files can be imported."),
        ("id,имя\n1,Мария\n".encode("utf-16"), "list.csv", "neither UTF-8 nor Windows-1251"),
        (b"", "list.csv", "The submitted file is empty."),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_not_stored(
    defender_client, content, name, message
):
    response = defender_client.post(
        url("add"), {"file": csv_upload(content, name), "language": "", "publicity": "basic"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PrisonerImport.objects.exists()


def test_the_status_endpoint_reports_progress(defender_client, planned):
    data = defender_client.get(url("status", planned.pk)).json()
    assert data["state"] == "planned"
    assert data["running"] is False
    assert defender_client.get(url("status", 999999), follow=True).status_code == 404


def test_a_running_import_shows_a_progress_bar(defender_client, planned):
    PrisonerImport.objects.filter(pk=planned.pk).update(state=ImportState.APPLYING)
    page = defender_client.get(url("detail", planned.pk)).content.decode()
    assert "<progress" in page
    assert "import-progress.js" in page


def test_the_index_lists_imports(defender_client, planned):
    page = defender_client.get(url("index")).content.decode()
    assert "list.csv" in page
    assert url("detail", planned.pk) in page


def test_the_review_page_runs_a_bounded_number_of_queries(
    defender_client, role_users, django_assert_max_num_queries
):
    rows = [row(id=str(2000 + n), name=f"Имя Фамилия{n}", birthday="") for n in range(300)]
    record = runs.import_upload(
        content=make_csv(rows),
        filename="big.csv",
        language="",
        publicity="basic",
        user=role_users[Role.DEFENDER],
    )
    with django_assert_max_num_queries(12):
        response = defender_client.get(url("detail", record.pk))
    assert response.status_code == 200


def test_warnings_are_shown_on_their_rows_and_can_be_filtered(defender_client, role_users):
    record = runs.import_upload(
        content=make_csv(
            [
                row(arrested="12.03.2023", verdict_date="05.05.2022"),
                row(id="1002", name="Максим Знак", articles="злостное неповиновение"),
                row(id="1003", name="Павел Северинец"),
            ]
        ),
        filename="list.csv",
        language="",
        publicity="basic",
        user=role_users[Role.DEFENDER],
    )
    page = defender_client.get(url("detail", record.pk)).content.decode()
    assert "2 rows import with a warning" in page
    assert "The verdict date is before the arrest date" in page
    assert "could not be read into articles" in page
    assert "Apply: 3 new, 0 changed" in page
    warned = defender_client.get(url("detail", record.pk), {"action": "warning"}).content.decode()
    assert "Максим Знак" in warned
    assert "Павел Северинец" not in warned


def test_the_release_summary_names_godparents_to_organisers_only(client, role_users):
    prisoner = PrisonerFactory(external_id="1001", status=Status.CONVICTED)
    MatchFactory(prisoner=prisoner, godparent__full_name="Discreet Supporter")
    record = runs.import_upload(
        content=make_csv([row(status="former", release_date="13.12.2025", prison="освобождена")]),
        filename="list.csv",
        language="",
        publicity="basic",
        user=role_users[Role.DEFENDER],
    )
    for role, named in ((Role.ORGANISER, True), (Role.DEFENDER, False)):
        client.force_login(role_users[role])
        page = client.get(url("detail", record.pk)).content.decode()
        assert "What this file changes" in page
        assert ("Discreet Supporter" in page) is named
