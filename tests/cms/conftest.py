"""Fixtures for the public site: listings per locale and prisoner profiles with translations."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from cms.models import PrisonerIndexPage, PrisonerPage
from solidarity.prisoners.choices import Publicity
from tests.factories import ChargeFactory, CriminalArticleFactory, PrisonerFactory

STORY_MARKER = "STORY-MARKER-the-editorial-story"


@pytest.fixture
def listings(site):
    """The prisoner listing of every locale, by language code."""
    return {
        page.locale.language_code: page
        for page in PrisonerIndexPage.objects.select_related("locale")
    }


@pytest.fixture
def photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 50), "#888").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="portrait", file=ImageFile(buffer, name="portrait.png")
    )


@pytest.fixture
def make_profile(listings):
    """Create a record and its live profile in English, translated into `translate_to`."""

    def make(*, publicity=Publicity.BASIC, translate_to=("be", "ru"), photo=None, **fields):
        prisoner = PrisonerFactory(publicity=publicity, **fields)
        ChargeFactory(
            prisoner=prisoner,
            article=CriminalArticleFactory(
                number="342", title_en="Group actions grossly violating public order"
            ),
        )
        page = listings["en"].add_child(
            instance=PrisonerPage(
                title=prisoner.name_latin,
                slug=f"prisoner-{prisoner.pk}",
                prisoner=prisoner,
                photo=photo,
                story=[("paragraph", f"<p>{STORY_MARKER}</p>")],
            )
        )
        for code in translate_to:
            translation = page.copy_for_translation(Locale.objects.get(language_code=code))
            translation.save_revision().publish()
        return page

    return make
