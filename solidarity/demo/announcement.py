"""A demo announcement of the godparenthoods accepted over the last year, in every locale."""

import datetime

from django.db import transaction
from wagtail.models import Locale

from cms.models import AnnouncementPage, HomePage

ANNOUNCEMENT_SLUG = "new-godparents"
ANNOUNCEMENT_DAYS = 365
# Titles and introductions per language; every version says the data is invented.
_TEXTS = {
    "en": (
        "New godparents this year",
        "Parliamentarians who became symbolic godparents over the last twelve months. "
        "Everyone named on this demo site is fictional.",
    ),
    "be": (
        "Новыя хросныя за год",
        "Парламентарыі, якія за апошнія дванаццаць месяцаў сталі сімвалічнымі хроснымі. "
        "Усе асобы на гэтым дэманстрацыйным сайце выдуманыя.",
    ),
    "ru": (
        "Новые крёстные за год",
        "Парламентарии, ставшие символическими крёстными за последние двенадцать месяцев. "
        "Все люди на этом демонстрационном сайте вымышлены.",
    ),
}


@transaction.atomic
def demo_announcement_ensure(*, anchor: datetime.date) -> int:
    """Publish the announcement under each locale's home unless it exists; return how many
    pages were created."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return 0
    created = 0
    page = AnnouncementPage.objects.child_of(home).filter(slug=ANNOUNCEMENT_SLUG).first()
    if page is None:
        title, intro = _texts(home.locale.language_code)
        page = AnnouncementPage(
            title=title,
            slug=ANNOUNCEMENT_SLUG,
            intro=f"<p>{intro}</p>",
            period_start=anchor - datetime.timedelta(days=ANNOUNCEMENT_DAYS),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    for locale in Locale.objects.exclude(pk=home.locale_id):
        if page.get_translation_or_none(locale) is None and home.get_translation_or_none(locale):
            title, intro = _texts(locale.language_code)
            translation = page.copy_for_translation(locale)
            translation.title, translation.intro = title, f"<p>{intro}</p>"
            translation.save_revision().publish()
            created += 1
    return created


def _texts(language: str) -> tuple[str, str]:
    return _TEXTS.get(language, _TEXTS["en"])
