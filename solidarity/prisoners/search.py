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

On PostgreSQL the score is computed once per distinct key, not once per record: a table holds every
key once, with a trigram index, and another which records use it (kept by triggers, migration
0011). The query's words find the keys they can score on (contained, sharing their first letters,
or of trigram similarity at least CANDIDATE_MIN_SIMILARITY); those keys are scored with the same
formula in SQL (pg_trgm's similarity, fuzzystrmatch's levenshtein), the scores added up per record
that uses them, and the best MAX_RESULTS records ranked in the same statement. Scoring the whole
`search_keys` of every candidate record cost over 100 ms at 20,000 records, where a common surname
is shared by hundreds. SQLite, the development default, scores every record in Python; both give
the same ranking, which the tests check.
"""

import functools

from django.db import connections, transaction
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, Value, When

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
MAX_LEVENSHTEIN_LENGTH = 255  # fuzzystrmatch's limit; the words of names are far shorter


def prisoner_search(*, queryset: QuerySet[Prisoner], query: str) -> QuerySet[Prisoner]:
    """Records matching the query (any spelling, one typo, or the external id), best first."""
    query = query.strip()
    if not query:
        return queryset
    words = _query_words(query)
    if connections[queryset.db].vendor == "postgresql":
        ranking = _rank_in_postgresql(queryset=queryset, query=query, words=words)
        # One array parameter: a CASE of 500 branches cost milliseconds per row sorted.
        order: Func | Case = Func(
            Value(ranking), F("pk"), function="array_position", output_field=IntegerField()
        )
    else:
        ranking = _rank(candidates=_every_record(queryset), query=query, words=words)
        order = Case(
            *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ranking)),
            default=Value(len(ranking)),
            output_field=IntegerField(),
        )
    return queryset.filter(pk__in=ranking).order_by(order, "pk")


def _query_words(query: str) -> list[tuple[str, str]]:
    """Distinct words, a few only: every word is compared with every candidate's keys."""
    tokens = list(dict.fromkeys(t[:MAX_WORD_LENGTH] for t in name_tokens(query)))[:MAX_WORDS]
    return [(token, phonetic_key(token)) for token in tokens]


# --- PostgreSQL: each distinct key scored once, the scores added up per record, ranked in SQL ---


def _rank_in_postgresql(
    *, queryset: QuerySet[Prisoner], query: str, words: list[tuple[str, str]]
) -> list[int]:
    if not words:  # no name in the query: the external id only, served by its own index
        by_id = Q(external_id__iexact=query)
        return list(queryset.filter(by_id).order_by("pk").values_list("pk", flat=True))
    within, within_params = queryset.order_by().values("pk").query.sql_with_params()
    sql, params = _ranking_sql(words)
    # No savepoint: the threshold is this transaction's only, and a few statements fewer.
    with transaction.atomic(using=queryset.db, savepoint=False):
        _set_locally(queryset.db, {"pg_trgm.similarity_threshold": str(CANDIDATE_MIN_SIMILARITY)})
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                sql.replace("{within}", within),
                [*params, MIN_SCORE, query, *within_params, query, MAX_RESULTS],
            )
            return [pk for (pk,) in cursor.fetchall()]


def _ranking_sql(words: list[tuple[str, str]]) -> tuple[str, list]:
    """The best MAX_RESULTS records, as _rank orders them, in one statement.

    `matched`: the distinct keys on which a variant of a word can score above 0 (_key_condition,
    served by the keys' trigram index), each with its score for every variant. `scored`: per
    record using any of them, each word's best over its keys, the mean over the words, and the
    same for the words as written. A key that matches no word scores 0 for all, so leaving it out
    changes no record's score. Then the records at or above MIN_SCORE, or whose external id is
    the query, among those of the queryset (`{within}`).
    """
    variants = _variants(words)
    column = {variant: f"s{number}" for number, variant in enumerate(variants)}
    per_key, conditions, params, condition_params = [], [], [], []
    for variant in variants:
        score_sql, score_params = _key_score_sql(variant)
        per_key.append(f"{score_sql} AS {column[variant]}")
        params += score_params
        sql, sql_params = _key_condition(variant)
        conditions.append(sql)
        condition_params += sql_params
    scores, written = [], []
    for word in words:
        best = ", ".join(column[variant] for variant in dict.fromkeys(word))
        scores.append(f"max(GREATEST({best}))")
        written.append(f"max({column[word[0]]})")
    count = float(len(words))
    # Constant fragments only: every value is a parameter. MATERIALIZED: each key is scored once,
    # not once per record that uses it.
    sql = (
        "WITH matched AS MATERIALIZED ("  # noqa: S608
        f" SELECT id, {', '.join(per_key)}"
        f" FROM (SELECT id, key AS k FROM prisoners_search_key WHERE {' OR '.join(conditions)})"
        " AS found),"
        " scored AS MATERIALIZED ("
        f" SELECT u.prisoner_id, ({' + '.join(scores)}) / %s AS score,"
        f" ({' + '.join(written)}) / %s AS written"
        " FROM matched JOIN prisoners_search_key_prisoner AS u ON u.key_id = matched.id"
        " GROUP BY u.prisoner_id)"
        " SELECT p.id FROM prisoners_prisoner AS p"
        " LEFT JOIN scored ON scored.prisoner_id = p.id"
        " WHERE p.id IN (SELECT prisoner_id FROM scored WHERE score >= %s"
        " UNION ALL SELECT id FROM prisoners_prisoner WHERE UPPER(external_id) = UPPER(%s))"
        " AND p.id IN ({within})"
        " ORDER BY UPPER(p.external_id) = UPPER(%s) DESC, COALESCE(scored.score, 0) DESC,"
        # "C": Python's order of strings, as _rank sorts.
        ' COALESCE(scored.written, 0) DESC, p.sort_name COLLATE "C", p.id LIMIT %s'
    )
    return sql, [*params, *condition_params, count, count]


def _key_condition(variant: str) -> tuple[str, list]:
    """True for every key on which the variant scores above 0 (_similarity), through the index.

    Contained in the key (LIKE), or a trigram similarity of at least CANDIDATE_MIN_SIMILARITY
    (`%`, with pg_trgm.similarity_threshold set to it), for a long word; the key begins with the
    first letters of a shorter one (as typed, or with one typo after them); the whole key for a
    word of one or two letters.
    """
    if len(variant) < MIN_CONTAINED_LENGTH:
        return "key = %s", [variant]
    if len(variant) < MIN_FUZZY_LENGTH:
        return "key LIKE %s", [_like_escaped(variant[:TYPED_SAME_START]) + "%"]
    return "(key LIKE %s OR key %% %s)", [f"%{_like_escaped(variant)}%", variant]


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _set_locally(using: str, settings: dict[str, str]) -> None:
    """Settings for the current transaction only, in one statement."""
    writes = ", ".join(["set_config(%s, %s, true)"] * len(settings))
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT {writes}",
            [part for name, value in settings.items() for part in (name, value)],
        )


def _variants(words: list[tuple[str, str]]) -> list[str]:
    return list(dict.fromkeys(variant for word in words for variant in word))


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
