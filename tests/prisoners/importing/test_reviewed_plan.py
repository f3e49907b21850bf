"""Applying a reviewed dry run: written as it is while nothing it read has changed, else planned
again and refused when the file would now do something else."""

import datetime
import gc

import pytest
import time_machine
from django.utils import timezone

from solidarity.prisoners.importing import ImportRefused, import_apply, import_plan, plan
from solidarity.prisoners.importing.apply import STALE_PLAN_ERROR
from solidarity.prisoners.models import Charge, CriminalArticle, Facility, Prisoner
from tests.factories import ChargeFactory, FacilityFactory, PrisonerFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(monkeypatch):
    """Counts the files planned from now on (a dry run, or applying's second one)."""
    planned = []
    original = plan._plan

    def counting(**kwargs):
        planned.append(kwargs["filename"])
        return original(**kwargs)

    monkeypatch.setattr(plan, "_plan", counting)
    return planned


def dry_run(rows):
    return import_plan(content=make_csv(rows), filename="list.csv")


def test_an_unchanged_dry_run_is_written_without_planning_the_file_again(plans):
    reviewed = dry_run([row(), row(id="1002", name="Максим Знак")])
    assert plans == ["list.csv"]

    result = import_apply(plan=reviewed)

    assert plans == ["list.csv"]  # the records were read again, the file was not
    assert result.created == 2
    assert Prisoner.objects.count() == 2


def test_a_change_the_dry_run_depends_on_refuses_the_apply(plans):
    prisoner = PrisonerFactory(external_id="1001", judge_ru="")
    reviewed = dry_run([row(judge="Судья")])
    # Written without touching updated_at: the records are compared, not their times.
    Prisoner.objects.filter(pk=prisoner.pk).update(judge_ru="Судья")

    with pytest.raises(ImportRefused) as refused:
        import_apply(plan=reviewed)

    assert refused.value.message == str(STALE_PLAN_ERROR)
    assert plans == ["list.csv", "list.csv"]


def test_a_removed_charge_refuses_the_apply():
    prisoner = PrisonerFactory(external_id="1001", judge_ru="")
    for number, part in (("361", "3"), ("130", "3")):
        ChargeFactory(prisoner=prisoner, article__number=number, part=part)
    reviewed = dry_run([row(judge="Судья")])
    assert reviewed.rows[0].charges is None  # the charges were as the file says
    Charge.objects.filter(prisoner=prisoner, article__number="130").delete()

    with pytest.raises(ImportRefused) as refused:
        import_apply(plan=reviewed)

    assert refused.value.message == str(STALE_PLAN_ERROR)
    assert Prisoner.objects.get().judge_ru == ""


def test_a_facility_named_since_the_dry_run_refuses_the_apply():
    reviewed = dry_run([row()])
    assert reviewed.rows[0].facility.key  # a new facility
    FacilityFactory(name="ИК-4", postal_code="246035")

    with pytest.raises(ImportRefused):
        import_apply(plan=reviewed)

    assert not Prisoner.objects.exists()


def test_a_change_that_leaves_the_dry_run_as_it_was_is_applied(plans):
    PrisonerFactory(external_id="9999", name_ru="Другой Человек", occupation="")
    reviewed = dry_run([row()])
    Prisoner.objects.filter(external_id="9999").update(occupation="учитель")

    result = import_apply(plan=reviewed)

    assert plans == ["list.csv", "list.csv"]  # planned again, and found the same
    assert result.created == 1


def test_applying_the_same_dry_run_twice_is_refused_the_second_time():
    reviewed = dry_run([row()])
    import_apply(plan=reviewed)

    with pytest.raises(ImportRefused) as refused:
        import_apply(plan=reviewed)

    assert refused.value.message == str(STALE_PLAN_ERROR)
    assert Prisoner.objects.count() == 1


def test_a_dry_run_applied_on_another_day_is_planned_again(plans):
    today = timezone.localtime().replace(hour=12)
    with time_machine.travel(today, tick=False):
        reviewed = dry_run([row()])
    with time_machine.travel(today + datetime.timedelta(days=1), tick=False):
        result = import_apply(plan=reviewed)

    assert plans == ["list.csv", "list.csv"]
    assert result.created == 1


def test_the_state_covers_every_column_the_dry_run_reads():
    """A value the dry run could read that the digest missed would let a stale plan through."""
    facility = FacilityFactory(name="ИК-4")
    prisoner = PrisonerFactory(external_id="1001", facility=facility)
    ChargeFactory(prisoner=prisoner, article__number="342", part="1")
    today = timezone.localdate()

    def state(**changes):
        records = plan._MatchContext.load(language="ru", today=today)
        prisoners = list(records.by_id.values())
        charges = list(Charge.objects.values_list(*plan.CHARGE_COLUMNS))
        facilities = list(records.facilities.by_id.values())
        titles = dict(records.titles)
        for name, value in changes.items():
            kind, column = name.split("__")
            target = {
                "prisoner": prisoners[0],
                "current": prisoners[0].facility,
                "facility": facilities[0],
            }.get(kind)
            if target is not None:
                vars(target)[column] = value  # past the descriptors: as if read so
            elif kind == "charge":
                charges = [(*charge[:-1], value) for charge in charges]
            elif kind == "title":
                titles[column] = value
        return plan._state_digest(today, prisoners, charges, facilities, titles)

    loaded = plan._MatchContext.load(language="ru", today=today).state
    assert state() == loaded
    changed = object()  # equal to no stored value
    for model, kind in ((Prisoner, "prisoner"), (Facility, "current"), (Facility, "facility")):
        for column in model._meta.concrete_fields:
            assert state(**{f"{kind}__{column.attname}": changed}) != loaded, column.attname
    assert state(charge__part="2") != loaded
    assert state(title__342="Title") != loaded
    assert plan._state_digest(today + datetime.timedelta(days=1), [], [], [], {}) != (
        plan._state_digest(today, [], [], [], {})
    )
    assert CriminalArticle.objects.count() == 1


def test_the_cycle_collector_is_restored_after_an_import():
    assert gc.isenabled()
    import_apply(plan=dry_run([row()]))
    assert gc.isenabled()
    gc.disable()
    try:
        dry_run([row(id="1002", name="Максим Знак")])
        assert not gc.isenabled()  # a collector paused by someone else stays paused
    finally:
        gc.enable()
