import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from solidarity.prisoners.choices import Status
from solidarity.prisoners.models import StatusChange
from solidarity.prisoners.services import (
    BEFORE_DETENTION_ERROR,
    FUTURE_DATE_ERROR,
    SAME_STATUS_ERROR,
    prisoner_status_change,
)
from tests.factories import FacilityFactory, PrisonerFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 9, 11)


def test_a_status_change_writes_history_updates_the_record_and_audits():
    prisoner = PrisonerFactory(status=Status.CONVICTED)
    defender = UserFactory()

    change = prisoner_status_change(
        prisoner=prisoner,
        status=Status.DEPORTED,
        effective_on=DAY,
        source="https://spring96.org/example",
        recorded_by=defender,
    )

    prisoner.refresh_from_db()
    assert (change.from_status, change.to_status) == (Status.CONVICTED, Status.DEPORTED)
    assert (prisoner.status, prisoner.status_changed_on, prisoner.released_on) == (
        Status.DEPORTED,
        DAY,
        DAY,
    )
    entry = ModelLogEntry.objects.get(action="solidarity.status_change", object_id=str(prisoner.pk))
    assert entry.user == defender
    assert entry.data["to"] == Status.DEPORTED


def test_a_transfer_moves_the_prisoner_to_the_new_facility():
    prisoner = PrisonerFactory(status=Status.CONVICTED)
    new_facility = FacilityFactory()
    prisoner_status_change(
        prisoner=prisoner, status=Status.IN_TRANSIT, effective_on=DAY, facility=new_facility
    )
    prisoner.refresh_from_db()
    assert prisoner.facility == new_facility


def test_a_re_arrest_clears_the_release_date():
    prisoner = PrisonerFactory(status=Status.CONVICTED)
    prisoner_status_change(prisoner=prisoner, status=Status.RELEASED_SERVED, effective_on=DAY)
    prisoner_status_change(
        prisoner=prisoner, status=Status.PRE_TRIAL, effective_on=DAY + datetime.timedelta(days=30)
    )
    prisoner.refresh_from_db()
    assert prisoner.released_on is None
    assert prisoner.status_changes.count() == 2


def test_death_in_custody_records_the_date_of_death():
    prisoner = PrisonerFactory(status=Status.CONVICTED)
    prisoner_status_change(prisoner=prisoner, status=Status.DIED_IN_CUSTODY, effective_on=DAY)
    prisoner.refresh_from_db()
    assert prisoner.died_on == DAY


@pytest.mark.parametrize(
    ("status", "effective_on", "message"),
    [
        (Status.CONVICTED, DAY, SAME_STATUS_ERROR),
        (
            Status.RELEASED_PARDONED,
            datetime.date.today() + datetime.timedelta(days=1),
            FUTURE_DATE_ERROR,
        ),
        (Status.RELEASED_PARDONED, datetime.date(2019, 1, 1), BEFORE_DETENTION_ERROR),
    ],
    ids=["same-status", "future-date", "before-detention"],
)
def test_an_invalid_status_change_is_refused_and_writes_nothing(status, effective_on, message):
    prisoner = PrisonerFactory(status=Status.CONVICTED, detained_on=datetime.date(2020, 9, 7))

    with pytest.raises(ValidationError) as excinfo:
        prisoner_status_change(prisoner=prisoner, status=status, effective_on=effective_on)

    assert str(message) in str(excinfo.value)
    prisoner.refresh_from_db()
    assert prisoner.status == Status.CONVICTED
    assert not StatusChange.objects.exists()
    assert not ModelLogEntry.objects.filter(action="solidarity.status_change").exists()


def test_a_failure_after_the_history_is_written_rolls_everything_back(monkeypatch):
    prisoner = PrisonerFactory(status=Status.CONVICTED)

    def broken_audit(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("solidarity.prisoners.services.log", broken_audit)
    with pytest.raises(RuntimeError):
        prisoner_status_change(prisoner=prisoner, status=Status.RELEASED_SERVED, effective_on=DAY)

    assert not StatusChange.objects.exists()
    prisoner.refresh_from_db()
    assert (prisoner.status, prisoner.released_on) == (Status.CONVICTED, None)


def test_a_transfer_keeps_the_status_and_writes_a_history_entry():
    prisoner = PrisonerFactory(status=Status.CONVICTED)
    colony = FacilityFactory()

    change = prisoner_status_change(
        prisoner=prisoner, status=Status.CONVICTED, effective_on=DAY, facility=colony
    )

    prisoner.refresh_from_db()
    assert (change.from_status, change.to_status, change.facility) == (
        Status.CONVICTED,
        Status.CONVICTED,
        colony,
    )
    assert prisoner.facility == colony
