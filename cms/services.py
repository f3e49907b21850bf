"""Idempotent set-up of the public site: locales, a page tree per locale, role page permissions."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, Role
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.selectors import prisoner_profile_frozen

from .models import (
    GodparentIndexPage,
    HomePage,
    ParliamentRegisterPage,
    PrisonerIndexPage,
    PrisonerPage,
    StandardPage,
)
from .site_content import (
    HOME_CALL_TO_ACTION,
    HOME_HEADLINE,
    SITE_PAGES,
    SitePageText,
    body_data,
    home_key_points,
)

PAGE_PERMISSIONS = {
    Role.DEFENDER: ("add_page", "change_page", "lock_page"),
    Role.ORGANISER: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
HOME_INTRO = _("Parliamentarians stand by Belarusian political prisoners as symbolic godparents.")
COLLECTION_PERMISSIONS = {
    Role.DEFENDER: (
        "add_image", "change_image", "choose_image",
        "add_document", "change_document", "choose_document",
    ),
    Role.ORGANISER: (
        "add_image", "change_image", "delete_image", "choose_image",
        "add_document", "change_document", "delete_document", "choose_document",
    ),
}  # fmt: skip


NOT_PUBLIC_ERROR = _(
    "This prisoner's publicity is None: the family has not agreed to publication, so the "
    "profile cannot be published. Change the record's publicity first."
)

FROZEN_PROFILE_ERROR = _(
    "This person was released inside Belarus: anything new published about them can hurt them "
    "or their family. A new photo or story is not published until a defender confirms, in "
    "Whereabouts after release, that new details are safe. Your draft is saved."
)


def prisoner_page_adds_to_frozen_profile(*, page: PrisonerPage) -> bool:
    """Whether publishing `page` (a draft) would add a photo or a story to the frozen profile
    of a person released inside Belarus (`prisoner_profile_frozen`).

    The profile already hides them; refusing at publication keeps a later confirmation from
    revealing what an editor added while the person was at risk without anyone looking again.
    Taking a photo or a story away is always allowed.
    """
    if not prisoner_profile_frozen(prisoner=page.prisoner):
        return False
    live = PrisonerPage.objects.filter(pk=page.pk, live=True).first() if page.pk else None
    new_photo = page.photo_id is not None and page.photo_id != (live.photo_id if live else None)
    story = page.story.get_prep_value() if page.story else []
    old_story = live.story.get_prep_value() if live and live.story else []
    new_story = bool(story) and _story_text(story) != _story_text(old_story)
    return new_photo or new_story


def _story_text(blocks: list) -> list:
    """A StreamField's blocks without their ids (which change on every save)."""
    return [(block.get("type"), block.get("value")) for block in blocks]


def prisoner_pages_enforce_publicity(*, prisoner: Prisoner, user: User | None = None) -> int:
    """Unpublish every locale's profile of a record whose publicity is None; return how many.

    Families may withdraw consent (for instance after a pardon): the profile must disappear
    from public view at once, everywhere.
    """
    if prisoner.is_public:
        return 0
    with transaction.atomic():
        pages = list(PrisonerPage.objects.live().filter(prisoner=prisoner))
        for page in pages:
            page.unpublish(user=user)
    return len(pages)


def site_setup() -> HomePage:
    """Give every content locale a live home page, prisoner listing, godparent listing, the
    parliaments register and the
    footer's pages (how it works, questions and answers, about us, contact, privacy policy);
    return the default home.

    Safe to run on every `make run`: existing pages are kept as they are; a home page only gets
    the first-screen texts it lacks.
    """
    with transaction.atomic():
        locales = [
            Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        ]
        with override(Locale.get_default().language_code):
            home = _default_home()
            index = _child_index(home)
            godparents = _child_godparent_index(home)
            register = _child_parliament_register(home)
            site_pages = [_child_site_page(home, text) for text in SITE_PAGES]
        for locale in locales:
            if locale.pk != home.locale_id:
                _translate(
                    home,
                    locale,
                    title=_("Solidarity"),
                    intro=HOME_INTRO,
                    headline=HOME_HEADLINE,
                    key_points=home_key_points,
                    call_to_action=HOME_CALL_TO_ACTION,
                )
                _translate(index, locale, title=_("Prisoners"))
                _translate(godparents, locale, title=_("Godparents"))
                _translate(register, locale, title=_("Parliaments"))
                for page, text in zip(site_pages, SITE_PAGES, strict=True):
                    _translate_site_page(page, locale, text)
        for locale_home in HomePage.objects.filter(locale__in=locales).select_related("locale"):
            _home_first_screen_fill(locale_home)
        _site_address_from_settings()
        _grant_role_permissions()
        _ensure_review_workflow()
    return home


def _site_address_from_settings() -> None:
    """The default site answers at SITE_URL's host and port, so that the sitemap and every
    absolute page URL name the address people really use, as the links in emails do."""
    address = urlsplit(settings.SITE_URL)
    if not address.hostname:
        return
    default_port = 443 if address.scheme == "https" else 80
    site = Site.objects.filter(is_default_site=True).first()
    port = address.port or default_port
    if site is not None and (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save()  # Wagtail's signal clears its cache of site root paths


def _default_home() -> HomePage:
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title=str(_("Solidarity")),
            slug="solidarity",
            locale=locale,
            intro=str(HOME_INTRO),
            headline=str(HOME_HEADLINE),
            key_points=home_key_points(),
            call_to_action=str(HOME_CALL_TO_ACTION),
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Solidarity"
        )
        return home
    welcome = site.root_page
    site.root_page = home
    site.site_name = "Solidarity"
    site.save()
    if type(welcome.specific) is Page:  # Wagtail's placeholder "Welcome" page
        welcome.delete()
    return home


def _child_index(home: HomePage) -> PrisonerIndexPage:
    index = PrisonerIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=PrisonerIndexPage(title=str(_("Prisoners")), slug="prisoners")
        )
    return index


def _child_godparent_index(home: HomePage) -> GodparentIndexPage:
    index = GodparentIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=GodparentIndexPage(title=str(_("Godparents")), slug="godparents")
        )
    return index


def _child_parliament_register(home: HomePage) -> ParliamentRegisterPage:
    register = ParliamentRegisterPage.objects.child_of(home).first()
    if register is None:
        register = home.add_child(
            instance=ParliamentRegisterPage(title=str(_("Parliaments")), slug="parliaments")
        )
    return register


def _home_first_screen_fill(home: HomePage) -> None:
    """Give a home page the first-screen texts it lacks, in its own language.

    A home with an editor's unpublished draft is left alone: publishing from here would throw
    the draft away.
    """
    if home.has_unpublished_changes:
        return
    with override(home.locale.language_code):
        missing = {
            "headline": str(HOME_HEADLINE) if not home.headline else None,
            "key_points": home_key_points() if not home.key_points else None,
            "call_to_action": str(HOME_CALL_TO_ACTION) if not home.call_to_action else None,
        }
    missing = {field: value for field, value in missing.items() if value is not None}
    if not missing:
        return
    for field, value in missing.items():
        setattr(home, field, value)
    home.save_revision().publish()


def _child_site_page(home: HomePage, text: SitePageText) -> StandardPage:
    """The home's page playing `text.role` (whatever an editor made of it), else a new one."""
    page = StandardPage.objects.child_of(home).filter(site_role=text.role).first()
    if page is not None:
        return page
    return _site_page_add(home, text, slug=_free_child_slug(home, text.slug))


def _site_page_add(parent: HomePage, text: SitePageText, **fields) -> StandardPage:
    """A live page written in the active language.

    Created live, without a revision, as Wagtail's own first pages are: `setup_site` runs at
    every start-up and in every test's site, and fifteen publications would cost seconds.
    """
    now = timezone.now()
    return parent.add_child(
        instance=StandardPage(
            title=str(text.title),
            site_role=text.role,
            body=body_data(text.body, contact_email=settings.CONTACT_EMAIL),
            first_published_at=now,
            last_published_at=now,
            **fields,
        )
    )


def _free_child_slug(parent: Page, slug: str) -> str:
    """An editor may already have a page at `about/`: ours becomes `about-2/`."""
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _translate_site_page(page: StandardPage, locale: Locale, text: SitePageText) -> None:
    """A live translation of a footer page, written in that language, unless one exists (an
    editor's translation, published or not, is theirs).

    The same `translation_key` as the source is what makes it a translation (what
    `copy_for_translation` does, without a draft revision to publish).
    """
    if page.get_translation_or_none(locale) is not None:
        return
    parent = page.get_parent().get_translation(locale)
    with override(locale.language_code):
        _site_page_add(
            parent,
            text,
            slug=_free_child_slug(parent, page.slug),
            locale=locale,
            translation_key=page.translation_key,
        )


def _translate(page: Page, locale: Locale, **texts) -> Page:
    """The page's translation, created with its texts in that language when it is missing."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        with override(locale.language_code):
            for field, text in texts.items():
                # Lazy texts, or a function for structured values (StreamField data).
                setattr(translation, field, text() if callable(text) else str(text))
        translation.save()
    if not translation.live:
        translation.save_revision().publish()
    return translation


def _grant_role_permissions() -> None:
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=GROUP_NAMES[role])
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )
    for role, codenames in COLLECTION_PERMISSIONS.items():
        group = Group.objects.get(name=GROUP_NAMES[role])
        for codename in codenames:
            permission = Permission.objects.get(codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


REVIEW_WORKFLOW = "Profile review"
REVIEW_TASK = "Organiser review"


def _ensure_review_workflow() -> Workflow:
    """Defenders submit, an organiser approves and publishes: on every page of the site."""
    organisers = Group.objects.get(name=GROUP_NAMES[Role.ORGANISER])
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([organisers])
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    return workflow
