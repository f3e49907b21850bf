"""After release the public profile never endangers the person (issue 18).

A person released inside Belarus keeps the facts already public but shows no photo and no story
until a defender confirms that new details are safe; whereabouts nobody recorded count as inside
Belarus. A deported person's profile says "forcibly deported" and the date, never where.
"""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import AnnouncementPage, GodparentIndexPage, HomePage, PrisonerPage
from cms.services import FROZEN_PROFILE_ERROR
from solidarity.accounts.roles import Role
from solidarity.prisoners.choices import ContactConsent, Publicity, Situation, Status
from tests.factories import (
    GodparentProfileFactory,
    MatchFactory,
    WhereaboutsFactory,
    user_with_role,
)

from .conftest import STORY_MARKER

pytestmark = pytest.mark.django_db

RELEASED = {"status": Status.RELEASED_SERVED, "released_on": datetime.date(2026, 3, 2)}


def _profile(client, page, language="en") -> str:
    response = client.get(f"/{language}/prisoners/{page.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def _shows_new_details(html: str) -> bool:
    return STORY_MARKER in html or "profile__photo" in html or "og:image" in html


@pytest.mark.parametrize("language", ["en", "be", "ru"])
def test_a_person_released_in_belarus_without_a_recorded_whereabouts_is_frozen(
    client, make_profile, photo, language
):
    page = make_profile(publicity=Publicity.FULL, photo=photo, facility=None, **RELEASED)

    html = _profile(client, page, language)

    assert not _shows_new_details(html)
    assert 'class="envelope"' not in html  # no letter section once released


@pytest.mark.parametrize(
    ("situation", "safe", "frozen"),
    [
        (Situation.IN_BELARUS, False, True),
        (Situation.UNKNOWN, False, True),
        (Situation.IN_BELARUS, True, False),  # a defender confirmed it is safe
        (Situation.LEFT, False, False),
    ],
)
def test_only_a_defenders_confirmation_or_a_life_abroad_unfreezes_the_profile(
    client, make_profile, photo, situation, safe, frozen
):
    page = make_profile(publicity=Publicity.FULL, photo=photo, facility=None, **RELEASED)
    WhereaboutsFactory(
        prisoner=page.prisoner,
        situation=situation,
        country="PL" if situation == Situation.LEFT else "",
        safe_to_publish=safe,
        consent=ContactConsent.CONTACT,
    )

    assert _shows_new_details(_profile(client, page)) is not frozen


def test_a_deported_profile_says_so_with_the_date_and_never_where(client, make_profile):
    page = make_profile(
        publicity=Publicity.BASIC,
        facility=None,
        status=Status.DEPORTED,
        status_changed_on=datetime.date(2025, 12, 13),
        released_on=datetime.date(2025, 12, 13),
    )
    WhereaboutsFactory(prisoner=page.prisoner, country="LT", notes="Staying in Vilnius")

    html = _profile(client, page)

    assert "forcibly deported" in html
    assert "13 December 2025" in html
    for where in ("Lithuania", "Vilnius", "Літва", "Литва"):
        assert where not in html


CITY = "CANARY-CITY-Hrodna-41c2"
STATEMENT = "CANARY-STATEMENT-welcome-home-41c2"


def test_nothing_new_of_a_person_released_in_belarus_reaches_any_public_surface(
    client, make_profile, photo, listings
):
    """The acceptance canary: a person released inside Belarus whose whereabouts name a city, with
    a photo and a story added to the profile and a godparenthood accepted after the release.
    No public page in any language, the sitemap, the listing's search, the announcement of new
    godparents or the godparent directory shows the city, the photo, the story or the new link.
    """
    released_on = datetime.date(2026, 3, 2)
    page = make_profile(
        publicity=Publicity.FULL,
        photo=photo,
        facility=None,
        name_latin="Canary Inside",
        status=Status.RELEASED_PARDONED,
        released_on=released_on,
    )
    WhereaboutsFactory(
        prisoner=page.prisoner,
        situation=Situation.IN_BELARUS,
        country="",
        notes=f"Lives with her mother in {CITY}",
        consent=ContactConsent.CONTACT,
    )
    after = timezone.make_aware(datetime.datetime(2026, 3, 20, 12))
    godparent = GodparentProfileFactory(full_name="Listed Godparent")
    MatchFactory(
        prisoner=page.prisoner,
        godparent=godparent,
        offered_at=after,
        responded_at=after,
        public_statement=STATEMENT,
    )
    home = HomePage.objects.get(locale__language_code="en")
    home.add_child(
        instance=AnnouncementPage(
            title="New godparents",
            slug="new-godparents",
            period_start=datetime.date(2026, 3, 1),
            period_end=datetime.date(2026, 3, 31),
        )
    )
    if not GodparentIndexPage.objects.exists():
        home.add_child(instance=GodparentIndexPage(title="Godparents", slug="godparents"))
    urls = [
        "/sitemap.xml",
        "/en/new-godparents/",
        f"/en/godparents/{godparent.parliament.country.code.lower()}/",
        "/en/prisoners/?q=Canary+Inside",
        *(f"/{lang}/{path}" for lang in ("en", "be", "ru") for path in ("", "prisoners/")),
        *(f"/{lang}/prisoners/{page.slug}/" for lang in ("en", "be", "ru")),
    ]

    leaks = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        found = [canary for canary in (CITY, STATEMENT, STORY_MARKER) if canary in html]
        found += ["photo"] * ("profile__photo" in html or "og:image" in html)
        if "godparents" in url:  # the announcement and the directory name the godparent only
            found += ["name"] * (page.prisoner.name_latin in html)
        if url.startswith("/en/godparents/"):
            assert "Listed Godparent" in html, url
        if found:
            leaks[url] = found
    assert not leaks


def _publish(client, page, *, story: list[str], photo=None):
    """What the page editor posts when an organiser presses Publish."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "prisoner": page.prisoner_id,
        "story": streamfield([("paragraph", rich_text(f"<p>{text}</p>")) for text in story]),
        "action-publish": "publish",
    }
    if photo is not None:
        data["photo"] = photo.pk
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(data), follow=True
    )


@pytest.fixture
def frozen_page(client, make_profile):
    client.force_login(user_with_role(Role.ORGANISER))
    return make_profile(publicity=Publicity.FULL, facility=None, translate_to=(), **RELEASED)


def test_publishing_a_new_story_or_photo_of_a_person_released_in_belarus_is_refused(
    client, frozen_page, photo
):
    for attempt in (
        {"story": [STORY_MARKER, "Home again in Hrodna"]},
        {"story": [STORY_MARKER], "photo": photo},
    ):
        response = _publish(client, frozen_page, **attempt)

        shown = [html.unescape(str(message)).strip() for message in response.context["messages"]]
        assert str(FROZEN_PROFILE_ERROR) in shown
        live = PrisonerPage.objects.get(pk=frozen_page.pk)
        assert "Hrodna" not in str(live.story)
        assert live.photo_id is None
        assert live.has_unpublished_changes  # the draft is kept


def test_a_story_may_be_removed_and_a_confirmed_safe_profile_published(client, frozen_page):
    assert _publish(client, frozen_page, story=[]).status_code == 200
    assert not PrisonerPage.objects.get(pk=frozen_page.pk).story  # less is always allowed

    WhereaboutsFactory(
        prisoner=frozen_page.prisoner,
        situation=Situation.IN_BELARUS,
        country="",
        safe_to_publish=True,
    )
    _publish(client, frozen_page, story=["Home again"])

    assert "Home again" in str(PrisonerPage.objects.get(pk=frozen_page.pk).story)
