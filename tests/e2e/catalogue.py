""" "No English string" on a page in Belarusian or Russian, checked against the catalogues.

A line of a page is English when it equals (whitespace collapsed) an English msgid of a catalogue
that the page's language has translated differently, or not translated at all. Only known msgids
count, so data (names in Latin spelling, numbers, email addresses) never trips the check. The
English msgids are those of the project's catalogue, of every catalogue in `locale_vendor/`, and
of each catalogue Django searches (its own, each installed app's, `LOCALE_PATHS`); the
translations are Django's merged catalogue for the language plus the `.po` files themselves (so
that a translation present but not compiled still counts as present). A line made of parts
(`Seimas, Lithuania`) is also checked part by part. Msgids with placeholders (`%(name)s`, `%s`,
`{name}`) match as patterns when enough words surround the placeholders (a placeholder may stand
for nothing visible, such as a link's opening tag).

Text marked with another language (`lang="en"` on the language switcher's "English") is exempt:
it is English on purpose.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.utils.translation import trans_real

PROJECT = Path(__file__).resolve().parents[2]
# Catalogues of English msgids, in the order tried for a directory that has no `en` catalogue.
SOURCE_LANGUAGES = ("en", "ru", "de", "fr")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_]*\}")
TAG = re.compile(r"<[^>]+>")
# A pattern msgid must say this much besides its placeholders (else "%(count)s" matches anything).
PATTERN_MIN_LETTERS = 10
# Where a line joins data and words of the catalogues (a godparent's parliament and country).
FRAGMENT_SEPARATORS = re.compile(r", | — | · |; |: | \(|\)")

_COLLECT = """(pageLang) => {
  const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const base = (code) => (code || "").toLowerCase().split("-")[0];
  const foreign = (el) => {
    const marked = el.closest("[lang]");
    return marked && base(marked.lang) !== pageLang;
  };
  const path = (el) => {
    const parts = [];
    while (el && el.nodeType === 1 && el !== document.body && parts.length < 4) {
      let part = el.tagName.toLowerCase();
      if (el.id) { parts.unshift(part + "#" + el.id); break; }
      if (el.classList.length) part += "." + [...el.classList].slice(0, 2).join(".");
      parts.unshift(part);
      el = el.parentElement;
    }
    return parts.join(" > ");
  };
  const skip = new Map();
  for (const el of document.body.querySelectorAll("[lang]")) {
    if (!foreign(el)) continue;
    for (const line of el.innerText.split("\\n")) {
      const text = norm(line);
      if (text) skip.set(text, (skip.get(text) || 0) + 1);
    }
  }
  const items = [{text: norm(document.title), where: "<title>"}];
  for (const line of document.body.innerText.split("\\n")) {
    const text = norm(line);
    if (!text) continue;
    if (skip.get(text)) { skip.set(text, skip.get(text) - 1); continue; }
    items.push({text, where: null});
  }
  const attributes = ["aria-label", "title", "placeholder", "alt"];
  const selector = "[aria-label],[title],[placeholder],[alt],option,"
    + "input[type=submit],input[type=button],input[type=reset]";
  for (const el of document.body.querySelectorAll(selector)) {
    if (foreign(el)) continue;
    for (const name of attributes) {
      if (!el.hasAttribute(name)) continue;
      items.push({text: norm(el.getAttribute(name)), where: `${path(el)} [${name}]`});
    }
    if (el.matches("input")) items.push({text: norm(el.value), where: `${path(el)} [value]`});
    if (el.matches("option")) items.push({text: norm(el.textContent), where: path(el)});
  }
  const lang = document.documentElement.getAttribute("lang");
  return {lang, items: items.filter((item) => item.text)};
}"""

_LOCATE = """([text, pageLang]) => {
  const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const base = (code) => (code || "").toLowerCase().split("-")[0];
  let found = null;
  for (const el of document.body.querySelectorAll("*")) {
    if (el.offsetParent === null && el.tagName !== "BODY") continue;
    const marked = el.closest("[lang]");
    if (marked && base(marked.lang) !== pageLang) continue;
    const inner = [...el.querySelectorAll("[lang]")].filter((d) => base(d.lang) !== pageLang);
    if (inner.some((d) => norm(d.innerText) === text)) continue;
    if (norm(el.innerText) === text || norm(el.innerText).split("\\n").includes(text)) found = el;
  }
  if (!found) return "text";
  const parts = [];
  for (let el = found; el && el !== document.body && parts.length < 4; el = el.parentElement) {
    let part = el.tagName.toLowerCase();
    if (el.id) { parts.unshift(part + "#" + el.id); break; }
    if (el.classList.length) part += "." + [...el.classList].slice(0, 2).join(".");
    parts.unshift(part);
  }
  return parts.join(" > ");
}"""


def normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class EnglishString:
    """An English msgid shown on a page in another language, and where."""

    text: str
    msgid: str
    where: str
    translation: str  # what the catalogue says instead ("" when the language has none)

    def describe(self) -> str:
        instead = f"catalogue: {self.translation!r}" if self.translation else "not translated"
        msgid = "" if self.msgid == self.text else f", msgid {self.msgid!r}"
        return f"{self.text!r} at {self.where} ({instead}{msgid})"


@dataclass(frozen=True)
class Catalogue:
    """The English msgids of a language's catalogues, each with its translations there."""

    language: str
    translations: dict[str, frozenset[str]]  # English msgid → its translations (maybe none)
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # msgids with placeholders

    def english(self, text: str) -> str | None:
        """The msgid `text` shows untranslated, or None when it is not an English msgid."""
        text = normalise(text)
        # A form label carries Django's label suffix: "Password (again):".
        for candidate in dict.fromkeys((text, text.removesuffix(":").rstrip())):
            if candidate in self.translations:
                return None if candidate in self.translations[candidate] else candidate
        if not re.search(r"[A-Za-z]{2}", text):
            return None
        for pattern, msgid in self.patterns:
            if pattern.fullmatch(text):
                return msgid
        return None

    def translation_of(self, msgid: str) -> str:
        return " | ".join(sorted(self.translations.get(msgid, ())))


def _clean(msgid: str) -> str:
    return normalise(TAG.sub("", msgid)).replace("%%", "%")


def _app_locale_dirs() -> list[Path]:
    """The directories Django searches for catalogues: its own, each app's, LOCALE_PATHS."""
    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    dirs += [Path(path) for path in settings.LOCALE_PATHS]
    return [path for path in dirs if path.is_dir()]


def _vendor_catalogues(language: str) -> list[Path]:
    return sorted(PROJECT.glob(f"locale_vendor/*/{language}/LC_MESSAGES/*.po"))


def _source_msgids(directory: Path) -> set[str]:
    """Every msgid of a catalogue directory (its English catalogue lists all of them)."""
    for code in SOURCE_LANGUAGES:
        po = directory / code / "LC_MESSAGES" / "django.po"
        if po.is_file():
            msgids: set[str] = set()
            for entry in polib.pofile(str(po)):
                msgids.update(filter(None, (entry.msgid, entry.msgid_plural)))
            return msgids
    return set()


def _po_translations(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags:
            found.setdefault(entry.msgid, set())
            continue
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            found[msgid].update(text for text in texts if text)
    return found


def _django_translations(language: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for key, text in trans_real.translation(language)._catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        found[msgid.split("\x04", 1)[-1]].add(text)
    return found


@cache
def catalogue(language: str) -> Catalogue:
    """Everything an English line on a page in `language` could be, built once per session."""
    msgids: set[str] = set()
    for directory in _app_locale_dirs():
        msgids |= _source_msgids(directory)
    translations: dict[str, set[str]] = defaultdict(set)
    for msgid, texts in _django_translations(language).items():
        translations[msgid] |= texts
    po_files = [PROJECT / "locale" / language / "LC_MESSAGES" / "django.po"]
    for po in [*po_files, *_vendor_catalogues(language)]:
        if po.is_file():
            for msgid, texts in _po_translations(po).items():
                msgids.add(msgid)
                translations[msgid] |= texts
    exact: dict[str, set[str]] = defaultdict(set)
    patterns: dict[str, re.Pattern[str]] = {}
    for msgid in msgids:
        clean = _clean(msgid)
        if not re.search(r"[A-Za-z]{2}", clean):
            continue
        if PLACEHOLDER.search(clean):
            literal = PLACEHOLDER.sub("", clean)
            kept = clean in {_clean(text) for text in translations.get(msgid, ())}
            if sum(char.isalpha() for char in literal) >= PATTERN_MIN_LETTERS and not kept:
                parts = [re.escape(part) for part in PLACEHOLDER.split(clean)]
                patterns.setdefault(clean, re.compile(".*?".join(parts)))
            continue
        exact[clean] |= {_clean(text) for text in translations.get(msgid, ())}
    return Catalogue(
        language=language,
        translations={msgid: frozenset(texts) for msgid, texts in exact.items()},
        patterns=tuple((pattern, msgid) for msgid, pattern in sorted(patterns.items())),
    )


def english_strings(page, language: str) -> list[EnglishString]:
    """The English msgids shown on the page, which must be in `language` (be or ru)."""
    collected = page.evaluate(_COLLECT, language)
    assert collected["lang"] == language, (
        f'<html lang="{collected["lang"]}"> on {page.url}, which should be in {language}'
    )
    known = catalogue(language)
    found: dict[tuple[str, str], EnglishString] = {}
    for item in collected["items"]:
        msgid = known.english(item["text"])
        if msgid is None:
            # A msgid inside a line of data: "Seimas, Lithuania", "Ona — Seimas, Lithuania".
            fragments = (known.english(part) for part in FRAGMENT_SEPARATORS.split(item["text"]))
            msgid = next((fragment for fragment in fragments if fragment), None)
        if msgid is None:
            continue
        where = item["where"] or page.evaluate(_LOCATE, [item["text"], language])
        found.setdefault(
            (item["text"], where),
            EnglishString(
                text=item["text"],
                msgid=msgid,
                where=where,
                translation=known.translation_of(msgid),
            ),
        )
    return list(found.values())


def assert_no_english(page, language: str, *, ignore: frozenset[str] = frozenset()) -> None:
    """Fail with each English line and where it is; `ignore` lists msgids known to be fixed."""
    found = [item for item in english_strings(page, language) if item.msgid not in ignore]
    assert not found, f"English on {page.url} ({language}):\n" + "\n".join(
        f"    {item.describe()}" for item in found
    )
