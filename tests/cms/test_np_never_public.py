"""A person the list marks `np` is never public: not on a page, the sitemap, search or a report.

The canary name is checked on every public surface, for a record the import creates with `np`
and for a public record that turns `np` in a later week's list.
"""

import datetime

import pytest

from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.importing import import_apply, import_plan
from solidarity.prisoners.models import Prisoner
from solidarity.reports.builder import report_build
from solidarity.reports.document import report_document
from solidarity.reports.formats import report_html
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db

CANARY = "Canaryvich Npskiy"


def public_texts(client, listings, prisoner: Prisoner) -> dict[str, str]:
    """Every public surface that could name the person, by URL."""
    urls = ["/sitemap.xml"]
    for code, listing in listings.items():
        urls += [
            listing.url,
            f"{listing.url}?q=Canaryvich",
            f"{listing.url}?q=Npskiy&status=all",
            f"{listing.url}{prisoner.profile_slug}/",
            f"/{code}/",
            f"/{code}/godparents/",
        ]
    texts = {url: client.get(url).content.decode() for url in urls}
    today = datetime.date.today()
    report = report_build(start=today.replace(year=today.year - 1), end=today, variant="public")
    sections = report_document(report)
    texts["public report"] = report_html(report, sections, generated_at=datetime.datetime.now())
    return texts


def import_rows(*rows, language="en"):
    import_apply(
        plan=import_plan(content=make_csv(list(rows), language=language), filename="l.csv")
    )


def test_a_new_np_row_is_on_no_public_surface(client, listings):
    import_rows(row(id="7001", name=CANARY, status="np", died="2024"), row(id="7002", name="Other"))
    prisoner = Prisoner.objects.get(external_id="7001")
    assert prisoner.publicity == Publicity.NONE
    assert Prisoner.objects.get(external_id="7002").publicity == Publicity.BASIC
    leaks = [
        url for url, text in public_texts(client, listings, prisoner).items() if CANARY in text
    ]
    assert not leaks


def test_a_public_record_that_turns_np_leaves_every_public_surface(client, listings):
    import_rows(row(id="7001", name=CANARY))
    prisoner = Prisoner.objects.get(external_id="7001")
    profile = f"{listings['en'].url}{prisoner.profile_slug}/"
    assert CANARY in client.get(profile).content.decode()  # public before: the check can fail

    import_rows(row(id="7001", name=CANARY, status="np"))

    prisoner.refresh_from_db()
    assert prisoner.publicity == Publicity.NONE
    leaks = [
        url for url, text in public_texts(client, listings, prisoner).items() if CANARY in text
    ]
    assert not leaks
