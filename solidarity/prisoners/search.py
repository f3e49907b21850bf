"""Finding prisoner records by any common spelling of a name, forgiving one typo.

Prisoner is deliberately not a Wagtail-indexed model: restricted data must never reach an index.
Search runs on the stored `search_keys` (folded spellings and phonetic keys, see names.py).

Each query word gets a score against a record's keys: 1 when a key contains it, else the best of
trigram similarity and edit-distance similarity with the closest key, so "Kalesnikva" still finds
Kalesnikava first. A record's score is the mean over the query's words. PostgreSQL narrows the
candidates with pg_trgm's word similarity over a trigram index; SQLite, the development default,
considers every record. Both then rank the candidates with the same Python scoring, so the two
databases give the same answers.
"""

import functools

from django.db import connections
from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

from .models import Prisoner
from .names import name_tokens, phonetic_key

# Below this mean score a record is not a match: one typo stays above it, another surname below.
MIN_SCORE = 0.6
# PostgreSQL candidates: a looser trigram bound, so that the Python scoring decides.
CANDIDATE_MIN_SIMILARITY = 0.3
MAX_RESULTS = 500
MAX_WORDS = 5  # a full name has two or three; more only costs time
MAX_WORD_LENGTH = 40
MIN_CONTAINED_LENGTH = 3  # "a" is contained in every name
MIN_FUZZY_LENGTH = 6  # "kales" is one letter from "ales": typos are forgiven in longer words


def prisoner_search(*, queryset: QuerySet[Prisoner], query: str) -> QuerySet[Prisoner]:
    """Records matching the query (any spelling, one typo, or the external id), best first."""
    query = query.strip()
    if not query:
        return queryset
    words = _query_words(query)
    candidates = _candidates(queryset=queryset, query=query, words=words)
    ranking = _rank(candidates=candidates, query=query, words=words)
    order = Case(
        *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ranking)),
        default=Value(len(ranking)),
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=ranking).order_by(order, "pk")


def _query_words(query: str) -> list[tuple[str, str]]:
    """Distinct words, a few only: every word is compared with every candidate's keys."""
    tokens = list(dict.fromkeys(t[:MAX_WORD_LENGTH] for t in name_tokens(query)))[:MAX_WORDS]
    return [(token, phonetic_key(token)) for token in tokens]


def _candidates(*, queryset: QuerySet[Prisoner], query: str, words: list[tuple[str, str]]):
    rows = queryset.values_list("pk", "search_keys", "external_id", "sort_name")
    if not words or connections[queryset.db].vendor != "postgresql":
        return rows.order_by()
    # contrib.postgres only on PostgreSQL: it needs the driver and the pg_trgm functions.
    from django.contrib.postgres.search import TrigramWordSimilarity

    similarity = Greatest(
        *(TrigramWordSimilarity(variant, "search_keys") for word in words for variant in word)
    )
    return (
        rows.annotate(similarity=similarity)
        .filter(Q(similarity__gte=CANDIDATE_MIN_SIMILARITY) | Q(external_id__iexact=query))
        # An exact id is never cut off by the candidate limit.
        .order_by(
            Case(When(external_id__iexact=query, then=Value(0)), default=Value(1)), "-similarity"
        )[: MAX_RESULTS * 4]
    )


def _rank(*, candidates, query: str, words: list[tuple[str, str]]) -> list[int]:
    scored = []
    for row in candidates:
        pk, keys, external_id, name = row[:4]
        score = _record_score(words=words, keys=keys.split()) if words else 0.0
        if score >= MIN_SCORE or external_id.lower() == query.lower():
            scored.append((-score, name, pk))
    return [pk for _score, _name, pk in sorted(scored)[:MAX_RESULTS]]


def _record_score(*, words: list[tuple[str, str]], keys: list[str]) -> float:
    if not keys:
        return 0.0
    return sum(max(_word_score(v, keys) for v in word) for word in words) / len(words)


def _word_score(word: str, keys: list[str]) -> float:
    if len(word) < MIN_CONTAINED_LENGTH:
        return 1.0 if word in keys else 0.0
    return max(_similarity(word, key) for key in keys)


def _similarity(word: str, key: str) -> float:
    if word in key:
        return 1.0
    if len(word) < MIN_FUZZY_LENGTH:
        return 0.0
    trigrams = trigram_similarity(word, key)
    if trigrams < CANDIDATE_MIN_SIMILARITY:
        return trigrams  # far apart: skip the costlier edit distance
    return max(trigrams, edit_similarity(word, key))


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity for single words: shared trigrams of the padded words over all."""
    grams_a, grams_b = _trigrams(a), _trigrams(b)
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / len(grams_a | grams_b)


@functools.lru_cache(maxsize=65536)
def _trigrams(word: str) -> frozenset[str]:
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2)) if word else frozenset()


def edit_similarity(a: str, b: str) -> float:
    """1 minus the Levenshtein distance over the longer length: one typo in ten letters is 0.9."""
    if not a or not b:
        return 0.0
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        previous = current
    return 1 - previous[-1] / max(len(a), len(b))
