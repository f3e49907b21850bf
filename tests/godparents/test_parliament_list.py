"""The canonical parliament list: its data migration, its invariants and the demo's agreement."""

from collections import Counter

import pytest
from django_countries import countries

from solidarity.demo import tables
from solidarity.demo.reference import _parliaments
from solidarity.godparents.models import Parliament, ParliamentKind
from solidarity.godparents.parliament_list import PARLIAMENTS, parliaments_sync

COUNCIL_OF_EUROPE = {
    "AL", "AD", "AM", "AT", "AZ", "BE", "BA", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
    "GE", "DE", "GR", "HU", "IS", "IE", "IT", "LV", "LI", "LT", "LU", "MT", "MD", "MC", "ME",
    "NL", "MK", "NO", "PL", "PT", "RO", "SM", "RS", "SK", "SI", "ES", "SE", "CH", "TR", "UA", "GB",
}  # fmt: skip
OTHER_DEMOCRACIES = {"US", "CA", "AU", "NZ", "JP", "KR", "TW", "IL"}
ASSEMBLIES = {"EP", "PACE", "OSCE PA", "NATO PA"}


def key(row: tuple) -> tuple[str, str, str]:
    _kind, country, name, _short_name, chamber = row[:5]
    return country, name, chamber


@pytest.mark.django_db
def test_the_migration_creates_the_international_assemblies():
    international = Parliament.objects.filter(kind=ParliamentKind.INTERNATIONAL, country="")
    assert set(international.values_list("short_name", flat=True)) >= ASSEMBLIES
    assert international.filter(name="Parliamentary Assembly of the Council of Europe").exists()


@pytest.mark.django_db
def test_the_migration_creates_national_chambers():
    assert Parliament.objects.filter(country="DE", name="Deutscher Bundestag", chamber="").exists()
    assert Parliament.objects.filter(country="LT", name="Lietuvos Respublikos Seimas").exists()
    uk = Parliament.objects.filter(country="GB", name="Parliament of the United Kingdom")
    assert set(uk.values_list("chamber", flat=True)) == {"House of Commons", "House of Lords"}


@pytest.mark.django_db
def test_every_listed_row_is_in_the_database_after_migrations():
    assert Parliament.objects.count() >= len(PARLIAMENTS)
    assert parliaments_sync(parliament_model=Parliament) == 0


def test_no_two_rows_share_country_name_and_chamber():
    duplicates = [k for k, n in Counter(key(row) for row in PARLIAMENTS).items() if n > 1]
    assert duplicates == []


def test_international_rows_have_no_country_and_national_rows_a_real_one():
    for kind, country, name, short_name, _chamber in PARLIAMENTS:
        assert name
        assert short_name
        assert len(short_name) <= 40
        if kind == ParliamentKind.INTERNATIONAL:
            assert country == ""
        else:
            assert kind == ParliamentKind.NATIONAL
            assert country in countries, country


def test_the_four_international_assemblies_are_listed():
    international = {row[3] for row in PARLIAMENTS if row[0] == ParliamentKind.INTERNATIONAL}
    assert international == ASSEMBLIES


def test_every_council_of_europe_state_and_the_other_democracies_are_covered():
    covered = {row[1] for row in PARLIAMENTS if row[0] == ParliamentKind.NATIONAL}
    assert covered == COUNCIL_OF_EUROPE | OTHER_DEMOCRACIES


@pytest.mark.django_db
def test_russia_and_belarus_are_absent():
    assert not {row[1] for row in PARLIAMENTS} & {"RU", "BY"}
    assert not Parliament.objects.filter(country__in=["RU", "BY"]).exists()


@pytest.mark.django_db
def test_a_second_sync_creates_nothing():
    Parliament.objects.all().delete()
    assert parliaments_sync(parliament_model=Parliament) == len(PARLIAMENTS)
    assert parliaments_sync(parliament_model=Parliament) == 0
    assert Parliament.objects.count() == len(PARLIAMENTS)


def test_every_demo_parliament_is_a_canonical_row():
    canonical = {key(row): row for row in PARLIAMENTS}
    for row in tables.PARLIAMENTS:
        assert key(row) in canonical, row[:5]
        assert row[:5] == canonical[key(row)], row[:5]


@pytest.mark.django_db
def test_seeding_the_demo_parliaments_adds_no_row():
    before = Parliament.objects.count()
    _parliaments()
    assert Parliament.objects.count() == before


@pytest.mark.django_db
def test_every_listed_row_passes_model_validation():
    for kind, country, name, short_name, chamber in PARLIAMENTS:
        row = Parliament.objects.get(country=country, name=name, chamber=chamber)
        assert (row.kind, row.short_name) == (kind, short_name)
        row.full_clean()
