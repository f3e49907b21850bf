"""The public godparents page lists only consenting, verified godparents and public records."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from cms.models import GodparentIndexPage, HomePage
from solidarity.godparents.models import ParliamentKind, VerificationState
from solidarity.matching.directory import DirectoryGroupKind, godparent_public_directory
from solidarity.matching.models import MatchStatus
from solidarity.prisoners.choices import Publicity
from tests.factories import (
    GodparentProfileFactory,
    MatchFactory,
    ParliamentFactory,
    PrisonerFactory,
)

pytestmark = pytest.mark.django_db

URL = "/en/godparents/"
SECRET = "CANARY-NONE-PUBLICITY-5c1d"
# The site shell (routing, navigation, language links) plus three for the directory and one for
# the profile links.
QUERY_BUDGET = 20


def public_prisoner(name: str, **fields):
    return PrisonerFactory(
        publicity=Publicity.BASIC, name_latin=name, name_be=name, name_ru=name, **fields
    )


def page_html(client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def pace():
    return ParliamentFactory(
        kind=ParliamentKind.INTERNATIONAL,
        country="",
        name="Parliamentary Assembly of the Council of Europe",
        short_name="PACE",
    )


def test_a_consenting_verified_godparent_is_listed_with_their_public_prisoner(
    client, site, listings
):
    prisoner = public_prisoner("Ihar Losik")
    MatchFactory(
        prisoner=prisoner,
        godparent=GodparentProfileFactory(
            full_name="Listed Member", party="SPD", political_group="S&D"
        ),
    )

    html = page_html(client)

    assert "Listed Member" in html
    assert "SPD" in html
    assert "S&amp;D" in html
    assert f'href="{listings["en"].url}{prisoner.profile_slug}/">Ihar Losik</a>' in html


def test_a_discreet_godparent_is_never_shown_nor_their_prisoner_through_them(client, site):
    discreet = GodparentProfileFactory(
        full_name="DISCREET-CANARY-Member", is_discreet=True, public_listing_consent=False
    )
    MatchFactory(godparent=discreet, prisoner=public_prisoner("CANARY-Discreetly-Supported"))

    html = page_html(client)

    assert "DISCREET-CANARY" not in html
    assert "CANARY-Discreetly-Supported" not in html


def test_unlisted_unverified_and_deleted_godparents_are_absent(client, site):
    GodparentProfileFactory(full_name="Unlisted Member", public_listing_consent=False)
    GodparentProfileFactory(
        full_name="Unverified Member",
        verification_state=VerificationState.UNVERIFIED,
        verified_at=None,
    )
    GodparentProfileFactory(
        full_name="Rejected Member", verification_state=VerificationState.REJECTED
    )
    GodparentProfileFactory(full_name="Deleted Member", deleted_at=timezone.now())
    GodparentProfileFactory(full_name="Listed Member")

    html = page_html(client)

    assert "Listed Member" in html
    for name in ("Unlisted Member", "Unverified Member", "Rejected Member", "Deleted Member"):
        assert name not in html


def test_a_listed_godparent_without_prisoners_yet_is_listed(client, site):
    GodparentProfileFactory(full_name="Newcomer Member")
    assert "Newcomer Member" in page_html(client)


@pytest.mark.parametrize("code", ["en", "be", "ru"])
def test_a_prisoner_whose_publicity_is_none_is_never_named(client, site, code):
    godparent = GodparentProfileFactory(full_name="Listed Member")
    hidden = PrisonerFactory(
        publicity=Publicity.NONE,
        name_latin=f"{SECRET} Latin",
        name_be=f"{SECRET} Бел",
        name_ru=f"{SECRET} Рус",
    )
    MatchFactory(godparent=godparent, prisoner=hidden)
    MatchFactory(godparent=godparent, prisoner=public_prisoner("Public Person"))

    html = page_html(client, f"/{code}/godparents/")

    assert "Listed Member" in html
    assert "Public Person" in html
    assert SECRET not in html
    assert hidden.profile_slug not in html
    assert godparent_public_directory().prisoners == 1


def test_only_active_godparenthoods_are_shown(client, site):
    godparent = GodparentProfileFactory(full_name="Listed Member")
    MatchFactory(godparent=godparent, prisoner=public_prisoner("Active Person"))
    MatchFactory(
        godparent=godparent,
        prisoner=public_prisoner("Offered Person"),
        status=MatchStatus.OFFERED,
        responded_at=None,
    )
    MatchFactory(
        godparent=godparent,
        prisoner=public_prisoner("Proposed Person"),
        status=MatchStatus.PROPOSED,
        offered_at=None,
        responded_at=None,
    )
    MatchFactory(
        godparent=godparent,
        prisoner=public_prisoner("Former Person"),
        status=MatchStatus.ENDED,
        ended_at=timezone.now() + datetime.timedelta(seconds=1),
    )

    html = page_html(client)

    assert "Active Person" in html
    for name in ("Offered Person", "Proposed Person", "Former Person"):
        assert name not in html


def test_godparents_are_grouped_by_country_then_parliament(client, site, pace):
    bundestag = ParliamentFactory()
    bundesrat = ParliamentFactory(name="Bundesrat", short_name="")
    seimas = ParliamentFactory(country="LT", name="Seimas", short_name="")
    GodparentProfileFactory(full_name="Member Bundestag", parliament=bundestag)
    GodparentProfileFactory(full_name="Member Bundesrat", parliament=bundesrat)
    GodparentProfileFactory(full_name="Member Seimas", parliament=seimas)
    GodparentProfileFactory(full_name="Member PACE", parliament=pace)
    GodparentProfileFactory(full_name="Member Other", parliament=None, parliament_other="Saeima")

    directory = godparent_public_directory()
    html = page_html(client)

    assert [(group.kind, group.country and group.country.code) for group in directory.groups] == [
        (DirectoryGroupKind.COUNTRY, "DE"),
        (DirectoryGroupKind.COUNTRY, "LT"),
        (DirectoryGroupKind.INTERNATIONAL, None),
        (DirectoryGroupKind.OTHER, None),
    ]
    germany = directory.groups[0]
    assert [p.name for p in germany.parliaments] == ["Bundesrat", "Deutscher Bundestag"]
    assert [g.full_name for g in germany.parliaments[1].godparents] == ["Member Bundestag"]
    order = [
        ">Germany</h2>",
        ">Bundesrat</h3>",
        "Member Bundesrat",
        ">Deutscher Bundestag <span",
        "Member Bundestag",
        ">Lithuania</h2>",
        "Member Seimas",
        ">International assemblies</h2>",
        "Member PACE",
        ">Other parliaments</h2>",
        ">Saeima</h3>",
        "Member Other",
    ]
    positions = [html.index(fragment) for fragment in order]
    assert positions == sorted(positions)


def test_country_names_are_translated(client, site):
    GodparentProfileFactory(full_name="Member Bundestag")
    assert ">Германия</h2>" in page_html(client, "/ru/godparents/")


def test_totals_count_listed_godparents_and_every_active_godparenthood(client, site, pace):
    shared = public_prisoner("Shared Person")
    first = GodparentProfileFactory(full_name="First Member")
    second = GodparentProfileFactory(full_name="Second Member")
    GodparentProfileFactory(full_name="Third Member", parliament=pace)
    GodparentProfileFactory(full_name="Fourth Member", parliament=None, parliament_other="Saeima")
    MatchFactory(godparent=first, prisoner=shared)
    MatchFactory(godparent=second, prisoner=shared)
    MatchFactory(godparent=second, prisoner=public_prisoner("Other Person"))
    MatchFactory(godparent=second, prisoner=PrisonerFactory(publicity=Publicity.NONE))
    discreet = GodparentProfileFactory(is_discreet=True, public_listing_consent=False)
    MatchFactory(godparent=discreet, prisoner=PrisonerFactory(publicity=Publicity.NONE))
    MatchFactory(godparent=discreet, prisoner=public_prisoner("Discreetly Supported"))

    directory = godparent_public_directory()

    assert directory.godparents == 4
    assert directory.countries == 1
    assert directory.parliaments == 2  # the Bundestag and PACE; free text is not counted
    assert directory.prisoners == 2
    assert directory.godparenthoods == 6
    html = page_html(client)
    assert (
        '<dt class="counters__label">Godparents listed</dt><dd class="counters__number">4</dd>'
        in html
    )
    assert '<dd class="counters__number">6</dd>' in html


def add_listed_godparents(count: int) -> None:
    countries = ["DE", "FR", "PL", "LT", "SE"]
    for number in range(count):
        parliament = ParliamentFactory(
            country=countries[number % len(countries)], name=f"Parliament {number % 7}"
        )
        godparent = GodparentProfileFactory(parliament=parliament)
        for _ in range(2):
            MatchFactory(godparent=godparent, prisoner=public_prisoner(f"Person {number}"))
        MatchFactory(godparent=godparent, prisoner=PrisonerFactory(publicity=Publicity.NONE))


def page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        page_html(client)
    return len(queries)


@pytest.mark.usefixtures("page_cache_off")
def test_the_page_runs_as_many_queries_for_30_godparents_as_for_3(
    client, site, listings, django_assert_max_num_queries
):
    add_listed_godparents(3)
    page_html(client)  # warm the site root paths cache
    with_3 = page_queries(client)
    with django_assert_max_num_queries(QUERY_BUDGET):
        page_html(client)

    add_listed_godparents(27)

    assert page_queries(client) == with_3
    with django_assert_max_num_queries(QUERY_BUDGET):
        page_html(client)


def test_the_cached_page_is_invalidated_when_a_godparent_or_a_match_changes(client, site):
    godparent = GodparentProfileFactory(full_name="Before Rename")
    first = client.get(URL)
    assert first["X-Cache"] == "miss"
    assert client.get(URL)["X-Cache"] == "hit"

    godparent.full_name = "After Rename"
    godparent.save()
    renamed = client.get(URL)
    assert renamed["X-Cache"] == "miss"
    assert "After Rename" in renamed.content.decode()
    assert client.get(URL)["X-Cache"] == "hit"

    MatchFactory(godparent=godparent, prisoner=public_prisoner("Newly Supported"))
    matched = client.get(URL)
    assert matched["X-Cache"] == "miss"
    assert "Newly Supported" in matched.content.decode()


def test_site_setup_creates_the_page_in_three_locales_and_is_idempotent():
    call_command("setup_site", stdout=io.StringIO())
    call_command("setup_site", stdout=io.StringIO())

    pages = GodparentIndexPage.objects.live().select_related("locale")
    titles = {page.locale.language_code: page.title for page in pages}
    assert titles == {"en": "Godparents", "be": "Хросныя бацькі", "ru": "Крёстные"}
    for page in pages:
        assert page.slug == "godparents"
        home = HomePage.objects.get(locale=page.locale)
        assert page.get_parent().pk == home.pk
    english = pages.get(locale=Locale.get_default())
    assert {page.pk for page in pages} == {p.pk for p in english.get_translations(inclusive=True)}


def test_the_navigation_links_to_the_godparents_page_in_each_language(client, site):
    html = page_html(client, "/ru/")
    assert '<a href="/ru/godparents/">Крёстные</a>' in html
    assert 'href="/en/godparents/" aria-current="page">Godparents</a>' in page_html(client)
