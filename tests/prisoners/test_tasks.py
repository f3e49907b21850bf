import pytest

from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.names import fold, phonetic_key
from solidarity.prisoners.services import prisoner_refresh_search_keys
from solidarity.prisoners.tasks import enqueue_refresh_search_keys
from tests.factories import PrisonerFactory

pytestmark = pytest.mark.django_db


def test_an_edit_queues_the_job_that_recomputes_search_keys(django_capture_on_commit_callbacks):
    prisoner = PrisonerFactory()
    Prisoner.objects.filter(pk=prisoner.pk).update(
        name_latin="Ales Bialiatski", name_ru="", name_be=""
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue_refresh_search_keys(prisoner.pk)

    assert len(callbacks) == 1
    prisoner.refresh_from_db()
    assert phonetic_key(fold("Byalyatsky")) in prisoner.search_keys.split()
    assert "kalesnikava" not in prisoner.search_keys
    assert prisoner.sort_name == "ales bialiatski"


def test_the_job_is_idempotent_and_ignores_deleted_records():
    prisoner = PrisonerFactory()
    assert prisoner_refresh_search_keys(prisoner_id=prisoner.pk) is False
    assert prisoner_refresh_search_keys(prisoner_id=10**9) is False
