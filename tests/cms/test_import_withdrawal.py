"""An import that marks a published person as withheld takes their profile off the site."""

import pytest

from cms.models import PrisonerPage
from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.importing import import_apply, import_plan
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db


def test_withheld_in_the_file_unpublishes_every_locale_of_the_profile(make_profile, client):
    page = make_profile(publicity=Publicity.FULL, external_id="1001")
    assert PrisonerPage.objects.live().filter(prisoner=page.prisoner).count() == 3
    assert client.get(page.url).status_code == 200

    content = make_csv([row(publicity="скрыт")], publicity_header="Публичность")
    import_apply(plan=import_plan(content=content, filename="list.csv"))

    page.prisoner.refresh_from_db()
    assert page.prisoner.publicity == Publicity.NONE
    assert not PrisonerPage.objects.live().filter(prisoner=page.prisoner).exists()
    assert client.get(page.url).status_code == 404
