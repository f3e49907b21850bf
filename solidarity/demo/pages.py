"""Public profile pages for the first demo prisoners whose publicity allows it, in every locale."""

from django.db import transaction
from django.db.models import Case, When
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.models import PrisonerIndexPage, PrisonerPage
from cms.services import site_setup
from solidarity.prisoners.choices import PUBLIC_PUBLICITY, Publicity
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.selectors import prisoner_profile_frozen

from .portraits import PORTRAIT_LIMIT, demo_portrait
from .prisoners import DEMO_PREFIX

PAGES_MISSING_INDEX = _("The default locale has no prisoner listing page; run site setup first.")
# A short story for Full publicity; every version says the person is fictional.
_STORY = {
    "en": "{name} is a fictional person, invented for this demo site. In letters {pronoun} "
    "enjoys hearing about {interests}. Nothing on this page describes a real case.",
    "be": "{name} — выдуманая асоба, створаная для дэманстрацыі сайта. У лістах любіць "
    "чытаць пра: {interests}. Нічога на гэтай старонцы не апісвае сапраўдную справу.",
    "ru": "{name} — вымышленный человек, созданный для демонстрации сайта. В письмах любит "
    "читать о: {interests}. Ничто на этой странице не описывает реальное дело.",
}


def demo_pages_ensure(*, limit: int) -> int:
    """Give the first `limit` public demo prisoners, Full publicity first, a published page per
    locale, with a drawn portrait for the first `PORTRAIT_LIMIT` Full ones whose profile is not
    frozen after a release; return how many pages
    were created. Existing pages are kept, so a second run creates nothing."""
    home = site_setup()
    index = PrisonerIndexPage.objects.child_of(home).first()
    if index is None:
        raise RuntimeError(PAGES_MISSING_INDEX)
    locales = list(Locale.objects.exclude(pk=index.locale_id).order_by("language_code"))
    full_first = Case(When(publicity=Publicity.FULL, then=0), default=1)
    prisoners = Prisoner.objects.filter(
        external_id__startswith=DEMO_PREFIX, publicity__in=PUBLIC_PUBLICITY
    ).order_by(full_first, "external_id")[: max(limit, 0)]
    created = portraits = 0
    for prisoner in prisoners:
        # A portrait is a new public detail: never on the frozen profile of a person released
        # inside Belarus (docs/domain.md, "After release").
        portrait = (
            prisoner.publicity == Publicity.FULL
            and portraits < PORTRAIT_LIMIT
            and not prisoner_profile_frozen(prisoner=prisoner)
        )
        portraits += portrait
        with transaction.atomic():
            created += _ensure_pages(
                prisoner=prisoner, index=index, locales=locales, portrait=portrait
            )
    return created


def _ensure_pages(
    *, prisoner: Prisoner, index: PrisonerIndexPage, locales: list[Locale], portrait: bool
) -> int:
    created = 0
    photo = demo_portrait(prisoner=prisoner) if portrait else None
    page = PrisonerPage.objects.filter(prisoner=prisoner, locale_id=index.locale_id).first()
    if page is None:
        page = PrisonerPage(
            title=prisoner.name_latin,
            slug=_free_slug(index, slugify(prisoner.name_latin) or prisoner.external_id),
            prisoner=prisoner,
            photo=photo,
            story=_story(prisoner, index.locale.language_code),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    for locale in locales:
        if page.get_translation_or_none(locale) is None:
            translation = page.copy_for_translation(locale)
            translation.title = _title(prisoner, locale.language_code)
            translation.story = _story(prisoner, locale.language_code)
            translation.save_revision().publish()
            created += 1
    if photo is not None:
        _photo_give(prisoner=prisoner, photo=photo)
    return created


def _photo_give(*, prisoner: Prisoner, photo) -> None:
    """Pages made before the demo had portraits get theirs (in every locale: the photo is
    synchronised from the source page)."""
    for page in PrisonerPage.objects.filter(prisoner=prisoner, photo__isnull=True):
        page.photo = photo
        page.save_revision().publish()


def _free_slug(index: PrisonerIndexPage, slug: str) -> str:
    """Namesakes are common: the second Maryia Kalesnikava gets `-2`."""
    taken = set(index.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _title(prisoner: Prisoner, language: str) -> str:
    return {"be": prisoner.name_be, "ru": prisoner.name_ru}.get(language) or prisoner.name_latin


def _story(prisoner: Prisoner, language: str) -> list[dict]:
    if prisoner.publicity != Publicity.FULL:
        return []
    pronoun = "she" if prisoner.gender == "female" else "he"
    text = _STORY.get(language, _STORY["en"]).format(
        name=_title(prisoner, language), pronoun=pronoun, interests=prisoner.interests
    )
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]
