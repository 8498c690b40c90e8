"""The index's vocabulary (``SearchWord``): every word its entries hold, with how many entries,
and how many public entries, hold it, in all and per kind. Spelling correction picks its
suggestions from here, and the search page's counts for a one-word query come from here.

Kept current in the transaction that writes an entry: ``index.index_object`` hands over the
words the entry held before and holds now (``tsvector_to_array`` of its vector), its kind and
its visibility before and after; ``rebuild`` recounts everything from the entries in one pass.
"""

import re

from django.db import connection, transaction

from network.lib.thai import lookup_keys

from .models import SearchWord

# What a suggestion may be: a word of letters (Thai or Latin), not a number or a fragment.
WORD_RE = re.compile(r"^[a-z\u0e01-\u0e4e][a-z0-9\u0e01-\u0e4e'\-]{1,59}$")


def suggestible(words) -> list[str]:
    return sorted({w for w in words if WORD_RE.match(w)})


def _keys(word: str) -> str:
    return " ".join(lookup_keys(word))


def add(words, *, kind: str, public: bool, sign: int = 1) -> None:
    """Count ``words`` once more (``sign`` -1: once less) in ``entries`` and ``kinds[kind]`` and,
    for a public entry, in ``public_entries`` and ``public_kinds[kind]``; words no entry holds
    any more are dropped."""
    words = suggestible(words)
    if not words:
        return
    table = SearchWord._meta.db_table
    counted = {"kind": kind, "public": int(public), "sign": sign, "words": words}
    with connection.cursor() as cursor:
        if sign > 0:
            # Sorted, so concurrent writers lock shared words in the same order (no deadlock).
            cursor.execute(
                f"""
                INSERT INTO {table} (word, entries, public_entries, keys, kinds, public_kinds)
                SELECT w, 1, %(public)s::int, string_to_array(k, ' '),
                       jsonb_build_object(%(kind)s::text, 1),
                       jsonb_strip_nulls(jsonb_build_object(%(kind)s::text, nullif(%(public)s::int, 0)))
                FROM unnest(%(words)s::text[], %(keys)s::text[]) AS t(w, k) ORDER BY w
                ON CONFLICT (word) DO UPDATE SET {_counted(table)}
                """,  # noqa: S608 - the table name is ours
                {**counted, "keys": [_keys(w) for w in words]},
            )
        else:
            cursor.execute(
                f"""
                WITH locked AS (
                    SELECT word FROM {table} WHERE word = ANY(%(words)s) ORDER BY word FOR UPDATE
                )
                UPDATE {table} SET {_counted(table)}
                FROM locked WHERE {table}.word = locked.word
                """,  # noqa: S608 - the table name is ours
                counted,
            )
            cursor.execute(
                f"DELETE FROM {table} WHERE word = ANY(%s) AND entries <= 0",  # noqa: S608
                [words],
            )


def _counted(table: str) -> str:
    """The counts ``add`` changes, by %(sign)s (an entry more or less) and %(public)s (1 when
    the entry is public). A kind counted down to 0 leaves ``kinds``, as ``rebuild`` leaves it out."""
    public = "%(sign)s::int * %(public)s::int"

    def per_kind(column: str, change: str) -> str:
        now = f"coalesce(({table}.{column} ->> %(kind)s::text)::int, 0) + {change}"
        return (
            f"{column} = jsonb_strip_nulls("
            f"{table}.{column} || jsonb_build_object(%(kind)s::text, nullif({now}, 0)))"
        )

    return f"""
        entries = {table}.entries + %(sign)s::int,
        public_entries = {table}.public_entries + {public},
        {per_kind("kinds", "%(sign)s::int")},
        {per_kind("public_kinds", public)}
    """


def change(
    old_words, old_public: bool | None, new_words, new_public: bool | None, *, kind: str
) -> None:
    """An entry of ``kind`` went from (``old_words``, public or not; None: no entry) to the new
    state."""
    old = set(suggestible(old_words)) if old_public is not None else set()
    new = set(suggestible(new_words)) if new_public is not None else set()
    if old_public == new_public:
        add(old - new, kind=kind, public=bool(old_public), sign=-1)
        add(new - old, kind=kind, public=bool(new_public))
        return
    # The visibility changed: every word moves between the counts, not only the changed ones.
    if old:
        add(old, kind=kind, public=bool(old_public), sign=-1)
    if new:
        add(new, kind=kind, public=bool(new_public))


def rebuild() -> int:
    """Count every word of every entry again; returns the number of words."""
    from .models import SearchEntry

    entries = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT word, kind, count(*), count(*) FILTER (WHERE visibility = 'public')
            FROM {entries}, unnest(tsvector_to_array(vector)) AS word
            WHERE vector IS NOT NULL GROUP BY word, kind ORDER BY word
            """  # noqa: S608 - the table name is ours
        )
        rows = [row for row in cursor.fetchall() if WORD_RE.match(row[0])]
    words: dict[str, SearchWord] = {}
    for word, kind, total, public in rows:
        if word not in words:
            words[word] = SearchWord(
                word=word, entries=0, public_entries=0, keys=list(lookup_keys(word))
            )
        counted = words[word]
        counted.entries += total
        counted.public_entries += public
        counted.kinds[kind] = total
        if public:
            counted.public_kinds[kind] = public
    with transaction.atomic():  # visitors see the old vocabulary until the new one is complete
        SearchWord.objects.all().delete()
        SearchWord.objects.bulk_create(words.values(), batch_size=2000)
    return len(words)
