"""The parliaments register: groups "For a Democratic Belarus", memoranda of cooperation and the
programme's figures per country, sortable without JavaScript, and never a figure small enough to
point at a discreet or unlisted godparent."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.congress.selectors import (
    DISCRETION_FLOOR,
    PublishedCount,
    parliament_register,
    published_figure,
    published_godparents,
)
from solidarity.godparents.models import Parliament, ParliamentKind
from tests.factories import (
    AdvocacyActionFactory,
    GodparentProfileFactory,
    LetterFactory,
    MatchFactory,
    ParliamentFactory,
    PrisonerFactory,
)

pytestmark = pytest.mark.django_db

URL = "/en/parliaments/"
GROUP_CONTACT = "canary-group-contact@seimas.example"


@pytest.fixture
def seimas():
    return ParliamentFactory(
        country="LT",
        name="Seimas",
        short_name="Seimas",
        group_name="Laisvos Baltarusijos grupė",
        group_since=datetime.date(2021, 2, 1),
        group_chair="Žygimantas Pavilionis",
        group_contact=GROUP_CONTACT,
        memorandum_signed_on=datetime.date(2025, 10, 14),
        memorandum_url="https://www.lrs.lt/memorandum",
    )


def _godparents(parliament, *, listed: int, discreet: int = 0, unlisted: int = 0) -> list:
    made = [GodparentProfileFactory(parliament=parliament) for _ in range(listed)]
    made += [
        GodparentProfileFactory(
            parliament=parliament, is_discreet=True, public_listing_consent=False
        )
        for _ in range(discreet)
    ]
    made += [
        GodparentProfileFactory(parliament=parliament, public_listing_consent=False)
        for _ in range(unlisted)
    ]
    return made


def test_a_small_country_shows_only_its_listed_godparents_and_no_other_figure():
    # Below the floor: only the listed are counted, and nothing else is published, so one
    # listed godparent alone reads exactly like one listed beside a discreet one.
    assert published_godparents(1, listed=1) == published_godparents(2, listed=1)
    assert published_figure(3, godparents=2).withheld
    assert published_godparents(7, listed=7) == PublishedCount(7)
    assert published_godparents(7, listed=4) == PublishedCount(5, at_least=True)
    assert published_figure(40, godparents=DISCRETION_FLOOR) == PublishedCount(40)


def test_a_country_with_one_discreet_godparent_publishes_no_figure(site, client):
    estonia = ParliamentFactory(country="EE", name="Riigikogu", short_name="Riigikogu")
    [secret] = _godparents(estonia, listed=0, discreet=1)
    prisoner = PrisonerFactory()
    MatchFactory(godparent=secret, prisoner=prisoner)
    LetterFactory(godparent=secret, prisoner=prisoner)

    [row] = [r for r in parliament_register().countries if r.country and r.country.code == "EE"]

    assert row.godparents == PublishedCount(0)  # as if nobody: the discreet one is not counted
    assert [row.prisoners.withheld, row.letters.withheld, row.actions.withheld] == [True] * 3
    assert parliament_register().countries_with_godparents == 0
    html = client.get(URL).content.decode()
    assert "Estonia" in html  # the parliament is recorded: a country where recruiting starts


def test_some_unlisted_godparents_above_the_floor_round_the_godparents_down(seimas):
    _godparents(seimas, listed=4, unlisted=3)  # 7 in all

    [row] = [r for r in parliament_register().countries if r.country and r.country.code == "LT"]

    assert row.godparents == PublishedCount(5, at_least=True)
    assert row.listed == 4


def test_figures_by_country_count_an_action_once_per_country(seimas):
    germans = [GodparentProfileFactory() for _ in range(DISCRETION_FLOOR)]
    bundestag_godparent = germans[0]
    lithuanians = _godparents(seimas, listed=5)
    prisoner = PrisonerFactory()
    MatchFactory(godparent=lithuanians[0], prisoner=prisoner)
    MatchFactory(godparent=lithuanians[1], prisoner=prisoner)
    LetterFactory.create_batch(3, godparent=lithuanians[0], prisoner=prisoner)
    joint = AdvocacyActionFactory(verification="verified")
    joint.godparents.add(*lithuanians, bundestag_godparent)

    rows = {r.country.code: r for r in parliament_register().countries if r.country}

    assert rows["LT"].godparents == PublishedCount(5)
    assert rows["LT"].prisoners == PublishedCount(1)  # two godparents, one prisoner
    assert rows["LT"].letters == PublishedCount(3)
    assert rows["LT"].actions == PublishedCount(1)  # two Lithuanians took part: once
    assert rows["DE"].actions == PublishedCount(1)  # and once for Germany too


def test_the_page_shows_groups_and_memoranda_never_the_contact(site, client, seimas):
    ParliamentFactory(country="LV", name="Saeima", short_name="Saeima")
    ParliamentFactory(kind=ParliamentKind.INTERNATIONAL, country="", name="PACE", short_name="PACE")
    _godparents(seimas, listed=2)

    html = client.get(URL).content.decode()

    assert "Laisvos Baltarusijos grupė" in html
    assert "Žygimantas Pavilionis" in html
    assert "https://www.lrs.lt/memorandum" in html
    assert "Latvia" in html  # the Saeima: in the table, with nothing to describe below
    assert html.count("Saeima") == 0
    assert "International assemblies" in html
    assert GROUP_CONTACT not in html


def test_the_table_sorts_by_a_column_without_javascript(site, client, seimas):
    poland = ParliamentFactory(country="PL", name="Sejm", short_name="Sejm")
    _godparents(seimas, listed=1)
    _godparents(poland, listed=3)

    by_name = client.get(URL).content.decode()
    by_godparents = client.get(f"{URL}?sort=godparents").content.decode()
    unknown = client.get(f"{URL}?sort=drop-table").content.decode()

    assert by_name.index("Lithuania") < by_name.index("Poland")
    assert by_godparents.index("Poland") < by_godparents.index("Lithuania")
    assert 'aria-sort="descending"' in by_godparents
    assert unknown.index("Lithuania") < unknown.index("Poland")


def test_the_page_is_translated(site, client, seimas):
    html = client.get("/be/parliaments/").content.decode()
    assert "Літва" in html


def test_the_register_runs_a_fixed_number_of_queries(site, client, page_cache_off, seimas):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{URL}?sort=letters").status_code == 200
        return len(captured)

    queries()  # the first request of a test also reads the site and the locales
    _godparents(seimas, listed=1)
    few = queries()  # the register is computed again after a change: counted here too
    for code, name in (("PL", "Sejm"), ("LV", "Saeima"), ("EE", "Riigikogu"), ("FI", "Eduskunta")):
        parliament = ParliamentFactory(country=code, name=name, short_name=name)
        for godparent in _godparents(parliament, listed=2, discreet=1):
            LetterFactory(godparent=godparent, prisoner=PrisonerFactory())
    assert queries() == few


def test_a_group_detail_without_its_name_is_refused():
    parliament = Parliament(kind="national", country="LT", name="Seimas", group_chair="X")
    with pytest.raises(ValidationError) as error:
        parliament.full_clean()
    assert "group_name" in error.value.message_dict
