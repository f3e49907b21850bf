"""Reading the charges cell in every notation the defenders' list uses.

The Russian and Belarusian versions abbreviate (`ч.1 ст.342 УК`, `ч.1 арт.342 КК`, `ст. 361-1`,
`342 ч.1`); the English version writes prose with the article's title after a dash (`Part 2 of
Art. 285 of the Criminal Code — …`, `Part 1 of Article 13 and Article 293 of the Criminal Code —
Preparation for mass riots`). Charges are separated by `;`, `,` or new lines. What cannot be
read is returned verbatim so that the import keeps it as the published charge, with a warning,
instead of refusing the row (docs/import.md).
"""

import functools
import re
from dataclasses import dataclass, field

# Articles 13 (preparation) and 14 (attempt) of the General Part combine with the main article:
# a title written after such a combination describes the combination, not either article.
GENERAL_PART_ARTICLES = frozenset({"13", "14"})

_NUMBER = r"(\d{1,3}(?:-\d{1,2})?)(?![\d-])"
# Not right after a letter: "ч.1ст.342" is read, "Parts" is not read as "arts".
_START = r"(?<![^\W\d_])"
_ARTICLE_WORD = (
    rf"{_START}(?:articles?|arts?\.?|ст(?:атьи|атья|атей|\.)?|арт(?:ыкулы|ыкула|ыкул|\.)?)"
)
_PART_WORD = rf"{_START}(?:parts?|p\.|ч(?:асти|асть|асткі|астка|\.)?)"
_ITEM = rf"(?:{_START}(?:item|п(?:ункт|\.)?)\s*\d{{1,2}}\s*(?:of\s+)?)?"

# The patterns, compiled on first use (`_pattern`) rather than when the admin imports this module
# at start-up.
_PATTERNS = {
    # "Part 2 of Art. 285", "ч.2 ст.285", "ч. 1 арт. 342": part before article.
    "part_first": (
        rf"{_ITEM}{_PART_WORD}\s*(\d{{1,2}})\s*(?:of\s+)?{_ARTICLE_WORD}\s*{_NUMBER}",
        re.IGNORECASE,
    ),
    # "Art. 342 part 1", "ст. 361-1", "Article 293": article, then maybe its part.
    "article_first": (
        rf"{_ARTICLE_WORD}\s*{_NUMBER}(?:\s*{_PART_WORD}\s*(\d{{1,2}})(?!\d))?",
        re.IGNORECASE,
    ),
    # "342 ч.1", "342": a bare number (two or three digits), maybe followed by its part.
    "bare": (
        rf"(?<![\w.-])(\d{{2,3}}(?:-\d{{1,2}})?)(?![\d-])(?:\s*{_PART_WORD}\s*(\d{{1,2}})(?!\d))?",
        re.IGNORECASE,
    ),
    # Words that name the code or join charges; nothing else may be left over.
    "filler": (
        r"\b(?:of\s+the\s+)?(?:criminal\s+code(?:\s+of\s+(?:the\s+)?(?:republic\s+of\s+)?belarus)?"
        r"|cc(?:\s+rb)?|уголовного\s+кодекса(?:\s+республики\s+беларусь)?"
        r"|крымінальнага\s+кодэкса(?:\s+рэспублікі\s+беларусь)?|ук(?:\s+рб)?|кк(?:\s+рб)?)\b\.?"
        r"|\b(?:and|и|і|of|in\s+conjunction\s+with|в\s+сочетании\s+с)\b|[,.&+()]",
        re.IGNORECASE,
    ),
    # The title after the charge: after a dash between spaces, an em or en dash, or in «quotes».
    "title": (r"\s+[-—–]\s*(.+)$|\s*[—–]\s*(.+)$|\s*[«\"“](.+?)[»\"”]\s*$", re.DOTALL),
    # Charges are separated by ";" or new lines, and by a comma that starts another charge: a
    # title may itself hold commas ("Incitement of racial, national, religious... hatred").
    "charge_separator": (
        rf"[;\n]+|,\s*(?=(?:{_ITEM}{_PART_WORD}|{_ARTICLE_WORD})\s*\d)",
        re.IGNORECASE,
    ),
}


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    pattern, flags = _PATTERNS[name]
    return re.compile(pattern, flags)


@dataclass(frozen=True)
class ArticleReading:
    """What a charges cell says: (article, part) pairs in order, titles, and what is unreadable."""

    charges: list[tuple[str, str]] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    unreadable: str = ""


def read_articles(text: str) -> ArticleReading:
    """Every charge the cell names; `unreadable` is the cell itself when any part is not read."""
    charges: list[tuple[str, str]] = []
    titles: dict[str, str] = {}
    readable = True
    for segment in _pattern("charge_separator").split(text):
        if not segment.strip():
            continue
        found, title, ok = _read_segment(segment.strip())
        readable = readable and ok
        for charge in found:
            if charge not in charges:
                charges.append(charge)
        main = [number for number, _part in found if number not in GENERAL_PART_ARTICLES]
        if title and len(main) == 1 and len(found) == 1:
            titles.setdefault(main[0], title[:255])
    return ArticleReading(
        charges=charges, titles=titles, unreadable="" if readable else text.strip()[:1000]
    )


def _read_segment(segment: str) -> tuple[list[tuple[str, str]], str, bool]:
    """One `;`-separated piece: its charges, its title, and whether nothing was left unread."""
    body, title = segment, ""
    match = _pattern("title").search(segment)
    if match and re.search(r"\d", segment[: match.start()]):
        body = segment[: match.start()]
        title = next(group for group in match.groups() if group).strip().rstrip(".;,")
    found: list[tuple[str, str]] = []
    spans: list[tuple[int, int, tuple[str, str]]] = []
    for name, swap in (("part_first", True), ("article_first", False), ("bare", False)):
        for hit in _pattern(name).finditer(body):
            if any(start < hit.end() and hit.start() < end for start, end, _c in spans):
                continue
            part, number = hit.groups() if swap else (hit.group(2) or "", hit.group(1))
            spans.append((hit.start(), hit.end(), (number, part or "")))
    spans.sort()
    for _start, _end, charge in spans:
        if charge not in found:
            found.append(charge)
    leftover = body
    for start, end, _charge in sorted(spans, reverse=True):
        leftover = leftover[:start] + " " + leftover[end:]
    leftover = _pattern("filler").sub(" ", leftover)
    return found, title, bool(found) and not re.search(r"\w", leftover)
