"""Importing advocacy actions collected at an event: the dry run, then all rows or none."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from solidarity.activity import action_import as service
from solidarity.activity.action_import import (
    ImportRefused,
    RowStatus,
    action_import_apply,
    action_import_plan,
    action_import_upload,
    file_fingerprint,
)
from solidarity.activity.models import ActionKind, ActionVerification, AdvocacyAction
from solidarity.activity.services import NOT_PUBLIC_ERROR
from solidarity.godparents.models import VerificationState
from tests.activity.action_import_files import HEADER, import_people, make_csv, make_xlsx, row
from tests.factories import AdvocacyActionFactory, PrisonerFactory

pytestmark = pytest.mark.django_db


def plan_of(rows: list[dict[str, str]]):
    return action_import_plan(content=make_csv(rows), filename="event.csv")


def apply(content: bytes, by, *, filename: str = "event.csv"):
    return action_import_apply(
        content=content, filename=filename, fingerprint=file_fingerprint(content), by=by
    )


@pytest.fixture
def people(db):
    return import_people()


# Happy paths -------------------------------------------------------------------------------------


def test_a_valid_file_is_planned_without_writing_anything(people):
    plan = plan_of(
        [
            row(),
            row(
                title="Statement",
                kind="public_statement",
                prisoners="Максим Знак; Maryia Kalesnikava",
                godparents="BERT@bundestag.de; anna@example.org",
            ),
        ]
    )

    assert plan.counts == {"new": 2, "duplicate": 0, "error": 0}
    assert plan.is_valid
    first, second = plan.rows
    assert (first.line, first.occurred_on, first.kind) == (
        2,
        datetime.date(2026, 3, 15),
        ActionKind.PARLIAMENTARY_QUESTION,
    )
    assert [p.pk for p in second.prisoners] == [people["znak"].pk, people["kalesnikava"].pk]
    assert [g.pk for g in second.godparents] == [people["bert"].pk, people["anna"].pk]
    assert not AdvocacyAction.objects.exists()


def test_applying_creates_verified_actions_logged_and_audited_by_the_organiser(people):
    organiser = people["organiser"]
    content = make_csv([row(), row(title="Second", prisoners="1001;1002", public="")])

    result = apply(content, organiser)

    assert result.created == 2
    assert result.duplicates == 0
    first, second = AdvocacyAction.objects.order_by("pk")
    assert first.title == "Written question on Maryia Kalesnikava"
    assert first.evidence_url == "https://example.org/questions/1"
    assert first.is_public
    assert not second.is_public  # internal unless the file says yes
    for action in (first, second):
        assert action.verification == ActionVerification.VERIFIED
        assert action.verified_by == organiser
        assert action.logged_by == organiser
        assert action.verified_at is not None
        assert list(action.godparents.all()) == [people["anna"]]
    assert set(second.prisoners.all()) == {people["kalesnikava"], people["znak"]}
    entries = ModelLogEntry.objects.filter(action="wagtail.create", user=organiser)
    assert sorted(int(e.object_id) for e in entries) == sorted(result.action_ids)
    assert len({e.uuid for e in entries}) == 1  # grouped as one import in the history


def test_an_xlsx_workbook_with_date_cells_and_russian_headers_is_imported(people):
    header = ["Дата", "Тип", "Название", "Заключенные", "Депутаты", "Публично"]
    cells = [datetime.datetime(2026, 3, 15), "MEETING", "At the embassy", "1002"]
    content = make_xlsx([header, [*cells, "anna@example.org", "да"]])

    result = apply(content, people["organiser"], filename="event.xlsx")

    action = AdvocacyAction.objects.get(pk=result.action_ids[0])
    assert action.occurred_on == datetime.date(2026, 3, 15)
    assert action.kind == ActionKind.MEETING
    assert action.is_public


@pytest.mark.parametrize(
    "spelling", ["1001", "Мария Колесникова", "Марыя Калеснікава", "maryia kalesnikava"]
)
def test_a_prisoner_is_found_by_id_or_by_any_spelling_of_the_name(people, spelling):
    plan = plan_of([row(prisoners=spelling)])

    assert [p.pk for p in plan.rows[0].prisoners] == [people["kalesnikava"].pk]


@pytest.mark.parametrize(
    "kind", ["parliamentary_question", "Parliamentary Question", "PARLIAMENTARY QUESTION"]
)
def test_a_kind_is_its_code_or_its_english_label_in_any_case(people, kind):
    assert plan_of([row(kind=kind)]).rows[0].kind == ActionKind.PARLIAMENTARY_QUESTION


def test_an_evidence_link_without_a_scheme_is_read_as_https(people):
    assert plan_of([row(evidence="example.org/x")]).rows[0].evidence_url == (
        "https://example.org/x"
    )


# Errors ------------------------------------------------------------------------------------------

ERRORS = {
    "missing date": ({"date": ""}, service.MISSING_DATE_ERROR),
    "bad date": ({"date": "March"}, service.BAD_DATE_ERROR % {"value": "March"}),
    "partial date": ({"date": "03.2026"}, service.BAD_DATE_ERROR % {"value": "03.2026"}),
    "impossible date": ({"date": "31.02.2026"}, service.BAD_DATE_ERROR % {"value": "31.02.2026"}),
    "unknown kind": ({"kind": "Petition"}, "Unknown kind “Petition”"),
    "missing title": ({"title": ""}, service.MISSING_TITLE_ERROR),
    "long title": ({"title": "x" * 256}, service.LONG_TITLE_ERROR % {"max": 255}),
    "bad link": ({"evidence": "not a link"}, service.BAD_URL_ERROR % {"value": "not a link"}),
    "ftp link": ({"evidence": "ftp://example.org/x"}, "“ftp://example.org/x” is not a valid"),
    "no prisoner": ({"prisoners": " ; "}, service.MISSING_PRISONERS_ERROR),
    "unknown prisoner": (
        {"prisoners": "1001; Nobody"},
        service.UNKNOWN_PRISONER_ERROR % {"value": "Nobody"},
    ),
    "no godparent": ({"godparents": ""}, service.MISSING_GODPARENTS_ERROR),
    "unknown godparent": (
        {"godparents": "who@example.org"},
        service.UNKNOWN_GODPARENT_ERROR % {"value": "who@example.org"},
    ),
    "unverified godparent": (
        {"godparents": "waiting@example.org"},
        service.UNVERIFIED_GODPARENT_ERROR
        % {"value": "waiting@example.org", "state": "waiting for verification"},
    ),
    "bad public": ({"public": "maybe"}, service.BAD_PUBLIC_ERROR % {"value": "maybe"}),
}


@pytest.mark.parametrize("cells", ERRORS.values(), ids=ERRORS.keys())
def test_each_error_is_explained_on_its_row_and_nothing_is_applied(people, cells):
    overrides, message = cells
    content = make_csv([row(title="Fine"), row(**overrides)])

    plan = action_import_plan(content=content, filename="event.csv")

    bad = plan.rows[1]
    assert bad.status == RowStatus.ERROR
    assert any(str(message) in error for error in bad.errors), bad.errors
    assert plan.rows[0].status == RowStatus.NEW
    assert plan.counts == {"new": 1, "duplicate": 0, "error": 1}
    with pytest.raises(ImportRefused) as refused:
        apply(content, people["organiser"])
    assert refused.value.message == str(service.INVALID_ROWS_ERROR)
    assert not AdvocacyAction.objects.exists()


def test_a_future_date_is_an_error(people):
    later = timezone.localdate() + datetime.timedelta(days=5)

    plan = plan_of([row(date=later.isoformat())])

    assert plan.rows[0].errors == [str(service.FUTURE_DATE_ERROR % {"value": later.isoformat()})]


def test_a_name_shared_by_two_prisoners_needs_the_id(people):
    PrisonerFactory(external_id="1003", name_ru="Максим Знак", name_be="", name_latin="")

    plan = plan_of([row(prisoners="Максим Знак")])

    assert plan.rows[0].errors == [str(service.AMBIGUOUS_PRISONER_ERROR % {"value": "Максим Знак"})]
    assert plan_of([row(prisoners="1002")]).is_valid


def test_a_row_longer_than_the_header_is_an_error(people):
    content = make_csv([row()]).replace(b"yes\r\n", b"yes,extra\r\n")

    plan = action_import_plan(content=content, filename="event.csv")

    assert plan.rows[0].status == RowStatus.ERROR


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"date,kind,title\n2026-03-15,event,x\n", "Columns missing: prisoners, godparents."),
        (",".join(HEADER).encode() + b"\n", str(service.NO_ROWS_ERROR)),
        (b"date,date,kind,title,prisoners,godparents\n", "Two columns mean the same field"),
    ],
)
def test_a_file_that_is_not_an_action_list_is_refused_as_a_whole(people, content, message):
    with pytest.raises(ImportRefused) as refused:
        action_import_plan(content=content, filename="event.csv")

    assert message in refused.value.message


def test_more_than_2000_rows_are_refused(people, monkeypatch):
    monkeypatch.setattr(service, "MAX_ACTION_ROWS", 3)

    with pytest.raises(ImportRefused) as refused:
        plan_of([row(title=str(n)) for n in range(4)])

    assert refused.value.message == str(service.TOO_MANY_ROWS_ERROR)


def test_a_file_of_another_format_is_refused(people):
    with pytest.raises(ImportRefused):
        action_import_plan(content=b"%PDF-1.7", filename="event.pdf")


# All or nothing ----------------------------------------------------------------------------------


def test_one_bad_row_among_good_ones_applies_nothing(people):
    content = make_csv([row(title=f"Good {n}") for n in range(5)] + [row(godparents="x@y.z")])

    with pytest.raises(ImportRefused):
        apply(content, people["organiser"])

    assert not AdvocacyAction.objects.exists()
    assert not ModelLogEntry.objects.filter(action="wagtail.create").exists()


def test_a_file_other_than_the_reviewed_one_is_refused(people):
    reviewed = make_csv([row()])
    other = make_csv([row(), row(title="Slipped in")])

    with pytest.raises(ImportRefused) as refused:
        action_import_apply(
            content=other,
            filename="event.csv",
            fingerprint=file_fingerprint(reviewed),
            by=people["organiser"],
        )

    assert refused.value.message == str(service.FINGERPRINT_ERROR)
    assert not AdvocacyAction.objects.exists()


def test_a_godparent_who_lost_verification_since_the_dry_run_refuses_the_file(people):
    content = make_csv([row()])
    assert action_import_plan(content=content, filename="event.csv").is_valid
    people["anna"].verification_state = VerificationState.LEFT_OFFICE
    people["anna"].save()

    with pytest.raises(ImportRefused):
        apply(content, people["organiser"])

    assert not AdvocacyAction.objects.exists()


# Duplicates --------------------------------------------------------------------------------------


def test_an_action_already_recorded_is_skipped_not_refused(people):
    existing = AdvocacyActionFactory(
        title="Written question on Maryia Kalesnikava",
        occurred_on=datetime.date(2026, 3, 15),
        kind=ActionKind.PARLIAMENTARY_QUESTION,
    )
    existing.prisoners.set([people["kalesnikava"]])

    plan = plan_of([row(title="  written question ON maryia Kalesnikava "), row(title="New")])

    assert [r.status for r in plan.rows] == [RowStatus.DUPLICATE, RowStatus.NEW]
    assert f"action {existing.pk}" in plan.rows[0].notes[0]
    result = apply(make_csv([row(), row(title="New")]), people["organiser"])
    assert (result.created, result.duplicates) == (1, 1)


def test_a_row_repeating_an_earlier_one_is_skipped(people):
    plan = plan_of([row(), row(description="another wording"), row(prisoners="1001; 1002")])

    assert [r.status for r in plan.rows] == [RowStatus.NEW, RowStatus.DUPLICATE, RowStatus.NEW]
    assert plan.rows[1].notes == [str(service.SAME_AS_LINE_NOTE % {"line": 2})]


def test_a_rejected_action_is_no_duplicate(people):
    rejected = AdvocacyActionFactory(
        title=row()["title"],
        occurred_on=datetime.date(2026, 3, 15),
        verification=ActionVerification.REJECTED,
        rejection_reason="No evidence.",
    )
    rejected.prisoners.set([people["kalesnikava"]])

    assert plan_of([row()]).rows[0].status == RowStatus.NEW


def test_applying_the_same_file_again_creates_nothing_new(people):
    content = make_csv([row(), row(title="Second")])
    apply(content, people["organiser"])

    again = apply(content, people["organiser"])

    assert (again.created, again.duplicates) == (0, 2)
    assert AdvocacyAction.objects.count() == 2


# Publicity ---------------------------------------------------------------------------------------


def test_an_action_about_a_prisoner_whose_family_refused_publicity_stays_internal(people):
    content = make_csv([row(prisoners="1001; Иван Скрытый", public="yes")])

    plan = action_import_plan(content=content, filename="event.csv")

    assert plan.rows[0].status == RowStatus.NEW  # not an error: the rule decides, and says so
    assert not plan.rows[0].is_public
    assert plan.rows[0].notes == [str(NOT_PUBLIC_ERROR)]
    result = apply(content, people["organiser"])
    assert not AdvocacyAction.objects.get(pk=result.action_ids[0]).is_public


@pytest.mark.parametrize(("cell", "public"), [("", False), ("no", False), ("Yes", True)])
def test_an_action_is_internal_unless_the_file_says_yes(people, cell, public):
    assert plan_of([row(public=cell)]).rows[0].is_public is public


# Godparents --------------------------------------------------------------------------------------


def test_only_verified_godparents_are_credited(people):
    plan = plan_of([row(godparents="anna@example.org; waiting@example.org")])

    assert plan.rows[0].status == RowStatus.ERROR
    assert [g.pk for g in plan.rows[0].godparents] == [people["anna"].pk]


def test_a_deleted_godparent_is_unknown(people):
    people["anna"].deleted_at = timezone.now()
    people["anna"].save()

    plan = plan_of([row()])

    assert plan.rows[0].errors == [
        str(service.UNKNOWN_GODPARENT_ERROR % {"value": "anna@example.org"})
    ]


# Cost ---------------------------------------------------------------------------------------------


def test_the_dry_run_costs_the_same_few_queries_for_any_number_of_rows(
    people, django_assert_max_num_queries
):
    rows = [row(title=f"Action {n}", prisoners="1001; Максим Знак") for n in range(300)]
    content = make_csv(rows)

    with django_assert_max_num_queries(4):
        plan = action_import_plan(content=content, filename="event.csv")

    assert plan.counts["new"] == 300


# The stored file ---------------------------------------------------------------------------------


def test_a_stored_file_is_planned_at_upload_and_applied_once(people):
    organiser = people["organiser"]
    record = action_import_upload(content=make_csv([row()]), filename="event.csv", by=organiser)
    assert record.is_planned
    assert record.counts == {"new": 1, "duplicate": 0, "error": 0}
    assert record.rows[0]["name"] == row()["title"]

    assert service.ACTION_IMPORTS.request_apply(record=record, user=organiser, skip=0)

    record.refresh_from_db()
    assert record.is_applied
    assert record.applied_by == organiser
    assert record.result["created"] == 1
    assert bytes(record.content) == b""  # the file goes once applied; its fingerprint stays
    assert not service.ACTION_IMPORTS.request_apply(record=record, user=organiser, skip=0)
    service.ACTION_IMPORTS.run_apply(import_id=record.pk)  # a retried task: nothing more
    assert AdvocacyAction.objects.count() == 1
    entry = ModelLogEntry.objects.get(action=service.ACTIONS_IMPORTED_ACTION)
    assert (entry.object_id, entry.user_id) == (str(record.pk), organiser.pk)


def test_a_file_that_is_not_an_action_list_is_not_stored(people):
    with pytest.raises(ImportRefused):
        action_import_upload(content=b"a,b\n1,2\n", filename="x.csv", by=people["organiser"])
