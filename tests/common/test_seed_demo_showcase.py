"""The demo shows the real thing: drawn portraits on Full profiles (so that photos and
renditions are seen) and an announcement page in every language, without duplicates."""

import datetime

import pytest
from django.db import transaction
from django.test import override_settings
from wagtail.images import get_image_model

from cms.models import AnnouncementPage, PrisonerPage
from solidarity.demo.builder import DemoSize, demo_reset, demo_seed
from solidarity.demo.portraits import COLLECTION_NAME, PORTRAIT_SIZE
from solidarity.prisoners.choices import Publicity

pytestmark = pytest.mark.django_db
ANCHOR = datetime.date(2026, 1, 15)
SIZE = DemoSize(prisoners=40, godparents=12, letters=20, actions=5)


def build(pages: int = 4):
    return demo_seed(size=SIZE, seed=3, anchor=ANCHOR, pages=pages)


def portraits():
    return get_image_model().objects.filter(collection__name=COLLECTION_NAME)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, built once for the module; each test runs in a savepoint inside it."""
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build()
        transaction.set_rollback(True)


def test_full_profiles_get_a_drawn_portrait_in_every_locale(built, client):
    pages = PrisonerPage.objects.live().select_related("prisoner", "photo")
    with_photo = pages.filter(photo__isnull=False)
    assert with_photo.count() >= 3  # one prisoner at least, in en, be and ru
    assert not with_photo.exclude(prisoner__publicity=Publicity.FULL).exists()
    image = with_photo.first().photo
    assert (image.width, image.height) == PORTRAIT_SIZE
    assert image.collection.name == COLLECTION_NAME
    page = with_photo.filter(locale__language_code="be").first()
    html = client.get(page.url).content.decode()
    assert "profile__photo" in html  # rendered through renditions, as a real photo would be


def test_the_demo_announces_its_godparenthoods_in_three_languages(built, client):
    pages = AnnouncementPage.objects.live().select_related("locale")
    assert {page.locale.language_code for page in pages} == {"en", "be", "ru"}
    titles = {page.locale.language_code: page.title for page in pages}
    assert titles["be"] == "Новыя хросныя за год"
    assert len({page.translation_key for page in pages}) == 1
    assert client.get(pages.get(locale__language_code="ru").url).status_code == 200


def test_a_second_run_duplicates_neither_portraits_nor_pages(built):
    counts = (portraits().count(), AnnouncementPage.objects.count(), PrisonerPage.objects.count())
    again = build()
    assert again.pages_created == 0
    assert counts == (
        portraits().count(),
        AnnouncementPage.objects.count(),
        PrisonerPage.objects.count(),
    )


def test_reset_removes_the_portraits_and_the_announcement(built):
    demo_reset()
    assert not portraits().exists()
    assert not AnnouncementPage.objects.exists()
