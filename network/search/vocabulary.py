"""The index's vocabulary (``SearchWord``): every word its entries hold, with how many entries,
and how many public entries, hold it. Spelling correction picks its suggestions from here.

Kept current in the transaction that writes an entry: ``index.index_object`` hands over the
words the entry held before and holds now (``tsvector_to_array`` of its vector) and its
visibility before and after; ``rebuild`` recounts everything from the entries in one pass.
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


def add(words, *, public: bool, sign: int = 1) -> None:
    """Count ``words`` once more (``sign`` -1: once less) in ``entries`` and, for a public entry,
    in ``public_entries``; words no entry holds any more are dropped."""
    words = suggestible(words)
    if not words:
        return
    table = SearchWord._meta.db_table
    with connection.cursor() as cursor:
        if sign > 0:
            # Sorted, so concurrent writers lock shared words in the same order (no deadlock).
            cursor.execute(
                f"""
                INSERT INTO {table} (word, entries, public_entries, keys)
                SELECT w, 1, %s, string_to_array(k, ' ')
                FROM unnest(%s::text[], %s::text[]) AS t(w, k) ORDER BY w
                ON CONFLICT (word) DO UPDATE SET
                    entries = {table}.entries + 1,
                    public_entries = {table}.public_entries + EXCLUDED.public_entries
                """,  # noqa: S608 - the table name is ours
                [1 if public else 0, words, [_keys(w) for w in words]],
            )
        else:
            cursor.execute(
                f"""
                WITH locked AS (
                    SELECT word FROM {table} WHERE word = ANY(%s) ORDER BY word FOR UPDATE
                )
                UPDATE {table} SET entries = entries - 1, public_entries = public_entries - %s
                FROM locked WHERE {table}.word = locked.word
                """,  # noqa: S608 - the table name is ours
                [words, 1 if public else 0],
            )
            cursor.execute(
                f"DELETE FROM {table} WHERE word = ANY(%s) AND entries <= 0",  # noqa: S608
                [words],
            )


def change(old_words, old_public: bool | None, new_words, new_public: bool | None) -> None:
    """An entry went from (``old_words``, public or not; None: no entry) to the new state."""
    old = set(suggestible(old_words)) if old_public is not None else set()
    new = set(suggestible(new_words)) if new_public is not None else set()
    if old_public == new_public:
        add(old - new, public=bool(old_public), sign=-1)
        add(new - old, public=bool(new_public))
        return
    # The visibility changed: every word moves between the counts, not only the changed ones.
    if old:
        add(old, public=bool(old_public), sign=-1)
    if new:
        add(new, public=bool(new_public))


def rebuild() -> int:
    """Count every word of every entry again; returns the number of words."""
    from .models import SearchEntry

    entries = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT word, count(*), count(*) FILTER (WHERE visibility = 'public')
            FROM {entries}, unnest(tsvector_to_array(vector)) AS word
            WHERE vector IS NOT NULL GROUP BY word
            """  # noqa: S608 - the table name is ours
        )
        rows = [row for row in cursor.fetchall() if WORD_RE.match(row[0])]
    with transaction.atomic():  # visitors see the old vocabulary until the new one is complete
        SearchWord.objects.all().delete()
        SearchWord.objects.bulk_create(
            (
                SearchWord(
                    word=word, entries=total, public_entries=public, keys=list(lookup_keys(word))
                )
                for word, total, public in rows
            ),
            batch_size=2000,
        )
    return len(rows)
