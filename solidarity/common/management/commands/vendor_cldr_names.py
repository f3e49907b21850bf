"""Write the Belarusian catalogues the project ships for packages that have none, from CLDR.

django-countries has no Belarusian catalogue (country names stay English on /be/), and Django's
own Belarusian month names mix the nominative and the genitive and use the classical
orthography ("верасьня"). Unicode CLDR, through `babel`, has both in the standard orthography.

Run it only to regenerate (babel is not a dependency of the site, the catalogues are committed):

    pip install --target /tmp/pylib babel
    PYTHONPATH=/tmp/pylib DEBUG=1 .venv/bin/python manage.py vendor_cldr_names
"""

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import dates, timezone, translation
from django.utils.functional import Promise

LANGUAGE = "be"
HEADER = f"""# {{{{title}}}}, generated from Unicode CLDR {{cldr}} by `manage.py vendor_cldr_names`.
# Do not edit: fix the generator, or the project catalogue in locale/ (which wins).
msgid ""
msgstr ""
"Project-Id-Version: solidarity\\n"
"PO-Revision-Date: {{date}}\\n"
"Last-Translator: Unicode CLDR\\n"
"Language-Team: Belarusian\\n"
"Language: {LANGUAGE}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14)? 2 : 3);\\n"
"""  # noqa: E501  (the plural rule is one string)

# (msgctxt, msgid, msgstr): msgctxt is "" for a plain gettext message.
Entry = tuple[str, str, str]


class Command(BaseCommand):
    help = "Regenerate locale_vendor/{countries,django}/be from CLDR (needs babel installed)."

    def handle(self, *args, **options):
        try:
            from babel import Locale  # type: ignore[import-not-found]  # not a dependency
            from babel.core import get_cldr_version  # type: ignore[import-not-found]
        except ImportError as error:
            raise CommandError("Install babel first (see this command's docstring).") from error
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            raise CommandError("Install gettext (msgfmt) first.")
        cldr = Locale(LANGUAGE)
        header = HEADER.format(
            cldr=get_cldr_version(),
            date=timezone.now().strftime("%Y-%m-%d %H:%M%z"),
            title="{title}",
        )
        root = Path(settings.BASE_DIR) / "locale_vendor"
        for directory, title, entries in (
            ("countries", "Belarusian country names", country_entries(cldr)),
            ("django", "Belarusian month and weekday names", date_entries(cldr)),
        ):
            po = write_catalogue(root / directory, header.format(title=title), entries, msgfmt)
            self.stdout.write(f"{po}: {len(entries)} messages")


def write_catalogue(directory: Path, header: str, entries: list[Entry], msgfmt: str) -> Path:
    messages = directory / LANGUAGE / "LC_MESSAGES"
    messages.mkdir(parents=True, exist_ok=True)
    po = messages / "django.po"
    po.write_text(header + "".join(map(po_entry, entries)), "utf-8")
    # Our own msgfmt on our own files: no untrusted input.
    subprocess.run([msgfmt, "--check", "-o", messages / "django.mo", po], check=True)  # noqa: S603
    return po


def country_entries(cldr) -> list[Entry]:
    """Every name django-countries translates (current, common and old names) by its code."""
    from django_countries.base import CountriesBase
    from django_countries.data import COUNTRIES

    names: list[tuple[str, str | Promise]] = list(COUNTRIES.items())
    names += CountriesBase.COMMON_NAMES.items()
    names += [(code, name) for code, old in CountriesBase.OLD_NAMES.items() for name in old]
    return unique((("", msgid(name), cldr.territories[code]) for code, name in names))


def date_entries(cldr) -> list[Entry]:
    """Django's month and weekday names (django/utils/dates.py) for `F`, `E`, `N`, `b`, `l`, `D`."""
    months, days = cldr.months, cldr.days
    standalone, genitive = months["stand-alone"]["wide"], months["format"]["wide"]
    short = months["stand-alone"]["abbreviated"]
    weekdays, weekdays_short = days["format"]["wide"], days["format"]["abbreviated"]
    entries = []
    for n in range(1, 13):
        entries += [
            ("", msgid(dates.MONTHS[n]), capitalised(standalone[n])),
            ("alt. month", msgid(dates.MONTHS_ALT[n]), genitive[n]),
            ("abbrev. month", msgid(dates.MONTHS_AP[n]), abbreviated(short[n], standalone[n])),
            ("", msgid(dates.MONTHS_3[n]), short[n]),
        ]
    for n in range(7):
        entries += [
            ("", msgid(dates.WEEKDAYS[n]), capitalised(weekdays[n])),
            ("", msgid(dates.WEEKDAYS_ABBR[n]), capitalised(weekdays_short[n])),
        ]
    return unique(entries)


def msgid(name: str | Promise) -> str:
    """The untranslated text of a lazy translation (what the catalogue is keyed on)."""
    with translation.override(None):
        return str(name)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def abbreviated(short: str, full: str) -> str:
    """Associated Press style, as Django's Russian: "Сту.", but "Май" where nothing is cut."""
    return capitalised(short if short == full else f"{short}.")


def unique(entries: Iterable[Entry]) -> list[Entry]:
    """One entry per message; a message that two codes would translate differently is an error."""
    seen: dict[tuple[str, str], str] = {}
    for context, text, translated in entries:
        if seen.setdefault((context, text), translated) != translated:
            raise CommandError(
                f"{text!r} translates as {seen[(context, text)]!r} and {translated!r}"
            )
    return [(context, text, translated) for (context, text), translated in sorted(seen.items())]


def po_entry(entry: Entry) -> str:
    context, text, translated = entry
    context_line = f"msgctxt {quoted(context)}\n" if context else ""
    return f"\n{context_line}msgid {quoted(text)}\nmsgstr {quoted(translated)}\n"


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
