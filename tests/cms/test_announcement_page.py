"""The batch announcement names public godparenthoods accepted in its period, counts the rest."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail.test.utils.form_data import rich_text

from cms.models import (
    PERIOD_ORDER_ERROR,
    AnnouncementPage,
    HomePage,
    PrisonerIndexPage,
    StandardPage,
)
from cms.templatetags.solidarity_tags import local_date
from solidarity.accounts.roles import Role
from solidarity.godparents.models import ParliamentKind, VerificationState
from solidarity.matching.announcements import godparenthoods_announced
from solidarity.matching.models import MatchStatus
from solidarity.matching.services import match_accept
from solidarity.prisoners.choices import Publicity
from tests.factories import (
    GodparentProfileFactory,
    MatchFactory,
    ParliamentFactory,
    PrisonerFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

URL = "/en/new-godparents/"
START = datetime.date(2026, 3, 1)
END = datetime.date(2026, 3, 31)
IN_PERIOD = datetime.date(2026, 3, 15)
SECRET = "CANARY-NONE-PUBLICITY-9e2b"
SECRET_STATEMENT = "CANARY-STATEMENT-ABOUT-A-HIDDEN-PRISONER"
# Measured: 17, whatever the number of godparenthoods. The site shell (routing, navigation,
# language links), two for the announcement, one for the prisoner listing, one for the links.
QUERY_BUDGET = 18


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """A moment of `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def accepted(day: datetime.date = IN_PERIOD, *, hour: int = 12, minute: int = 0, **fields):
    """An active match the godparent accepted on `day`."""
    moment = at(day, hour, minute)
    return MatchFactory(offered_at=moment, responded_at=moment, **fields)


def public_prisoner(name: str, **fields):
    return PrisonerFactory(
        publicity=Publicity.BASIC, name_latin=name, name_be=name, name_ru=name, **fields
    )


def hidden_prisoner():
    return PrisonerFactory(
        publicity=Publicity.NONE,
        name_latin=f"{SECRET} Latin",
        name_be=f"{SECRET} Бел",
        name_ru=f"{SECRET} Рус",
    )


@pytest.fixture
def home(site):
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def announcement(home):
    """Named so, not `page`: that is pytest-playwright's fixture, and taking it would make these
    tests browser tests, scheduled after the journeys that empty the database."""
    return home.add_child(
        instance=AnnouncementPage(
            title="New godparents this spring",
            slug="new-godparents",
            intro="<p>Welcome to our new godparents.</p>",
            period_start=START,
            period_end=END,
        )
    )


def page_html(client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_listed_godparent_and_a_public_prisoner_appear_with_every_field(client, announcement):
    prisoner = public_prisoner("Ihar Losik")
    accepted(
        prisoner=prisoner,
        public_statement="Free Ihar & all political prisoners!",
        godparent=GodparentProfileFactory(
            full_name="Listed Member",
            party="SPD",
            political_group="S&D",
            role="Member of the Bundestag",
            parliament=ParliamentFactory(name="Deutscher Bundestag", chamber=""),
        ),
    )
    listing = PrisonerIndexPage.objects.get(locale__language_code="en")

    html = page_html(client)

    assert "<h1>New godparents this spring</h1>" in html
    assert "Welcome to our new godparents." in html
    assert "Godparenthoods accepted from 1 March 2026 to 31 March 2026." in html
    assert "Listed Member</h3>" in html
    for fact in ("SPD", "S&amp;D", "Member of the Bundestag", "Deutscher Bundestag", "Germany"):
        assert f"<dd>{fact}</dd>" in html
    assert f'<a href="{listing.url}{prisoner.profile_slug}/">Ihar Losik</a>' in html
    assert "<blockquote><p>Free Ihar &amp; all political prisoners!</p></blockquote>" in html
    assert "not listed publicly" not in html


def test_an_international_assembly_has_no_country_and_free_text_is_shown_as_typed(announcement):
    pace = ParliamentFactory(
        kind=ParliamentKind.INTERNATIONAL, country="", name="PACE", short_name="PACE"
    )
    accepted(godparent=GodparentProfileFactory(full_name="A", parliament=pace))
    accepted(
        godparent=GodparentProfileFactory(
            full_name="B", parliament=None, parliament_other="  Saeima  "
        )
    )

    first, second = godparenthoods_announced(since=START, until=END).godparenthoods

    assert (first.parliament, first.country) == ("PACE", None)
    assert (second.parliament, second.country) == ("Saeima", None)


def test_a_discreet_godparent_is_never_named_only_counted(client, announcement):
    accepted(godparent=GodparentProfileFactory(full_name="Listed Member"))
    discreet = GodparentProfileFactory(
        full_name="DISCREET-CANARY-Member", is_discreet=True, public_listing_consent=False
    )
    accepted(godparent=discreet, prisoner=public_prisoner("CANARY-Discreetly-Supported"))
    accepted(godparent=discreet, prisoner=hidden_prisoner())

    html = page_html(client)

    assert "Listed Member" in html
    assert "DISCREET-CANARY" not in html
    assert "CANARY-Discreetly-Supported" not in html
    assert SECRET not in html
    assert "And 2 more godparenthoods that are not listed publicly." in html


def test_a_prisoner_whose_publicity_is_none_is_never_named_nor_their_statement_shown(
    client, announcement
):
    godparent = GodparentProfileFactory(full_name="Listed Member")
    hidden = hidden_prisoner()
    # Written around the service, which already drops such statements: the page must not rely on it.
    accepted(godparent=godparent, prisoner=hidden, public_statement=SECRET_STATEMENT)
    accepted(godparent=godparent, prisoner=public_prisoner("Public Person"))

    html = page_html(client)
    announcement = godparenthoods_announced(since=START, until=END)

    assert "Listed Member" in html
    assert "Public Person" in html
    assert SECRET not in html
    assert SECRET_STATEMENT not in html
    assert hidden.profile_slug not in html
    assert "And 1 more godparenthood that is not listed publicly." in html
    assert hidden.pk not in {item.prisoner.pk for item in announcement.godparenthoods}
    assert announcement.others == 1


@pytest.mark.parametrize(
    "godparent",
    [
        {"public_listing_consent": False},
        {"verification_state": VerificationState.UNVERIFIED, "verified_at": None},
        {"deleted_at": datetime.datetime(2026, 3, 20, tzinfo=datetime.UTC)},
    ],
    ids=["not-listed", "unverified", "deleted"],
)
def test_a_godparent_who_is_not_publicly_listed_is_not_named(client, announcement, godparent):
    accepted(
        godparent=GodparentProfileFactory(full_name="UNLISTED-CANARY-Member", **godparent),
        prisoner=public_prisoner("Supported Person"),
        public_statement="UNLISTED-CANARY-statement",
    )

    html = page_html(client)

    assert "UNLISTED-CANARY" not in html
    assert "Supported Person" not in html
    assert "1 godparenthood was accepted in this period; it is not listed publicly." in html


def test_godparenthoods_outside_the_period_or_not_active_are_neither_named_nor_counted(
    client, announcement
):
    godparent = GodparentProfileFactory(full_name="Listed Member")
    accepted(START, godparent=godparent, prisoner=public_prisoner("First Day Person"))
    accepted(END, hour=23, minute=30, godparent=godparent, prisoner=public_prisoner("Last Day"))
    accepted(
        START - datetime.timedelta(days=1), godparent=godparent, prisoner=public_prisoner("Early")
    )
    # 00:30 in Vilnius is still March 31 in UTC: days are the site's days.
    accepted(
        END + datetime.timedelta(days=1),
        hour=0,
        minute=30,
        godparent=godparent,
        prisoner=public_prisoner("Late"),
    )
    accepted(
        godparent=godparent,
        prisoner=public_prisoner("Ended"),
        status=MatchStatus.ENDED,
        ended_at=at(IN_PERIOD, 13),
    )
    accepted(godparent=godparent, prisoner=public_prisoner("Declined"), status=MatchStatus.DECLINED)
    MatchFactory(
        godparent=godparent,
        prisoner=public_prisoner("Offered"),
        status=MatchStatus.OFFERED,
        offered_at=at(IN_PERIOD),
        responded_at=None,
    )
    accepted(
        END + datetime.timedelta(days=3),
        godparent=GodparentProfileFactory(is_discreet=True, public_listing_consent=False),
        prisoner=hidden_prisoner(),
    )

    html = page_html(client)
    announcement = godparenthoods_announced(since=START, until=END)

    assert "First Day Person" in html
    assert "Last Day" in html
    for name in ("Early", "Late", "Ended", "Declined", "Offered"):
        assert f">{name}</a>" not in html
    assert announcement.others == 0
    assert "not listed publicly" not in html
    assert at(END + datetime.timedelta(days=1), 0, 30).astimezone(datetime.UTC).date() == END


def test_a_translation_announces_the_same_period_and_links_to_its_own_locale(client, announcement):
    prisoner = PrisonerFactory(publicity=Publicity.BASIC, name_be="Ігар Лосік")
    accepted(prisoner=prisoner, godparent=GodparentProfileFactory(full_name="Listed Member"))
    announcement.copy_for_translation(
        Locale.objects.get(language_code="be")
    ).save_revision().publish()
    listing = PrisonerIndexPage.objects.get(locale__language_code="be")

    html = page_html(client, "/be/new-godparents/")

    assert f'<a href="{listing.url}{prisoner.profile_slug}/">Ігар Лосік</a>' in html
    with translation.override("be"):
        assert f"{local_date(START)} " in html  # the period, in the Belarusian date format


def test_an_open_ended_period_takes_everything_accepted_since_its_start(client, home):
    home.add_child(
        instance=AnnouncementPage(title="Since March", slug="since-march", period_start=START)
    )
    accepted(END + datetime.timedelta(days=200), prisoner=public_prisoner("Much Later"))

    html = page_html(client, "/en/since-march/")

    assert "Godparenthoods accepted since 1 March 2026." in html
    assert ">Much Later</a>" in html


def test_an_empty_period_says_so(client, announcement):
    assert "No godparenthood has been accepted in this period yet." in page_html(client)


def test_a_period_ending_before_it_starts_is_refused(home):
    announcement = AnnouncementPage(
        title="Backwards", slug="backwards", period_start=END, period_end=START
    )

    with pytest.raises(ValidationError) as refused:
        announcement.clean()

    assert refused.value.message_dict == {"period_end": [str(PERIOD_ORDER_ERROR)]}
    same_day = AnnouncementPage(title="One day", slug="one-day", period_start=END, period_end=END)
    same_day.clean()


def test_an_organiser_publishes_an_announcement_from_the_admin_and_a_backwards_one_is_refused(
    client, home
):
    client.force_login(user_with_role(Role.ORGANISER))
    url = reverse("wagtailadmin_pages:add", args=["cms", "announcementpage", home.pk])
    form = {
        "title": "Spring",
        "slug": "spring",
        "intro": rich_text("<p>Hello</p>"),
        "action-publish": "publish",
    }

    assert client.get(url).status_code == 200
    refused = client.post(url, {**form, "period_start": "2026-03-31", "period_end": "2026-03-01"})
    published = client.post(url, {**form, "period_start": "2026-03-01", "period_end": ""})

    assert refused.status_code == 200
    assert str(PERIOD_ORDER_ERROR) in refused.content.decode()
    assert published.status_code == 302
    page = AnnouncementPage.objects.get(slug="spring")
    assert page.live
    assert (page.period_start, page.period_end) == (START, None)


def test_the_page_goes_under_the_home_or_a_standard_page_and_has_no_children(announcement, home):
    news = home.add_child(instance=StandardPage(title="News", slug="news"))
    listing = PrisonerIndexPage.objects.get(locale__language_code="en")

    assert AnnouncementPage.can_create_at(home)
    assert AnnouncementPage.can_create_at(news)
    assert not AnnouncementPage.can_create_at(listing)
    assert not StandardPage.can_create_at(announcement)
    assert AnnouncementPage.allowed_subpage_models() == []


def test_accepting_a_match_makes_the_cached_page_stale(client, home):
    home.add_child(
        instance=AnnouncementPage(
            title="This week", slug="this-week", period_start=timezone.localdate()
        )
    )
    offer = MatchFactory(
        godparent=GodparentProfileFactory(full_name="Listed Member"),
        prisoner=public_prisoner("Newly Supported"),
        status=MatchStatus.OFFERED,
        offered_at=timezone.now() - datetime.timedelta(hours=1),
        responded_at=None,
    )
    url = "/en/this-week/"
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"

    match_accept(match=offer, by=None, public_statement="Glad to stand by them.")
    response = client.get(url)

    assert response["X-Cache"] == "miss"
    assert "Newly Supported" in response.content.decode()
    assert "Glad to stand by them." in response.content.decode()


def add_announced(count: int) -> None:
    """`count` public godparenthoods, with as many hidden ones beside them."""
    countries = ["DE", "FR", "PL", "LT", "SE"]
    for number in range(count):
        parliament = ParliamentFactory(
            country=countries[number % len(countries)], name=f"Parliament {number % 7}"
        )
        accepted(
            godparent=GodparentProfileFactory(parliament=parliament),
            prisoner=public_prisoner(f"Person {number}"),
            public_statement=f"Statement {number}",
        )
        accepted(
            godparent=GodparentProfileFactory(is_discreet=True, public_listing_consent=False),
            prisoner=hidden_prisoner(),
        )


def page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        page_html(client)
    return len(queries)


@pytest.mark.usefixtures("page_cache_off")
def test_the_page_runs_as_many_queries_for_30_godparenthoods_as_for_3(
    client, announcement, django_assert_max_num_queries
):
    add_announced(3)
    page_html(client)  # warm the site root paths cache
    with_3 = page_queries(client)
    with django_assert_max_num_queries(QUERY_BUDGET):
        page_html(client)

    add_announced(27)

    assert page_queries(client) == with_3
    with django_assert_max_num_queries(QUERY_BUDGET):
        html = page_html(client)
    assert html.count("<article") == 30
    assert "And 30 more godparenthoods that are not listed publicly." in html
