"""Finding prisoner records by any common spelling of a name, without a search index.

Prisoner is deliberately not a Wagtail-indexed model: restricted data must never reach an index.
The admin filters on the stored `search_keys` instead (see names.py), which works the same way on
SQLite and PostgreSQL.
"""

from django.db.models import Q, QuerySet

from .models import Prisoner
from .names import name_tokens, phonetic_key


def prisoner_search(*, queryset: QuerySet[Prisoner], query: str) -> QuerySet[Prisoner]:
    """Records whose names match every word of the query, in any spelling, or the external id.

    A word matches when its folded form or its phonetic key is contained in the record's search
    keys, so "Kolesnikova", "Калеснікава" and "Kalesnikawa" all find Kalesnikava, and the
    beginning of a name is enough.
    """
    query = query.strip()
    if not query:
        return queryset
    condition = Q(external_id__iexact=query)
    tokens = name_tokens(query)
    if tokens:
        names = Q()
        for token in tokens:
            names &= Q(search_keys__contains=token) | Q(search_keys__contains=phonetic_key(token))
        condition |= names
    return queryset.filter(condition)
