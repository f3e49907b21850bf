r"""The censor-safety check: which words of a letter a colony's censor is likely to stop.

Pure functions over text and a list of rules (gettext only for the admin's messages), so that the
check is the same in the composer, in the tests and in the seed content's own test. Rules come
from the defenders' list (`CensorTerm`, three languages); two checks need no list: Latin letters
in a Cyrillic letter (foreign words are withheld) and abbreviations (a censor reads them as a
code).

Matching is on words, case-insensitive, with "ё" read as "е" and the Belarusian/Ukrainian
apostrophes made one:

- ``stem``: a word that begins with the term ("свобод" finds "свободы", "свободный");
- ``word``: exactly the term, or the terms' words in a row ("political prisoner");
- ``pattern``: a regular expression matched against each whole word (against the text when
  it spans words: it holds a space or ``\s``), for the forms a stem would over-match
  ("суд(а|е|ом)?"). Patterns run with the `regex` engine and a time limit: a defender's
  expression that backtracks without end is stopped and skipped, never a hung page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Letters of a word: Cyrillic (Russian and Belarusian), Latin with diacritics, digits; an
# apostrophe or hyphen inside a word keeps it one word ("п'еса", "по-моему").
_WORD = re.compile(r"[^\W_](?:[^\W_]|['’ʼ\-](?=[^\W_]))*")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_CYRILLIC = re.compile(r"[Ѐ-ӿ]")
# "т.е.", "и т.д.", "e.g.": letters and dots, at least two dotted parts; and the same typed
# with spaces ("т. е.", "и т. д."), lower-case parts of one or two letters only, so that two
# short sentences ("Да. Но…") are not taken for one.
_LOWER = "[a-zа-яёіў]"
_DOTTED = re.compile(
    r"(?<![^\W\d_])(?:"
    r"(?:[^\W\d_]{1,3}\.){2,}"
    rf"|{_LOWER}{{1,2}}\.(?:[ \u00a0]{_LOWER}{{1,2}}\.)+"
    r")"
)
# The bounded text a check reads (the composer limits free text well below it).
MAX_TEXT = 5000
# How long one defender's pattern may run over one letter, in seconds.
PATTERN_SECONDS = 0.05

STEM = "stem"
WORD = "word"
PATTERN = "pattern"
LATIN = "latin"
MIXED = "mixed"
ABBREVIATION = "abbreviation"

_SAME = {"ё": "е", "’": "'", "ʼ": "'"}


def _fold(char: str) -> str:
    folded = char.casefold()
    if len(folded) != 1:  # "ß" → "ss", "İ" → "i̇": keep one character, so positions hold
        folded = char.lower() if len(char.lower()) == 1 else char
    return _SAME.get(folded, folded)


def normalise(text: str) -> str:
    """Case folded, "ё" as "е", one apostrophe, character by character: the normalised text
    has the length of the original, so a flag's place is the place in what was written."""
    return "".join(_fold(char) for char in text)


def _pattern_source(pattern: str) -> str:
    """A pattern as it runs: its letters are matched case-insensitively (the engine does it:
    folding the pattern itself would turn "\\S" into "\\s"), "ё" and apostrophes as in text."""
    source = pattern.strip()
    for written, read in {**_SAME, "Ё": "Е"}.items():
        source = source.replace(written, read)
    return source


_PATTERN_FLAGS = regex.IGNORECASE | regex.V0


@dataclass(frozen=True)
class Rule:
    """One entry of the defenders' list, ready to match: `reason` is what the writer reads."""

    term: str
    kind: str
    reason: str
    language: str = ""

    @property
    def spans_words(self) -> bool:
        source = _pattern_source(self.term)
        return " " in source or "\\s" in source

    def compiled(self) -> re.Pattern[str]:
        """A stem or a word as one expression over the normalised text."""
        words = [re.escape(word) for word in normalise(self.term.strip()).split()]
        tail = r"[^\W_]*" if self.kind == STEM else ""
        return re.compile(r"(?<![^\W_])" + r"\s+".join(words) + tail + r"(?![^\W_])")

    def pattern(self) -> regex.Pattern[str]:
        """A pattern rule: over the whole text (word-bounded) when it spans words, else to be
        matched whole against one word."""
        source = _pattern_source(self.term)
        if self.spans_words:
            source = rf"(?<![^\W_])(?:{source})(?![^\W_])"
        return regex.compile(source, _PATTERN_FLAGS)

    def places(self, folded: str) -> Iterator[tuple[int, int]]:
        """Where the rule finds something in the normalised text."""
        if self.kind != PATTERN:
            for found in self.compiled().finditer(folded):
                yield found.start(), found.end()
            return
        pattern = self.pattern()
        if self.spans_words:
            for spanned in pattern.finditer(folded, timeout=PATTERN_SECONDS):
                yield spanned.start(), spanned.end()
            return
        for word in _WORD.finditer(folded):
            if pattern.fullmatch(folded, word.start(), word.end(), timeout=PATTERN_SECONDS):
                yield word.start(), word.end()


@dataclass(frozen=True)
class Flag:
    """A place in the text to change: the words as written, why, and where (for highlighting)."""

    text: str
    kind: str
    reason: str
    start: int
    end: int
    term: str = ""


# Texts on which a pattern that backtracks without end shows it (the time limit stops it).
_SLOW_PROBES = ("а" * 40 + "!", "a" * 40 + "!", "аб" * 20 + "!", "а " * 30 + "!")


def pattern_error(pattern: str) -> str:
    """Why a defender's pattern cannot be used ("" when it can): it does not compile (as the
    check runs it), it matches an empty text, or it runs too long on a short text."""
    rule = Rule(term=pattern, kind=PATTERN, reason="")
    try:
        compiled = rule.pattern()
    except (regex.error, re.error, OverflowError) as error:
        return str(error)
    if regex.fullmatch(_pattern_source(pattern), "", _PATTERN_FLAGS):
        return _("it matches an empty text")
    for probe in _SLOW_PROBES:
        try:
            list(compiled.finditer(probe, timeout=PATTERN_SECONDS * 4))
            for word in _WORD.finditer(probe):
                compiled.fullmatch(probe, word.start(), word.end(), timeout=PATTERN_SECONDS * 4)
        except TimeoutError:
            return _("it can take very long on some texts (a repeated choice or group)")
    return ""


def check(
    text: str,
    rules: Iterable[Rule],
    *,
    cyrillic: bool = True,
    latin_reason: str = "",
    mixed_reason: str = "",
    abbreviation_reason: str = "",
) -> list[Flag]:
    """Every place in `text` the censor may stop, in the order of the text, one flag per place.

    `cyrillic` says the letter is in Russian or Belarusian: then any Latin letter is flagged
    (a word of mixed letters, such as a Latin "о" inside a Russian word, separately: it looks
    like a cipher). A place that several rules find is flagged once, by the first rule. A rule
    that cannot run (saved around the admin's check) or runs out of time is skipped and logged:
    the writer still gets every other flag.
    """
    text = text[:MAX_TEXT]
    folded = normalise(text)
    flags: list[Flag] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, reason: str, term: str = "") -> None:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            return
        taken.append((start, end))
        flags.append(Flag(text[start:end], kind, reason, start, end, term))

    for found in _DOTTED.finditer(text):
        add(found.start(), found.end(), ABBREVIATION, abbreviation_reason)
    for rule in rules:
        try:
            for start, end in rule.places(folded):
                add(start, end, rule.kind, rule.reason, rule.term)
        except (regex.error, re.error, TimeoutError, OverflowError) as error:
            logger.warning("Censor rule %r skipped: %s", rule.term, type(error).__name__)
    for found in _WORD.finditer(text):
        word = found.group()
        letters = [char for char in word if char.isalpha()]
        if cyrillic and _LATIN.search(word):
            mixed = bool(_CYRILLIC.search(word))
            add(
                found.start(),
                found.end(),
                MIXED if mixed else LATIN,
                mixed_reason if mixed else latin_reason,
            )
        elif len(letters) >= 2 and all(char.isupper() for char in letters):
            add(found.start(), found.end(), ABBREVIATION, abbreviation_reason)
    return sorted(flags, key=lambda flag: flag.start)
