"""allauth ships no Belarusian: our own catalogue (locale_vendor/allauth) translates it."""

from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.utils import translation

ALLAUTH_LOCALE = Path(allauth.__file__).parent / "locale"
VENDOR = settings.BASE_DIR / "locale_vendor" / "allauth"
# The allauth apps this site installs, and their templates: what a user of the account pages meets.
USED = ("account/", "mfa/", "usersessions/", "templates/account/", "templates/mfa/")
USED += ("templates/allauth/", "templates/usersessions/")


def allauth_msgids_used() -> set[tuple[str | None, str]]:
    """Every msgid of the installed allauth's installed apps (its Russian catalogue is complete)."""
    catalogue = polib.pofile(str(ALLAUTH_LOCALE / "ru" / "LC_MESSAGES" / "django.po"))
    return {
        (entry.msgctxt, entry.msgid)
        for entry in catalogue
        if not entry.obsolete and any(path.startswith(USED) for path, _ in entry.occurrences)
    }


def test_every_allauth_msgid_of_the_account_pages_has_a_belarusian_translation():
    ours = polib.pofile(str(VENDOR / "be" / "LC_MESSAGES" / "django.po"))
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in ours
        if entry.translated() and "fuzzy" not in entry.flags
    }
    missing = allauth_msgids_used() - translated
    assert len(allauth_msgids_used()) > 250  # the account, mfa and usersessions strings
    assert not missing, f"translate these in {VENDOR}/be (locale_vendor/README.md): {missing}"


def test_allauth_has_still_no_belarusian_of_its_own_so_the_vendor_catalogue_is_needed():
    assert not (ALLAUTH_LOCALE / "be").exists()


def test_the_vendor_catalogue_is_loaded_after_ours():
    assert settings.LOCALE_PATHS.index(VENDOR) > settings.LOCALE_PATHS.index(
        settings.BASE_DIR / "locale"
    )
    title, label = "Two-Factor Authentication", "Login"  # not literals: makemessages skips them
    with translation.override("be"):
        assert translation.gettext(title) == "Двухфактарная аўтэнтыфікацыя"
        assert translation.pgettext("field label", label) == "Уваход"


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_compiled_catalogue_matches_its_source(language):
    """The .mo is what Django reads: one compiled from an older .po would hide new entries."""
    source = polib.pofile(str(VENDOR / language / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(VENDOR / language / "LC_MESSAGES" / "django.mo"))
    assert {e.msgid for e in source.translated_entries()} == {e.msgid for e in compiled}


def test_the_russian_corrections_win_over_allauth_s_own_catalogue():
    """allauth's ru catalogue has a few wrong entries ("Request Code" as "the request's code")."""
    label = "Request Code"  # not a literal: makemessages would take it
    with translation.override("ru"):
        assert translation.gettext(label) == "Запросить код"
