import datetime
import io

import pytest
from openpyxl import Workbook

from solidarity.prisoners.choices import Publicity, Status
from solidarity.prisoners.importing import ImportRefused, import_apply, import_plan
from solidarity.prisoners.importing.apply import (
    INVALID_ROWS_ERROR,
    NOTHING_TO_APPLY_ERROR,
    STALE_PLAN_ERROR,
)
from solidarity.prisoners.models import Charge, CriminalArticle, Facility, Prisoner, StatusChange
from tests.factories import PrisonerFactory
from tests.prisoners.importing.files import FIELDS, HEADERS, make_csv, row

pytestmark = pytest.mark.django_db


def run_import(content, *, filename="list.csv", **options):
    plan = import_plan(content=content, filename=filename, **options)
    return plan, import_apply(plan=plan)


def database_state():
    """Everything an import may write, to prove that a refused import wrote nothing."""
    return (
        list(Prisoner.objects.order_by("pk").values()),
        list(Charge.objects.order_by("pk").values()),
        list(Facility.objects.order_by("pk").values()),
        list(CriminalArticle.objects.order_by("pk").values()),
        list(StatusChange.objects.order_by("pk").values()),
    )


def test_a_new_record_is_created_with_its_charges_facility_and_publicity():
    _plan, result = run_import(make_csv([row()]))
    prisoner = Prisoner.objects.get(external_id="1001")
    assert result.created == 1
    assert (prisoner.name_ru, prisoner.status, prisoner.publicity) == (
        "Мария Колесникова",
        Status.CONVICTED,
        Publicity.BASIC,
    )
    assert prisoner.search_keys
    assert prisoner.sort_name
    assert prisoner.facility.name == "ИК-4"
    assert prisoner.facility.kind == "colony"
    assert prisoner.facility.postal_address == "ул. Советская, 1\n246035, г. Гомель"
    assert sorted((c.article.number, c.part) for c in prisoner.charges.all()) == [
        ("130", "3"),
        ("361", "3"),
    ]


def test_the_publicity_option_applies_to_new_records():
    run_import(make_csv([row()]), publicity=Publicity.NONE)
    assert Prisoner.objects.get().publicity == Publicity.NONE


def test_re_importing_the_same_file_changes_nothing():
    content = make_csv([row(), row(id="1002", name="Алесь Беляцкий", status="former")])
    run_import(content)
    before = database_state()
    stamps = list(Prisoner.objects.values_list("updated_at", flat=True))
    plan, result = run_import(content)
    assert plan.counts["unchanged"] == 2
    assert (result.created, result.updated, result.status_changes) == (0, 0, 0)
    assert database_state() == before
    assert list(Prisoner.objects.values_list("updated_at", flat=True)) == stamps


def test_the_three_languages_merge_by_id_without_erasing_each_other():
    run_import(make_csv([row(name="Мария Колесникова")], language="ru"))
    english = row(
        name="Maryia Kalesnikava", judge="Judge X", decision="11 years", penalty="general regime"
    )
    run_import(make_csv([english], language="en"))
    run_import(make_csv([row(name="Марыя Калеснікава", prison="")], language="be"))
    prisoner = Prisoner.objects.get()
    assert (prisoner.name_ru, prisoner.name_latin, prisoner.name_be) == (
        "Мария Колесникова",
        "Maryia Kalesnikava",
        "Марыя Калеснікава",
    )
    assert "kalesnikava" in prisoner.search_keys
    assert prisoner.facility.name == "ИК-4"  # the same facility, found by postcode and number
    # Each version keeps its own wording; the Russian one owns what is derived from it.
    assert (prisoner.sentence_text_ru, prisoner.sentence_text_en) == ("11 лет колонии", "11 years")
    assert (prisoner.judge_en, prisoner.judge_ru) == ("Judge X", "")
    assert prisoner.sentence_months == 132


def test_a_status_change_becomes_a_dated_history_entry_citing_the_export():
    prisoner = PrisonerFactory(external_id="1001", status=Status.CONVICTED)
    content = make_csv([row(status="former", release_date="13.09.2025")])
    _plan, result = run_import(content, filename="viasna-2025-09.csv")
    change = StatusChange.objects.get(prisoner=prisoner)
    prisoner.refresh_from_db()
    assert result.status_changes == 1
    assert (change.from_status, change.to_status) == (Status.CONVICTED, Status.RELEASED_SERVED)
    assert change.effective_on == datetime.date(2025, 9, 13)
    assert "viasna-2025-09.csv" in change.source
    assert (prisoner.status, prisoner.released_on) == (
        Status.RELEASED_SERVED,
        datetime.date(2025, 9, 13),
    )


def test_former_keeps_an_existing_released_status_and_died_and_np_map():
    PrisonerFactory(external_id="1", status=Status.RELEASED_PARDONED)
    PrisonerFactory(external_id="2", status=Status.CONVICTED)
    PrisonerFactory(external_id="3", status=Status.CONVICTED)
    rows = [
        row(id="1", status="former"),
        row(id="2", status="active", died="01.05.2024"),
        row(id="3", status="np"),
    ]
    run_import(make_csv(rows))
    statuses = dict(Prisoner.objects.values_list("external_id", "status"))
    assert statuses == {
        "1": Status.RELEASED_PARDONED,
        "2": Status.DIED_IN_CUSTODY,
        "3": Status.NO_LONGER_RECOGNISED,
    }
    assert StatusChange.objects.count() == 2


def test_records_missing_from_the_file_are_kept():
    PrisonerFactory(external_id="999")
    plan, _result = run_import(make_csv([row()]))
    assert [m.external_id for m in plan.missing] == ["999"]
    assert Prisoner.objects.filter(external_id="999").exists()


INVALID_ROWS = pytest.mark.parametrize(
    "cells",
    [
        {"id": "1002", "birthday": "31.02.2020"},
        {"id": "1002", "status": "former", "release_date": "01.01.2019"},
        {"id": "1002", "arrested": "07.09.2099"},
        {"id": "1001"},  # duplicate id
    ],
    ids=["impossible-date", "release-before-arrest", "future-date", "duplicate-id"],
)


@INVALID_ROWS
def test_a_strict_import_refuses_any_invalid_row_and_writes_nothing(cells):
    PrisonerFactory(external_id="1001", status=Status.CONVICTED)
    before = database_state()
    plan = import_plan(
        content=make_csv([row(status="former"), row(name="Иван Иванов", **cells)]),
        filename="list.csv",
    )
    with pytest.raises(ImportRefused) as refused:
        import_apply(plan=plan, strict=True)
    assert refused.value.message == str(INVALID_ROWS_ERROR)
    assert database_state() == before


@pytest.mark.parametrize(
    "cells",
    [
        {"id": "1002", "birthday": "31.02.2020"},
        {"id": "1001", "status": "former", "release_date": "01.01.2019"},
        {"id": "1001", "arrested": "07.09.2099"},
    ],
    ids=["impossible-date", "release-before-arrest", "future-date"],
)
def test_applying_writes_the_valid_rows_and_leaves_the_invalid_ones_untouched(cells):
    PrisonerFactory(external_id="1001", status=Status.CONVICTED)
    PrisonerFactory(external_id="1003", status=Status.CONVICTED, judge_ru="")
    plan = import_plan(
        content=make_csv(
            [
                row(id="1003", name="Павел Северинец", judge="Судья Петров"),
                row(name="Иван Иванов", **cells),
            ]
        ),
        filename="list.csv",
    )
    untouched = Prisoner.objects.filter(external_id="1001").values().get()
    assert (plan.applicable, plan.skipped) == (1, 1)
    _plan, result = plan, import_apply(plan=plan)
    assert (result.updated, result.skipped) == (1, 1)
    assert Prisoner.objects.get(external_id="1003").judge_ru == "Судья Петров"
    assert Prisoner.objects.filter(external_id="1001").values().get() == untouched
    assert not Prisoner.objects.filter(external_id="1002").exists()


def test_a_file_whose_every_row_is_invalid_has_nothing_to_apply():
    before = database_state()
    plan = import_plan(content=make_csv([row(birthday="31.02.2020")]), filename="list.csv")
    with pytest.raises(ImportRefused) as refused:
        import_apply(plan=plan)
    assert refused.value.message == str(NOTHING_TO_APPLY_ERROR)
    assert database_state() == before


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        ("id,Имя и фамилия\n1,Мария\n".encode("koi8-r"), "list.csv"),
        (b'id,name and surname\n1,"broken\n', "list.csv"),
        (b"PK\x03\x04 not really", "list.xlsx"),
        ("id,Имя и фамилия\n1,Мария\n".encode("utf-16"), "list.csv"),
        (b"id,foo\n1,2\n", "list.csv"),
    ],
    ids=["koi8-r", "malformed-csv", "malformed-xlsx", "utf-16", "no-name-column"],
)
def test_a_refused_file_writes_nothing(content, filename):
    PrisonerFactory(external_id="1001")
    before = database_state()
    with pytest.raises(ImportRefused):
        run_import(content, filename=filename)
    assert database_state() == before


def test_a_plan_made_stale_by_an_edit_is_refused():
    prisoner = PrisonerFactory(external_id="1001", judge_ru="")
    plan = import_plan(content=make_csv([row(judge="Судья")]), filename="list.csv")
    Prisoner.objects.filter(pk=prisoner.pk).update(judge_ru="Судья")
    with pytest.raises(ImportRefused) as refused:
        import_apply(plan=plan)
    assert refused.value.message == str(STALE_PLAN_ERROR)


def test_an_xlsx_export_imports_like_its_csv():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS["ru"])
    cells = row(arrested="", verdict_date="")
    sheet.append([cells.get(name, "") or None for name in FIELDS])
    sheet["G2"] = datetime.datetime(2020, 9, 7)
    sheet["E2"] = 1982
    buffer = io.BytesIO()
    workbook.save(buffer)
    run_import(buffer.getvalue(), filename="list.xlsx")
    prisoner = Prisoner.objects.get()
    assert prisoner.detained_on == datetime.date(2020, 9, 7)
    assert (prisoner.birth_date, prisoner.birth_date_precision) == (
        datetime.date(1982, 1, 1),
        "year",
    )


def test_re_importing_a_status_change_records_it_once():
    PrisonerFactory(external_id="1001", status=Status.CONVICTED)
    content = make_csv([row(status="former")])
    run_import(content)
    _plan, result = run_import(content)
    assert (result.updated, result.status_changes) == (0, 0)
    assert StatusChange.objects.count() == 1


def test_a_record_kept_private_is_never_duplicated_into_a_public_one():
    PrisonerFactory(
        external_id="", name_ru="Мария Колесникова", birth_date=None, publicity=Publicity.NONE
    )
    before = database_state()

    plan = import_plan(content=make_csv([row(id="B9", birthday="1980")]), filename="list.csv")

    assert not plan.is_valid
    assert "kept private" in " ".join(plan.rows[0].errors)
    with pytest.raises(ImportRefused):
        import_apply(plan=plan)
    assert database_state() == before


def test_a_conflict_the_dry_run_missed_is_refused_clearly_and_writes_nothing(monkeypatch):
    from django.db import IntegrityError

    plan = import_plan(content=make_csv([row()]), filename="list.csv")
    before = database_state()

    def conflicting(*args, **kwargs):
        raise IntegrityError("CHECK constraint failed: prisoner_status_change_after_detention")

    monkeypatch.setattr("solidarity.prisoners.importing.apply._create", conflicting)
    with pytest.raises(ImportRefused, match="nothing was imported"):
        import_apply(plan=plan)
    assert database_state() == before


@pytest.mark.parametrize("word", ["скрыт", "withheld", "не публікаваць", "None"])
def test_a_row_marked_withheld_creates_a_record_that_is_never_public(word):
    content = make_csv(
        [row(publicity=word), row(id="1002", name="Максим Знак")], publicity_header="Публичность"
    )
    run_import(content)
    publicity = dict(Prisoner.objects.values_list("external_id", "publicity"))
    assert publicity == {"1001": Publicity.NONE, "1002": Publicity.BASIC}


def test_a_withheld_mark_lowers_an_existing_record_but_nothing_raises_one():
    PrisonerFactory(external_id="1001", publicity=Publicity.FULL)
    PrisonerFactory(external_id="1002", publicity=Publicity.NONE)
    content = make_csv(
        [row(publicity="withheld"), row(id="1002", name="Максим Знак", publicity="full")],
        publicity_header="publicity",
    )
    plan, _result = run_import(content)
    assert next(r.action for r in plan.rows) == "changed"
    assert "publicity" in [c.field for c in plan.rows[0].changes]
    assert not any(c.field == "publicity" for c in plan.rows[1].changes)
    publicity = dict(Prisoner.objects.values_list("external_id", "publicity"))
    assert publicity == {"1001": Publicity.NONE, "1002": Publicity.NONE}


def test_an_unknown_publicity_word_makes_the_row_invalid():
    plan = import_plan(
        content=make_csv([row(publicity="maybe")], publicity_header="publicity"), filename="l.csv"
    )
    assert plan.rows[0].action == "invalid"
    assert "Unknown publicity “maybe”" in plan.rows[0].errors[0]
