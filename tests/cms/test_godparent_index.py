"""The public godparents page lists only consenting, verified godparents and public records:
an index of countries with the totals, then a page per country (`/en/godparents/de/`)."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from cms.models import GODPARENTS_PER_PAGE, GodparentIndexPage, HomePage
from solidarity.accounts.models import User
from solidarity.godparents.models import GodparentProfile, ParliamentKind, VerificationState
from solidarity.matching.directory import DirectoryGroupKind, godparent_public_directory
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.models import Prisoner
from tests.factories import (
    FacilityFactory,
    GodparentProfileFactory,
    MatchFactory,
    ParliamentFactory,
    PrisonerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/en/godparents/"
GERMANY = f"{URL}de/"  # where the factories' godparents sit: the Bundestag
SECRET = "CANARY-NONE-PUBLICITY-5c1d"
# The site shell (routing, navigation, language links), the directory's index (one cache read
# once computed), a page of godparents (count, page, their public records) and the profile links.
QUERY_BUDGET = 22
MAX_PAGE_BYTES = 60_000  # what a phone loads at once (issue 17)


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

    html = page_html(client, GERMANY)

    assert "Listed Member" in html
    assert "SPD" in html
    assert "S&amp;D" in html
    assert f'href="{listings["en"].url}{prisoner.profile_slug}/">Ihar Losik</a>' in html


def test_a_discreet_godparent_is_never_shown_nor_their_prisoner_through_them(client, site):
    discreet = GodparentProfileFactory(
        full_name="DISCREET-CANARY-Member", is_discreet=True, public_listing_consent=False
    )
    MatchFactory(godparent=discreet, prisoner=public_prisoner("CANARY-Discreetly-Supported"))
    GodparentProfileFactory(full_name="Listed Member")

    for url in (URL, GERMANY):
        html = page_html(client, url)
        assert "DISCREET-CANARY" not in html
        assert "CANARY-Discreetly-Supported" not in html
    assert "Listed Member" in html
    listed = '<dt class="counters__label">Godparents listed</dt><dd class="counters__number">1</dd>'
    assert listed in page_html(client)


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

    html = page_html(client, GERMANY)

    assert "Listed Member" in html
    assert "(1 godparent)" in page_html(client)
    for name in ("Unlisted Member", "Unverified Member", "Rejected Member", "Deleted Member"):
        assert name not in html


def test_a_listed_godparent_without_prisoners_yet_is_listed(client, site):
    GodparentProfileFactory(full_name="Newcomer Member")
    assert "Newcomer Member" in page_html(client, GERMANY)


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

    html = page_html(client, f"/{code}/godparents/de/")

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

    html = page_html(client, GERMANY)

    assert "Active Person" in html
    for name in ("Offered Person", "Proposed Person", "Former Person"):
        assert name not in html


def test_the_index_lists_countries_then_assemblies_then_others_and_each_has_its_page(
    client, site, pace
):
    bundestag = ParliamentFactory()
    bundesrat = ParliamentFactory(name="Bundesrat", short_name="")
    seimas = ParliamentFactory(country="LT", name="Seimas", short_name="")
    GodparentProfileFactory(full_name="Member Bundestag", parliament=bundestag)
    GodparentProfileFactory(full_name="Member Bundesrat", parliament=bundesrat)
    GodparentProfileFactory(full_name="Member Seimas", parliament=seimas)
    GodparentProfileFactory(full_name="Member PACE", parliament=pace)
    GodparentProfileFactory(full_name="Member Other", parliament=None, parliament_other="Saeima")

    directory = godparent_public_directory()
    index = page_html(client)

    assert [(group.kind, group.country and group.country.code) for group in directory.groups] == [
        (DirectoryGroupKind.COUNTRY, "DE"),
        (DirectoryGroupKind.COUNTRY, "LT"),
        (DirectoryGroupKind.INTERNATIONAL, None),
        (DirectoryGroupKind.OTHER, None),
    ]
    assert [group.godparents for group in directory.groups] == [2, 1, 1, 1]
    order = [
        '<a href="/en/godparents/de/">Germany</a> <span class="muted">(2 godparents)</span>',
        '<a href="/en/godparents/lt/">Lithuania</a>',
        '<a href="/en/godparents/international/">International assemblies</a>',
        '<a href="/en/godparents/other/">Other parliaments</a>',
    ]
    positions = [index.index(fragment) for fragment in order]
    assert positions == sorted(positions)
    assert "Member Bundestag" not in index  # names are on the countries' pages

    germany = page_html(client, GERMANY)
    order = [
        "<h1>Germany</h1>",
        ">Bundesrat</h2>",
        "Member Bundesrat",
        ">Deutscher Bundestag <span",
        "Member Bundestag",
    ]
    positions = [germany.index(fragment) for fragment in order]
    assert positions == sorted(positions)
    assert "Member Seimas" not in germany
    assert 'href="/en/godparents/de/" aria-current="page">Germany</a>' in germany
    assert "Member Seimas" in page_html(client, f"{URL}lt/")
    assert "Member PACE" in page_html(client, f"{URL}international/")
    others = page_html(client, f"{URL}other/")
    assert ">Saeima</h2>" in others
    assert "Member Other" in others


@pytest.mark.parametrize("path", ["xx/", "fr/", "us/?page=2"])
def test_a_country_nobody_is_listed_for_or_an_unknown_code_is_not_found(client, site, path):
    GodparentProfileFactory(full_name="Member Bundestag")
    assert client.get(f"{URL}{path}").status_code == 404


def test_an_upper_case_code_leads_to_the_country_page(client, site):
    GodparentProfileFactory(full_name="Member Bundestag")
    response = client.get(f"{URL}DE/")
    assert response.status_code == 301
    assert response["Location"] == GERMANY


def test_country_names_are_translated(client, site):
    GodparentProfileFactory(full_name="Member Bundestag")
    assert '/ru/godparents/de/">Германия</a>' in page_html(client, "/ru/godparents/")
    assert "<h1>Германия</h1>" in page_html(client, "/ru/godparents/de/")


def test_a_country_page_links_to_itself_in_the_other_languages(client, site):
    GodparentProfileFactory(full_name="Member Bundestag")
    html = page_html(client, GERMANY)
    assert 'href="/ru/godparents/de/" lang="ru"' in html
    assert 'href="/be/godparents/de/" lang="be"' in html


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


def page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        page_html(client, url)
    return len(queries)


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("url", [URL, GERMANY, f"{URL}pl/"])
def test_the_page_runs_as_many_queries_for_30_godparents_as_for_3(
    client, site, listings, django_assert_max_num_queries, url
):
    add_listed_godparents(3)
    page_html(client, url)  # warm the site root paths cache and the directory's index
    with_3 = page_queries(client, url)
    with django_assert_max_num_queries(QUERY_BUDGET):
        page_html(client, url)

    add_listed_godparents(27)
    page_html(client, url)  # the directory's index of the new page-cache generation

    assert page_queries(client, url) == with_3
    with django_assert_max_num_queries(QUERY_BUDGET):
        page_html(client, url)


def bulk_listed_godparents(count: int, *, country: str) -> None:
    """`count` listed godparents in one assembly of `country`, each supporting three public
    records and one whose publicity is None, in a few bulk inserts."""
    parliament = ParliamentFactory(country=country, name="Sejm", short_name="")
    users = User.objects.bulk_create(UserFactory.build_batch(count))
    profiles = GodparentProfile.objects.bulk_create(
        GodparentProfileFactory.build(
            user=user,
            parliament=parliament,
            full_name=f"Poseł Numer {number:04d}",
            party="Koalicja Obywatelska",
            political_group="European People's Party",
        )
        for number, user in enumerate(users)
    )
    facility = FacilityFactory()
    prisoners = Prisoner.objects.bulk_create(
        PrisonerFactory.build(
            facility=facility,
            publicity=Publicity.NONE if number % 4 == 3 else Publicity.BASIC,
            name_latin=f"{SECRET} {number}" if number % 4 == 3 else f"Imia Proszcza {number}",
        )
        for number in range(4 * count)
    )
    Match.objects.bulk_create(
        MatchFactory.build(godparent=profile, prisoner=prisoner)
        for profile, prisoner in zip(
            (profile for profile in profiles for _ in range(4)), prisoners, strict=True
        )
    )


@pytest.mark.usefixtures("page_cache_off")
def test_every_page_of_a_country_with_hundreds_of_godparents_stays_small(client, site, listings):
    bulk_listed_godparents(320, country="PL")
    last = -(-320 // GODPARENTS_PER_PAGE)
    urls = [URL, *(f"{URL}pl/?page={number}" for number in range(1, last + 1))]
    page_html(client, urls[1])
    counts = {}
    names = set()
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            html = page_html(client, url)
        counts[url] = len(queries)
        assert len(html.encode()) <= MAX_PAGE_BYTES, url
        assert SECRET not in html
        names.update(re.findall(r"Poseł Numer \d{4}", html))
    assert len(names) == 320  # every godparent on exactly one of the pages
    assert f'href="?page={last}"' in page_html(client, f"{URL}pl/")
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2<' in page_html(
        client, f"{URL}pl/?page=2"
    )
    assert len({counts[url] for url in urls[1:]}) == 1  # the first page costs as the last
    assert max(counts.values()) <= QUERY_BUDGET


def test_the_cached_page_is_invalidated_when_a_godparent_or_a_match_changes(client, site):
    godparent = GodparentProfileFactory(full_name="Before Rename")
    first = client.get(GERMANY)
    assert first["X-Cache"] == "miss"
    assert client.get(GERMANY)["X-Cache"] == "hit"
    assert client.get(f"{GERMANY}?page=2")["X-Cache"] == "miss"  # a page of its own

    godparent.full_name = "After Rename"
    godparent.save()
    renamed = client.get(GERMANY)
    assert renamed["X-Cache"] == "miss"
    assert "After Rename" in renamed.content.decode()
    assert client.get(GERMANY)["X-Cache"] == "hit"

    MatchFactory(godparent=godparent, prisoner=public_prisoner("Newly Supported"))
    matched = client.get(GERMANY)
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


@pytest.mark.usefixtures("page_cache_off")
def test_the_sitemap_lists_each_country_page_with_its_translations(client, site):
    GodparentProfileFactory(full_name="Member Bundestag")
    GodparentProfileFactory(is_discreet=True, public_listing_consent=False, parliament=None)

    xml = client.get("/sitemap.xml").content.decode()

    for code in ("en", "be", "ru"):
        assert f"/{code}/godparents/de/</loc>" in xml
        assert f'hreflang="{code}" href="http://127.0.0.1:8000/{code}/godparents/de/"' in xml
    assert "/godparents/other/" not in xml  # the discreet godparent makes no group
