"""The censor-safety check: which words of a letter a colony's censor is likely to stop.

Pure functions over text and a list of rules, so that the check is the same in the composer,
in the tests and in the seed content's own test. Rules come from the defenders' list
(`CensorTerm`, three languages); two checks need no list: Latin letters in a Cyrillic letter
(foreign words are withheld) and abbreviations (a censor reads them as a code).

Matching is on words, case-insensitive, with "ё" read as "е" and the Belarusian/Ukrainian
apostrophes made one:

- ``stem``: a word that begins with the term ("свобод" finds "свободы", "свободный");
- ``word``: exactly the term, or the terms' words in a row ("political prisoner");
- ``pattern``: a regular expression matched against each word (and, if it holds a space,
  against the whole text), for the forms a stem would over-match ("суд(а|е|ом)?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Letters of a word: Cyrillic (Russian and Belarusian), Latin with diacritics, digits; an
# apostrophe or hyphen inside a word keeps it one word ("п'еса", "по-моему").
_WORD = re.compile(r"[^\W_](?:[^\W_]|['’ʼ\-](?=[^\W_]))*")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_CYRILLIC = re.compile(r"[Ѐ-ӿ]")
# "т.е.", "и т.д.", "т.к.", "e.g.": letters and dots, at least two dotted parts.
_DOTTED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]{1,3}\.){2,}")
# Pattern rules run on a bounded text (the composer limits free text), but a defender's
# expression could still be slow: each pattern gets this many characters of text at most.
MAX_TEXT = 5000

STEM = "stem"
WORD = "word"
PATTERN = "pattern"
LATIN = "latin"
MIXED = "mixed"
ABBREVIATION = "abbreviation"


def normalise(text: str) -> str:
    """Casefolded, "ё" as "е", one apostrophe: the form both rules and text are compared in."""
    return text.casefold().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


@dataclass(frozen=True)
class Rule:
    """One entry of the defenders' list, ready to match: `reason` is what the writer reads."""

    term: str
    kind: str
    reason: str
    language: str = ""

    def compiled(self) -> re.Pattern[str]:
        """The rule as one expression over the normalised text."""
        term = normalise(self.term.strip())
        if self.kind == PATTERN:
            return re.compile(rf"(?<![^\W_])(?:{term})(?![^\W_])")
        words = [re.escape(word) for word in term.split()]
        tail = r"[^\W_]*" if self.kind == STEM else ""
        return re.compile(r"(?<![^\W_])" + r"\s+".join(words) + tail + r"(?![^\W_])")


@dataclass(frozen=True)
class Flag:
    """A place in the text to change: the words as written, why, and where (for highlighting)."""

    text: str
    kind: str
    reason: str
    start: int
    end: int
    term: str = ""


def pattern_error(pattern: str) -> str:
    """Why a defender's pattern cannot be used ("" when it can)."""
    try:
        re.compile(normalise(pattern))
    except re.error as error:
        return str(error)
    if re.fullmatch(normalise(pattern), ""):
        return "matches an empty text"
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
    like a cipher). A place that several rules find is flagged once, by the first rule.
    """
    text = text[:MAX_TEXT]
    folded = normalise(text)
    if len(folded) != len(text):  # casefold changed lengths ("ß"): positions by the original
        folded = text.lower().replace("ё", "е")
    flags: list[Flag] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, reason: str, term: str = "") -> None:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            return
        taken.append((start, end))
        flags.append(Flag(text[start:end], kind, reason, start, end, term))

    for rule in rules:
        for found in rule.compiled().finditer(folded):
            add(found.start(), found.end(), rule.kind, rule.reason, rule.term)
    for found in _DOTTED.finditer(text):
        add(found.start(), found.end(), ABBREVIATION, abbreviation_reason)
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
