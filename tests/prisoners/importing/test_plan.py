import datetime

import pytest
from django.utils import translation

from solidarity.prisoners.choices import DatePrecision, Status
from solidarity.prisoners.importing import ImportRefused, columns, import_plan, plan
from solidarity.prisoners.importing.plan import ARREST_AFTER_STATUS_ERROR, RowAction
from tests.factories import ChargeFactory, FacilityFactory, PrisonerFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db


def dry_run(rows, **options):
    language = options.pop("language", "ru")
    content = make_csv(rows, language=language)
    return import_plan(content=content, filename="list.csv", **options)


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_the_language_is_detected_from_the_headers(language):
    result = dry_run([row()], language=language)
    assert result.language == language
    assert result.rows[0].values[plan.NAME_FIELDS[language]] == "Мария Колесникова"


def test_the_language_option_overrides_detection():
    result = import_plan(content=make_csv([row()], language="ru"), filename="l.csv", language="be")
    assert "name_be" in result.rows[0].values


def test_a_file_without_a_name_column_is_refused():
    with pytest.raises(ImportRefused) as refused:
        import_plan(content=b"id,foo\n1,2\n", filename="list.csv")
    assert refused.value.message == str(columns.NO_NAME_COLUMN_ERROR)


def test_a_new_row_is_planned_with_its_facts():
    result = dry_run([row(birthday="04.1982")])
    planned = result.rows[0]
    assert planned.action == RowAction.NEW
    assert planned.values["birth_date"] == datetime.date(1982, 4, 1)
    assert planned.values["birth_date_precision"] == DatePrecision.MONTH
    assert planned.values["status"] == Status.CONVICTED
    assert planned.values["sentence_months"] == 132
    assert planned.charges == [("361", "3"), ("130", "3")]
    assert planned.facility.cell.name == "ИК-4"


def test_an_active_row_without_a_verdict_is_pre_trial():
    result = dry_run([row(verdict_date="", decision="")])
    assert result.rows[0].values["status"] == Status.PRE_TRIAL


def test_a_changed_row_lists_each_field_that_changes():
    prisoner = PrisonerFactory(external_id="1001", judge_ru="")
    result = dry_run([row(judge="Судья Иванов", articles="")])
    planned = result.rows[0]
    assert (planned.action, planned.prisoner_id) == (RowAction.CHANGED, prisoner.pk)
    judge = next(change for change in planned.changes if change.field == "judge (Russian)")
    assert (judge.old, judge.new) == ("—", "Судья Иванов")


def test_a_row_matches_by_name_and_birth_date_when_the_id_is_unknown():
    prisoner = PrisonerFactory(external_id="", birth_date=datetime.date(1982, 4, 24))
    result = dry_run([row(id="", name="колесникова мария".title())])
    assert result.rows[0].prisoner_id is None  # word order differs: a different folded name
    result = dry_run([row(id="", name="Мария  КОЛЕСНИКОВА")])
    assert result.rows[0].prisoner_id == prisoner.pk


def test_a_year_only_birthday_does_not_erase_a_known_date():
    PrisonerFactory(external_id="1001", birth_date=datetime.date(1982, 4, 24))
    result = dry_run([row(birthday="1982")])
    assert "birth_date" not in result.rows[0].values


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"birthday": "31.02.2020"}, "is not a date"),
        ({"release_date": "01.01.2019", "status": "former"}, "release date is before"),
        ({"name": ""}, str(plan.MISSING_NAME_ERROR)),
        ({"declaration": "not a link"}, "not a valid link"),
    ],
)
def test_invalid_rows_carry_their_reason(cells, message):
    result = dry_run([row(**cells)])
    assert result.rows[0].action == RowAction.INVALID
    assert any(message in error for error in result.rows[0].errors)
    assert not result.is_valid


def test_a_duplicate_id_invalidates_both_rows():
    result = dry_run([row(), row(name="Другой Человек")])
    assert [r.action for r in result.rows] == [RowAction.INVALID, RowAction.INVALID]
    assert "lines 2, 3" in result.rows[0].errors[0]


def test_records_missing_from_the_file_are_reported():
    kept = PrisonerFactory(external_id="999")
    PrisonerFactory(external_id="")
    result = dry_run([row()])
    assert [(m.prisoner_id, m.external_id) for m in result.missing] == [(kept.pk, "999")]


def test_an_unchanged_row_has_no_changes():
    facility = FacilityFactory(name="ИК-4", postal_address="ул. Советская, 1\n246035, г. Гомель")
    prisoner = PrisonerFactory(
        external_id="1001",
        name_ru="Мария Колесникова",
        facility=facility,
        sentence_text_ru="11 лет колонии",
        penalty_type="colony_general",
    )
    ChargeFactory(prisoner=prisoner, article__number="361", part="3")
    ChargeFactory(prisoner=prisoner, article__number="130", part="3")
    result = dry_run([row()])
    assert (result.rows[0].action, result.rows[0].changes) == (RowAction.UNCHANGED, [])


def test_rows_are_numbered_as_in_the_spreadsheet_and_extra_cells_are_refused():
    content = (
        make_csv([row(id="1"), {}, row(id="2")]) + "3,,Лишний,active,,,,,,,,,,,,,,extra\n".encode()
    )
    result = import_plan(content=content, filename="list.csv")
    assert [r.line for r in result.rows] == [2, 4, 5]
    assert result.rows[2].errors == [str(plan.TOO_MANY_CELLS_ERROR)]


def test_values_too_long_for_their_field_make_the_row_invalid():
    result = dry_run([row(id="x" * 65)])
    assert result.rows[0].action == RowAction.INVALID
    assert "external id" in result.rows[0].errors[0]


def test_a_new_arrest_date_after_the_records_status_date_is_caught_by_the_dry_run():
    PrisonerFactory(
        external_id="1001",
        status=Status.CONVICTED,
        detained_on=datetime.date(2020, 9, 7),
        verdict_date=None,
        status_changed_on=datetime.date(2021, 9, 6),
    )
    plan = import_plan(
        content=make_csv([row(arrested="01.10.2021", verdict_date="", prison="")]), filename="l.csv"
    )
    assert plan.rows[0].action == RowAction.INVALID
    assert plan.rows[0].errors == [str(ARREST_AFTER_STATUS_ERROR % {"date": "2021-09-06"})]


def test_the_fingerprint_follows_what_would_be_written_not_the_language_of_the_messages():
    PrisonerFactory(external_id="1001", status=Status.CONVICTED)
    content = make_csv([row(status="former", release_date="13.09.2025")])
    english = import_plan(content=content, filename="l.csv")
    with translation.override("ru"):
        russian = import_plan(content=content, filename="l.csv")
    assert english.rows[0].changes != russian.rows[0].changes
    assert english.fingerprint == russian.fingerprint
    other = import_plan(
        content=make_csv([row(status="former", release_date="14.09.2025")]), filename="l.csv"
    )
    assert other.fingerprint != english.fingerprint
