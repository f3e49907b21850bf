"""Finding prisoner records by any common spelling of a name, forgiving one typo.

Prisoner is deliberately not a Wagtail-indexed model: restricted data must never reach an index.
Search runs on the stored `search_keys` (folded spellings and phonetic keys, see names.py).

Each query word gets a score against a record's keys. A long word scores 1 when a key contains
it, else the best of trigram similarity and edit-distance similarity with the closest key, so
"Kalesnikva" still finds Kalesnikava first. A shorter word (three to five letters) scores 1 when
a key begins with it, and may be a name being typed: one typo after its first three letters is
forgiven ("Bondr" finds Bondar). A word of one or two letters must be a whole key. A record's
score is the mean over the query's words. Records rank by that score, then by the score of the
words as written (without phonetic keys: "Bialousky" is Bialouski before Bulauski, whose keys
sound the same), then by name; an exact external id comes first whatever its score.

On PostgreSQL a trigram index (gin_trgm_ops on search_keys) finds the candidates, one query per
word: a record can score only where a word, or its first letters, is contained in its keys
(`LIKE`), or where a long word has a similar run of keys (pg_trgm's strict word-similarity
operator `%>>` at CANDIDATE_MIN_SIMILARITY); a record is a candidate when enough of the words can
score for the mean to reach MIN_SCORE. Only the candidates are scored, with the same formula in
SQL (pg_trgm's similarity, fuzzystrmatch's levenshtein), and the best MAX_RESULTS are kept
(LIMIT). Comparing a function's result with a bound instead read every record, and ranking
thousands of candidates in Python took over a second at 20,000 records. SQLite, the development
default, scores every record in Python; both give the same ranking, which the tests check.
"""

import collections
import functools
import itertools
import math
import operator

from django.db import connections, transaction
from django.db.models import (
    BooleanField,
    Case,
    F,
    Field,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Collate

from .models import Prisoner
from .names import name_tokens, phonetic_key

# Below this mean score a record is not a match: one typo stays above it, another surname below.
MIN_SCORE = 0.6
# A long word not in a key scores 0 with it below this trigram similarity, else the better of that
# and its edit similarity: so every word that scores can be found through the trigram index.
CANDIDATE_MIN_SIMILARITY = 0.3
MAX_RESULTS = 500
MAX_WORDS = 5  # a full name has two or three; more only costs time
MAX_WORD_LENGTH = 40
MIN_CONTAINED_LENGTH = 3  # shorter: a whole key ("a" begins too many names)
MIN_TYPED_LENGTH = 4  # "bondr" is Bondar being typed; "bon" only begins names
TYPED_SAME_START = 3  # a name being typed starts right: "kales" is not "ales" mistyped
MIN_FUZZY_LENGTH = (
    6  # shorter words begin a key; longer ones may sit anywhere in one, or have a typo
)
MAX_COMBINATIONS = 4  # of the words that must match: up to 4 words, one statement
MAX_LEVENSHTEIN_LENGTH = 255  # fuzzystrmatch's limit; the words of names are far shorter


def prisoner_search(*, queryset: QuerySet[Prisoner], query: str) -> QuerySet[Prisoner]:
    """Records matching the query (any spelling, one typo, or the external id), best first."""
    query = query.strip()
    if not query:
        return queryset
    words = _query_words(query)
    if connections[queryset.db].vendor == "postgresql":
        ranking = _rank_in_postgresql(queryset=queryset, query=query, words=words)
    else:
        ranking = _rank(candidates=_every_record(queryset), query=query, words=words)
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


# --- PostgreSQL: candidates from the trigram index, scored and ranked in SQL ---


def _rank_in_postgresql(
    *, queryset: QuerySet[Prisoner], query: str, words: list[tuple[str, str]]
) -> list[int]:
    by_id = Q(external_id__iexact=query)  # served by its own index, on UPPER(external_id)
    if not words:
        return list(queryset.filter(by_id).order_by("pk").values_list("pk", flat=True))
    # No savepoint: the settings are restored before the ranking, and a few statements fewer.
    with transaction.atomic(using=queryset.db, savepoint=False):
        candidates = _candidates(queryset.model, words, using=queryset.db)
        rows = (
            queryset.filter(Q(pk__in=candidates) | by_id)
            .annotate(
                exact_id=Case(When(by_id, then=Value(1)), default=Value(0)),
                rank=_rank_expression(words),
            )
            # "C": Python's order of strings, as _rank sorts.
            .order_by("-exact_id", "-rank", Collate(F("sort_name"), "C"), "pk")
            .values_list("pk", "exact_id", "rank")[:MAX_RESULTS]
        )
        return [pk for pk, exact_id, (score, _) in rows if exact_id or score >= MIN_SCORE]


def _candidates(model: type[Prisoner], words: list[tuple[str, str]], *, using: str) -> list[int]:
    """Records on which enough of the query's words score above 0 for a mean of MIN_SCORE.

    A word scores 0 or at least CANDIDATE_MIN_SIMILARITY, and at most 1, so a record needs
    `_words_needed` of them. Which records a word scores on is a condition that the trigram index
    serves (_word_condition): a common first name alone finds thousands, but only those that also
    match the surname are candidates. Words shorter than MIN_CONTAINED_LENGTH match whole keys
    only, which no index serves: they count as matching everywhere, and are read record by record
    only when the longer words are not enough to narrow the search.
    """
    long_words = [word for word in words if _word_condition(word)]
    needed = _words_needed(len(words)) - (len(words) - len(long_words))
    records = model._default_manager.using(using).order_by()
    # The bound of the operator %>> (see _word_condition), for this transaction.
    threshold = {"pg_trgm.strict_word_similarity_threshold": str(CANDIDATE_MIN_SIMILARITY)}
    if needed <= 0 or not long_words:
        _set_locally(using, threshold)
        condition = Q()
        for word in words:
            condition |= _word_condition(word) or _whole_key_condition(word)
        return list(records.filter(condition).values_list("pk", flat=True))
    # The planner prices pg_trgm's operators as cheap and a trigram index as dear, so it would
    # read every record and compute the similarity of each (over half a second at 20,000 records)
    # rather than let the index find the few hundred candidates: without plain or index scans, the
    # bitmap scan of the trigram index is what remains for these conditions.
    plan = _set_locally(using, {**threshold, "enable_seqscan": "off", "enable_indexscan": "off"})
    if math.comb(len(long_words), needed) <= MAX_COMBINATIONS:
        # One statement: the index's bitmaps are intersected before any record is read.
        condition = Q()
        for combination in itertools.combinations(long_words, needed):
            condition |= functools.reduce(operator.and_, map(_word_condition, combination))
        candidates = list(records.filter(condition).values_list("pk", flat=True))
    else:
        matches = collections.Counter(
            pk
            for word in long_words
            for pk in records.filter(_word_condition(word)).values_list("pk", flat=True)
        )
        candidates = [pk for pk, count in matches.items() if count >= needed]
    # Back as they were: the ranking query filters on whatever the caller chose.
    _set_locally(using, {name: plan[name] for name in ("enable_seqscan", "enable_indexscan")})
    return candidates


def _set_locally(using: str, settings: dict[str, str]) -> dict[str, str]:
    """Settings for the current transaction only, in one statement; returns the previous values.

    The select list is evaluated in order: each current_setting reads the value before set_config.
    """
    names = list(settings)
    reads = ", ".join(["current_setting(%s, true)"] * len(names))
    writes = ", ".join(["set_config(%s, %s, true)"] * len(names))
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT {reads}, {writes}",
            [*names, *(part for name in names for part in (name, settings[name]))],
        )
        previous = cursor.fetchone()
    return dict(zip(names, previous[: len(names)], strict=True))


def _words_needed(count: int) -> int:
    """The fewest words scoring up to 1 each whose sum reaches MIN_SCORE times the count."""
    return max(1, math.ceil(MIN_SCORE * count - 1e-9))


def _word_condition(word: tuple[str, str]) -> Q:
    """Served by the trigram index: true wherever the word can score above 0 (see _similarity).

    Contained in a key; a name being typed shares its first letters with one; a long word's
    trigram similarity with a key reaches CANDIDATE_MIN_SIMILARITY, so its strict word similarity
    with the keys does too (`%>>`: the best over runs of whole keys, one key among them; checked
    on the full-scale data, where both bounds select the same records).
    """
    condition = Q()
    for variant in dict.fromkeys(word):
        if len(variant) >= MIN_FUZZY_LENGTH:
            condition |= Q(_KeysSql("{keys} %%>> %s", [variant]))
        elif len(variant) >= MIN_CONTAINED_LENGTH:
            start = variant[:TYPED_SAME_START]  # begins a key: the first or after a space
            condition |= Q(search_keys__startswith=start) | Q(search_keys__contains=f" {start}")
    return condition


def _whole_key_condition(word: tuple[str, str]) -> Q:
    condition = Q()
    for variant in dict.fromkeys(word):
        condition |= Q(_KeysSql("%s = ANY(string_to_array({keys}, ' '))", [variant]))
    return condition


def _variants(words: list[tuple[str, str]]) -> list[str]:
    return list(dict.fromkeys(variant for word in words for variant in word))


def _rank_expression(words: list[tuple[str, str]]) -> "_KeysSql":
    """_record_rank in SQL: an array [score, score as written], which sorts like the tuple.

    The inner select scores each variant once per key (OFFSET 0 keeps PostgreSQL from copying
    the expressions into both aggregates); the outer one takes each word's best over the keys.
    """
    variants = list(dict.fromkeys(variant for word in words for variant in word))
    column = {variant: f"s{number}" for number, variant in enumerate(variants)}
    per_key, params = [], []
    for variant in variants:
        sql, variant_params = _key_score_sql(variant)
        per_key.append(f"{sql} AS {column[variant]}")
        params += variant_params
    scores, written = [], []
    for word in words:
        best = ", ".join(column[variant] for variant in dict.fromkeys(word))
        scores.append(f"COALESCE(max(GREATEST({best})), 0)")
        written.append(f"COALESCE(max({column[word[0]]}), 0)")
    count = float(len(words))
    # Constant fragments only: every value is a parameter.
    sql = (
        f"(SELECT ARRAY[({' + '.join(scores)}) / %s, ({' + '.join(written)}) / %s]"  # noqa: S608
        f" FROM (SELECT {', '.join(per_key)}"
        " FROM unnest(string_to_array({keys}, ' ')) AS search_key(k) OFFSET 0) AS per_key)"
    )
    return _KeysSql(sql, [count, count, *params], output_field=Field())


def _key_score_sql(variant: str) -> tuple[str, list]:
    """_similarity(variant, k) in SQL for the key `k`, as a float8."""
    if len(variant) < MIN_CONTAINED_LENGTH:
        return "(k = %s)::int::float8", [variant]
    length = len(variant)
    if len(variant) < MIN_TYPED_LENGTH:
        return "(left(k, %s) = %s)::int::float8", [length, variant]
    if len(variant) < MIN_FUZZY_LENGTH:
        return (
            "CASE WHEN left(k, %s) = %s THEN 1.0::float8"
            " WHEN left(k, %s) = %s AND LEAST(levenshtein(%s, left(k, %s)),"
            " levenshtein(%s, left(k, %s)), levenshtein(%s, left(k, %s))) <= 1"
            " THEN %s ELSE 0.0::float8 END",
            [
                length,
                variant,
                TYPED_SAME_START,
                variant[:TYPED_SAME_START],
                variant,
                length - 1,
                variant,
                length,
                variant,
                length + 1,
                _typed_score(variant),
            ],
        )
    return (
        "CASE WHEN strpos(k, %s) > 0 THEN 1.0::float8"
        " WHEN similarity(%s, k) < %s THEN 0.0::float8"
        " WHEN length(k) > %s THEN similarity(%s, k)::float8"
        " ELSE GREATEST(similarity(%s, k)::float8,"
        " 1.0 - levenshtein(%s, k)::float8 / GREATEST(%s, length(k))) END",
        [
            variant,
            variant,
            CANDIDATE_MIN_SIMILARITY,
            MAX_LEVENSHTEIN_LENGTH,
            variant,
            variant,
            variant,
            len(variant),
        ],
    )


class _KeysSql(Func):
    """A fragment of SQL about the record's search keys, written `{keys}` in it."""

    def __init__(self, sql: str, params: list, output_field: Field | None = None) -> None:
        super().__init__(F("search_keys"), output_field=output_field or BooleanField())
        self.sql, self.sql_params = sql, params

    def as_sql(self, compiler, connection, **extra_context):
        keys, keys_params = compiler.compile(self.get_source_expressions()[0])
        assert not keys_params, "a column, so that the fragment's parameters keep their places"
        return self.sql.replace("{keys}", keys), list(self.sql_params)


# --- SQLite, and the definition that PostgreSQL's SQL follows: every record, ranked in Python ---


def _every_record(queryset: QuerySet[Prisoner]):
    return queryset.values_list("pk", "search_keys", "external_id", "sort_name").order_by()


def _rank(*, candidates, query: str, words: list[tuple[str, str]]) -> list[int]:
    ranked = []
    for pk, keys, external_id, name in candidates:
        by_id = external_id.lower() == query.lower()
        score, written = _record_rank(words=words, keys=keys.split()) if words else (0.0, 0.0)
        if score >= MIN_SCORE or by_id:
            ranked.append((not by_id, -score, -written, name, pk))
    return [row[-1] for row in sorted(ranked)[:MAX_RESULTS]]


def _record_rank(*, words: list[tuple[str, str]], keys: list[str]) -> tuple[float, float]:
    """The mean score over the words, and the same for the words as written only."""
    if not keys:
        return 0.0, 0.0
    scores = [[_word_score(variant, keys) for variant in word] for word in words]
    return (
        sum(max(word) for word in scores) / len(words),
        sum(word[0] for word in scores) / len(words),
    )


def _word_score(word: str, keys: list[str]) -> float:
    if len(word) < MIN_CONTAINED_LENGTH:
        return 1.0 if word in keys else 0.0
    return max(_similarity(word, key) for key in keys)


def _similarity(word: str, key: str) -> float:
    if len(word) < MIN_FUZZY_LENGTH:
        if key.startswith(word):
            return 1.0
        return _typed_similarity(word, key) if len(word) >= MIN_TYPED_LENGTH else 0.0
    if word in key:
        return 1.0
    trigrams = trigram_similarity(word, key)
    if trigrams < CANDIDATE_MIN_SIMILARITY:
        return 0.0  # far apart (and the trigram index can find every word that scores)
    if len(key) > MAX_LEVENSHTEIN_LENGTH:
        return trigrams
    return max(trigrams, edit_similarity(word, key))


def _typed_similarity(word: str, key: str) -> float:
    """A short word as the beginning of a key being typed, with at most one typo after its start."""
    if key[:TYPED_SAME_START] != word[:TYPED_SAME_START]:
        return 0.0
    length = len(word)
    typos = min(edit_distance(word, key[:end]) for end in (length - 1, length, length + 1))
    return _typed_score(word) if typos <= 1 else 0.0


def _typed_score(word: str) -> float:
    return 1 - 1 / len(word)  # one letter in four or five: as one typo in a long word


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
    return 1 - edit_distance(a, b) / max(len(a), len(b))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein's distance (fuzzystrmatch's levenshtein): insertions, deletions, changes."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        previous = current
    return previous[-1]
